"""Every public page of the foundation: it renders from the real database and index, and 404s look like the site."""

from html import unescape

import pytest

from archive.models import Article


@pytest.mark.parametrize(
    "url",
    ["/", "/articles/", "/articles/?author=igor-ivanov&year=2018", "/articles/?year=unknown", "/authors/",
     "/authors/igor-ivanov/", "/sources/", "/sources/the-moscow-times/", "/themes/", "/themes/un-and-multilateralism/",
     "/years/", "/years/2018/", "/years/unknown/", "/search/?q=multipolar", "/admin/login/"],
)
def test_it_serves_every_page(client, seeds, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"Traceback" not in response.content


def test_it_shows_the_article_with_its_metadata(client, seed_article):
    article = seed_article("000")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "This Is What Russia&#x27;s Foreign Policy Should Look Like" in html
    assert 'href="/authors/igor-ivanov/"' in html
    assert "27 March 2018" in html
    assert 'href="https://www.themoscowtimes.com/2018/03/27/russias-post-election-foreign-policy-igor-ivanov-opinion-a60953"' in html
    assert 'id="p1"' in html


def test_it_lists_the_authors_articles(client, seeds):
    html = client.get("/authors/igor-ivanov/").content.decode()
    assert "2 articles" in html
    assert "This Is What Russia's Foreign Policy Should Look Like" in unescape(html)


def test_it_shows_counts_on_the_home_page(client, seeds):
    html = client.get("/").content.decode()
    assert "5 articles by 2 authors from 2 sources" in html


def test_it_combines_browse_filters(client, seeds):
    response = client.get("/articles/?author=igor-ivanov&year=unknown")
    assert [a.capture_file[:3] for a in response.context["page"]] == ["001"]


def test_it_browses_newest_first(client, seeds):
    response = client.get("/articles/")
    years = [a.year for a in response.context["page"]]
    assert years == [2023, 2021, 2018, None, None]


def test_it_searches_through_the_index(client, seeds):
    response = client.get("/search/?q=multilateralism")
    assert response.context["result"].total >= 1
    assert "<mark>" in response.content.decode()


@pytest.mark.parametrize("url", ["/articles/no-such-article/", "/authors/nobody/", "/themes/none/", "/sources/none/",
                                 "/years/1066/", "/no/such/page/"])
def test_it_answers_unknown_pages_with_the_sites_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"Foreign Policy Archive" in response.content and b"Not found" in response.content


def test_it_does_not_show_a_traceback_on_a_hostile_query(client, seeds):
    response = client.get("/search/", {"q": '"((( AND OR NOT *foo \x00 ' + "x" * 5000})
    assert response.status_code == 200


def test_it_hides_contact_lines_of_the_capture(client, seed_article):
    html = client.get(seed_article("002").get_absolute_url()).content.decode()
    assert "Malaya Ordynka" not in html and "772-9590" not in html


def test_it_reindexes_after_an_admin_save(admin_client, seeds):
    from haystack.query import SearchQuerySet

    article = Article.objects.get(capture_file__startswith="004")
    article.title = "Zanzibarian Multilateralism"
    article.save()
    article.reindex()
    assert SearchQuerySet().models(Article).filter(content="zanzibarian").count() == 1


def test_it_counts_search_facets_over_all_matches(client, seeds):
    response = client.get("/search/", {"q": "Russia"})
    result = response.context["result"]
    assert result.total == 5
    assert dict(result.counts["year"]) == {"2018": 1, "2021": 1, "2023": 1, "unknown": 2}
    assert dict(result.counts["author"]) == {"igor-ivanov": 2, "timofei-v-bordachev": 1}


def test_it_narrows_search_by_facets(client, seeds):
    response = client.get("/search/", {"q": "Russia", "author": "igor-ivanov", "year": "unknown"})
    result = response.context["result"]
    assert [h.article.capture_file[:3] for h in result.hits] == ["001"]
    assert result.total == 1


def test_it_limits_search_to_a_year_range(client, seeds):
    response = client.get("/search/", {"q": "Russia", "from": "2019", "to": "2023"})
    years = sorted(h.article.year for h in response.context["result"].hits)
    assert years == [2021, 2023]


def test_it_links_records_as_reverse_does(db):
    from django.urls import reverse

    from tests.factories import make_article, make_author, make_source

    author, source = make_author("Igor Ivanov"), make_source("Moscow Times")
    article = make_article("Gas and pipes", authors=[author], source=source)
    assert article.get_absolute_url() == reverse("article_detail", args=[article.slug])
    assert author.get_absolute_url() == reverse("author_detail", args=[author.slug])
    assert source.get_absolute_url() == reverse("source_detail", args=[source.slug])


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
def test_it_links_a_listings_records_as_reverse_does(db, prefix):
    from django.urls import reverse, set_script_prefix

    from archive.models import Article, Theme
    from tests.factories import make_article, make_author, make_source

    arctic = Theme.objects.create(name="Arctic Affairs")
    make_article("Gas and pipes", authors=[make_author("Igor Ivanov"), make_author("Li Wei")],
                 source=make_source("Moscow Times"), themes=[arctic])
    make_article("Ice roads", authors=[make_author("Jane Smith")], themes=[arctic])
    set_script_prefix(prefix)
    try:
        listed = list(Article.objects.listed())
        links = [(r.get_absolute_url(), reverse(f"{kind}_detail", args=[r.slug]))
                 for a in listed
                 for kind, r in [("article", a), ("source", a.source)] + [("author", x) for x in a.ordered_authors]
                 + [("theme", t) for t in a.theme_list] if r is not None]
    finally:
        set_script_prefix("/")
    assert len(links) == 2 + 1 + 3 + 2
    assert all(url == expected and url.startswith(prefix) for url, expected in links)


def test_it_links_records_under_the_script_prefix(db):
    from django.urls import set_script_prefix

    from tests.factories import make_author

    author = make_author("Igor Ivanov")
    set_script_prefix("/archive/")
    try:
        assert author.get_absolute_url() == f"/archive/authors/{author.slug}/"
    finally:
        set_script_prefix("/")


HOSTILE = '<script>alert("x")</script>'


@pytest.mark.parametrize("url", ["/", "/articles/", "/search/?q=sanctions", "/themes/hostile/", "/authors/hostile/"])
def test_it_escapes_records_in_listings_and_facets(client, db, url):
    from archive.models import Theme
    from tests.factories import make_article, make_author, make_source

    make_article(f"Title {HOSTILE}", authors=[make_author(f"Author {HOSTILE}", slug="hostile")],
                 source=make_source(f"Source {HOSTILE}"), themes=[Theme.objects.create(name=f"Theme {HOSTILE}", slug="hostile")])
    html = client.get(url).content.decode()
    assert "<script" not in html
    shown = unescape(html)
    assert f"Title {HOSTILE}" in shown and f"Author {HOSTILE}" in shown
    if url not in ("/", "/authors/hostile/"):
        assert f"Source {HOSTILE}" in shown and f"Theme {HOSTILE}" in shown


@pytest.mark.parametrize("url, message", [
    ("/", "The archive is empty."), ("/articles/?year=1990", "No articles match these filters."),
    ("/search/?q=sanctions", "Nothing found."),
])
def test_it_says_so_when_a_listing_is_empty(client, db, url, message):
    html = client.get(url).content.decode()
    assert message in html and 'class="item"' not in html


def test_it_tells_crawlers_to_keep_out_of_search_and_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    rules = response.content.decode().splitlines()
    assert "Disallow: /admin/" in rules and "Disallow: /search/" in rules


def test_it_names_the_sites_icon(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/archive/icon.svg' in html
