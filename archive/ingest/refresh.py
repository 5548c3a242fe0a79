"""Run extraction again on an article's stored primary capture; curated fields are kept."""

from django.db import transaction

from archive.ingest.extract import extract
from archive.ingest.read import RawCapture
from archive.ingest.roles import analyse
from archive.ingest.store import apply_metadata
from archive.models import Theme


def raw_of(capture):
    """The RawCapture a stored Capture was made from (saved pages keep their markup)."""
    if capture.format == "html":
        from archive.ingest.html import page_text

        text, meta = page_text(capture.raw_text)
        return RawCapture(capture.file_name, "html", text, capture.encoding, capture.content_hash,
                          capture.raw_text, meta)
    return RawCapture(capture.file_name, capture.format, capture.raw_text, capture.encoding, capture.content_hash)


def reextract(article, *, themes=None):
    """Re-extract article from its primary capture: (changed fields, kept curated fields), or None without one."""
    capture = article.captures.filter(is_primary=True).first()
    if capture is None:
        return None
    raw = raw_of(capture)
    meta = extract(analyse(raw.text), raw)
    if not meta.body:
        return None
    themes = list(Theme.objects.all()) if themes is None else themes
    with transaction.atomic():
        return apply_metadata(article, meta, themes=themes)
