"""The reader's query language, checked and translated for the search engine.

Plain words (all must match), "phrases", AND / OR / NOT and -word, trailing
wildcards (multilat*), and field filters title:, author:, source:, theme:, year:
(each taking a word, a "phrase" or a (group)). Anything malformed falls back to
its plain words, and the page says so.
"""

import re
import unicodedata
from dataclasses import dataclass

from whoosh.analysis import STOP_WORDS

MAX_LENGTH = 300
MAX_WORDS = 30
MIN_PREFIX = 3  # shorter word beginnings would expand to a large part of the vocabulary
FIELDS = {"title": "title", "author": "authors", "authors": "authors", "source": "source",
          "theme": "themes", "themes": "themes", "year": "year"}
ONLY_COMMON = "its words are too common to search for (the index leaves out words such as “the” and “of”)"
_OPERANDS = "AND and OR need a word on each side, NOT a word after it"
_YEAR_FORM = "year: takes a year or a range of years (year:2018, year:2015-2020)"
_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')
_WORD = re.compile(r"[\w][\w'’.-]*", re.U)
_FIELD = re.compile(r"^(\w+):(.*)$")


@dataclass
class ParsedQuery:
    text: str  # what the engine gets (the Whoosh query language)
    shown: str  # what the page says was searched
    fallback: bool  # True when the query was malformed and reduced to plain words
    terms: list  # the words to highlight
    problem: str = ""  # after a fallback: what was wrong, for the reader

    @property
    def empty(self):
        return not self.text

    @property
    def only_common(self):
        """True when the query's words are all ones the index leaves out: nothing was searched."""
        return self.problem == ONLY_COMMON


def _clean(raw):
    raw = unicodedata.normalize("NFC", str(raw or ""))
    raw = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw)
    return re.sub(r"\s+", " ", raw).strip()


def _plain_words(raw):
    words = [w.strip(".-'’") for w in _WORD.findall(raw)]
    words = [w for w in words if w and w not in ("AND", "OR", "NOT")]
    return words[:MAX_WORDS]


def _quote(word):
    # A word with inner punctuation (U.S., O'Neill) is a one-word phrase: the analyzer splits it as it did the text.
    return f'"{word}"' if re.search(r"[^\w]", word) else word


def _common(word):
    """Words the text index leaves out (stop words, single letters): requiring them would find nothing."""
    return len(word) < 2 or word.lower() in STOP_WORDS


def parse_query(raw):
    """A ParsedQuery for the reader's input; never raises."""
    cleaned = _clean(raw)
    if not cleaned:
        return ParsedQuery("", "", False, [])
    try:
        if len(cleaned) > MAX_LENGTH:
            raise ValueError(f"it is longer than {MAX_LENGTH} characters")
        text, terms = _translate(cleaned)
        return ParsedQuery(text, cleaned, False, terms)
    except ValueError as exc:
        words = _plain_words(cleaned[:MAX_LENGTH])
        kept = [w for w in words if not _common(w)]
        if words and not kept:  # "the", "of": words the index leaves out find nothing
            return ParsedQuery("", " ".join(words), True, [], ONLY_COMMON)
        return ParsedQuery(" ".join(_quote(w) for w in kept), " ".join(words), True, kept, str(exc))


def _tokens(query):
    """Tokens, with a field name joined to the phrase or group that follows it (title:"…", theme:(…))."""
    tokens = _TOKEN.findall(query)
    joined = []
    for token in tokens:
        if joined and joined[-1].endswith(":") and _FIELD.match(joined[-1]) and token != ")":
            joined[-1] += token
        else:
            joined.append(token)
    return joined


def _translate(query):
    """The Whoosh form of a well-formed query and the words to highlight, or ValueError."""
    if query.count('"') % 2:
        raise ValueError("a quotation mark is not closed")
    out, terms = [], []
    pending = []  # operators waiting for their right-hand side
    previous = None  # "term", "open" or None (start)
    depth, dropped, clauses = 0, False, 0
    for token in _tokens(query):
        if token == "(" or token.endswith(":("):
            field = _field(token[:-2]) if token != "(" else ""
            if field == "year":
                raise ValueError(_YEAR_FORM)
            if previous == "term" and not pending:
                out.append("AND")
            out.extend(pending)
            out.append(f"{field}:(" if field else "(")
            pending, previous, depth, dropped = [], "open", depth + 1, False
            continue
        if token == ")":
            depth -= 1
            if depth < 0 or pending or previous != "term":
                raise ValueError("a parenthesis is not opened or not closed")
            out.append(")")
            previous, dropped = "term", False
            continue
        if token in ("AND", "OR"):
            if dropped and not pending:
                continue  # the left side was only common words, left out
            if previous != "term" or pending:
                raise ValueError(_OPERANDS)
            pending = [token]
            continue
        if token == "NOT" or token.startswith("-") and len(token) > 1:
            if "NOT" in pending:
                raise ValueError("NOT follows NOT")
            if previous == "term" and not pending:
                pending = ["AND"]
            pending.append("NOT")
            if token == "NOT":
                continue
            token = token[1:]
        if token.strip("-+") == "":
            continue
        term = _term(token.lstrip("+"), terms)
        if term is None:
            # Only common words: left out together with the operators in front of them.
            pending, dropped = [], True
            continue
        if previous == "term" and not pending:
            out.append("AND")
        out.extend(pending)
        out.append(term)
        pending, previous, dropped = [], "term", False
        clauses += 1
    if pending:
        raise ValueError(_OPERANDS)
    if depth != 0 or previous == "open":
        raise ValueError("a parenthesis is not opened or not closed")
    if not clauses:
        raise ValueError(ONLY_COMMON)
    return " ".join(out), terms


def _field(name):
    field = FIELDS.get(name.lower())
    if field is None:
        raise ValueError(f"{name}: is not a field to search (those are title:, author:, source:, theme: and year:)")
    return field


def _term(token, terms):
    """The Whoosh form of one word, phrase or field filter; None if it holds only common words."""
    field = ""
    m = _FIELD.match(token)
    if m:
        field, token = _field(m.group(1)), m.group(2)
        if not token:
            raise ValueError(f"{m.group(1)}: has nothing after it")
    if token.startswith('"'):
        phrase = _plain_words(token)
        if not phrase:
            raise ValueError("a phrase in quotation marks is empty")
        if field == "year":
            raise ValueError(_YEAR_FORM)
        if not field and all(_common(w) for w in phrase):
            return None
        terms.extend(phrase)
        body = '"' + " ".join(phrase) + '"'
    elif field == "year":
        if not re.fullmatch(r"\d{4}(-\d{4})?", token):
            raise ValueError(_YEAR_FORM)
        start, _, end = token.partition("-")
        start, end = sorted((start, end or start))  # year:2020-2015 is meant as 2015-2020
        return f"year:[{start} to {end}]"
    else:
        if token.startswith(("*", "?")):
            raise ValueError("* can only end a word (multilat*)")
        wildcard = token.endswith("*")
        words = _plain_words(token.rstrip("*"))
        if not words:
            raise ValueError(f"{token} holds no word")
        if wildcard:
            if len(words) != 1 or len(words[0]) < MIN_PREFIX or not re.fullmatch(r"\w+", words[0]):
                raise ValueError(f"a word beginning before * needs {MIN_PREFIX} letters or more")
            terms.append(words[0] + "*")  # highlighted as a word beginning
            body = words[0].lower() + "*"
        else:
            if not field:
                words = [w for w in words if not _common(w)]
                if not words:
                    return None
            terms.extend(words)
            body = " ".join(_quote(w) for w in words)
            if len(words) > 1:
                body = "(" + body + ")"
    return f"{field}:{body}" if field else body
