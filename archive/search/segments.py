"""How the index's segments are merged: the smallest as they come, the rest only when optimised.

Every commit writes a new segment. Whoosh's default policy (MERGE_SMALL) sooner or later
folds a large segment into the merge of the small ones, and then one edit rewrites most of
the index (seconds at 1,000 articles, far longer at 50,000). Here a commit merges only the
tiniest segments (fewer than MERGE_FACTOR documents), once there are MERGE_FACTOR of them:
an edit costs its own document, and one edit in MERGE_FACTOR a merge of a few dozen
(Whoosh merges at roughly the cost of indexing, so merging at every commit would double
each edit's time). Larger segments are merged by optimize() — check_index --fix runs it
when segments pile up — which readers never wait for: a searcher keeps reading the files
of the generation it opened until it is refreshed.
"""

from whoosh.reading import SegmentReader

MERGE_FACTOR = 20
# Only tier 0 (segments under MERGE_FACTOR documents) is merged as it fills; bigger ones by optimize().
SMALL_TIERS = 1
# More segments than this and check_index --fix optimises the index.
MAX_SEGMENTS = 2 * MERGE_FACTOR


def tier(documents):
    """The size tier of a segment of this many documents: 0 under MERGE_FACTOR, 1 under its square, …"""
    level = 0
    while documents >= MERGE_FACTOR:
        documents //= MERGE_FACTOR
        level += 1
    return level


def merge_small_tiers(writer, segments):
    """A Whoosh merge policy: merge the lowest small tier holding MERGE_FACTOR segments; drop empty ones."""
    kept, tiers = [], {}
    for segment in segments:
        if segment.doc_count() == 0:
            continue  # every document deleted: nothing to merge
        kept.append(segment)
        tiers.setdefault(tier(segment.doc_count_all()), []).append(segment)
    for level in sorted(tiers):
        if level < SMALL_TIERS and len(tiers[level]) >= MERGE_FACTOR:
            for segment in tiers[level]:
                reader = SegmentReader(writer.storage, writer.schema, segment)
                writer.add_reader(reader)
                reader.close()
            return [s for s in kept if s not in tiers[level]]
    return kept
