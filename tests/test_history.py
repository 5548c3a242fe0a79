"""History: every admin edit of an article, author, source or theme records who, when and the earlier values."""

import datetime

import pytest
from django.utils import timezone
from haystack.query import SearchQuerySet

from archive.models import Article, Author, Source, Theme
from tests.admin_forms import change_form_data
from tests.conftest import SEEDS
from tests.factories import make_article, make_author, make_source

RECORDS = {
    "article": (lambda: make_article("Original quokka title"), "title", "Edited wombat title"),
    "author": (lambda: make_author("Original Quokkason"), "name", "Edited Wombatson"),
    "source": (lambda: make_source("Original Quokka Review"), "name", "Edited Wombat Review"),
    "theme": (lambda: Theme.objects.create(name="Original quokka theme"), "name", "Edited wombat theme"),
}


def edit_in_admin(client, model_name, obj, field, value):
    data = change_form_data(client, f"/admin/archive/{model_name}/{obj.pk}/change/", f"{model_name}_form")
    data[field] = value
    response = client.post(f"/admin/archive/{model_name}/{obj.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def search_titles(word):
    return [r.pk for r in SearchQuerySet().models(Article).filter(content=word)]


@pytest.mark.parametrize("model_name", RECORDS)
def test_it_records_who_changed_a_record_when_and_its_earlier_value(admin_client, admin_user, model_name):
    make, field, new_value = RECORDS[model_name]
    obj = make()
    old_value = getattr(obj, field)
    before = timezone.now()
    edit_in_admin(admin_client, model_name, obj, field, new_value)

    record = obj.history.latest()
    assert record.history_type == "~"
    assert record.history_user == admin_user
    assert before <= record.history_date <= timezone.now()
    change = {c.field: c for c in record.diff_against(record.prev_record).changes}[field]
    assert (change.old, change.new) == (old_value, new_value)


@pytest.mark.parametrize("model_name", RECORDS)
def test_it_shows_the_change_on_the_history_page(admin_client, model_name):
    make, field, new_value = RECORDS[model_name]
    obj = make()
    old_value = getattr(obj, field)
    edit_in_admin(admin_client, model_name, obj, field, new_value)

    response = admin_client.get(f"/admin/archive/{model_name}/{obj.pk}/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "admin" in html and "Changed by" in html
    assert f"<strong>{field.capitalize()}:</strong>" in html
    assert old_value in html and new_value in html


def test_it_records_an_import_without_a_user(seed_article):
    record = seed_article("000").history.earliest()
    assert (record.history_type, record.history_user) == ("+", None)


def test_it_records_one_import_once_with_its_authors_and_themes(seed_article):
    article = seed_article("000")
    (record,) = article.history.all()
    assert [b.author_id for b in record.authors.all()] == [a.author_id for a in article.authorships.all()]
    assert {t.theme_id for t in record.themes.all()} == set(article.themes.values_list("pk", flat=True))


def test_it_records_nothing_when_a_reimport_changes_nothing(seeds, seed_article):
    from archive.ingest.importer import import_paths
    from archive.ingest.refresh import reextract

    article = seed_article("000")
    reextract(article)
    report = import_paths([SEEDS / article.capture_file], progress=False)
    assert report.count("unchanged") == 1
    assert article.history.count() == 1


def revert(client, model_name, obj, record):
    url = f"/admin/archive/{model_name}/{obj.pk}/history/{record.history_id}/"
    # The history form is the change form of the historical model: "Revert" posts it back.
    data = change_form_data(client, url, f"historical{model_name}_form")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_it_reverts_an_article_to_its_earlier_title(admin_client, admin_user):
    article = make_article("Original quokka title")
    edit_in_admin(admin_client, "article", article, "title", "Edited wombat title")
    first = article.history.earliest()

    revert(admin_client, "article", article, first)

    article.refresh_from_db()
    assert article.title == "Original quokka title"
    records = list(article.history.order_by("-history_date", "-history_id"))
    assert (records[0].title, records[0].history_user) == ("Original quokka title", admin_user)
    assert records[0].history_change_reason.startswith("reverted to the record of")
    edited = next(r for r in records if r.title == "Edited wombat title")
    assert edited.history_date < records[0].history_date


def test_it_reindexes_an_article_reverted_in_the_admin(admin_client):
    article = make_article("Original quokka title")
    edit_in_admin(admin_client, "article", article, "title", "Edited wombat title")
    assert search_titles("wombat") == [str(article.pk)]

    revert(admin_client, "article", article, article.history.earliest())

    assert search_titles("quokka") == [str(article.pk)]
    assert search_titles("wombat") == []


def test_it_reverts_an_author_and_reindexes_their_articles(admin_client):
    author = make_author("Original Quokkason")
    article = make_article(authors=[author])
    edit_in_admin(admin_client, "author", author, "name", "Edited Wombatson")
    assert search_titles("Wombatson") == [str(article.pk)]

    revert(admin_client, "author", author, author.history.earliest())

    assert Author.objects.get(pk=author.pk).name == "Original Quokkason"
    assert search_titles("Quokkason") == [str(article.pk)]
    assert search_titles("Wombatson") == []


def test_it_records_a_change_of_authors_on_the_article_history(admin_client, admin_user):
    article = make_article(authors=[make_author("First Quokkason")])
    url = f"/admin/archive/article/{article.pk}/change/"
    data = change_form_data(admin_client, url, "article_form")
    data["authorships-0-DELETE"] = "on"
    assert admin_client.post(url, data).status_code == 302

    record = article.history.latest()
    assert record.history_user == admin_user
    assert record.provenance["authors"]["curated_by"] == "admin"
    assert not article.authorships.exists()


def test_it_dates_each_record_in_order(admin_client):
    source = make_source("Original Quokka Review")
    for name in ("Second Review", "Third Review"):
        edit_in_admin(admin_client, "source", source, "name", name)
    names = [r.name for r in Source.history.filter(id=source.pk).order_by("history_date")]
    assert names == ["Original Quokka Review", "Second Review", "Third Review"]
    dates = list(Source.history.filter(id=source.pk).values_list("history_date", flat=True))
    assert all(isinstance(d, datetime.datetime) for d in dates)


def test_it_keeps_the_bylines_and_themes_of_each_article_record(admin_client):
    article = make_article(authors=[make_author("First Quokkason"), make_author("Second Quokkason")],
                           themes=[Theme.objects.create(name="Quokka affairs")])
    article.save()  # an import or an edit: the record keeps the bylines and themes of the time
    record = article.history.latest()
    assert [(b.author.name, b.position) for b in record.authors.all().order_by("position")] == [
        ("First Quokkason", 0), ("Second Quokkason", 1)]
    assert [t.theme.name for t in record.themes.all()] == ["Quokka affairs"]


def test_it_reverts_an_articles_bylines_and_themes(admin_client):
    first, second = make_author("First Quokkason"), make_author("Second Quokkason")
    old_theme, new_theme = Theme.objects.create(name="Quokka affairs"), Theme.objects.create(name="Wombat affairs")
    article = make_article(authors=[first, second], themes=[old_theme])
    article.save()
    kept = article.history.latest()
    url = f"/admin/archive/article/{article.pk}/change/"
    data = change_form_data(admin_client, url, "article_form")
    data["authorships-0-DELETE"] = "on"
    data["themes"] = [str(new_theme.pk)]
    assert admin_client.post(url, data).status_code == 302
    assert [a.name for a in article.ordered_authors] == ["Second Quokkason"]

    revert(admin_client, "article", article, kept)

    article = Article.objects.get(pk=article.pk)
    assert [a.name for a in article.ordered_authors] == ["First Quokkason", "Second Quokkason"]
    assert list(article.themes.values_list("name", flat=True)) == ["Quokka affairs"]
    assert article.is_curated("authors") and article.is_curated("themes")
    assert search_titles("First Quokkason") == [str(article.pk)]


def test_it_keeps_todays_bylines_and_themes_when_a_record_did_not_keep_them(admin_client):
    article = make_article("Original quokka title", authors=[make_author("First Quokkason")],
                           themes=[Theme.objects.create(name="Quokka affairs")])
    article.save()
    old = article.history.latest()
    old.authors.all().delete()  # as a record made before bylines and themes were kept
    old.themes.all().delete()
    edit_in_admin(admin_client, "article", article, "title", "Edited wombat title")

    revert(admin_client, "article", article, old)

    article = Article.objects.get(pk=article.pk)
    assert article.title == "Original quokka title"
    assert [a.name for a in article.ordered_authors] == ["First Quokkason"]
    assert list(article.themes.values_list("name", flat=True)) == ["Quokka affairs"]
