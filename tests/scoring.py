"""Extraction figures: fields right, wrong and left empty, against a spec of expected results.

    .venv/bin/python -m tests.scoring            # seeds and tests/captures, as a table

The spec format is that of seeds-expected.json: {"seeds" or "captures": {file: {field: value}}}.
Run it on an imported database (it imports into a temporary one itself when run as a module).
"""

import json
from collections import Counter
from pathlib import Path

FIELDS = ("title", "authors", "date", "source", "url", "language", "genre", "needs_review")


def actual(article):
    """The extracted values of an article, in the spec's terms."""
    return {
        "title": article.title or None,
        "authors": [a.name for a in article.ordered_authors],
        "date": article.date.isoformat() if article.date else None,
        "source": article.source.name if article.source_id else None,
        "url": article.url or None,
        "language": article.language,
        "genre": article.genre or None,
        "needs_review": article.needs_review,
    }


def judge(expected, got):
    """"right", "wrong" or "empty" (left empty where a value was expected)."""
    if got == expected:
        return "right"
    if got in (None, [], "") and expected not in (None, [], ""):
        return "empty"
    return "wrong"


def score(spec, articles_by_file):
    """Counter of (field, verdict) over every file of spec, and the list of misses."""
    counts, misses = Counter(), []
    for name, expected in spec.items():
        article = articles_by_file.get(name)
        if article is None:
            counts[("article", "missing")] += 1
            misses.append((name, "article", "imported", "missing"))
            continue
        values = actual(article)
        for field in FIELDS:
            if field not in expected:
                continue
            verdict = judge(expected[field], values[field])
            counts[(field, verdict)] += 1
            if verdict != "right":
                misses.append((name, field, expected[field], values[field]))
    return counts, misses


def table(counts):
    lines = [f"{'field':<13}{'right':>7}{'wrong':>7}{'empty':>7}"]
    for field in FIELDS:
        row = [counts[(field, v)] for v in ("right", "wrong", "empty")]
        if any(row):
            lines.append(f"{field:<13}" + "".join(f"{n:>7}" for n in row))
    total = [sum(n for (f, v), n in counts.items() if v == verdict) for verdict in ("right", "wrong", "empty")]
    lines.append(f"{'all':<13}" + "".join(f"{n:>7}" for n in total))
    return "\n".join(lines)


def capture_files(folder):
    """The captures of a test folder, without its expectations and notes."""
    return sorted(p for p in Path(folder).iterdir() if p.name not in ("expected.json", "README.md"))


def load_spec(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data.get("seeds") or data.get("captures") or {}


def main():
    import os

    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0)
    from archive.ingest.importer import import_paths
    from archive.models import Article, Capture

    here = Path(__file__).parent
    for label, folder, spec_file in (("seeds", here.parent / "seeds", here / "seeds-expected.json"),
                                     ("layouts", here / "layouts", here / "layouts" / "expected.json"),
                                     ("captures", here / "captures", here / "captures" / "expected.json")):
        if not spec_file.exists():
            continue
        Article.objects.all().delete()
        call_command("clear_index", interactive=False, verbosity=0)
        import_paths(capture_files(folder), progress=False, index=False)
        by_file = {c.file_name: c.article for c in Capture.objects.select_related("article")}
        counts, misses = score(load_spec(spec_file), by_file)
        print(f"\n{label}: {len(load_spec(spec_file))} captures")
        print(table(counts))
        for miss in misses:
            print("  miss:", *miss)


if __name__ == "__main__":
    main()
