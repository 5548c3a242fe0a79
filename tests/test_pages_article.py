"""The article page: metadata, the body with linkable paragraphs, related articles, previous/next in a browse."""

import datetime

import pytest

from archive.models import Theme
from tests.factories import make_article, make_author, make_source

BODY = [
    {"type": "paragraph", "text": "Opening paragraph on Arctic shipping."},
    {"type": "heading", "text": "The northern route"},
    {"type": "paragraph", "text": "Second paragraph <b>with</b> markup-like text & more."},
]


@pytest.fixture
def article(db):
    return make_article(
        "Northern routes", body=BODY, url="https://example.org/2019/northern-routes",
        authors=[make_author("Jane Smith", affiliation="Arctic Institute"), make_author("Igor Ivanov")],
        source=make_source("Carnegie Endowment"), themes=[Theme.objects.create(name="Arctic Affairs")],
        date=datetime.date(2019, 3, 27),
    )


def html_of(client, url):
    return client.get(url).content.decode()


def test_it_shows_the_title(client, article):
    assert "<h1>Northern routes</h1>" in html_of(client, article.get_absolute_url())


def test_it_links_the_authors_with_their_affiliation(client, article):
    html = html_of(client, article.get_absolute_url())
    assert '<a href="/authors/jane-smith/">Jane Smith</a> <span class="muted">(Arctic Institute)</span>' in html
    assert '<a href="/authors/igor-ivanov/">Igor Ivanov</a>' in html


def test_it_links_the_source(client, article):
    assert '<a href="/sources/carnegie-endowment/">Carnegie Endowment</a>' in html_of(client, article.get_absolute_url())


@pytest.mark.parametrize("precision, shown", [("year", ">2019</time>"), ("month", ">March 2019</time>"),
                                              ("day", ">27 March 2019</time>")])
def test_it_shows_the_date_to_its_precision(client, db, precision, shown):
    article = make_article("Dated", date=datetime.date(2019, 3, 27), date_precision=precision)
    assert shown in html_of(client, article.get_absolute_url())


def test_it_says_when_an_article_is_undated(client, db):
    article = make_article("Undated", date=None)
    assert "Undated" in html_of(client, article.get_absolute_url())


def test_it_links_the_original(client, article):
    assert 'href="https://example.org/2019/northern-routes"' in html_of(client, article.get_absolute_url())


def test_it_links_the_themes(client, article):
    assert '<a href="/themes/arctic-affairs/">Arctic Affairs</a>' in html_of(client, article.get_absolute_url())


def test_it_shows_headings_and_escaped_paragraphs(client, article):
    html = html_of(client, article.get_absolute_url())
    assert '<h2 id="h2">The northern route</h2>' in html
    assert "Second paragraph &lt;b&gt;with&lt;/b&gt; markup-like text &amp; more." in html


def test_it_gives_each_paragraph_an_anchor(client, article):
    html = html_of(client, article.get_absolute_url())
    assert '<p id="p1">' in html and '<a class="anchor" href="#p1"' in html
    assert '<p id="p3">' in html and '<a class="anchor" href="#p3"' in html


def test_it_shows_a_list_in_the_text_as_a_list(client, db):
    article = make_article("Three points", body=[
        {"type": "paragraph", "text": "Three things stand out."},
        {"type": "item", "text": "Deliveries doubled."}, {"type": "item", "text": "Criticism softened."},
        {"type": "paragraph", "text": "The agreement was presented as a success."},
    ])
    html = html_of(client, article.get_absolute_url())
    items = html.index('<ul><li id="p2">Deliveries doubled.')
    assert html.index('<li id="p3">Criticism softened.') > items
    assert html.index("</ul>", items) < html.index('<p id="p4">The agreement')


def test_it_lists_related_articles(client, article):
    make_article("Arctic shipping lanes", body=[{"type": "paragraph", "text": "Arctic shipping on the northern route."}])
    make_article("Tariffs", body=[{"type": "paragraph", "text": "Trade tariffs and customs unions."}])
    response = client.get(article.get_absolute_url())
    assert [r.title for r in response.context["related"]] == ["Arctic shipping lanes"]


def test_it_shows_no_previous_or_next_without_a_browse(client, db):
    make_article("One", date=datetime.date(2018, 1, 1))
    article = make_article("Two", date=datetime.date(2019, 1, 1))
    assert 'rel="prev"' not in html_of(client, article.get_absolute_url())


@pytest.fixture
def listing(db):
    """Four articles: newest first they read 2021, 2019, 2017, undated."""
    times = make_source("Moscow Times")
    return {
        "2019": make_article("Y2019", date=datetime.date(2019, 1, 1), source=times),
        "2017": make_article("Y2017", date=datetime.date(2017, 1, 1)),
        "2021": make_article("Y2021", date=datetime.date(2021, 1, 1), source=times),
        "none": make_article("Undated", date=None, source=times),
    }


def neighbours(client, article, browse):
    context = client.get(article.get_absolute_url(), {"in": browse}).context
    return (getattr(context["previous"], "title", None), getattr(context["following"], "title", None))


def test_it_links_previous_and_next_newest_first(client, listing):
    assert neighbours(client, listing["2019"], "") == ("Y2021", "Y2017")


def test_it_links_previous_and_next_oldest_first(client, listing):
    assert neighbours(client, listing["2019"], "sort=oldest") == ("Y2017", "Y2021")


def test_it_links_previous_and_next_within_the_filters(client, listing):
    assert neighbours(client, listing["2019"], "source=moscow-times") == ("Y2021", "Undated")


def test_it_reaches_the_undated_article_last_newest_first(client, listing):
    assert neighbours(client, listing["none"], "") == ("Y2017", None)


def test_it_reaches_the_undated_article_last_oldest_first(client, listing):
    assert neighbours(client, listing["none"], "sort=oldest") == ("Y2021", None)


def test_it_carries_the_browse_from_the_list_to_the_article(client, listing):
    html = html_of(client, "/articles/?source=moscow-times&sort=oldest")
    assert f'href="{listing["2019"].get_absolute_url()}?in=source%3Dmoscow-times%26sort%3Doldest"' in html


def test_it_carries_the_browse_on_to_the_next_article(client, listing):
    html = html_of(client, listing["2019"].get_absolute_url() + "?in=source%3Dmoscow-times")
    assert f'rel="next" href="{listing["none"].get_absolute_url()}?in=source%3Dmoscow-times"' in html


def test_it_links_back_to_the_list(client, listing):
    html = html_of(client, listing["2019"].get_absolute_url() + "?in=source%3Dmoscow-times")
    assert 'href="/articles/?source=moscow-times">Back to the list' in html


def test_it_offers_a_print_stylesheet(client, article):
    assert 'href="/static/archive/print.css" media="print"' in html_of(client, article.get_absolute_url())
