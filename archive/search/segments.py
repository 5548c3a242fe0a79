"""How the index's segments are merged: the smallest as they come, the rest only when optimised.

Every commit writes a new segment. Whoosh's default policy (MERGE_SMALL) sooner or later
folds a large segment into the merge of the small ones, and then one edit rewrites most of
the index (seconds at 1,000 articles, far longer at 50,000). Here a commit merges only the
tiniest segments (fewer than MERGE_FACTOR documents), once there are MERGE_FACTOR of them:
an edit costs its own document, and a merge of a few dozen comes once in MERGE_FACTOR edits
(Whoosh merges at roughly the cost of indexing, so merging at every commit would double
each edit's time). That merge runs in a thread of its own after the commit that filled the
tier (merge_later): the edit returns at once, instead of one edit in twenty taking seconds.
Larger segments are merged by optimize() — check_index --fix runs it when segments pile
up. Readers wait for neither: a searcher keeps reading the files of the generation it
opened until it is refreshed. Writers wait for the index's write lock, which merges hold.
"""

import atexit
import logging
import threading

from whoosh.reading import SegmentReader

log = logging.getLogger(__name__)

MERGE_FACTOR = 20
# Only tier 0 (segments under MERGE_FACTOR documents) is merged as it fills; bigger ones by optimize().
SMALL_TIERS = 1
# More segments than this and check_index --fix optimises the index.
MAX_SEGMENTS = 2 * MERGE_FACTOR
# At most this many seconds at exit for a background merge to finish.
EXIT_WAIT = 20


def tier(documents):
    """The size tier of a segment of this many documents: 0 under MERGE_FACTOR, 1 under its square, …"""
    level = 0
    while documents >= MERGE_FACTOR:
        documents //= MERGE_FACTOR
        level += 1
    return level


def keep_small_tiers(writer, segments):
    """A Whoosh merge policy that merges nothing (merge_later does): drop empty segments only."""
    return [s for s in segments if s.doc_count() > 0]  # every document deleted: nothing to merge


def _full_tier(segments):
    """The segments of the lowest small tier holding MERGE_FACTOR of them, or []."""
    tiers = {}
    for segment in segments:
        tiers.setdefault(tier(segment.doc_count_all()), []).append(segment)
    for level in sorted(tiers):
        if level < SMALL_TIERS and len(tiers[level]) >= MERGE_FACTOR:
            return tiers[level]
    return []


def merge_small_tiers(writer, segments):
    """A Whoosh merge policy: merge the lowest small tier holding MERGE_FACTOR segments; drop empty ones."""
    kept = keep_small_tiers(writer, segments)
    merged = _full_tier(kept)
    for segment in merged:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in kept if s not in merged]


def small_pile(segments):
    """Whether a small tier holds MERGE_FACTOR segments (merge_small_tiers has work)."""
    return bool(_full_tier([s for s in segments if s.doc_count() > 0]))


_merges = {}  # index path → the thread merging it
_merges_lock = threading.Lock()


def merge_later(backend):
    """Merge the index's small tiers in a background thread, unless one is at it already."""
    with _merges_lock:
        running = _merges.get(backend.path)
        if running is not None and running.is_alive():
            return running
        thread = threading.Thread(target=_merge, args=(backend,), name="index-merge", daemon=True)
        _merges[backend.path] = thread
        thread.start()
        return thread


def _merge(backend):
    try:
        with backend.write_lock():
            index = backend.index.refresh()
            if not small_pile(index._segments()):
                return
            writer = index.writer(**backend.writer_options)
            try:
                writer.commit(mergetype=merge_small_tiers)
            except BaseException:
                writer.cancel()  # Whoosh's own lock and temporary files, freed now
                raise
    except Exception:  # the segments stay as they were: the next merge, or optimize(), gets them
        log.exception("merging the small segments of the index at %s failed", backend.path)


def wait_for_merges(path=None, timeout=None):
    """Wait until the background merges (of the index at path, or of every index) are done,
    or timeout seconds have passed."""
    with _merges_lock:
        threads = [t for p, t in _merges.items() if path is None or p == path]
    for thread in threads:
        thread.join(timeout)


# A command that edits the index finishes its merge before the process ends, unless the merge
# is still waiting for the index (another process writing for long): then it is left undone,
# for the next merge or optimize(), rather than hold up the exit (a gunicorn worker's, say).
atexit.register(wait_for_merges, timeout=EXIT_WAIT)
