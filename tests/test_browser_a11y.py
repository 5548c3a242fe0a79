"""Accessibility, small screens and print, in a real headless Chromium (axe-core for the accessibility rules)."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from archive.models import Theme
from tests.factories import make_article, make_author, make_source

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ["/", "/articles/", "/articles/?author=jane-smith&year=unknown", "/search/?q=arctic", "/search/?q=zzzqqq",
         "/search/?q=%22unbalanced", "/articles/northern-routes/?in=", "/authors/", "/authors/jane-smith/", "/sources/",
         "/sources/carnegie-endowment/", "/themes/", "/themes/arctic-affairs/", "/years/", "/years/2019/",
         "/no/such/page/"]


@pytest.fixture
def archive(db):
    arctic = Theme.objects.create(name="Arctic Affairs", description="The far north.")
    smith = make_author("Jane Smith", affiliation="Arctic Institute", bio="Writes on the Arctic.",
                        orcid="0000-0002-1825-0097")
    source = make_source("Carnegie Endowment", homepage="https://carnegieendowment.org/")
    body = [{"type": "paragraph", "text": "Arctic shipping on the northern route, " * 8},
            {"type": "heading", "text": "Ice and trade"},
            {"type": "paragraph", "text": "A very-long-unbroken-word-" * 6 + " and the Arctic ice."}]
    make_article("Northern routes", authors=[smith], source=source, themes=[arctic], body=body,
                 url="https://carnegieendowment.org/2019/03/27/northern-routes-through-a-very-long-address-indeed",
                 date=datetime.date(2019, 3, 27))
    make_article("Polar ice", authors=[smith], themes=[arctic], date=None)
    make_article("Trade notes", source=source, date=datetime.date(2021, 6, 1))


def serious_violations(page):
    results = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("url", PAGES)
def test_it_passes_axe_without_serious_violations(page, archive, url):
    page.goto(page.base + url)
    assert serious_violations(page) == []


@pytest.mark.parametrize("url", PAGES)
def test_it_fits_a_360_pixel_screen(page, archive, url):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_it_passes_axe_at_360_pixels(page, archive):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base + "/search/?q=arctic&theme=arctic-affairs")
    assert serious_violations(page) == []


def test_it_keeps_the_search_box_usable_at_360_pixels(page, archive):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base + "/articles/")
    box = page.locator("#site-search").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["width"] >= 150


def test_it_prints_an_article_without_the_sites_chrome(page, archive):
    page.goto(page.base + "/articles/northern-routes/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.site-header', '.site-footer', '.related', '.anchor']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert set(hidden) == {"none"}
    assert page.locator(".body").is_visible() and page.locator(".cite").is_visible()


def test_it_prints_the_address_of_the_original(page, archive):
    page.goto(page.base + "/articles/northern-routes/")
    page.emulate_media(media="print")
    after = page.evaluate("getComputedStyle(document.querySelector('a.original'), '::after').content")
    assert "carnegieendowment.org/2019/03/27" in after
