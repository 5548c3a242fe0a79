"""Snippets of an article's text around the words searched, with the words marked.

The text is escaped; only the <mark> elements are markup.
"""

import re
from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.ingest.classify import stem, tokens

WINDOW = 220
_WORD = re.compile(r"[\w’'-]+")


def snippet(article, terms, *, length=WINDOW):
    """An HTML snippet of article's body around the first matches of terms."""
    text = article.body_text
    if not text:
        return ""
    language = article.language
    stems = {s for s in tokens(" ".join(terms), language) if s}
    prefixes = tuple(t.lower().rstrip("*") for t in terms if t.endswith("*"))
    # Stem each distinct word once (stems are cached), then find every occurrence of the matching ones in one pass.
    words = set(_WORD.findall(text.lower()))
    matching = {w for w in words if stem(w.replace("’", "'") if "’" in w else w, language) in stems}
    if prefixes:
        matching.update(w for w in words if w.startswith(prefixes))
    spans = _occurrences(text, matching) if matching else []
    if not spans:
        cut = text[:length]
        return escape(cut.rsplit(" ", 1)[0] + "…" if len(text) > length else cut)
    # The window with the most matches, starting near the first of them.
    best, best_count = spans[0][0], 0
    starts = [s for s, _ in spans]  # in text order
    for i, start in enumerate(starts[:50]):
        count = bisect_left(starts, start + length, i) - i
        if count > best_count:
            best, best_count = start, count
    begin = max(0, text.rfind(" ", 0, max(0, best - 60)) + 1)
    end = min(len(text), begin + length)
    if end < len(text):
        end = text.rfind(" ", begin, end) if text.rfind(" ", begin, end) > begin else end
    out, pos = [], begin
    for s, e in spans:
        if s < begin or e > end:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out).replace("\n\n", " ¶ ") + suffix)


def _word_char(c):
    return c.isalnum() or c in "_’'-"  # what _WORD takes: re's \w is isalnum() or "_"


def _occurrences(text, words):
    """(start, end) of every whole-word occurrence in text of the lower-case words, in text order.

    Found with str.find in the lower-cased text: a regular expression of the words took a
    third of a snippet's time, and a search page cuts twenty.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would drift
        pattern = re.compile(
            r"(?<![\w’'-])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![\w’'-])",
            re.IGNORECASE,
        )
        return [m.span() for m in pattern.finditer(text)]
    spans, size = [], len(lowered)
    for word in words:
        at = lowered.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not _word_char(lowered[at - 1])) and (end == size or not _word_char(lowered[end])):
                spans.append((at, end))
            at = lowered.find(word, end)
    spans.sort()
    return spans
