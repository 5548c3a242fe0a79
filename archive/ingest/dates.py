"""Dates as captures write them: ISO, "March 27, 2018", "27 March 2018", "27.02.2023", Russian months."""

import datetime
import re
from dataclasses import dataclass

from archive.ingest.patterns import GENRES, looks_like_name

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # Russian, nominative and genitive, and their usual abbreviations.
    "январь": 1, "января": 1, "янв": 1, "февраль": 2, "февраля": 2, "фев": 2, "март": 3,
    "марта": 3, "мар": 3, "апрель": 4, "апреля": 4, "апр": 4, "май": 5, "мая": 5, "июнь": 6,
    "июня": 6, "июн": 6, "июль": 7, "июля": 7, "июл": 7, "август": 8, "августа": 8, "авг": 8,
    "сентябрь": 9, "сентября": 9, "сен": 9, "сент": 9, "октябрь": 10, "октября": 10, "окт": 10,
    "ноябрь": 11, "ноября": 11, "ноя": 11, "нояб": 11, "декабрь": 12, "декабря": 12, "дек": 12,
    # French and German, common on European think-tank pages.
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "ene": 1, "abr": 4, "ago": 8, "dic": 12, "set": 9, "ott": 10, "gen": 1, "mag": 5, "giu": 6, "lug": 7,
    "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12,
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "jänner": 1, "mär": 3, "okt": 10, "dez": 12,
    # Spanish, Italian, Portuguese and Dutch.
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    # Polish and Ukrainian, as dates write them (the genitive).
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7,
    "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7,
    "серпня": 8, "вересня": 9, "жовтня": 10, "грудня": 12,
    # Turkish.
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7, "ağustos": 8,
    "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
}
_MONTH = r"(?P<month>[^\W\d_]{3,12})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (r"(?:[,\s]+(?:[-–—|]\s*)?(?:at\s+|um\s+|à\s+)?\d{1,2}[:.h]\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?"
         r"(?:\s*(?:(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d\d)?|[A-Z]{2,5}|ZULU|UTC|GMT|MSK|[+-]\d\d:?\d\d|(?i:uhr)))?)?")
_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+)?"
)

PATTERNS = [
    # 2018-03-27, 2018-03-27T09:00:00Z, 2018/03/27
    ("ymd", re.compile(rf"{_YEAR}[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?:[T\s]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?{_TIME}")),
    # 27.02.2023, 16-02-2021 19:36:42 ZULU, 27/02/2023
    ("dmy", re.compile(rf"(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep){_YEAR}{_TIME}")),
    # March 27, 2018
    ("mdy", re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.I)),
    # 27 March 2018, 27 февраля 2023 г., 3. März 2023, 3 de marzo de 2021
    ("dmy_name", re.compile(rf"{_WEEKDAY}{_DAY}\.?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}"
                            rf"(?:\s*(?:г\.|года|р\.|року))?{_TIME}", re.I)),
    # May/June 2019: a journal issue, dated by its first month
    ("mmy", re.compile(rf"{_MONTH}\s*[/–-]\s*[^\W\d_]{{3,12}}\.?,?\s+{_YEAR}", re.I)),
    # March 2018
    ("my", re.compile(rf"{_MONTH},?\s+{_YEAR}(?:\s*(?:г\.|года))?", re.I)),
    # 2018-03
    ("ym", re.compile(rf"{_YEAR}-(?P<m>\d{{1,2}})(?!\d)")),
]


@dataclass(frozen=True)
class FoundDate:
    date: datetime.date
    precision: str  # day, month or year
    text: str
    ambiguous: bool = False


def _month(name):
    return MONTHS.get(name.lower().rstrip("."))


def _make(year, month, day):
    try:
        value = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if value > datetime.date.today() or value.year < 1900:
        return None
    return value


def parse_date(text):
    """The first date written in text, or None."""
    found = find_dates(text)
    return found[0] if found else None


def find_dates(text):
    """Every date written in text, in the order they appear."""
    hits = []
    taken = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            found = _interpret(kind, m)
            if found:
                hits.append((m.start(), found))
                taken.append((m.start(), m.end()))
    return [f for _, f in sorted(hits, key=lambda h: h[0])]


def _interpret(kind, m):
    g = m.groupdict()
    text = m.group(0).strip()
    if kind == "ymd":
        value = _make(g["year"], g["m"], g["d"])
        return value and FoundDate(value, "day", text)
    if kind == "dmy":
        d, mo = int(g["d"]), int(g["m"])
        ambiguous = False
        if mo > 12 and d <= 12:  # 03/27/2018, the American order
            d, mo = mo, d
        elif d <= 12 and mo <= 12 and d != mo and g["sep"] == "/":
            ambiguous = True
        value = _make(g["year"], mo, d)
        return value and FoundDate(value, "day", text, ambiguous)
    if kind in ("mdy", "dmy_name"):
        month = _month(g["month"])
        if not month:
            return None
        value = _make(g["year"], month, g["day"])
        return value and FoundDate(value, "day", text)
    if kind in ("my", "mmy"):
        month = _month(g["month"])
        if not month:
            return None
        value = _make(g["year"], month, 1)
        return value and FoundDate(value, "month", text)
    if kind == "ym":
        value = _make(g["year"], g["m"], 1)
        return value and FoundDate(value, "month", text)
    return None


_LABEL = re.compile(
    r"^\s*(?:[-*•·]\s*)?(?P<label>published time|(?:first\s+)?published(?:\s+online)?(?:\s+on)?|publication date|date of (?:publication|issue)|published date|"
    r"release date|date(?:\s+published)?|posted(?:\s+on)?|"
    r"first published|released|issued|опубликовано|опубліковано|дата(?:\s+публікації|\s+публикации)?|"
    r"publié(?:\s+le)?|mis à jour(?:\s+le)?|veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|stand|datum|"
    r"publicado(?:\s+el)?|actualizado(?:\s+el)?|fecha|pubblicato(?:\s+il)?|aggiornato(?:\s+il)?|"
    r"opublikowano|publikacja|aktualizacja|yayınlanma|yayın tarihi|güncelleme|"
    r"this page was last (?:edited|modified|updated)(?:\s+on)?|"
    r"(?:page\s+)?last\s+(?:modified|updated|edited|reviewed)(?:\s+on)?|updated(?:\s+on)?|modified(?:\s+on)?|"
    r"обновлено|изменено|on(?=\s+\S*\d))\s*[:\-–—]?\s*",
    re.I,
)
_READING_TIME = re.compile(r"^\d{1,3}\s*(?:min(?:ute)?s?|мин\.?)(?:\s*(?:read|чтения))?$", re.I)
# "December 14, 20234:52 PM": a year run into the time after it.
_YEAR_TIME = re.compile(r"\b((?:19|20)\d\d)(\d{1,2}:\d\d)")
_MODIFIED = re.compile(r"modif|updat|edited|reviewed|обновл|измен|mis à jour|aktualisiert|stand|actualizado|aggiornato|"
                       r"aktualizacja|güncelleme",
                       re.I)
_TRAILING_JUNK = re.compile(r"[\s|,;·•–—-]+$")


# The expressions of date_line, which runs on every short line with a digit: compiled once.
_SEPARATOR = re.compile(r"\s[·|•]\s")
# "Aktualizacja: 13.01.2024 09:15 Publikacja: 12.01.2024 03:00": two labelled dates on one line.
_SECOND_LABEL = re.compile(r"(?<=\d)\s+(?=(?:publikacja|published|publié|veröffentlicht|publicado|yayınlanma)\b)", re.I)
# "Oslo, 3 March 2024", "Москва, 12 мая 2023", "Paris, le 12 février 2024": the place a statement was issued,
# then its date. One word, or capitals ("NEW YORK,"): "Anna Example, 3 March 2020" is a byline, not a place.
_PLACE_COMMA = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.-]+|[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]+){1,2}),\s+"
                          r"(?:(?:le|am|den|el|il)\s+)?(?=\d|[A-Za-zА-Яа-яЁё]{3,}\.?\s+\d)")
# "HANOI -- January 22, 2024 18:05 JST": a wire story's place in capitals, a dash, the date.
_PLACE_CAPITALS_DASH = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ'’.]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ'’.]+){0,2}\s+(?:--|[–—-])\s+"
                                  r"(?=\d|[^\W\d_]{3,}\.?\s+\d)")
# "Ciudad de México - 23 abr 2024 - 06:00 CEST": a place, a dash, the date, a dash, the time (without
# the time, "Jane Example — 3 March 2021" is a byline).
_PLACE_DASH_TIME = re.compile(r"^[A-ZА-ЯЁ][\w'’.]+(?:\s+(?:(?:de|del|la|am|an|upon|on)\s+)?[A-ZА-ЯЁ][\w'’.]+){0,3}\s+[-–—]\s+"
                              r"(?=\d[^-–—]{5,25}\s[-–—]\s+\d{1,2}[:.h]\d\d)")
# "March 3, 2024 10:42 AM GMT+3Updated 2 hours ago": a page's update note run into its date.
_UPDATE_NOTE = re.compile(r"(?<=[\dA-Za-z.,;])\s*(?:updated|last updated|обновлено|modifié|mis à jour|aktualisiert|"
                          r"actualizado)\b.*$", re.I)
_ZONE_IN_BRACKETS = re.compile(r"\s*\((?:UTC|GMT|CES?T|MSK|EST|EDT)\)\.?$")
_FINAL_STOP = re.compile(r"(?<=\d)\.$")
_MINUTES_READ = re.compile(r"[\s,]+\d{1,3}\s*(?:min(?:ute)?s?|мин\.?)\s*(?:read|чтения)?$", re.I)
# "5 Mart 2024 Salı": the weekday after the date; "21.11.2023 - Rede": the kind of text after it.
_AFTER_DATE = re.compile(r"^\s*(?:[-–—|]\s*)?(?:pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar|rede|speech|discours|"
                         r"discurso|interview|statement|pressemitteilung|communiqué)\b(?:\s+\d{1,2}[:.]\d\d)?", re.I)


def date_line(line):
    """(FoundDate, kind) when the whole line is a date, optionally labelled; else None.

    kind is "published" or "last modified". A line with other words in it is not
    a date line: a date in a sentence, a bio or a citation is not the capture's date.
    """
    text = line.strip().strip("*_>").strip()
    text = _SECOND_LABEL.sub(" | ", text)  # two labelled dates on one line
    parts = _SEPARATOR.split(text)
    if len(parts) > 1 and _MODIFIED.search(parts[0]):
        # "Updated March 5, 2021 | Published March 3, 2021": the publication date stated beside the update.
        for part in parts[1:]:
            found = date_line(part)
            if found and found[1] == "published" and is_labelled(part):
                return found
    kind = "published"
    label = _LABEL.match(text)
    if label:
        if _MODIFIED.search(label.group("label")):
            kind = "last modified"
        text = text[label.end():]
    # "5 January 2020 · 6 min read", "7 min read · Jun 3, 2023": the reading time is not part of the date,
    # nor is what follows a separator.
    parts = [p for p in _SEPARATOR.split(text) if not _READING_TIME.match(p.strip())]
    text = parts[0] if parts else ""
    # Where the statement was issued, before its date.
    text = _PLACE_COMMA.sub("", text)
    text = _PLACE_CAPITALS_DASH.sub("", text)
    text = _PLACE_DASH_TIME.sub("", text)
    text = _UPDATE_NOTE.sub("", text)
    text = _ZONE_IN_BRACKETS.sub("", text)  # "…, at 14:02 (UTC)."
    text = _FINAL_STOP.sub("", _YEAR_TIME.sub(r"\1 \2", text).rstrip(" ,;"))  # "Published online: 14 Mar 2022."
    text = _MINUTES_READ.sub("", text)
    text = text.strip().strip("()[]").strip()
    if not text or len(text) > 60:
        return None
    found = find_dates(text)
    if len(found) != 1:
        return None
    rest = text.replace(found[0].text, " ", 1)
    rest = _AFTER_DATE.sub(" ", rest)
    rest = _TRAILING_JUNK.sub("", rest).strip(" |,;·•–—-")
    if rest:
        return None
    return found[0], kind


def is_labelled(line):
    """True when a date line says what the date is ("Published on …", "Date: …")."""
    return bool(_LABEL.match(line.strip().strip("*_").strip()))


# "POLICY BRIEF No. 14", "Russia in Global Affairs Vol. 21 No. 2", "Working Paper 2023/04": a series and its number.
_NUMBER = r"(?:no\.?|nr\.?|number|vol\.?|volume|issue|№|#)\s*\d+[\w./-]*"
_SERIES = re.compile(
    rf"^(?P<label>[^\d|·•]{{2,60}}?)[\s,]*(?:{_NUMBER}(?:[\s,]+{_NUMBER})*"
    r"|(?:(?<=paper)|(?<=brief)|(?<=note))\s+\d{1,4}(?:[/.-]\d{1,3})?)$",
    re.I,
)
_PAGES = re.compile(r"^pp?\.\s*\d+(?:\s*[-–]\s*\d+)?$", re.I)


def strip_date_line(line):
    """(FoundDate, "published") for a strip of metadata with one date and no name in it, else None:
    "Issue 2/2023 · Europe & the Western Balkans · 22/05/2023"."""
    parts = [p.strip() for p in _SEPARATOR.split(line.strip())]
    if not 3 <= len(parts) <= 6 or any(looks_like_name(p) for p in parts):
        return None
    dated = [found for found in map(date_line, parts) if found]
    return (dated[0][0], "published") if len(dated) == 1 and dated[0][1] == "published" else None


def series_date_line(line):
    """(FoundDate, "published") for a cover line naming a series, its number and a date, else None.

    "POLICY BRIEF No. 14 | October 2022", "Russia in Global Affairs, Vol. 21, No. 2, April–June
    2023, pp. 45–67": a paper's own statement of its date, set apart from the series by a
    separator, unlike the years of its citations.
    """
    found = _series_parts(line)
    return (found[1], "published") if found and found[1] else None


def series_label(line):
    """The series of a cover line without its number ("POLICY BRIEF"), dated or not, or None."""
    found = _series_parts(line)
    return found[0] if found else None


def _month_range(m):
    return f"{m.group(1)}–{m.group(2)} {m.group(3)}" if _month(m.group(1)) and _month(m.group(2)) else m.group(0)


# "JULY – SEPTEMBER • 2023": a quarter's issue, its months and year set apart.
_MONTH_RANGE = re.compile(r"([^\W\d_]{3,12})\.?\s*[–—/-]\s*([^\W\d_]{3,12})\.?\s*[•·|,]?\s*((?:19|20)\d\d)\b")


# "Газета «Коммерсантъ» №84 от 15.05.2023, стр. 6": a newspaper's issue, its date and page.
_ISSUE_OF = re.compile(r"\s+(?:от|du|vom|del|of)\s+(?=\d)")
_ISSUE_PAGE = re.compile(r",\s*(?:стр|p|pp|s|S)\.\s*\d+$")


def _series_parts(line):
    line = _MONTH_RANGE.sub(_month_range, line.strip())
    line = _ISSUE_OF.sub(" | ", _ISSUE_PAGE.sub("", line))
    separators = r"\s+[|·•–—]\s+|\s*\|\s*"
    if re.search(r"\b(?:vol|no)\.\s*\d", line, re.I):
        separators += r"|,\s+"  # a journal's masthead: "Journal, Vol. 21, No. 2, April–June 2023"
    parts = [p.strip() for p in re.split(separators, line) if p.strip() and not _PAGES.match(p.strip())]
    if not 1 <= len(parts) <= 6:
        return None
    dated = [found for found in map(date_line, parts) if found]
    label = " ".join(part for part in parts if not date_line(part))
    if len(dated) > 1:
        return None
    if dated and GENRES.get(label.lower().strip(" .:")):
        return label.strip(" .:"), dated[0][0]  # "POLICY BRIEF | February 2020": a kind of paper and its date
    m = _SERIES.match(label)
    if not m:
        return None
    return m.group("label").strip(" ,"), dated[0][0] if dated else None
