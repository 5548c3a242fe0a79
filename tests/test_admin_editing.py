"""Editing an article's metadata in the admin: validated, sanitised, and locked against re-import."""

import datetime
import json

from archive.ingest.importer import import_paths
from archive.models import Article
from tests.curating import post_change
from tests.factories import make_article, make_author, make_source, theme
from tests.test_admin_foundation import change_data
from tests.test_store import capture


def errors(response):
    return response.context["adminform"].form.errors


def test_it_refuses_a_malformed_url(admin_client, seed_article):
    response = post_change(admin_client, seed_article("000"), url="htp//not a url")
    assert response.status_code == 200 and "url" in errors(response)


def test_it_refuses_a_script_url(admin_client, seed_article):
    response = post_change(admin_client, seed_article("000"), url="javascript:alert(1)")
    assert errors(response)["url"] == ["Enter a valid URL."]


def test_it_requires_a_title_or_a_provisional_one(admin_client, seed_article):
    response = post_change(admin_client, seed_article("004"), title="   ", provisional_title="")
    assert "An article needs a title" in errors(response)["title"][0]


def test_it_saves_an_edit_of_an_untitled_article_that_keeps_its_provisional_title(admin_client, seed_article):
    article = seed_article("001")
    assert not article.title and article.provisional_title
    response = post_change(admin_client, article, genre="Analysis")
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.genre) == ("", "Analysis")
    assert article.is_curated("genre") and not article.is_curated("title")


def test_it_refuses_a_year_that_is_missing_a_digit(admin_client, seed_article):
    response = post_change(admin_client, seed_article("000"), date="0201-03-05")
    assert errors(response)["date"] == ["The year 201 is before 1000: is a digit missing?"]


def test_it_refuses_a_tomorrow_date(admin_client, seed_article):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = post_change(admin_client, seed_article("000"), date=tomorrow.isoformat())
    assert errors(response)["date"] == ["The date is in the future."]


def test_it_strips_markup_from_a_title(admin_client, seed_article):
    article = seed_article("000")
    post_change(admin_client, article, title="<b>Bold</b> claims<script>x()</script><style>p {}</style>")
    article.refresh_from_db()
    assert article.title == "Bold claims"


def test_it_sanitises_body_text_a_curator_enters(admin_client, seed_article):
    article = seed_article("000")
    body = [{"type": "heading", "text": "<h2>Costs & benefits</h2>"},
            {"type": "paragraph", "text": 'Trade <a href="javascript:evil()">grew</a><script>steal()</script> by 3 < 4.'},
            {"type": "paragraph", "text": "<p></p>"}]
    response = post_change(admin_client, article, body=json.dumps(body))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == [{"type": "heading", "text": "Costs & benefits"},
                            {"type": "paragraph", "text": "Trade grew by 3 < 4."}]
    assert article.is_curated("body")


def test_it_keeps_the_items_of_a_list_a_curator_enters(admin_client, seed_article):
    article = seed_article("000")
    body = [{"type": "paragraph", "text": "Two points:"}, {"type": "item", "text": "One."}, {"type": "item", "text": "Two."}]
    assert post_change(admin_client, article, body=json.dumps(body)).status_code == 302
    article.refresh_from_db()
    assert article.body == body


def test_it_refuses_body_blocks_of_an_unknown_type(admin_client, seed_article):
    response = post_change(admin_client, seed_article("000"), body=json.dumps([{"type": "table", "text": "x"}]))
    assert 'Each block needs "type"' in errors(response)["body"][0]


def test_it_saves_a_date_with_its_precision_and_kind(admin_client, seed_article):
    article = seed_article("004")
    post_change(admin_client, article, title="Dated", date="2002-06-01", date_precision="month", date_kind="last modified")
    article.refresh_from_db()
    assert (article.date_display, article.date_kind, article.year) == ("June 2002", "last modified", 2002)


def test_it_saves_source_themes_genre_and_language(admin_client, seed_article):
    article, source = seed_article("000"), make_source("Invented Review")
    chosen = theme("Arms control and strategic stability")
    post_change(admin_client, article, source=source.pk, themes=[chosen.pk], genre="Interview", language="ru")
    article.refresh_from_db()
    assert (article.source, list(article.themes.all()), article.genre, article.language) == (
        source, [chosen], "Interview", "ru")
    assert all(article.is_curated(f) for f in ("source", "themes", "genre", "language"))


def test_it_reorders_the_authors(admin_client, db):
    first, second = make_author("Ann First"), make_author("Ben Second")
    article = make_article("Two authors", authors=[first, second])
    response = post_change(admin_client, article, **{"authorships-0-position": 1, "authorships-1-position": 0})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.ordered_authors == [second, first]
    assert article.is_curated("authors")


def test_it_keeps_a_curators_title_when_the_capture_is_imported_again(admin_client, db, tmp_path):
    path = capture(tmp_path / "a.txt", title="Managing a Rivalry")
    import_paths([path], progress=False)
    article = Article.objects.get()
    post_change(admin_client, article, title="Managing the Rivalry")
    path.write_text(path.read_text().replace("March 3, 2021", "March 5, 2021"))
    import_paths([path], progress=False)
    article.refresh_from_db()
    assert (article.title, article.date.day) == ("Managing the Rivalry", 5)


def test_it_lets_the_importers_value_return_after_unlocking(admin_client, db, tmp_path):
    path = capture(tmp_path / "a.txt", title="Managing a Rivalry")
    import_paths([path], progress=False)
    article = Article.objects.get()
    post_change(admin_client, article, title="Managing the Rivalry")
    article.refresh_from_db()
    post_change(admin_client, article, unlock=["title"])
    path.write_text(path.read_text().replace("Managing a Rivalry", "Managing a Rivalry Anew"))
    import_paths([path], progress=False)
    article.refresh_from_db()
    assert article.title == "Managing a Rivalry Anew"


def test_it_shows_the_body_as_indented_blocks(admin_client, seed_article):
    article = seed_article("000")
    page = admin_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert '[\n {\n  &quot;type&quot;: &quot;paragraph&quot;,\n  &quot;text&quot;: &quot;The recent' in page


def test_it_locks_only_the_fields_a_curator_changed(admin_client, seed_article):
    article = seed_article("000")
    data = change_data(article)
    data["genre"] = "Essay"
    admin_client.post(f"/admin/archive/article/{article.pk}/change/", data)
    article.refresh_from_db()
    assert article.curated_fields() == ["genre"]
