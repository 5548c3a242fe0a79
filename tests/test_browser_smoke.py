"""The archive in a real headless Chromium."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_it_searches_from_the_home_page(page, seeds):
    page.goto(page.base + "/")
    page.fill("#home-search", "multipolar")
    page.press("#home-search", "Enter")
    page.wait_for_url("**/search/?q=multipolar")
    assert "result" in page.inner_text("#results-heading")
    assert page.locator("article.item mark").count() >= 1
