"""Related articles: found by the terms that set an article apart, not the words every article uses."""

from archive.search.indexing import backend
from archive.search.related import key_terms
from tests.factories import make_article

COMMON = "Russia and the state pursue a foreign policy of security and interests. "


def paragraph(text):
    return [{"type": "paragraph", "text": text}]


def test_it_finds_the_article_sharing_rare_terms_rather_than_common_words(client, db):
    # Thirty articles share the common words; one shares two rare terms with the article.
    for n in range(30):
        make_article(f"Filler {n}", body=paragraph(COMMON * 3 + f"Number {n}."))
    make_article("Icebreakers", body=paragraph(COMMON + "Icebreakers escort tankers through the Northern Sea Route."))
    make_article("More of the same", body=paragraph(COMMON * 6))
    article = make_article("Arctic", body=paragraph(COMMON * 4 + "Icebreakers and tankers in the Arctic."))
    related = client.get(article.get_absolute_url()).context["related"]
    assert related[0].title == "Icebreakers"


def test_it_leaves_out_terms_of_most_articles_and_of_this_one_only(db):
    for n in range(30):
        make_article(f"Filler {n}", body=paragraph(COMMON + ("Sanctions bite. " if n < 3 else "")))
    engine = backend()
    reader = engine.searcher().reader()
    terms = dict(key_terms(reader, "text", COMMON + "Sanctions against zqxwv."))
    assert "sanction" in terms
    assert "russia" not in terms and "polici" not in terms  # in every article
    assert "zqxwv" not in terms  # in no other article: it relates this one to none


def test_it_finds_nothing_related_to_a_text_without_distinctive_terms(client, db):
    for n in range(25):
        make_article(f"Filler {n}", body=paragraph(COMMON))
    article = make_article("Same again", body=paragraph(COMMON))
    assert client.get(article.get_absolute_url()).context["related"] == []
