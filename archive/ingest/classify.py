"""Themes for an article, by stemmed keyword rules that curators edit in the admin."""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STEMMERS = {"en": snowballstemmer.stemmer("english"), "ru": snowballstemmer.stemmer("russian")}
_TOKEN = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:[.'’][A-Za-z]+)*")


@lru_cache(maxsize=200_000)
def stem(word, language="en"):
    """The stem of one lower-cased word (cached: the stemmer is pure Python)."""
    return _STEMMERS.get(language, _STEMMERS["en"]).stemWord(word)


def tokens(text, language="en"):
    """Stemmed, lower-cased word tokens of text."""
    return _stems(_TOKEN.findall(text), language)


def _stems(words, language):
    return [stem(t.lower().replace("’", "'"), language) for t in words]


@dataclass(frozen=True)
class Rule:
    phrase: tuple
    weight: int
    exact: bool  # short acronyms (UN, EU, US) match case-sensitively


@lru_cache(maxsize=256)
def parse_rules(keywords):
    """Rules from a theme's keyword lines: a phrase, optionally "*N" for its weight."""
    rules = []
    for line in keywords.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        weight = 1
        m = re.match(r"^(.*?)\s*\*\s*(\d+)$", line)
        if m:
            line, weight = m.group(1), int(m.group(2))
        exact = bool(re.fullmatch(r"[A-Z][A-Z.]{1,5}", line))
        phrase = (line,) if exact else tuple(tokens(line))
        if phrase:
            rules.append(Rule(phrase, weight, exact))
    return tuple(rules)


def positions(seq):
    """{token: [indexes]} of a token list, so each rule looks only where its first word is."""
    table = {}
    for i, token in enumerate(seq):
        table.setdefault(token, []).append(i)
    return table


def score(rules, stems, words, stem_positions=None, word_positions=None):
    """Weighted count of rule hits in a text's stems (and, for acronyms, its raw words)."""
    stem_positions = stem_positions or positions(stems)
    word_positions = word_positions or positions(words)
    total = 0
    for rule in rules:
        seq, table = (words, word_positions) if rule.exact else (stems, stem_positions)
        n = len(rule.phrase)
        hits = sum(1 for i in table.get(rule.phrase[0], ()) if n == 1 or tuple(seq[i : i + n]) == rule.phrase)
        total += hits * rule.weight
    return total


# Thresholds are hits per this many words: long texts need more hits than short ones.
PER_WORDS = 1000
MAX_THEMES = 4


def classify(title, text, themes, language="en"):
    """The themes whose rules reach their threshold (at most four, the strongest);
    at least the best-scoring one if any scored.

    themes: iterable of objects with .keywords and .threshold. The title counts double.
    """
    raw_words = _TOKEN.findall(f"{title} {title} {text}")
    stems = _stems(raw_words, language)
    scale = PER_WORDS / max(len(stems), 400)
    stem_positions, word_positions = positions(stems), positions(raw_words)
    scored = []
    for theme in themes:
        value = score(parse_rules(theme.keywords), stems, raw_words, stem_positions, word_positions) * scale
        if value:
            scored.append((value / max(theme.threshold, 1), theme))
    scored.sort(key=lambda pair: -pair[0])
    chosen = [theme for ratio, theme in scored if ratio >= 1][:MAX_THEMES]
    if not chosen and scored:
        chosen = [scored[0][1]]
    return chosen
