"""Give each unit of a capture its role: chrome, metadata, heading or body."""

import re

from archive.ingest import patterns as P
from archive.ingest.clean import (
    BIO,
    BODY,
    BYLINE,
    CHROME,
    CONTACT,
    DATE,
    DUPLICATE,
    GENRE,
    HEADER,
    HEADING,
    IDS,
    NAME,
    NOT_CONTENT,
    SOURCE,
    TEASER,
    TITLE,
    URL,
    Document,
    join_lines,
    segment,
)
from archive.ingest.dates import date_line, series_date_line, series_label, strip_date_line
from archive.ingest.notes import end_note, note_start, split_joint_note
from archive.ingest.publishers import match_publisher_line, publisher_in_name

_FORWARDED = re.compile(r"^forwarded from\s+(?P<name>.{2,80})$", re.I)
# Every date has a year in digits: a line without a digit is no date line.
_DIGIT = re.compile(r"[0-9]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def analyse(text):
    """A Document of text's units with their roles assigned."""
    doc = Document(segment(text))
    units = doc.units
    mark_lines(units)
    mark_teasers(units)
    mark_polls(units)
    doc.body_start = find_body_start(units)
    mark_comments(units, doc.body_start)
    mark_nav_runs(units, doc.body_start)
    mark_header(units, doc.body_start)
    mark_body(units, doc.body_start)
    mark_duplicates(units)
    return doc


def free(unit):
    return not unit.role


def mark_lines(units):
    """Roles a line has wherever it stands: dates, identifiers, contacts, URLs, chrome."""
    in_contacts = False
    for i, u in enumerate(units):
        if u.role:
            continue
        t = u.text
        short = u.n_words <= 25
        found = (date_line(t) or series_date_line(t) or strip_date_line(t)) if short and _DIGIT.search(t) else None
        if found:
            u.role, u.value = DATE, found
            continue
        if P.IDS_HEADING.match(t):
            u.role = IDS
            continue
        m = P.IDENTIFIER.match(t)
        if m and short:
            u.role, u.value = IDS, (m.group("label"), m.group("value").strip())
            continue
        if P.CONTACT_HEADING.match(t):
            u.role, in_contacts = CONTACT, True
            continue
        has_email = "@" in t and _EMAIL.search(t)
        # A paragraph of text may end by giving an address ("For further information, please contact … at …").
        if (short and P.CONTACT_LINE.search(t) and (in_contacts or u.kind != "para")) or \
                (has_email and (u.n_words <= 15 or (u.kind != "para" or P.is_chrome_text(t)) and u.n_words <= 60)):
            u.role = CONTACT
            continue
        m = P.ORIGINAL_URL.match(t)
        if m:
            u.role, u.value = URL, (m.group("url") or "").strip("<>")
            if not u.value and i + 1 < len(units):
                nxt = P.URL_ONLY.match(units[i + 1].text)
                if nxt:
                    units[i + 1].role, units[i + 1].value = URL, nxt.group("url")
                    u.value = nxt.group("url")
            continue
        if P.URL_ONLY.match(t):
            u.role = CHROME
            continue
        if re.match(r"^(?:source|источник)\s*:", t, re.I) and match_publisher_line(t) \
                and not any(v.substantial for v in units[i + 1 :]):
            # "Source: Kommersant" under a text, as well as over it; in the text it credits a chart.
            u.role, u.value = SOURCE, match_publisher_line(t)
            continue
        m = _FORWARDED.match(t)
        if m:  # a channel's repost: "Forwarded from European Pravda"
            name = m.group("name").strip()
            u.role, u.value = SOURCE, publisher_in_name(name) or {"name": name, "domains": []}
            continue
        m = P.SELF_DESCRIPTION.match(t)
        # Under the text, that is: in the text, "The SCO is a regional organization; we …" is prose. In its
        # own voice ("our mission") it may have a long teaser or two after it; otherwise only short lines.
        if m and u.n_words <= 100 and not any(v.kind == "para" and v.n_words >= 40 for v in units[i + 1 :]) \
                and (P.SELF_DESCRIPTION_VOICE.search(t) or not any(v.n_words >= 20 for v in units[i + 1 :])):
            pub = publisher_in_name(m.group("name") or m.group("pub"))
            u.role, u.value = (SOURCE, pub) if pub else (CHROME, None)
            continue
        if u.kind != "para" or short:
            if P.TOC_HEADING.match(t):
                # A table of contents: its heading and the short lines under it.
                u.role = CHROME
                for v in units[i + 1 :]:
                    if v.role or v.kind != "line" or v.n_words > 12:
                        break
                    v.role = CHROME
                continue
            if u.level == 0 and P.is_chrome_line(t):
                u.role = CHROME
                continue
        elif (u.italic or u.n_words <= 60) and any(p.search(t) for p in P.NOTE_CONTAINS):
            u.role = CHROME  # a disclaimer, in a paragraph of its own or in italics
            continue
        # An identifiers or contacts block ends where ordinary text resumes.
        if u.kind == "para" or u.group != units[i - 1].group:
            in_contacts = False


def mark_teasers(units):
    """Teasers of other articles: a title, a blurb and a "More" link, or "Read also:" and titles."""
    for i, u in enumerate(units):
        if P.TEASER_START.match(u.text):
            u.role = TEASER
            _mark_teaser_list(units, i + 1)
            continue
        if not P.TEASER_END.match(u.text):
            continue
        u.role = TEASER
        same_group = [v for v in units[:i] if v.group == u.group]
        if same_group:
            for v in same_group:
                v.role = TEASER
            continue
        # "More" on its own: take back the blurb and the title line before it,
        # unless it follows furniture (then it is a link of its own).
        previous = units[i - 1] if i else None
        if previous is None or previous.role or previous.n_words > 60:
            continue
        previous.role = TEASER
        before = units[i - 2] if i > 1 else None
        if previous.kind == "para" and before is not None and not before.role and before.kind == "line" \
                and before.n_words <= 20:
            before.role = TEASER


def _mark_teaser_list(units, start):
    """The titles under a "Read also" heading: a title, its author and its date, as often as they repeat."""
    def group_at(i, dated_only):
        group = []
        for v in units[i : i + 3]:
            if v.n_words > 25 or v.role not in ("", DATE):
                break
            group.append(v)
            if v.role == DATE:
                return group
        return [] if dated_only else group

    # The first group need not be dated; more groups of the same shape must be.
    group, i = group_at(start, False), start
    while group:
        dated = group[-1].role == DATE
        for v in group:
            v.role = TEASER
        i += len(group)
        group = group_at(i, True) if dated else []


def mark_polls(units):
    """A poll and its answers, up to the next real paragraph."""
    in_poll = False
    for u in units:
        if re.match(r"^(poll( conducted)?|опрос)\b", u.text, re.I):
            in_poll = True
            u.role = CHROME
            continue
        if in_poll:
            if u.substantial and u.n_words >= 30 and not u.bulleted:
                in_poll = False
            elif not u.role:
                u.role = CHROME


def mark_comments(units, body_start):
    """Readers' comments under the article ("3 Comments", "Leave a Reply", "Jane says:") are not its text."""
    seen_text = False
    for i in range(body_start, len(units)):
        u = units[i]
        seen_text = seen_text or (free(u) and u.substantial)
        nxt = units[i + 1] if i + 1 < len(units) else None
        commenter = P.COMMENTER.match(u.text) and nxt is not None and nxt.role == DATE
        # A button to comment ends the text only where no more of it follows.
        prompt = P.COMMENT_PROMPT.match(u.text)
        if prompt and any(v.substantial and free(v) for v in units[i + 1 :]):
            u.role, prompt = CHROME, None
        if seen_text and (P.COMMENTS_START.match(u.text) or commenter or prompt):
            for v in units[i:]:
                if v.role not in (URL, SOURCE):
                    v.role = CHROME
            return


def _nav_item(u):
    return (
        free(u)
        and u.kind == "line"
        and u.level == 0
        and u.n_words <= 8
        and not u.text.rstrip().endswith(("!", "?", ":", ";", ","))
        and (not u.text.rstrip().endswith(".") or u.n_words <= 5)
        and not P.SALUTATION.match(u.text)
    )


def mark_nav_runs(units, body_start):
    """Runs of short link-like lines (menus, link lists) are navigation, not text.

    Before the body, where title, rubric and byline stand together as short
    lines, only bulleted runs and long runs count.
    """
    def item(k):
        u = units[k]
        # Before the body, names, publishers and positions are an author block, not a menu.
        return _nav_item(u) and (k >= body_start or not (
            P.looks_like_name(u.text) or match_publisher_line(u.text) or P.POSITION_WORDS.search(u.text)))

    i = 0
    while i < len(units):
        if not item(i):
            i += 1
            continue
        j = i
        while j < len(units) and (item(j) or units[j].role == CHROME):
            j += 1
        run = [units[k] for k in range(i, j) if item(k)]
        if i < body_start and len(run) > 1 and _headline_after_menu(units, units.index(run[-1], i)):
            run.pop()
        bulleted = sum(1 for u in run if u.bulleted)
        lead = next((u for u in reversed(units[:i]) if u.role != CHROME), None)
        introduced = lead is not None and lead.text.rstrip().endswith(":")
        minimum = 3 if i >= body_start else 7
        if not introduced and (len(run) >= minimum or bulleted >= 2):
            for u in run:
                u.role = CHROME
        i = max(j, i + 1)


def _headline_after_menu(units, k):
    """True when the line ending a run of menu items is the headline under the menu: a line in a
    block of its own, over a standfirst, a name or a date."""
    u = units[k]
    alone = (k == 0 or units[k - 1].group != u.group) and (k + 1 == len(units) or units[k + 1].group != u.group)
    nxt = units[k + 1] if k + 1 < len(units) else None
    return alone and u.n_words >= 4 and nxt is not None and (
        nxt.kind == "para" or nxt.role == DATE or P.looks_like_name(nxt.text) or bool(P.BYLINE.match(nxt.text)))


def _standfirst_over_dateline(units, i):
    """True for a summary set over a story whose first paragraph opens with its dateline."""
    u = units[i]
    nxt = next((v for v in units[i + 1 :] if v.role not in NOT_CONTENT), None)
    return u.n_words <= 60 and not _STORY_DATELINE.match(u.text) and nxt is not None and nxt.substantial \
        and bool(_STORY_DATELINE.match(nxt.text))


_CREDIT = re.compile(r"^(?:photo|foto|fot\.|image|picture|bild|imagen|zdjęcie|фото)\w*(?:\s+credits?)?\s*:|.*\b(?:photograph|photo):\s*\S",
                     re.I)
_SHARE = re.compile(r"\b(?:share|print|e-?mail|facebook|twitter|linkedin|whatsapp|telegram)\b", re.I)


def _share_bar_after(units, i):
    """True when share or print buttons stand between units[i] and the next paragraph."""
    between = []
    for v in units[i + 1 :]:
        if v.role != CHROME or v.kind == "heading":
            break  # a heading, even one of furniture ("Contents"), opens what follows
        between.append(v)
    # … or the lead picture's credit: a standfirst stands over the picture, the text under it.
    return len(between) >= 2 or any(len(_SHARE.findall(v.text)) >= 2 or _CREDIT.match(v.text) for v in between)


def _starts_body(units, i):
    u = units[i]
    if not (free(u) and u.substantial):
        return False
    if u.n_words <= 50 and i + 1 < len(units) and units[i + 1].role == DATE and i > 0 and units[i - 1].kind != "para":
        return False  # a standfirst between the headline and the date: "… hides a narrower goal." / "June 20, 2023"
    if u.n_words <= 40 and i > 0 and units[i - 1].kind != "para" and _share_bar_after(units, i):
        return False  # a standfirst over the page's share buttons, which stand over the text
    following = [v for v in units[i + 1 :] if v.role not in NOT_CONTENT and v.role != TEASER]
    if not following:
        return True
    if following[0].substantial:
        return True
    # A heading may come next, if a paragraph follows it; a byline or a name may not. After a long
    # paragraph, so may a short line of some widget the rules do not know, or a caption.
    heading = following[0]
    return (
        heading.kind in ("line", "heading")
        and not heading.bulleted
        and (heading.n_words <= 20 or (heading.n_words <= 30 and u.n_words >= 40 and heading.kind == "line"))
        and not P.looks_like_name(heading.text)
        and not P.BYLINE.match(heading.text)
        and len(following) > 1
        and following[1].substantial
    )


# "NEW DELHI – Every major economy …", "MOSCOW, March 3 (Reuters) - …": a dateline opens a story's text.
_STORY_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .'’-]{2,30}(?:,\s*[^–—()]{2,30})?(?:\s+\([^()]{2,30}\))?\s+[–—-]{1,2}\s+\S")


# A reading app's export marks where the text it saved begins, under its highlights and metadata.
_FULL_TEXT = re.compile(r"^(?:full (?:document|text|article)|article text|texte intégral|volltext|полный текст)$", re.I)


def find_body_start(units):
    """Where the article's text begins: the first real paragraph that another follows."""
    marked = next((i + 1 for i, u in enumerate(units) if u.kind == "heading" and _FULL_TEXT.match(u.text.strip())), None)
    if marked is not None and any(u.substantial for u in units[marked:]):
        for u in units[: marked]:
            if u.role == BODY or not u.role and u.bulleted:
                u.role = CHROME  # the highlights, quoted from the text below
        return marked
    for i in range(len(units)):
        if _starts_body(units, i) and not _standfirst_over_dateline(units, i):
            while i > 0 and units[i - 1].kind == "heading" and units[i - 1].level >= 2:
                i -= 1
            while i > 0 and free(units[i - 1]) and P.SALUTATION.match(units[i - 1].text):
                i -= 1  # a speech opens by addressing its hearers: "Ladies and gentlemen,"
            return _list_before(units, i)
    for i, u in enumerate(units):
        if free(u) and u.substantial:
            return i
    return next((i for i, u in enumerate(units) if free(u)), len(units))


_SUMMARY_HEADING = re.compile(
    r"^(?:executive summary|summary|key (?:points|takeaways|findings|judg(?:e)?ments|messages)|in brief|at a glance|"
    r"highlights|main points|recommendations|policy recommendations|what you need to know)[:.]?$", re.I)


def _list_before(units, i):
    """Where the text begins when a list of points, and the line that leads into it, come first.

    "Three things stand out." over three bulleted sentences, then the paragraphs: the list is
    text. A menu's bullets are short and never sentences, so they stay out.
    """
    j = i
    while j > 0 and free(units[j - 1]) and units[j - 1].bulleted and units[j - 1].n_words >= 4 and (
            units[j - 1].n_words >= 8 or P.ends_sentence(units[j - 1].text)):
        j -= 1
    k = i
    while k < len(units) and units[k].bulleted:
        k += 1  # the list may run on into the text's first paragraph
    if k - j < 2:
        return i
    lead = units[j - 1] if j > 0 else None
    if lead is not None and free(lead) and not lead.bulleted and lead.n_words <= 30 and (
            lead.text.endswith(":") or (P.ends_sentence(lead.text) and lead.n_words >= 3 and not date_line(lead.text))
            or (lead.kind == "heading" and lead.level >= 2) or _SUMMARY_HEADING.match(lead.text.strip())):
        j -= 1
    return j


def _bio_like(u):
    t = u.text
    return (
        u.n_words <= 60
        and not P.looks_like_name(t)
        and bool(P.POSITION_WORDS.search(t))
        and not date_line(t)
    )


def mark_header(units, start):
    """Title, bylines, author blocks, genre and source in the lines before the body."""
    header = units[:start]
    for i, u in enumerate(header):
        if u.role:
            continue
        t = u.text
        if u.kind == "heading" and u.level == 1 and not any(v.role == TITLE for v in header):
            u.role = TITLE
            continue
        m = P.BYLINE.match(t)
        if m and u.n_words <= 30:
            names, found = _byline_names(m.group("names"))
            if names:
                u.role, u.value = BYLINE, {"names": names, "date": found}
                continue
        m = P.DATED_BYLINE.match(t)
        if m and u.n_words <= 30 and date_line(m.group("date")):
            names, _ = _byline_names(m.group("names"))
            if names:
                u.role, u.value = BYLINE, {"names": names, "date": date_line(m.group("date"))}
                continue
        names = P.split_names(t.title() if t.isupper() else t)  # "NILS EXAMPLE AND PRIYA SAMPLE*"
        if len(names) >= 2 and u.kind != "para" and not u.bulleted and re.search(r"\band\b|&|,|;", t, re.I) \
                and all(P.looks_like_name(n) for n in names) \
                and any(free(v) and _title_like(v) for v in header[max(0, i - 3) : i]):
            # "Jane Doe and John Roe" under a headline: a byline without "By". With no
            # headline above, such a line may be the headline itself.
            u.role, u.value = BYLINE, {"names": names, "date": None}
            continue
        if re.search(r"[|·•]|\s[–—-]\s", t) and u.n_words <= 12:
            # "Jane Example | 4 May 2019", "Jane Example · 4 May 2019 · 8 min read": a byline without "By".
            names, found = _byline_names(t)
            if names and found:
                u.role, u.value = BYLINE, {"names": names, "date": found}
                continue
            # "thediplomat.com · by Jin-woo Example · 9 min read": a reading list's line, the byline among its parts.
            parts = [p.strip() for p in re.split(r"\s[|·•]\s", t)]
            by = next((P.BYLINE.match(p) for p in parts if P.BYLINE.match(p)), None)
            names = [n for n in P.split_names(by.group("names")) if P.looks_like_name(n)] if by else []
            if names:
                dated = next((date_line(p) for p in parts if date_line(p)), None)
                u.role, u.value = BYLINE, {"names": names, "date": dated}
                continue
        if P.GENRES.get(t.lower().strip(" .:|")):
            u.role, u.value = GENRE, P.GENRES[t.lower().strip(" .:|")]
            continue
        label = series_label(t) if u.n_words <= 16 else None
        if label:
            # "WORKING PAPER 2023/04", "Journal of Example Studies, Vol. 3, No. 1": a series, not a headline.
            kind, pub = P.GENRES.get(label.lower()), publisher_in_name(label)
            u.role, u.value = (GENRE, kind) if kind else (SOURCE, pub) if pub else (HEADER, None)
            continue
        parts = re.split(r"\s*(?:,|&|/|\band\b|\bи\b)\s*", t.lower().strip(" .:|"))
        if len(parts) > 1 and all(part in P.GENRES or P.CHROME_LINE.match(part) for part in parts):
            u.role = HEADER  # "Analysis and Commentary": a section of the site, of no one kind
            continue
        rubric = t.split("|")[0].lower().strip(" .:") if "|" in t and u.n_words <= 8 else ""
        if P.GENRES.get(rubric):
            # "Analysis | Central Asia": the rubric and the topic of a kicker.
            u.role, u.value = GENRE, P.GENRES[rubric]
            continue
        pub = match_publisher_line(t)
        if pub:
            u.role, u.value = SOURCE, pub
            continue
        m = _NAME_WITH_NOTE.match(t)
        if m and u.kind != "para" and P.looks_like_name(m.group("name")) and P.POSITION_WORDS.search(m.group("note")):
            # "Jane Doe (University of Example)": a name and its affiliation on one line.
            u.role, u.value, u.note = NAME, P.clean_name(m.group("name")), m.group("note").strip()
            continue
        name, _, note = t.partition(", ")
        name = name.title() if name.isupper() else name  # "MARGARET EXAMPLE, DEPUTY SECRETARY OF STATE"
        if note and u.kind != "para" and u.n_words <= 20 and P.looks_like_name(name) \
                and (P.POSITION_WORDS.search(note) or P.looks_like_organisation(note)) \
                and not P.looks_like_name(note.split(",")[0]):
            # "Jane Doe, Senior Fellow, Example Institute", "Jane Doe, Chatham House": a name and
            # its position or affiliation on one line.
            u.role, u.value, u.note = NAME, P.clean_name(name), note.strip()
            continue
        # "[Helen Example](…/profile/…) in Taipei": a reporter's linked name and where she filed from (a
        # headline in title case may end "… in Russia" too: the name must be a link's text).
        if _LINKED_NAME_AND_PLACE.match(u.evidence):
            t = P.without_place(t)
        if P.looks_like_name(t) and u.kind != "para" and not u.bulleted:
            u.role, u.value = NAME, P.clean_name(t)
            # The author's block: position, affiliation, degrees, until the next kind of line.
            for v in header[i + 1 :]:
                if v.role in (CHROME,):
                    continue
                if v.role or not _bio_like(v):
                    break
                v.role, v.value = BIO, u.value
            continue
    # The title: a headline-like line by the byline or date, else the first one,
    # unless a markdown H1 named it.
    headings = [u for u in header if free(u) and u.kind == "heading" and u.level]
    if headings and not any(u.role == TITLE for u in header):
        min(headings, key=lambda u: u.level).role = TITLE  # the top markdown heading
    if not any(u.role == TITLE for u in header):
        _join_short_lines(header)
        candidates = [i for i, u in enumerate(header) if free(u) and _title_like(u)]
        # A name with no note under it may be a site's or a column's name: a weaker anchor.
        anchors = [(i, 0.5 if u.role == NAME and not any(v.role in (BIO, IDS) for v in header[i + 1 : i + 3]) else 0)
                   for i, u in enumerate(header) if u.role in (BYLINE, NAME, DATE)]
        # A rubric ("Analysis") stands over the headline it labels.
        anchors += [(i, 0) for i, u in enumerate(header) if u.role == GENRE and i + 1 < len(header)]

        def nearness(i):
            return min([abs(a - i) + weak for a, weak in anchors
                        if -2 <= a - i <= 3 and a != i and (header[a].role != GENRE or a == i - 1)] or [99])

        # An institution's name is the masthead or the imprint, a headline only if nothing else is near.
        near = sorted((nearness(i) + (3 if P.looks_like_institution(header[i].text) else 0), header[i].n_words < 4, i)
                      for i in candidates if nearness(i) < 99)
        if near or candidates:
            # With nothing to go by: the line over the text, else the first line longer than a
            # site's or blog's name ("The Caucasus Desk", "Eurasia Briefing Service").
            last = max((i for i, u in enumerate(header) if u.role != CHROME), default=None)
            first = last if last in candidates and header[last].n_words >= 4 else \
                min(candidates, key=lambda i: (header[i].n_words < 4, i)) if candidates else None
            header[_headline_over_dek(header, near[0][-1]) if near else first].role = TITLE
            _join_title_lines(header)
    _drop_site_suffix(header)
    # A lone name before the title, with no author's note, is a column or site name.
    at = next((i for i, u in enumerate(header) if u.role == TITLE), None)
    for i, u in enumerate(header):
        if u.role == NAME and at is not None and i < at and not any(v.role == BIO for v in header[i + 1 : i + 3]) \
                and not _byline_over_dated_headline(header, i, at):
            u.role, u.value = HEADER, None
    for u in header:
        if free(u):
            u.role = HEADER


def _join_short_lines(header):
    """A cover's headline set in short lines ("Submarine" / "proliferation in" / "the Indo-Pacific"): each
    line after the first runs on in lower case or from a line broken off; joined, they are one line."""
    k = 0
    while k < len(header):
        u, j = header[k], k + 1
        while j < len(header) and free(header[j]) and header[j].group == u.group and header[j].kind == "line" \
                and header[j].n_words <= 6 and (header[j].text[:1].islower() or _breaks_off(header[j - 1].text)) \
                and not P.BYLINE.match(header[j].text):
            j += 1
        if j - k >= 2 and free(u) and u.kind == "line" and u.n_words <= 6 and u.text[:1].isupper() \
                and all(v.n_words <= 6 for v in header[k:j]):
            u.text = " ".join(v.text for v in header[k:j])
            u.evidence = "\n".join(v.evidence for v in header[k:j])
            for v in header[k + 1 : j]:
                v.role = HEADER
        k = j


def _byline_over_dated_headline(header, i, at):
    """True for a name right over the headline, with the date under the headline or its dek: the
    author's byline set first ("Марина Волкова" / headline / dek / "15.05.2023")."""
    words = header[i].text.split()
    return i == at - 1 and len(words) <= 3 and not any(w.lower() in P.NAME_PARTICLES for w in words) \
        and any(v.role == DATE for v in header[at + 1 : at + 3])


def _join_title_lines(header):
    """A headline broken over two lines, as PDFs print them: "Water and Power:" / "The Politics of Rivers"."""
    at = next(i for i, u in enumerate(header) if u.role == TITLE)
    title = header[at]
    before = header[at - 1] if at else None
    after = header[at + 1] if at + 1 < len(header) else None

    def joins(u, broken=False):
        """Whether u may be the headline's other line; after a line broken off, even one like a name
        ("An Interview with" / "Anna Example") when no author's note follows it."""
        if u is None or u.kind not in ("line", title.kind) or u.group != title.group or u.n_words > 20 \
                or "|" in u.text or P.BYLINE.match(u.text):
            return False
        if free(u) and not P.looks_like_name(u.text):
            return True
        k = next(k for k, v in enumerate(header) if v is u)
        return broken and (free(u) or u.role == NAME and not u.note) \
            and not any(v.role in (BIO, IDS) for v in header[k + 1 : k + 3])

    broken_before = before is not None and _breaks_off(before.text)
    broken = _breaks_off(title.text)
    if joins(before, broken_before) and (before.text.endswith((":", "–", "—")) or broken_before):
        title.text, title.evidence = f"{before.text} {title.text}", f"{before.evidence}\n{title.evidence}"
        before.role = HEADER
    else:
        # A headline over two lines, or three ("Mediating under fire: Track-two" / "diplomacy in the
        # Nagorno-Karabakh" / "conflict, 2016–2020").
        k = at + 1
        while k < len(header) and k <= at + 2 and joins(header[k], broken) and (
                title.text.endswith(":") or header[k].text[:1].islower() or broken):
            after = header[k]
            title.text, title.evidence = f"{title.text} {after.text}", f"{title.evidence}\n{after.evidence}"
            after.role, after.value = HEADER, None
            broken = _breaks_off(title.text)
            k += 1


def _drop_site_suffix(header):
    """ "The Quiet Diplomacy of Oman | Gulf Affairs Forum": a page's title, printed over the text, less its site."""
    title = next((u for u in header if u.role == TITLE), None)
    parts = title.text.split(" | ") if title is not None else []
    if len(parts) >= 2 and (publisher_in_name(parts[-1]) or P.looks_like_organisation(parts[-1])):
        parts.pop()
        if len(parts) >= 2 and len(parts[-1].split()) <= 3:
            parts.pop()  # "… | Taiwan | The Guardian": the site's section too
        if len(" | ".join(parts).split()) >= 3 and "|" not in " | ".join(parts):
            title.text = " | ".join(parts)


# Words a headline does not end on: a line ending on one is broken off ("Rethinking Sanctions on" / "Venezuela").
_CONTINUED = frozenset("""a an the of on in for to and or nor but with from at by between after against toward towards
into onto over under as about amid among versus vs vs. beyond without within through across behind during
than its their our his her is are""".split())


def _breaks_off(text):
    words = text.split()
    return len(words) >= 2 and (words[-1].lower() in _CONTINUED or words[-1].endswith(("'s", "’s")))


_NAME_WITH_NOTE = re.compile(r"^(?P<name>[^()]{3,60}?)\s*\((?P<note>[^()]{3,120})\)\s*[.,;]?$")


def _headline_over_dek(header, i):
    """The headline when the line chosen is the dek under it.

    A headline and a longer dek stand together over the byline: "The Limits of
    Leverage" / "Why Economic Pressure Rarely Changes a Rival's Course" / "By …".
    The headline then opens the header, or follows a rubric ("ESSAY"); a kicker
    over a headline is shorter than a headline, so a short first line stays a kicker.
    """
    if i >= 2 and header[i - 1].role in (BYLINE, NAME) and free(header[i - 2]) and _title_like(header[i - 2]) \
            and "|" not in header[i - 2].text and 4 <= header[i - 2].n_words <= header[i].n_words:
        return i - 2  # "Headline" / "Jane Doe" / "A longer standfirst" / date: the line over the byline
    if i < 1 or i + 1 >= len(header) or header[i + 1].role not in (BYLINE, NAME, DATE):
        return i
    above, dek = header[i - 1], header[i]
    if not (free(above) and _title_like(above) and "|" not in above.text and dek.n_words > above.n_words):
        return i
    # What stands above it, below the page's masthead and menus, besides a name with no note
    # (a newsletter's or column's name).
    top = max((k + 1 for k in range(i - 1) if header[k].role in (CHROME, TEASER)), default=0)
    before = [u for k, u in enumerate(header[top : i - 1], top) if u.role not in (CHROME, TEASER, SOURCE, HEADER, DATE)
              and not (u.role == NAME and not any(v.role == BIO for v in header[k + 1 : k + 2]))]
    # Over the headline, a rubric ("ESSAY"), or a section's one or two words ("Мир", "World").
    rubric = before and (before[-1].role == GENRE or free(before[-1]) and before[-1].n_words <= 2
                         and not P.ends_sentence(before[-1].text) and dek.n_words >= above.n_words + 3)
    if rubric or not before and above.n_words >= 4 and dek.n_words >= 6:
        return i - 1
    return i


def _byline_names(text):
    """Names in a byline, and the (date, kind) written after them, if any."""
    text = re.sub(r"\s*[|·•]\s*", " | ", text)
    head, _, rest = text.partition(" | ")
    # "By Jane Doe, March 3, 2019" or "By Jane Doe - 3 March 2019": the date after the names.
    parts = re.split(r"\s*(?:,|\s[-–—]|\s+on)\s*(?=(?:[A-Z][a-z]+\.? \d|\d))", head, maxsplit=1)
    if len(parts) > 1:
        head, rest = parts[0], parts[1]
    if re.sub(r"\b(?:and|und|et|with)\b", "", head).isupper():
        head = head.title()  # "BY JANE EXAMPLE", "JANE EXAMPLE and JOHN SAMPLE"
    names = [n for n in P.split_names(head) if P.looks_like_name(n)]
    return names, date_line(rest) if rest else None


_LINKED_NAME_AND_PLACE = re.compile(r"^\[[^\]]+\]\([^)]+\)\s+(?:in|from|reporting from)\s")
_BREADCRUMB = re.compile(r"\s[/>›»]\s")
_RUNNING_HEAD = re.compile(r"\S\s{2,}\d{1,3}$")


def _title_like(u):
    t = P.PICTOGRAPHS.sub("", u.text)
    n = u.n_words
    if u.kind == "para" and n > 30:
        return False
    if not 2 <= n <= 30 or t.endswith((".", ",", ";")):
        return False
    if _bio_like(u) and "," in t:
        return False
    if _BREADCRUMB.search(t):
        return False  # "Analytics and Comments / Middle East": a breadcrumb
    if _RUNNING_HEAD.search(u.evidence):
        return False  # "Submarine proliferation in the Indo-Pacific      1": a page's head and its number
    return t[:1].isupper() or t[:1] in "\"“«'‘" or t[:1].isdigit()


def mark_body(units, start):
    """Headings, paragraphs and end notes of the article; the rest is chrome."""
    body = units[start:]
    authors = {n for u in units if u.role == BYLINE for n in u.value["names"]} | {
        u.value for u in units if u.role == NAME
    }
    joint, unsigned = [], []
    for u in body:
        if u.role:
            continue
        t = u.text
        note = end_note(u, authors)
        if note:
            u.role, u.value = BIO, note
            joint.append(u)
            if note not in authors and not u.italic:
                unsigned.append(u)
            continue
        if u.kind == "heading":
            u.role = HEADING
        elif u.kind == "para" or u.n_words >= 12:
            u.role = BODY
        elif u.bulleted or P.SALUTATION.match(t):
            u.role = BODY  # a list's item; a speech's "Ladies and gentlemen," and "Thank you."
        elif P.ends_sentence(t) and u.n_words >= 3:
            u.role = BODY
        elif u.n_words <= 20 and t[:1].isupper() and not t.endswith((",", ";")) and not match_publisher_line(t):
            u.role = HEADING
        else:
            u.role = CHROME
    # A note about someone no byline names is an author's note only under the text: a paragraph
    # before the last one that says who a person is ("Jane Doe is a researcher at …") is text.
    last = max((i for i, u in enumerate(units) if u.role == BODY), default=-1)
    early = {id(u) for i, u in enumerate(units) if i < last}
    for u in unsigned:
        if id(u) in early:
            u.role, u.value = BODY, None
    joint = [u for u in joint if u.role == BIO]
    for u in joint:
        split_joint_note(units, u, authors)
    # After the last paragraph only notes and furniture remain.
    last = max((i for i, u in enumerate(units) if u.role == BODY), default=-1)
    for u in units[last + 1 :]:
        if u.role in (HEADING,):
            u.role = CHROME
    # A heading with no paragraph after it before the next heading is furniture.
    for i, u in enumerate(units):
        if u.role == HEADING:
            nxt = next((v for v in units[i + 1 :] if v.role in (BODY, HEADING)), None)
            if nxt is None or nxt.role == HEADING and nxt.level == 0 and u.level == 0:
                u.role = CHROME
    mark_end_notes(units)
    trim_tail(units)
    # The headline again in the text is a printed paper's running header.
    titles = {P.normal_form(t) for u in units if u.role == TITLE for t in (u.text, u.text.split(":")[0])}
    for u in body:
        if u.role == HEADING and P.normal_form(u.text) in titles:
            u.role = CHROME
    rejoin_page_breaks(units)


# A numbered note under a paper's text: "1 Montreux Convention …, 20 July 1936.", "[2] Ibid., p. 4."
_NOTE_ENTRY = re.compile(r"^(?:\[(?P<b>\d{1,3})\]|(?P<n>\d{1,3})[.)]?)\s+\S")
_CITATION = re.compile(r"\b(?:1[6-9]|20)\d\d\b|\bibid\b|\bop\.\s?cit\b|https?://|\bpp?\.\s*\d|[“\"«]", re.I)
# A citation beyond doubt: a year in brackets, pages, "Ibid.", a quoted title and a comma.
_STRONG_CITATION = re.compile(r"\((?:1[6-9]|20)\d\d[a-z]?\)|\bpp?\.\s*\d|\bibid\b|\bop\.\s?cit\b|[‘'\"“][^’'\"”]{8,}[’'\"”],", re.I)
_NOTES_HEADING = re.compile(r"^(?:notes|endnotes|footnotes|references|sources|bibliography|примечания|литература)$", re.I)
# Where the text calls a note: a number after a word and its stop or comma, or in brackets.
_NOTE_CALL = re.compile(r"(?<=[^\W\d_][.,;:!?”\"’»)])(\d{1,3})(?=\s|$)|\[(\d{1,3})\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def mark_end_notes(units):
    """The numbered notes under a paper's text are not text: each is a citation whose number the
    text calls (the calls are gone from the text; the lines as captured keep them)."""
    body = [(i, u) for i, u in enumerate(units) if u.role == BODY]
    if not any(_NOTE_ENTRY.match(u.evidence) for _, u in body):
        return  # no paragraph reads like a note: nothing to look for (the calls' pattern is slow)
    called = set()
    for _, u in body:
        for m in _NOTE_CALL.finditer(u.evidence):
            called.add(int((m.group(1) or m.group(2) or m.group(0).translate(_SUPERSCRIPTS))[:3]))
    # A printed page's notes stand at its foot, in the text's midst: a note there must read as a citation.
    for k, (_, u) in enumerate(body):
        m = _NOTE_ENTRY.match(u.evidence)
        if m and int(m.group("b") or m.group("n")) in called and _STRONG_CITATION.search(u.text) and u.n_words <= 80:
            u.role = CHROME
            nxt = body[k + 1][1] if k + 1 < len(body) else None
            if nxt is not None and not P.ends_sentence(u.text) and nxt.n_words <= 15 and not _NOTE_ENTRY.match(nxt.evidence):
                nxt.role = CHROME  # the note's last line: "… stantsiyu na" / "Shpitsbergene. 12 April."
    body = [(i, u) for i, u in body if u.role == BODY]
    notes = []
    for i, u in reversed(body):
        if note_start(u.text) and P.POSITION_WORDS.search(u.text):
            continue  # an author's note under the notes: "Jane Doe is a researcher at …"
        m = _NOTE_ENTRY.match(u.evidence)
        if not (m and int(m.group("b") or m.group("n")) in called and _CITATION.search(u.text)):
            break
        notes.append(i)
    if not notes or len(notes) == len(body):
        return
    for i in notes:
        units[i].role = CHROME
    before = next((u for u in reversed(units[: min(notes)]) if u.role != CHROME), None)
    if before is not None and before.role == HEADING and _NOTES_HEADING.match(before.text.strip(" :")):
        before.role = CHROME


def rejoin_page_breaks(units):
    """A paragraph a printed page's foot cut in two ("… joint access to Russian" / notes, running head /
    "territory, which …"): once the furniture between is known, its halves are one paragraph again."""
    prev = None
    for u in units:
        if u.role in NOT_CONTENT:
            continue
        if u.role == BODY and prev is not None and u.text[:1].islower() and not u.bulleted and not prev.bulleted \
                and not prev.text.rstrip().endswith(P.SENTENCE_END + (":",)):
            prev.text = join_lines(prev.text, u.text, {})
            prev.evidence += "\n" + u.evidence
            u.role = CHROME
            continue
        prev = u if u.role == BODY else None


# The last section of a text may be short: its heading stays.
_LAST_SECTION = re.compile(r"^(?:\d+\.?\s*)?(?:conclusions?|summary|recommendations|policy recommendations|outlook|"
                           r"the way forward|what next|what now|final thoughts|epilogue|postscript|afterword|"
                           r"заключение|выводы|conclusión|conclusiones|fazit|ausblick)\W*$", re.I)


# An entry of a list of references: "Kelman HC (2005) Interactive problem solving …", "Smith, A. (2009) 'Water …'".
_REFERENCE = re.compile(r"^(?:[a-z]{1,3}\s+)?[A-Z][\w'’-]+,?\s+(?:[A-Z]{1,3}\b\.?|(?:[A-Z]\.\s*){1,3})(?:\s*(?:,|and|&)\s*"
                        r"[A-Z][\w'’-]+,?\s+(?:[A-Z]{1,3}\b\.?|(?:[A-Z]\.\s*){1,3}))*(?:\s+et al\.?)?\s*\((?:19|20)\d\d[a-z]?\)")


def _tail_junk(u):
    """A paragraph under a text that is furniture whatever its length: a disclaimer, a call to subscribe,
    an entry of the references."""
    return u.n_words <= 80 and (P.is_chrome_text(u.text) or bool(P.TEASER_START.match(u.text))
                                or bool(_REFERENCE.match(u.text)))


def trim_tail(units):
    """What follows the text's last real paragraph: disclaimers and calls to subscribe, and from a
    heading on ("Related Analysis", "Sur le même thème"), the short lines of teasers under it."""
    body = [i for i, u in enumerate(units) if u.role in (BODY, HEADING)]
    run, junk = [], set()
    for i in reversed(body):
        u = units[i]
        if _tail_junk(u):
            junk.add(i)
        elif u.role == BODY and u.n_words > 20:
            break
        run.append(i)
    run.reverse()
    if len(run) == len(body):
        return  # never the whole text
    cut = next((k for k, i in enumerate(run) if units[i].role == HEADING and not _LAST_SECTION.match(units[i].text)),
               len(run))
    for k, i in enumerate(run):
        if k >= cut or i in junk:
            units[i].role = CHROME


def mark_duplicates(units):
    """Drop repeated paragraphs; a lead repeated before the full text loses its first copy."""
    seen = {}
    for i, u in enumerate(units):
        if u.role == BODY and u.n_words >= 8:
            seen.setdefault(P.normal_form(u.text), []).append(i)
    repeated = [positions for positions in seen.values() if len(positions) > 1]
    if not repeated:
        return
    firsts = sorted(p[0] for p in repeated)
    seconds = [p[1] for p in repeated]
    # A lead: the text opens with copies of paragraphs that all come again later.
    body = [i for i, u in enumerate(units) if u.role == BODY]
    opening = body[: len(firsts)]
    # The full text must start again at the copies: a copy of the first paragraph closing the page is not one.
    lead = firsts == opening and max(firsts) < min(seconds) and any(
        i > min(seconds) and i not in seconds for i in body)
    for positions in repeated:
        drop = positions[:-1] if lead else positions[1:]
        for i in drop:
            units[i].role = DUPLICATE
