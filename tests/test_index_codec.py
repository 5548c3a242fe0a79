"""The inlining codec writes indexes that read exactly as Whoosh's own codec's do."""

import random

import pytest
from whoosh import query as wq
from whoosh.analysis import StemmingAnalyzer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import QueryParser

from archive.search.codec import InliningCodec

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
    docs = list(documents(120))
    # Commits of one document (edits), then batches, then an update and a delete, then a merge.
    for doc in docs[:25]:
        with index.writer(codec=codec, compound=False) as writer:
            writer.add_document(**doc)
    for start in range(25, 120, 40):
        with index.writer(codec=codec, compound=False) as writer:
            for doc in docs[start : start + 40]:
                writer.add_document(**doc)
    with index.writer(codec=codec, compound=False) as writer:
        writer.update_document(**{**docs[3], "text": "treaty summit envoy envoy"})
        writer.delete_by_term("id", "7")
    return index


def postings(index):
    with index.reader() as reader:
        return sorted(reader.iter_postings())


@pytest.mark.parametrize("merge", [False, True])
def test_it_reads_the_same_postings_scores_and_phrases_as_whooshs_codec(tmp_path, merge):
    ours, theirs = build(tmp_path / "ours", InliningCodec()), build(tmp_path / "theirs", W3Codec())
    if merge:
        ours.writer(codec=InliningCodec(), compound=False).commit(optimize=True)
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
        assert a.doc_count() == 119


def test_it_inlines_short_posting_lists_only(tmp_path):
    index = build(tmp_path / "ours", InliningCodec())
    index.writer(codec=InliningCodec(), compound=False).commit(optimize=True)
    with index.reader() as reader:
        assert reader.term_info("text", "unique0").is_inlined()  # one posting
        assert not reader.term_info("text", "arctic").is_inlined()  # in most documents
