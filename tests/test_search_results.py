"""Search results: snippets, what each result shows, sorting, pagination, 'did you mean' and browse."""

import datetime

import pytest

from archive.models import Theme
from archive.search.indexing import update_articles
from tests.factories import make_article, make_author, make_source


def para(text):
    return [{"type": "paragraph", "text": text}]


def titles(response):
    return [hit.article.title for hit in response.context["result"].hits]


def test_it_marks_the_words_searched_in_the_snippet(client, db):
    make_article("Notes", body=para("Long before the talks, Western sanctions on gas were debated at length."))
    html = client.get("/search/", {"q": "sanction"}).content.decode()
    assert "Western <mark>sanctions</mark> on gas" in html


def test_it_escapes_the_text_of_a_snippet(client, db):
    make_article("Notes", body=para("The <script>alert('x')</script> sanctions & <b>tariffs</b> debate."))
    html = client.get("/search/", {"q": "sanctions"}).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>sanctions</mark> &amp; &lt;b&gt;tariffs" in html


def test_it_escapes_a_snippet_without_matches_in_the_body(client, db):
    make_article("Sanctions notes", body=para("<img src=x onerror=alert(1)> about trade."))
    html = client.get("/search/", {"q": "sanctions"}).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html


def test_it_escapes_the_query_it_shows(client, db):
    html = client.get("/search/", {"q": "<b>bold</b>"}).content.decode()
    assert "<b>bold" not in html and "&lt;b&gt;bold" in html


def test_it_shows_title_authors_source_date_and_themes_of_a_result(client, db):
    arctic = Theme.objects.create(name="Arctic Affairs")
    make_article("Northern routes", authors=[make_author("Jane Smith")], source=make_source("Carnegie Endowment"),
                 themes=[arctic], date=datetime.date(2019, 3, 1), date_precision="month")
    html = client.get("/search/", {"q": "northern"}).content.decode()
    for part in ("Northern routes", 'href="/authors/jane-smith/">Jane Smith', 'href="/sources/carnegie-endowment/">',
                 "March 2019", 'href="/themes/arctic-affairs/">Arctic Affairs'):
        assert part in html


def test_it_sorts_by_relevance_by_default(client, db):
    make_article("Trade notes", date=datetime.date(2022, 1, 1), body=para("Gas, among other things."))
    make_article("Gas and gas", date=datetime.date(2010, 1, 1), body=para("Gas pipelines and gas prices."))
    assert titles(client.get("/search/", {"q": "gas"})) == ["Gas and gas", "Trade notes"]


def dated_corpus():
    for year in (2015, 2021, 2018):
        make_article(f"Gas in {year}", date=datetime.date(year, 1, 1))
    make_article("Gas undated", date=None)


def test_it_sorts_newest_first(client, db):
    dated_corpus()
    assert titles(client.get("/search/", {"q": "gas", "sort": "newest"})) == [
        "Gas in 2021", "Gas in 2018", "Gas in 2015", "Gas undated"]


def test_it_sorts_oldest_first(client, db):
    dated_corpus()
    assert titles(client.get("/search/", {"q": "gas", "sort": "oldest"})) == [
        "Gas in 2015", "Gas in 2018", "Gas in 2021", "Gas undated"]


def test_it_ignores_an_unknown_sort(client, db):
    dated_corpus()
    assert client.get("/search/", {"q": "gas", "sort": "random"}).status_code == 200


def many(n):
    ids = [make_article(f"Gas report {i}", index=False).pk for i in range(n)]
    update_articles(ids)


def test_it_shows_the_result_count(client, db):
    many(25)
    html = client.get("/search/", {"q": "gas"}).content.decode()
    assert "25 results" in html and "Page 1 of 2" in html


def test_it_shows_the_second_page(client, db):
    many(25)
    response = client.get("/search/", {"q": "gas", "page": "2"})
    assert len(titles(response)) == 5 and "Page 2 of 2" in response.content.decode()


def test_it_links_to_the_next_page_keeping_the_query(client, db):
    many(25)
    html = client.get("/search/", {"q": "gas", "sort": "oldest"}).content.decode()
    assert 'href="?q=gas&amp;sort=oldest&amp;page=2"' in html


def test_it_sends_a_page_past_the_end_to_the_last_page(client, db):
    many(25)
    response = client.get("/search/", {"q": "gas", "sort": "oldest", "page": "99"})
    assert response.status_code == 302 and response["Location"] == "/search/?q=gas&sort=oldest&page=2"
    response = client.get("/search/", {"q": "nothingatall", "page": "3"})
    assert response.status_code == 302 and response["Location"] == "/search/?q=nothingatall"


def test_it_sends_a_browse_page_past_the_end_to_the_last_page(client, db):
    many(25)
    response = client.get("/articles/", {"sort": "oldest", "page": "99"})
    assert response.status_code == 302 and response["Location"] == "/articles/?sort=oldest&page=2"
    assert client.get("/articles/", {"page": "2"}).status_code == 200


def test_it_offers_a_better_spelling_when_nothing_is_found(client, db):
    make_article("The multipolar order", body=para("A multipolar world of many powers."))
    response = client.get("/search/", {"q": "multipolr wrld"})
    assert response.context["result"].suggestion == "multipolar world"
    assert 'Did you mean <a href="?q=multipolar+world">multipolar world</a>' in response.content.decode()


def test_it_offers_no_spelling_when_the_query_finds_enough(client, db):
    many(5)
    assert client.get("/search/", {"q": "gas"}).context["result"].suggestion == ""


def test_it_keeps_the_filters_in_the_suggestion(client, db):
    make_article("The multipolar order", body=para("A multipolar world of many powers."), date=datetime.date(2020, 1, 1))
    html = client.get("/search/", {"q": "multipolr", "year": "2020"}).content.decode()
    assert 'href="?q=multipolar&amp;year=2020"' in html


def test_it_shows_browse_for_an_empty_query(client, db):
    make_article("Gas report")
    response = client.get("/search/", {"q": "  "})
    assert "archive/article_list.html" in [t.name for t in response.templates]
    assert "Gas report" in response.content.decode()


def test_it_shows_browse_without_a_query(client, db):
    response = client.get("/search/")
    assert "archive/article_list.html" in [t.name for t in response.templates]


def test_it_reads_each_page_of_results_in_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    many(20)
    with django_assert_max_num_queries(12):
        client.get("/search/", {"q": "gas"})


@pytest.mark.parametrize("text", [
    "Security, SECURITY and security-minded insecurity; 'security' (security) security_x security’s security.",
    "İstanbul: security, Security and security-minded İ states’ security.",  # "İ" lower-cases to two characters
])
def test_it_marks_whole_words_only_whatever_their_case(text):
    import re

    from archive.search.highlight import _occurrences

    expected = [m.span() for m in re.finditer(r"(?<![\w’'-])security(?![\w’'-])", text, re.IGNORECASE)]
    assert _occurrences(text, {"security"}) == expected and len(expected) >= 3
