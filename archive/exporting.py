"""Every article's metadata as JSON or CSV: for backup, and for re-import as a manifest."""

import csv
import json

from django.utils import timezone

from archive.models import Article

COLUMNS = ["id", "slug", "file", "captures", "title", "authors", "date", "date_precision", "date_kind",
           "year", "source", "url", "language", "genre", "themes", "needs_review", "review_reasons", "exported_at"]


def article_record(article, exported_at):
    """One article's metadata as the export writes it (exported_at: when, so that a re-import
    with it as a manifest leaves alone the curators' edits made since)."""
    return {
        "id": article.pk,
        "slug": article.slug,
        "file": article.capture_file,
        "captures": [c.file_name for c in article.captures.all()],
        "title": article.title or None,
        "authors": [a.name for a in article.ordered_authors],
        "date": article.date.isoformat() if article.date else None,
        "date_precision": article.date_precision,
        "date_kind": article.date_kind,
        "year": article.year,
        "source": article.source.name if article.source_id else None,
        "url": article.url or None,
        "language": article.language,
        "genre": article.genre or None,
        "themes": sorted(t.name for t in article.themes.all()),
        "needs_review": article.needs_review,
        "review_reasons": list(article.review_reasons),
        "body": [{"type": b["type"], "text": b["text"]} for b in article.body],
        "exported_at": exported_at,
    }


def records():
    qs = Article.objects.with_listing().prefetch_related("captures").order_by("pk")
    exported_at = timezone.now().isoformat(timespec="seconds")
    for article in qs.iterator(chunk_size=500):
        yield article_record(article, exported_at)


def write_json(out):
    out.write("[")
    for i, record in enumerate(records()):
        out.write(("," if i else "") + "\n  " + json.dumps(record, ensure_ascii=False))
    out.write("\n]\n")


def write_csv(out):
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records():
        for key in ("authors", "themes", "review_reasons", "captures"):
            record[key] = "; ".join(record[key])
        writer.writerow(record)
