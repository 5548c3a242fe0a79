"""The archive's codecs write indexes that read exactly as Whoosh's own codec's do."""

import pickle
import random
import zlib
from array import array

import numpy
import pytest
from whoosh import query as wq
from whoosh.analysis import StemmingAnalyzer
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import QueryParser
from whoosh.util.numeric import length_to_byte

from archive.search.codec import ArrayCodec, ArrayPostingsWriter, InliningCodec, narrow, unpack

# Enough documents that common words' posting lists take several blocks (of 128), in a batch and merged.
DOCS = 400
WORDS = "arctic sanctions gas pipeline treaty summit nuclear alliance border trade tariff envoy".split()


def schema():
    return Schema(id=ID(stored=True, unique=True), text=TEXT(analyzer=StemmingAnalyzer(), phrase=True),
                  tags=KEYWORD(commas=True), year=NUMERIC(stored=True), lang=ID)


def documents(n):
    rng = random.Random(11)
    for i in range(n):
        # Some words in many documents, some in a few, some in one: lists above and below the limit.
        words = rng.choices(WORDS, k=rng.randint(3, 40)) + [f"rare{i % 7}", f"unique{i}"]
        yield {"id": str(i), "text": " ".join(words), "tags": ",".join(rng.sample(["a", "b", f"t{i % 9}"], 2)),
               "year": 1995 + i % 30, "lang": "ru" if i % 5 == 0 else "en"}


def build(path, codec):
    index = FileStorage(str(path)).create().create_index(schema())
    docs = list(documents(DOCS))
    # Commits of one document (edits), then batches, then an update and a delete, then a merge.
    for doc in docs[:25]:
        with index.writer(codec=codec, compound=False) as writer:
            writer.add_document(**doc)
    for start in range(25, DOCS, 125):
        with index.writer(codec=codec, compound=False) as writer:
            for doc in docs[start : start + 125]:
                writer.add_document(**doc)
    with index.writer(codec=codec, compound=False) as writer:
        writer.update_document(**{**docs[3], "text": "treaty summit envoy envoy"})
        writer.delete_by_term("id", "7")
    return index


def postings(index):
    with index.reader() as reader:
        return sorted(reader.iter_postings())


@pytest.mark.parametrize("codec", [InliningCodec, ArrayCodec])
@pytest.mark.parametrize("merge", [False, True])
def test_it_reads_the_same_postings_scores_and_phrases_as_whooshs_codec(tmp_path, merge, codec):
    ours, theirs = build(tmp_path / "ours", codec()), build(tmp_path / "theirs", W3Codec())
    if merge:
        ours.writer(codec=codec(), compound=False).commit(optimize=True)
        theirs.writer(codec=W3Codec(), compound=False).commit(optimize=True)
    assert postings(ours) == postings(theirs)
    parser = QueryParser("text", schema())
    queries = ["arctic", "gas OR treaty", '"gas pipeline"', "rare3", "unique50", "envoy", "summit -trade"]
    for text in queries + ["tags:t4", "lang:ru AND arctic"]:
        query = parser.parse(text)
        with ours.searcher() as a, theirs.searcher() as b:
            found = [(h["id"], round(h.score, 6)) for h in a.search(query, limit=None)]
            assert found == [(h["id"], round(h.score, 6)) for h in b.search(query, limit=None)], text
            assert found, text
    with ours.searcher() as a:
        assert [h["id"] for h in a.search(wq.Term("text", "unique7"))] == []  # deleted
        assert a.doc_count() == DOCS - 1


def test_it_inlines_short_posting_lists_only(tmp_path):
    index = build(tmp_path / "ours", InliningCodec())
    index.writer(codec=InliningCodec(), compound=False).commit(optimize=True)
    with index.reader() as reader:
        assert reader.term_info("text", "unique0").is_inlined()  # one posting
        assert not reader.term_info("text", "arctic").is_inlined()  # in most documents


def test_it_reads_an_index_written_before_the_array_blocks_and_merges_it_into_them(tmp_path):
    # A data dir of the inlining codec's segments, then new segments of array blocks, then one merge.
    mixed, theirs = build(tmp_path / "mixed", InliningCodec()), build(tmp_path / "theirs", W3Codec())
    extra = [{**doc, "id": f"x{doc['id']}"} for doc in documents(150)]
    for index, codec in ((mixed, ArrayCodec()), (theirs, W3Codec())):
        with index.writer(codec=codec, compound=False) as writer:
            for doc in extra:
                writer.add_document(**doc)
    assert {type(s.codec()) for s in mixed._segments()} == {InliningCodec, ArrayCodec}
    assert postings(mixed) == postings(theirs)
    mixed.writer(codec=ArrayCodec(), compound=False).commit(optimize=True)
    theirs.writer(codec=W3Codec(), compound=False).commit(optimize=True)
    assert {type(s.codec()) for s in mixed._segments()} == {ArrayCodec}
    assert postings(mixed) == postings(theirs)
    query = QueryParser("text", schema()).parse('"gas pipeline" OR envoy')
    with mixed.searcher() as a, theirs.searcher() as b:
        assert [h["id"] for h in a.search(query, limit=None)] == [h["id"] for h in b.search(query, limit=None)]


class _BlocksOfBefore(ArrayPostingsWriter):
    """Array blocks as written before they were narrowed: every id's gap from 0 as uint32, weights as float32."""

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        gaps = numpy.diff(numpy.asarray(self._ids, dtype=numpy.int64), prepend=0).astype(numpy.uint32)
        weights = self._weights
        packed_weights = None if all(w == 1.0 for w in weights) else array("f", weights).tobytes()
        values = self._values
        packed_values = (zlib.compress(b"".join(values)), array("I", map(len, values)).tobytes()) if \
            self._format.fixed_value_size() is None else self._mini_values()
        data = pickle.dumps((gaps.tobytes(), packed_weights, packed_values), 2)
        info = pickle.dumps((len(self._ids), self._ids[-1], self._maxweight, 0, length_to_byte(self._minlength),
                             length_to_byte(self._maxlength)), 2)
        self._postfile.write_int(-(len(info) + len(data)) if last else len(info) + len(data))
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class _CodecOfBefore(ArrayCodec):
    def postings_writer(self, dbfile, byteids=False):
        return _BlocksOfBefore(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression, inlinelimit=self._inlinelimit)


def test_it_reads_array_blocks_written_before_they_were_narrowed_and_with_fractional_weights(tmp_path):
    before, theirs = build(tmp_path / "before", _CodecOfBefore()), build(tmp_path / "theirs", W3Codec())
    boosted = [{**doc, "id": f"b{doc['id']}", "_text_boost": 1.5} for doc in documents(200)]  # weights like 1.5, 3.0
    for index, codec in ((before, ArrayCodec()), (theirs, W3Codec())):
        with index.writer(codec=codec, compound=False) as writer:
            for doc in boosted:
                writer.add_document(**doc)
    assert postings(before) == postings(theirs)
    query = QueryParser("text", schema()).parse('"gas pipeline" OR envoy OR arctic')
    with before.searcher() as a, theirs.searcher() as b:
        assert [(h["id"], round(h.score, 6)) for h in a.search(query, limit=None)] == \
            [(h["id"], round(h.score, 6)) for h in b.search(query, limit=None)]


@pytest.mark.parametrize("top, code", [(0, "u1"), (255, "u1"), (256, "u2"), (65535, "u2"), (65536, "u4")])
def test_it_packs_ids_and_counts_in_the_narrowest_type_that_holds_them(top, code):
    values = numpy.array([0, 3, top], dtype=numpy.int64)
    packed = narrow(values)
    assert packed[0] == code
    assert unpack(packed, numpy.uint32).tolist() == [0, 3, top]


def test_it_keeps_weights_a_narrow_integer_cannot_hold_as_whoosh_does(tmp_path):
    # Boosted weights past 2**32, and signed zeros: as float32 blocks, as Whoosh writes them.
    docs = [{"id": str(i), "text": "gas " * (i + 1), "_boost": 1e9} for i in range(8)]
    docs += [{"id": f"z{i}", "text": "oil " * (i + 1), "_text_boost": -0.0} for i in range(9)]
    found = []
    for codec in (ArrayCodec(), W3Codec()):
        index = FileStorage(str(tmp_path / type(codec).__name__)).create().create_index(schema())
        with index.writer(codec=codec, compound=False) as writer:
            for doc in docs:
                writer.add_document(**doc)
        with index.reader() as reader:
            found.append([(f, t, d, repr(w)) for f, t, d, w, _ in reader.iter_postings() if f == "text"])
    assert found[0] == found[1]
    assert "-0.0" in {w for *_, w in found[0]} and "8000000000.0" in {w for *_, w in found[0]}
