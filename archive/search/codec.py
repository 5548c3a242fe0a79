"""How the index's segments are written: Whoosh's codec, with short posting lists inlined, and blocks read as arrays.

Whoosh can keep a term's postings in the term table itself when it has fewer than
`inlinelimit` of them, but the writer's inlining calls a method the term info does not have
(set_inline for set_inlined), so the default limit of 1 is the only one that works, and
every term gets a compressed block in the postings file, even for one posting. A segment of
one article (an edit) then writes ~1,500 pickled, zlib-compressed blocks of one posting
each. Here the writer inlines lists of fewer than INLINE_LIMIT postings, as Whoosh means to;
its readers already read inlined postings (as a ListMatcher). Rare terms of big segments
are inlined too, which saves a read of the postings file per lookup.
"""

import pickle
import zlib
from array import array

import numpy
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.system import emptybytes
from whoosh.util.numeric import length_to_byte

INLINE_LIMIT = 8


class InliningPostingsWriter(W3PostingsWriter):
    def finish_postings(self):
        values = self._values
        if not values:
            # A format without values (a facet's ID): no value per posting (None), as blocks read back.
            values = [None] * len(self._ids)
        if self.written() or len(self) >= self._inlinelimit or len(values) != len(self._ids):
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, values)
        self._terminfo = None
        return terminfo


class InliningCodec(W3Codec):
    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_LIMIT):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return InliningPostingsWriter(
            dbfile, blocklimit=self._blocklimit, byteids=byteids,
            compression=self._compression, inlinelimit=self._inlinelimit,
        )


class ArrayPostingsWriter(InliningPostingsWriter):
    """Blocks of postings laid out to be read as arrays: ids and weights apart from the values.

    Whoosh pickles each block of up to 128 postings as one compressed tuple of ids, weights and
    values (a text field's values are each posting's positions, most of a block), so reading a
    term's documents and weights, all a search needs but for phrases, decompresses and unpickles
    every position too, and builds a Python object per id, weight and value: about 90 µs a block.
    Here a block is the first id and the gaps after it, and the weights, as arrays of the narrowest
    unsigned integers that hold them (weights that are not whole numbers as float32), and the
    values joined in one compressed string with their lengths, decompressed only when a value is
    read (phrases, merges). Blocks written before the arrays were narrowed (every gap as uint32,
    weights as float32) read as they did.
    Each value's bytes are Whoosh's own, so everything else (formats, merges) reads them alike.
    """

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        as_ints = numpy.asarray(ids, dtype=numpy.int64)
        packed_ids = (*narrow(numpy.diff(as_ints)), int(as_ints[0]))  # the gaps after the first, and the first
        weights = self._weights
        if all(w == 1.0 for w in weights):
            packed_weights = None
        elif all(w == weights[0] for w in weights):
            packed_weights = float(weights[0])
        else:
            as_floats = numpy.asarray(weights, dtype=numpy.float64)
            # Weights that are counts (a text's word frequencies) as the narrowest integers, exactly
            # (not -0.0, NaN, or what a uint32 cannot hold).
            exact = ((as_floats >= 0) & ~numpy.signbit(as_floats) & (as_floats < 1 << 32)
                     & (numpy.floor(as_floats) == as_floats)).all()
            packed_weights = narrow(as_floats.astype(numpy.int64)) if exact else array("f", weights).tobytes()
        values = self._values
        fixedsize = self._format.fixed_value_size()
        if fixedsize is None or fixedsize < 0:
            joined = zlib.compress(emptybytes.join(values), self._compression) if values else emptybytes
            packed_values = (joined, array("I", map(len, values)).tobytes())
        else:
            packed_values = self._mini_values()
        databytes = pickle.dumps((packed_ids, packed_weights, packed_values), 2)
        infobytes = pickle.dumps((len(ids), ids[-1], self._maxweight, 0, length_to_byte(self._minlength),
                                  length_to_byte(self._maxlength)), 2)
        length = len(infobytes) + len(databytes)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


def narrow(values):
    """Non-negative integers as (type code, bytes) of the narrowest unsigned type that holds them all."""
    top = int(values.max()) if len(values) else 0
    if top >= 1 << 32:
        raise ValueError(f"{top} does not fit in 32 bits")
    code = "u1" if top < 1 << 8 else "u2" if top < 1 << 16 else "u4"
    return code, values.astype(code).tobytes()


def unpack(packed, dtype):
    """The array narrow() packed, or (in blocks written before it) raw bytes of dtype."""
    if isinstance(packed, tuple):
        code, raw = packed
        return numpy.frombuffer(raw, dtype=code)
    return numpy.frombuffer(packed, dtype=dtype)


class ArrayLeafMatcher(W3LeafMatcher):
    """Reads the blocks ArrayPostingsWriter writes: ids and weights as arrays, values when asked."""

    def _goto(self, position):
        super()._goto(position)
        self._id_array = None

    def id_array(self):
        """This block's document numbers, an int64 array (from the current block's first posting)."""
        if self._id_array is None:
            if self._data is None:
                self._read_data()
            packed = self._data[0]
            if isinstance(packed, tuple):  # narrowed gaps after the first id, and the first
                code, raw, first = packed
                ids = numpy.zeros(self._blocklength, dtype=numpy.int64)
                numpy.cumsum(numpy.frombuffer(raw, dtype=code), dtype=numpy.int64, out=ids[1:])
                ids += first
                self._id_array = ids
            else:  # blocks written before: every id's gap from the one before, from 0, as uint32
                self._id_array = numpy.cumsum(numpy.frombuffer(packed, dtype=numpy.uint32), dtype=numpy.int64)
        return self._id_array

    def weight_array(self):
        """This block's weights, a float64 array."""
        if self._data is None:
            self._read_data()
        packed = self._data[1]
        if isinstance(packed, (bytes, tuple)):
            return unpack(packed, numpy.float32).astype(numpy.float64)
        return numpy.full(self._blocklength, 1.0 if packed is None else packed)

    def _read_ids(self):
        self._ids = self.id_array().tolist()

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        packed = self._data[1]
        if isinstance(packed, (bytes, tuple)):
            self._weights = array("f", unpack(packed, numpy.float32).astype(numpy.float32).tobytes())
        else:
            self._weights = array("f", [1.0 if packed is None else packed]) * self._blocklength

    def _read_values(self):
        if self._data is None:
            self._read_data()
        packed = self._data[2]
        if isinstance(packed, tuple):  # values of variable size: joined and compressed
            joined, lengths = packed
            joined = zlib.decompress(joined) if joined else joined
            ends = numpy.cumsum(numpy.frombuffer(lengths, dtype=numpy.uint32)).tolist()
            starts = [0] + ends[:-1]
            self._values = tuple(joined[a:b] for a, b in zip(starts, ends))
            return
        # Fixed-size values (or none): as Whoosh's blocks hold them.
        data = self._data
        self._data = (None, None, packed)
        try:
            super()._read_values()
        finally:
            self._data = data


class ArrayCodec(InliningCodec):
    """InliningCodec with blocks read as arrays (see ArrayPostingsWriter); segments say which codec wrote them."""

    def postings_writer(self, dbfile, byteids=False):
        if byteids:  # term vectors' postings (ids are terms): Whoosh's blocks
            return super().postings_writer(dbfile, byteids=byteids)
        return ArrayPostingsWriter(
            dbfile, blocklimit=self._blocklimit, byteids=byteids,
            compression=self._compression, inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)
