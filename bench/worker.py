"""One measured system in its own process: JSON commands on stdin, JSON answers on stdout (bench only).

python -m bench.worker {archive|stock|fts5}; ARCHIVE_DATA_DIR and DJANGO_SETTINGS_MODULE come from the caller.
"""

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import django

SYSTEM = sys.argv[1] if len(sys.argv) > 1 else "archive"
COUNT = re.compile(r"([\d,]+) results?</h2>")
# On the archive's page (and so the FTS5 one): each facet value's link and count, and each hit's link.
FACET = re.compile(r'<li><a href="([^"]*)"[^>]*>.*?</a> <span class="count">(\d+)</span></li>')
HIT = re.compile(r'<h3 class="item-title"><a href="/articles/([^/?"]+)/')


def cmd_import(files, **_):
    """Migrate, import the captures (without indexing), then build the index; seconds of each."""
    from django.core.management import call_command

    from archive.ingest.importer import import_paths
    from archive.models import Article
    from archive.search.indexing import update_articles

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    start = time.perf_counter()
    report = import_paths(files, index=False)
    stored = time.perf_counter()
    ids = list(Article.objects.values_list("pk", flat=True))
    update_articles(ids, progress=None)
    indexed = time.perf_counter()
    print(report.summary(), file=sys.stderr)
    from django.db import connection

    with connection.cursor() as cursor:  # everything in the main file, for the copies the others get
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"store_s": stored - start, "index_s": indexed - stored, "articles": len(ids),
            "created": report.count("created"), "duplicate": report.count("duplicate"),
            "rejected": report.count("rejected")}


def cmd_reuse(**_):
    """An archive data dir imported and indexed before (run.py --reuse): bring it up to date, count it."""
    from django.core.management import call_command

    from archive.models import Article

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    return {"articles": Article.objects.count()}


def cmd_stock_index(**_):
    """Haystack's own update_index over the whole database; seconds."""
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("update_index", verbosity=1)
    return {"index_s": time.perf_counter() - start}


def cmd_fts5_index(**_):
    from bench import fts5

    return {"index_s": fts5.build()}


def cmd_sample(n, seed=42, **_):
    """Facet values for filtered queries and a sample of article, author and browse URLs."""
    from django.db.models import Count

    from archive.models import Article, Author, Source, Theme

    rng = random.Random(seed)
    top = lambda qs: qs.annotate(n=Count("articles")).order_by("-n", "slug").values_list("slug", flat=True)  # noqa: E731
    years = Article.objects.exclude(year=None).year_counts().order_by("-n", "year")
    choices = {"author": top(Author.objects)[0], "theme": top(Theme.objects)[0],
               "source": top(Source.objects)[0], "year": str(years[0]["year"])}
    slugs = list(Article.objects.order_by("pk").values_list("slug", flat=True))
    authors = list(top(Author.objects)[:200])
    second_theme = top(Theme.objects)[1]
    # The second page of the top source's articles, where it has one (a small corpus may not: a page past
    # the last one redirects, which the load would count as an error).
    from archive.views import PER_PAGE

    source_page = 2 if Article.objects.filter(source__slug=choices["source"]).count() > PER_PAGE else 1
    browse = ["/articles/", "/articles/?sort=oldest", "/articles/?page=3", f"/articles/?theme={choices['theme']}",
              f"/articles/?author={choices['author']}", f"/articles/?year={choices['year']}&source={choices['source']}",
              f"/articles/?theme={second_theme}&from=2000&to=2010", f"/articles/?source={choices['source']}&page={source_page}"]
    return {"choices": choices, "articles": rng.sample(slugs, min(n, len(slugs))),
            "authors": [rng.choice(authors) for _ in range(n)], "browse": browse}


def cmd_pages(urls, **_):
    """[milliseconds, status, result count or None, facet counts, hits] of a GET of each URL, in order."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    out = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        ms = (time.perf_counter() - start) * 1000
        html = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        found = COUNT.search(html)
        out.append([ms, response.status_code, int(found.group(1).replace(",", "")) if found else None,
                    FACET.findall(html), HIT.findall(html)])
    return out


def cmd_updates(new_files, edits=30, **_):
    """Milliseconds of the index update after editing stored articles and after adding new ones."""
    from archive.ingest.importer import import_paths
    from archive.models import Article
    from archive.search.indexing import backend, update_articles

    rng = random.Random(7)
    pks = list(Article.objects.values_list("pk", flat=True))
    edit_ms, add_ms = [], []
    for pk in rng.sample(pks, min(edits, len(pks))):
        article = Article.objects.get(pk=pk)
        article.title = (article.title or article.display_title) + " (revised)"
        article.save()
        start = time.perf_counter()
        article.reindex()
        edit_ms.append((time.perf_counter() - start) * 1000)
    for path in new_files:
        report = import_paths([path], index=False, progress=False)
        article = Article.objects.filter(slug=report.files[0].slug).first()
        if article is None:
            continue
        start = time.perf_counter()
        update_articles([article.pk])
        add_ms.append((time.perf_counter() - start) * 1000)
    return {"edit_ms": edit_ms, "add_ms": add_ms, "segments": len(backend().index.refresh()._segments())}


def cmd_optimize_while_searching(urls, **_):
    """Search while another process merges the index into one segment: readers must not wait."""
    from django.test import Client

    from archive.search.indexing import backend

    client = Client(raise_request_exception=False)
    before = len(backend().index.refresh()._segments())
    code = "import django; django.setup(); from archive.search.indexing import backend; backend().optimize()"
    proc = subprocess.Popen([sys.executable, "-c", code], env=os.environ.copy())
    start, times, errors = time.perf_counter(), [], 0
    while proc.poll() is None or not times:
        for url in urls:
            t = time.perf_counter()
            errors += client.get(url).status_code != 200
            times.append((time.perf_counter() - t) * 1000)
            if proc.poll() is not None:
                break
    proc.wait()
    return {"optimize_s": time.perf_counter() - start, "searches": len(times), "search_ms": times,
            "errors": errors, "segments_before": before, "segments_after": len(backend().index.refresh()._segments())}


def main():
    django.setup()
    if SYSTEM == "fts5":
        from bench import fts5

        fts5.install()
    # Answers go to the real stdout; anything else printed goes to stderr.
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    for line in sys.stdin:
        request = json.loads(line)
        if request["cmd"] == "quit":
            break
        result = globals()["cmd_" + request["cmd"]](**request.get("args", {}))
        answers.write(json.dumps(result) + "\n")
        answers.flush()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
