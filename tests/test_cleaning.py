"""Generic cleaning and extraction rules, each on a small invented capture."""

import datetime

import pytest

from archive.ingest.dates import date_line, parse_date
from archive.ingest.extract import extract
from archive.ingest.read import RawCapture
from archive.ingest.roles import analyse

P1 = ("Diplomacy between the two capitals has rarely been easy, but the last decade has tested it more than "
      "any period since the end of the Cold War, as trust drained away from every channel.")
P2 = ("Officials on both sides now speak of managing the rivalry rather than ending it, and that shift in "
      "language matters more than any single summit or communiqué issued at its close.")
P3 = ("A workable agenda would start small: consular matters, scientific exchanges and the safety of "
      "diplomats, before moving to the harder questions of security in Europe.")


def run(text, html_meta=None):
    raw = RawCapture("t.txt", "text", text, "utf-8", "0" * 64, "", html_meta or {})
    doc = analyse(text)
    return extract(doc, raw)


def body(meta):
    return "\n\n".join(b["text"] for b in meta.body)


def test_it_joins_hard_wrapped_lines_and_mends_hyphenation():
    text = (
        "The collapse of arms control has left Europe more exposed than at any time since the\n"
        "early 1980s, and the burden of rebuilding it falls on the gov-\n"
        "ernments that have lost the habit of talking about decision-making and about the\n"
        "making of decisions in a crisis, which is what deterrence requires of them all.\n\n"
        "Second paragraph of the paper, which also wraps at a fixed width like the first one\n"
        "does, and ends here with a full stop after enough words to count as a paragraph.\n"
    )
    out = body(run(text))
    assert "governments that have lost" in out
    assert "\n" not in out.split("\n\n")[0]
    assert out.count("\n\n") == 1


def test_it_keeps_a_compound_broken_at_its_hyphen():
    text = (
        "Treaty regimes rest on decision making by states that value predictability in their\n"
        "relations, and the decision-\n"
        "making of the late Cold War showed that verification can build trust between rivals.\n"
    )
    assert "decision-making of the late" in body(run(text))


@pytest.mark.parametrize("left, right, joined", [
    ("through a set of confidence-", "building steps agreed", "confidence-building steps"),
    ("the art of decision-", "making under pressure", "decision-making under"),
    ("the new develop-", "ment of naval forces", "development of naval"),
    ("their working relation-", "ship with Ankara", "relationship with"),
    ("the state of inter-", "national law today", "international law"),
    ("several nation-", "alities were present", "nationalities were"),
    ("the long-", "term rights of states", "long-term rights"),
    ("a self-", "determination referendum", "self-determination referendum"),
    ("a growing short-", "age of grain", "shortage of grain"),
    ("prices fell large-", "ly because of it", "largely because"),
])
def test_it_tells_a_compound_from_a_word_broken_for_hyphenation(left, right, joined):
    # Words seen only once: the rule goes by the shape of the two halves.
    text = (f"Unrelated opening words that wrap at a fixed width like the rest, and then {left}\n"
            f"{right} and the paper goes on with enough words after it to count as prose.\n")
    assert joined in body(run(text))


def test_it_rejoins_a_paragraph_split_by_a_stray_blank_line():
    text = f"{P1}\n\nThe analysts agree that this will put the region behind its neighbours, and in the\n\nlong term, it may find itself outside the new trading system altogether.\n\n{P2}\n"
    out = body(run(text))
    assert "and in the long term, it may find" in out


def test_it_keeps_section_headings_of_wrapped_text():
    text = (
        "Russia’s diplomacy in the first years of the century followed a wide design whose parts\n"
        "were meant to reinforce one another, from the United Nations to the regional forums.\n\n"
        "Energy as an Instrument of Policy\n"
        "Pipelines and long-term contracts gave the state leverage that it used with care at\n"
        "first and later with less restraint, as the European market became more competitive.\n"
    )
    meta = run(text)
    assert {"type": "heading", "text": "Energy as an Instrument of Policy"} in meta.body


def test_it_reduces_markdown_to_text():
    text = f"# A Title Here\n\nBy [Jane Example](#)\n\n{P1}\n\nThis is **bold** and *emphasised* and a [link text](https://x.org/y) in prose that goes on long enough.\n\n{P2}\n"
    out = body(run(text))
    assert "This is bold and emphasised and a link text in prose" in out
    assert "**" not in out and "](" not in out


@pytest.mark.parametrize(
    "chrome",
    [
        "Print\nShare this article\nRate this article\n(votes: 12, rating: 4.5)",
        "Print Читать на русском\nEmail Tweet",
        "Subscribe to our newsletter\nWant to know more about global politics?",
        "Poll conducted\n\n  1. Will the talks succeed?\n    Yes\n     12 (40%)\n    No\n     18 (60%)",
        "Contacts\n\nE-mail: someone@example.org\nTel.: +1 (202) 555-0100\nAddress: 1 Example Street, Washington",
        "The views expressed in this article are those of the author and do not necessarily reflect the position of the editors.",
        "Foreign ministers at the summit. Photo: Example Agency / Reuters",
        "Page last modified: 03-11-2020 08:15:02 ZULU",
        "Jobs for Security-Cleared Analysts - APPLY NOW",
        "The Long Game: Strategy for a Divided World - by Samuel Writer",
        "Home\nAbout\nResearch\nEvents\nContact",
        "  • Russia - Arctic Relations\n  • Russia - Norway Relations\n  • Russia - Iceland Relations",
        "You are reading a free article.\nSubscribe to Example Quarterly to get unlimited access.",
        "Thanks for reading Example Notes! Subscribe for free to receive new posts and support my work.",
        "Reporting by Anna Example in Riga; Editing by Boris Sample",
        "Our Standards: The Example Trust Principles.",
        "Filed under: Arctic, Diplomacy",
        "You've reached your free article limit for this month.",
        "Подписывайтесь на наш канал в Telegram, чтобы не пропустить новые материалы.",
        "Источник фото: Пресс-служба МИД",
    ],
)
def test_it_removes_page_chrome(chrome):
    text = f"{chrome}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{chrome}\n"
    out = body(run(text))
    assert out == "\n\n".join([P1, P2, P3])


def test_it_removes_a_teaser_of_another_article():
    teaser = "“Why the Arctic Matters Again”\nA new scramble for routes and resources is under way in the far north.\nMore"
    out = body(run(f"{P1}\n\n{P2}\n\n{teaser}\n\n{P3}\n"))
    assert "Arctic" not in out
    assert out.endswith(P3)


def test_it_removes_running_headers_and_page_numbers():
    page = "Journal of Eurasian Affairs\n\n{}\n\n{}\n"
    text = "".join(page.format(p, n) for p, n in [(P1, 1), (P2, 2), (P3, 3)])
    out = body(run(text))
    assert "Journal of Eurasian Affairs" not in out
    assert out == "\n\n".join([P1, P2, P3])


def test_it_removes_a_running_header_printed_on_only_two_pages():
    # Two pages of wrapped text; the header stands under each page's number and splits a sentence.
    first, rest = P2.split(" rather ", 1)
    text = (f"{P1}\n\n{first}\n\n      Page 1 of 2\nMoscow Policy Brief – Draft\n\nrather {rest}\n\n"
            f"{P3}\n\n      Page 2 of 2\nMoscow Policy Brief – Draft\n")
    out = body(run(text))
    assert "Policy Brief" not in out
    assert out == "\n\n".join([P1, P2, P3])


def test_it_keeps_a_line_said_twice_away_from_page_numbers():
    text = (f"{P1}\n\nSanctions and energy\n\n{P2}\n\nSanctions and energy\n\n{P3}\n\n{P1[:60]} again.\n\n"
            f"{P2[:70]} again.\n\nPage 1 of 2\n\nPage 2 of 2\n")
    assert body(run(text)).count("Sanctions and energy") == 2


def test_it_drops_a_lead_repeated_before_the_full_text():
    extra = "The middle of the full text says something the lead did not repeat at all, at some length."
    text = f"{P1}\n\n{P3}\n\n{P1}\n\n{P2}\n\n{extra}\n\n{P3}\n"
    assert body(run(text)) == "\n\n".join([P1, P2, extra, P3])


def test_it_drops_a_paragraph_repeated_later():
    text = f"{P1}\n\n{P2}\n\n{P3}\n\n{P2}\n\nA closing paragraph that appears only once, at the end of the text.\n"
    out = body(run(text))
    assert out.count(P2) == 1
    assert out.index(P2) < out.index(P3)


def test_it_reads_a_byline_with_several_authors_in_order():
    meta = run(f"Talking to Moscow\n\nBy Anna Example, Boris Sample and Chen Placeholder\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example", "Boris Sample", "Chen Placeholder"]
    assert meta.title.value == "Talking to Moscow"


def test_it_takes_a_date_from_the_byline():
    meta = run(f"Talking to Moscow\n\nBy Anna Example | 4 May 2019\n\n{P1}\n\n{P2}\n")
    assert meta.date.value[:2] == (datetime.date(2019, 5, 4), "day")


def test_it_does_not_take_people_named_in_the_text_as_authors():
    text = (f"{P1}\n\nSergei Example, the foreign minister, said talks would go on. “We will keep trying,” "
            f"said Maria Sample in an interview with the paper last spring.\n\n{P2}\n")
    meta = run(text)
    assert meta.authors == []
    assert any(r.startswith("no author") for r in meta.reasons)


def test_it_does_not_take_the_interviewee_as_an_author():
    text = f"Interview with Dr. Pavel Example\n\nInterview by Laura Sample\n\nMarch 3, 2021\n\n{P1}\n\n{P2}\n"
    meta = run(text)
    assert [a.name for a in meta.authors] == ["Laura Sample"]
    assert meta.genre.value == "Interview"


def test_it_reads_an_interview_named_after_the_headline():
    text = (f"“Europe Must Learn the Language of Power”: An Interview with Maria Sample\n\n"
            f"Interview by Laura Example\n\nMarch 3, 2021\n\n{P1}\n\n{P2}\n")
    meta = run(text)
    assert meta.genre.value == "Interview"
    assert [a.name for a in meta.authors] == ["Laura Example"]


@pytest.mark.parametrize("rubric, genre", [("INTERVIEWS", "Interview"), ("Op-eds", "Op-ed"), ("Policy briefs", "Paper"),
                                           ("Analyses", "Analysis"), ("Commentaries", "Commentary")])
def test_it_reads_a_plural_rubric_by_the_title_as_the_genre(rubric, genre):
    title = "Why the Talks on the Arctic Keep Failing"
    meta = run(f"{rubric}\n\n{title}\n\nBy Laura Example\n\nMarch 3, 2021\n\n{P1}\n\n{P2}\n")
    assert (meta.title.value, meta.genre.value) == (title, genre)


def test_it_never_takes_years_from_a_bio_or_citation_as_the_date():
    text = (f"Jane Example\n\nAmbassador to Finland (1995–2001), Senior Fellow, Example Institute\n\n{P1} "
            f"As Smith (2004) argued, the pattern held.\n\n{P2}\n")
    meta = run(text)
    assert meta.date is None
    assert meta.authors[0].name == "Jane Example"
    assert "1995–2001" in meta.authors[0].bio


@pytest.mark.parametrize(
    ("line", "expected", "precision"),
    [
        ("2018-03-27", datetime.date(2018, 3, 27), "day"),
        ("March 27, 2018", datetime.date(2018, 3, 27), "day"),
        ("27 March 2018", datetime.date(2018, 3, 27), "day"),
        ("27.02.2023", datetime.date(2023, 2, 27), "day"),
        ("16-02-2021 19:36:42 ZULU", datetime.date(2021, 2, 16), "day"),
        ("27 февраля 2023 г.", datetime.date(2023, 2, 27), "day"),
        ("Published: Tuesday, 4 June 2019", datetime.date(2019, 6, 4), "day"),
        ("March 2018", datetime.date(2018, 3, 1), "month"),
        ("2021-06-14T09:00:00Z", datetime.date(2021, 6, 14), "day"),
        ("March 3, 2024 10:42 AM GMT+3", datetime.date(2024, 3, 3), "day"),
        ("12.05.2023, 14:30", datetime.date(2023, 5, 12), "day"),
        ("Published 3 March 2024 4 minute read", datetime.date(2024, 3, 3), "day"),
        ("Oslo, 3 March 2024", datetime.date(2024, 3, 3), "day"),
        ("Москва, 12 мая 2023", datetime.date(2023, 5, 12), "day"),
        ("on 3 March 2024", datetime.date(2024, 3, 3), "day"),
        ("3 March 2024 - 14:05", datetime.date(2024, 3, 3), "day"),
        ("3. März 2023", datetime.date(2023, 3, 3), "day"),
        ("Veröffentlicht am 3. März 2023, 14:05 Uhr", datetime.date(2023, 3, 3), "day"),
        ("Wed 3 Mar 2021 06.00 GMT", datetime.date(2021, 3, 3), "day"),
        ("Publié le 3 mars 2021", datetime.date(2021, 3, 3), "day"),
        ("Date of publication: 12 May 2020", datetime.date(2020, 5, 12), "day"),
        ("Fecha: 5 de mayo de 2021", datetime.date(2021, 5, 5), "day"),
        ("Pubblicato il 4 aprile 2022", datetime.date(2022, 4, 4), "day"),
        ("Opublikowano: 5 maja 2022", datetime.date(2022, 5, 5), "day"),
        ("12 травня 2023 р.", datetime.date(2023, 5, 12), "day"),
        ("14 februari 2022", datetime.date(2022, 2, 14), "day"),
        ("Ciudad de México - 23 abr 2024 - 06:00 CEST", datetime.date(2024, 4, 23), "day"),
        ("7 min read · Jun 3, 2023", datetime.date(2023, 6, 3), "day"),
        ("Published online: 14 Mar 2022.", datetime.date(2022, 3, 14), "day"),
        ("December 14, 20234:52 PM GMTUpdated 2 hours ago", datetime.date(2023, 12, 14), "day"),
        ("Publié le 02 octobre 2023 à 18h45, modifié le 03 octobre 2023", datetime.date(2023, 10, 2), "day"),
        ("Paris, le 12 février 2024", datetime.date(2024, 2, 12), "day"),
        ("03.10.2023, 17.42 Uhr", datetime.date(2023, 10, 3), "day"),
        ("Yayınlanma: 5 Mart 2024 Salı 08:30 | Güncelleme: 06.03.2024 11:47", datetime.date(2024, 3, 5), "day"),
        ("Aktualizacja: 13.01.2024 09:15 Publikacja: 12.01.2024 03:00", datetime.date(2024, 1, 12), "day"),
        ("First published online May 18, 2022", datetime.date(2022, 5, 18), "day"),
        ("21.11.2023 - Rede", datetime.date(2023, 11, 21), "day"),
        ("> HANOI -- January 22, 2024 18:05 JST", datetime.date(2024, 1, 22), "day"),
    ],
)
def test_it_reads_dates_in_common_forms(line, expected, precision):
    found, kind = date_line(line)
    assert (found.date, found.precision) == (expected, precision)


def test_it_knows_a_last_modified_stamp():
    found, kind = date_line("Last updated: 12 January 2020")
    assert kind == "last modified"
    assert date_line("Mis à jour le 5 mars 2021 à 10h32")[1] == "last modified"
    assert date_line("Stand: 01.02.2023")[1] == "last modified"
    assert date_line("- This page was last edited on 3 January 2024, at 14:02 (UTC).")[1] == "last modified"


def test_it_prefers_the_published_date_to_the_last_modified_one():
    meta = run(f"Title of the Piece\n\nLast updated: 12 January 2020\n\nPublished 5 January 2020\n\n{P1}\n\n{P2}\n")
    assert meta.date.value == (datetime.date(2020, 1, 5), "day", "published")


def test_it_does_not_read_a_date_into_a_sentence():
    assert date_line("In March 2018 the talks resumed after a long pause.") is None
    assert parse_date("no date here") is None


def test_it_finds_the_source_from_the_url_domain():
    meta = run(f"{P1}\n\n{P2}\n\nOriginal url:\n\n<https://www.chathamhouse.org/2020/01/some-article>\n")
    assert meta.source.value["name"] == "Chatham House"
    assert meta.url.value == "https://www.chathamhouse.org/2020/01/some-article"


def test_it_finds_the_source_named_on_its_own_line():
    meta = run(f"Valdai Discussion Club\n\n{P1}\n\n{P2}\n")
    assert meta.source.value["name"] == "Valdai Discussion Club"


def test_it_does_not_take_an_organisation_in_a_bio_as_the_source():
    meta = run(f"Jane Example\n\nSenior Fellow, Russian International Affairs Council (RIAC)\n\n{P1}\n\n{P2}\n")
    assert meta.source is None
    assert any(r.startswith("no source") for r in meta.reasons)


def test_it_reads_the_genre_from_the_title():
    meta = run(f"# Why Talks Fail (Analysis)\n\n{P1}\n\n{P2}\n")
    assert (meta.title.value, meta.genre.value) == ("Why Talks Fail", "Analysis")


def test_it_identifies_russian_text():
    meta = run("Россия продолжает выстраивать отношения с партнёрами в Азии и на Ближнем Востоке, опираясь "
               "на принципы многополярного мира.\n\nВторой абзац текста статьи о внешней политике России и её "
               "партнёрах в мире.\n")
    assert meta.language.value == "ru"


def test_it_uses_a_saved_pages_own_metadata():
    meta = run(f"{P1}\n\n{P2}\n", html_meta={
        "title": "Why Sanctions Fail", "author": ["Jane Example"], "date": "2021-06-14T09:00:00Z",
        "canonical": "https://carnegieendowment.org/2021/06/14/why", "site_name": "Carnegie Endowment"})
    assert meta.title.value == "Why Sanctions Fail"
    assert [a.name for a in meta.authors] == ["Jane Example"]
    assert meta.date.value[0] == datetime.date(2021, 6, 14)
    assert meta.source.value["name"] == "Carnegie Endowment for International Peace"


def test_it_flags_what_it_cannot_find():
    meta = run(f"{P1}\n\n{P2}\n\n{P3}\n")
    reasons = " | ".join(meta.reasons)
    for missing in ("no title", "no author", "no date", "no source"):
        assert missing in reasons
    assert meta.provisional_title


def test_it_reads_a_byline_in_capitals():
    meta = run(f"Talking to Moscow\n\nBY ANNA EXAMPLE AND BORIS SAMPLE\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example", "Boris Sample"]


def test_it_reads_a_byline_with_a_position_after_the_name():
    meta = run(f"Talking to Moscow\n\nBy Dr. Anna Example, Senior Fellow\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example"]


def test_it_takes_the_headline_by_the_byline_rather_than_a_menu_item():
    meta = run(f"Our Experts\nRegional Programmes\n\nTalking to Moscow Again\n\nBy Anna Example\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Talking to Moscow Again"


@pytest.mark.parametrize(
    "byline",
    ["Posted by Anna Example on March 3, 2020", "Anna Example | March 3, 2020", "By Anna Example, 3 March 2020",
     "By Anna Example - March 3, 2020"],
)
def test_it_reads_names_and_date_from_byline_forms(byline):
    meta = run(f"Talking to Moscow Again\n\n{byline}\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example"]
    assert meta.date.value[0] == datetime.date(2020, 3, 3)


def test_it_reads_paragraphs_one_per_line():
    meta = run(f"Talking to Moscow Again\nBy Anna Example\n{P1}\n{P2}\n{P3}\n")
    assert [b["text"] for b in meta.body] == [P1, P2, P3]


def test_it_takes_the_headline_under_a_rubric_rather_than_the_dek():
    meta = run(f"ESSAY\nThe Limits of Talking\nWhy Summits Rarely Change a Rival's Course\nBy Anna Example\n{P1}\n\n{P2}\n")
    assert meta.title.value == "The Limits of Talking"


def test_it_takes_the_headline_over_the_dek_at_the_top_of_the_page():
    meta = run(f"Menu\nThe Limits of Talking Now\nWhy Summits Rarely Change a Rival's Course\nBy Anna Example\n{P1}\n\n{P2}\n")
    assert meta.title.value == "The Limits of Talking Now"


def test_it_keeps_the_headline_under_a_short_kicker():
    meta = run(f"Menu\nCentral Asia\nWhy Summits Rarely Change a Rival's Course\nBy Anna Example\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Why Summits Rarely Change a Rival's Course"


def test_it_prefers_an_explicit_publication_date_to_an_issue_date():
    meta = run(f"The Limits of Talking\nBy Anna Example\nJanuary/February 2024\nPublished on December 19, 2023\n"
               f"{P1}\n\n{P2}\n")
    assert meta.date.value == (datetime.date(2023, 12, 19), "day", "published")


def test_it_keeps_an_unlabelled_day_over_a_later_labelled_one():
    meta = run(f"The Limits of Talking\nBy Anna Example\nMarch 2, 2021\nPublished: March 9, 2021\n{P1}\n\n{P2}\n")
    assert meta.date.value[0] == datetime.date(2021, 3, 2)


def test_it_takes_the_date_of_a_papers_series_line():
    meta = run(f"WORKING PAPER No. 7 | October 2022\n\nTalking to Moscow Again\n\n{P1}\n\n{P2}\n")
    assert meta.date.value == (datetime.date(2022, 10, 1), "month", "published")
    assert meta.title.value == "Talking to Moscow Again"
    assert meta.genre.value == "Paper"


def test_it_splits_a_note_about_two_authors_between_them():
    meta = run(f"Talking to Moscow\n\nBy Anna Example and Boris Sample\n\n{P1}\n\n{P2}\n\n"
               "ANNA EXAMPLE is a Senior Fellow at the Example Institute. BORIS SAMPLE is Professor of History "
               "at Example University.\n")
    bios = {a.name: a.bio for a in meta.authors}
    assert "Example Institute" in bios["Anna Example"] and "Professor" not in bios["Anna Example"]
    assert bios["Boris Sample"].startswith("BORIS SAMPLE is Professor")


def test_it_trusts_a_name_linked_to_a_profile_under_the_title():
    meta = run(f"# Talking to Moscow\n\n[Anna Example](https://example.org/@anna)\n\nMar 5, 2024\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example"]
    assert not any(r.startswith("authors uncertain") for r in meta.reasons)


def test_it_reads_a_byline_of_names_without_by():
    meta = run(f"Commentary\nTalking to Moscow Again\nAnna Example and Boris Sample\nJune 12, 2023\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Talking to Moscow Again"
    assert [a.name for a in meta.authors] == ["Anna Example", "Boris Sample"]


def test_it_reads_names_with_affiliations_in_parentheses():
    meta = run(f"Talking to Moscow Again\n\nAnna Example (University of Tartu)\nBoris Sample (Centre for Baltic Studies)\n\n"
               f"{P1}\n\n{P2}\n")
    assert [(a.name, a.affiliation) for a in meta.authors] == [
        ("Anna Example", "University of Tartu"), ("Boris Sample", "Centre for Baltic Studies")]
    assert "University of Tartu" not in body(meta)


def test_it_reads_a_posted_on_byline():
    meta = run(f"Example Blog\nTalking to Moscow Again\nPosted on April 14, 2021 by Anna Example\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Talking to Moscow Again"
    assert [a.name for a in meta.authors] == ["Anna Example"]
    assert meta.date.value[0] == datetime.date(2021, 4, 14)


def test_it_removes_readers_comments_under_the_article():
    comment = "I disagree with much of this, because the author overlooks how much the two capitals still need each other."
    meta = run(f"Talking to Moscow Again\nBy Anna Example\n{P1}\n\n{P2}\n\n2 Comments\nBoris Sample says:\n"
               f"April 15, 2021 at 9:12 am\n{comment}\nReply\n")
    assert body(meta) == "\n\n".join([P1, P2])


def test_it_removes_a_teaser_with_its_author_and_date():
    meta = run(f"Talking to Moscow Again\n\n{P1}\n\n{P2}\n\nRelated Content\nWhy the Arctic Matters Again\n"
               "Boris Sample\nMay 3, 2022\n")
    assert body(meta) == "\n\n".join([P1, P2])
    assert meta.date is None


def test_it_takes_an_institutions_description_of_itself_as_the_source_and_not_as_text():
    note = ("The Brookings Institution is a nonprofit organization devoted to independent research. Our mission "
            "is to conduct research that improves policy and governance.")
    meta = run(f"{P1}\n\n{P2}\n\n{note}\n")
    assert body(meta) == "\n\n".join([P1, P2])
    assert meta.source.value["name"] == "Brookings Institution"


def test_it_does_not_take_an_organisation_described_in_the_text_as_the_source():
    text = (f"{P1}\n\nThe Brookings Institution is a nonprofit organization in Washington, and its scholars have "
            f"long argued for patience with Moscow, though few in the capital listen to them now.\n\n{P2}\n")
    meta = run(text)
    assert meta.source is None
    assert "scholars have long argued" in body(meta)


def test_it_takes_the_agency_of_a_wire_dateline_as_the_source():
    meta = run(f"Talks resume\n\nRIGA, March 3 (Reuters) - {P1}\n\n{P2}\n")
    assert meta.source.value["name"] == "Reuters"
    assert body(meta).startswith("RIGA, March 3 (Reuters) - ")


def test_it_takes_the_source_from_the_publications_own_subscription_prompt():
    meta = run(f"{P1}\n\n{P2}\n\nSubscribe to Foreign Affairs to get unlimited access.\n")
    assert meta.source.value["name"] == "Foreign Affairs"


def test_it_finds_the_source_in_a_copyright_line_with_an_abbreviation():
    meta = run(f"{P1}\n\n{P2}\n\n© Российский совет по международным делам (РСМД)\n")
    assert meta.source.value["name"] == "Russian International Affairs Council"


def test_it_drops_footnote_numbers_glued_to_sentence_ends():
    text = f"{P1}\n\n{P2[:-1]} after the first drought.1\n\nThe commission met in 2019.2 Then it stopped, see Vol.3 of the series.\n"
    out = body(run(text))
    assert "after the first drought.\n" in out + "\n"
    assert "in 2019.2 Then" in out and "Vol.3" in out


def test_it_reads_the_genre_of_a_kicker_with_a_topic():
    meta = run(f"Analysis | Central Asia\n\nTalking to Moscow Again\n\nBy Anna Example\n\n{P1}\n\n{P2}\n")
    assert meta.genre.value == "Analysis"
    assert meta.title.value == "Talking to Moscow Again"


def test_it_takes_an_institutions_commitment_in_its_own_voice_as_furniture():
    note = "The Example Institution is committed to quality and independence. We are supported by many funders."
    assert body(run(f"{P1}\n\n{P2}\n\n{note}\n")) == "\n\n".join([P1, P2])


def test_it_removes_responses_under_a_blog_post():
    meta = run(f"Talking to Moscow Again\nBy Anna Example | April 14, 2021\n{P1}\n\n{P2}\n\n"
               f"2 responses to “Talking to Moscow Again”\nBoris Sample\nApril 15, 2021 at 9:12 am\n{P3}\n")
    assert body(meta) == "\n\n".join([P1, P2])


def test_it_reads_a_date_run_into_an_update_note():
    found, kind = date_line("March 3, 2024 10:42 AM GMT+3Updated 2 hours ago")
    assert (found.date, kind) == (datetime.date(2024, 3, 3), "published")


def test_it_reads_authors_marked_with_their_affiliations_numbers():
    meta = run(f"Talking to Moscow Again\n\nAnna Example1, Boris Sample2*\n\n1 University of Tartu\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example", "Boris Sample"]


def test_it_does_not_take_a_section_of_several_kinds_as_the_title():
    meta = run(f"Analysis and Commentary\n\n12 May 2023\n\nAnna Example\n\nSenior Fellow, Example Institute\n\n"
               f"Talking to Moscow Again\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Talking to Moscow Again"
    assert meta.genre is None


def test_it_finds_the_source_named_under_the_text():
    meta = run(f"{P1}\n\n{P2}\n\nИсточник: Коммерсантъ\n")
    assert meta.source.value["name"] == "Kommersant"


def test_it_trusts_a_name_with_a_date_under_the_title():
    meta = run(f"# Talking to Moscow\n\n### Why the old channels matter\n\nAnna Example\n\nMar 05, 2024\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example"]
    assert not any(r.startswith("authors uncertain") for r in meta.reasons)


def test_it_knows_the_news_agencies_of_datelines():
    meta = run(f"Talks resume\n\nWASHINGTON (AP) — {P1}\n\n{P2}\n")
    assert meta.source.value["name"] == "Associated Press"


def test_it_takes_the_headline_over_the_dek_under_a_newsletters_name():
    meta = run(f"Example Notes\nSubscribe\nThe Quiet Return of Old Politics\nWhat the new alignments tell us about the decade\n"
               f"Anna Example\nMar 05, 2024\n{P1}\n\n{P2}\n")
    assert meta.title.value == "The Quiet Return of Old Politics"
    assert [a.name for a in meta.authors] == ["Anna Example"]


def test_it_removes_a_list_of_teasers_with_their_dates():
    meta = run(f"Talking to Moscow Again\n\n{P1}\n\n{P2}\n\nMore from Anna Example\nWhy the Arctic Matters Again\n"
               "November 1, 2023\nThe Baltic Question\nBoris Sample\nOctober 2, 2023\n")
    assert body(meta) == "\n\n".join([P1, P2])
    assert meta.date is None


def test_it_takes_names_alone_as_the_title_when_no_headline_stands_above():
    meta = run(f"Anna Example and Boris Sample\n\nBy Chen Placeholder\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Anna Example and Boris Sample"
    assert [a.name for a in meta.authors] == ["Chen Placeholder"]


def test_it_does_not_take_a_charts_credit_as_the_source():
    meta = run(f"{P1}\n\nSource: Reuters\n\n{P2}\n")
    assert meta.source is None


def test_it_reads_the_byline_and_time_under_a_saved_pages_headline():
    from archive.ingest.html import page_metadata

    html = (f"<html><body><h1>Talking to Moscow Again</h1><div class='article-byline'>By Anna Example and Boris "
            f"Sample</div><time datetime='2023-06-12'>June 12, 2023</time><p>{P1}</p><p>{P2}</p>"
            f"<aside><time datetime='2022-05-03'>May 3, 2022</time><span class='author'>Chen Placeholder</span></aside>"
            f"</body></html>")
    meta = page_metadata(html)
    assert meta["author"] == ["Anna Example and Boris Sample"]
    assert meta["date"] == "2023-06-12"


def test_it_takes_the_source_from_a_known_publisher_in_the_pages_title():
    meta = run(f"{P1}\n\n{P2}\n", html_meta={"html_title": "Talking to Moscow Again | Chatham House"})
    assert meta.source.value["name"] == "Chatham House"
    assert meta.title.value == "Talking to Moscow Again"


def test_it_reads_the_genre_from_a_saved_pages_eyebrow():
    from archive.ingest.html import page_metadata

    meta = page_metadata(f"<html><body><span class='eyebrow'>Commentary</span><h1>Talking to Moscow Again</h1>"
                         f"<p>{P1}</p></body></html>")
    assert run(f"{P1}\n\n{P2}\n", html_meta=meta).genre.value == "Commentary"


def test_it_takes_each_author_from_a_joint_note_in_capitals_when_no_byline_names_them():
    note = ("ANNA EXAMPLE is a Senior Fellow at the Example Institute. She has written widely on arms control. "
            "BORIS SAMPLE is Professor of History at Example University.")
    meta = run(f"Talking to Moscow Again\n\n{P1}\n\n{P2}\n\n{note}\n")
    assert [(a.name, a.bio.split(" is ")[0]) for a in meta.authors] == [
        ("Anna Example", "ANNA EXAMPLE"), ("Boris Sample", "BORIS SAMPLE")]


@pytest.mark.parametrize("byline", ["Reviewed by Anna Example", "Text: Anna Example", "Текст: Anna Example", "Anna Example, Senior Fellow, Example Institute"])
def test_it_reads_more_forms_of_byline(byline):
    meta = run(f"Talking to Moscow Again\n\n{byline}\n\nMarch 3, 2024\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example"]
    assert meta.title.value == "Talking to Moscow Again"


def test_it_does_not_take_the_author_of_a_reviewed_book_as_the_author():
    meta = run(f"Book Review\nThe Long Game Revisited\nReviewed by Boris Sample\n"
               f"The Long Game: Strategy for a Divided World. By Anna Example. Example Press, 2023, 320 pp.\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Boris Sample"]


def test_it_reads_a_journals_masthead_for_its_date_and_source():
    meta = run(f"Russia in Global Affairs, Vol. 21, No. 2, April–June 2023, pp. 45–67\nDOI: 10.1234/5678-2023-21-2-45\n\n"
               f"Talking to Moscow Again\n\nAnna Example\nExample University, Moscow\n\n{P1}\n\n{P2}\n")
    assert meta.date.value == (datetime.date(2023, 4, 1), "month", "published")
    assert meta.source.value["name"] == "Russia in Global Affairs"
    assert meta.title.value == "Talking to Moscow Again"


def test_it_takes_a_series_number_for_the_kind_of_paper_not_the_title():
    meta = run(f"WORKING PAPER 2023/04\n\nTalking to Moscow Again\n\nBy Anna Example\n\n{P1}\n\n{P2}\n")
    assert (meta.title.value, meta.genre.value) == ("Talking to Moscow Again", "Paper")


def test_it_does_not_take_a_papers_section_heading_for_a_name():
    meta = run(f"Talking to Moscow Again\n\nBy Anna Example\n\nExecutive Summary\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Anna Example"]


def test_it_joins_a_headline_printed_over_two_lines():
    meta = run(f"Water and Power:\nThe Politics of Rivers in Central Asia\n\nAnna Example\nExample University\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Water and Power: The Politics of Rivers in Central Asia"


def test_it_keeps_an_authors_position_past_a_social_media_handle():
    meta = run(f"Talking to Moscow Again\n\nAnna Example\n@annaexample\nSenior Fellow, Example Institute\n\n{P1}\n\n{P2}\n")
    assert meta.authors[0].bio == "Senior Fellow, Example Institute."
    assert "@annaexample" not in body(meta)


@pytest.mark.parametrize("rubric, genre", [("Policy Paper", "Paper"), ("Review Essay", "Review"), ("Колонка", "Op-ed")])
def test_it_reads_more_rubrics_as_genres(rubric, genre):
    meta = run(f"{rubric}\n\nTalking to Moscow Again\n\nBy Anna Example\n\n{P1}\n\n{P2}\n")
    assert meta.genre.value == genre


def test_it_keeps_an_organisation_described_in_the_first_person_plural_within_the_text():
    text = ("The Example Council is a regional organization with a weak secretariat, and we should not expect it to "
            "settle disputes that its members have no wish to settle.")
    long_p = f"{P2} {P3}"
    assert "regional organization" in body(run(f"{P1}\n\n{text}\n\n{long_p}\n"))


def test_it_keeps_the_text_after_a_comment_button_in_the_middle_of_a_post():
    meta = run(f"# Talking to Moscow Again\n\n{P1}\n\n[Leave a comment](https://example.org/p/talking/comments)\n\n{P2}\n")
    assert body(meta) == "\n\n".join([P1, P2])


@pytest.mark.parametrize("first, second", [("Rethinking Sanctions on", "Venezuela"),
                                           ("Why Small States Bet on the", "Rules-Based Order"),
                                           ("Arms Control after New START: A Conversation with", "Olga Example")])
def test_it_joins_a_headline_broken_after_a_word_it_cannot_end_on(first, second):
    meta = run(f"POLICY BRIEF | October 2020\n\n{first}\n{second}\n\nAnna Example and Ben Sample\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == f"{first} {second}"
    assert [a.name for a in meta.authors] == ["Anna Example", "Ben Sample"]



def test_it_keeps_paragraphs_about_people_in_an_unsigned_article_as_text():
    people = ("Dmitri Example, a former deputy foreign minister, was among the first to suggest that the "
              "capital expected something in return for its help.")
    expert = ("Aigerim Sample is a researcher at a university in Almaty who studies the politics of the region, "
              "and she said the room for manoeuvre had grown.")
    meta = run(f"Kazakhstan recalibrates its ties after the unrest\n\n{P1}\n\n{people}\n\n{expert}\n\n{P2}\n\n{P3}\n")
    assert meta.authors == []
    assert [b["text"] for b in meta.body] == [P1, people, expert, P2, P3]
    assert "no author named in the capture" in meta.reasons


def test_it_takes_the_note_under_an_unsigned_text_as_its_authors():
    note = "Aigerim Sample is a researcher at the Example Institute in Almaty."
    meta = run(f"Kazakhstan recalibrates its ties after the unrest\n\n{P1}\n\n{P2}\n\n{note}\n")
    assert [a.name for a in meta.authors] == ["Aigerim Sample"]
    assert note not in body(meta)


@pytest.mark.parametrize("after", [
    "Trending\n\nGreenland and the New Great Game\nAnna Example\n12 January 2023\n",
    "Responses\n\nLevon Example\n4 March 2021 at 10:12 pm\nA fair summary, though I would add the view from Yerevan.\n",
    "Chronology\n\n27 September 2020\nFighting resumes along the line of contact.\n",
])
def test_it_does_not_take_a_date_from_under_the_text_for_an_undated_article(after):
    meta = run(f"Why the Arctic Council Still Matters\n\n{P1}\n\n{P2}\n\n{after}")
    assert meta.date is None
    assert any(r.startswith("no date in the capture") for r in meta.reasons)


def test_it_takes_a_labelled_publication_date_under_the_text():
    meta = run(f"Why the Arctic Council Still Matters\n\n{P1}\n\n{P2}\n\nPublished: 3 May 2021\n")
    assert meta.date.value[0] == datetime.date(2021, 5, 3)


def test_it_does_not_date_an_article_by_its_files_upload_folder():
    meta = run(f"Water Security in Central Asia\n\nOriginal URL: "
               f"https://www.example-institute.org/wp-content/uploads/2019/05/paper-12.pdf\n\n{P1}\n\n{P2}\n")
    assert meta.url.value.endswith("/2019/05/paper-12.pdf")
    assert meta.date is None


@pytest.mark.parametrize("byline, names", [
    ("By Jesús Martínez Ortega and Małgorzata Wójcik", ["Jesús Martínez Ortega", "Małgorzata Wójcik"]),
    ("By François Géré and Élise Müller-Lefèvre", ["François Géré", "Élise Müller-Lefèvre"]),
    ("Von Karl-Heinz Müller und Jürgen Weiß", ["Karl-Heinz Müller", "Jürgen Weiß"]),
    ("By Søren Ækjær Hansen", ["Søren Ækjær Hansen"]),
    ("By Fiona MacDonald and Liam O'Neill", ["Fiona MacDonald", "Liam O'Neill"]),
    ("By Rafael D'Souza and Nguyen Van An", ["Rafael D'Souza", "Nguyen Van An"]),
    ("By Omar al-Khatib", ["Omar al-Khatib"]),
    ("By Jane Example with John Sample", ["Jane Example", "John Sample"]),
    ("Marta Example in Warsaw and Tomas Sample in Vilnius", ["Marta Example", "Tomas Sample"]),
    ("By JANE HOLLOWAY and PEETER TAMM", ["Jane Holloway", "Peeter Tamm"]),
    ("By Helena Example, Chatham House, and Rafael Sample, Sciences Po", ["Helena Example", "Rafael Sample"]),
    ("Jane Example, Chatham House", ["Jane Example"]),
])
def test_it_reads_names_in_any_alphabet_and_common_byline_forms(byline, names):
    meta = run(f"Talking to Moscow Again\n\n{byline}\n\n3 March 2021\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == names
    assert meta.title.value == "Talking to Moscow Again"


@pytest.mark.parametrize("line", ["March 3, 2021 by Jane Example", "Jane Example · 3 March 2021 · 8 min read",
                                  "Jane Example — 3 March 2021"])
def test_it_reads_a_byline_with_its_date_in_blog_forms(line):
    meta = run(f"Talking to Moscow Again\n\n{line}\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Jane Example"]
    assert meta.date.value[0] == datetime.date(2021, 3, 3)


@pytest.mark.parametrize("word", ["NATO", "USA", "2021", "Long-neglected", "Jean-"])
def test_it_does_not_take_acronyms_numbers_or_broken_words_for_names(word):
    from archive.ingest.patterns import looks_like_name

    assert not looks_like_name(f"{word} Example")


@pytest.mark.parametrize("top", [
    "Eurasia Briefing Service\nHome | Regions | Topics | About",
    "The Caucasus Desk\nNotes on politics from Tbilisi to Baku",
    "Geopolitical Example Hub\nAnalysis",
])
def test_it_takes_the_headline_over_the_text_rather_than_the_sites_name(top):
    meta = run(f"{top}\nKazakhstan recalibrates its ties with Moscow after the unrest\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Kazakhstan recalibrates its ties with Moscow after the unrest"


def test_it_does_not_take_a_photo_credit_for_the_headline():
    meta = run(f"FEATURES\nThe Coming Fight Over the Indian Ocean\nBy Rohan Example\nJune 2, 2022\n"
               f"Photograph by Lakshmi Example for The Global Review\n{P1}\n\n{P2}\n")
    assert meta.title.value == "The Coming Fight Over the Indian Ocean"
    assert "Photograph" not in body(meta)


def test_it_drops_the_sites_name_from_a_printed_pages_title():
    meta = run(f"The Quiet Diplomacy of Oman | Gulf Affairs Forum\n\nBy Anna Example\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "The Quiet Diplomacy of Oman"


def test_it_joins_a_headline_broken_after_a_possessive():
    meta = run(f"Portugal and the Atlantic Alliance: A Small State’s\nStrategy\nAna Example and Tiago Sample\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Portugal and the Atlantic Alliance: A Small State’s Strategy"


def test_it_takes_the_publication_date_stated_beside_an_update():
    meta = run(f"The Sahel After France\n\nBy Moussa Example\n\nUpdated March 5, 2021 | Published March 3, 2021\n\n{P1}\n\n{P2}\n")
    assert meta.date.value == (datetime.date(2021, 3, 3), "day", "published")


def test_it_dates_a_paper_by_its_cover_line_naming_only_its_kind():
    meta = run(f"POLICY BRIEF | February 2020\n\nKeeping the Channels Open\n\nAnna Example\n\n{P1}\n\n{P2}\n\n{P3}\n")
    assert meta.title.value == "Keeping the Channels Open"
    assert meta.date.value[:2] == (datetime.date(2020, 2, 1), "month")
    assert meta.genre.value == "Paper"


def test_it_reads_a_german_dateline_under_the_byline():
    meta = run(f"Die Kanäle offen halten\n\nVon Anna Beispiel\n\nVeröffentlicht am 3. März 2023, 14:05 Uhr\n\n{P1}\n\n{P2}\n")
    assert meta.date.value[:2] == (datetime.date(2023, 3, 3), "day")


def test_it_keeps_a_list_of_points_that_opens_the_text():
    meta = run("Home | Research | Events\n\nPolicy Brief\n\nEurope's Energy Bargain\n\nMaria Example\n\n"
               "Published 12 May 2022\n\nThree things stand out.\n\n"
               "- Gas deliveries through the southern corridor doubled in two years.\n"
               "- Baku has used the leverage to soften criticism of its conduct.\n"
               "- The union has no plan for the day demand falls.\n\n"
               f"{P1}\n\n{P2}\n\n{P3}\n")
    assert [b["type"] for b in meta.body[:5]] == ["paragraph", "item", "item", "item", "paragraph"]
    assert meta.body[0]["text"] == "Three things stand out."
    assert meta.title.value == "Europe's Energy Bargain"


def test_it_keeps_a_summary_heading_and_its_points_before_the_text():
    meta = run(f"Keeping the Channels Open\n\nAnna Example\n\nKey takeaways\n\n"
               "• Both capitals still use the hotline and want to keep it.\n"
               "• Consular talks are the easiest place to start again.\n\n"
               f"{P1}\n\n{P2}\n")
    assert [b["text"] for b in meta.body[:2]] == ["Key takeaways", "Both capitals still use the hotline and want to keep it."]


def test_it_leaves_a_menu_of_bullets_before_the_text_out():
    meta = run(f"- Home\n- Research\n- Regions\n- About us\n\nKeeping the Channels Open\n\nAnna Example\n\n{P1}\n\n{P2}\n")
    assert body(meta).startswith(P1[:40])


LONG = ("The sanctions regime has grown more elaborate with every administration, yet the behaviour it was meant "
        "to change has barely moved, and the reasons lie less in enforcement than in the design of the measures "
        "themselves, as officials privately admit.")


@pytest.mark.parametrize("widget", [
    "Read more: How the nuclear deal unravelled",
    "READ NEXT » The envoy who came in from the cold",
    "Rate this article: ★★★★☆ (4.2/5, 38 votes)",
    "Average rating 4.5 / 5. Vote count: 12",
    "Support independent journalism. Donate today to keep our reporting free for everyone.",
    "If you enjoyed this article, please consider making a donation.",
    "Become a member and help us keep our analysis open to all.",
    "You are receiving this email because you subscribed to our newsletter.",
    "Unsubscribe | Manage preferences | View in browser",
])
def test_it_drops_widgets_set_into_the_text_and_keeps_the_paragraph_before_them(widget):
    out = body(run(f"Why Sanctions Keep Failing\n\nBy Peter Example\n\n{LONG}\n\n{widget}\n\n{P1}\n\n{P2}\n"))
    assert out.startswith(LONG)
    assert widget not in out
    assert P2 in out


def test_it_keeps_a_long_first_paragraph_over_a_line_it_does_not_know():
    out = body(run(f"Why Sanctions Keep Failing\n\nBy Peter Example\n\n{LONG}\n\n"
                   f"A man walks past a mural on the wall of the former embassy\n\n{P1}\n\n{P2}\n"))
    assert out.startswith(LONG)


PAPER = """EUROPEAN COUNCIL ON EXAMPLE RELATIONS
POLICY BRIEF | February 2020

Turkey's Balancing Act in the Black Sea

Anna Example and Mehmet Örnek

Summary
• Ankara controls access to the Black Sea and uses the Montreux Convention to keep both Russia and
NATO at arm's length.
• Europe should treat Turkey as a partner on maritime security rather than a gatekeeper.

Introduction
Since 2014 the Black Sea has become a zone of confrontation between Russia and the West, and Turkey
sits at its only gate. The Montreux Convention of 1936 gives Ankara the right to limit the passage of
warships in wartime, a right it invoked in February 2022 for the first time in decades.1
Turkish officials describe their policy as balance. They sell drones to Ukraine while refusing to join
sanctions on Russia, and they host talks between the two while buying Russian gas.2

EXAMPLE.EU                                                                                       2

Turkey's Balancing Act in the Black Sea
This balance has served Ankara well, but it depends on both sides accepting Turkey's role as an
arbiter. Should the war end in a frozen conflict, Russia will press for more freedom of passage and
the alliance for a larger presence, and Ankara will be asked to choose.

Notes
1 Montreux Convention Regarding the Regime of the Straits, 20 July 1936, Article 21.
2 "Turkey signs new gas deal with Russia", Example News, 4 August 2022.

EXAMPLE.EU                                                                                       3
"""


def test_it_reads_a_printed_papers_masthead_as_its_source_not_its_headline():
    meta = run(PAPER)
    assert meta.title.value == "Turkey's Balancing Act in the Black Sea"
    assert meta.source.value["name"] == "European Council on Example Relations"
    assert [a.name for a in meta.authors] == ["Anna Example", "Mehmet Örnek"]


def test_it_keeps_a_papers_summary_with_its_wrapped_points():
    blocks = run(PAPER).body
    assert blocks[0]["text"] == "Summary"
    assert blocks[1] == {"type": "item", "text": "Ankara controls access to the Black Sea and uses the Montreux "
                                                 "Convention to keep both Russia and NATO at arm's length."}


def test_it_drops_a_papers_running_header_footer_and_notes():
    out = body(run(PAPER))
    assert "Turkey's Balancing Act" not in out
    assert "EXAMPLE.EU" not in out
    assert "Montreux Convention Regarding" not in out and "Notes" not in out
    assert "buying Russian gas. This balance" not in out  # two paragraphs still
    assert "buying Russian gas." in out and "gas.2" not in out
    assert out.endswith("and Ankara will be asked to choose.")


def test_it_keeps_numbered_recommendations_at_the_end_of_the_text():
    out = body(run(f"Keeping the Channels Open\n\nBy Anna Example\n\n{P1}\n\n{P2}\n\n"
                   "1 Reopen the consulates closed in 2018 and restore their staff.\n\n"
                   "2 Resume the scientific exchanges suspended in 2020.\n"))
    assert out.endswith("Resume the scientific exchanges suspended in 2020.")


def test_it_dates_a_journal_by_its_masthead_and_takes_the_source_from_it_not_from_an_affiliation():
    meta = run("RUSSIA IN GLOBAL AFFAIRS      VOL. 21 • No. 3 • JULY – SEPTEMBER • 2023\n\n"
               "The Arctic After the Pause\n\nAnna P. Example, PhD in History\nMGIMO University, Moscow, Russia\n"
               f"Associate Professor\n\n{P1}\n\n{P2}\n\n{P3}\n")
    assert meta.date.value[:2] == (datetime.date(2023, 7, 1), "month")
    assert meta.source.value["name"] == "Russia in Global Affairs"


def test_it_takes_a_publisher_in_an_authors_block_as_the_source_only_when_nothing_else_names_one():
    meta = run(f"The Arctic After the Pause\n\nAnna P. Example, PhD in History\nMGIMO University, Moscow, Russia\n\n{P1}\n\n{P2}\n")
    assert meta.source.value["name"] == "MGIMO University"
    assert meta.source.confidence < 0.8


@pytest.mark.parametrize("share", [
    "Compartir en WhatsApp\nCompartir en Facebook\nCopiar enlace\nComentarios",
    "Partager sur Facebook\nPartager sur X\nImprimer\nCommentaires",
    "Teilen\nDrucken\nLink kopieren\nKommentare",
])
def test_it_knows_share_buttons_in_other_languages(share):
    meta = run(f"Le dilemme du voisinage\n\nAlejandro Núñez Ibarra\n12 May 2023\n\n{share}\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Le dilemme du voisinage"
    assert [a.name for a in meta.authors] == ["Alejandro Núñez Ibarra"]


def test_it_tells_the_headline_under_a_menu_from_the_menu():
    menu = "\n".join(["Themen", "Deutschland", "Welt", "Wirtschaft", "Kultur", "Sprache wählen", "Deutsch", "Live TV"])
    meta = run(f"Zum Inhalt springen\nDW\n{menu}\n\nPolitik\nZentralasien\n\n"
               "Kasachstan sucht neue Partner jenseits von Moskau\n\n"
               "Seit dem russischen Angriff auf die Ukraine bemüht sich Kasachstan um mehr Distanz zu Russland. "
               "Doch die wirtschaftlichen Abhängigkeiten sind groß.\n\n"
               f"Katharina Weiß\nVeröffentlicht am 05.06.2023\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Kasachstan sucht neue Partner jenseits von Moskau"
    assert [a.name for a in meta.authors] == ["Katharina Weiß"]


def test_it_drops_what_follows_the_last_paragraph_a_disclaimer_teasers_and_a_call_to_subscribe():
    out = body(run(f"Why Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{P2}\n\n{P3}\n\n"
                   "Example Endowment does not take institutional positions on public policy issues; the views "
                   "represented herein are those of the author(s) and do not necessarily reflect the views of the "
                   "Endowment, its staff, or its trustees.\n\n"
                   "Related Analysis\nCan the Eurasian Union Survive the War?\nJohn Roe | August 30, 2023\n\n"
                   "Get more news and analysis from the Example Endowment\nEmail Address\n"))
    assert out.endswith(P3)


def test_it_keeps_a_short_last_section_under_its_heading():
    out = body(run(f"Why Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{P2}\n\nConclusion\n\nThe talks can resume in spring.\n"))
    assert out.endswith("Conclusion\n\nThe talks can resume in spring.")


@pytest.mark.parametrize("tail", [
    "Sur le même thème\n» Russie–Afrique : la stratégie de l’influence\n» Le Niger après le coup d’État",
    "## Contenido relacionado\n\n* El Sahel tras la retirada francesa — 5 de diciembre de 2023",
    "Les opinions exprimées dans ce texte n’engagent que la responsabilité des auteurs.",
    "The Example Council is a nonpartisan organization that galvanizes leadership and engagement in the world.",
    "The Interpreter features daily commentary and analysis on the big international questions.",
    "Comments are moderated. Please keep discussion civil.",
])
def test_it_drops_furniture_under_the_text_in_several_languages(tail):
    out = body(run(f"Why Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{P2}\n\n{tail}\n"))
    assert out.endswith(P2)


def test_it_reads_an_authors_note_in_french_as_a_note():
    meta = run(f"Le Sahel après Barkhane\n\nHélène Exemple\n\n{P1}\n\n{P2}\n\n"
               "Hélène Exemple est chercheuse au Centre Afrique subsaharienne de l’Institut.\n")
    assert body(meta).endswith(P2)
    assert meta.authors[0].bio.startswith("Hélène Exemple est chercheuse")


@pytest.mark.parametrize("teaser", ["Lee también: La nueva política exterior de Marruecos",
                                    "Lesen Sie auch: Usbekistan öffnet sich – aber nur vorsichtig",
                                    "Читайте также: Казахстан наращивает экспорт"])
def test_it_drops_a_teaser_set_into_the_text_in_other_languages(teaser):
    out = body(run(f"Why Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{teaser}\n\n{P2}\n\n{P3}\n"))
    assert teaser.split(":")[0] not in out


def test_it_keeps_the_first_paragraph_when_the_page_repeats_it_under_the_text():
    meta = run(f"Analytics and Comments / Middle East\n\nWhy Moscow Wants the Gulf Neutral\n\n14 марта 2023 г.\n\n"
               f"Dmitry Example\n\n{P1}\n\n{P2}\n\n{P3}\n\n{P1}\n\nRate this article\n")
    assert meta.title.value == "Why Moscow Wants the Gulf Neutral"
    assert [b["text"] for b in meta.body] == [P1, P2, P3]


def test_it_leaves_a_standfirst_over_the_date_out_of_the_text():
    dek = "New Delhi's talk of a multipolar world hides a narrower goal: preventing Chinese dominance nearby."
    meta = run(f"India Wants a Multipolar Asia\n\n{dek}\n\nJune 20, 2023, 6:00 AM\n\n{P1}\n\n{P2}\n")
    assert body(meta).startswith(P1)
    assert meta.title.value == "India Wants a Multipolar Asia"


@pytest.mark.parametrize("line, holder", [
    ("© 2019–2024 The Caucasus Example. All rights reserved.   Privacy   Terms", "The Caucasus Example"),
    ("ECFR is a registered charity in England and Wales. © ECFR 2024", "ECFR"),
    ("Copyright: Project Syndicate, 2023.", "Project Syndicate"),
    ("© 2023 Example Media Inc. All Rights Reserved.", "Example Media"),
    ("© 2024 Real Instituto Elcano · [Aviso legal](#)", "Real Instituto Elcano"),
    ("© АО «Коммерсантъ». Все права защищены.", "Коммерсантъ"),
    ("© 2023 All Rights Reserved", None),
    ("Copyright Information", None),
])
def test_it_reads_who_a_copyright_line_names(line, holder):
    from archive.ingest.extract import copyright_holder

    assert copyright_holder(line) == holder


def test_it_takes_a_publisher_the_list_does_not_know_from_its_copyright_line_but_not_a_person():
    assert run(f"{P1}\n\n{P2}\n\n© 2019–2024 The Caucasus Example. All rights reserved.\n").source.value["name"] == \
        "The Caucasus Example"
    assert run(f"{P1}\n\n{P2}\n\n© 2023 Tom Example-Nguyen\n").source is None


def test_it_reads_a_byline_in_capitals_with_a_mark_and_the_notes_about_its_authors():
    meta = run("SIPRI Policy Brief\nNovember 2022\n\nARMS TRANSFERS TO THE GULF\n\nNILS ÅKESSON AND PRIYA EXAMPLE*\n\n"
               f"{P1[:-1]}.1\n\n{P2}\n\n{P3}\n\n1 Wezeman, P. D. et al., 'Trends in arms transfers, 2021', Fact Sheet, Mar. 2022.\n\n"
               "ABOUT THE AUTHORS\n\nNils Åkesson is a Researcher in the Arms Transfers Programme.\n\n"
               "Priya Example is a Senior Researcher in the Arms Transfers Programme.\n")
    assert [a.name for a in meta.authors] == ["Nils Åkesson", "Priya Example"]
    assert meta.authors[0].bio.startswith("Nils Åkesson is a Researcher")
    assert body(meta).endswith(P3)


def test_it_knows_the_bullets_of_a_symbol_font():
    meta = run(f"Keeping the Channels Open\n\nAnna Example\n\nSummary\n\uf0b7 Both capitals still use the hotline and want to keep it.\n"
               f"\uf0b7 Consular talks are the easiest place to start again.\n\n{P1}\n\n{P2}\n")
    assert meta.body[1] == {"type": "item", "text": "Both capitals still use the hotline and want to keep it."}


@pytest.mark.parametrize("byline, names", [
    ("Authors: Li Example, Peking University, and Park Ji-hoon, Seoul National University", ["Li Example", "Park Ji-hoon"]),
    ("By Nadia Al-Example and Tomás Ó Briain", ["Nadia Al-Example", "Tomás Ó Briain"]),
    ("By [10]Marcus Example, [11]Ingrid Sample, and [12]Wei-Lin Chou", ["Marcus Example", "Ingrid Sample", "Wei-Lin Chou"]),
    ("Par Claire Exemple et Julien Moreau", ["Claire Exemple", "Julien Moreau"]),
])
def test_it_reads_names_of_many_forms_in_a_byline(byline, names):
    assert [a.name for a in run(f"Why Talks Fail\n\n{byline}\n\n{P1}\n\n{P2}\n").authors] == names


def test_it_reads_markdowns_underlined_headings():
    meta = run("[Sign in](https://example.org/signin)\n\nAfrica's New Scramble Is About Minerals\n=======================\n\n"
               "Why the competition for cobalt gives governments more leverage\n----------------------------\n\n"
               f"Kwame Example\n\nJun 3, 2023\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Africa's New Scramble Is About Minerals"
    assert "=====" not in body(meta) and body(meta).startswith(P1)


def test_it_keeps_a_paragraph_that_ends_by_giving_an_address():
    last = ("The participants agreed to hold the next dialogue in 2024. For further information, please contact the "
            "Bureau of Example Affairs at press@example.gov.")
    assert body(run(f"Maritime Dialogue Concludes\n\n{P1}\n\n{P2}\n\n{last}\n")).endswith(last)


def test_it_drops_a_call_for_contributions_with_its_address():
    call = ("Have an idea for a Commentary you’d like to write for us? Send a short pitch to commentaries@example.org "
            "and we’ll get back to you if it fits into our research interests.")
    assert call not in body(run(f"Why Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{P2}\n\n{call}\n"))


def test_it_leaves_a_summary_over_a_dated_story_out_of_the_text():
    story = ("NEW DELHI – Every major economy now has a critical-minerals strategy, and each of them subsidises "
             "mines and refineries at home while courting the same producers abroad for long-term supply contracts.")
    summary = "Rather than competing among themselves, the democracies should form a buyers' club for minerals."
    out = body(run(f"The Case for a Minerals Club\n\nJun 12, 2023\nKaushik Example\n\n{summary}\n\n{story}\n\n{P1}\n"))
    assert out.startswith(story)


def test_it_takes_the_headline_under_a_section_name_over_its_longer_dek():
    meta = run("Газета «Коммерсантъ» №176 от 21.09.2023, стр. 6\n\nМир\n\nЦентральная Азия выбирает равноудаленность\n\n"
               "Страны региона расширяют контакты с Западом и Китаем, не порывая с Москвой\n\n21.09.2023, 14:05\n\n"
               f"Андрей Литвинов\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Центральная Азия выбирает равноудаленность"


def test_it_leaves_a_standfirst_over_the_share_buttons_out_of_the_text():
    meta = run("Opinion|Politics\nSarah Example\n\nPublished On 7 Dec 2023\n\n"
               "The BRICS expansion is a victory for symbolism over substance\n\n"
               "Adding six new members makes the group look bigger. It does not make it more coherent.\n\n"
               f"Save\nFacebook\nTwitter\nWhatsApp\nCopy link\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "The BRICS expansion is a victory for symbolism over substance"
    assert body(meta).startswith(P1)


def test_it_keeps_a_short_first_paragraph_over_an_advertisement():
    first = "The talks collapsed on Tuesday, and neither side has said when they will resume."
    out = body(run(f"Why Talks Fail\n\nBy Anna Example\n\n{first}\n\nAdvertisement\n\n{P1}\n\n{P2}\n"))
    assert out.startswith(first)


JOURNAL = """RUSSIA IN GLOBAL AFFAIRS                    VOL. 21 • No. 3 • JULY – SEPTEMBER • 2023

The Arctic After the Pause:
Can Regional Governance Survive?

Anna P. Example

For more than a quarter of a century the Arctic Council was held up as proof that
regional cooperation could outlast tensions elsewhere.1 Its working groups produced
assessments of pollution and shipping that were used by governments and scientists alike.
In March 2022 seven of the eight members paused participation, and projects with joint
access to Russian

88                                                        RUSSIA IN GLOBAL AFFAIRS

1 Koivurova, T. (2016) Arctic Governance: Still a Model? Polar Record, 52(3), pp. 301-311.

The Arctic After the Pause
territory, which accounts for roughly half of the Arctic coastline, have been suspended
since then, and the data series that depended on them have gaps that cannot be filled.

Russian officials have responded in two ways, insisting that Moscow remains a full member
and building new partnerships with Asian states that have no seat at the council's table.2

2 Kommersant (2023) Rossiya predlozhila partneram po BRIKS sozdat' nauchnuyu stantsiyu na
Shpitsbergene. 12 April.
"""


def test_it_drops_the_notes_at_a_printed_pages_foot_and_joins_the_paragraph_they_cut():
    meta = run(JOURNAL)
    out = body(meta)
    assert meta.title.value == "The Arctic After the Pause: Can Regional Governance Survive?"
    assert "Koivurova" not in out and "Kommersant" not in out and "Shpitsbergene" not in out
    assert "joint access to Russian territory, which accounts" in out
    assert "The Arctic After the Pause" not in out
    assert out.endswith("no seat at the council's table.")


def test_it_reads_a_newsletters_header_with_its_counters_and_dated_comments():
    meta = run("Statecraft Notes\nSubscribe\nSign in\n\nShare this post\nStatecraft Notes\nThe Grain Deal Was Never About Grain\n"
               "Copy link\nFacebook\nEmail\nNotes\nMore\n\nThe Grain Deal Was Never About Grain\n"
               "What the collapse of the Black Sea Initiative tells us about Turkey and the UN\nTom Example-Nguyen\n"
               f"Aug 02, 2023\n47\n12\nShare\n\n{P1}\n\n{P2}\n\n{P3}\n\nDiscussion\n\nGabriela Example\nAug 03, 2023\n"
               "Great piece, thank you.\n\nStefan Sample\nAug 04, 2023\nI disagree with the second point.\n")
    assert meta.title.value == "The Grain Deal Was Never About Grain"
    assert [a.name for a in meta.authors] == ["Tom Example-Nguyen"]
    assert meta.date.value[0] == datetime.date(2023, 8, 2)


@pytest.mark.parametrize("line, name", [
    ("Forwarded from European Pravda", "European Pravda"),
    ("rp.pl", "Rzeczpospolita"),
    ("The Interpreter | Lowy Institute", "Lowy Institute"),
    ("From Wikipedia, the free encyclopedia", "Wikipedia"),
])
def test_it_reads_the_source_from_a_line_over_the_text(line, name):
    assert run(f"{line}\n\nWhy Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{P2}\n").source.value["name"] == name


def test_it_takes_no_publisher_from_the_authors_copyright():
    assert run(f"{P1}\n\n{P2}\n\n© The Author(s) 2022. Published under a licence.\n").source is None


def test_it_keeps_a_byline_under_a_headline_in_a_block_of_short_lines_apart():
    meta = run("The Pacific's new security map is being drawn in small rooms\nby Sam Example\n"
               f"The Interpreter | Lowy Institute\n\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "The Pacific's new security map is being drawn in small rooms"
    assert [a.name for a in meta.authors] == ["Sam Example"]


@pytest.mark.parametrize("line", ["As Prepared for Delivery", "View Original", "Try Premium for $0"])
def test_it_knows_more_furniture(line):
    meta = run(f"{line}\n\nRemarks on Critical Minerals\n\nBy Anna Example\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Remarks on Critical Minerals"


def test_it_removes_a_wikis_citation_and_edit_marks():
    out = body(run(f"Kellogg–Briand Pact\n\nBackground[edit]\n\n{P1[:-1]}.[6]\n\n{P2}\n"))
    assert "[edit]" not in out and "[6]" not in out


@pytest.mark.parametrize("line", ["9–11 minut", "Lesezeit: 4 Minuten", "48 312 subscribers", "WASHINGTON, DC",
                                  "Received 14 October 2021; accepted 2 March 2022",
                                  "Issue 2/2023 · Europe & the Western Balkans · 22/05/2023"])
def test_it_takes_no_headline_from_a_line_of_metadata_by_the_date(line):
    meta = run(f"Enlargement Without Illusions\n\n{line}\n\nMarch 3, 2023\n\nAnna Example\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Enlargement Without Illusions"


def test_it_reads_an_interviews_byline():
    meta = run(f"“We Cannot Let Moldova Become the Next Front Line”\n\nInterview Conducted By Katrin Example and "
               f"Jonas Sample in Chișinău\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Katrin Example", "Jonas Sample"]


def test_it_takes_the_headline_over_the_byline_not_the_standfirst_under_it():
    meta = run("Opinion\nNato\n\nOpinion\nEurope keeps outsourcing its security to Washington. The bill is coming due\n"
               "Helena Example\nThe alliance's eastern members understood this a decade ago. Now Berlin and Paris must "
               f"catch up – and pay\nMon 4 Mar 2024 06.00 GMT\n\nShare\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Europe keeps outsourcing its security to Washington. The bill is coming due"
    assert [a.name for a in meta.authors] == ["Helena Example"]


@pytest.mark.parametrize("heading", ["Yorumlar (12)", "Top comments", "· 23 comments · 41 reposts", "Commentaires"])
def test_it_drops_readers_comments_under_headings_of_many_sites(heading):
    out = body(run(f"Why Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{P2}\n\n{heading}\n\n"
                   "Mehmet K.\n05.03.2024 10:12\nÇok dengeli bir analiz, elinize sağlık.\n"))
    assert out.endswith(P2)


@pytest.mark.parametrize("note", ["* Ana Example is a senior researcher at the Belgrade Centre for Security Policy.",
                                  "About the author Ana Example is a senior researcher at the Example Centre."])
def test_it_reads_an_authors_note_with_a_mark_or_its_heading_run_in(note):
    meta = run(f"Why Talks Fail\n\nBy Ana Example\n\n{P1}\n\n{P2}\n\n{note}\n")
    assert body(meta).endswith(P2)


def test_it_leaves_a_standfirst_over_the_lead_pictures_credit_out_of_the_text():
    dek = "Blokada przejść granicznych pokazuje, że relacje Warszawy i Kijowa wchodzą w nowy, trudniejszy etap."
    meta = run(f"Polska i Ukraina: spór zbożowy to dopiero początek\n\nKatarzyna Example\n\n12.01.2024\n\n{dek}\n\n"
               f"Foto: PAP/Jan Example\n\n{P1}\n\n{P2}\n")
    assert body(meta).startswith(P1)


def test_it_keeps_the_lead_paragraph_over_a_table_of_contents():
    lead = ("The Kellogg–Briand Pact, officially the General Treaty for Renunciation of War as an Instrument of National "
            "Policy, is a 1928 international agreement on peace in which signatory states promised not to use war.")
    out = body(run(f"# Kellogg–Briand Pact\n\nFrom Wikipedia, the free encyclopedia\n\n| Type | Treaty |\n|---|---|\n\n{lead}\n\n"
                   f"## Contents\n\n- 1 Background\n- 2 Legacy\n\n## Background\n\n{P1}\n\n## Legacy\n\n{P2}\n"))
    assert out.startswith(lead)
    assert "Contents" not in out and "1 Background" not in out


def test_it_reads_a_speech_its_speaker_forms_of_address_and_closing_words():
    meta = run("Rede von Staatsministerin Dr. Katharina Example beim Forum „Zeitenwende im Indopazifik“\n\n21.11.2023 - Rede\n\n"
               "– Es gilt das gesprochene Wort –\n\nSehr geehrte Damen und Herren,\n\n"
               f"{P1}\n\nMeine Damen und Herren,\n\n{P2}\n\nVielen Dank.\n\nSchlagworte\n\nIndopazifik\n\nChina\n\nDrucken\n")
    assert [a.name for a in meta.authors] == ["Katharina Example"]
    assert [b["text"] for b in meta.body] == ["Sehr geehrte Damen und Herren,", P1, "Meine Damen und Herren,", P2,
                                              "Vielen Dank."]


def test_it_reads_a_name_in_capitals_with_its_position():
    meta = run(f"Remarks on Critical Minerals\n\nMARGARET EXAMPLE, DEPUTY SECRETARY OF STATE\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Margaret Example"]


def test_it_splits_a_wrapped_list_into_its_items_and_drops_a_disclaimer_before_the_text():
    meta = run("Closing the Suwałki Gap\n\nRasa Example\n\nKEY POINTS\n"
               "• Finnish accession has changed the geography of the Baltic Sea region but not the\n"
               "  vulnerability of the land corridor between Poland and Lithuania at all.\n"
               "• Belarus's integration into Russian military planning has made the threat to the\n"
               "  corridor more direct than at any time since the end of the Cold War.\n\n"
               "The views expressed in this publication are solely those of the author and do not necessarily reflect "
               "the position of the Centre or of any government that has funded its work over the years.\n\n"
               f"{P1}\n\n{P2}\n")
    assert [b["type"] for b in meta.body[:3]] == ["heading", "item", "item"]
    assert meta.body[1]["text"].endswith("between Poland and Lithuania at all.")
    assert meta.body[3]["text"] == P1


def test_it_reads_a_channels_repost_its_headline_after_a_pictograph_and_its_source():
    meta = run("Дипломатичний щоденник 🇺🇦\n48 312 subscribers\n\nForwarded from Європейська правда\n"
               "📌 Угорщина знову блокує переговори про вступ України до ЄС\n\nТарас Приклад\n24 лютого 2024, 10:15\n\n"
               f"{P1}\n\n{P2}\n")
    assert meta.title.value == "Угорщина знову блокує переговори про вступ України до ЄС"
    assert meta.source.value["name"] == "European Pravda"
    assert meta.date.value[0] == datetime.date(2024, 2, 24)


def test_it_reads_a_newspapers_issue_line_and_a_byline_set_over_the_headline():
    meta = run("Коммерсантъ\n\nГазета «Коммерсантъ» №84 от 15.05.2023, стр. 6\n\nМарина Приклад\n\n"
               "Центральная Азия выбирает партнеров\nКак саммит «Китай — Центральная Азия» меняет баланс сил в регионе\n\n"
               f"15.05.2023, 07:12\n\nПоделиться\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Центральная Азия выбирает партнеров"
    assert [a.name for a in meta.authors] == ["Марина Приклад"]
    assert meta.date.value[0] == datetime.date(2023, 5, 15)


def test_it_takes_a_series_name_over_the_headline_for_no_author():
    meta = run(f"Briefings de l’Institut\n\nLe Sahel après Barkhane\n\n15 février 2024\n\n{P1}\n\n{P2}\n")
    assert meta.authors == []


def test_it_reads_a_journal_articles_first_page_and_drops_its_back_matter():
    meta = run("Original Article\n\nReview of Example Mediation\n2022, Vol. 17(3) 241–262\n© The Author(s) 2022\n\n"
               "Mediating under fire: Track-two\ndiplomacy in the Nagorno-Karabakh\nconflict, 2016–2020\n\n"
               "Lusine Example1* , Tobias Sample2 and Elif Demir1,3\n\nFirst published online May 18, 2022\n\n"
               f"Introduction\n\n{P1}\n\n{P2}\n\nDeclaration of conflicting interests\nThe authors declared no potential "
               "conflicts of interest with respect to the research.\n\nReferences\n"
               "de Waal T (2021) The End of the Nagorny Karabakh Conflict. Brussels: Carnegie Europe.\n"
               "Kelman HC (2005) Interactive problem solving in the Israeli-Palestinian case. In: Fisher RJ (ed.) Paving the\n"
               "  Way. Lanham: Lexington, pp. 41–63.\n")
    assert meta.title.value == "Mediating under fire: Track-two diplomacy in the Nagorno-Karabakh conflict, 2016–2020"
    assert meta.source.value["name"] == "Review of Example Mediation"
    assert [a.name for a in meta.authors] == ["Lusine Example", "Tobias Sample", "Elif Demir"]
    assert body(meta).endswith(P2)


def test_it_reads_a_reading_lists_export_its_byline_source_and_standfirst():
    meta = run("[← My List](https://getpocket.com/saves)\n\n# How Seoul Learned to Stop Worrying About Tokyo\n\n"
               "thediplomat.com · by Jin-woo Example · 9 min read\n\n[View Original](https://thediplomat.com/2023/08/x/)\n\n"
               "**August 21, 2023**\n\n*The Camp David summit capped a remarkable year. Domestic politics could undo it.*\n\n"
               f"*Image credit: Official White House Photo*\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Jin-woo Example"]
    assert meta.source.value["name"] == "The Diplomat"
    assert body(meta).startswith(P1)


def test_it_starts_the_text_at_a_reading_apps_full_document_heading():
    meta = run("# The Quiet Return of Non-Alignment\n\n## Metadata\n- Author: [[Priya Example]]\n- Category: #articles\n\n"
               "## Highlights\n- \"Non-alignment today is less a movement than a habit.\" ([View Highlight](https://x.io/1))\n"
               "- BRICS expansion is better understood as a hedge than as a bloc of any kind at all. ([View Highlight](https://x.io/2))\n\n"
               f"## Full Document\n\n{P1}\n\n{P2}\n")
    assert body(meta).startswith(P1)
    assert meta.title.value == "The Quiet Return of Non-Alignment"


@pytest.mark.parametrize("line", ["Published 4 hours ago", "Skip to content  Skip to site index", "Gift Article",
                                  "Save  Share  Give",
                                  "President Biden speaks at the Lobito port in Angola. (Andrew Example/AP)"])
def test_it_takes_no_headline_from_a_newspapers_furniture(line):
    meta = run(f"Europe cannot afford to wait for Washington\n\nGideon Example\n{line}\nApril 22 2024\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Europe cannot afford to wait for Washington"


@pytest.mark.parametrize("tail", [
    "A version of this article appears in print on Sept. 11, 2024, Section A, Page 23 of the New York edition.",
    "This article appeared in the Europe section of the print edition under the headline \"Engine trouble\"",
    "Commenting on this and other recent articles is just one benefit of a Foreign Policy subscription.",
    "CSIS does not take specific policy positions.",
    "The opinions expressed in this publication are the responsibility of the author(s).",
    "Copyright The Financial Times Limited 2024. All rights reserved.",
])
def test_it_drops_a_newspapers_notes_under_the_text(tail):
    assert body(run(f"Why Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{P2}\n\n{tail}\n")).endswith(P2)


@pytest.mark.parametrize("text, name", [
    ("Copyright The Financial Times Limited 2024. All rights reserved.", "Financial Times"),
    ("Chatham House – International Affairs Think Tank", "Chatham House"),
    ("CSIS BRIEFS", "Center for Strategic and International Studies"),
])
def test_it_finds_more_forms_of_the_publishers_name(text, name):
    assert run(f"{text}\n\nWhy Talks Fail\n\nBy Anna Example\n\n{P1}\n\n{P2}\n").source.value["name"] == name


def test_it_reads_a_clipped_headline_with_its_section_and_site():
    meta = run(f"# Taiwan's new president faces a Beijing that is done waiting | Taiwan | The Guardian\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Taiwan's new president faces a Beijing that is done waiting"
    assert meta.source.value["name"] == "The Guardian"


def test_it_reads_a_byline_with_a_genre_before_it():
    meta = run(f"South Korea's Nuclear Debate Is Not Going Away\n\nBlog Post by Scott A. Example\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Scott A. Example"]


def test_it_reads_a_covers_headline_set_in_short_lines_over_its_author():
    meta = run("Strategic Dossier\nIISS\n\nSubmarine\nproliferation in\nthe Indo-Pacific\nNick Example\n\nNovember 2023\n\n"
               "The International Institute for Strategic Studies\n\n"
               f"Submarine proliferation in the Indo-Pacific      1\n\nIntroduction\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Submarine proliferation in the Indo-Pacific"
    assert [a.name for a in meta.authors] == ["Nick Example"]


def test_it_reads_a_reporters_name_with_the_place_she_filed_from():
    meta = run(f"Taiwan's new president faces a Beijing that is done waiting\n\n[Helen Example](https://x.org/p/h) in Taipei\n\n"
               f"Mon 20 May 2024 05.00 BST\n\n{P1}\n\n{P2}\n")
    assert [a.name for a in meta.authors] == ["Helen Example"]


def test_it_keeps_a_title_case_headline_ending_in_a_place_a_headline():
    meta = run(f"Recent Presidential Election in Russia\n\nOlga Example\n\n12 March 2024\n\n{P1}\n\n{P2}\n")
    assert meta.title.value == "Recent Presidential Election in Russia"
    assert [a.name for a in meta.authors] == ["Olga Example"]


def test_it_keeps_a_place_in_ordinary_case_out_of_the_furniture():
    from archive.ingest import patterns

    assert patterns.is_chrome_line("WASHINGTON, DC")
    assert not patterns.is_chrome_line("Moscow, Russia")
