"""Facets of browse and search pages: counts, labels, and the links that toggle them.

All state lives in the URL: each link is the current query string with one
value added or removed, so every view can be bookmarked and shared.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, F, Q

from archive.models import Article, Author, Authorship, Source, Theme

DIMENSIONS = ("author", "year", "theme", "source")
# The search index's facet field of each dimension (slugs, years or "unknown").
INDEX_FIELDS = {"author": "author_slugs", "theme": "theme_slugs", "source": "source_slug", "year": "year_facet"}
LABELS = {"author": "Author", "year": "Year", "theme": "Theme", "source": "Source"}
MULTI = ("author", "theme", "source", "year")


QUERY_KEYS = ("q", "author", "theme", "source", "year", "start", "end", "sort", "page")


def _encoded(key, value):
    """key's part of a query string, "" where value is empty."""
    if value in (None, "", []):
        return ""
    name = {"start": "from", "end": "to"}.get(key, key)
    return urlencode([(name, item) for item in (value if isinstance(value, list) else [value])])


def _joined(parts):
    parts = [p for p in parts if p]
    return "?" + "&".join(parts) if parts else "?"


def querystring(state, *, drop_page=True, **changes):
    """The query string for state with changes applied (a value None removes the key)."""
    merged = {**state, **changes}
    parts = []
    for key in QUERY_KEYS:
        value = merged.get(key)
        if key == "page" and (drop_page and "page" not in changes or value in (None, 1)):
            continue
        parts.append(_encoded(key, value))
    return _joined(parts)


def toggled(state, dimension, value):
    """The query string of state with value added to dimension's values, or taken out."""
    return toggler(state, dimension)(value)


def toggler(state, dimension):
    """toggled(state, dimension, value) as a function of value, the other keys' parts of the query
    string encoded once (a page links every facet value it shows)."""
    at = QUERY_KEYS.index(dimension)
    before = [_encoded(k, state.get(k)) for k in QUERY_KEYS[:at]]
    after = [_encoded(k, state.get(k)) for k in QUERY_KEYS[at + 1 : -1]]  # without page: a new list starts at 1
    chosen = list(state.get(dimension) or [])

    def link(value):
        values = list(chosen)
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return _joined(before + [_encoded(dimension, values)] + after)

    return link


@dataclass
class FacetItem:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetGroup:
    name: str
    label: str
    items: list = field(default_factory=list)

    @property
    def selected(self):
        return [i for i in self.items if i.selected]


NAMED = {"author": Author, "theme": Theme, "source": Source}


def labels_for(wanted):
    """{dimension: {value: display label}} for {dimension: [slugs (or years)]}: one query for all
    the slugs, in SQL of its own (the ORM's building of three took more than their running)."""
    out = {dimension: {} for dimension in wanted}
    parts, params = [], []
    for dimension, values in wanted.items():
        values = [v for v in values if v]
        if dimension not in NAMED:
            out[dimension] = {v: ("Undated" if v == "unknown" else v) for v in values}
        elif values:
            meta, q = NAMED[dimension]._meta, connection.ops.quote_name
            slug, name = q(meta.get_field("slug").column), q(meta.get_field("name").column)
            # (dimension is one of NAMED's keys, a literal of ours)
            parts.append(f"SELECT '{dimension}', {slug}, {name} FROM {q(meta.db_table)} WHERE {slug} IN ({', '.join(['%s'] * len(values))})")
            params += values
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for dimension, slug, name in cursor.fetchall():
                out[dimension][slug] = name
    return out


def build_groups(counts, state, *, limit=12):
    """FacetGroups from {dimension: [(value, count)]}, selected values always shown."""
    shown = {}
    for dimension in DIMENSIONS:
        pairs = list(counts.get(dimension, []))
        if dimension == "year":
            pairs.sort(key=lambda p: (p[0] == "unknown", -int(p[0]) if p[0] != "unknown" else 0))
        shown[dimension] = pairs[:limit] if dimension != "year" else pairs
        shown_values, count_of = {v for v, _ in shown[dimension]}, dict(pairs)
        shown[dimension] += [(v, count_of.get(v, 0)) for v in state.get(dimension) or [] if v not in shown_values]
    labels = labels_for({dimension: [v for v, _ in pairs] for dimension, pairs in shown.items()})
    groups = []
    for dimension, pairs in shown.items():
        selected = set(state.get(dimension) or [])
        group = FacetGroup(dimension, LABELS[dimension])
        link = toggler(state, dimension)
        for value, count in pairs:
            group.items.append(FacetItem(value, labels[dimension].get(value, value), count, value in selected, link(value)))
        groups.append(group)
    return groups


def active_filters(state, groups=()):
    """[(label, value label, removal url)] for every filter in force; value labels from groups
    (build_groups shows every selected value) where given, else from the database."""
    shown = {(g.name, i.value): i.label for g in groups for i in g.items}
    missing = {d: state.get(d) for d in DIMENSIONS if any((d, v) not in shown for v in state.get(d) or [])}
    looked_up = labels_for(missing) if missing else {}
    out = []
    for dimension in DIMENSIONS:
        values = state.get(dimension) or []
        labels = looked_up[dimension] if dimension in looked_up else {v: shown[(dimension, v)] for v in values}
        for value in values:
            out.append((LABELS[dimension], labels.get(value, value), toggled(state, dimension, value)))
    if state.get("start"):
        out.append(("From", str(state["start"]), querystring(state, start=None)))
    if state.get("end"):
        out.append(("To", str(state["end"]), querystring(state, end=None)))
    return out


# --- browse: facets counted in the database --------------------------------


def filtered(state, *, skip=None, probe=()):
    """Articles matching state's filters, less the dimension skip (for that facet's own counts);
    the dimensions in probe tested article by article (see ArticleQuerySet.by_authors)."""
    qs = Article.objects.all()
    if skip != "author":
        qs = qs.by_authors(state.get("author"), probe="author" in probe)
    if skip != "theme":
        qs = qs.by_themes(state.get("theme"), probe="theme" in probe)
    if skip != "source":
        qs = qs.by_sources(state.get("source"))
    if skip != "year":
        qs = qs.by_years(state.get("year"))
    return qs.year_range(state.get("start"), state.get("end"))


def _within(qs, state, dimension, field="article_id"):
    """qs limited to the articles of state's filters less dimension's own (no condition without filters)."""
    others = {k: state.get(k) for k in ("author", "theme", "source", "year", "start", "end") if k != dimension}
    if not any(others.values()):
        return qs
    matching = filtered(state, skip=dimension).values("pk")
    if field == "pk":
        # pk + 0, as in ArticleQuerySet.by_themes: a scan of the year or source index, which holds both.
        return qs._with_pk_in(matching)
    return qs.filter(**{f"{field}__in": matching})


def _on_index(state):
    """(backend, selections by index field, (first, last) years or None) of a browse, or None where
    the search backend cannot count a browse itself."""
    from archive.search.indexing import backend

    engine = backend()
    if not (hasattr(engine, "browse_counts") and hasattr(engine, "browse_total")):
        return None
    years = None
    if state.get("start") or state.get("end"):
        years = (state.get("start") or 0, state.get("end") or 9999)
    return engine, {INDEX_FIELDS[d]: [str(v) for v in state.get(d) or []] for d in DIMENSIONS}, years


def counts(state, *, limit=12):
    """A browse's {dimension: [(value, count)]}: from the search index where its backend counts
    facets without a query (ours, on bitmaps, in a millisecond), else from the database."""
    found = _on_index(state)
    if found is None:
        return database_counts(state, limit=limit)
    engine, selected, years = found
    raw = engine.browse_counts(selected, years=years)
    counted = {d: raw[INDEX_FIELDS[d]] for d in DIMENSIONS}
    counted["author"] = counted["author"][: limit * 2]
    return counted


def collection_counts(state=None):
    """{dimension: [(value, count)]} of every value with articles (none cut off), most frequent
    first, among the articles of state's filters (all of them without): for the home, theme and
    year pages. From the index's bitmaps where it holds every article (see total), else from
    the database, whose grouped counts grow with the collection."""
    state = {**{d: [] for d in DIMENSIONS}, **(state or {})}
    found = _on_index(state)
    if found is not None and _whole(found[0]):
        engine, selected, years = found
        raw = engine.browse_counts(selected, years=years)
        return {d: raw[INDEX_FIELDS[d]] for d in DIMENSIONS}
    counted = database_counts(state, limit=None)
    for dimension, pairs in counted.items():
        counted[dimension] = sorted(pairs, key=lambda p: (-p[1], p[0]))
    return counted


def year_chart(pairs):
    """Rows for a bar chart of articles per year from a dimension's [(year or "unknown", count)]:
    {"rows": [{"year", "n", "percent"}] oldest first, "undated", "undated_percent"}."""
    counted = dict(pairs)
    undated = counted.pop("unknown", 0)
    rows = sorted((int(year), n) for year, n in counted.items())
    peak = max([n for _, n in rows] + [undated, 1])
    chart = [{"year": year, "n": n, "percent": round(100 * n / peak, 1)} for year, n in rows]
    return {"rows": chart, "undated": undated, "undated_percent": round(100 * undated / peak, 1)}


def with_counts(records, pairs):
    """records (Themes, Authors or Sources), each with n, its count in pairs [(slug, count)]."""
    counted = dict(pairs)
    for record in records:
        record.n = counted.get(record.slug, 0)
    return records


def total(state):
    """How many articles a browse lists, counted on the index's bitmaps like its facets; None
    where the backend cannot, or where the index does not hold as many articles as the database
    (not yet built, or behind): the database counts them then, and the list stays whole."""
    found = _on_index(state)
    if found is None or not _whole(found[0]):
        return None
    engine, selected, years = found
    return engine.browse_total(selected, years=years)


def _whole(engine):
    """Whether the index holds as many articles as the database (built, and not behind)."""
    return engine.browse_total({}) == Article.objects.count()


# Selected authors or themes of more than this share of the articles are probed, not listed.
PROBE_SHARE = 0.05


def widespread(state):
    """The dimensions (author, theme) whose selected values the index finds in more than
    PROBE_SHARE of the articles: a listing probes them (see filtered)."""
    found = _on_index(state)
    if found is None:
        return set()
    engine, _selected, _years = found
    everything = engine.browse_total({})
    return {
        d for d in ("author", "theme")
        if state.get(d) and engine.browse_total({INDEX_FIELDS[d]: [str(v) for v in state[d]]}) > PROBE_SHARE * everything
    }


def database_counts(state, *, limit=12):
    """{dimension: [(value, count)]}; each dimension counted with the other filters applied
    (only the limit * 2 most frequent authors, every one where limit is None)."""
    # Counted over the link rows (one per article and author or theme, unique), grouped by key:
    # no joins from articles, so no DISTINCT, and no condition at all on an unfiltered browse.
    counts = {}
    authors = (
        _within(Authorship.objects.all(), state, "author").values("author__slug")
        .annotate(n=Count("pk")).order_by("-n", "author__slug")[: None if limit is None else limit * 2]
    )
    counts["author"] = [(row["author__slug"], row["n"]) for row in authors]
    themes = (
        _within(Article.themes.through.objects.all(), state, "theme").values("theme__slug")
        .annotate(n=Count("pk")).order_by("-n", "theme__slug")
    )
    counts["theme"] = [(row["theme__slug"], row["n"]) for row in themes]
    sources = (
        _within(Article.objects.exclude(source=None), state, "source", "pk").values("source__slug")
        .annotate(n=Count("pk")).order_by("-n", "source__slug")
    )
    counts["source"] = [(row["source__slug"], row["n"]) for row in sources]
    years = _within(Article.objects.all(), state, "year", "pk").values("year").annotate(n=Count("pk")).order_by()
    counts["year"] = [(str(row["year"]) if row["year"] else "unknown", row["n"]) for row in years]
    return counts


def neighbours(article, state):
    """(previous, next) articles around article in the browse list of state, in its sort order."""
    qs = filtered(state).exclude(pk=article.pk)
    date, pk = article.date, article.pk
    # Newest first lists dated articles by date then pk, descending, and the undated after them
    # (by pk, descending); oldest first lists dated ones ascending, then the undated ascending.
    if date is None:
        later = Q(date__isnull=True, pk__gt=pk)
        earlier = Q(date__isnull=False) | Q(date__isnull=True, pk__lt=pk)
    else:
        later = Q(date__gt=date) | Q(date=date, pk__gt=pk)
        earlier = Q(date__lt=date) | Q(date=date, pk__lt=pk)
    if state.get("sort") == "oldest":
        if date is None:
            before, after = qs.filter(earlier), qs.filter(later)
        else:
            before, after = qs.filter(earlier), qs.filter(later | Q(date__isnull=True))
        previous = before.order_by(F("date").desc(nulls_first=True), "-pk").first()
        following = after.order_by(F("date").asc(nulls_last=True), "pk").first()
    else:
        if date is None:
            before, after = qs.filter(later | Q(date__isnull=False)), qs.filter(date__isnull=True, pk__lt=pk)
        else:
            before, after = qs.filter(later), qs.filter(earlier | Q(date__isnull=True))
        previous = before.order_by(F("date").asc(nulls_first=True), "pk").first()
        following = after.order_by(F("date").desc(nulls_last=True), "-pk").first()
    return previous, following
