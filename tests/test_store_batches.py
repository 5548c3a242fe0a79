"""Imports create new articles a batch at a time: the records are those of storing them one by one."""

import shutil
from pathlib import Path

import pytest

from archive.ingest import importer
from archive.ingest import store as storing
from archive.ingest.importer import import_paths
from archive.models import ARTICLE_HISTORY, Article, Author, Authorship, Capture, Source
from tests.conftest import SEEDS
from tests.scoring import capture_files
from tests.test_store import capture

HERE = Path(__file__).parent


def varied(folder):
    """Seeds, test captures and layouts, with copies among them: the same text under another name,
    a near-identical text, a syndicated copy with another headline, and an empty file."""
    folder.mkdir()
    for path in [*capture_files(SEEDS), *capture_files(HERE / "captures"), *capture_files(HERE / "layouts")]:
        shutil.copy(path, folder / path.name)
    seed = capture_files(SEEDS)[0]
    shutil.copy(seed, folder / "zz_same_text.txt")
    text = seed.read_text(encoding="utf-8")
    (folder / "zz_near_copy.txt").write_text(text.replace(".", ". ", 3), encoding="utf-8")
    capture(folder / "aa_rivalry.txt", title="Managing a Rivalry: What Comes Next", byline="By Jane Example")
    capture(folder / "ab_rivalry_again.txt", title="managing a rivalry - what comes next",
            chrome_top="Home\nNews\nSubscribe", byline="By J. Example")
    capture(folder / "ac_other_paper.txt", title="Another Paper by the Same Author", byline="By Jane Example")
    (folder / "ad_empty.txt").write_text("")
    return folder


def snapshot():
    """Everything an import stores, without ids and times (the two imports' rows differ in those)."""
    def article_row(a):
        fields = {f.attname: getattr(a, f.attname) for f in Article._meta.concrete_fields
                  if f.attname not in ("id", "source_id", "created", "updated")}
        return {
            **fields, "source": a.source.name if a.source else None,
            "bylines": [(b.author.name, b.position, b.bio) for b in a.authorships.order_by("position")],
            "themes": sorted(a.themes.values_list("name", flat=True)),
            "captures": sorted(a.captures.values_list("file_name", "content_hash", "format", "encoding",
                                                      "raw_text", "is_primary")),
            "history": [history_row(h) for h in a.history.order_by("history_date", "history_id")],
        }

    def history_row(h):
        fields = {f.attname: getattr(h, f.attname) for f in h._meta.concrete_fields
                  if f.attname not in ("id", "history_id", "history_date", "source_id", "created")}
        return {**fields,
                "authors": [(row.author.name, row.position, row.bio) for row in h.authors.order_by("position")],
                "themes": sorted(row.theme.name for row in h.themes.all())}

    authors = [
        (a.name, a.slug, a.bio, a.affiliation, a.orcid, a.identifiers, a.aliases, a.provenance,
         [h.history_type for h in a.history.order_by("history_date")])
        for a in Author.objects.order_by("name")
    ]
    sources = list(Source.objects.order_by("name").values_list("name", "slug", "homepage", "aliases"))
    return {"articles": [article_row(a) for a in Article.objects.order_by("capture_file")],
            "authors": authors, "sources": sources}


def forget_everything():
    for model in (Capture, Authorship, Article, Author, Source):
        model.objects.all().delete()
    for model in (Article.history.model, Author.history.model, Source.history.model):
        model.objects.all().delete()
    for field in Article.history.model._history_m2m_fields:
        ARTICLE_HISTORY.m2m_models[field].objects.all().delete()


def statuses(report):
    return [(Path(f.path).name, f.status, f.slug, f.detail, f.changed) for f in report.files]


@pytest.mark.parametrize("batch", [3, importer.BATCH])
def test_it_stores_a_batch_as_one_by_one_would(db, tmp_path, monkeypatch, caplog, batch):
    folder = varied(tmp_path / "in")
    Author.objects.create(name="Jane Q. Example", aliases=["J. Example"])  # one byline resolves by alias
    monkeypatch.setattr(importer, "BATCH", batch)
    created_together = []
    create = storing.create_articles
    monkeypatch.setattr(storing, "create_articles", lambda items, **kw: created_together.extend(items) or create(items, **kw))
    together = import_paths([folder], progress=False, index=False, workers=1)
    stored_together = snapshot()
    assert "failed" not in caplog.text
    assert len(created_together) == together.count("created")  # every new article created together
    assert {"created", "duplicate", "rejected"} <= {f.status for f in together.files}

    forget_everything()
    Author.objects.create(name="Jane Q. Example", aliases=["J. Example"])
    with monkeypatch.context() as m:
        m.setattr(storing, "is_new", lambda *args: False)  # every capture stored by store(), one by one
        one_by_one = import_paths([folder], progress=False, index=False, workers=1)
    assert statuses(together) == statuses(one_by_one)
    assert stored_together == snapshot()


def test_it_stores_a_capture_after_a_copy_of_it_in_the_same_batch(db, tmp_path):
    folder = varied(tmp_path / "in")
    report = import_paths([folder], progress=False, index=False, workers=1)
    by_name = {Path(f.path).name: f for f in report.files}
    first = by_name[capture_files(SEEDS)[0].name]
    assert (by_name["zz_same_text.txt"].status, by_name["zz_same_text.txt"].slug) == ("duplicate", first.slug)
    assert (by_name["zz_near_copy.txt"].status, by_name["zz_near_copy.txt"].slug) == ("duplicate", first.slug)
    assert by_name["ab_rivalry_again.txt"].status == "duplicate"
    assert by_name["ad_empty.txt"].status == "rejected"
    assert Article.objects.count() == report.count("created")


def test_it_stores_one_by_one_when_creating_together_fails(db, tmp_path, monkeypatch, caplog):
    folder = varied(tmp_path / "in")
    expected = statuses(import_paths([folder], progress=False, index=False, workers=1))
    stored = snapshot()
    forget_everything()

    # The failure comes after the batch's new authors and sources were created, in the transaction
    # it rolls back: the import must not go on with those it remembers.
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(storing, "record_history_of_new", fail)
    report = import_paths([folder], progress=False, index=False, workers=1)
    assert statuses(report) == expected
    assert snapshot() == stored
    assert "creating" in caplog.text and "storing them one by one" in caplog.text
    assert not Authorship.objects.exclude(author__in=Author.objects.all()).exists()


def test_it_reimports_a_batch_as_unchanged(db, tmp_path):
    folder = varied(tmp_path / "in")
    first = import_paths([folder], progress=False, index=False, workers=1)
    again = import_paths([folder], progress=False, index=False, workers=1)
    assert [f.status for f in again.files] == [
        "rejected" if f.status == "rejected" else "unchanged" for f in first.files]


def two_captures(tmp_path, byline):
    """Parsed captures of two different articles by one author; the second brings the author's note."""
    first = importer.parse(capture(tmp_path / "a.txt", title="Managing a Rivalry", byline=byline), max_bytes=10**7)
    other = tmp_path / "b.txt"
    other.write_text((SEEDS / "000_33dbda3cca3036ff.txt").read_text(encoding="utf-8"), encoding="utf-8")
    second = importer.parse(other, max_bytes=10**7)
    second.meta.authors = first.meta.authors[:1]
    second.meta.authors[0].bio, second.meta.authors[0].bio_confidence = "A fellow at the Institute.", 0.8
    return first, second


def import_with(items, meanwhile, monkeypatch):
    """store_all over items a batch each, meanwhile() running between them (a curator at work)."""
    monkeypatch.setattr(importer, "BATCH", 1)

    def feed():
        yield items[0]
        meanwhile()
        yield from items[1:]

    return list(importer.store_all(feed(), themes=[], fingerprints=storing.Fingerprints()))


def test_it_keeps_a_curators_edit_of_an_author_made_during_the_import(db, tmp_path, monkeypatch):
    items = two_captures(tmp_path, "By Jane Example")

    def curator_edits():
        author = Author.objects.get(name="Jane Example")
        author.bio, author.aliases = "Curated bio.", ["J. Example"]
        author.provenance["bio"] = {"curated": True}
        author.save()

    reports = import_with(items, curator_edits, monkeypatch)
    assert [r.status for r in reports] == ["created", "created"]
    author = Author.objects.get()
    assert (author.bio, author.aliases, author.provenance["bio"]["curated"]) == ("Curated bio.", ["J. Example"], True)
    assert Article.objects.filter(authors=author).count() == 2


def test_it_does_not_bring_back_an_author_merged_away_during_the_import(db, tmp_path, monkeypatch):
    from archive.merging import merge_authors

    keep = Author.objects.create(name="Jane Q. Example")
    items = two_captures(tmp_path, "By Jane Example")
    reports = import_with(items, lambda: merge_authors(keep, [Author.objects.get(name="Jane Example")]), monkeypatch)
    assert [r.status for r in reports] == ["created", "created"]
    assert list(Author.objects.values_list("name", flat=True)) == ["Jane Q. Example"]
    assert Article.objects.filter(authors=keep).count() == 2


def test_it_reads_the_authors_of_a_batch_once_for_the_batch(db, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resolver, prints = storing.Resolver(), storing.Fingerprints()

    def parsed(name, title):
        p = importer.parse(capture(tmp_path / name, title=title, byline="By Jane Example"), max_bytes=10**7)
        return p.raw, p.meta

    storing.create_articles([parsed("a.txt", "The First Paper")], themes=[], fingerprints=prints, resolver=resolver)
    batch = [parsed(f"{n}.txt", f"Paper Number {n}") for n in ("two", "three", "four")]
    with CaptureQueriesContext(connection) as queries:
        outcomes = storing.create_articles(batch, themes=[], fingerprints=prints, resolver=resolver)
    assert [o.status for o in outcomes] == ["created"] * 3
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT") and 'FROM "archive_author"' in q["sql"]]
    assert len(reads) == 1
    assert Article.objects.filter(authors__name="Jane Example").count() == 4


def test_it_resolves_again_an_author_deleted_before_a_batch(db, tmp_path):
    resolver, prints = storing.Resolver(), storing.Fingerprints()
    first = importer.parse(capture(tmp_path / "a.txt", title="The First Paper"), max_bytes=10**7)
    storing.create_articles([(first.raw, first.meta)], themes=[], fingerprints=prints, resolver=resolver)
    Author.objects.all().delete()  # a curator removes her between two batches
    second = importer.parse(capture(tmp_path / "b.txt", title="The Second Paper"), max_bytes=10**7)
    storing.create_articles([(second.raw, second.meta)], themes=[], fingerprints=prints, resolver=resolver)
    author = Author.objects.get()
    assert author.name == "Jane Example"
    assert list(Article.objects.get(capture_file="b.txt").authors.all()) == [author]
