"""Related articles: the terms that set an article apart, and the articles that share most of them.

Whoosh's own more-like-this takes the key terms by Bo1, which favours words frequent in the
text; in a collection of articles on foreign policy those are the words every article uses
("russia", "policy", "state"), and a BM25 search of an OR of them scores nearly every
document, in pure Python, for a list that says little about which articles are alike.

Here a term weighs by tf·idf, so the rarer terms an article uses often come first; terms no
other document has, or that more than MAX_SHARE of the documents have, are left out, and
terms are taken while their posting lists add up to POSTINGS_BUDGET. The articles that share
the most weight of those terms are related: each term's posting list is read once (document
numbers only) and the weights summed in an array, a few milliseconds whatever the collection.
"""

import math
from collections import Counter, OrderedDict

import numpy

NUMTERMS = 16
# A term in more than this share of the documents says nothing about which are alike.
MAX_SHARE = 0.3
# At most this many postings read to find the related articles: a few milliseconds.
POSTINGS_BUDGET = 4000
# Document numbers of recently used terms kept per searcher (int32: 4 bytes each).
CACHED_POSTINGS = 2_000_000


def _doc_frequency(searcher, reader, fieldname, btext):
    """How many documents have the term, remembered per searcher: articles share most of their terms."""
    known = searcher.__dict__.setdefault("_archive_df", {})
    key = (fieldname, btext)
    if key not in known:
        known[key] = reader.doc_frequency(fieldname, btext)
    return known[key]


def _docnums(searcher, reader, fieldname, btext):
    """The term's document numbers, from a per-searcher cache of the most recently used terms."""
    cache = searcher.__dict__.setdefault("_archive_postings", OrderedDict())
    key = (fieldname, btext)
    found = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        return found
    found = numpy.fromiter(reader.postings(fieldname, btext).all_ids(), dtype=numpy.int32)
    cache[key] = found
    held = searcher.__dict__.get("_archive_postings_held", 0) + len(found)
    while held > CACHED_POSTINGS and len(cache) > 1:
        held -= len(cache.popitem(last=False)[1])
    searcher._archive_postings_held = held
    return found


def key_terms(searcher, fieldname, text, numterms=NUMTERMS, budget=POSTINGS_BUDGET):
    """[(term, weight)] of the text's most distinctive indexed terms, best first; weights in (0, 1].

    Terms are taken best first while their documents add up to at most budget, so finding the
    articles that share them reads a bounded number of postings (in a collection with a small
    vocabulary, fewer terms; in a real one, with its names and places, rare terms abound).
    """
    reader = searcher.reader()
    field = reader.schema[fieldname]
    counts = Counter()
    for btext, freq, _weight, _value in field.index(text):
        counts[btext] += freq
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
        scores[_docnums(searcher, reader, fieldname, field.to_bytes(term))] += weight
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
