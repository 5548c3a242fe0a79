"""Keep the search index in step with the database, by explicit calls."""

import logging

from haystack import connections

from archive.models import Article

log = logging.getLogger(__name__)

BATCH = 500


def article_index():
    return connections["default"].get_unified_index().get_index(Article)


def backend():
    return connections["default"].get_backend()


def update_articles(ids, *, progress=False):
    """Index (or re-index) the articles with these primary keys, in batches."""
    ids = list(ids)
    index = article_index()
    bar = None
    if progress and len(ids) > BATCH:
        from tqdm import tqdm

        bar = tqdm(total=len(ids), desc="index", unit="article", dynamic_ncols=True)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        objects = list(index.index_queryset().filter(pk__in=chunk))
        backend().update(index, objects)
        missing = set(chunk) - {o.pk for o in objects}
        for pk in missing:
            backend().remove(f"archive.article.{pk}")
        if bar:
            bar.update(len(chunk))
    if bar:
        bar.close()


def remove_articles(ids):
    """Drop these articles' documents from the index."""
    for pk in ids:
        backend().remove(f"archive.article.{pk}")
