"""export_metadata: JSON and CSV, and the manifest round trip."""

import csv
import io
import json

from django.core.management import call_command

from archive.exporting import COLUMNS
from archive.models import Article
from tests.conftest import SEEDS

KEYS = {"id", "slug", "file", "captures", "title", "authors", "date", "date_precision", "date_kind", "year",
        "source", "url", "language", "genre", "themes", "needs_review", "review_reasons", "body", "exported_at"}


def export(fmt="json"):
    out = io.StringIO()
    call_command("export_metadata", "--format", fmt, stdout=out)
    return out.getvalue()


def test_it_exports_every_article_as_json(seeds):
    records = json.loads(export())
    assert len(records) == 5
    assert all(set(r) == KEYS for r in records)


def test_it_exports_the_seed_metadata(seeds):
    record = next(r for r in json.loads(export()) if r["file"].startswith("000"))
    assert record["title"] == "This Is What Russia's Foreign Policy Should Look Like"
    assert record["authors"] == ["Igor Ivanov"]
    assert (record["date"], record["date_precision"], record["year"]) == ("2018-03-27", "day", 2018)
    assert record["source"] == "The Moscow Times"
    assert record["body"][0] == {"type": "paragraph", "text": record["body"][0]["text"]}
    assert record["captures"] == ["000_33dbda3cca3036ff.txt"]


def test_it_exports_null_for_what_is_unknown(seeds):
    record = next(r for r in json.loads(export()) if r["file"].startswith("004"))
    assert (record["title"], record["date"], record["year"], record["source"]) == (None, None, None, None)
    assert record["date_precision"] == "unknown"
    assert record["needs_review"] is True


def test_it_exports_csv_with_the_same_columns_but_no_body(seeds):
    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    assert len(rows) == 5
    assert list(rows[0]) == COLUMNS
    assert "body" not in rows[0]


def test_it_round_trips_through_a_manifest(seeds, tmp_path):
    article = Article.objects.get(capture_file__startswith="001")
    article.title = "Russia and the Next American President"
    article.mark_curated("title")
    article.save()
    manifest = tmp_path / "manifest.json"
    manifest.write_text(export())
    before = json.loads(manifest.read_text())
    Article.objects.all().delete()
    out = io.StringIO()
    call_command("import_articles", str(SEEDS), "--manifest", str(manifest), "--no-progress", stdout=out)
    after = json.loads(export())
    ignore = {"id", "exported_at"}
    assert [{k: v for k, v in r.items() if k not in ignore} for r in after] == [
        {k: v for k, v in r.items() if k not in ignore} for r in before]


def test_it_takes_a_csv_manifest(seeds, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    for row in rows:
        if row["file"].startswith("004"):
            row["title"] = "Russia and the United Nations"
            row["authors"] = "Jane Example"
    manifest = tmp_path / "manifest.csv"
    with manifest.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    call_command("import_articles", str(SEEDS), "--manifest", str(manifest), "--no-progress", stdout=io.StringIO())
    article = Article.objects.get(capture_file__startswith="004")
    assert article.title == "Russia and the United Nations"
    assert [a.name for a in article.ordered_authors] == ["Jane Example"]
    assert article.is_curated("title")


def test_it_keeps_a_curators_edit_made_after_the_manifest_was_exported(seeds, tmp_path, monkeypatch):
    import datetime

    from django.utils import timezone

    manifest = tmp_path / "backup.json"
    manifest.write_text(export())
    later = timezone.now() + datetime.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    article = Article.objects.get(capture_file__startswith="000")
    article.title = "A Curator's Later Title"
    article.mark_curated("title")
    article.save()
    out = io.StringIO()
    call_command("import_articles", str(SEEDS), "--manifest", str(manifest), "--no-progress", stdout=out)
    article.refresh_from_db()
    assert article.title == "A Curator's Later Title"
    line = next(line for line in out.getvalue().splitlines() if "000_" in line)
    assert "kept curator's: title" in line and "manifest applied" not in line


def test_it_applies_a_manifest_that_does_not_say_when_it_was_written(seeds, tmp_path):
    article = Article.objects.get(capture_file__startswith="000")
    article.title = "A Curator's Title"
    article.mark_curated("title")
    article.save()
    record = next(r for r in json.loads(export()) if r["file"] == article.capture_file)
    record.pop("exported_at")
    record["title"] = "The Title a Librarian Wrote in the Manifest"
    manifest = tmp_path / "hand-made.json"
    manifest.write_text(json.dumps([record]))
    call_command("import_articles", str(SEEDS), "--manifest", str(manifest), "--no-progress", stdout=io.StringIO())
    article.refresh_from_db()
    assert article.title == "The Title a Librarian Wrote in the Manifest"
    assert article.provenance["title"]["method"] == "manifest"


def test_it_changes_nothing_when_the_same_manifest_is_applied_again(seeds, tmp_path):
    rows = json.loads(export())
    rows[0]["title"] = "Retitled in the Manifest"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps(rows))
    call_command("import_articles", str(SEEDS), "--manifest", str(manifest), "--no-progress", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_articles", str(SEEDS), "--manifest", str(manifest), "--no-progress", stdout=out)
    assert "kept curator's" not in out.getvalue() and "manifest applied" not in out.getvalue()
    assert Article.objects.get(pk=rows[0]["id"]).title == "Retitled in the Manifest"
