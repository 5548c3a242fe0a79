"""Every expectation of seeds-expected.json (copied from the spec), checked on a real import."""

import json
import re
from pathlib import Path

import pytest

from archive.facets import database_counts
from archive.forms import BrowseForm
from archive.models import Author

SPEC = json.loads((Path(__file__).parent / "seeds-expected.json").read_text(encoding="utf-8"))
SEEDS = sorted(SPEC["seeds"].items())
IDS = [name[:3] for name, _ in SEEDS]


def body_text(article):
    return "\n\n".join(b["text"] for b in article.body)


@pytest.fixture
def imported(seeds, seed_article):
    def get(name):
        return seed_article(name[:3])

    return get


@pytest.mark.parametrize(("name", "spec"), SEEDS, ids=IDS)
def test_it_extracts_the_title(imported, name, spec):
    article = imported(name)
    if spec["title"] is None:
        assert article.title == ""
        assert article.provisional_title, "a provisional title is proposed"
        assert any(r.startswith("no title") for r in article.review_reasons)
    else:
        assert article.title == spec["title"]


@pytest.mark.parametrize(("name", "spec"), SEEDS, ids=IDS)
def test_it_extracts_the_authors_in_order(imported, name, spec):
    names = [a.name for a in imported(name).ordered_authors]
    assert names == spec["authors"]
    for person in spec.get("not_authors", []):
        assert person not in names


@pytest.mark.parametrize(("name", "spec"), SEEDS, ids=IDS)
def test_it_extracts_the_date_and_its_kind(imported, name, spec):
    article = imported(name)
    assert (article.date.isoformat() if article.date else None) == spec["date"]
    assert article.year == spec["year"]
    if "date_kind" in spec:
        assert article.date_kind == spec["date_kind"]
    elif spec["date"]:
        assert article.date_kind == "published"
    if not spec["date"]:
        assert article.date_precision == "unknown"


@pytest.mark.parametrize(("name", "spec"), SEEDS, ids=IDS)
def test_it_extracts_source_url_language_and_genre(imported, name, spec):
    article = imported(name)
    assert (article.source.name if article.source else None) == spec["source"]
    assert (article.url or None) == spec["url"]
    assert article.language == spec["language"]
    if "genre" in spec:
        assert article.genre == spec["genre"]


@pytest.mark.parametrize(("name", "spec"), [s for s in SEEDS if "author_bio_contains" in s[1]], ids=lambda v: v[:3] if isinstance(v, str) else "")
def test_it_keeps_the_author_bio_and_orcid(imported, name, spec):
    author = imported(name).ordered_authors[0]
    assert spec["author_bio_contains"] in author.bio
    if "author_orcid" in spec:
        assert author.orcid == spec["author_orcid"]


@pytest.mark.parametrize(("name", "spec"), SEEDS, ids=IDS)
def test_it_cleans_the_body(imported, name, spec):
    article = imported(name)
    text = body_text(article)
    if "body_first" in spec:
        assert text.startswith(spec["body_first"])
    if "body_last" in spec:
        assert text.endswith(spec["body_last"])
    for phrase in spec.get("must_contain", []) + spec.get("body_contains", []):
        assert phrase in text
    for phrase in spec.get("must_not_contain", []):
        assert phrase not in text, phrase
        assert phrase not in article.title


@pytest.mark.parametrize(("name", "spec"), [s for s in SEEDS if "order" in s[1]], ids=lambda v: v[:3] if isinstance(v, str) else "")
def test_it_keeps_paragraphs_once_and_in_order(imported, name, spec):
    text = body_text(imported(name))
    positions = []
    for phrase in spec["order"]:
        assert text.count(phrase) == 1, f"{phrase!r} appears {text.count(phrase)} times"
        positions.append(text.index(phrase))
    assert positions == sorted(positions)


@pytest.mark.parametrize(("name", "spec"), [s for s in SEEDS if "headings" in s[1]], ids=lambda v: v[:3] if isinstance(v, str) else "")
def test_it_keeps_section_headings(imported, name, spec):
    article = imported(name)
    headings = [b["text"] for b in article.body if b["type"] == "heading"]
    assert headings == spec["headings"]


@pytest.mark.parametrize(("name", "spec"), SEEDS, ids=IDS)
def test_it_joins_hard_wrapped_lines(imported, name, spec):
    article = imported(name)
    for block in article.body:
        assert "\n" not in block["text"]
        assert not re.search(r"\w- \w", block["text"].replace("- and", "")), block["text"][:80]


@pytest.mark.parametrize(("name", "spec"), [s for s in SEEDS if "last_paragraph_contains" in s[1]], ids=lambda v: v[:3] if isinstance(v, str) else "")
def test_it_ends_with_the_articles_last_paragraph(imported, name, spec):
    paragraphs = [b["text"] for b in imported(name).body if b["type"] == "paragraph"]
    assert spec["last_paragraph_contains"] in paragraphs[-1]


@pytest.mark.parametrize(("name", "spec"), SEEDS, ids=IDS)
def test_it_flags_for_review_with_reasons(imported, name, spec):
    article = imported(name)
    assert article.needs_review is spec["needs_review"]
    expected = " ".join(spec.get("review_reasons", []))
    for missing in ("title", "author", "date", "source"):
        stated = re.search(rf"\bno {missing}\b|\bno title, {missing}|, {missing}\b.*\bin the capture", expected)
        if stated:
            assert any(r.startswith(f"no {missing}") for r in article.review_reasons), (missing, article.review_reasons)


@pytest.mark.parametrize(("name", "spec"), [s for s in SEEDS if "public_pages_must_not_show" in s[1]], ids=lambda v: v[:3] if isinstance(v, str) else "")
def test_it_never_shows_contact_details_on_public_pages(client, imported, name, spec):
    article = imported(name)
    pages = [article.get_absolute_url()] + [a.get_absolute_url() for a in article.ordered_authors]
    for url in pages:
        html = client.get(url).content.decode()
        for text in spec["public_pages_must_not_show"]:
            assert text not in html


def test_it_records_one_author_for_the_same_person(imported):
    authors = Author.objects.filter(name="Igor Ivanov")
    assert authors.count() == 1
    files = sorted(a.capture_file[:3] for a in authors.get().articles.all())
    assert files == ["000", "001"]


def test_it_counts_years_as_the_spec_says(seeds):
    state = BrowseForm().state()
    counts = dict(database_counts(state)["year"])
    assert counts == SPEC["across_seeds"]["years_facet_before_curation"]


@pytest.mark.parametrize(
    ("number", "theme"),
    [("004", "UN and multilateralism"), ("001", "Russia–US relations"),
     ("002", "Global South and friendly countries"), ("002", "Soft power and media")],
)
def test_it_tags_seeds_with_sensible_themes(seed_article, number, theme):
    assert theme in [t.name for t in seed_article(number).themes.all()]
