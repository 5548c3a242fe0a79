"""Facets on browse and search: counts, narrowing (AND across facets, OR within one), removable filters, year range."""

import datetime
from urllib.parse import urlencode

import pytest

from archive.models import Theme
from tests.factories import make_article, make_author, make_source


@pytest.fixture
def corpus(db):
    arctic, trade = Theme.objects.create(name="Arctic Affairs"), Theme.objects.create(name="Trade Policy")
    ivanov, smith = make_author("Igor Ivanov"), make_author("Jane Smith")
    times, carnegie = make_source("Moscow Times"), make_source("Carnegie Endowment")
    make_article("Gas one", authors=[ivanov], source=times, themes=[arctic], date=datetime.date(2018, 1, 1))
    make_article("Gas two", authors=[smith], source=carnegie, themes=[trade], date=datetime.date(2020, 1, 1))
    make_article("Gas three", authors=[ivanov, smith], source=carnegie, themes=[arctic, trade],
                 date=datetime.date(2020, 6, 1))
    make_article("Gas four", authors=[smith], source=times, date=None)


def titles(response):
    context = response.context
    items = [h.article for h in context["result"].hits] if "result" in context else list(context["page"])
    return sorted(a.title for a in items)


def counts(response, dimension):
    return {item.value: item.count for group in response.context["groups"] if group.name == dimension
            for item in group.items}


SEARCH, BROWSE = ("/search/", {"q": "gas"}), ("/articles/", {})


@pytest.mark.parametrize("url, base", [SEARCH, BROWSE])
@pytest.mark.parametrize("dimension, expected", [
    ("author", {"igor-ivanov": 2, "jane-smith": 3}),
    ("year", {"2018": 1, "2020": 2, "unknown": 1}),
    ("theme", {"arctic-affairs": 2, "trade-policy": 2}),
    ("source", {"moscow-times": 2, "carnegie-endowment": 2}),
])
def test_it_counts_each_facet(client, corpus, url, base, dimension, expected):
    assert counts(client.get(url, base), dimension) == expected


@pytest.mark.parametrize("url, base", [SEARCH, BROWSE])
def test_it_narrows_by_values_of_two_facets(client, corpus, url, base):
    response = client.get(url, {**base, "author": "igor-ivanov", "theme": "trade-policy"})
    assert titles(response) == ["Gas three"]


@pytest.mark.parametrize("url, base", [SEARCH, BROWSE])
def test_it_widens_with_two_values_of_one_facet(client, corpus, url, base):
    response = client.get(url, {**base, "year": ["2018", "unknown"]})
    assert titles(response) == ["Gas four", "Gas one"]


@pytest.mark.parametrize("url, base", [SEARCH, BROWSE])
def test_it_counts_a_facet_in_use_without_its_own_filter(client, corpus, url, base):
    response = client.get(url, {**base, "source": "moscow-times"})
    assert counts(response, "source") == {"moscow-times": 2, "carnegie-endowment": 2}
    assert counts(response, "author") == {"igor-ivanov": 1, "jane-smith": 1}


@pytest.mark.parametrize("url, base", [SEARCH, BROWSE])
def test_it_limits_to_a_year_range(client, corpus, url, base):
    assert titles(client.get(url, {**base, "from": "2019", "to": "2020"})) == ["Gas three", "Gas two"]


@pytest.mark.parametrize("url, base", [SEARCH, BROWSE])
def test_it_reads_a_reversed_year_range_in_order(client, corpus, url, base):
    assert titles(client.get(url, {**base, "from": "2020", "to": "2019"})) == ["Gas three", "Gas two"]


@pytest.mark.parametrize("url, base", [SEARCH, BROWSE])
def test_it_limits_to_years_from_one_on(client, corpus, url, base):
    assert titles(client.get(url, {**base, "from": "2019"})) == ["Gas three", "Gas two"]


@pytest.mark.parametrize("url, base", [SEARCH, BROWSE])
def test_it_ignores_a_malformed_year_range(client, corpus, url, base):
    response = client.get(url, {**base, "from": "last year", "to": "99999"})
    assert len(titles(response)) == 4


def test_it_shows_each_filter_in_use_with_a_link_that_removes_it(client, corpus):
    html = client.get("/search/", {"q": "gas", "author": "igor-ivanov", "theme": "arctic-affairs"}).content.decode()
    assert 'href="?q=gas&amp;theme=arctic-affairs" aria-label="Remove filter Author: Igor Ivanov"' in html
    assert 'href="?q=gas&amp;author=igor-ivanov" aria-label="Remove filter Theme: Arctic Affairs"' in html


def test_it_shows_a_year_range_as_removable_filters(client, corpus):
    html = client.get("/articles/", {"from": "2019", "to": "2020"}).content.decode()
    assert 'href="?to=2020" aria-label="Remove filter From: 2019"' in html


def test_it_keeps_the_whole_state_in_facet_links(client, corpus):
    html = client.get("/search/", {"q": "gas", "sort": "oldest", "from": "2010", "source": "moscow-times"}).content.decode()
    assert 'href="?q=gas&amp;author=igor-ivanov&amp;source=moscow-times&amp;from=2010&amp;sort=oldest"' in html


def test_it_drops_the_page_when_a_filter_changes(client, corpus):
    html = client.get("/articles/", {"page": "1", "theme": "arctic-affairs"}).content.decode()
    assert "page=" not in html.split('aria-label="Refine"')[1].split("</aside>")[0]


def test_it_labels_undated_articles_in_the_year_facet(client, corpus):
    assert "Undated</a>" in client.get("/articles/").content.decode()


def test_it_ignores_filter_values_that_are_not_slugs(client, corpus):
    response = client.get("/articles/", {"author": "<script>", "year": "20x8"})
    assert response.status_code == 200 and len(titles(response)) == 4


def test_it_keeps_a_selected_value_that_matches_nothing_removable(client, corpus):
    response = client.get("/search/", {"q": "gas", "author": "nobody-at-all"})
    assert titles(response) == [] and counts(response, "author").get("nobody-at-all") == 0


@pytest.fixture
def varied(db):
    """Thirty articles over four authors, three themes, three sources (and none) and five years (and undated)."""
    import random

    rng = random.Random(5)
    themes = [Theme.objects.create(name=n) for n in ("Arctic Affairs", "Trade Policy", "Energy Security")]
    authors = [make_author(n) for n in ("Igor Ivanov", "Jane Smith", "Olga Petrova", "Li Wei")]
    sources = [make_source(n) for n in ("Moscow Times", "Carnegie Endowment", "Valdai Club")] + [None]
    years = [2001, 2005, 2010, 2015, 2020, None]
    for n in range(30):
        year = rng.choice(years)
        make_article(f"Varied {n}", authors=rng.sample(authors, rng.randint(0, 2)),
                     themes=rng.sample(themes, rng.randint(0, 2)), source=rng.choice(sources),
                     date=datetime.date(year, 3, 1) if year else None)


@pytest.mark.parametrize("filters", [
    {},
    {"author": ["igor-ivanov"]},
    {"author": ["igor-ivanov", "li-wei"], "theme": ["trade-policy"]},
    {"theme": ["arctic-affairs", "energy-security"], "source": ["valdai-club"]},
    {"year": [2010, "unknown"], "source": ["moscow-times", "carnegie-endowment"]},
    {"start": 2004, "end": 2016},
    {"start": 2011, "theme": ["energy-security"], "author": ["olga-petrova"]},
    {"end": 2009, "year": [2005]},
])
def test_it_counts_a_browse_on_the_index_as_the_database_does(varied, filters):
    from archive.facets import counts, database_counts
    from archive.forms import BrowseForm

    state = {**BrowseForm().state(), **filters}
    on_index, in_database = counts(state), database_counts(state)
    # (Years are listed in the database's order; pages sort them.)
    on_index["year"], in_database["year"] = sorted(on_index["year"]), sorted(in_database["year"])
    assert on_index == in_database


@pytest.mark.parametrize("filters", [
    {},
    {"theme": ["arctic-affairs"]},
    {"year": [2010, "unknown"], "source": ["moscow-times", "carnegie-endowment"]},
    {"start": 2011, "theme": ["energy-security"], "author": ["olga-petrova"]},
    {"end": 2009, "year": [2005]},
])
def test_it_counts_the_articles_of_a_browse_on_the_index_as_the_database_does(varied, filters):
    from archive.facets import filtered, total
    from archive.forms import BrowseForm

    state = {**BrowseForm().state(), **filters}
    assert total(state) == filtered(state).count()


@pytest.mark.parametrize("filters", [
    {"theme": ["arctic-affairs"]},
    {"author": ["igor-ivanov", "li-wei"], "theme": ["trade-policy"]},
    {"start": 2004, "end": 2016, "theme": ["energy-security"], "source": ["moscow-times"]},
    {"year": [2010, "unknown"], "author": ["jane-smith", "igor-ivanov", "olga-petrova"]},
])
def test_it_lists_the_same_articles_in_the_same_order_probing_or_listing_links(varied, filters):
    from archive.facets import filtered
    from archive.forms import BrowseForm

    state = {**BrowseForm().state(), **filters}
    listed = list(filtered(state).newest_first().values_list("pk", flat=True))
    probed = list(filtered(state, probe={"author", "theme"}).newest_first().values_list("pk", flat=True))
    assert probed == listed and listed


def test_it_probes_the_authors_and_themes_most_articles_have(db):
    from archive.facets import PROBE_SHARE, widespread

    common, rare = Theme.objects.create(name="Common"), Theme.objects.create(name="Rare")
    author = make_author("Ann Often")
    for n in range(40):
        make_article(f"Note {n}", themes=[common] + ([rare] if n == 0 else []), authors=[author] if n < 30 else [])
    assert 1 / 40 < PROBE_SHARE
    state = {"author": ["ann-often"], "theme": ["rare"]}
    assert widespread(state) == {"author"}
    assert widespread({"theme": ["common", "rare"]}) == {"theme"}


def test_it_lists_every_article_when_the_index_holds_fewer_than_the_database(client, varied):
    # Two articles saved but not (yet) indexed: the index's count would cut the list short.
    make_article("Unindexed one", date=datetime.date(2030, 1, 1), index=False)
    make_article("Unindexed two", date=datetime.date(2030, 1, 2), index=False)
    response = client.get("/articles/")
    assert response.context["page"].paginator.count == 32
    assert {"Unindexed one", "Unindexed two"} <= set(titles(response))


def test_it_drops_years_not_written_as_the_index_writes_them(client, varied):
    from django.http import QueryDict

    from archive.forms import BrowseForm

    query = QueryDict("year=%D9%A2%D9%A0%D9%A1%D9%A0&year=0999&year=2010&year=unknown")  # ٢٠١٠ in Arabic-Indic digits
    assert BrowseForm(query).state()["year"] == ["2010", "unknown"]
    response = client.get("/articles/", {"year": ["٢٠١٠"]})
    assert response.context["page"].paginator.count == 30  # no filter at all, not an empty list


def test_it_shows_the_number_of_articles_the_database_lists_where_the_backend_cannot_count(
    client, corpus, monkeypatch
):
    from archive.search.backend import ArchiveWhooshBackend

    monkeypatch.delattr(ArchiveWhooshBackend, "browse_counts")
    response = client.get("/articles/", {"theme": "arctic-affairs"})
    assert response.context["page"].paginator.count == 2


def test_it_counts_a_browse_in_the_database_where_the_backend_cannot(client, corpus, monkeypatch):
    from archive.search.backend import ArchiveWhooshBackend

    monkeypatch.delattr(ArchiveWhooshBackend, "browse_counts")
    response = client.get("/articles/", {"theme": "arctic-affairs"})
    assert counts(response, "author") == {"igor-ivanov": 2, "jane-smith": 1}
    assert counts(response, "theme") == {"arctic-affairs": 2, "trade-policy": 2}
    assert counts(response, "source") == {"moscow-times": 1, "carnegie-endowment": 1}


def test_it_stops_counting_an_article_deleted_in_the_admin_on_browse(admin_client, corpus):
    from archive.models import Article

    article = Article.objects.get(title="Gas two")
    admin_client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})
    assert counts(admin_client.get("/articles/"), "author") == {"igor-ivanov": 2, "jane-smith": 2}


@pytest.mark.parametrize("filters", [
    {},
    {"theme": ["trade-policy"]},
    {"author": ["igor-ivanov", "li-wei"], "year": [2010, "unknown"]},
])
def test_it_counts_the_collection_on_the_index_as_the_database_does(varied, filters, monkeypatch):
    from archive import facets
    from archive.forms import BrowseForm

    in_database = facets.database_counts({**BrowseForm().state(), **filters}, limit=None)
    expected = {d: sorted(pairs, key=lambda p: (-p[1], p[0])) for d, pairs in in_database.items()}

    def not_the_database(*args, **kwargs):
        raise AssertionError("counted in the database while the index holds every article")

    monkeypatch.setattr(facets, "database_counts", not_the_database)
    assert facets.collection_counts(filters) == expected


def test_it_counts_the_collection_in_the_database_while_the_index_is_behind(varied):
    from django.core.management import call_command

    from archive.facets import collection_counts

    expected = collection_counts({"theme": ["trade-policy"]})
    call_command("clear_index", interactive=False, verbosity=0)
    assert collection_counts({"theme": ["trade-policy"]}) == expected


@pytest.mark.parametrize("index", [True, False])
def test_it_counts_every_author_of_the_collection(db, index):
    from archive.facets import collection_counts

    for n in range(30):
        make_article(f"Solo {n}", authors=[make_author(f"Writer Number{n:02d}")], index=index)
    counted = collection_counts()["author"]
    assert len(counted) == 30 and {n for _, n in counted} == {1}


def _reference_link(state, dimension, value):
    """The query string of state with value toggled in dimension, the page dropped: urlencode of
    every parameter in the page's order of keys."""
    merged = {**state, dimension: [v for v in state.get(dimension) or []]}
    if value in merged[dimension]:
        merged[dimension].remove(value)
    else:
        merged[dimension].append(value)
    params = []
    for key in ("q", "author", "theme", "source", "year", "start", "end", "sort"):
        value_of = merged.get(key)
        if value_of in (None, "", []):
            continue
        for item in value_of if isinstance(value_of, list) else [value_of]:
            params.append(({"start": "from", "end": "to"}.get(key, key), item))
    return "?" + urlencode(params) if params else "?"


def test_it_links_each_facet_value_as_urlencode_does():
    import random

    from archive.facets import DIMENSIONS, toggled, toggler

    rng = random.Random(7)
    values = {"author": ["igor-ivanov", "li wei", "é-x", "a&b"], "theme": ["arctic", "trade/policy"],
              "source": ["s1", "s 2"], "year": ["2010", "unknown", 2011]}
    checked = 0
    for _ in range(300):
        state = {"q": rng.choice([None, "", "gas pipes", "ü&=?"]), "sort": rng.choice([None, "oldest"]),
                 "page": rng.choice([None, 1, 4]), "start": rng.choice([None, 2001]), "end": rng.choice([None, 2019])}
        for dimension, choices in values.items():
            state[dimension] = rng.sample(choices, rng.randint(0, len(choices))) + ([choices[0]] if rng.random() < 0.1 else [])
        for dimension in DIMENSIONS:
            link = toggler(state, dimension)
            for value in values[dimension] + ["new"]:
                expected = _reference_link(state, dimension, value)
                assert link(value) == expected == toggled(state, dimension, value)
                checked += 1
    assert checked == 300 * (4 + 2 + 2 + 3 + 4)


def test_it_labels_every_dimension_in_one_query(corpus, django_assert_num_queries):
    from archive.facets import labels_for

    with django_assert_num_queries(1):
        labels = labels_for({"author": ["igor-ivanov", "no-such-author"], "theme": ["trade-policy"], "source": [],
                             "year": ["2018", "unknown"]})
    assert labels == {"author": {"igor-ivanov": "Igor Ivanov"}, "theme": {"trade-policy": "Trade Policy"},
                      "source": {}, "year": {"2018": "2018", "unknown": "Undated"}}


def test_it_labels_filters_of_values_no_facet_shows(corpus):
    from archive.facets import active_filters

    state = {"author": ["igor-ivanov", "no-such-author"], "theme": ["trade-policy"]}
    assert [(label, value) for label, value, _ in active_filters(state)] == [
        ("Author", "Igor Ivanov"), ("Author", "no-such-author"), ("Theme", "Trade Policy")]


def test_it_shows_a_selected_value_beyond_the_top_of_its_facet(client, corpus):
    prolific = [make_author(f"Prolific Writer{n}") for n in range(13)]
    for n in range(3):
        make_article(f"Gas by many {n}", authors=prolific)  # thirteen authors of three articles each, Igor Ivanov of two
    response = client.get("/articles/", {"author": "igor-ivanov"})
    authors = [group for group in response.context["groups"] if group.name == "author"][0]
    assert [(i.value, i.label, i.count, i.selected) for i in authors.items][12:] == [("igor-ivanov", "Igor Ivanov", 2, True)]
