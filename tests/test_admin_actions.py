"""Bulk actions on selected articles: each says what it changed, marks a curator's choice and reindexes."""

import shutil

from haystack.query import SearchQuerySet

from archive import bulk
from archive.ingest.importer import import_paths
from archive.ingest.refresh import reextract
from archive.models import Article
from tests.conftest import CAPTURES
from tests.factories import make_article, make_source, theme

ARTICLES = "/admin/archive/article/"
ENERGY = "Energy"


def act(admin_client, action, articles, **extra):
    data = {"action": action, "_selected_action": [a.pk for a in articles], **extra}
    return admin_client.post(ARTICLES, data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def in_index(**narrow):
    (field, value), = narrow.items()
    return SearchQuerySet().models(Article).narrow(f'{field}:("{value}")').count()


def test_it_asks_which_theme_to_add(admin_client, db):
    articles = [make_article(index=False), make_article(index=False)]
    response = act(admin_client, "add_theme", articles)
    assert response.status_code == 200 and "Add a theme" in response.content.decode()
    assert response.context["form"].fields["choice"].queryset.filter(name=ENERGY).exists()


def test_it_adds_a_theme_and_reports_who_already_had_it(admin_client, db):
    energy = theme(ENERGY)
    articles = [make_article(themes=[energy]), make_article(), make_article()]
    response = act(admin_client, "add_theme", articles, choice=energy.pk, apply="1")
    assert messages_of(response) == ["Added theme “Energy” to 2 articles (1 already had it)."]
    assert all(a.themes.filter(pk=energy.pk).exists() for a in articles)
    assert in_index(theme_slugs=energy.slug) == 3


def test_it_marks_added_themes_curated_and_records_history(admin_client, db):
    article = make_article()
    act(admin_client, "add_theme", [article], choice=theme(ENERGY).pk, apply="1")
    article.refresh_from_db()
    assert article.is_curated("themes") and article.provenance["themes"]["curated_by"] == "admin"
    assert article.history.first().history_change_reason == "theme Energy added"


def test_it_removes_a_theme(admin_client, db):
    energy = theme(ENERGY)
    tagged, untagged = make_article(themes=[energy]), make_article()
    response = act(admin_client, "remove_theme", [tagged, untagged], choice=energy.pk, apply="1")
    assert messages_of(response) == ["Removed theme “Energy” from 1 article (1 did not have it)."]
    assert not tagged.themes.exists() and in_index(theme_slugs=energy.slug) == 0
    tagged.refresh_from_db()
    assert tagged.is_curated("themes") and not untagged.is_curated("themes")


def test_it_sets_the_source(admin_client, db):
    source = make_source("Invented Quarterly")
    articles = [make_article(source=source), make_article(), make_article()]
    response = act(admin_client, "set_source", articles, choice=source.pk, apply="1")
    assert messages_of(response) == ["Set the source of 2 articles to “Invented Quarterly” (1 already had it)."]
    assert Article.objects.filter(source=source).count() == 3
    assert in_index(source_slug=source.slug) == 3
    assert Article.objects.get(pk=articles[1].pk).is_curated("source")


def test_it_asks_again_when_no_source_is_chosen(admin_client, db):
    response = act(admin_client, "set_source", [make_article()], choice="", apply="1")
    assert response.status_code == 200 and "This field is required." in response.content.decode()


def test_it_marks_the_selected_articles_reviewed(admin_client, db):
    waiting = [make_article(needs_review=True, review_reasons=["no date"]) for _ in range(2)]
    response = act(admin_client, "mark_reviewed", [*waiting, make_article()])
    assert messages_of(response) == ["Marked 2 articles reviewed (1 did not need review)."]
    assert not Article.objects.filter(needs_review=True).exists()
    assert Article.history.filter(id=waiting[0].pk).first().history_change_reason == "reviewed by admin"


def test_it_reruns_extraction_for_untouched_fields_only(admin_client, seed_article):
    article = seed_article("000")
    Article.objects.filter(pk=article.pk).update(genre="Wrong genre", url="https://example.org/wrong")
    article.refresh_from_db()
    article.title = "A Curator's Title"
    article.mark_curated("title")
    article.save()
    response = act(admin_client, "rerun_extraction", [article])
    article.refresh_from_db()
    assert (article.title, article.genre) == ("A Curator's Title", "Op-ed")
    assert article.url.startswith("https://www.themoscowtimes.com/")
    assert messages_of(response) == [
        "Re-ran extraction on 1 article: 1 article changed (genre, url); 0 unchanged; curated fields kept: title."]


def test_it_reports_an_unchanged_rerun(admin_client, seed_article):
    response = act(admin_client, "rerun_extraction", [seed_article("000"), seed_article("002")])
    assert messages_of(response) == ["Re-ran extraction on 2 articles: 0 articles changed; 2 unchanged."]


def test_it_skips_articles_without_a_capture(db):
    article = make_article(index=False)
    article.captures.all().delete()
    assert bulk.rerun_extraction([article]).endswith("1 article without a readable capture skipped.")


def test_it_reindexes_after_a_rerun(admin_client, seed_article):
    article = seed_article("000")
    Article.objects.filter(pk=article.pk).update(title="Zanzibar placeholder")
    article.reindex()
    act(admin_client, "rerun_extraction", [article])
    assert SearchQuerySet().models(Article).filter(content="Zanzibar").count() == 0


def test_it_reruns_extraction_on_a_saved_page(db, tmp_path):
    shutil.copy(CAPTURES / "cap_06_saved_page.html", tmp_path / "page.html")
    import_paths([tmp_path], progress=False)
    article = Article.objects.get()
    before = (article.title, article.body, article.date)
    Article.objects.filter(pk=article.pk).update(title="Wrong")
    article.refresh_from_db()
    changed, kept = reextract(article)
    article.refresh_from_db()
    assert (changed, kept) == (["title"], []) and (article.title, article.body, article.date) == before
