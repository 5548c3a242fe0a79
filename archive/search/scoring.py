"""BM25F as Whoosh scores it, with each segment's field lengths read once instead of per posting.

Whoosh's scorer looks a document's field length up in the segment's length column
for every posting it scores, through several layers of calls; that lookup was half
the time of a search for common words. The lengths of a segment never change (a
segment is written once), so they are decoded into a list the first time a segment
is scored and kept, per process, while the segment exists. Scores are identical.
"""

import threading

import numpy
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util.numeric import byte_to_length

# Length byte → length, as Whoosh decodes it (0: the document has no such field), as an array and a list.
LENGTH_OF_BYTE = numpy.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=numpy.int64)
_DECODE = [None, *LENGTH_OF_BYTE[1:].tolist()]
# (segment id, field name[, "array" or "column"]) → [length of each document] (or sort keys)
_lengths = {}
_lock = threading.Lock()


def segment_lengths(reader, fieldname):
    """[field length of each document] of a segment reader's field, or None where it cannot be read."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    perdoc = getattr(reader, "_perdoc", None)
    if segment is None or perdoc is None:
        return None
    key = (segment.segment_id(), fieldname)
    lengths = _lengths.get(key)
    if lengths is None:
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return None
        decode = _DECODE
        lengths = [decode[b] for b in column.load()]
        with _lock:
            _lengths[key] = lengths
    return lengths


def segment_length_array(reader, fieldname):
    """segment_lengths() as a float array (kept beside the list), or None."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    if segment is None:
        return None
    key = (segment.segment_id(), fieldname, "array")
    lengths = _lengths.get(key)
    if lengths is None:
        listed = segment_lengths(reader, fieldname)
        if listed is None:
            return None
        lengths = numpy.array([0 if n is None else n for n in listed], dtype=numpy.float64)
        with _lock:
            _lengths[key] = lengths
    return lengths


def segment_column(reader, fieldname):
    """The array of a segment's documents' sort keys in a sortable field, as Whoosh's sorting reads them."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    key = (segment.segment_id(), fieldname, "column") if segment is not None else None
    keys = _lengths.get(key) if key else None
    if keys is None:
        column = reader.column_reader(fieldname, translate=False)
        keys = numpy.array([column.sort_key(n) for n in range(reader.doc_count_all())])
        if key:
            with _lock:
                _lengths[key] = keys
    return keys


def forget_segments(keep):
    """Drop the lengths of segments whose ids are not in keep (merged away or deleted)."""
    with _lock:
        for key in [k for k in _lengths if k[0] not in keep]:
            del _lengths[key]


class CachedLengthBM25F(BM25F):
    """Whoosh's BM25F, reading field lengths from per-segment lists."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, BM25FScorer):
            lengths = segment_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                scorer.dfl = lengths.__getitem__
        return scorer
