"""How the index's segments are written: Whoosh's codec, with short posting lists inlined.

Whoosh can keep a term's postings in the term table itself when it has fewer than
`inlinelimit` of them, but the writer's inlining calls a method the term info does not have
(set_inline for set_inlined), so the default limit of 1 is the only one that works, and
every term gets a compressed block in the postings file, even for one posting. A segment of
one article (an edit) then writes ~1,500 pickled, zlib-compressed blocks of one posting
each. Here the writer inlines lists of fewer than INLINE_LIMIT postings, as Whoosh means to;
its readers already read inlined postings (as a ListMatcher). Rare terms of big segments
are inlined too, which saves a read of the postings file per lookup.
"""

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter

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
