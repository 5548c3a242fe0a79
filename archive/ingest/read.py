"""Read a capture file into text: format, encoding and the checks that reject bad input."""

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}

# Leading bytes of files that are certainly not text captures.
MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"RIFF", "a media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"%PDF", "a PDF"),
]

BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


class Rejected(Exception):
    """A capture that cannot be imported; the message says why, for the report."""


@dataclass
class RawCapture:
    name: str
    format: str
    text: str
    encoding: str
    content_hash: str
    html: str = ""  # the markup, for saved pages
    html_meta: dict = field(default_factory=dict)


def supported(path):
    return Path(path).suffix.lower() in FORMATS


def read_capture(path, *, max_bytes):
    """Read path into a RawCapture, or raise Rejected with a reason a person can act on."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise Rejected(f"unsupported file type {path.suffix or '(none)'}: use .txt, .md, .html or .pdf")
    size = path.stat().st_size
    if size > max_bytes:
        raise Rejected(f"too large: {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    data = path.read_bytes()
    if not data.strip():
        raise Rejected("empty file")
    if fmt == "pdf":
        text = pdf_text(data)
        encoding = "pdf"
    else:
        if data.startswith(b"%PDF"):
            text, encoding, fmt = pdf_text(data), "pdf", "pdf"
        else:
            text, encoding = decode(data)
    text = normalise_text(text)
    if not text.strip():
        raise Rejected("no text in the file")
    html, meta = "", {}
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if fmt in ("markdown", "text"):
        meta, text = front_matter(text)
    if fmt == "html":
        html = text
        from archive.ingest.html import page_text

        text, meta = page_text(html)
        if not text.strip():
            raise Rejected("no article text found in the saved page")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return RawCapture(path.name, fmt, text, encoding, digest, html, meta)


# The YAML front matter of a markdown export (MarkDownload, Obsidian's web clipper, static sites):
# its keys, by the field they give. Keys for when the page was saved ("created", "clipped") are not dates.
FRONT_MATTER_KEYS = {
    "title": "title", "author": "author", "authors": "author", "creator": "author", "by": "author",
    "date": "date", "published": "date", "pubdate": "date", "date_published": "date", "publish_date": "date",
    "updated": "modified", "modified": "modified", "last_modified": "modified",
    "source": "url", "url": "url", "link": "url", "canonical": "url", "original_url": "url",
    "site": "site_name", "site_name": "site_name", "publisher": "site_name", "description": "description",
}
# Keys that mark a block between two rules as an export's metadata.
_EXPORT_KEYS = set(FRONT_MATTER_KEYS) | {"tags", "created", "clipped", "categories", "slug", "layout"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n){1,80}?)---[ \t]*(?:\n|\Z)")


def front_matter(text):
    """(metadata, text without it) of a capture opening with YAML front matter; else ({}, text).

    Only the simple YAML such exports write is read: "key: value" and "key:" over "- item" lines.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    values, key = {}, None
    for line in m.group("body").splitlines():
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key:
            values.setdefault(key, []).append(_scalar(item.group(1)))
            continue
        pair = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not pair:
            continue
        key = pair.group(1).lower().replace("-", "_")
        if pair.group(2).strip():
            value = pair.group(2).strip()
            listed = re.match(r"^\[(.*)\]$", value)
            values[key] = [_scalar(v) for v in listed.group(1).split(",")] if listed and key in ("author", "authors") \
                else [_scalar(value)]
    if not set(values) & _EXPORT_KEYS:
        return {}, text  # lines between two rules, not an export's metadata
    meta = {}
    for key, items in values.items():
        field_ = FRONT_MATTER_KEYS.get(key)
        items = [v for v in items if v]
        if field_ == "url" and items and not items[0].startswith("http"):
            field_ = "site_name"  # "source: East Asia Forum": a publication, not an address
        if field_ and items and field_ not in meta:
            meta[field_] = items if field_ == "author" else items[0]
    return meta, text[m.end():]


def _scalar(value):
    """A YAML scalar as text: quotes, Obsidian's [[links]] and a trailing comment removed."""
    value = re.sub(r"\s+#.*$", "", value.strip()).strip().strip("\"'").strip()
    return re.sub(r"^\[\[(.*?)(?:\|.*)?\]\]$", r"\1", value).strip()


def decode(data):
    """Bytes to text: BOM first, then strict UTF-8, then a detected legacy encoding."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise Rejected(f"undecodable: a {encoding} byte-order mark but invalid text ({exc.reason})")
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise Rejected(f"binary file: this is {what}, not a text capture")
    if b"\x00" in data:
        raise Rejected("binary file: it contains NUL bytes")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _legacy(data)
    if control_ratio(text) > 0.01:
        raise Rejected("binary file: too many control characters for text")
    return text, encoding


def _legacy(data):
    """(text, encoding) of bytes in a legacy single-byte or multi-byte encoding.

    The detector needs many non-ASCII letters to tell the code pages apart: for an English page
    with a few accented names it may read "Lefèvre" as cp1250's "Lefčvre", "Władysław" as Big5, and
    even a Spanish page's "España" as "Espańa". Of the readings that are plausible (the detector's and
    the common Windows code pages': Western, Central European, Cyrillic), the one with the most common
    words of a European language written right wins; on a tie, the detector's when the text gave it
    enough to go on, else the first code page.
    """
    best = from_bytes(data).best()
    readings = [(str(best), best.encoding, not _mostly_ascii(str(best)))] if best is not None else []
    for encoding in ("cp1252", "cp1250", "cp1251"):
        try:
            readings.append((data.decode(encoding), encoding, False))
        except UnicodeDecodeError:
            continue
    plausible = [r for r in readings if not _implausible(r[0])]
    if not plausible:
        if best is None:
            raise Rejected("undecodable: no text encoding fits its bytes")
        return readings[0][:2]
    order = {"cp1252": 3, "cp1250": 2, "cp1251": 1}
    text, encoding, _ = max(plausible, key=lambda r: (_common_words(r[0]), r[2], order.get(r[1], 0)))
    return text, encoding


# Common words with letters beyond ASCII, in the languages of Europe's legacy code pages: a reading
# that spells them is the right one ("España", not "Espańa"; "při", not "pøi").
_COMMON = set("""
    à où là déjà été être très après même général société français française problème première ça voilà
    españa año años también más está qué según través señor español española compañía mañana así
    não são também até após então já está português será política
    für über können müssen während größer grüße außen österreich zurück schön
    più perché città così già però è
    się że być które który między również państwo władze polski polska będzie może jeszcze
    že být které může mezi při více několik řekl český česká město stát jsou
    és között után szerint első több magyar hogy
    și în către fără după pentru românia
    и в не на что это как по для из от но его она они было уже или при так также россия
    і що як це та від для при україни україна також його вони""".split())


def _common_words(text):
    return sum(1 for word in _WORD.findall(text[:50000].lower()) if word in _COMMON)


# A word, for the plausibility test: letters and whatever stands among them, but for punctuation
# and symbols that stand between words ("Russie–Afrique", "2 €").
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'«»“”‘’„‚‹›/\\|<>=+*&%$#@~`^_\-–—‐‑‒―…•·′″§¶†‡€£¥©®™°±×÷]+")


def _mostly_ascii(text):
    letters = [c for c in text if c.isalpha()]
    return sum(not c.isascii() for c in letters) <= 0.03 * len(letters)


def _implausible(text):
    """True when some word reads like another encoding's bytes: a symbol among its letters
    ("W³adys³aw"), two scripts in one word ("W豉dys豉w"), or five or more letters none of them
    ASCII in Latin script ("Ïðèâåò", Russian read as Western)."""
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if any(not c.isalpha() for c in word[1:-1]):
            return True
        scripts = {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()}
        if len(scripts) > 1 or (len(word) >= 5 and scripts == {"LATIN"} and not any(c.isascii() for c in word)):
            return True
    return False


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def control_ratio(text):
    """Share of control characters (and replacement characters) in the first 20,000 characters."""
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def normalise_text(text):
    """One newline convention, ordinary spaces, no invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    return unicodedata.normalize("NFC", text)


def pdf_text(data):
    """The text layer of a PDF, pages separated by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise Rejected(f"unreadable PDF: {exc}")
    text = "\n\n".join(pages)
    if not text.strip():
        raise Rejected("PDF without a text layer (a scan?): nothing to import")
    return text
