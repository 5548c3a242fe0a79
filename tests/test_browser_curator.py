"""A curator's way through the admin in a real headless Chromium: the review queue, a fix, and the public pages."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

NEW_TITLE = "Igor Ivanov on Zugzwang Diplomacy"


@pytest.fixture
def curator(page, django_user_model):
    """The page, logged in to the admin as a curator."""
    django_user_model.objects.create_superuser("curator", "curator@example.org", "a long pass phrase")
    page.goto(page.base + "/admin/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "a long pass phrase")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def fix_in_the_queue(page, article):
    """From the admin index, through the queue, to a saved and reviewed fix of article's title and date."""
    page.click("#review-queue-summary a")
    page.wait_for_url("**/admin/archive/article/review/")
    page.click(f"#review-queue a[href$='/article/{article.pk}/change/']")
    page.wait_for_url(f"**/admin/archive/article/{article.pk}/change/")
    page.fill("#id_title", NEW_TITLE)
    page.fill("#id_date", "2002-07-15")
    page.select_option("#id_date_precision", "day")
    page.click("input[name=_mark_reviewed]")
    page.wait_for_url("**/admin/archive/article/review/")


def test_it_shows_the_review_count_after_logging_in(seeds, curator):
    assert "3 articles need review" in curator.inner_text("#review-queue-summary")


def test_it_fixes_an_article_from_the_review_queue(seed_article, curator):
    article = seed_article("004")
    fix_in_the_queue(curator, article)
    assert "was saved and marked reviewed" in curator.inner_text(".messagelist")
    assert curator.inner_text("#review-count").startswith("2 articles waiting for review")
    assert curator.locator(f"#review-queue a[href$='/article/{article.pk}/change/']").count() == 0


def test_it_shows_the_fix_on_the_public_page_and_in_search(seed_article, curator):
    article = seed_article("004")
    fix_in_the_queue(curator, article)
    curator.goto(curator.base + article.get_absolute_url())
    assert curator.inner_text("h1") == NEW_TITLE
    assert curator.get_attribute("main time", "datetime") == "2002-07-15"
    assert "15 July 2002" in curator.inner_text("main time")
    curator.goto(curator.base + "/search/?q=zugzwang")
    assert curator.inner_text("#results-heading") == "1 result"
    assert curator.inner_text("article.item h3") == NEW_TITLE


def test_it_shows_the_capture_beside_the_body_on_the_form(seed_article, curator):
    article = seed_article("000")
    curator.goto(curator.base + f"/admin/archive/article/{article.pk}/change/")
    raw, cleaned = curator.locator(".capture-raw"), curator.locator(".cleaned-body")
    assert "By [Igor Ivanov](#)" in raw.inner_text()
    raw_box, cleaned_box = raw.bounding_box(), cleaned.bounding_box()
    assert raw_box["x"] > cleaned_box["x"] + cleaned_box["width"] - 1  # side by side


def run_action(page, path, names, action):
    page.goto(page.base + path)
    for name in names:
        page.check(f"#result_list tr:has(a:text-is({name!r})) input.action-select")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def test_it_adds_a_theme_to_selected_articles(seeds, curator):
    from archive.models import Theme

    Theme.objects.get_or_create(name="Terrorism")  # a transactional test may run without the loaded themes
    titles = ["Russia - Foreign Relations", "How Russia Can Build Relations With Friendly Countries"]
    run_action(curator, "/admin/archive/article/", titles, "add_theme")
    curator.select_option("select[name=choice]", label="Terrorism")
    curator.click("input[name=apply]")
    curator.wait_for_url("**/admin/archive/article/")
    assert "Added theme “Terrorism” to 2 articles." in curator.inner_text(".messagelist")
    assert sorted(Theme.objects.get(name="Terrorism").articles.values_list("title", flat=True)) == sorted(titles)


def test_it_merges_two_spellings_of_an_author(seeds, curator):
    from archive.models import Author
    from tests.factories import make_author

    make_author("Igor S. Ivanov")
    run_action(curator, "/admin/archive/author/", ["Igor Ivanov", "Igor S. Ivanov"], "merge_selected")
    assert curator.is_checked("input[name=choice] >> nth=0")  # the one with articles is suggested
    curator.click("input[name=apply]")
    curator.wait_for_url("**/admin/archive/author/")
    assert "Merged “Igor S. Ivanov” into the author “Igor Ivanov”" in curator.inner_text(".messagelist")
    assert Author.objects.get(name="Igor Ivanov").aliases == ["Igor S. Ivanov"]
