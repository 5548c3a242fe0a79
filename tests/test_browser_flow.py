"""A reader's way through the archive in a real headless Chromium: search, facets, an article, a paragraph link."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def search(page, q):
    page.goto(page.base + "/")
    page.fill("#site-search", q)
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=*")


def test_it_searches_from_the_header(page, seeds):
    search(page, "Russia")
    assert page.inner_text("#results-heading") == "5 results"


def test_it_narrows_by_two_facets_and_widens_by_removing_one(page, seeds):
    search(page, "Russia")
    page.click(".facet a:has-text('Igor Ivanov')")
    page.wait_for_url(re.compile(r"author=igor-ivanov"))
    page.click("section[aria-labelledby=facet-year] a:has-text('Undated')")
    page.wait_for_url(re.compile(r"author=igor-ivanov&year=unknown"))
    assert page.inner_text("#results-heading") == "1 result"
    page.click("a[aria-label='Remove filter Author: Igor Ivanov']")
    page.wait_for_url(re.compile(r"\?q=Russia&year=unknown$"))
    assert page.inner_text("#results-heading") == "2 results"
    assert page.locator(".active-filters li").all_inner_texts() == ["Year: Undated ×"]


def test_it_opens_a_result_and_follows_a_paragraph_link(page, seeds):
    search(page, '"multipolar world"')
    page.click("article.item h3 a >> nth=0")
    page.wait_for_url(re.compile(r"/articles/[\w-]+/$"))
    heading = page.inner_text("h1")
    anchor = page.locator(".body p[id] >> nth=2").get_attribute("id")
    page.click(f"#{anchor} a.anchor")
    page.wait_for_url(re.compile(rf"/articles/[\w-]+/#{anchor}$"))
    assert page.evaluate("document.querySelector(':target').id") == anchor
    page.reload()
    assert page.inner_text("h1") == heading and page.evaluate("document.querySelector(':target').id") == anchor


def test_it_steps_to_the_next_article_of_a_browse(page, seeds):
    page.goto(page.base + "/articles/?author=igor-ivanov")
    first, second = page.locator("article.item h3 a").all_inner_texts()
    page.click(f"article.item h3 a:has-text({first!r})")
    page.click("a[rel=next]")
    page.wait_for_url(re.compile(r"\?in=author%3Digor-ivanov$"))
    assert page.inner_text("h1").startswith(second.rstrip("…").split(" provisional")[0][:30])


def test_it_sorts_results_with_the_keyboard(page, seeds):
    search(page, "Russia")
    page.focus("#sort-select")
    page.keyboard.press("ArrowDown")  # relevance → newest first
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sort=newest"))
    assert page.locator("article.item time").first.get_attribute("datetime").startswith("2023")


def test_it_skips_to_the_content_with_the_keyboard(page, seeds):
    page.goto(page.base + "/articles/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_it_searches_with_the_keyboard_alone(page, seeds):
    page.goto(page.base + "/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search":
            break
    page.keyboard.type("multilat*")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=multilat*")
    assert page.locator("article.item mark").count() >= 1


def test_it_shows_a_visible_focus_outline(page, seeds):
    page.goto(page.base + "/articles/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
