"""Reading captures: formats, encodings, line endings, and clear rejection of bad input."""

import pytest

from archive.ingest.read import Rejected, read_capture
from tests.pdfmaker import make_pdf

RUSSIAN = (
    "Внешняя политика России\n\n15 марта 2022 г.\n\n"
    "Россия продолжает выстраивать отношения с партнёрами в Азии и на Ближнем Востоке, "
    "опираясь на принципы многополярного мира и уважения суверенитета.\n"
)
ENGLISH = "Arms Control After the Treaties\n\nBy Jane Example\n\nThe collapse of arms control has left Europe exposed.\n"


def read(tmp_path, name, data, **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return read_capture(path, max_bytes=kwargs.get("max_bytes", 10_000_000))


def test_it_reads_utf8_with_a_bom(tmp_path):
    raw = read(tmp_path, "a.txt", b"\xef\xbb\xbf" + ENGLISH.encode())
    assert raw.text.startswith("Arms Control")


def test_it_reads_utf16_with_a_bom(tmp_path):
    raw = read(tmp_path, "a.txt", ENGLISH.encode("utf-16"))
    assert raw.text.startswith("Arms Control")
    assert "utf-16" in raw.encoding


def test_it_detects_windows_1251(tmp_path):
    raw = read(tmp_path, "a.txt", (RUSSIAN * 3).encode("cp1251"))
    assert raw.text.startswith("Внешняя политика России")
    assert "15 марта 2022 г." in raw.text


def test_it_detects_koi8_r(tmp_path):
    raw = read(tmp_path, "a.txt", (RUSSIAN * 3).encode("koi8_r"))
    assert "многополярного мира" in raw.text


WESTERN = (
    "Europe's Quiet Rearmament\n\nBy Jean Lefèvre and Zoë Müller\n\nThe ministers met in Brussels again this "
    "week, and again they left without agreeing how the new fund would be paid for or who would decide "
    "what it buys first. François Café, who chairs the committee, said the Russie–Afrique talks would resume in spring.\n"
)
CENTRAL = (
    "Poland's Eastern Shield\n\nBy Władysław Kowalski and Łukasz Żółć\n\nThe government in Warsaw has "
    "promised to spend more on defence than any other member of the alliance, and the plan has support "
    "across the parties in the Sejm for now.\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_it_reads_a_western_page_with_a_few_accented_names_as_windows_1252(tmp_path, encoding):
    text = WESTERN if encoding == "cp1252" else WESTERN.replace("–", "-")  # Latin-1 has no dashes
    raw = read(tmp_path, "a.txt", text.encode(encoding))
    assert "By Jean Lefèvre and Zoë Müller" in raw.text
    assert "François Café" in raw.text


def test_it_reads_central_european_names_in_windows_1250(tmp_path):
    raw = read(tmp_path, "a.txt", CENTRAL.encode("cp1250"))
    assert "By Władysław Kowalski and Łukasz Żółć" in raw.text


def test_it_normalises_crlf_and_cr_line_endings(tmp_path):
    assert "\r" not in read(tmp_path, "a.txt", ENGLISH.replace("\n", "\r\n").encode()).text
    assert read(tmp_path, "b.txt", ENGLISH.replace("\n", "\r").encode()).text == ENGLISH


def test_it_gives_the_same_hash_whatever_the_encoding(tmp_path):
    a = read(tmp_path, "a.txt", RUSSIAN.encode("utf-8"))
    b = read(tmp_path, "b.txt", RUSSIAN.replace("\n", "\r\n").encode("utf-16"))
    assert a.content_hash == b.content_hash


def test_it_reads_the_text_layer_of_a_pdf(tmp_path):
    raw = read(tmp_path, "paper.pdf", make_pdf([["The collapse of arms control has left Europe exposed."]]))
    assert raw.format == "pdf"
    assert "collapse of arms control" in raw.text


def test_it_reads_a_pdf_saved_with_a_txt_name(tmp_path):
    raw = read(tmp_path, "paper.txt", make_pdf([["Text layer of a misnamed PDF."]]))
    assert raw.format == "pdf"


def test_it_takes_the_article_out_of_a_saved_page(tmp_path):
    html = """<html lang="en"><head><title>Why Sanctions Fail | Example Review</title>
    <meta name="author" content="Jane Example"><meta property="article:published_time" content="2021-06-14T09:00:00Z">
    <link rel="canonical" href="https://example.org/2021/06/why-sanctions-fail"></head>
    <body><nav><a href="/">Home</a><a href="/about">About us</a></nav><article><h1>Why Sanctions Fail</h1>
    <p>Sanctions have long been the tool of choice for governments seeking to change the behaviour of states
    without resorting to force, and their record is decidedly mixed across the decades.</p>
    <p>Over the past decade the number of sanctioned entities grew tenfold, yet the targeted governments mostly
    adapted, found new partners and carried on.<script>alert(1)</script></p></article>
    <footer>Copyright 2021 Example Review</footer></body></html>"""
    raw = read(tmp_path, "page.html", html.encode())
    assert "tenfold" in raw.text
    assert "alert" not in raw.text and "About us" not in raw.text
    assert raw.html_meta["author"] == ["Jane Example"]
    assert raw.html_meta["canonical"] == "https://example.org/2021/06/why-sanctions-fail"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n  ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(200)), "PNG image"),
        ("photo.md", b"\xff\xd8\xff\xe0" + bytes(200), "JPEG image"),
        ("archive.txt", b"PK\x03\x04" + bytes(200), "ZIP archive"),
        ("nul.txt", b"Some text\x00with a NUL byte in it", "NUL bytes"),
        ("control.txt", bytes(range(1, 32)) * 20, "control characters"),
        ("bad16.txt", b"\xff\xfe" + b"\x00\xd8", "undecodable"),
        ("notes.docx", b"whatever", "unsupported file type .docx"),
    ],
)
def test_it_rejects_bad_input_with_a_clear_reason(tmp_path, name, data, reason):
    with pytest.raises(Rejected, match=reason):
        read(tmp_path, name, data)


def test_it_rejects_files_over_the_size_limit(tmp_path):
    with pytest.raises(Rejected, match="too large"):
        read(tmp_path, "big.txt", b"word " * 1000, max_bytes=1000)


def test_it_rejects_a_pdf_without_a_text_layer(tmp_path):
    with pytest.raises(Rejected, match="without a text layer"):
        read(tmp_path, "scan.pdf", make_pdf([[]]))


SPANISH = ("La frontera atlántica de España\n\nPor Íñigo Núñez Peña\n\nEl ministro dijo que la cooperación con Marruecos "
           "seguirá también este año, según fuentes del Gobierno. ¿Qué harán los demás países? La señora Peña no "
           "respondió, pero su compañía está más cerca de un acuerdo que hace un año.\n")
CZECH = ("Dvořák a Evropa\n\nMinistr Antonín Dvořák řekl, že spolupráce s Ukrajinou bude pokračovat i při jednání o "
         "rozpočtu. Přílišné očekávání škodí, a proto je třeba mluvit o několik let dopředu.\n")


def test_it_reads_a_spanish_page_in_windows_1252_not_as_central_european(tmp_path):
    raw = read(tmp_path, "a.txt", (SPANISH * 3).encode("cp1252"))
    assert "Por Íñigo Núñez Peña" in raw.text and "¿Qué harán" in raw.text


def test_it_reads_a_czech_page_in_windows_1250(tmp_path):
    raw = read(tmp_path, "a.txt", (CZECH * 3).encode("cp1250"))
    assert "Ministr Antonín Dvořák řekl" in raw.text
