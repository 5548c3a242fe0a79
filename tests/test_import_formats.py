"""Whole imports of captures in other formats and encodings: legacy Russian, UTF-16, PDF, saved HTML."""

import datetime

from archive.ingest.importer import import_paths
from archive.models import Article
from tests.pdfmaker import make_pdf

RUSSIAN = """Главная
Аналитика
Комментарии
Поделиться

Россия и Глобальный Юг: новые горизонты сотрудничества

Автор: Иван Петров

15 марта 2022 г.

Отношения России со странами Глобального Юга в последние годы приобрели новое качество. Речь идёт не только о торговле и инвестициях, но и о политическом диалоге, который становится всё более содержательным.

Многие государства Азии, Африки и Латинской Америки не присоединились к санкциям Запада и продолжают сотрудничать с Москвой. Это объясняется стремлением к самостоятельной внешней политике.

Иван Петров — ведущий научный сотрудник Института мировой экономики и международных отношений РАН.

Подписаться на рассылку
"""


def only_article(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    report = import_paths([tmp_path], progress=False)
    assert report.files[0].status == "created", report.files[0].line()
    return Article.objects.get()


def test_it_imports_russian_text_in_windows_1251(db, tmp_path):
    article = only_article(tmp_path, "ru.txt", RUSSIAN.replace("\n", "\r\n").encode("cp1251"))
    assert article.title == "Россия и Глобальный Юг: новые горизонты сотрудничества"
    assert [a.name for a in article.ordered_authors] == ["Иван Петров"]
    assert article.date == datetime.date(2022, 3, 15)
    assert article.language == "ru"
    assert article.body[0]["text"].startswith("Отношения России")
    assert "Подписаться" not in article.body_text and "Поделиться" not in article.body_text


def test_it_finds_russian_articles_by_inflected_cyrillic_words(db, tmp_path):
    from haystack.query import SearchQuerySet

    only_article(tmp_path, "ru.txt", RUSSIAN.encode("cp1251"))
    assert SearchQuerySet().models(Article).filter(content="санкции").count() == 1


def test_it_imports_utf16_with_crlf(db, tmp_path):
    text = ("Managing a Rivalry\r\n\r\nBy Jane Example\r\n\r\n4 May 2019\r\n\r\n"
            + "Diplomacy between the two capitals has rarely been easy, and the decade tested it. " * 3
            + "\r\n\r\n" + "Officials on both sides now speak of managing the rivalry rather than ending it. " * 3)
    article = only_article(tmp_path, "u16.txt", text.encode("utf-16"))
    assert (article.title, article.date) == ("Managing a Rivalry", datetime.date(2019, 5, 4))


def test_it_imports_a_pdf_with_page_headers_and_wrapped_lines(db, tmp_path):
    page1 = ["Eurasian Policy Review", "",
             "The collapse of arms control has left Europe more exposed than at any time since",
             "the early 1980s, and the burden of rebuilding it falls on the gov-",
             "ernments that have lost the habit of talking to one another about risk.", "", "3"]
    page2 = ["Eurasian Policy Review", "",
             "Verification was once the heart of the bargain, and it could be again if both sides",
             "accepted inspections of the kind that the treaties of the late Cold War required.", "", "4"]
    page3 = ["Eurasian Policy Review", "",
             "None of this will happen quickly, and none of it will happen without leaders willing",
             "to spend political capital on a relationship that offers few rewards at home.", "", "5"]
    article = only_article(tmp_path, "paper.pdf", make_pdf([page1, page2, page3]))
    text = article.body_text
    assert "governments that have lost" in text
    assert "Eurasian Policy Review" not in text
    assert article.needs_review and article.title == ""


def test_it_imports_a_saved_page_with_its_own_metadata(db, tmp_path):
    html = """<!DOCTYPE html><html lang="en"><head><title>Why Sanctions Fail | Carnegie Endowment</title>
    <meta name="author" content="Jane Example"><meta property="article:published_time" content="2021-06-14T09:00:00Z">
    <meta property="og:site_name" content="Carnegie Endowment for International Peace">
    <link rel="canonical" href="https://carnegieendowment.org/2021/06/14/why-sanctions-fail"></head>
    <body><nav><a href="/">Home</a> <a href="/research">Research</a></nav>
    <div class="share">Share on Twitter</div>
    <article><h1>Why Sanctions Fail</h1>
    <p>Sanctions have long been the tool of choice for governments seeking to change the behaviour of states
    without resorting to force, and their record across the decades is decidedly mixed.</p>
    <h2>The Record So Far</h2>
    <p>Over the past decade the number of sanctioned entities grew tenfold, yet the targeted governments
    mostly adapted, found new partners and carried on.<script>alert(1)</script></p>
    <p onclick="steal()">A better approach would combine pressure with credible offers of relief, tied to
    verifiable steps that both sides can check.</p></article>
    <footer>Copyright 2021</footer></body></html>"""
    article = only_article(tmp_path, "page.html", html.encode())
    assert article.title == "Why Sanctions Fail"
    assert [a.name for a in article.ordered_authors] == ["Jane Example"]
    assert article.date == datetime.date(2021, 6, 14)
    assert article.source.name == "Carnegie Endowment for International Peace"
    assert article.url == "https://carnegieendowment.org/2021/06/14/why-sanctions-fail"
    assert {"type": "heading", "text": "The Record So Far"} in article.body
    assert "alert" not in article.body_text and "Share on Twitter" not in article.body_text
    assert not article.needs_review


def test_it_reads_a_saved_pages_json_ld_metadata(db, tmp_path):
    html = """<!DOCTYPE html><html lang="en"><head><title>Home</title>
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebPage", "datePublished": "2001-01-01", "name": "Home"},
      {"@type": "NewsArticle", "headline": "Ports, Pipelines and the Caspian Bargain",
       "author": [{"@type": "Person", "name": "Mira Okonjo"}, {"@type": "Organization", "name": "Desk Staff"}],
       "datePublished": "2022-09-03T08:15:00+02:00", "publisher": {"@type": "Organization", "name": "Harbour Review"},
       "mainEntityOfPage": {"@id": "https://harbour-review.example/2022/09/caspian-bargain"}}]}</script>
    <script type="application/ld+json">{not json</script></head>
    <body><main><article>
    <p>The Caspian states have spent a decade arguing over who may lay a pipeline across the seabed, and the
    argument has shaped their foreign policies more than any treaty signed in the same period.</p>
    <p>Ports on the eastern shore now compete for transit cargo that once went north, and their governments
    court investors from the Gulf, from China and from Europe at the same time.</p>
    </article></main></body></html>"""
    article = only_article(tmp_path, "caspian.html", html.encode())
    assert article.title == "Ports, Pipelines and the Caspian Bargain"
    assert [a.name for a in article.ordered_authors] == ["Mira Okonjo"]
    assert article.date == datetime.date(2022, 9, 3)
    assert article.source.name == "Harbour Review"
    assert article.url == "https://harbour-review.example/2022/09/caspian-bargain"


def test_it_takes_a_saved_pages_fuller_list_of_the_same_authors(db, tmp_path):
    html = """<!DOCTYPE html><html lang="en"><head><title>The Sahel after the Coups</title>
    <meta name="author" content="Jean-Pierre Diallo">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "The Sahel after the Coups",
      "author": [{"@type": "Person", "name": "Jean-Pierre Diallo"}, {"@type": "Person", "name": "Fatou Sow"}]}</script>
    </head><body><article><h1>The Sahel after the Coups</h1>
    <p>Three military governments now rule a belt of territory from Mali to Niger, and their break with the regional
    bloc has upended a security architecture that took two decades to build across the whole region.</p>
    <p>The juntas have turned to new partners for arms and training, while Western forces have withdrawn from bases
    they had used for counter-terrorism operations for many years.</p></article></body></html>"""
    article = only_article(tmp_path, "sahel.html", html.encode())
    assert [a.name for a in article.ordered_authors] == ["Jean-Pierre Diallo", "Fatou Sow"]


def test_it_takes_the_source_from_a_saved_pages_footer(db, tmp_path):
    html = """<!DOCTYPE html><html lang="en"><head><title>The Sahel after the Coups</title></head><body>
    <article><h2>The Sahel after the Coups</h2>
    <p>Three military governments now rule a belt of territory from Mali to Niger, and their break with the regional
    bloc has upended a security architecture that took two decades to build across the whole region.</p>
    <p>The juntas have turned to new partners for arms and training, while Western forces have withdrawn from bases
    they had used for counter-terrorism operations for many years.</p></article>
    <footer><p>ECWR is a registered charity. © 2024 Example Council on West African Relations · Privacy</p></footer>
    </body></html>"""
    article = only_article(tmp_path, "sahel.html", html.encode())
    assert article.source.name == "Example Council on West African Relations"


def test_it_reads_a_saved_pages_byline_in_french(db, tmp_path):
    html = """<!DOCTYPE html><html lang="fr"><head><title>Le Sahel après les coups d'État</title></head><body>
    <article><h1>Le Sahel après les coups d'État</h1>
    <p class="article__authors">Par <a href="/a/">Claire Exemple</a> et <a href="/b/">Julien Moreau</a></p>
    <p>Trois gouvernements militaires dirigent désormais une bande de territoire du Mali au Niger, et leur rupture avec
    le bloc régional a bouleversé une architecture de sécurité construite en deux décennies dans toute la région.</p>
    <p>Les juntes se sont tournées vers de nouveaux partenaires pour les armes et la formation, tandis que les forces
    occidentales ont quitté les bases qu'elles utilisaient depuis de nombreuses années.</p></article></body></html>"""
    article = only_article(tmp_path, "sahel.html", html.encode())
    assert [a.name for a in article.ordered_authors] == ["Claire Exemple", "Julien Moreau"]


PARAGRAPHS = """<p>Three military governments now rule a belt of territory from Mali to Niger, and their break with the
    regional bloc has upended a security architecture that took two decades to build across the whole region.</p>
    <p>The juntas have turned to new partners for arms and training, while Western forces have withdrawn from bases
    they had used for counter-terrorism operations for many years.</p>"""


def test_it_takes_a_saved_pages_headline_not_the_site_name_in_its_logo(db, tmp_path):
    html = f"""<!DOCTYPE html><html lang="en"><head><title>ECWR : Commentary</title></head><body>
    <header><h1 class="logo"><a href="/">Example Council on West African Relations</a></h1></header>
    <main><h1 class="post-title">The Sahel after the coups: a belt of juntas</h1>
    <p class="dates">Updated: 2024-03-02 | Published: 2024-02-28</p>{PARAGRAPHS}</main></body></html>"""
    article = only_article(tmp_path, "sahel.html", html.encode())
    assert article.title == "The Sahel after the coups: a belt of juntas"
    assert article.date == datetime.date(2024, 2, 28)


def test_it_takes_a_themes_entry_title_and_leaves_its_copy_out_of_the_text(db, tmp_path):
    html = f"""<!DOCTYPE html><html lang="en"><head><title>The Sahel After the Coups – Sahel Review</title></head>
    <body><header><h1 class="site-title"><a href="/">Sahel Review</a></h1></header>
    <article><h2 class="entry-title">The Sahel After the Coups</h2>{PARAGRAPHS}</article></body></html>"""
    article = only_article(tmp_path, "sahel.html", html.encode())
    assert article.title == "The Sahel After the Coups"
    assert article.body[0]["text"].startswith("Three military governments")


def test_it_takes_the_headline_of_a_theme_whose_main_area_is_called_site_main(db, tmp_path):
    html = f"""<!DOCTYPE html><html lang="en"><head><title>Home</title></head><body>
    <div class="site-branding"><p class="site-title">Sahel Watch</p></div>
    <main id="main" class="site-main"><h1 class="entry-title">The Sahel After the Coups</h1>{PARAGRAPHS}</main>
    </body></html>"""
    assert only_article(tmp_path, "sahel.html", html.encode()).title == "The Sahel After the Coups"


def test_it_takes_the_source_from_a_themes_site_title(db, tmp_path):
    html = f"""<!DOCTYPE html><html lang="en"><head><title>The Sahel After the Coups – Sahel Watch</title></head>
    <body><header><h1 class="site-title"><a href="/">Sahel Watch</a></h1></header>
    <article><h2 class="entry-title">The Sahel After the Coups</h2>{PARAGRAPHS}</article>
    <footer>Powered by WordPress</footer></body></html>"""
    article = only_article(tmp_path, "sahel.html", html.encode())
    assert (article.title, article.source.name) == ("The Sahel After the Coups", "Sahel Watch")


def test_it_reads_an_xhtml_export_that_declares_its_encoding(db, tmp_path):
    html = f"""<?xml version="1.0" encoding="UTF-8"?>
    <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Japan's defense buildup | The Japan Times</title>
    <meta name="source-url" content="https://www.japantimes.co.jp/news/2023/06/01/defense/"/></head>
    <body><h1>Japan's defense buildup</h1>{PARAGRAPHS}</body></html>"""
    article = only_article(tmp_path, "note.html", html.encode())
    assert article.url == "https://www.japantimes.co.jp/news/2023/06/01/defense/"
    assert article.source.name == "The Japan Times"


def test_it_reads_a_byline_block_of_linked_names_and_an_about_the_author_box(db, tmp_path):
    html = f"""<!DOCTYPE html><html lang="en"><head><title>The Sahel After the Coups</title></head><body>
    <article><h1>The Sahel After the Coups</h1>
    <div class="byline-block"><div class="expert"><a href="/p/1">Hiroshi Tanaka-Example</a>
    <span class="title">Senior Fellow - Foreign Policy, Center for Example Studies</span></div>
    <div class="date">February 9, 2023</div></div>
    <p><em>Editor’s note: This piece was updated in January 2024 to reflect the final figures.</em></p>
    {PARAGRAPHS}</article>
    <div class="author-info"><h3>About the author</h3><p><strong>Hiroshi Tanaka-Example</strong> is a defence
    analyst based in Tokyo and a former adviser to the Ministry of Foreign Affairs.</p></div></body></html>"""
    article = only_article(tmp_path, "sahel.html", html.encode())
    assert [a.name for a in article.ordered_authors] == ["Hiroshi Tanaka-Example"]
    assert article.ordered_authors[0].bio.startswith("Hiroshi Tanaka-Example is a defence analyst")
    assert article.body[0]["text"].startswith("Three military governments")
    assert article.body[-1]["text"].endswith("for many years.")


def test_it_keeps_a_pages_author_when_other_metadata_names_someone_else():
    from archive.ingest.html import fuller

    assert fuller(["Jean-Pierre Diallo"], ["Fatou Sow", "Amadou Ba"]) == ["Jean-Pierre Diallo"]
    assert fuller(["Jean-Pierre Diallo"], ["Jean-Pierre Diallo and Fatou Sow"]) == ["Jean-Pierre Diallo and Fatou Sow"]
    assert fuller(["A. Writer", "B. Writer"], ["A. Writer"]) == ["A. Writer", "B. Writer"]


BODY_MD = ("Tokyo's new national security strategy commits the government to doubling defence spending within "
           "five years and to acquiring missiles capable of striking targets on foreign soil.\n\n"
           "The change reflects a sober reading of the regional balance, and of what a war in Europe has shown "
           "about the readiness of great powers to invade their neighbours.\n")


def test_it_reads_the_front_matter_of_an_obsidian_clipping(db, tmp_path):
    text = ('---\ntitle: "Japan\'s Quiet Rearmament"\nsource: "https://www.asia-review.example/articles/rearmament"\n'
            'author:\n  - "[[Keiko Example]]"\npublished: 2022-12-18\ncreated: 2024-06-01\ntags:\n  - "clippings"\n---\n'
            + BODY_MD)
    article = only_article(tmp_path, "clip.md", text.encode())
    assert article.title == "Japan's Quiet Rearmament"
    assert [a.name for a in article.ordered_authors] == ["Keiko Example"]
    assert article.date == datetime.date(2022, 12, 18)
    assert article.url == "https://www.asia-review.example/articles/rearmament"
    assert "clippings" not in article.body_text and "created" not in article.body_text


def test_it_reads_the_front_matter_of_a_markdownload_export(db, tmp_path):
    text = ("---\ncreated: 2024-05-12T10:12:33 (UTC +02:00)\ntags: []\n"
            "source: https://warontherocks.com/2021/03/the-case-for-a-smaller-navy/\nauthor: Daniel Example\n---\n\n"
            "# The Case for a Smaller, Smarter Navy\n\n" + BODY_MD)
    article = only_article(tmp_path, "navy.md", text.encode())
    assert article.title == "The Case for a Smaller, Smarter Navy"
    assert [a.name for a in article.ordered_authors] == ["Daniel Example"]
    assert article.source.name == "War on the Rocks"
    assert article.date != datetime.date(2024, 5, 12)


def test_it_keeps_text_between_two_rules_that_is_not_front_matter():
    from archive.ingest.read import front_matter

    text = "---\nNote: this piece was updated.\n---\n" + BODY_MD
    assert front_matter(text) == ({}, text)


def test_it_takes_a_front_matters_named_source_as_the_publication():
    from archive.ingest.read import front_matter

    meta, rest = front_matter("---\ntitle: Ports and Power\nsource: East Asia Forum\n---\n" + BODY_MD)
    assert meta == {"title": "Ports and Power", "site_name": "East Asia Forum"}
    assert rest == BODY_MD
