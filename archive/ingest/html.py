"""Saved web pages: the article text and the page's own metadata."""

import json
import logging
import re

import lxml.html
import trafilatura

from archive.ingest.dates import date_line
from archive.ingest.patterns import looks_like_name, split_names

log = logging.getLogger(__name__)

# <meta> names and properties, in order of trust, for each field.
META_KEYS = {
    "author": ["author", "article:author", "citation_author", "dc.creator", "parsely-author"],
    "date": [
        "article:published_time",
        "citation_publication_date",
        "citation_date",
        "dc.date",
        "date",
        "pubdate",
        "publish-date",
        "parsely-pub-date",
        "article:published",
        "og:published_time",
        "govuk:first-published-at",
        "dcterms.date",
        "dcterms.created",
        "dc.date.issued",
        "sailthru.date",
    ],
    "modified": ["article:modified_time", "og:updated_time", "last-modified"],
    "site_name": ["og:site_name", "application-name", "citation_publisher", "dc.publisher"],
    "title": ["og:title", "citation_title", "dc.title", "twitter:title"],
    "url": ["og:url", "source-url", "original-url"],
    "description": ["description", "og:description"],
}


def page_text(html):
    """The article of a saved page as markdown-like text, and its metadata."""
    meta = page_metadata(html)
    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    if not text:
        # Too little for trafilatura's precision mode: take it as it comes.
        text = trafilatura.extract(html, output_format="markdown", include_comments=False) or ""
    note = meta.pop("author_note", "")
    if text and note and note not in text:
        text = f"{text}\n\n{note}\n"  # the note about the author, in a box the extractor leaves out
    return text, meta


def page_metadata(html):
    """Title, authors, dates, canonical URL and site name as the page states them."""
    try:
        # lxml refuses text that declares its encoding ("<?xml version="1.0" encoding="UTF-8"?>", as
        # Evernote and XHTML exports open): the text is decoded already.
        doc = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except (ValueError, lxml.etree.ParserError):
        return {}
    values = {}
    for element in doc.iter("meta"):
        key = (element.get("name") or element.get("property") or element.get("itemprop") or "").lower()
        content = (element.get("content") or "").strip()
        if key and content:
            values.setdefault(key, []).append(content)
    meta = {}
    for field, keys in META_KEYS.items():
        for key in keys:
            if values.get(key):
                meta[field] = values[key] if field == "author" else values[key][0]
                break
    title = doc.findtext(".//title")
    if title and title.strip():
        meta["html_title"] = " ".join(title.split())
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            meta["canonical"] = link.get("href").strip()
    # A theme's site title ("<h1 class="site-title">The Long Telegram</h1>") names the site.
    site = next((e for e in doc.iter("h1", "p", "div", "a", "span") if _SITE_TITLE.search(e.get("class") or "")), None)
    if site is not None and 0 < len(" ".join(site.text_content().split())) <= 60:
        meta["site_title"] = " ".join(site.text_content().split())
    # schema.org metadata (JSON-LD) fills what the <meta> tags leave out, then the article's own
    # header in the markup (its byline and <time>, under its headline); a fuller list of the same authors wins.
    ld = json_ld(doc)
    headline = page_headline(doc, meta.get("site_name") or ld.get("site_name") or meta.get("site_title", ""))
    if headline is not None:
        meta["h1"] = " ".join(headline.text_content().split())
    for found in (ld, header_markup(doc, headline)):
        for field, value in found.items():
            if field == "author" and field in meta:
                meta[field] = fuller(meta[field], value)
            meta.setdefault(field, value)
    lang = doc.get("lang") or ""
    if lang:
        meta["lang"] = lang.split("-")[0].lower()
    # The copyright line of the page's footer, which the article's text leaves out.
    for text in doc.itertext():
        if ("©" in text or "copyright" in text.lower()) and len(text.strip()) <= 300:
            meta["copyright"] = " ".join(text.split())
    box = next((e for e in doc.iter() if isinstance(e.tag, str) and _AUTHOR_BOX.search(e.get("class") or "")), None)
    paragraph = box.find(".//p") if box is not None else None
    if paragraph is not None:
        meta["author_note"] = " ".join(paragraph.text_content().split())
    return meta


_SITE_TITLE = re.compile(r"(?:^|\s)(?:site-title|site-name|blog-title|site-branding__title)(?:$|\s)", re.I)
# The site's own name and header, not its content areas ("site-main", "site-content" hold the article).
_SITE_CLASS = re.compile(r"(?:^|[\s_-])(?:site-(?:title|name|header|branding|logo)|logo|brand(?:ing)?|masthead|navbar|"
                         r"header-title)(?:$|[\s_-])", re.I)
_HEADLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:entry|post|article|page|story)[_-]?(?:title|headline)(?:$|[\s_-])|"
                             r"(?:^|\s)headline(?:$|\s)", re.I)


def page_headline(doc, site_name=""):
    """The element of the article's headline in the markup, or None: an <h1>, or an element a theme marks
    as the entry's title; not the site's name set in an <h1> as its logo."""
    def text(element):
        return " ".join(element.text_content().split())

    def site_like(element):
        for e in [element, *element.iterancestors()]:
            if e.tag == "article":
                return False
            if _SITE_CLASS.search(f"{e.get('class', '')} {e.get('id', '')}") or e.tag in ("header", "nav") \
                    and not any(a.tag in ("article", "main") for a in e.iterancestors()):
                return True
        return bool(site_name) and text(element).lower() == site_name.lower()

    heads = [e for e in doc.iter("h1") if text(e) and not site_like(e)]
    heads += [e for e in doc.iter("h1", "h2") if e not in heads and text(e)
              and _HEADLINE_CLASS.search(e.get("class", "")) and not site_like(e)]
    inside = [e for e in heads if any(a.tag in ("article", "main") for a in e.iterancestors())]
    return (inside or heads or [None])[0]


def fuller(names, other):
    """other when it names every author of names and more (a <meta> tag with the first of two), else names."""
    def keys(values):
        return [" ".join(n.lower().split()) for value in values for n in split_names(value)]

    ours, theirs = keys(names), keys(other)
    return other if set(ours) < set(theirs) else names


_BYLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:byline|by-line|author|authors|article-author|contributors?|autor|autore|auteur|"
                           r"yazar|автор)(?:$|[\s_-])", re.I)
_RUBRIC_CLASS = re.compile(r"(?:^|[\s_-])(?:eyebrow|kicker|rubric|article-type|content-type|post-type)(?:$|[\s_-])", re.I)
_AUTHOR_BOX = re.compile(r"(?:^|[\s_-])(?:author|contributor)[_-]?(?:info|bio|box|card|profile|details|about)(?:$|[\s_-])|"
                         r"about[_-](?:the[_-])?author", re.I)
_DATE_CLASS = re.compile(r"date|dateline|published|timestamp|post-meta|entry-meta|article-meta|tarih|fecha|datum", re.I)
_BY = re.compile(r"^\s*(?:by|written by|authors?|par|von|por|door|автор(?:ы)?|от)\s*:?\s+", re.I)


def header_markup(doc, h1):
    """The byline and the date printed between an article's headline (h1, the element page_headline
    gives) and its first paragraph of text.

    Trafilatura keeps the text but drops these; microdata (itemprop="author",
    "datePublished") counts wherever it stands.
    """
    found = {}
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag == "meta":
            continue
        prop = (element.get("itemprop") or "").lower()
        if prop == "datepublished" and "date" not in found:
            found["date"] = element.get("datetime") or element.get("content") or element.text_content().strip()
        elif prop == "author" and "author" not in found:
            name = element.find('.//*[@itemprop="name"]')
            text = " ".join((name if name is not None else element).text_content().split())
            if text:
                found["author"] = [_BY.sub("", text)]
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "p" and len(element.text_content().split()) >= 30:
            break
        if _RUBRIC_CLASS.search(element.get("class") or ""):
            text = " ".join(element.text_content().split())
            if 0 < len(text) <= 40:
                found["rubric"] = text  # "Analysis" over the headline: what kind of piece it is
                break
    if h1 is None:
        return found
    names, date, after = [], None, False
    for element in doc.iter():
        if element is h1:
            after = True
            continue
        if not after or not isinstance(element.tag, str) or _inside(element, h1):
            continue
        if element.tag == "p" and len(element.text_content().split()) >= 30:
            break  # the text has begun
        if element.tag == "time" and date is None:
            date = element.get("datetime") or element.text_content().strip()
        elif date is None and _DATE_CLASS.search(element.get("class") or ""):
            # "<p class="dates">Updated: 2024-03-02 | Published: 2024-02-28</p>"
            line = date_line(" ".join(element.text_content().split())[:120])
            if line and line[1] == "published":
                date = line[0].text
        rel = (element.get("rel") or "").lower()
        if element.tag == "a" and rel == "author" or _BYLINE_CLASS.search(element.get("class") or "") and not names:
            # A byline block with each name in its own link or bold, beside positions and dates: the names.
            marked = [" ".join(e.text_content().split()) for e in element.iter("a", "strong", "b") if e is not element]
            marked = [_BY.sub("", t) for t in marked if looks_like_name(_BY.sub("", t))]
            text = " ".join(element.text_content().split())
            if marked:
                names.extend(marked)
            elif text and len(text) < 200:
                names.append(_BY.sub("", text))
    if names and "author" not in found:
        found["author"] = names
    if date and "date" not in found:
        found["date"] = date
    return found


def _inside(element, ancestor):
    return any(parent is ancestor for parent in element.iterancestors())


# schema.org types of a page's main work; a WebPage or BreadcrumbList describes the page, not the article.
ARTICLE_TYPES = {"Article", "NewsArticle", "ScholarlyArticle", "Report", "BlogPosting", "OpinionNewsArticle",
                 "AnalysisNewsArticle", "ReportageNewsArticle", "BackgroundNewsArticle", "TechArticle", "Review"}


def json_ld(doc):
    """Title, authors, dates, URL and publisher from the first schema.org article described in JSON-LD."""
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            types = item.get("@type")
            if not set(types if isinstance(types, list) else [types]) & ARTICLE_TYPES:
                continue
            return _ld_article(item)
    return {}


def _ld_items(data):
    if isinstance(data, list):
        for element in data:
            yield from _ld_items(element)
    elif isinstance(data, dict):
        yield data
        yield from _ld_items(data.get("@graph", []))


def _ld_text(value):
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _ld_article(item):
    found = {}
    authors = item.get("author") or []
    names = []
    for author in authors if isinstance(authors, list) else [authors]:
        # An organisation credited as author is the publisher, not a person who wrote it.
        if isinstance(author, dict) and author.get("@type") not in (None, "Person"):
            continue
        name = _ld_text(author)
        if name and not name.startswith("http"):
            names.append(name)
    if names:
        found["author"] = names
    page = item.get("mainEntityOfPage")
    for field, value in [("title", item.get("headline") or item.get("name")), ("date", item.get("datePublished")),
                         ("modified", item.get("dateModified")), ("site_name", item.get("publisher")),
                         ("url", item.get("url") or (page.get("@id") if isinstance(page, dict) else page)),
                         ("description", item.get("description"))]:
        text = _ld_text(value)
        if text:
            found[field] = text
    return found
