"""The review queue: articles waiting for a curator, oldest first, with their reasons and a way off the queue."""

import datetime

from archive.models import Article
from tests.factories import make_article
from tests.test_admin_foundation import change_data

QUEUE = "/admin/archive/article/review/"


def queued(title, reasons=("no date in the capture",)):
    return make_article(title, needs_review=True, review_reasons=list(reasons), index=False)


def test_it_lists_the_articles_needing_review_oldest_first(admin_client, db):
    first, second = queued("First in the queue"), queued("Second in the queue")
    make_article("Not waiting")
    Article.objects.filter(pk=second.pk).update(created=first.created - datetime.timedelta(days=1))
    response = admin_client.get(QUEUE)
    assert [article.pk for article, _ in response.context["rows"]] == [second.pk, first.pk]
    assert "Not waiting" not in response.content.decode()


def test_it_shows_each_articles_reasons(admin_client, seeds):
    html = admin_client.get(QUEUE).content.decode()
    assert "no author named in the capture" in html
    assert "no title in the capture: the provisional title is unconfirmed" in html
    assert "3 articles waiting for review" in html


def test_it_links_each_article_to_its_form(admin_client, db):
    article = queued("Fix me")
    assert f'href="/admin/archive/article/{article.pk}/change/"' in admin_client.get(QUEUE).content.decode()


def test_it_is_reachable_by_its_url_name(db):
    from django.urls import reverse

    assert reverse("admin:archive_article_review") == QUEUE


def test_it_shows_the_count_on_the_admin_index(admin_client, seeds):
    html = admin_client.get("/admin/").content.decode()
    assert "<strong>3</strong> articles need review" in html
    assert f'href="{QUEUE}"' in html


def test_it_says_when_nothing_waits(admin_client, db):
    assert "No article is waiting for review." in admin_client.get("/admin/").content.decode()
    assert "No article is waiting for review." in admin_client.get(QUEUE).content.decode()


def test_it_shows_the_count_on_the_archive_app_index(admin_client, seeds):
    assert "Review queue: <strong>3</strong> articles waiting" in admin_client.get("/admin/archive/").content.decode()


def test_it_links_the_queue_from_the_article_list(admin_client, seeds):
    assert "Review queue (3)" in admin_client.get("/admin/archive/article/").content.decode()


def test_it_marks_an_article_reviewed_from_the_queue(admin_client, db):
    article = queued("Checked and fine")
    response = admin_client.post(QUEUE, {"article": article.pk}, follow=True)
    article.refresh_from_db()
    assert not article.needs_review and article.reviewed_at is not None and article.review_reasons == []
    assert "Marked 1 article reviewed." in response.content.decode()
    assert response.context["count"] == 0


def test_it_saves_and_marks_reviewed_from_the_article_form(admin_client, seed_article):
    article = seed_article("004")
    data = change_data(article)
    data.update(title="A Confirmed Title", date="2019-06-01", _mark_reviewed="Save and mark reviewed")
    response = admin_client.post(f"/admin/archive/article/{article.pk}/change/", data)
    assert response.status_code == 302 and response["Location"] == QUEUE
    article.refresh_from_db()
    assert not article.needs_review and article.reviewed_at is not None
    assert article.is_curated("title") and article.is_curated("date")


def test_it_offers_save_and_mark_reviewed_only_to_articles_waiting(admin_client, seed_article):
    waiting, done = seed_article("004"), seed_article("000")
    assert 'name="_mark_reviewed"' in admin_client.get(f"/admin/archive/article/{waiting.pk}/change/").content.decode()
    assert 'name="_mark_reviewed"' not in admin_client.get(f"/admin/archive/article/{done.pk}/change/").content.decode()


def test_it_shows_a_reason_a_curator_has_since_settled(admin_client, db):
    article = queued("Dated by hand", reasons=["no date in the capture", "no source named in the capture"])
    article.mark_curated("date")
    article.save()
    rows = admin_client.get(QUEUE).context["rows"]
    assert rows[0][1] == [("no date in the capture", True), ("no source named in the capture", False)]


def test_it_keeps_anonymous_visitors_out_of_the_queue(client, db):
    response = client.get(QUEUE)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_it_refuses_the_queue_to_staff_without_change_permission(client, django_user_model, db):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(QUEUE).status_code == 403
