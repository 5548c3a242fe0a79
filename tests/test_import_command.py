"""import_articles: files and folders, idempotent, one line per file, exit codes."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Capture
from tests.conftest import SEEDS


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_articles", *map(str, args), "--no-progress", stdout=out)
    return out.getvalue()


def test_it_imports_a_folder_and_reports_each_file(db):
    output = run(SEEDS)
    assert output.count("created") == 6  # five lines and the summary
    assert "5 created, 0 updated, 0 unchanged, 0 duplicate, 0 rejected (5 files)" in output
    assert Article.objects.count() == 5


def test_it_imports_single_files(db):
    output = run(SEEDS / "000_33dbda3cca3036ff.txt")
    assert output.startswith("created")
    assert Article.objects.count() == 1


def test_it_is_idempotent(db):
    run(SEEDS)
    before = list(Article.objects.values_list("pk", "slug", "updated"))
    output = run(SEEDS)
    assert "0 created, 0 updated, 5 unchanged" in output
    assert list(Article.objects.values_list("pk", "slug", "updated")) == before
    assert Capture.objects.count() == 5


def test_it_recognises_the_same_content_under_another_name(db, tmp_path):
    run(SEEDS / "002_fc796730cc794f81.txt")
    shutil.copy(SEEDS / "002_fc796730cc794f81.txt", tmp_path / "copy-of-002.txt")
    output = run(tmp_path / "copy-of-002.txt")
    assert output.startswith("duplicate")
    assert Article.objects.count() == 1
    assert sorted(Article.objects.get().captures.values_list("file_name", flat=True)) == [
        "002_fc796730cc794f81.txt", "copy-of-002.txt"]


def test_it_updates_a_record_when_its_capture_changes(db, tmp_path):
    capture = tmp_path / "000_33dbda3cca3036ff.txt"
    shutil.copy(SEEDS / capture.name, capture)
    run(capture)
    capture.write_text(capture.read_text().replace("March 27, 2018", "March 28, 2018"))
    output = run(capture)
    assert output.startswith("updated")
    assert "changed: date" in output
    assert Article.objects.get().date.isoformat() == "2018-03-28"


def test_it_rejects_bad_files_and_goes_on(db, tmp_path):
    shutil.copy(SEEDS / "000_33dbda3cca3036ff.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_text("   \n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 rest")
    output = run(tmp_path)
    assert "rejected  " + str(tmp_path / "empty.txt") + " (empty file)" in output
    assert "PNG image" in output
    assert "unsupported file type .docx" in output
    assert "1 created" in output


def test_it_fails_when_every_file_is_rejected(db, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(CommandError, match="every file was rejected"):
        run(tmp_path)


def test_it_fails_on_a_path_with_no_files(db, tmp_path):
    with pytest.raises(CommandError, match="no files found"):
        run(tmp_path)


def test_it_indexes_what_it_imports(db):
    from haystack.query import SearchQuerySet

    run(SEEDS)
    assert SearchQuerySet().models(Article).count() == 5


def test_it_previews_a_folder_without_storing_anything(db, tmp_path):
    (tmp_path / "note.txt").write_text(
        "OPINION\n\nWater Rights on the Nile\n\nBy Amira Haddad\n\n4 June 2019\n\n"
        + " ".join(["Upstream dams change what downstream states can plan for."] * 12) + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    out = run("--dry-run", tmp_path)
    assert Article.objects.count() == 0 and Capture.objects.count() == 0
    assert "title     Water Rights on the Nile" in out
    assert "authors   Amira Haddad" in out
    assert "date      2019-06-04 (published)" in out
    assert "source    — (the capture does not say)" in out
    assert "review    no source named in the capture" in out
    assert "rejected  " in out and "empty.txt" in out
    assert out.rstrip().endswith("dry run: 1 parsed, 1 rejected (2 files); nothing stored")


def test_it_previews_what_a_capture_leaves_unsaid(db):
    out = run("--dry-run", SEEDS / "004_455a7a8a3de3884e.txt")
    assert "title     — (provisional: " in out
    for field in ("authors", "date", "source"):
        assert f"{field:<9} — (the capture does not say)" in out
    assert Article.objects.count() == 0
