"""The index follows the database: imports, admin edits, deletes and merges show in search without a rebuild."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from haystack.query import SearchQuerySet

from archive.forms import SearchForm
from archive.ingest.importer import import_paths
from archive.models import Article, Authorship
from archive.search import service
from archive.search.consistency import check_index
from tests.conftest import SEEDS
from tests.factories import make_article, make_author, make_source


def titles(q, **filters):
    return sorted(h.article.title for h in service.search({**SearchForm().state(), "q": q, **filters}).hits)


def indexed_count():
    return SearchQuerySet().models(Article).count()


def test_it_finds_an_article_right_after_its_import(seeds):
    assert indexed_count() == 5 and len(titles("multipolar")) >= 1


def test_it_keeps_one_document_for_a_second_capture_merged_into_its_record(db, tmp_path):
    original = next(SEEDS.glob("000_*"))
    shutil.copy(original, tmp_path / original.name)
    copy = tmp_path / "copy_of_000.txt"
    copy.write_text("Share this article\nSubscribe to our newsletter\n\n" + original.read_text(encoding="utf-8"))
    report = import_paths([tmp_path], progress=False)
    assert sorted(f.status for f in report.files) == ["created", "duplicate"]
    assert indexed_count() == 1


def test_it_shows_an_admin_edit_of_an_author_in_search(admin_client, db):
    author = make_author("Igor Ivanov")
    make_article("Energy notes", authors=[author])
    response = admin_client.post(f"/admin/archive/author/{author.pk}/change/", {
        "name": "Igor Zamyatin", "slug": author.slug, "affiliation": "", "bio": "", "orcid": "",
        "identifiers": "{}", "aliases": "[]"})
    assert response.status_code == 302
    assert titles("author:zamyatin") == ["Energy notes"]


def test_it_drops_an_article_deleted_in_the_admin(admin_client, db):
    article = make_article("Energy notes")
    response = admin_client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert titles("energy notes") == [] and indexed_count() == 0


def test_it_reports_a_missing_article(db):
    article = make_article("Energy notes", index=False)
    assert check_index().missing == [article.pk]


def test_it_reports_an_article_changed_without_reindexing(db):
    article = make_article("Energy notes")
    article.title = "Gas notes"
    article.save()
    assert check_index().stale == [article.pk]


def test_it_reports_an_article_whose_source_was_renamed(db):
    source = make_source("Carnegie Endowment")
    article = make_article("Energy notes", source=source)
    source.name = "Carnegie Russia Eurasia Center"
    source.save()
    assert check_index().stale == [article.pk]


def test_it_reports_the_document_of_a_deleted_article(db):
    article = make_article("Energy notes")
    Article.objects.filter(pk=article.pk).delete()
    assert check_index().orphans == [article.pk]


def test_it_reports_an_index_in_step(db):
    make_article("Energy notes", authors=[make_author()], source=make_source())
    assert check_index().problems == 0


def test_it_repairs_the_index_after_two_authors_are_merged(db):
    kept, merged = make_author("Igor Ivanov"), make_author("I. S. Ivanov")
    make_article("Energy notes", authors=[merged])
    Authorship.objects.filter(author=merged).update(author=kept)
    merged.delete()
    check_index(fix=True)
    counts = service.search({**SearchForm().state(), "q": "energy"}).counts["author"]
    assert counts == [(kept.slug, 1)] and check_index().problems == 0


def test_it_fails_the_command_while_the_index_is_out_of_step(db):
    make_article("Energy notes", index=False)
    with pytest.raises(CommandError):
        call_command("check_index")


def test_it_repairs_with_the_fix_option(db, capsys):
    make_article("Energy notes", index=False)
    call_command("check_index", "--fix")
    assert "repaired: 1 missing" in capsys.readouterr().out and titles("energy") == ["Energy notes"]


def test_it_rebuilds_the_index_with_haystacks_command(db):
    make_article("Energy notes", index=False)
    make_article("Gas notes", index=False)
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert titles("notes") == ["Energy notes", "Gas notes"] and check_index().problems == 0


def test_it_updates_the_index_with_haystacks_command(db):
    make_article("Energy notes", index=False)
    call_command("update_index", verbosity=0)
    assert titles("energy") == ["Energy notes"]


def test_it_removes_documents_of_deleted_articles_with_update_index(db):
    article = make_article("Energy notes")
    make_article("Gas notes")
    Article.objects.filter(pk=article.pk).delete()
    call_command("update_index", remove=True, verbosity=0)
    assert indexed_count() == 1


def test_it_clears_the_index_with_haystacks_command(db):
    make_article("Energy notes")
    call_command("clear_index", interactive=False, verbosity=0)
    assert indexed_count() == 0


def test_it_forgets_the_old_words_of_a_reindexed_article(db):
    article = make_article("Energy notes")
    assert titles("energy") == ["Energy notes"]  # the searcher is open before the change
    article.title = "Gas notes"
    article.save()
    article.reindex()
    assert titles("energy") == [] and titles("gas") == ["Gas notes"]


def test_it_forgets_a_deleted_article_in_an_open_searcher(db):
    article = make_article("Energy notes")
    assert titles("energy") == ["Energy notes"]
    article.remove_from_index()
    assert titles("energy") == []
