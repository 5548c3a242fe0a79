"""Author, source, theme and year pages, and the chart of articles per year."""

import datetime

import pytest

from archive.models import Theme
from tests.factories import make_article, make_author, make_source


@pytest.fixture
def author(db):
    author = make_author("Jane Smith", affiliation="Arctic Institute", bio="Jane Smith writes on the Arctic.",
                         orcid="0000-0002-1825-0097", identifiers={"Scopus AuthorID": "57190000000"})
    make_article("Northern routes", authors=[author], date=datetime.date(2019, 1, 1))
    make_article("Polar ice", authors=[author], date=datetime.date(2021, 1, 1))
    make_article("Someone else's", authors=[make_author()])
    return author


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_authors_bio_and_affiliation(client, author):
    html = html_of(client, "/authors/jane-smith/")
    assert "Jane Smith writes on the Arctic." in html and "Arctic Institute" in html


def test_it_links_the_authors_orcid(client, author):
    assert '<a href="https://orcid.org/0000-0002-1825-0097" rel="noopener">0000-0002-1825-0097</a>' in html_of(
        client, "/authors/jane-smith/")


def test_it_shows_the_authors_other_identifiers(client, author):
    assert "<dt>Scopus AuthorID</dt><dd>57190000000</dd>" in html_of(client, "/authors/jane-smith/")


def test_it_lists_the_authors_articles_newest_first(client, author):
    response = client.get("/authors/jane-smith/")
    assert [a.title for a in response.context["page"]] == ["Polar ice", "Northern routes"]
    assert "2 articles" in response.content.decode()


def test_it_lists_authors_with_their_counts(client, author):
    assert '<a href="/authors/jane-smith/">Jane Smith</a> <span class="count">2</span>' in html_of(client, "/authors/")


def test_it_leaves_authors_without_articles_off_the_list(client, author):
    make_author("Never Published")
    html = html_of(client, "/authors/")
    assert "Never Published" not in html and "2 authors with articles" in html


def test_it_counts_each_author_on_a_later_page_of_the_list(client, db):
    authors = [make_author(f"Writer {chr(65 + n // 26)}{chr(97 + n % 26)}") for n in range(61)]
    make_article("Two hands", authors=[authors[0], authors[60]])
    make_article("One hand", authors=[authors[60]])
    for author in authors[1:60]:
        make_article(f"By {author.name}", authors=[author])
    second = client.get("/authors/", {"page": 2})
    assert [(a.name, a.n) for a in second.context["page"]] == [("Writer Ci", 2)]


@pytest.mark.parametrize("index", [True, False])
def test_it_shows_the_most_written_themes_and_authors_on_the_home_page(client, db, index):
    arctic, trade = Theme.objects.create(name="Arctic Affairs"), Theme.objects.create(name="Trade Policy")
    prolific = make_author("Zoe Prolific")
    for n in range(3):
        make_article(f"Ice {n}", authors=[prolific], themes=[arctic], index=index)
    for n in range(13):  # thirteen authors of one article each: the first eleven by name join her
        make_article(f"Trade {n}", authors=[make_author(f"Author {chr(97 + n)}")], themes=[trade], index=index)
    response = client.get("/")
    assert [(a.name, a.n) for a in response.context["authors"]] == [("Zoe Prolific", 3)] + [
        (f"Author {chr(97 + n)}", 1) for n in range(11)]
    assert [(t.name, t.n) for t in response.context["themes"]] == [("Trade Policy", 13), ("Arctic Affairs", 3)]
    assert '<a href="/themes/trade-policy/">Trade Policy <span class="count">13</span></a>' in response.content.decode()
    assert response.context["counts"]["themes"] == 2


def test_it_lists_a_sources_articles_with_their_count(client, db):
    source = make_source("Carnegie Endowment", homepage="https://carnegieendowment.org/")
    make_article("Northern routes", source=source)
    make_article("Elsewhere")
    response = client.get("/sources/carnegie-endowment/")
    assert [a.title for a in response.context["page"]] == ["Northern routes"]
    assert "1 article" in response.content.decode() and 'href="https://carnegieendowment.org/"' in response.content.decode()


def test_it_lists_sources_with_their_counts(client, db):
    make_article("Northern routes", source=make_source("Carnegie Endowment"))
    assert '<a href="/sources/carnegie-endowment/">Carnegie Endowment</a></td><td>1</td>' in html_of(client, "/sources/")


def test_it_lists_a_themes_articles_with_their_count(client, db):
    arctic = Theme.objects.create(name="Arctic Affairs", description="The far north.")
    make_article("Northern routes", themes=[arctic])
    response = client.get("/themes/arctic-affairs/")
    assert [a.title for a in response.context["page"]] == ["Northern routes"]
    assert "1 article" in response.content.decode() and "The far north." in response.content.decode()


def test_it_lists_themes_with_their_counts(client, db):
    make_article("Northern routes", themes=[Theme.objects.create(name="Arctic Affairs")])
    html = html_of(client, "/themes/")
    assert '<a href="/themes/arctic-affairs/">Arctic Affairs</a></h2><p class="count-line">1 article</p>' in html


def test_it_lists_a_years_articles_with_their_count(client, db):
    make_article("Northern routes", date=datetime.date(2019, 5, 1))
    make_article("Polar ice", date=datetime.date(2020, 5, 1))
    response = client.get("/years/2019/")
    assert [a.title for a in response.context["page"]] == ["Northern routes"]
    assert "1 article" in response.content.decode()


def test_it_shows_a_year_of_fewer_than_four_digits_wherever_years_are_linked(client, db):
    # Not from the admin, which takes such a date for a typo, but a manifest or a shell may store one.
    make_article("An old treaty", date=datetime.date(999, 6, 1))
    make_article("Northern routes", date=datetime.date(2019, 5, 1))
    for url in ("/", "/years/"):
        assert '<a href="/years/999/">999' in html_of(client, url)
    assert "An old treaty" in html_of(client, "/years/999/")
    assert client.get("/years/0/").status_code == 404


def test_it_lists_undated_articles_on_their_own_page(client, db):
    make_article("Undated notes", date=None)
    assert "Undated notes" in html_of(client, "/years/unknown/")


@pytest.fixture
def years(db):
    arctic = Theme.objects.create(name="Arctic Affairs")
    for year, n in ((2018, 1), (2019, 4), (2021, 2)):
        for i in range(n):
            make_article(f"A {year} {i}", date=datetime.date(year, 1, 1), themes=[arctic] if i == 0 else [],
                         index=False)
    make_article("Undated", date=None, index=False)


def test_it_charts_articles_per_year(client, years):
    html = html_of(client, "/years/")
    assert '<a href="/years/2019/">2019</a></th>\n        <td><span class="bar" style="width: 100.0%"></span><span class="n">4</span>' in html
    assert '<span class="bar" style="width: 50.0%"></span><span class="n">2</span>' in html


def test_it_charts_undated_articles_apart(client, years):
    assert '<a href="/years/unknown/">Undated</a>' in html_of(client, "/years/")


def test_it_draws_the_chart_without_javascript(client, years):
    assert "<script" not in html_of(client, "/years/")


def test_it_charts_one_theme_per_year(client, years):
    response = client.get("/years/", {"theme": "arctic-affairs"})
    assert [(r["year"], r["n"]) for r in response.context["chart"]["rows"]] == [(2018, 1), (2019, 1), (2021, 1)]


def test_it_charts_a_themes_years_on_its_page(client, years):
    response = client.get("/themes/arctic-affairs/")
    assert [(r["year"], r["n"]) for r in response.context["chart"]["rows"]] == [(2018, 1), (2019, 1), (2021, 1)]


def test_it_lists_articles_with_their_bylines_and_themes_in_one_query(db, django_assert_num_queries):
    from archive.models import Article

    first, second = make_author("Zoe Adams"), make_author("Anna Brown")
    arctic, trade = Theme.objects.create(name="Arctic Affairs"), Theme.objects.create(name="Trade Policy")
    article = make_article("Two bylines", authors=[first, second], themes=[trade, arctic], index=False)
    make_article("No byline", index=False)
    with django_assert_num_queries(2):  # the articles (with their sources); the bylines and themes
        listed = {a.title: a for a in Article.objects.listed()}
    assert [a.name for a in listed["Two bylines"].ordered_authors] == ["Zoe Adams", "Anna Brown"]
    assert [t.name for t in listed["Two bylines"].theme_list] == ["Arctic Affairs", "Trade Policy"]
    assert listed["No byline"].ordered_authors == [] and listed["No byline"].theme_list == []
    # The related managers still ask the database: nothing stale or partial behind them.
    assert set(listed["Two bylines"].themes.filter(slug="trade-policy")) == {trade}
    assert article.theme_list == [arctic, trade]


def test_it_lists_the_bylines_and_themes_of_hundreds_of_articles(db):
    from archive.models import Article

    author, arctic = make_author("Zoe Adams"), Theme.objects.create(name="Arctic Affairs")
    for n in range(401):  # more than one batch of the bylines' query
        make_article(f"Piece {n}", authors=[author], themes=[arctic], index=False)
    listed = list(Article.objects.listed())
    assert len(listed) == 401
    assert all([a.name for a in x.ordered_authors] == ["Zoe Adams"] and x.theme_list == [arctic] for x in listed)
