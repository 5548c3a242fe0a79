"""The reader's query language, checked and translated for the search engine.

Plain words (all must match), "phrases", AND / OR / NOT and -word, trailing
wildcards (multilat*), and field filters title:, author:, source:, theme:, year:.
Anything malformed falls back to its plain words, and the page says so.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_LENGTH = 300
FIELDS = {"title": "title", "author": "authors", "authors": "authors", "source": "source",
          "theme": "themes", "themes": "themes", "year": "year"}
_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')
_WORD = re.compile(r"[\w][\w'’.-]*", re.U)


@dataclass
class ParsedQuery:
    text: str  # what the engine gets (the Whoosh query language)
    shown: str  # what the page says was searched
    fallback: bool  # True when the query was malformed and reduced to plain words
    terms: list  # the words to highlight

    @property
    def empty(self):
        return not self.text


def _clean(raw):
    raw = unicodedata.normalize("NFC", raw or "")
    raw = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw)
    return re.sub(r"\s+", " ", raw).strip()


def _plain_words(raw):
    words = [w.strip(".-'’") for w in _WORD.findall(raw)]
    words = [w for w in words if w and w.upper() not in ("AND", "OR", "NOT")]
    return words[:30]


def _quote(word):
    return f"'{word}'" if re.search(r"[^\w]", word) else word


def parse_query(raw):
    """A ParsedQuery for the reader's input; never raises."""
    cleaned = _clean(raw)[:MAX_LENGTH]
    if not cleaned:
        return ParsedQuery("", "", False, [])
    try:
        text, terms = _translate(cleaned)
        return ParsedQuery(text, cleaned, False, terms)
    except ValueError:
        words = _plain_words(cleaned)
        return ParsedQuery(" ".join(_quote(w) for w in words), " ".join(words), True, words)


def _translate(query):
    """The Whoosh form of a well-formed query, or ValueError."""
    if query.count('"') % 2:
        raise ValueError("unbalanced quotes")
    tokens = _TOKEN.findall(query)
    out, terms, depth = [], [], 0
    previous = None  # "term", "op" or "open"
    for token in tokens:
        upper = token.upper()
        if token == "(":
            depth += 1
            if previous == "term":
                out.append("AND")
            out.append("(")
            previous = "open"
            continue
        if token == ")":
            depth -= 1
            if depth < 0 or previous in ("op", "open", None):
                raise ValueError("unbalanced parentheses")
            out.append(")")
            previous = "term"
            continue
        if upper in ("AND", "OR"):
            if previous != "term":
                raise ValueError("operator without a left side")
            out.append(upper)
            previous = "op"
            continue
        if upper == "NOT" or token.startswith("-") and len(token) > 1:
            if previous == "term":
                out.append("AND")
            out.append("NOT")
            previous = "op"
            if upper == "NOT":
                continue
            token = token[1:]
        if token in ("-", "+"):
            continue
        token = token.lstrip("+")
        term = _term(token, terms)
        if previous == "term":
            out.append("AND")
        out.append(term)
        previous = "term"
    if depth != 0 or previous in ("op", "open"):
        raise ValueError("incomplete query")
    if not terms:
        raise ValueError("no words")
    return " ".join(out), terms


def _term(token, terms):
    field = ""
    m = re.match(r"^(\w+):(.+)$", token)
    if m and m.group(1).lower() in FIELDS:
        field, token = FIELDS[m.group(1).lower()], m.group(2)
    elif ":" in token:
        raise ValueError("unknown field")
    if token.startswith('"'):
        phrase = _plain_words(token)
        if not phrase:
            raise ValueError("empty phrase")
        terms.extend(phrase)
        body = '"' + " ".join(phrase) + '"'
    elif field == "year":
        if not re.fullmatch(r"\d{4}(-\d{4})?", token):
            raise ValueError("year must be four digits or a range")
        start, _, end = token.partition("-")
        return f"year:[{start} to {end or start}]"
    else:
        wildcard = token.endswith("*")
        word = token.rstrip("*")
        words = _plain_words(word)
        if not words:
            raise ValueError("no word")
        if token.startswith(("*", "?")):
            raise ValueError("leading wildcard")
        if wildcard:
            if len(words) != 1 or len(words[0]) < 2:
                raise ValueError("wildcard on a short word")
            terms.append(words[0] + "*")  # highlighted as a word beginning
            body = words[0].lower() + "*"
        else:
            terms.extend(words)
            body = " ".join(_quote(w) for w in words)
            if len(words) > 1:
                body = "(" + body + ")"
    return f"{field}:{body}" if field else body
