"""Metadata of a capture, each value with its confidence and the line it came from."""

import re
from dataclasses import dataclass, field

from archive.ingest import patterns as P
from archive.ingest.clean import BIO, BODY, BYLINE, CHROME, DATE, GENRE, HEADER, HEADING, IDS, NAME, SOURCE, TITLE, URL
from archive.ingest.dates import find_dates, is_labelled, parse_date, series_label
from archive.ingest.language import identify
from archive.ingest.publishers import domain_of, publisher_for_url, publisher_in_name, publisher_named

# Below this confidence a value is left empty and the article goes to review.
MIN_CONFIDENCE = 0.5
# Below this a value is kept but the article goes to review.
REVIEW_CONFIDENCE = 0.7


@dataclass
class Found:
    value: object
    confidence: float
    evidence: str
    method: str

    def provenance(self):
        return {
            "method": self.method,
            "evidence": self.evidence[:500],
            "confidence": round(self.confidence, 2),
        }


@dataclass
class AuthorInfo:
    name: str
    confidence: float
    evidence: str
    method: str
    bio: str = ""
    bio_confidence: float = 0.0
    affiliation: str = ""
    orcid: str = ""
    identifiers: dict = field(default_factory=dict)


@dataclass
class Metadata:
    title: Found = None
    provisional_title: str = ""
    genre: Found = None
    authors: list = field(default_factory=list)
    date: Found = None  # value: (datetime.date, precision, kind)
    source: Found = None  # value: {"name", "domains", "aliases"} or {"name": …}
    url: Found = None
    language: Found = None
    body: list = field(default_factory=list)
    reasons: list = field(default_factory=list)
    # Computed beside extraction (in the import's worker processes) when known:
    fingerprint: int = None  # simhash of the body
    theme_names: list = None  # themes chosen by the keyword rules

    def authors_found(self):
        """The authors as one Found, for provenance."""
        if not self.authors:
            return None
        return Found(
            [a.name for a in self.authors],
            min(a.confidence for a in self.authors),
            "; ".join(a.evidence for a in self.authors),
            "/".join(sorted({a.method for a in self.authors})),
        )


def extract(doc, raw):
    """Metadata of a capture from its analysed units and, for saved pages, the page's own tags."""
    meta = Metadata()
    html = raw.html_meta or {}
    meta.body = body_blocks(doc)
    meta.url = find_url(doc, html)
    meta.title, genre_from_title = find_title(doc, html)
    if meta.title and meta.body and meta.body[0]["type"] == "heading" and \
            P.normal_form(meta.body[0]["text"]) == P.normal_form(meta.title.value):
        meta.body = meta.body[1:]  # the page's headline, which its text repeats as a heading
    meta.genre = find_genre(doc, meta.title, html) or genre_from_title
    meta.authors = find_authors(doc, html)
    meta.date = find_date(doc, html, meta.url)
    meta.source = find_source(doc, html, meta.url)
    meta.language = find_language(meta.body, html)
    if not meta.title:
        meta.provisional_title = provisional_title(meta.body)
    meta.reasons = review_reasons(meta, doc)
    return meta


def body_blocks(doc):
    blocks = []
    for u in doc.units:
        if u.role == BODY:
            blocks.append({"type": "item" if u.bulleted else "paragraph", "text": u.text})
        elif u.role == HEADING:
            blocks.append({"type": "heading", "text": u.text})
    return blocks


def find_url(doc, html):
    for u in doc.units:
        if u.role == URL and u.value:
            return Found(u.value, 0.95, u.evidence, "original URL line")
    for key in ("canonical", "url"):
        if html.get(key, "").startswith("http"):
            return Found(html[key], 0.95, f"{key}: {html[key]}", "page metadata")
    return None


_GENRE_SUFFIX = re.compile(r"\s*[(\[](?P<genre>[^()\[\]]{2,25})[)\]]\s*$")
_GENRE_PREFIX = re.compile(r"^(?P<genre>op-ed|opinion|interview|analysis|commentary|editorial)\s*[:|—–-]\s+", re.I)
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def find_title(doc, html):
    """(Found title, Found genre written with it) or (None, None)."""
    genre = None
    title_unit = next((u for u in doc.units if u.role == TITLE), None)
    if title_unit is not None:
        text = title_unit.text
        confidence = 0.95 if title_unit.level == 1 else 0.85
        method = "markdown heading" if title_unit.level else "headline line"
        m = _GENRE_SUFFIX.search(text)
        if m and P.GENRES.get(m.group("genre").lower().strip()):
            genre = Found(P.GENRES[m.group("genre").lower().strip()], 0.9, text, "title suffix")
            text = text[: m.start()].strip()
        m = _GENRE_PREFIX.match(text)
        if m:
            genre = Found(P.GENRES[m.group("genre").lower()], 0.85, text, "title prefix")
            text = text[m.end():].strip()
        text = P.PICTOGRAPHS.sub("", text)  # "📌 Headline"
        return Found(text.strip(" *#"), confidence, title_unit.evidence, method), genre
    for key in ("title", "h1", "html_title"):
        if html.get(key):
            text = html[key]
            if key == "html_title":
                text = _SITE_SUFFIX.sub("", text)
                if re.fullmatch(r"[^:|–—-]{1,30}\s*[:|–—-]\s*[^:|–—-]{1,30}", text) and len(text.split()) <= 4:
                    continue  # "ECFR : Commentary": the site and a section, not the article's title
            return Found(text.strip(), 0.9, f"{key}: {html[key]}", "page metadata"), None
    return None, None


def find_genre(doc, title, html=None):
    at = next((i for i, u in enumerate(doc.units) if u.role == TITLE), None)
    rubric = (html or {}).get("rubric", "").lower().strip(" .:|")
    if P.GENRES.get(rubric):
        return Found(P.GENRES[rubric], 0.85, f"rubric: {html['rubric']}", "page markup")
    for i, u in enumerate(doc.units):
        # A rubric stands by the title; elsewhere the same word is a menu item.
        if u.role == GENRE and u.value and (at is None or abs(i - at) <= 2):
            return Found(u.value, 0.85, u.evidence, "genre line")
    for u in doc.units[: doc.body_start]:
        # "POLICY BRIEF No. 14 | October 2022": the series says what kind of paper it is.
        label = series_label(u.text) if u.role == DATE else None
        if label and P.GENRES.get(label.lower().strip()):
            return Found(P.GENRES[label.lower().strip()], 0.8, u.evidence, "series line")
    # "An Interview with …", or after the headline: "“Europe Must Learn …”: An Interview with …"
    if title and re.search(r"(?:^|[:—–]\s*|\s-\s)(?:an )?interview (?:with|of)\b", title.value, re.I):
        return Found("Interview", 0.8, title.evidence, "title")
    return None


_SPEECH = re.compile(r"^(?:rede|speech|remarks|statement|address|keynote|discours|allocution|intervention|discurso|"
                     r"intervento|выступление|wystąpienie)\s+(?:(?:as delivered |as prepared )?(?:by|von|de|del|di|de la)\s+)",
                     re.I)


def speaker_in_title(title):
    """The speaker a speech's title names: "Rede von Staatsministerin Dr. Katharina Example beim Forum …",
    "Remarks by Secretary Jane Example at …" → the name; else None."""
    m = _SPEECH.match(title)
    if not m:
        return None
    words = title[m.end():].split()
    run = []
    for word in words:
        if not word[:1].isupper() and word.lower() not in P.NAME_PARTICLES:
            break
        run.append(word.strip(",;:"))
    for n in (3, 2):
        name = P.clean_name(" ".join(run[-n:])) if len(run) >= n else ""
        if name and P.looks_like_name(name) and not P.POSITION_WORDS.search(name):
            return name
    return None


def find_authors(doc, html):
    authors = {}

    def add(name, confidence, evidence, method):
        name = P.clean_name(name)
        key = name.lower()
        if key not in authors:
            authors[key] = AuthorInfo(name, confidence, evidence, method)
        return authors[key]

    units = doc.units
    title_at = next((i for i, u in enumerate(units) if u.role == TITLE), None)
    for i, u in enumerate(units):
        if u.role == BYLINE:
            for name in u.value["names"]:
                add(name, 0.95, u.evidence, "byline")
        elif u.role == NAME:
            has_block = bool(u.note) or i + 1 < len(units) and any(
                v.role in (BIO, IDS) for v in units[i + 1 : i + 4]
            )
            # A name linked to its profile page just under the headline is a byline.
            # So is a name with the date under it there.
            under_title = title_at is not None and 0 < i - title_at <= 3
            dated = next((v.role == DATE for v in units[i + 1 :] if v.role != CHROME), False)
            linked = under_title and (_PROFILE_LINK.match(u.evidence) or dated)
            if has_block:
                info = add(u.value, 0.85, u.evidence, "author block")
            elif linked:
                info = add(u.value, 0.85, u.evidence, "name under the title")
            else:
                info = add(u.value, 0.6, u.evidence, "name line")
            if u.note:
                info.bio = _bio_line(u.note)
                info.bio_confidence = 0.8
    title_unit = next((u for u in units if u.role == TITLE), None)
    if not authors and title_unit is not None:
        speaker = speaker_in_title(title_unit.text)
        if speaker:
            add(speaker, 0.7, title_unit.evidence, "speaker named in the title")
    if not authors:
        for name in html.get("author", []):
            for part in P.split_names(name):
                if P.looks_like_name(part):
                    add(part, 0.9, f"meta author: {name}", "page metadata")
    # Notes about the author, in the header block or at the end of the text.
    notes = [u for u in units if u.role == BIO]
    named = bool(authors)  # by a byline or an author block; else the notes name the authors
    for u in notes:
        name = u.value
        info = authors.get(name.lower())
        if info is None:
            if named:
                continue
            info = add(name, 0.75, u.evidence, "author's note")
        header_block = any(v.role == NAME and v.value == name for v in units)
        info.bio = f"{info.bio} {_bio_line(u.text)}".strip() if info.bio else _bio_line(u.text)
        info.bio_confidence = 0.85 if header_block else 0.8
    # Identifiers belong to the author whose block they follow (the only one, usually).
    last_name = None
    for u in units:
        if u.role in (NAME, BYLINE):
            last_name = u.value if u.role == NAME else u.value["names"][0]
        if u.role == IDS and isinstance(u.value, tuple) and authors:
            label, value = u.value
            info = authors.get((last_name or "").lower()) or next(iter(authors.values()))
            m = P.ORCID.search(value)
            if label.lower().startswith("orcid") and m:
                info.orcid = m.group(1)
            else:
                info.identifiers[_id_label(label)] = value
    for info in authors.values():
        info.bio = re.sub(r"\s+", " ", info.bio).strip()
        info.affiliation = affiliation(info.bio)
    return [a for a in authors.values() if a.confidence >= MIN_CONFIDENCE]


_PROFILE_LINK = re.compile(r"^\**\[[^\]]+\]\((?:https?://|/)[^)\s]+\)\**$")


def _bio_line(text):
    text = text.strip().strip("*_").strip()
    return text if text.endswith((".", ";", ",")) else text + "."


def _id_label(label):
    known = {"spin-rsci": "SPIN-RSCI", "spin": "SPIN-RSCI", "researcherid": "ResearcherID",
             "researcher id": "ResearcherID", "scopus authorid": "Scopus AuthorID",
             "scopus author id": "Scopus AuthorID", "scopus id": "Scopus AuthorID", "scopus": "Scopus AuthorID"}
    return known.get(label.lower(), label)


_ORG_WORD = re.compile(
    r"\b(University|Institute|Council|Club|Centre|Center|Academy|School|Foundation|Endowment|Ministry|"
    r"Committee|Commission|Agency|Forum|Fund|Times|Post|Review|Journal|House|Corporation|Program|Programme|"
    r"Институт\w*|Университет\w*|Академи\w*|Центр\w*|Совет\w*|Клуб\w*|МГИМО|РАН|ВШЭ|РСМД)(?!\w)"
)
_ROLE = re.compile(
    r"\b(president|minister|professor|director|fellow|editor|chair|head|researcher|analyst|ambassador|"
    r"member|dean|lecturer|expert|correspondent|journalist|columnist|founder|ceo|adviser|advisor|secretary|"
    r"deputy|chief|scholar|associate|assistant|supervisor|coordinator|manager|officer|is|was|"
    r"сотрудник|директор|профессор|президент|руководитель|эксперт|член)(?!\w)",
    re.I,
)


def affiliation(bio):
    """The first organisation named in a bio, e.g. "Russian International Affairs Council (RIAC)"."""
    for segment in re.split(r"(?<=[.;])\s+", bio or ""):
        for part in segment.split(","):
            part = part.strip(" .;")
            if not _ORG_WORD.search(part):
                continue
            at = re.search(r"\s(?:at|with)\s+(?:the\s+)?", part)
            of = re.search(r"\s(?:of)\s+(?:the\s+)?", part) or re.search(r"(?:сотрудник|директор)\w*\s+", part)
            if at:
                part = part[at.end():]  # "Fellow at Chatham House"
            elif of and _ROLE.search(part[: of.end()]):
                part = part[of.end():]  # "President of the Russian International Affairs Council"
            part = re.split(r"\s+(?:and|where|since|who|from)\s+(?=[a-z])", part)[0]
            return part.strip(" .;")[:300]
    return ""


_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d)(?:/(\d\d))?/")
# Folders of uploaded files are dated by the upload, not by the publication: "/wp-content/uploads/2019/05/".
_UPLOADS = re.compile(r"/(?:wp-content/)?(?:uploads?|files|media|sites/default/files|attachments?)/(?:19|20)\d\d/", re.I)


def find_date(doc, html, url):
    """Found((date, precision, kind)): the capture's own stated date, never one from its prose."""
    published, modified = [], []
    for i, u in enumerate(doc.units):
        if u.role == DATE:
            found, kind = u.value
            if i >= doc.body_start and not is_labelled(u.evidence):
                # Below the headline's block a bare date belongs to a teaser, a comment or a
                # chronology's entry; the article's own says what it is ("Published 3 May 2021").
                continue
            confidence = 0.9 if i < doc.body_start else 0.8
            if found.ambiguous:
                confidence = 0.6
            (modified if kind == "last modified" else published).append((found, confidence, u.evidence))
        elif u.role == BYLINE and u.value.get("date"):
            found, kind = u.value["date"]
            (modified if kind == "last modified" else published).append((found, 0.9, u.evidence))
    for key, bucket in (("date", published), ("modified", modified)):
        if html.get(key):
            found = parse_date(html[key])
            if found:
                bucket.insert(0, (found, 0.95, f"{key}: {html[key]}"))
    url_date = _URL_DATE.search(url.value) if url and not _UPLOADS.search(url.value) else None
    if published:
        found, confidence, evidence = _stated_date(published)
        if url_date and url_date.group(1) == str(found.date.year):
            confidence = min(1.0, confidence + 0.05)
        return Found((found.date, found.precision, "published"), confidence, evidence, "date line")
    if url_date:
        year, month, day = url_date.groups()
        found = find_dates(f"{year}-{month}-{day}" if day else f"{year}-{month}")
        if found:
            return Found((found[0].date, found[0].precision, "published"), 0.7, url.value, "URL path")
    if modified:
        found, confidence, evidence = modified[0]
        return Found((found.date, found.precision, "last modified"), confidence, evidence, "last-modified stamp")
    return None


_PRECISION = {"day": 0, "month": 1, "year": 2}


def _stated_date(published):
    """The publication date among the capture's dates, as (found, confidence, evidence).

    The first one, unless a later one in the same header says "Published …" and is
    more precise: an issue's "January/February 2024" yields to "Published on
    December 19, 2023", while an unlabelled day is kept over a later labelled one.
    """
    first = published[0]
    for candidate in published[1:]:
        found, confidence, evidence = candidate
        if confidence < first[1] or not is_labelled(evidence) or is_labelled(first[2]):
            continue
        if _PRECISION[found.precision] < _PRECISION[first[0].precision]:
            return candidate
    return first


def find_source(doc, html, url):
    if url:
        pub = publisher_for_url(url.value)
        if pub:
            return Found(pub, 0.95, url.value, "URL domain")
    if html.get("site_name"):
        pub = publisher_named(html["site_name"]) or {"name": html["site_name"], "domains": []}
        return Found(pub, 0.85, f"site name: {html['site_name']}", "page metadata")
    suffix = _SITE_SUFFIX.search(html.get("html_title", ""))
    page_site = suffix.group(0).strip(" |–—-") if suffix else ""  # "Ports, Not Pipelines | Atlantic Council"
    host = domain_of(url.value) if url else ""
    domains = [host] if host else []
    pub = publisher_in_name(page_site) if page_site else None
    if pub:
        # A known publisher naming itself in the page's title.
        return Found(pub, 0.85, f"html_title: {html['html_title']}", "page title")
    # A publisher's name in an author's block ("Jane Doe, PhD" / "MGIMO University, Moscow") is
    # where the author works: the source only if nothing else names one.
    in_block = {id(u) for prev, u in zip(doc.units, doc.units[1:]) if u.role == SOURCE and prev.role in (NAME, BIO)}
    for u in doc.units:
        if u.role == SOURCE and id(u) not in in_block:
            if P.SELF_DESCRIPTION.match(u.text):
                return Found(u.value, 0.75, u.evidence, "the institution's description of itself")
            return Found(u.value, 0.8, u.evidence, "publisher named in the capture")
    title_unit = next((u for u in doc.units if u.role == TITLE), None)
    suffix = _SITE_SUFFIX.search(title_unit.evidence.splitlines()[0]) if title_unit is not None else None
    pub = publisher_in_name(suffix.group(0).strip(" |–—-")) if suffix else None
    if pub:
        # "# … | Taiwan | The Guardian": a clipper's headline with the site's name after it.
        return Found(pub, 0.8, title_unit.evidence, "headline suffix")
    holders = [(holder, u.evidence) for u in doc.units if u.n_words <= 40 for holder in [copyright_holder(u.text)] if holder]
    footer = copyright_holder(html.get("copyright", ""))
    if footer:
        holders.append((footer, f"page footer: {html['copyright']}"))
    for holder, evidence in holders:
        pub = publisher_in_name(holder)
        if pub:
            return Found(pub, 0.75, evidence, "copyright line")
    for u in doc.units[: doc.body_start]:
        # "Russia in Global Affairs, Vol. 21, No. 2, April–June 2023": a journal's masthead.
        pub = publisher_in_name(series_label(u.text) or "") if u.role == DATE else None
        if pub:
            return Found(pub, 0.8, u.evidence, "journal masthead")
    found = _agency_or_paywall(doc) or _institution_over_headline(doc) or _domain_over_headline(doc) \
        or _journal_over_volume(doc)
    if found:
        return found
    for u in doc.units:
        if u.role == SOURCE:
            return Found(u.value, 0.6, u.evidence, "publisher named in an author's block")
    if html.get("site_title"):
        name = html["site_title"]
        pub = publisher_named(name) or {"name": name, "domains": domains}
        return Found(pub, 0.7, f"site title: {name}", "page markup")
    for holder, evidence in holders:
        # A publisher the list does not know, named in its copyright line; not a person ("© 2023 Jane Doe").
        if holder == page_site or not P.looks_like_name(holder) and len(holder.split()) <= 8 and holder[:1].isupper() \
                and not re.match(r"(?i)^crown\b", holder):
            return Found({"name": P.uncapitalised(holder), "domains": domains}, 0.6, evidence,
                         "copyright line (a publisher not in the list)")
    if host:
        return Found({"name": host, "domains": [host]}, 0.6, url.value, "URL domain (unknown publisher)")
    return None


_LEGAL_FORM = re.compile(r"\s*,?\s+(?:inc|ltd|llc|limited|gmbh|ggmbh|e\.\s?v|s\.\s?l|s\.\s?a|plc|corp|ag|b\.\s?v)\.?$"
                         r"|^(?:ао|ооо|зао|пао)\s+", re.I)


def copyright_holder(text):
    """Who a copyright line names: "© 2019–2024 The Caucasus Monitor. All rights reserved." → "The Caucasus
    Monitor", "ECFR is a registered charity. © ECFR 2024" → "ECFR", "Copyright: Project Syndicate, 2023." →
    "Project Syndicate"; None for a line without one."""
    m = re.search(r"©|\bcopyright\b", text, re.I)
    if not m or len(text) > 300:
        return None
    if m.group(0) != "©" and not re.match(r"[\s:©]*(?:©|(?:19|20)\d\d|:|[Tt]he\s+[A-Z])", text[m.end():]):
        return None  # "Copyright Information": a link to a page about it
    rest = re.sub(r"^[\s:©]*(?:copyright\b\s*)?[\s:©]*", "", text[m.end():], flags=re.I)
    rest = re.sub(r"^(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?[\s,.]*", "", rest)
    rest = re.split(r"\s*(?:[·|•\[<`]|\s{2}|\ball rights reserved\b|\bor its affiliated\b|\bpowered by\b|\btrading as\b|"
                    r"\.\s|\.$|,\s*(?:19|20)\d\d|\s(?:19|20)\d\d\b|все права)", rest, flags=re.I)[0]
    rest = _LEGAL_FORM.sub("", rest.strip(" .,;:")).strip(" .,;:«»\"")
    if re.fullmatch(r"(?:the )?(?:individual )?authors?(?:\(s\))?|crown copyright|.*\bcontributors?", rest, re.I):
        return None  # "© The Author(s) 2022": the authors keep it, not a publisher
    return rest if len(rest) >= 2 and not rest.isdigit() else None


def _journal_over_volume(doc):
    """A journal's name over its year and volume on a paper's first page ("Review of Example Mediation" /
    "2022, Vol. 17(3) 241–262")."""
    head = doc.units[: doc.body_start]
    for u, v in zip(head, head[1:]):
        if re.match(r"^(?:19|20)\d\d,?\s+vol(?:\.|ume)?\s*\d+", v.text, re.I) and 2 <= u.n_words <= 8 \
                and u.text[:1].isupper() and not P.ends_sentence(u.text):
            name = u.text.strip()
            return Found(publisher_in_name(name) or {"name": name, "domains": []}, 0.7, f"{u.evidence}\n{v.evidence}",
                         "journal named over its volume")
    return None


def _domain_over_headline(doc):
    """A known publisher's domain alone on a line at the top ("rp.pl"), as reader views print it."""
    for u in doc.units[: min(doc.body_start, 8)]:
        for part in re.split(r"\s[|·•]\s", u.text.strip().lower()):  # "rp.pl"; "thediplomat.com · by …"
            if re.fullmatch(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+){1,3}", part):
                pub = publisher_for_url("https://" + part)
                if pub:
                    return Found(pub, 0.75, u.evidence, "the publisher's domain over the headline")
    return None


def _institution_over_headline(doc):
    """A paper's masthead: an institution named on its own line above the headline, in the first lines."""
    at = next((i for i, u in enumerate(doc.units[: doc.body_start]) if u.role == TITLE), None)
    for u in doc.units[: min(at, 6)] if at else ():
        if u.role == HEADER and u.kind == "line" and P.looks_like_institution(u.text.strip(" .|")):
            name = P.uncapitalised(u.text.strip(" .|"))
            return Found(publisher_in_name(name) or {"name": name, "domains": []}, 0.6, u.evidence,
                         "institution named over the headline")
    return None


# "MOSCOW, March 3 (Reuters) -": a wire story's dateline names the agency.
_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .'’/-]{1,40}(?:,[^()]{1,30})?\s+\((?P<agency>[^()]{2,40})\)\s*[-–—]\s")
# "Subscribe to Foreign Affairs to get unlimited access": a publication asking for readers of itself.
_OWN_PROMPT = re.compile(r"^(?:subscribe to|become a subscriber (?:to|of)|support)\s+(?P<name>.{2,60}?)\s+(?:to|for|and)\s", re.I)


def _agency_or_paywall(doc):
    """A known publisher named in the dateline of the first paragraph or in the page's own paywall prompt."""
    first = next((u for u in doc.units if u.role == BODY), None)
    m = _DATELINE.match(first.text) if first else None
    pub = publisher_named(m.group("agency")) if m else None
    if pub:
        return Found(pub, 0.8, first.text[:120], "wire dateline")
    for u in doc.units:
        m = _OWN_PROMPT.match(u.text) if u.role == CHROME else None
        pub = publisher_in_name(m.group("name")) if m else None
        if pub:
            return Found(pub, 0.75, u.evidence, "the publication's subscription prompt")
    return None


def find_language(body, html):
    text = " ".join(b["text"] for b in body)[:5000]
    if not text.strip():
        return Found(html.get("lang") or "en", 0.3, "", "default")
    cyrillic = len(re.findall(r"[А-Яа-яЁё]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if cyrillic > latin:
        return Found("ru", 0.95, text[:80], "script")
    return Found(identify(text), 0.9, text[:80], "language identification")


def provisional_title(body):
    """A title proposed from the first sentence, for a capture that names none."""
    first = next((b["text"] for b in body if b["type"] == "paragraph"), "")
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    words = sentence.split()
    return " ".join(words[:12]).rstrip(",;:") + ("…" if len(words) > 12 else "")


def review_reasons(meta, doc):
    """Why a curator should look at this article: what is missing or uncertain."""
    reasons = []
    if not meta.title:
        reasons.append("no title in the capture: the provisional title is unconfirmed")
    if not meta.authors:
        reasons.append("no author named in the capture")
    if not meta.date:
        reasons.append("no date in the capture (dates in bios, citations and the text are not taken)")
    if not meta.source:
        reasons.append("no source named in the capture")
    for label, found in (("title", meta.title), ("date", meta.date), ("source", meta.source),
                         ("authors", meta.authors_found())):
        if found and found.confidence < REVIEW_CONFIDENCE:
            reasons.append(f"{label} uncertain ({found.method}): {found.evidence[:120]}")
    words = sum(len(b["text"].split()) for b in meta.body)
    if words < 50:
        reasons.append(f"very short body ({words} words): check the capture")
    return reasons
