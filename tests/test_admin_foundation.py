"""The admin of the foundation: the four models registered, filters, search, and saving reindexes at once."""

import json

from django.contrib import admin
from haystack.query import SearchQuerySet

from archive.models import Article, Author, Source, Theme


def test_it_registers_the_four_models():
    for model in (Article, Author, Source, Theme):
        assert admin.site.is_registered(model)


def test_it_lists_articles_with_filters_and_search(admin_client, seeds):
    response = admin_client.get("/admin/archive/article/", {"needs_review__exact": "0", "q": "Bordachev"})
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("By needs review", "By source", "By year", "By themes"):
        assert label in html
    assert response.context["cl"].result_count == 1


def test_it_filters_articles_by_year(admin_client, seeds):
    response = admin_client.get("/admin/archive/article/", {"year": "unknown"})
    assert response.context["cl"].result_count == 2


def change_data(article):
    """The change form's data for article, as the admin would post it unchanged."""
    data = {
        "title": article.title, "provisional_title": article.provisional_title, "slug": article.slug,
        "genre": article.genre, "language": article.language,
        "date": article.date.isoformat() if article.date else "", "date_precision": article.date_precision,
        "date_kind": article.date_kind, "source": article.source_id or "", "url": article.url,
        "themes": [t.pk for t in article.themes.all()], "needs_review": "on" if article.needs_review else "",
        "review_reasons": "[]", "body": json.dumps(article.body),
        "authorships-TOTAL_FORMS": "0", "authorships-INITIAL_FORMS": "0",
        "captures-TOTAL_FORMS": "0", "captures-INITIAL_FORMS": "0",
    }
    for i, authorship in enumerate(article.authorships.all()):
        data["authorships-TOTAL_FORMS"] = data["authorships-INITIAL_FORMS"] = str(i + 1)
        data.update({f"authorships-{i}-id": authorship.pk, f"authorships-{i}-article": article.pk,
                     f"authorships-{i}-author": authorship.author_id, f"authorships-{i}-position": authorship.position,
                     f"authorships-{i}-bio": authorship.bio})
    captures = list(article.captures.all())
    data["captures-TOTAL_FORMS"] = data["captures-INITIAL_FORMS"] = str(len(captures))
    for i, capture in enumerate(captures):
        data.update({f"captures-{i}-id": capture.pk, f"captures-{i}-article": article.pk})
    return data


def test_it_reindexes_an_article_saved_in_the_admin(admin_client, seed_article):
    article = seed_article("000")
    data = change_data(article)
    data["title"] = "Quixotic Foreign Policy"
    response = admin_client.post(f"/admin/archive/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert SearchQuerySet().models(Article).filter(content="quixotic").count() == 1
    article.refresh_from_db()
    assert article.is_curated("title")


def test_it_refuses_a_future_date(admin_client, seed_article):
    article = seed_article("000")
    data = change_data(article)
    data["date"] = "2999-01-01"
    response = admin_client.post(f"/admin/archive/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert "The date is in the future." in response.content.decode()


def test_it_keeps_anonymous_users_out(client, db):
    response = client.get("/admin/archive/article/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_it_reindexes_articles_when_their_author_is_deleted(admin_client, seeds):
    from archive.models import Author

    author = Author.objects.get(name="Timofei V. Bordachev")
    response = admin_client.post(f"/admin/archive/author/{author.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert SearchQuerySet().models(Article).filter(content="Bordachev").narrow('author_slugs:("timofei-v-bordachev")').count() == 0
