"""The article form as a workbench: how each field was found, the capture beside the body, unlocking."""

import html

from archive.models import Article, Capture
from tests.curating import post_change
from tests.factories import make_article


def form_of(admin_client, article):
    response = admin_client.get(f"/admin/archive/article/{article.pk}/change/")
    assert response.status_code == 200
    return response, response.context["adminform"].form


def test_it_shows_how_each_field_was_found_beside_it(admin_client, seed_article):
    _, form = form_of(admin_client, seed_article("000"))
    assert html.unescape(form.fields["title"].help_text) == (
        "Found by markdown heading, confidence 0.95: “# This Is What Russia's Foreign Policy Should Look Like "
        "(Op-ed)”."
    )
    assert form.fields["date"].help_text.startswith("Found by date line, confidence 0.95: “March 27, 2018”")


def test_it_says_when_the_capture_did_not_give_a_field(admin_client, seed_article):
    _, form = form_of(admin_client, seed_article("004"))
    assert form.fields["source"].help_text == "Not found in the capture."


def test_it_shows_who_set_a_curated_field_and_when(admin_client, seed_article):
    article = seed_article("000")
    post_change(admin_client, article, title="A Curated Title")
    article.refresh_from_db()
    response, form = form_of(admin_client, article)
    when = article.provenance["title"]["curated_at"].replace("T", " ")[:16]
    assert form.fields["title"].help_text == f"Set by admin on {when}; locked against re-import."
    assert "set by admin on" in response.content.decode()  # the provenance table too


def test_it_shows_the_capture_raw_text_beside_the_cleaned_body(admin_client, seed_article):
    page = form_of(admin_client, seed_article("000"))[0].content.decode()
    assert "<h3>Cleaned body</h3>" in page and "<h3>Original capture</h3>" in page
    assert "000_33dbda3cca3036ff.txt (text, utf-8)" in page
    assert "By [Igor Ivanov](#)" in page  # the raw markdown, not the cleaned text


def test_it_escapes_markup_of_the_capture_and_its_evidence(admin_client, db):
    article = make_article("Plain title", index=False)
    Capture.objects.filter(article=article).update(raw_text="<script>alert('raw')</script>")
    article.provenance = {"url": {"method": "link", "evidence": "<b>bold</b>", "confidence": 0.8}}
    article.save()
    page = form_of(admin_client, article)[0].content.decode()
    assert "<script>alert('raw')</script>" not in page and "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page


def test_it_offers_to_unlock_only_curated_fields(admin_client, seed_article):
    article = seed_article("000")
    assert 'name="unlock"' not in form_of(admin_client, article)[0].content.decode()
    post_change(admin_client, article, title="A Curated Title")
    _, form = form_of(admin_client, article)
    assert form.fields["unlock"].choices == [("title", "title")]


def test_it_brings_back_the_importers_value_when_unlocked(admin_client, seed_article):
    article = seed_article("000")
    original = article.title
    post_change(admin_client, article, title="A Curated Title")
    article.refresh_from_db()
    response = post_change(admin_client, article, unlock=["title"])
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == original and not article.is_curated("title")
    assert article.provenance["title"]["method"] == "markdown heading"


def test_it_does_not_send_a_reviewed_article_back_to_the_queue_on_unlock(admin_client, seed_article):
    article = seed_article("004")
    post_change(admin_client, article, title="Confirmed", _mark_reviewed="1")
    article.refresh_from_db()
    post_change(admin_client, article, unlock=["title"])
    article.refresh_from_db()
    assert article.title == "" and not article.needs_review


def test_it_records_the_edit_in_history(admin_client, seed_article):
    article = seed_article("000")
    post_change(admin_client, article, title="A Curated Title")
    record = Article.history.filter(id=article.pk).first()
    assert record.title == "A Curated Title" and record.history_change_reason == "edited in the admin"
    assert record.history_user.username == "admin"


def test_it_says_what_unlocking_did(admin_client, seed_article):
    article = seed_article("000")
    post_change(admin_client, article, title="A Curated Title")
    article.refresh_from_db()
    response = post_change(admin_client, article, unlock=["title"], follow=True)
    notes = [str(m) for m in response.context["messages"]]
    assert "Unlocked title: the importer's value is back, from the primary capture." in notes


def test_it_shows_how_the_authors_were_found(admin_client, seed_article):
    page = form_of(admin_client, seed_article("000"))[0].content.decode()
    assert "Found by byline, confidence 0.95: “By [Igor Ivanov](#)”." in page
