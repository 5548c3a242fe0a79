"""Queries matched and scored on arrays find what Whoosh's own matchers find, with Whoosh's scores and order."""

import datetime
import random

import numpy
import pytest

from archive.models import Article
from archive.search import vectors
from archive.search.indexing import backend
from archive.search.query import parse_query
from tests.factories import make_article, make_author

WORDS = ("arms control treaty nuclear sanctions energy security policy foreign united nations europe "
         "china russia ukraine the of and in middle east gas pipeline council summit").split()
QUERIES = [
    "sanctions", "sanctions energy", "security policy treaty", '"arms control"', '"united nations" ukraine',
    '"middle east gas pipeline"', '"the the"', '"control arms"', "nato OR china", "sanctions -energy",
    "-china", "energy NOT (gas OR pipeline)", '"arms control" OR "united nations"', "pipe*", "title:summit",
    'title:"arms control"', "author:petrova", "year:2019", "year:2015-2021 sanctions", "санкции", "zqxwv",
    '"arms zqxwv"', "U.S.",
]
NOTHING = {'"the the"', "zqxwv", '"arms zqxwv"'}  # (the others each find some of the articles)
FILTERS = ['year:[2016 to 2020]', 'theme_slugs:("security")', 'author_slugs:("anna-petrova" OR "nobody")',
           'source_slug:"nobody"']


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


@pytest.fixture
def articles(db):
    """Forty articles of random words from a small vocabulary, one segment each, some deleted or edited."""
    rng = random.Random(7)
    petrova = make_author("Anna Petrova")
    made = []
    for n in range(40):
        body = [{"type": "paragraph", "text": text(rng, rng.randint(5, 120))}]
        if n % 5 == 0:
            body.append({"type": "paragraph", "text": "Talks on the Middle East gas pipeline, led by the U.S., stalled."})
        if n % 9 == 0:
            body.append({"type": "paragraph", "text": "Санкции против России и энергетическая политика."})
        made.append(make_article(
            text(rng, rng.randint(2, 6)).title(), body=body, authors=[petrova] if n % 4 == 0 else [],
            date=datetime.date(2012 + n % 11, 1 + n % 12, 1) if n % 7 else None))
    for article in made[:3]:
        article.delete()
    made[5].title = "Arms control summit"
    made[5].save()
    made[5].reindex()
    return Article.objects.count()


def whoosh_found(searcher, query):
    return {hit.docnum: hit.score for hit in searcher.search(query, limit=None, terms=False)}


@pytest.mark.parametrize("raw", QUERIES)
def test_it_finds_and_scores_what_whoosh_finds(articles, raw):
    engine = backend()
    searcher = engine.searcher()
    assert len(searcher.leaf_searchers()) > 1  # segments with deletions, not one fresh segment
    query = engine.parse(parse_query(raw).text)
    expected = whoosh_found(searcher, query)
    assert expected or raw in NOTHING
    found = vectors.evaluate(searcher, query)
    assert set(numpy.flatnonzero(found.mask).tolist()) == set(expected)
    for docnum, score in expected.items():
        assert found.scores[docnum] == pytest.approx(score, rel=1e-9)
    ranked = [hit.docnum for hit in searcher.search(query, limit=20, terms=False)]
    assert vectors.top(found, 0, 20) == ranked
    assert vectors.top(found, 3, 8) == ranked[3:8]


@pytest.mark.parametrize("sort_by, reverse", [("sort_newest", True), ("sort_oldest", False), ("year", True)])
def test_it_sorts_as_whoosh_sorts_ties_included(articles, sort_by, reverse):
    engine = backend()
    searcher = engine.searcher()
    query = engine.parse("sanctions OR energy OR security")
    sorted_hits = searcher.search(query, limit=None, sortedby=sort_by, reverse=reverse, terms=False)
    expected = [hit.docnum for hit in sorted_hits]
    assert len(expected) > 20
    found = vectors.evaluate(searcher, query)
    keys = [vectors.sort_keys(searcher, sort_by)]
    assert vectors.by_key(found, keys, 0, len(expected), reverse=reverse) == expected
    assert vectors.by_key(found, keys, 10, 15, reverse=reverse) == expected[10:15]


@pytest.mark.parametrize("raw", FILTERS)
def test_it_finds_a_filters_documents_as_whoosh_does(articles, raw):
    engine = backend()
    searcher = engine.searcher()
    query = engine.filter_parser.parse(raw)
    found = vectors.evaluate(searcher, query, scored=False)
    assert set(numpy.flatnonzero(found.mask).tolist()) == set(searcher.docs_for_query(query))
    assert found.scores is None


def test_it_matches_nothing_in_an_empty_index(db):
    engine = backend()
    searcher = engine.searcher()
    found = vectors.evaluate(searcher, engine.parse("sanctions OR \"arms control\""))
    assert found.count() == 0
    assert vectors.top(found, 0, 20) == []


def test_it_leaves_out_a_phrase_whose_words_are_apart_or_in_another_order(db):
    make_article("One", body=[{"type": "paragraph", "text": "Arms were discussed before control; control arms."}])
    together = make_article("Two", body=[{"type": "paragraph", "text": "They agreed on arms control at last."}])
    engine = backend()
    searcher = engine.searcher()
    found = vectors.evaluate(searcher, engine.parse('"arms control"'))
    assert found.count() == 1
    docnum = searcher.document_number(django_id=str(together.pk))
    assert found.mask[docnum]


def test_it_reads_every_posting_of_a_term_across_segments_and_blocks(db):
    from archive.search.indexing import remove_articles, update_articles

    # Several segments, one with 150 postings of the term (more than a block of 128), and a deletion.
    arctic = [make_article(f"Arctic {n}", body=[{"type": "paragraph", "text": "Icebreakers, icebreakers."}],
                           index=False).pk for n in range(150)]
    update_articles(arctic)
    for n in range(3):
        make_article(f"Baltic {n}", body=[{"type": "paragraph", "text": "Icebreakers in the Baltic."}])
    remove_articles([arctic[7]])
    searcher = backend().searcher()
    assert len(searcher.leaf_searchers()) > 1
    reader = searcher.reader()
    btext = reader.schema["text"].to_bytes("icebreak")
    ours = vectors.term_docs(searcher, "text", btext)
    assert len(ours) == 153  # the deleted document's posting included
    live = [d for d in ours.tolist() if not reader.is_deleted(d)]
    assert sorted(live) == sorted(reader.postings("text", btext).all_ids())
    found = vectors.evaluate(searcher, backend().parse("icebreakers"))
    assert found.count() == 152
