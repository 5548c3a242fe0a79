"""Whole captures in layouts the seeds do not have (tests/layouts/), imported end to end."""

import datetime
from pathlib import Path

import pytest

from archive.ingest.importer import import_paths
from archive.models import Article
from tests.scoring import capture_files

LAYOUTS = Path(__file__).parent / "layouts"


@pytest.fixture
def imported(db):
    report = import_paths(capture_files(LAYOUTS), progress=False)
    assert report.count("created") == len(capture_files(LAYOUTS))

    def get(name):
        return Article.objects.get(capture_file=name)

    return get


def test_it_reads_a_think_tank_comment_with_standfirst_and_author_block(imported):
    article = imported("think_tank_comment.txt")
    assert article.title == "Russia’s war economy is running out of road"
    assert [a.name for a in article.ordered_authors] == ["James Example"]
    assert article.ordered_authors[0].affiliation == "Russia and Eurasia Programme"
    assert (article.date, article.date_kind) == (datetime.date(2024, 9, 12), "published")
    assert article.source.name == "Chatham House"
    assert article.body_text.startswith("For two years the Russian economy")
    assert article.body_text.endswith("a growing share of the population.")
    assert "Related content" not in article.body_text and "Sanctions, high interest rates" not in article.body_text


def test_it_reads_a_commentary_with_series_name_and_disclaimer(imported):
    article = imported("commentary_with_disclaimer.txt")
    assert article.title == "What Comes After the Grain Deal"
    assert [a.name for a in article.ordered_authors] == ["Alexandra Example"]
    assert article.genre == "Commentary"
    assert article.date == datetime.date(2023, 7, 19)
    assert article.source.name == "Carnegie Endowment for International Peace"
    assert article.body_text.endswith("and they have other options.")
    assert "institutional positions" not in article.body_text and "Read More" not in article.body_text


def test_it_reads_a_journal_article_in_markdown_with_an_issue_date(imported):
    article = imported("journal_markdown.md")
    assert article.title == "The Return of Great-Power Rivalry"
    assert [a.name for a in article.ordered_authors] == ["Jane Sample"]
    assert (article.date, article.date_precision) == (datetime.date(2019, 5, 1), "month")
    assert article.date_display == "May 2019"
    assert article.ordered_authors[0].affiliation == "Example University"
    assert "Professor of International Relations" not in article.body_text
    assert article.source is None and article.needs_review
