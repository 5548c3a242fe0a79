"""A text field that indexes fast: what its Whoosh analyzer would index, computed without Token objects.

Whoosh analyses a document's text by passing one Token object through a chain of generators (tokenizer,
lowercase, stop words, stemming), and its formats then count the words and positions from that
stream. Per word that is a dozen Python calls; for a 1,200-word article it is most of the index build.
FastText recognises the chains the archive uses (a RegexTokenizer, a LowercaseFilter, at most one
StopFilter and at most one StemFilter, in that order) and computes the same terms, frequencies,
weights and encoded positions in one loop over the tokenizer's matches, with the stems remembered
between documents. Any other analyzer, a sequence value or other arguments take Whoosh's own path,
and searching (query parsing, highlighting) always uses the analyzer itself.
"""

import re
from collections import defaultdict
from pickle import dumps

from whoosh import formats
from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import TEXT
from whoosh.system import pack_uint

_DEFAULT_WORDS = re.compile(default_pattern.pattern.replace("(", "(?:"), default_pattern.flags)
STEM_CACHE_LIMIT = 200_000  # distinct words remembered per analyzer before the memory is started afresh
ONE_POSITION_LIMIT = 1 << 16  # the encodings of a lone position below this are remembered
# Stems already computed, by stemming function and language: shared by every field that stems alike.
_STEMS = defaultdict(dict)


class Plan:
    """How to analyse with one recognised chain: pattern, stop words, sizes, stemmer."""

    def __init__(self, tokenizer, stop, stem):
        self.pattern = tokenizer.expression
        # findall() returns whole matches only for a pattern without groups: Whoosh's default pattern
        # has one, so it is matched by its equivalent without; any other pattern by finditer().
        self.words = _DEFAULT_WORDS.findall if self.pattern.pattern == default_pattern.pattern else self._matches
        self.stops = stop.stops if stop else frozenset()
        self.minsize = stop.min if stop else 0
        self.maxsize = stop.max if stop else None
        self.renumber = stop.renumber if stop else False
        self.stem = stem._stem if stem else None
        self.ignore = stem.ignore if stem else frozenset()
        self.stems = _STEMS[(stem.stemfn, stem.lang)] if stem else {}

    def places(self, value):
        """{term: [positions]} of the words the chain would index, in order of first use."""
        stops, minsize, maxsize = self.stops, self.minsize, self.maxsize
        stem, ignore, stems = self.stem, self.ignore, self.stems
        if len(stems) > STEM_CACHE_LIMIT:
            stems.clear()
        places = defaultdict(list)
        renumber, renumbered = self.renumber, None
        for position, word in enumerate(self.words(value)):
            word = word.lower()
            if len(word) < minsize or word in stops or (maxsize is not None and len(word) > maxsize):
                continue
            if renumber:
                # Whoosh's StopFilter numbers the words it keeps from the first one's position on.
                renumbered = position if renumbered is None else renumbered + 1
                position = renumbered
            if stem is not None and word not in ignore:
                stemmed = stems.get(word)
                if stemmed is None:
                    stemmed = stems[word] = stem(word)
                word = stemmed
            places[word].append(position)
        return places

    def _matches(self, value):
        return list(map(re.Match.group, self.pattern.finditer(value)))


def plan_for(analyzer):
    """A Plan for a chain FastText recognises, else None."""
    items = analyzer.items if isinstance(analyzer, CompositeAnalyzer) else [analyzer]
    if not items or type(items[0]) is not RegexTokenizer or items[0].gaps:
        return None
    if len(items) < 2 or type(items[1]) is not LowercaseFilter:
        return None
    rest = list(items[2:])
    stop = rest.pop(0) if rest and type(rest[0]) is StopFilter else None
    stem = rest.pop(0) if rest and type(rest[0]) is StemFilter else None
    if rest:
        return None
    return Plan(items[0], stop, stem)


class FastText(TEXT):
    """TEXT whose index() takes the fast path for the analyzers Plan understands."""

    def index(self, value, **kwargs):
        plan = self._plan()
        format_ = self.format
        kind = type(format_)
        if plan is None or kwargs or not isinstance(value, str) or kind not in (formats.Positions, formats.Frequency):
            yield from super().index(value, **kwargs)
            return
        boost = format_.field_boost
        positions = kind is formats.Positions
        for word, poslist in plan.places(value).items():
            count = len(poslist)
            value = _encode_positions(poslist) if positions else pack_uint(count)
            yield word.encode("utf-8"), count, float(count) * boost, value

    def _plan(self):
        cached = self.__dict__.get("_fast_plan")
        if cached is None or cached[0] is not self.analyzer:
            cached = self._fast_plan = (self.analyzer, plan_for(self.analyzer))
        return cached[1]

    def __getstate__(self):
        # A field is pickled into the index's table of contents: without its plan.
        state = dict(self.__dict__)
        state.pop("_fast_plan", None)
        return state


def _encode_positions(poslist):
    """What formats.Positions.encode makes of poslist: the count, then the pickled gaps."""
    if len(poslist) == 1 and poslist[0] < ONE_POSITION_LIMIT:  # most words: one position, encoded once
        encoded = _ONE_POSITION.get(poslist[0])
        if encoded is None:
            encoded = _ONE_POSITION[poslist[0]] = pack_uint(1) + dumps(poslist, 2)
        return encoded
    return pack_uint(len(poslist)) + dumps([b - a for a, b in zip([0, *poslist], poslist)], 2)


_ONE_POSITION = {}
