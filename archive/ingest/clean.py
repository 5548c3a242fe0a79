"""Turn a capture's text into units (lines and paragraphs) and give each a role.

Roles say what a unit is: the title, a byline, a date, an author's note, page
chrome, a heading or a paragraph of the article. Extraction reads the metadata
roles; the body is the units whose role is a heading or a paragraph.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from archive.ingest import patterns as P
from archive.ingest.dates import date_line

# Roles.
CHROME = "chrome"
TEASER = "teaser"
TITLE = "title"
BYLINE = "byline"
NAME = "name"
BIO = "bio"
DATE = "date"
IDS = "ids"
CONTACT = "contact"
URL = "url"
SOURCE = "source"
GENRE = "genre"
HEADER = "header"
HEADING = "heading"
BODY = "body"
DUPLICATE = "duplicate"

NOT_CONTENT = {CHROME, TEASER, IDS, CONTACT, URL, DATE, DUPLICATE}


@dataclass
class Unit:
    text: str
    kind: str  # "para", "line" or "heading" (as written in markdown)
    group: int
    bulleted: bool = False
    level: int = 0  # markdown heading level
    italic: bool = False
    role: str = ""
    value: object = None
    evidence: str = ""  # the line as it stood in the capture
    note: str = ""  # what a name line says about the person beside the name: "(University of Almaty)"

    @property
    def n_words(self):
        return _count_words(self.text)

    @property
    def substantial(self):
        n = self.n_words
        return self.kind == "para" and (n >= 30 or (n >= 12 and (P.ends_sentence(self.text) or self.text.endswith(":"))))


@lru_cache(maxsize=4096)
def _count_words(text):
    # The passes over a document ask a unit's length many times; its text rarely changes.
    return len(P.words(text))


@dataclass
class Document:
    units: list
    body_start: int = 0
    notes: list = field(default_factory=list)

    def with_role(self, *roles):
        return [u for u in self.units if u.role in roles]


# --- markdown and markup -------------------------------------------------

_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\([^)]*\)")
_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^>\s?")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_SCRIPT = re.compile(r"<(script|style|noscript|iframe)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_ENTITY = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " "}


def strip_markup(text):
    """Remove scripts and tags that a text capture carries over from its page."""
    text = _SCRIPT.sub("", text)
    text = _TAG.sub(lambda m: m.group(0) if _AUTOLINK.fullmatch(m.group(0)) else "", text)
    for entity, char in _ENTITY.items():
        text = text.replace(entity, char)
    if "[" in text:
        text = _LYNX_REFERENCE.sub("", text)
    return text


# A text browser's numbered link marks, set right before the link's text: "By [10]Jane Doe", "[23]Privacy Policy".
_LYNX_REFERENCE = re.compile(r"(?<![\w\]])\[\d{1,3}\](?=[^\W\d_])")


def markdown_line(line):
    """(text, heading level, italic) for one line of markdown-ish text."""
    s = line.strip()
    level = 0
    m = _HEADING.match(s) if s.startswith("#") else None
    if m:
        level, s = len(m.group(1)), m.group(2)
    if s.startswith(">"):
        s = _QUOTE.sub("", s)
    # Each expression needs its own mark in the line; most lines of a capture have none.
    if "[" in s:
        s = _IMAGE.sub("", s)
        s = _LINK.sub(lambda m: m.group(1), s)
    if "<" in s:
        s = _AUTOLINK.sub(lambda m: m.group(1), s)
    whole = s.strip()
    italic = len(whole) > 2 and (
        (whole[0] == "*" and whole[-1] == "*" and not whole.startswith("**"))
        or (whole[0] == "_" and whole[-1] == "_")
    )
    if "*" in s or "_" in s:
        s = _BOLD.sub(lambda m: m.group(2), s)
        s = _EM_STAR.sub(lambda m: m.group(1), s)
        s = _EM_UNDER.sub(lambda m: m.group(1), s)
    if "\\" in s:
        s = _ESCAPE.sub(lambda m: m.group(1), s)
    return drop_note_marks(" ".join(s.split())), level, italic


# A footnote's number printed after a sentence's last word and its stop ("the first drought.1"),
# as PDF text layers give superscripts. A short word before the stop may be an abbreviation
# followed by a number ("Vol.3"), so the word must have four letters or more.
# A three-letter word may stand there too ("Russian gas.2"), unless it is an abbreviation ("vol.3").
_NOTE_MARK = re.compile(r"(?:(?<=[a-zа-яё]{4}[.!?…”\"’»)])|(?<=\b[a-zа-яё]{3}[.!?…”\"’»)])"
                        r"(?<!\b(?:vol|fig|art|sec|ver|rev|app|par|ref|eds|nos|pts|col|cap|ser)\.))"
                        r"\d{1,3}(?=\s+[A-ZА-ЯЁ“\"«‘(]|\s*$)")
_SUPERSCRIPT = re.compile(r"(?<=[a-zа-яё]{2}[.,;:!?”\"’»)])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


_ANY_DIGIT = re.compile(r"\d")
_WIKI_MARK = re.compile(r"(?<=[^\s\[(])\[(?:\d{1,3}|[a-z]|citation needed|edit|update)\]")
_ANY_SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")


def drop_note_marks(text):
    """Remove footnote numbers stuck to the end of sentences, and a wiki's citation and edit marks."""
    if "[" in text:
        text = _WIKI_MARK.sub("", text)  # "territory.[6]", "Background[edit]"
    # The look-behinds are tried at every character; a line without the digits needs neither.
    if _ANY_DIGIT.search(text):
        text = _NOTE_MARK.sub("", text)
    if _ANY_SUPERSCRIPT.search(text):
        text = _SUPERSCRIPT.sub("", text)
    return text


# --- page furniture that interrupts the text -----------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s+|p\.\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)
# A running header or footer with the page's number set apart on the same line: "ECFR.EU      2", "7 | Policy Brief".
_NUMBERED_RUNNING = re.compile(r"^\S.*?(?:\s{3,}|\s[|·•–—]\s*)\d{1,3}$|^\d{1,3}(?:\s{3,}|\s*[|·•–—]\s)\S")


def drop_page_furniture(lines):
    """Drop page numbers and running headers or footers (short lines repeated on many pages)."""
    def key(line):
        return re.sub(r"\d+", "#", line.strip().lower())

    counts = Counter(key(line) for line in lines if 0 < len(line.strip()) <= 90)
    numbered = [i for i, line in enumerate(lines) if line.strip() and _PAGE_NUMBER.match(line)]
    # Numbers on lines next to each other are counters ("47" likes, "12" comments), not a page's number.
    filled = [i for i, line in enumerate(lines) if line.strip()]
    rank = {i: k for k, i in enumerate(filled)}
    numbered = [i for i in numbered if not any(j != i and abs(rank[j] - rank[i]) <= 2 for j in numbered)]
    pages = len(numbered)
    near_page_break = _near(numbered, lines) if pages >= 2 else set()
    out = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            out.append("")
            continue
        if _PAGE_NUMBER.match(s) and (pages >= 2 or len(s) <= 4) and not P.is_bulleted(line):
            out.append("")
            continue
        k = key(s)
        short = len(s) <= 90 and len(P.words(s)) <= 12 and not P.ends_sentence(s)
        # A running header shows on every page; in a short paper that is only twice,
        # so twice is enough for a line that stands beside the page numbers.
        # Dates differ only in their digits too: "Aug 02, 2023" over the text and "Aug 03, 2023" over comments.
        if short and (counts[k] >= 3 or counts[k] >= 2 and (i in near_page_break or _NUMBERED_RUNNING.match(s))) \
                and not (k != s.lower() and date_line(s)):
            out.append("")
            continue
        out.append(line)
    return out


def _near(numbered, lines, reach=2):
    """Indexes of the non-blank lines within reach non-blank lines of a page number."""
    near = set()
    for n in numbered:
        for step in (-1, 1):
            i, seen = n + step, 0
            while 0 <= i < len(lines) and seen < reach:
                if lines[i].strip():
                    near.add(i)
                    seen += 1
                i += step
    return near


# --- segmentation --------------------------------------------------------


_VOCAB_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")


def _lowered(words):
    """Each word lower-cased, in one call: these letters keep their length in lower case."""
    return "\n".join(words).lower().split("\n") if words else []


def segment(text):
    """Units of a capture's text: paragraphs rebuilt from wrapped lines, and single lines."""
    text = strip_markup(text)
    lines = setext_headings(drop_page_furniture([line.rstrip() for line in text.split("\n")]))
    vocab = Counter(_lowered(_VOCAB_WORD.findall(text)))
    groups, current = [], []
    for line in lines:
        if _RULE.match(line):
            line = ""
        if line.strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    units = []
    for gi, group in enumerate(groups):
        if is_wrapped(group):
            units.extend(join_wrapped(group, gi, vocab))
        else:
            units.extend(_lines(group, gi, vocab))
    units = [u for u in units if u.text]
    return merge_broken(units, vocab)


def _absorb(prev, unit, vocab):
    """prev and the unit after it, which continues it, as one unit."""
    prev.text = join_lines(prev.text, unit.text, vocab)
    prev.evidence += "\n" + unit.evidence
    prev.kind = _kind(prev.text)


def _lines(group, gi, vocab):
    """A group's lines, each a unit, but for a list item wrapped onto the next line, which is joined back."""
    units = []
    for line in group:
        unit = line_unit(line, gi)
        prev = units[-1] if units else None
        if prev is not None and prev.bulleted and not unit.bulleted and unit.kind != "heading" \
                and len(prev.evidence) >= 50 and not prev.text.rstrip().endswith(P.SENTENCE_END + (":",)):
            _absorb(prev, unit, vocab)
            continue
        units.append(unit)
    return units


_SETEXT = re.compile(r"^\s{0,3}(?P<mark>=+|-+)\s*$")


def setext_headings(lines):
    """Markdown's underlined headings as "#" headings: "Title" over "=====" (level 1), over "-----" (level 2).

    Only a line that stands alone above its underline, and reads as a heading, counts: under a
    paragraph's last line a row of dashes is a rule.
    """
    out = list(lines)
    for i in range(1, len(out)):
        m = _SETEXT.match(out[i])
        head = out[i - 1].strip()
        if not m or len(m.group("mark")) < 3 or not head or head.startswith(("#", "-", "*", ">", "|")) \
                or (i > 1 and out[i - 2].strip()) or P.ends_sentence(head) and len(P.words(head)) > 25:
            continue
        out[i - 1] = ("# " if m.group("mark")[0] == "=" else "## ") + head
        out[i] = ""
    return out


def line_unit(line, group):
    bulleted = P.is_bulleted(line) and not _HEADING.match(line.strip())
    raw = P.strip_bullet(line) if bulleted else line
    text, level, italic = markdown_line(raw)
    kind = "heading" if level else _kind(text)
    return Unit(text, kind, group, bulleted, level, italic, evidence=line.strip())


def _kind(text):
    n = _count_words(text)
    # A sentence that introduces a list ("…the following goals:") is prose too.
    return "para" if n >= 25 or (n >= 10 and (P.ends_sentence(text) or text.endswith(":"))) else "line"


def is_wrapped(group):
    """True when a group's lines are one paragraph (or more) hard-wrapped at a fixed width."""
    if len(group) < 2:
        return False
    lengths = [len(line.strip()) for line in group]
    if max(lengths) > 220:
        return False
    body = sorted(lengths[:-1])
    if body[len(body) // 2] < 35:
        return False
    if len(group) <= 6 and any(_byline_or_menu(line) for line in group[1:]):
        return False  # a headline over "by Jane Doe" and "Site | Publisher": lines of their own
    follows = sum(
        1
        for prev, line in zip(group, group[1:], strict=False)
        if line.strip()[:1].islower() or prev.rstrip().endswith(("-", ","))
    )
    return follows / (len(group) - 1) >= 0.25


def _byline_or_menu(line):
    m = P.BYLINE.match(line.strip())
    return bool(m and P.looks_like_name(P.split_names(m.group("names"))[0])) or " | " in line


def _heading_at(group, i, width):
    """How many lines (1 or 2) starting at i form a heading inside wrapped text, or 0."""
    for span in (1, 2):
        if i + span >= len(group):
            return 0
        text = " ".join(line.strip() for line in group[i : i + span])
        last = group[i + span - 1].strip()
        nxt = P.strip_bullet(group[i + span].strip())
        # Over a sentence that runs on from the page before, a short line opening the block is a running head.
        running_head = span == 1 and i == 0 and len(last) < 0.7 * width and nxt[:1].islower()
        if not (nxt[:1].isupper() or running_head) or last.endswith((".", ",", ";", ":", "-", "!", "?")):
            continue
        if span == 2 and len(group[i + 1].strip()) > 0.7 * width:
            continue
        if span == 1 and re.search(r"\b(the|of|and|to|in|for|a|an|on|with|at|by|from)$", last, re.I):
            continue
        if len(P.words(text)) <= 20 and P.title_case_ratio(text) >= 0.75:
            if span == 1 and len(text) > 0.85 * width:
                continue
            return span
    return 0


# A word broken for hyphenation splits at a syllable, so its second half is often a
# suffix ("develop-ment", "relation-ship", "nation-alities"). A compound joins two
# whole words, the first often ending in a noun suffix ("confidence-building",
# "decision-making").
_NOUN_END = ("ence", "ance", "tion", "sion", "ment", "ness", "ity", "ship", "ism")
_SUFFIXES = {"ship", "ships", "ment", "ments", "ness", "less", "ful", "hood", "wise", "ward", "wards", "ling",
             "ly", "ry", "ty", "ted", "ting", "tion", "tions", "sion", "sions", "tive", "ture", "tures"}


# Words English keeps hyphenated before another word ("long-term", "self-determination").
_COMPOUND_HEADS = {"long", "short", "medium", "well", "self", "cross", "large", "small"}


def _looks_compound(head, tail):
    return ((len(head) >= 6 and head.endswith(_NOUN_END) or head in _COMPOUND_HEADS) and len(tail) >= 4
            and tail[0] not in "aeiouy" and tail not in _SUFFIXES)


def join_lines(left, right, vocab):
    """Join two wrapped lines, mending a word hyphenated across the break."""
    left, right = left.rstrip(), right.strip()
    m = re.search(r"([A-Za-zА-Яа-яЁё]+)-$", left)
    if m and right[:1].islower():
        head = m.group(1)
        tail = re.match(r"[A-Za-zА-Яа-яЁё]+", right)
        tail = tail.group(0) if tail else ""
        joined = (head + tail).lower()
        # Both halves used as words elsewhere in the text: a compound ("decision-making").
        compound = (vocab.get(head.lower(), 0) > 1 and vocab.get(tail.lower(), 0) > 1 and len(head) > 2
                    and len(tail) > 2) or _looks_compound(head.lower(), tail.lower())
        if vocab.get(f"{head}-{tail}".lower()) or (compound and not vocab.get(joined)):
            return left + right
        return left[:-1] + right
    if m and right[:1].isalpha():
        return left + right  # "Anti-" + "Ballistic": a compound broken at its hyphen
    return f"{left} {right}"


def join_wrapped(group, gi, vocab):
    width = sorted(len(line.strip()) for line in group)[int(len(group) * 0.8) - 1 if len(group) > 1 else 0]
    units, current, i = [], "", 0
    evidence, bulleted = [], False

    def flush():
        nonlocal current, evidence, bulleted
        if current:
            text, _, _ = markdown_line(current)
            units.append(Unit(text, "para", gi, bulleted, evidence="\n".join(evidence)))
        current, evidence, bulleted = "", [], False

    while i < len(group):
        line = group[i].strip()
        # A list's item, wrapped or not, starts a unit of its own: "• Finnish accession …" / "  region but …".
        item = P.is_bulleted(line) and not _HEADING.match(line)
        if item:
            flush()
        if not current:
            span = _heading_at(group, i, width)
            if span:  # "1. Introduction": a numbered heading, not an item
                text = " ".join(group[j].strip() for j in range(i, i + span))
                units.append(Unit(markdown_line(text)[0], "heading", gi, evidence=text))
                i += span
                continue
        if item:
            line, bulleted = P.strip_bullet(line), True
        current = join_lines(current, line, vocab) if current else line
        evidence.append(line)
        if P.ends_sentence(line) and len(line) < 0.7 * width:
            flush()
        i += 1
    flush()
    return units


def merge_broken(units, vocab):
    """Rejoin a paragraph that a stray blank line or a page break split mid-sentence."""
    out = []
    for unit in units:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.kind == "para" or prev.kind == "line" and len(P.words(prev.text)) >= 8)
            and not prev.bulleted
            and unit.kind in ("para", "line")
            and not unit.bulleted
            and unit.text[:1].islower()
            and not _byline_or_menu(unit.text)
            and not prev.text.rstrip().endswith(P.SENTENCE_END + (":",))
            and (prev.text[-1:].islower() or prev.text.endswith((",", "-", "–")))
        ):
            _absorb(prev, unit, vocab)
            continue
        out.append(unit)
    return out
