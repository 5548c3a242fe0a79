"""Storing imports: copies recognised, curated fields kept, untouched fields refreshed."""

import shutil

from archive.ingest import store as store_module
from archive.ingest.importer import import_paths
from archive.models import Article, Author
from tests.conftest import SEEDS

BODY = [
    "Diplomacy between the two capitals has rarely been easy, but the last decade has tested it more than "
    "any period since the end of the Cold War, as trust drained away from every channel of contact.",
    "Officials on both sides now speak of managing the rivalry rather than ending it, and that shift in "
    "language matters more than any single summit or communiqué issued at its close.",
    "A workable agenda would start small: consular matters, scientific exchanges and the safety of "
    "diplomats, before moving to the harder questions of security in Europe and beyond it.",
    "None of this will happen quickly, and none of it will happen at all without leaders who are willing "
    "to spend political capital on a relationship that offers few rewards at home.",
]


def capture(path, *, title, chrome_top="", chrome_bottom="", byline="By Jane Example", date="March 3, 2021"):
    text = f"{chrome_top}\n\n{title}\n\n{byline}\n\n{date}\n\n" + "\n\n".join(BODY) + f"\n\n{chrome_bottom}\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_keeps_a_syndicated_copy_as_a_second_capture(db, tmp_path):
    capture(tmp_path / "original.txt", title="Managing a Rivalry: What Comes Next", chrome_top="Print\nShare this article")
    capture(tmp_path / "syndicated.txt", title="managing a rivalry - what comes next",
            chrome_top="Home\nNews\nOpinion\nRegions\nSubscribe", chrome_bottom="Join our mailing list\nMore from this author")
    report = import_paths([tmp_path], progress=False)
    assert [f.status for f in report.files] == ["created", "duplicate"]
    article = Article.objects.get()
    assert sorted(article.captures.values_list("file_name", flat=True)) == ["original.txt", "syndicated.txt"]


def test_it_recognises_a_copy_with_a_slightly_different_text(db, tmp_path):
    capture(tmp_path / "a.txt", title="Managing a Rivalry")
    capture(tmp_path / "b.txt", title="A Rivalry Managed", byline="By J. Example")
    text = (tmp_path / "b.txt").read_text().replace("few rewards at home", "few rewards at home, if any")
    (tmp_path / "b.txt").write_text(text)
    report = import_paths([tmp_path], progress=False)
    assert [f.status for f in report.files] == ["created", "duplicate"]


def test_it_keeps_different_articles_apart(db, tmp_path):
    capture(tmp_path / "a.txt", title="Managing a Rivalry")
    (tmp_path / "b.txt").write_text((SEEDS / "000_33dbda3cca3036ff.txt").read_text())
    report = import_paths([tmp_path], progress=False)
    assert [f.status for f in report.files] == ["created", "created"]


def test_it_keeps_a_curators_value_on_reimport(db, tmp_path):
    path = capture(tmp_path / "a.txt", title="Managing a Rivalry")
    import_paths([path], progress=False)
    article = Article.objects.get()
    article.title = "Managing the Rivalry (curated)"
    article.mark_curated("title")
    article.save()
    path.write_text(path.read_text().replace("March 3, 2021", "March 4, 2021"))
    report = import_paths([path], progress=False)
    article.refresh_from_db()
    assert article.title == "Managing the Rivalry (curated)"
    assert article.date.day == 4
    assert report.files[0].kept == ["title"]
    assert "kept curator's: title" in report.files[0].line()


def test_it_lets_the_importer_value_return_once_unlocked(db, tmp_path):
    path = capture(tmp_path / "a.txt", title="Managing a Rivalry")
    import_paths([path], progress=False)
    article = Article.objects.get()
    article.title = "Curated"
    article.mark_curated("title")
    article.save()
    article.unlock("title")
    article.save()
    path.write_text(path.read_text() + "\n")
    import_paths([path], progress=False)
    article.refresh_from_db()
    assert article.title == "Managing a Rivalry"


def test_it_refreshes_untouched_fields_when_the_extractor_improves(db, tmp_path, monkeypatch):
    path = capture(tmp_path / "a.txt", title="Managing a Rivalry")
    import_paths([path], progress=False)
    Article.objects.update(genre="Wrong", extractor_version=store_module.EXTRACTOR_VERSION)
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", store_module.EXTRACTOR_VERSION + 1)
    report = import_paths([path], progress=False)
    assert report.files[0].status == "updated"
    assert "genre" in report.files[0].changed
    assert Article.objects.get().genre == ""


def test_it_records_how_each_field_was_found(db, tmp_path):
    import_paths([capture(tmp_path / "a.txt", title="Managing a Rivalry")], progress=False)
    provenance = Article.objects.get().provenance
    assert provenance["title"]["evidence"] == "Managing a Rivalry"
    assert provenance["authors"]["method"] == "byline"
    assert provenance["date"]["evidence"] == "March 3, 2021"
    assert 0 < provenance["date"]["confidence"] <= 1


def test_it_resolves_a_recorded_alias_to_the_kept_author(db, tmp_path):
    kept = Author.objects.create(name="Jane Example", aliases=["Jane Exampel"])
    import_paths([capture(tmp_path / "a.txt", title="Managing a Rivalry", byline="By Jane Exampel")], progress=False)
    assert Article.objects.get().ordered_authors == [kept]


def test_it_does_not_lose_stored_records_to_a_bad_file(db, tmp_path):
    shutil.copy(SEEDS / "000_33dbda3cca3036ff.txt", tmp_path / "000_33dbda3cca3036ff.txt")
    import_paths([tmp_path], progress=False)
    before = list(Article.objects.values_list("pk", "title", "updated"))
    (tmp_path / "000_33dbda3cca3036ff.txt").write_bytes(b"\x00\x01binary now")
    report = import_paths([tmp_path], progress=False)
    assert report.files[0].status == "rejected"
    assert list(Article.objects.values_list("pk", "title", "updated")) == before
