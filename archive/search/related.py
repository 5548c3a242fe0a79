"""Related articles: the terms that set an article apart, and the articles that share most of them.

Whoosh's own more-like-this takes the key terms by Bo1, which favours words frequent in the
text; in a collection of articles on foreign policy those are the words every article uses
("russia", "policy", "state"), and a BM25 search of an OR of them scores nearly every
document, in pure Python, for a list that says little about which articles are alike.

Here a term weighs by tf·idf, so the rarer terms an article uses often come first; terms no
other document has, or that more than MAX_SHARE of the documents have, are left out, and
terms are taken while their posting lists add up to POSTINGS_BUDGET. The articles that share
the most weight of those terms are related: each term's posting list is read once (document
numbers only, a block at a time) and the weights summed in an array, a few milliseconds
whatever the collection. The backend asks for the terms of its spelling field, the unstemmed
words of every language, whose posting lists carry no positions to decode.
"""

import math
from collections import Counter, OrderedDict

import numpy
from whoosh.analysis import RegexTokenizer

from archive.search import vectors

NUMTERMS = 16
# A term in more than this share of the documents says nothing about which are alike.
MAX_SHARE = 0.3
# At most this many postings read to find the related articles: a few milliseconds.
POSTINGS_BUDGET = 4000
# Document numbers of recently used terms kept per searcher (int32: 4 bytes each).
CACHED_POSTINGS = 2_000_000
# Words already analysed (word as written → its indexed terms), per field, for every article:
# the articles of one collection share most of their words. (A few MB at most.)
CACHED_WORDS = 50_000
_analysed = {}


def _doc_frequency(searcher, reader, fieldname, btext):
    """How many documents have the term, remembered per searcher: articles share most of their terms."""
    known = searcher.__dict__.setdefault("_archive_df", {})
    key = (fieldname, btext)
    if key not in known:
        known[key] = reader.doc_frequency(fieldname, btext)
    return known[key]


def _docnums(searcher, fieldname, btext):
    """The term's document numbers, from a per-searcher cache of the most recently used terms."""
    cache = searcher.__dict__.setdefault("_archive_postings", OrderedDict())
    key = (fieldname, btext)
    found = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        return found
    found = vectors.term_docs(searcher, fieldname, btext).astype(numpy.int32)
    cache[key] = found
    held = searcher.__dict__.get("_archive_postings_held", 0) + len(found)
    while held > CACHED_POSTINGS and len(cache) > 1:
        held -= len(cache.popitem(last=False)[1])
    searcher._archive_postings_held = held
    return found


def term_counts(field, fieldname, text):
    """{indexed term (bytes): occurrences} of text as field indexes it.

    The text's words (the field's tokens) are counted first and each distinct one analysed once
    (and remembered): the analysers here (tokenise, lower-case, drop stop words, stem) treat each
    word alone, and stemming every occurrence of a 1,200-word text was most of an article page's time.
    """
    tokenizer = getattr(field.analyzer, "items", [None])[0]
    if not isinstance(tokenizer, RegexTokenizer) or tokenizer.gaps:
        counts = Counter()
        for btext, freq, _weight, _value in field.index(text):
            counts[btext] += freq
        return counts
    words = Counter(match.group(0) for match in tokenizer.expression.finditer(text))
    known = _analysed.setdefault(fieldname, {})
    if len(known) > CACHED_WORDS:
        known.clear()
    counts = Counter()
    for word, n in words.items():
        terms = known.get(word)
        if terms is None:
            terms = known[word] = tuple(field.to_bytes(t) for t in field.process_text(word, mode="index"))
        for btext in terms:
            counts[btext] += n
    return counts


def key_terms(searcher, fieldname, text, numterms=NUMTERMS, budget=POSTINGS_BUDGET):
    """[(term, weight)] of the text's most distinctive indexed terms, best first; weights in (0, 1].

    Terms are taken best first while their documents add up to at most budget, so finding the
    articles that share them reads a bounded number of postings (in a collection with a small
    vocabulary, fewer terms; in a real one, with its names and places, rare terms abound).
    """
    reader = searcher.reader()
    field = reader.schema[fieldname]
    counts = term_counts(field, fieldname, text)
    total = reader.doc_count()
    most = max(2, int(total * MAX_SHARE))
    scored = []
    for btext, tf in counts.items():
        df = _doc_frequency(searcher, reader, fieldname, btext)
        if 1 < df <= most:
            scored.append(((1 + math.log(tf)) * math.log(1 + total / df), df, btext))
    chosen, spent = [], 0
    for score, df, btext in sorted(scored, reverse=True):
        if spent + df <= budget:
            chosen.append((score, btext))
            spent += df
            if len(chosen) == numterms:
                break
    if not chosen and scored:
        score, _, btext = min(scored, key=lambda s: s[1])
        chosen = [(score, btext)]
    if not chosen:
        return []
    top = chosen[0][0]
    return [(field.from_bytes(btext), score / top) for score, btext in chosen]


def similar(searcher, fieldname, text, *, exclude=None, limit=5):
    """[(document number, score)] of the documents sharing most of the text's key terms, best first."""
    reader = searcher.reader()
    terms = key_terms(searcher, fieldname, text)
    if not terms:
        return []
    field = reader.schema[fieldname]
    scores = numpy.zeros(reader.doc_count_all(), dtype=numpy.float64)
    for term, weight in terms:
        scores[_docnums(searcher, fieldname, field.to_bytes(term))] += weight
    if exclude is not None:
        scores[exclude] = 0
    # The best few (ties by document number), then the deleted ones (still in their
    # segments' postings) left out.
    wanted = min(len(scores), limit * 4)
    best = numpy.argpartition(-scores, wanted - 1)[:wanted] if wanted < len(scores) else numpy.arange(len(scores))
    found = []
    for docnum in sorted(best.tolist(), key=lambda d: (-scores[d], d)):
        if scores[docnum] <= 0 or len(found) == limit:
            break
        if not reader.is_deleted(docnum):
            found.append((docnum, float(scores[docnum])))
    return found
