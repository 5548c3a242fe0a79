"""Keep the search index in step with the database, by explicit calls."""

import contextlib
import logging
import sys
import time

from haystack import connections

from archive.models import Article

log = logging.getLogger(__name__)

BATCH = 500


def article_index():
    return connections["default"].get_unified_index().get_index(Article)


def backend():
    return connections["default"].get_backend()


def update_articles(ids, *, progress=False):
    """Index (or re-index) the articles with these primary keys.

    Large jobs show a progress bar (rate, ETA) when progress is true, or None on a
    terminal; otherwise they print a one-line summary to stderr.
    """
    ids = list(ids)
    index = article_index()
    if len(ids) <= BATCH:
        # Read the articles under the write lock: a process that saved earlier but reached
        # the lock later would otherwise write its older document over a newer one.
        with write_lock():
            objects = list(index.index_queryset().filter(pk__in=ids))
            backend().update(index, objects)
            remove_articles(set(ids) - {o.pk for o in objects})
        return
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(ids), desc="index", unit="article", dynamic_ncols=True)
    missing, start = [], time.perf_counter()

    def batches():
        for first in range(0, len(ids), BATCH):
            chunk = ids[first : first + BATCH]
            objects = list(index.index_queryset().filter(pk__in=chunk))
            missing.extend(set(chunk) - {o.pk for o in objects})
            yield objects
            if bar:
                bar.update(len(chunk))

    backend().update_batches(index, batches())
    remove_articles(missing)
    if bar:
        bar.close()
    else:
        seconds = time.perf_counter() - start
        print(f"indexed {len(ids)} articles in {seconds:.0f}s ({len(ids) / seconds:.0f}/s)", file=sys.stderr)


def write_lock():
    """The index's cross-process write lock, where the backend has one (Whoosh); else nothing."""
    engine = backend()
    return engine.write_lock() if hasattr(engine, "write_lock") else contextlib.nullcontext()


def remove_articles(ids):
    """Drop these articles' documents from the index."""
    identifiers = [f"archive.article.{pk}" for pk in ids]
    if not identifiers:
        return
    engine = backend()
    if hasattr(engine, "remove_many"):
        engine.remove_many(identifiers)
    else:  # another Haystack backend
        for identifier in identifiers:
            engine.remove(identifier)
