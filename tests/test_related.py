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
    terms = dict(key_terms(backend().searcher(), "text", COMMON + "Sanctions against zqxwv."))
    assert "sanction" in terms
    assert "russia" not in terms and "polici" not in terms  # in every article
    assert "zqxwv" not in terms  # in no other article: it relates this one to none


def test_it_never_lists_the_article_itself_or_a_deleted_one(admin_client, db):
    article = make_article("Arctic", body=paragraph(COMMON + "Icebreakers and tankers in the Arctic."))
    gone = make_article("Icebreakers", body=paragraph(COMMON + "Icebreakers escort tankers in the Arctic."))
    kept = make_article("Tankers", body=paragraph(COMMON + "Tankers in the Arctic."))
    for n in range(10):
        make_article(f"Filler {n}", body=paragraph(COMMON))
    admin_client.post(f"/admin/archive/article/{gone.pk}/delete/", {"post": "yes"})
    assert [a.title for a in admin_client.get(article.get_absolute_url()).context["related"]] == [kept.title]


def test_it_finds_nothing_related_to_a_text_without_distinctive_terms(client, db):
    for n in range(25):
        make_article(f"Filler {n}", body=paragraph(COMMON))
    article = make_article("Same again", body=paragraph(COMMON))
    assert client.get(article.get_absolute_url()).context["related"] == []


def test_it_keeps_the_postings_it_caches_within_its_bound(client, db, monkeypatch):
    from archive.search import related

    for n in range(30):
        make_article(f"Filler {n}", body=paragraph(COMMON + ("Icebreakers and tankers. " if n < 4 else "Tariffs. ")))
    article = make_article("Arctic", body=paragraph(COMMON + "Icebreakers and tankers in the Arctic."))
    unbounded = [a.title for a in client.get(article.get_absolute_url()).context["related"]]
    monkeypatch.setattr(related, "CACHED_POSTINGS", 7)
    searcher = backend().searcher()
    searcher.__dict__.pop("_archive_postings", None)
    searcher.__dict__.pop("_archive_postings_held", None)
    docnum = searcher.document_number(id=f"archive.article.{article.pk}")
    found = related.similar(searcher, "text", article.body_text, exclude=docnum)
    assert [searcher.stored_fields(d)["django_id"] for d, _ in found] == [
        str(a.pk) for a in client.get(article.get_absolute_url()).context["related"]]
    assert sorted(unbounded) == ["Filler 0", "Filler 1", "Filler 2", "Filler 3"]
    assert sum(map(len, searcher._archive_postings.values())) <= 7


def test_it_counts_a_texts_terms_as_the_index_analyses_them(db):
    from collections import Counter

    from archive.search.related import term_counts

    text = "Sanctions, sanctioned and SANCTIONING: the U.S. and the E.U. in 2014. Санкции и санкций."
    schema = backend().searcher().schema
    for name in ("text", "text_ru", "spell"):
        field = schema[name]
        expected = Counter()
        for btext, freq, _weight, _value in field.index(text):
            expected[btext] += freq
        assert term_counts(field, name, text) == expected
        assert term_counts(field, name, text) == expected  # and again, from the words analysed before
