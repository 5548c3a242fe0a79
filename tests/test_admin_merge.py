"""Merging duplicate authors and sources: nothing lost, the other spelling kept as an alias imports resolve."""

from haystack.query import SearchQuerySet

from archive.ingest.importer import import_paths
from archive.ingest.store import resolve_source
from archive.merging import merge_authors, merge_sources
from archive.models import Article, Author, Authorship, Source
from tests.conftest import SEEDS
from tests.factories import make_article, make_author, make_source
from tests.test_store import capture


def lavrovs():
    kept = make_author("Sergei Lavrov", affiliation="Ministry of Foreign Affairs", identifiers={"VIAF": "111"})
    other = make_author("Sergey Lavrov", bio="Sergey Lavrov is a diplomat.", orcid="0000-0002-1825-0097",
                        identifiers={"Scopus AuthorID": "222", "VIAF": "333"}, aliases=["S. Lavrov"])
    return kept, other


def test_it_moves_every_article_to_the_kept_author(db):
    kept, other = lavrovs()
    one, two = make_article("One", authors=[kept]), make_article("Two", authors=[other])
    result = merge_authors(kept, [kept, other])
    assert not Author.objects.filter(pk=other.pk).exists()
    assert one.ordered_authors == [kept] and two.ordered_authors == [kept]
    assert (result.moved, result.articles) == (1, 2)


def test_it_keeps_the_bio_and_every_identifier(db):
    kept, other = lavrovs()
    merge_authors(kept, [other])
    kept.refresh_from_db()
    assert kept.bio == "Sergey Lavrov is a diplomat."
    assert kept.affiliation == "Ministry of Foreign Affairs" and kept.orcid == "0000-0002-1825-0097"
    assert kept.identifiers == {"VIAF": "111", "Scopus AuthorID": "222", "VIAF (Sergey Lavrov)": "333"}


def test_it_keeps_both_bios_when_they_differ(db):
    kept, other = make_author("Ann Writer", bio="Ann writes."), make_author("Anne Writer", bio="Anne teaches.")
    merge_authors(kept, [other])
    kept.refresh_from_db()
    assert kept.bio == "Ann writes.\n\nAnne teaches."


def test_it_records_the_other_spellings_as_aliases(db):
    kept, other = lavrovs()
    merge_authors(kept, [other])
    kept.refresh_from_db()
    assert kept.aliases == ["Sergey Lavrov", "S. Lavrov"]


def test_it_leaves_one_byline_where_an_article_named_both(db):
    kept, other = lavrovs()
    third = make_author("Igor Third")
    article = make_article("Both", authors=[other, third, kept])
    merge_authors(kept, [other])
    assert article.ordered_authors == [kept, third]
    assert list(Authorship.objects.filter(article=article).values_list("position", flat=True)) == [0, 1]


def test_it_keeps_the_per_article_note(db):
    kept, other = lavrovs()
    article = make_article("Noted", authors=[other])
    Authorship.objects.filter(article=article).update(bio="Minister since 2004.")
    merge_authors(kept, [other])
    assert Authorship.objects.get(article=article, author=kept).bio == "Minister since 2004."


def test_it_reindexes_the_articles_of_a_merge(db):
    kept, other = lavrovs()
    make_article("Indexed", authors=[other])
    merge_authors(kept, [other])
    by_author = SearchQuerySet().models(Article).narrow(f'author_slugs:("{kept.slug}")')
    assert by_author.count() == 1
    assert SearchQuerySet().models(Article).narrow(f'author_slugs:("{other.slug}")').count() == 0


def test_it_records_the_merge_in_history(db):
    kept, other = lavrovs()
    other_pk = other.pk
    merge_authors(kept, [other])
    assert kept.history.first().history_change_reason == "merged Sergey Lavrov"
    gone = Author.history.filter(id=other_pk).first()
    assert gone.history_type == "-" and gone.history_change_reason == f"merged into Sergei Lavrov (#{kept.pk})"


def test_it_resolves_the_alias_to_the_kept_author_on_a_later_import(db, tmp_path):
    kept, other = lavrovs()
    merge_authors(kept, [other])
    import_paths([capture(tmp_path / "a.txt", title="Talks in Geneva", byline="By Sergey Lavrov")], progress=False)
    assert Article.objects.get().ordered_authors == [kept]
    assert Author.objects.filter(name__iexact="Sergey Lavrov").count() == 0


def test_it_merges_sources_keeping_articles_homepage_and_names(db):
    kept, other = make_source("Moscow Times"), make_source("The Moscow Times", homepage="https://www.themoscowtimes.com/",
                                                          aliases=["MT"])
    article = make_article("Moved", source=other)
    result = merge_sources(kept, [other])
    kept.refresh_from_db()
    article.refresh_from_db()
    assert article.source == kept and not Source.objects.filter(pk=other.pk).exists()
    assert kept.homepage == "https://www.themoscowtimes.com/" and kept.aliases == ["The Moscow Times", "MT"]
    assert (result.moved, result.articles) == (1, 1)
    assert SearchQuerySet().models(Article).narrow(f'source_slug:("{kept.slug}")').count() == 1
    assert article.history.first().history_change_reason == "source The Moscow Times merged into Moscow Times"


def test_it_resolves_a_merged_source_name_to_the_kept_source(db, tmp_path):
    kept, other = make_source("Moscow Times (English)"), make_source("The Moscow Times")
    merge_sources(kept, [other])
    assert resolve_source({"name": "The Moscow Times"}) == kept
    (tmp_path / "000.txt").write_text((SEEDS / "000_33dbda3cca3036ff.txt").read_text())
    import_paths([tmp_path], progress=False)
    assert Article.objects.get().source == kept


def test_it_offers_a_choice_of_which_author_to_keep(admin_client, db):
    kept, other = lavrovs()
    response = admin_client.post("/admin/archive/author/", {"action": "merge_selected",
                                                            "_selected_action": [kept.pk, other.pk]})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="radio" name="choice"' in page and "Sergey Lavrov — 0 articles" in page
    assert Author.objects.count() == 2


def test_it_merges_the_authors_chosen_in_the_admin(admin_client, db):
    kept, other = lavrovs()
    make_article("By the other", authors=[other])
    response = admin_client.post("/admin/archive/author/", {
        "action": "merge_selected", "_selected_action": [kept.pk, other.pk], "choice": kept.pk, "apply": "Merge"},
        follow=True)
    assert list(Author.objects.all()) == [kept]
    assert "Merged “Sergey Lavrov” into the author “Sergei Lavrov”: 1 article(s) moved" in response.content.decode()


def test_it_asks_for_two_records_to_merge(admin_client, db):
    kept, _ = lavrovs()
    response = admin_client.post("/admin/archive/author/", {"action": "merge_selected", "_selected_action": [kept.pk]},
                                 follow=True)
    assert "Select two or more records to merge." in response.content.decode()


def test_it_merges_the_sources_chosen_in_the_admin(admin_client, db):
    kept, other = make_source("Kept Review"), make_source("Kept Review Online")
    make_article("Online piece", source=other)
    response = admin_client.post("/admin/archive/source/", {
        "action": "merge_selected", "_selected_action": [kept.pk, other.pk], "choice": kept.pk, "apply": "Merge"},
        follow=True)
    assert list(Source.objects.all()) == [kept]
    assert "into the source “Kept Review”" in response.content.decode()


def test_it_finds_a_merged_author_by_the_other_spelling(admin_client, db):
    kept, other = lavrovs()
    merge_authors(kept, [other])
    response = admin_client.get("/admin/archive/author/", {"q": "Sergey"})
    assert list(response.context["cl"].result_list) == [kept]
