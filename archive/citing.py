"""An article's citation: a reference to read on its page, and BibTeX and RIS to take away."""

import re

from django.utils.html import format_html, format_html_join

from archive.ingest.patterns import NAME_PARTICLES
from archive.models import DateKind, DatePrecision

SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def name_parts(name):
    """(family, given, suffix) of a personal name written given names first."""
    tokens = name.replace(",", " ").split()
    suffix = tokens.pop() if len(tokens) > 2 and tokens[-1].lower() in SUFFIXES else ""
    if len(tokens) < 2:
        return name.strip(), "", ""
    start = len(tokens) - 1
    # Lower-case particles belong to the family name: "Ludwig van Beethoven" → "van Beethoven, Ludwig".
    while start > 1 and tokens[start - 1] in NAME_PARTICLES:
        start -= 1
    return " ".join(tokens[start:]), " ".join(tokens[:start]), suffix


def family_first(name):
    family, given, suffix = name_parts(name)
    return ", ".join(part for part in (family, given, suffix) if part)


def _names(authors):
    """Authors as a bibliography lists them: the first family name first, the others as written."""
    names = [family_first(authors[0].name), *(a.name for a in authors[1:])] if authors else []
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _closed(text):
    """text ending in a full stop (or its own question or exclamation mark)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def reference(article, authors):
    """The reference shown on the article's page (Chicago-like), as HTML."""
    names = _names(authors)
    if not article.date:
        dated = "n.d."
    elif article.date_kind == DateKind.MODIFIED:
        dated = f"Last modified {article.date_display}."
    else:
        dated = f"{article.date_display}."
    source = ""
    if article.source:
        joint = ". " if article.date_kind == DateKind.MODIFIED and article.date else ", "
        source = format_html("<cite>{}</cite>{}", article.source.name, joint)
    parts = [format_html("{} ", _closed(names)) if names else "",
             format_html("“{}” ", _closed(article.display_title)),
             source, dated,
             format_html(" {}", article.url) if article.url else ""]
    return format_html_join("", "{}", ((p,) for p in parts))


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_~^])")


def _bib(text):
    def escaped(m):
        ch = m.group(1)
        return {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}.get(ch, "\\" + ch)

    return _BIBTEX_SPECIAL.sub(escaped, text)


def _date_parts(article):
    """(year, month, day) of the article's date to its precision (None where it does not reach)."""
    date, precision = article.date, article.date_precision
    month = date.month if precision in (DatePrecision.MONTH, DatePrecision.DAY) else None
    return date.year, month, date.day if precision == DatePrecision.DAY else None


def bibtex(article, authors):
    """A BibTeX entry (@misc, as for a web page or paper) of the article."""
    fields = [("title", "{" + _bib(article.display_title) + "}")]
    if authors:
        fields.append(("author", " and ".join(_bib(family_first(a.name)) for a in authors)))
    if article.source:
        fields.append(("howpublished", _bib(article.source.name)))
    if article.date:
        year, month, day = _date_parts(article)
        fields += [(name, str(value)) for name, value in (("year", year), ("month", month), ("day", day)) if value]
        if article.date_kind == DateKind.MODIFIED:
            fields.append(("note", "Last modified"))
    if article.url:
        fields.append(("url", _bib(article.url)))
    if article.language:
        fields.append(("language", article.language))
    key = re.sub(r"[^A-Za-z0-9-]", "", article.slug)[:60] or f"article{article.pk}"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def _ris_line(tag, value):
    return f"{tag}  - {' '.join(str(value).split())}"


def ris(article, authors):
    """An RIS record (type ELEC, a web page) of the article."""
    lines = [_ris_line("TY", "ELEC"), _ris_line("TI", article.display_title)]
    lines += [_ris_line("AU", family_first(a.name)) for a in authors]
    if article.source:
        lines.append(_ris_line("T2", article.source.name))
    if article.date:
        year, month, day = _date_parts(article)
        lines.append(_ris_line("PY", year))
        lines.append(_ris_line("DA", f"{year}/{f'{month:02d}' if month else ''}/{f'{day:02d}' if day else ''}/"))
        if article.date_kind == DateKind.MODIFIED:
            lines.append(_ris_line("N1", "Last modified"))
    if article.url:
        lines.append(_ris_line("UR", article.url))
    if article.language:
        lines.append(_ris_line("LA", article.language))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


# The fields whose provenance a reader is shown, as the article page names them.
SHOWN_FIELDS = [("title", "Title"), ("authors", "Authors"), ("date", "Date"), ("source", "Source"),
                ("url", "Original URL"), ("language", "Language"), ("genre", "Genre"), ("themes", "Themes")]


def provenance_notes(article):
    """[(label, how)] for the article page's account of its record: how each field was found in
    the capture, or that a curator set it, or that the capture does not say."""
    notes = []
    for field, label in SHOWN_FIELDS:
        entry = article.provenance.get(field)
        if not entry:
            how = "not stated in the capture"
        elif entry.get("curated"):
            when = (entry.get("curated_at") or "")[:10]
            how = f"set by a curator{' on ' + when if when else ''}"
        else:
            how = f"found in the capture by {entry.get('method') or 'the importer'}"
            if entry.get("evidence") and field not in ("themes", "language"):
                how += f" (“{entry['evidence'][:120]}”)"
            if entry.get("confidence") is not None:
                how += f", confidence {entry['confidence']:.2f}"
        notes.append((label, how))
    return notes
