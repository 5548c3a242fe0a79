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
    for article in articles[: segments.MERGE_FACTOR - 1]:
        update_articles([article.pk])
    segments.wait_for_merges()
    assert segment_sizes() == [1] * (segments.MERGE_FACTOR - 1)
    update_articles([articles[segments.MERGE_FACTOR - 1].pk])  # fills the tier: merged in the background
    segments.wait_for_merges()
    assert segment_sizes() == [segments.MERGE_FACTOR]
    update_articles([articles[-1].pk])
    assert segment_sizes() == [1, segments.MERGE_FACTOR]  # a segment of 20 is in the next tier: kept


def test_it_merges_in_the_background_while_searches_go_on(db, client):
    articles = [make_article(title=f"Arctic note {i}", index=False) for i in range(segments.MERGE_FACTOR)]
    for article in articles:
        update_articles([article.pk])
        assert client.get("/search/", {"q": "arctic"}).status_code == 200
    segments.wait_for_merges()
    assert segment_sizes() == [segments.MERGE_FACTOR]
    assert client.get("/search/", {"q": "arctic"}).context["result"].total == segments.MERGE_FACTOR


def test_it_leaves_the_segments_as_they_were_when_a_background_merge_fails(db, monkeypatch, caplog):
    def broken(writer, found):
        raise OSError("disk full")

    monkeypatch.setattr(segments, "merge_small_tiers", broken)
    for i in range(segments.MERGE_FACTOR):
        update_articles([make_article(title=f"Baltic note {i}", index=False).pk])
    segments.wait_for_merges()
    assert segment_sizes() == [1] * segments.MERGE_FACTOR
    assert "merging the small segments" in caplog.text
    update_articles([make_article(title="Written after the failure", index=False).pk])  # nothing left locked
    segments.wait_for_merges()
    assert len(segment_sizes()) == segments.MERGE_FACTOR + 1


def test_it_clears_the_index_under_its_own_write_lock_while_a_merge_waits_for_it(db):
    import faulthandler

    backend = connections["default"].get_backend()
    articles = [make_article(title=f"Kara note {i}", index=False) for i in range(segments.MERGE_FACTOR)]
    faulthandler.dump_traceback_later(60, exit=True)  # a deadlock ends the run, loudly
    try:
        with backend.write_lock():
            for article in articles:  # the last fills the tier: a merge starts and waits for the lock
                update_articles([article.pk])
            backend.clear()
    finally:
        faulthandler.cancel_dump_traceback_later()
    segments.wait_for_merges()
    assert segment_sizes() == []


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
