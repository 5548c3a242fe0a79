"""An article's citation on its page, and as BibTeX and RIS files for reference managers."""

import datetime
import re

import pytest

from archive.citing import family_first, reference
from tests.factories import make_article, make_author, make_source


@pytest.mark.parametrize("name, inverted", [
    ("Igor Ivanov", "Ivanov, Igor"),
    ("Timofei V. Bordachev", "Bordachev, Timofei V."),
    ("Ludwig van Beethoven", "van Beethoven, Ludwig"),
    ("Martin Luther King Jr.", "King, Martin Luther, Jr."),
    ("Plato", "Plato"),
])
def test_it_writes_a_name_family_name_first(name, inverted):
    assert family_first(name) == inverted


def text_of(html):
    return re.sub(r"<[^>]+>", "", str(html))


@pytest.fixture
def source(db):
    return make_source("The Moscow Times")


def test_it_cites_one_author_family_name_first(source):
    article = make_article("A Rivalry Managed", authors=[make_author("Igor Ivanov")], source=source,
                           date=datetime.date(2018, 3, 27), url="https://example.org/a", index=False)
    assert text_of(reference(article, article.ordered_authors)) == (
        "Ivanov, Igor. “A Rivalry Managed.” The Moscow Times, 27 March 2018. https://example.org/a")


def test_it_cites_two_and_three_authors_as_a_bibliography_does(db):
    people = [make_author("Igor Ivanov"), make_author("Jane Smith"), make_author("John Doe")]
    two = make_article("Two", authors=people[:2], index=False)
    three = make_article("Three", authors=people, index=False)
    assert text_of(reference(two, two.ordered_authors)).startswith("Ivanov, Igor, and Jane Smith. “Two.”")
    assert text_of(reference(three, three.ordered_authors)).startswith("Ivanov, Igor, Jane Smith, and John Doe. ")


def test_it_cites_an_undated_article_with_one_full_stop(db):
    article = make_article("Notes", date=None, index=False)
    assert text_of(reference(article, [])) == "“Notes.” n.d."


def test_it_says_a_date_is_of_the_last_modification(source):
    article = make_article("Russia - Foreign Relations", source=source, date=datetime.date(2021, 2, 16),
                           date_kind="last modified", index=False)
    assert text_of(reference(article, [])) == (
        "“Russia - Foreign Relations.” The Moscow Times. Last modified 16 February 2021.")


def test_it_keeps_a_titles_own_question_mark(db):
    article = make_article("What Comes Next?", index=False)
    assert "“What Comes Next?” " in text_of(reference(article, []))


def test_it_shows_the_reference_and_the_files_on_the_article_page(client, db):
    article = make_article("Trade <b>&</b> Sanctions", authors=[make_author("Igor Ivanov")])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ivanov, Igor. “Trade &lt;b&gt;&amp;&lt;/b&gt; Sanctions.”" in html
    assert f'href="/articles/{article.slug}/cite.bib"' in html and f'href="/articles/{article.slug}/cite.ris"' in html


def test_it_gives_a_bibtex_file(client, source):
    article = make_article("Oil & Gas: {Pipelines} at 50%", authors=[make_author("Igor Ivanov"), make_author("Jane Smith")],
                           source=source, date=datetime.date(2018, 3, 27), url="https://example.org/a_b", index=False)
    response = client.get(f"/articles/{article.slug}/cite.bib")
    assert response.status_code == 200 and response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{article.slug}.bib"'
    bib = response.content.decode()
    assert bib.startswith(f"@misc{{{article.slug},\n")
    assert r"  title = {{Oil \& Gas: \{Pipelines\} at 50\%}}," in bib
    assert "  author = {Ivanov, Igor and Smith, Jane}," in bib
    assert "  howpublished = {The Moscow Times}," in bib
    assert "  year = {2018},\n  month = {3},\n  day = {27}," in bib
    assert r"  url = {https://example.org/a\_b}," in bib
    assert bib.endswith("\n}\n")


def test_it_gives_an_ris_file(client, source):
    article = make_article("Northern Routes", authors=[make_author("Igor Ivanov")], source=source,
                           date=datetime.date(2019, 5, 1), date_precision="month", index=False)
    response = client.get(f"/articles/{article.slug}/cite.ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    lines = response.content.decode().split("\r\n")
    assert lines[:4] == ["TY  - ELEC", "TI  - Northern Routes", "AU  - Ivanov, Igor", "T2  - The Moscow Times"]
    assert "PY  - 2019" in lines and "DA  - 2019/05//" in lines and lines[-2:] == ["ER  - ", ""]


def test_it_answers_an_unknown_citation_format_with_404(client, db):
    article = make_article("Northern Routes", index=False)
    assert client.get(f"/articles/{article.slug}/cite.docx").status_code == 404
    assert client.get("/articles/no-such-article/cite.bib").status_code == 404


def test_it_tells_a_reader_how_the_record_was_made(client, seed_article):
    article = seed_article("000")
    article.genre = "Analysis"
    article.mark_curated("genre")
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<summary>How this record was made</summary>" in html
    assert "<code>000_33dbda3cca3036ff.txt</code> (" in html
    assert "<dt>Date</dt><dd>found in the capture by " in html and "confidence 0.95" in html
    assert "<dt>Genre</dt><dd>set by a curator on " in html


def test_it_says_what_the_capture_does_not_state(client, seed_article):
    html = client.get(seed_article("001").get_absolute_url()).content.decode()
    assert "<dt>Date</dt><dd>not stated in the capture</dd>" in html
    assert "waiting for a curator&#x27;s review" in html or "waiting for a curator's review" in html
