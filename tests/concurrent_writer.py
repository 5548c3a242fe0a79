"""The processes of tests/test_concurrency.py, one command each, over the data dir in ARCHIVE_DATA_DIR.

    python -m tests.concurrent_writer setup ARTICLES   migrate, then make and index that many articles
    python -m tests.concurrent_writer save WORKER ROUNDS   retitle every article ROUNDS times, as the admin saves
    python -m tests.concurrent_writer retitle PK TURN    retitle one article in turn 1 or 2 of a race
    python -m tests.concurrent_writer check             JSON: how the index compares with the database
"""

import json
import os
import random
import sys
import time
from pathlib import Path

CURATOR = ("curator", "curator-pass-1234")


def title_word(worker, round_, pk):
    """A word found in no other title: which worker set it, in which round, on which article."""
    return f"w{worker}r{round_}a{pk}"


def setup(articles):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from tests.factories import make_article

    call_command("migrate", verbosity=0)
    get_user_model().objects.create_superuser(CURATOR[0], "", CURATOR[1])
    for _ in range(articles):
        make_article()


def wait_for_the_others(worker):
    """Say this worker is ready, and wait for the test's word to go: every worker starts saving at once."""
    data_dir = Path(os.environ["ARCHIVE_DATA_DIR"])
    (data_dir / f"ready-{worker}").touch()
    deadline = time.monotonic() + 60
    while not (data_dir / "go").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("no word to go from the test")
        time.sleep(0.01)


def save(worker, rounds):
    """Retitle every article, in an order of this worker's own, saving and reindexing as the admin does."""
    from archive.models import Article

    pks = list(Article.objects.values_list("pk", flat=True))
    order = random.Random(worker)
    wait_for_the_others(worker)
    started = time.time()
    for round_ in range(rounds):
        order.shuffle(pks)
        for pk in pks:
            article = Article.objects.get(pk=pk)
            article.title = f"Concurrent edit {title_word(worker, round_, pk)}"
            article.mark_curated("title")
            article.save()
            article.reindex()
    print(json.dumps({"worker": worker, "saves": rounds * len(pks), "started": started, "ended": time.time()}))


def wait_for(name, timeout=60, required=True):
    """Wait until the file name appears in the data dir: how these processes take turns."""
    path = Path(os.environ["ARCHIVE_DATA_DIR"]) / name
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            if required:
                raise TimeoutError(f"{name} never appeared")
            return
        time.sleep(0.01)


def retitle(pk, turn):
    """Retitle one article as the admin does, in one of two turns of a race over the index.

    Turn 1 saves first and is then held between reading the article for the index and writing the
    index (as a descheduled or busy process would be) until turn 2 has saved and indexed the same
    article, or for a few seconds if turn 2 cannot index meanwhile (when the read is under the lock).
    """
    from archive.models import Article
    from archive.search_indexes import ArticleIndex

    data_dir = Path(os.environ["ARCHIVE_DATA_DIR"])
    if turn == 1:
        prepare = ArticleIndex.full_prepare

        def held_prepare(self, obj, *args, **kwargs):
            document = prepare(self, obj, *args, **kwargs)
            (data_dir / "saved-1").touch()
            wait_for("indexed-2", timeout=4, required=False)
            return document

        ArticleIndex.full_prepare = held_prepare
    else:
        wait_for("saved-1")
    article = Article.objects.get(pk=pk)
    article.title = f"Retitled {title_word(turn, 0, pk)}"
    article.save()
    article.reindex()
    (data_dir / f"indexed-{turn}").touch()


def check():
    from haystack.query import SearchQuerySet

    from archive.models import Article
    from archive.search.consistency import check_index

    report = check_index()
    unfound = []
    for pk, title in Article.objects.values_list("pk", "title"):
        word = title.split()[-1]
        if [r.pk for r in SearchQuerySet().models(Article).filter(title=word)] != [str(pk)]:
            unfound.append(pk)
    print(json.dumps({"articles": Article.objects.count(), "missing": report.missing, "stale": report.stale,
                      "orphans": report.orphans, "unfound": unfound}))


def main(command, *args):
    # Only here: the test imports this module's names and keeps its own settings.
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.concurrent_settings"
    import django

    django.setup()
    {"setup": setup, "save": save, "retitle": retitle, "check": check}[command](*map(int, args))


if __name__ == "__main__":
    main(*sys.argv[1:])
