"""Full-text search through Haystack: results, facet counts, suggestions and snippets."""

from dataclasses import dataclass, field

from django.core.cache import cache
from haystack.inputs import Raw
from haystack.query import SearchQuerySet

from archive.facets import DIMENSIONS, INDEX_FIELDS
from archive.models import Article
from archive.search.highlight import snippet
from archive.search.query import parse_query

PER_PAGE = 20
FACET_FIELDS = INDEX_FIELDS
SORT_FIELDS = {"newest": "-sort_newest", "oldest": "sort_oldest"}


@dataclass
class Hit:
    article: Article
    snippet: str


@dataclass
class SearchPage:
    query: object  # ParsedQuery
    hits: list = field(default_factory=list)
    total: int = 0
    counts: dict = field(default_factory=dict)
    suggestion: str = ""


def _narrow(sqs, state, skip=None):
    for dimension in DIMENSIONS:
        values = state.get(dimension) or []
        if dimension == skip or not values:
            continue
        options = " OR ".join(f'"{v}"' for v in values)
        sqs = sqs.narrow(f"{FACET_FIELDS[dimension]}:({options})")
    if state.get("start") or state.get("end"):
        sqs = sqs.narrow(f"year:[{state.get('start') or 1000} to {state.get('end') or 9999}]")
    return sqs


def _counts(sqs):
    raw = sqs.facet_counts().get("fields", {})
    return {dim: [(str(v), n) for v, n in raw.get(FACET_FIELDS[dim], [])] for dim in DIMENSIONS}


def search(state, *, per_page=PER_PAGE):
    """One page of results for state["q"] with the filters, sort and facets of state."""
    parsed = parse_query(state.get("q", ""))
    page = SearchPage(parsed)
    if parsed.empty:
        return page
    base = SearchQuerySet().models(Article).filter(content=Raw(parsed.text))
    sqs = _narrow(base, state)
    if state.get("sort") in SORT_FIELDS:
        sqs = sqs.order_by(SORT_FIELDS[state["sort"]])
    # A facet in use is counted without its own filter, so its other values stay selectable:
    # in the same query where the backend can (ours), else in one more query per facet in use.
    in_one = getattr(sqs.query.backend, "facets_exclude_own_filter", False)
    for name in FACET_FIELDS.values():
        sqs = sqs.facet(name, exclude_own_filter=True) if in_one else sqs.facet(name)
    start = (state.get("page", 1) - 1) * per_page
    results = list(sqs[start : start + per_page])
    page.total = sqs.count()
    page.counts = _counts(sqs)
    for dimension in DIMENSIONS:
        if state.get(dimension) and not in_one:
            own = _narrow(base, state, skip=dimension).facet(FACET_FIELDS[dimension])
            page.counts[dimension] = _counts(own)[dimension]
    ids = [int(r.pk) for r in results]
    articles = Article.objects.listed(body=True).in_bulk(ids)
    page.hits = [Hit(articles[i], snippet(articles[i], parsed.terms)) for i in ids if i in articles]
    if page.total < 3:
        page.suggestion = suggest(parsed)
    return page


def suggest(parsed):
    """A better-spelled query, if the index knows one."""
    words = " ".join(parsed.terms)
    if not words:
        return ""
    suggestion = SearchQuerySet().models(Article).spelling_suggestion(words) or ""
    if suggestion and suggestion.lower() != words.lower():
        return suggestion
    return ""


def related(article, limit=5):
    """Articles most like this one (more-like-this in the index)."""
    # Finding the key terms of a whole text is the slow part of an article page: keep
    # the answer until the article changes (or the cache entry ages out).
    key = f"related:{article.pk}:{article.updated.timestamp()}:{limit}"
    ids = cache.get(key)
    if ids is None:
        results = SearchQuerySet().models(Article).more_like_this(article)[:limit]
        ids = [int(r.pk) for r in results if r is not None]
        cache.set(key, ids, 600)
    # Only what the list of related articles shows (title, date and link).
    shown = ("slug", "title", "provisional_title", "capture_file", "date", "date_precision")
    found = Article.objects.only(*shown).in_bulk(ids)
    return [found[i] for i in ids if i in found]
