"""Edits keep the index small and fast to write: tiny segments are merged as they pile up, big ones left alone."""

from haystack import connections

from archive.search import segments
from archive.search.consistency import check_index
from archive.search.indexing import update_articles
from tests.factories import make_article


def segment_sizes():
    backend = connections["default"].get_backend()
    return sorted(s.doc_count_all() for s in backend.index.refresh()._segments())


def test_it_ranks_segments_in_tiers_of_the_merge_factor():
    factor = segments.MERGE_FACTOR
    assert [segments.tier(n) for n in (1, factor - 1, factor, factor**2 - 1, factor**2)] == [0, 0, 1, 1, 2]


def test_it_merges_the_tiny_segments_of_single_edits_once_there_are_enough_of_them(db):
    articles = [make_article(title=f"Arctic note {i}", index=False) for i in range(segments.MERGE_FACTOR + 1)]
    for article in articles[:-1]:
        update_articles([article.pk])
    assert segment_sizes() == [1] * segments.MERGE_FACTOR
    update_articles([articles[-1].pk])
    assert segment_sizes() == [segments.MERGE_FACTOR + 1]  # merged with the new document


def test_it_merges_every_segment_when_check_index_fixes_a_scattered_index(db, monkeypatch):
    monkeypatch.setattr(segments, "MERGE_FACTOR", 1000)  # no merges on the way
    monkeypatch.setattr("archive.search.consistency.MAX_SEGMENTS", 3)
    for i in range(5):
        update_articles([make_article(title=f"Baltic note {i}", index=False).pk])
    assert len(segment_sizes()) == 5
    report = check_index(fix=True)
    assert report.optimized and segment_sizes() == [5]


def test_it_raises_the_limit_of_open_files_for_an_index_of_many_segment_files():
    import resource

    from archive.search.backend import _allow_open_files

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        _allow_open_files(2048)
        expected = 2048 if hard == resource.RLIM_INFINITY else min(2048, hard)
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == expected
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
