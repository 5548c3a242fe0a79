"""Queries evaluated a posting list at a time, into arrays: which documents match, and their scores.

Whoosh matches a query one document at a time: a tree of matchers, in Python, steps
through the posting lists, and scores each match through several more calls. At 50,000
articles a common word's query over six fields steps through a quarter of a million
postings, most of a second, and the search page needs every match (its total and facet
counts), not only the first twenty. Here each term's postings are read a block at a time
into numpy arrays and scored at once with Whoosh's own BM25F (the same idf, average and
per-document field lengths, B, K1 and boosts), and AND, OR and NOT combine whole arrays.

A phrase's documents are those where its words' positions follow one another, found on
arrays of (document, position) too, and it scores as in Whoosh, the sum of its words' scores.
What is none of these (a word beginning or a range in a scored query, a phrase with slop) is
matched by Whoosh's own matchers for that part of the query alone, and its documents and
scores join the arrays. Scores equal Whoosh's up to the rounding of sums, and pages list
the same documents in the same order (tests/test_search_vectors.py).
"""

import itertools
import pickle

import numpy
from whoosh import formats
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import WrappingMatcher
from whoosh.scoring import BM25F

from archive.search import scoring
from archive.search.codec import ArrayLeafMatcher

# Document and position as one number in phrases: document × _POSITIONS + position.
_POSITIONS = 1 << 32


class Matched:
    """The documents of an index that match a query (a bool array) and their scores (a float array)."""

    __slots__ = ("mask", "scores")

    def __init__(self, mask, scores=None):
        self.mask = mask
        self.scores = scores

    def count(self):
        return int(numpy.count_nonzero(self.mask))


def evaluate(searcher, query, *, scored=True):
    """Matched of query on searcher: deleted documents left out; scores None unless scored."""
    size = searcher.doc_count_all()
    found = _evaluate(searcher, query, size, scored)
    found.mask &= live_mask(searcher)
    if scored:
        found.scores[~found.mask] = 0.0
    return found


def live_mask(searcher):
    """The bool array of the searcher's documents that are not deleted, built once per searcher."""
    live = searcher.__dict__.get("_archive_live_mask")
    if live is None:
        live = numpy.zeros(searcher.doc_count_all(), dtype=bool)
        ids = numpy.fromiter(searcher.reader().all_doc_ids(), dtype=numpy.int64)
        live[ids] = True
        searcher._archive_live_mask = live
    return live


def top(found, start, stop):
    """Document numbers of positions start..stop of the matches by score, highest first (ties: lower number first)."""
    docs = numpy.flatnonzero(found.mask)
    if stop <= start or not len(docs):
        return []
    negated = -found.scores[docs]
    if len(docs) > stop:
        # Only the documents that can be in the first stop (ties at the boundary included) are sorted.
        bound = numpy.partition(negated, stop - 1)[stop - 1]
        keep = negated <= bound
        docs, negated = docs[keep], negated[keep]
    order = numpy.lexsort((docs, negated))
    return docs[order[start:stop]].tolist()


def by_key(found, keys, start, stop, reverse=False):
    """Document numbers of positions start..stop of the matches by their keys (arrays, first key first).

    As Whoosh sorts: by the keys, then by document number, the whole order reversed if reverse.
    """
    docs = numpy.flatnonzero(found.mask)
    if stop <= start or not len(docs):
        return []
    order = numpy.lexsort([docs] + [k[docs] for k in reversed(keys)])
    if reverse:
        order = order[::-1]
    return docs[order[start:stop]].tolist()


def sort_keys(searcher, fieldname):
    """The array of each document's sort key in a sortable field (its column), built once per segment."""
    parts = [scoring.segment_column(sub.reader(), fieldname) for sub, _offset in searcher.leaf_searchers()]
    return numpy.concatenate(parts) if parts else numpy.zeros(0)


# --- evaluation ------------------------------------------------------------------


def _evaluate(searcher, q, size, scored):
    if isinstance(q, wq.Term):
        return _term(searcher, q, size, scored)
    if isinstance(q, wq.Phrase) and q.slop == 1 and len(q.words) > 1:
        return _phrase(searcher, q, size, scored)
    if isinstance(q, (wq.And, wq.Or)) and not (isinstance(q, wq.Or) and (q.scale or q.minmatch)):
        return _combine(searcher, q, size, scored)
    if isinstance(q, wq.Not):
        # As Whoosh's inverse matcher: every (live) document the query does not match, scoring 1.
        mask = ~_evaluate(searcher, q.query, size, False).mask & live_mask(searcher)
        return Matched(mask, mask.astype(numpy.float64) if scored else None)
    if isinstance(q, wq.AndNot):
        found = _evaluate(searcher, q.a, size, scored)
        found.mask &= ~_evaluate(searcher, q.b, size, False).mask
        if scored:
            found.scores[~found.mask] = 0.0
        return found
    if isinstance(q, wq.Every) and q.fieldname in (None, "", "*"):
        mask = live_mask(searcher).copy()
        return Matched(mask, numpy.where(mask, float(q.boost), 0.0) if scored else None)
    if isinstance(q, wq.ConstantScoreQuery):
        mask = _evaluate(searcher, q.child, size, False).mask
        return Matched(mask, numpy.where(mask, float(q.score), 0.0) if scored else None)
    if q is wq.NullQuery:
        return _empty(size, scored)
    if not scored:
        if isinstance(q, wq.NumericRange):
            return _evaluate(searcher, q._compile_query(searcher.reader()), size, False)
        if isinstance(q, wq.MultiTerm):
            return _union_of_terms(searcher, q, size)
    return _by_whoosh(searcher, q, size, scored)


def _empty(size, scored):
    return Matched(numpy.zeros(size, dtype=bool), numpy.zeros(size) if scored else None)


def _boosted(found, boost):
    if found.scores is not None and boost != 1.0:
        found.scores *= boost
    return found


def _combine(searcher, q, size, scored):
    """An And's or Or's subqueries' matches joined, their scores summed where the joined documents match."""
    parts = [_evaluate(searcher, s, size, scored) for s in q.subqueries]
    if not parts:
        return _empty(size, scored)
    join = numpy.logical_and if isinstance(q, wq.And) else numpy.logical_or
    mask = parts[0].mask.copy()
    for part in parts[1:]:
        join(mask, part.mask, out=mask)
    scores = None
    if scored:
        scores = parts[0].scores.copy()
        for part in parts[1:]:
            scores += part.scores
        if isinstance(q, wq.And):
            scores[~mask] = 0.0
    found = Matched(mask, scores)
    # (Whoosh boosts a compound of one query as that query alone.)
    return _boosted(found, q.boost) if len(parts) > 1 else found


def _union_of_terms(searcher, q, size):
    """The documents of any of a word beginning's, pattern's or range's terms (no scores)."""
    mask = numpy.zeros(size, dtype=bool)
    fieldname = q.field()
    for btext in q._btexts(searcher.reader()):
        if btext:
            mask |= _term(searcher, wq.Term(fieldname, btext), size, False).mask
    return Matched(mask)


def _term(searcher, q, size, scored):
    """One term's documents and BM25F scores, from its postings in each segment."""
    found = _empty(size, scored)
    field = searcher.schema[q.fieldname] if q.fieldname in searcher.schema else None
    btext = _bytes(field, q.text)
    if btext is None or (q.fieldname, btext) not in searcher.reader():
        return found
    score = _scorer(searcher, q.fieldname, btext) if scored else None
    if score is False:
        return _by_whoosh(searcher, q, size, scored)
    for offset, reader, ids, weights in _leaf_postings(searcher, q.fieldname, btext, weights=scored):
        found.mask[ids + offset] = True
        if scored:
            found.scores[ids + offset] = score(reader, ids, weights)
    return _boosted(found, q.boost) if scored else found


def _bytes(field, text):
    """The term text as the field indexes it (bytes), or None where the field cannot hold it."""
    if field is None:
        return None
    try:
        return field.to_bytes(text)
    except ValueError:
        return None


def _scorer(searcher, fieldname, btext):
    """score(segment reader, ids, weights) → the array of BM25F scores of a term's postings, as Whoosh's bm25().

    False where the searcher scores some other way (then Whoosh scores the query).
    """
    weighting = searcher.weighting
    if not searcher.schema[fieldname].scorable:
        return lambda reader, ids, weights: weights
    if not isinstance(weighting, BM25F):
        return False
    idf = searcher.idf(fieldname, btext)
    avgfl = searcher.avg_field_length(fieldname) or 1
    B = weighting._field_B.get(fieldname, weighting.B)
    K1 = weighting.K1

    def score(reader, ids, weights):
        lengths = scoring.segment_length_array(reader, fieldname)
        if lengths is not None:
            fl = lengths[ids]
        else:  # a segment whose lengths cannot be read as a column: Whoosh's lookup, document by document
            fl = numpy.array([reader.doc_field_length(int(i), fieldname, 1) for i in ids], dtype=numpy.float64)
        return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * fl / avgfl)))

    return score


def _phrase(searcher, q, size, scored):
    """A phrase's documents (its words at consecutive positions), scored as Whoosh does: its words' sum."""
    field = searcher.schema[q.fieldname] if q.fieldname in searcher.schema else None
    if field is not None and not (field.format and field.format.supports("positions")):
        return _by_whoosh(searcher, q, size, scored)  # (Whoosh's error: the field has no positions)
    words = [_bytes(field, w) for w in q.words]
    reader = searcher.reader()
    if None in words or any((q.fieldname, w) not in reader for w in words):
        return _empty(size, scored)
    scorers = [_scorer(searcher, q.fieldname, w) for w in words] if scored else None
    if scored and False in scorers:
        return _by_whoosh(searcher, q, size, scored)
    found = _empty(size, scored)
    for sub, offset in searcher.leaf_searchers():
        leaf = sub.reader()
        if any((q.fieldname, w) not in leaf for w in words):
            continue
        read = [_read(leaf.postings(q.fieldname, w), weights=scored, values=True) for w in words]
        common = read[0][0]
        for ids, _weights, _values in read[1:]:
            common = numpy.intersect1d(common, ids, assume_unique=True)
        if not len(common):
            continue
        starts = None
        for i, (ids, _weights, values) in enumerate(read):
            keep = numpy.searchsorted(ids, common)
            deltas = _positions(field.format, [values[k] for k in keep.tolist()])
            counts = numpy.fromiter(map(len, deltas), dtype=numpy.int64, count=len(deltas))
            positions = numpy.cumsum(numpy.fromiter(itertools.chain.from_iterable(deltas), dtype=numpy.int64,
                                                    count=int(counts.sum())))
            # Each list of deltas restarts from 0: take away what the lists before it added up to.
            ends = numpy.cumsum(counts)
            before = numpy.concatenate(([0], positions[ends[:-1] - 1])) if len(ends) else ends
            positions -= numpy.repeat(before, counts)
            # Where the phrase would begin, for each place of the word: (document, position - i) as one number.
            codes = numpy.repeat(common, counts) * _POSITIONS + (positions - i)
            # (Each word's places are distinct, so are its codes.)
            starts = codes if starts is None else numpy.intersect1d(starts, codes, assume_unique=True)
        # The documents of the phrase's beginnings, once each (intersect1d's are sorted).
        docs = starts // _POSITIONS
        docs = docs[numpy.concatenate(([True], docs[1:] != docs[:-1]))] if len(docs) else docs
        found.mask[docs + offset] = True
        if scored:
            for score, (ids, weights, _values) in zip(scorers, read):
                keep = numpy.searchsorted(ids, docs)
                found.scores[docs + offset] += score(leaf, docs, weights[keep])
    return _boosted(found, q.boost) if scored else found


def _positions(format, values):
    """[[position deltas]] of a Positions format's encoded values (each one a count and a pickled list)."""
    if type(format) is not formats.Positions or not values:
        decoded = [format.decode_positions(v) for v in values]
        return [[p - (ps[i - 1] if i else 0) for i, p in enumerate(ps)] for ps in decoded]
    # One pickle of the list of them all, instead of one loads() per value: each value is a
    # 4-byte count, the protocol-2 header, the list, and the stop opcode.
    return pickle.loads(b"\x80\x02(" + b"".join(v[6:-1] for v in values) + b"l.")


def _leaf_postings(searcher, fieldname, btext, *, weights=True):
    """(offset, segment reader, ids, weights) of each segment with the term."""
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (fieldname, btext) in reader:
            ids, found, _values = _read(reader.postings(fieldname, btext), weights=weights)
            yield offset, reader, ids, found


def term_docs(searcher, fieldname, btext):
    """The array of the document numbers (deleted ones included) with this term (bytes) in the field."""
    parts = [ids + offset for offset, _r, ids, _w in _leaf_postings(searcher, fieldname, btext, weights=False)]
    return numpy.concatenate(parts) if parts else numpy.zeros(0, dtype=numpy.int64)


def _read(matcher, *, weights=True, values=False):
    """(ids, weights, values) of a segment's posting list: arrays of ids and weights, a list of values.

    Weights and values are None unless asked. Read a block at a time: Whoosh's leaf matchers
    hold each block's ids, weights and values as sequences, where stepping through them is a
    few calls per posting. Documents the segment has deleted are included.
    """
    while isinstance(matcher, WrappingMatcher):  # a segment's deletions' filter
        matcher = matcher.child
    ids, found, kept = [], [], []
    if isinstance(matcher, W3LeafMatcher):  # (an ArrayLeafMatcher's blocks hold arrays already)
        arrays = isinstance(matcher, ArrayLeafMatcher)
        while matcher.is_active():
            i = matcher._i
            ids.append(matcher.id_array()[i:] if arrays else numpy.array(_block_ids(matcher)[i:], dtype=numpy.int64))
            if weights:
                found.append(matcher.weight_array()[i:] if arrays
                             else numpy.array(_block_weights(matcher)[i:], dtype=numpy.float64))
            if values:
                if matcher._values is None:
                    matcher._read_values()
                kept.extend(matcher._values[i:])
            matcher._i = matcher._blocklength
            matcher._next_block()
        return (numpy.concatenate(ids) if ids else numpy.zeros(0, dtype=numpy.int64),
                (numpy.concatenate(found) if found else numpy.zeros(0)) if weights else None,
                kept if values else None)
    # Postings inlined in the term table (a list), or another codec's.
    while matcher.is_active():
        ids.append(matcher.id())
        if weights:
            found.append(matcher.weight())
        if values:
            kept.append(matcher.value())
        matcher.next()
    return (numpy.array(ids, dtype=numpy.int64), numpy.array(found, dtype=numpy.float64) if weights else None,
            kept if values else None)


def _block_ids(matcher):
    if matcher._ids is None:
        matcher._read_ids()
    return matcher._ids


def _block_weights(matcher):
    if matcher._weights is None:
        matcher._read_weights()
    return matcher._weights


def _by_whoosh(searcher, q, size, scored):
    """q matched by Whoosh's own matchers (a phrase, say), segment by segment, as a Matched."""
    found = _empty(size, scored)
    context = searcher.context(weighting=searcher.weighting if scored else None)
    for sub, offset in searcher.leaf_searchers():
        matcher = q.matcher(sub, context)
        ids, scores = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            if scored:
                scores.append(matcher.score())
            matcher.next()
        if ids:
            docs = numpy.array(ids, dtype=numpy.int64) + offset
            found.mask[docs] = True
            if scored:
                found.scores[docs] = scores
    return found
