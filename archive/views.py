"""Public pages: home, browse, search, article, author, source, theme and year pages."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from archive import citing, facets
from archive.forms import SORTS, BrowseForm, SearchForm
from archive.models import Article, Author, Authorship, Source, Theme
from archive.search import service

PER_PAGE = 20


@require_safe
def home(request):
    articles = Article.objects.all()
    counted = facets.collection_counts()
    themes = _ranked(Theme, counted["theme"], 16)
    authors = _ranked(Author, counted["author"], 12)
    years = sorted(((int(y), n) for y, n in counted["year"] if y != "unknown"), reverse=True)[:12]
    context = {
        "counts": {
            "articles": articles.count(),
            "authors": Author.objects.count(),
            "sources": Source.objects.count(),
            "themes": len(counted["theme"]),
        },
        "newest": articles.listed().newest_first()[:8],
        "themes": themes,
        "years": [{"year": year, "n": n} for year, n in years],
        "authors": authors,
    }
    return render(request, "archive/home.html", context)


def _ranked(model, pairs, limit):
    """The limit records of model (Theme, Author) with the most articles, by pairs [(slug, count)]
    most frequent first; ties by name."""
    if len(pairs) > limit:
        pairs = [p for p in pairs if p[1] >= pairs[limit - 1][1]]  # all tied with the last one shown
    records = facets.with_counts(list(model.objects.filter(slug__in=[slug for slug, _ in pairs])), pairs)
    return sorted(records, key=lambda r: (-r.n, r.name))[:limit]


def _page(request, qs, per_page=PER_PAGE, number=None, count=None):
    paginator = Paginator(qs, per_page)
    if count is not None:  # known already: no COUNT query
        paginator.count = count
    return paginator.get_page(number or request.GET.get("page"))


def _browse_page(request, state):
    """The page of articles a browse of state lists, filtered and counted as the browse page does."""
    qs = facets.filtered(state, probe=facets.widespread(state))
    qs = qs.oldest_first() if state.get("sort") == "oldest" else qs.newest_first()
    return _page(request, qs.listed(), number=state.get("page"), count=facets.total(state))


def _last_page(request, state, last):
    """A page number beyond the last page of results: their last page, under its own address."""
    return redirect(request.path + facets.querystring(state, page=last).rstrip("?"))


@require_safe
def article_list(request):
    state = BrowseForm(request.GET).state()
    page = _browse_page(request, state)
    if state["page"] > page.number:
        return _last_page(request, state, page.number)
    groups = facets.build_groups(facets.counts(state), state)
    context = {
        "state": state,
        "page": page,
        "groups": groups,
        "filters": facets.active_filters(state, groups),
        "sorts": {k: v for k, v in SORTS.items() if k != "relevance"},
        "base_qs": facets.querystring(state).lstrip("?"),
        # Links to articles carry the browse they came from, for previous/next.
        "browse_link": "?" + urlencode({"in": facets.querystring(state).lstrip("?")}),
    }
    return render(request, "archive/article_list.html", context)


@require_safe
def search(request):
    state = SearchForm(request.GET).state()
    parsed_q = state.get("q", "")
    if not parsed_q.strip():
        return article_list(request)
    result = service.search(state)
    total_pages = max(1, -(-result.total // service.PER_PAGE))
    if state["page"] > total_pages:
        return _last_page(request, state, total_pages)
    groups = facets.build_groups(result.counts, state)
    context = {
        "state": state,
        "result": result,
        "page_number": state["page"],
        "total_pages": total_pages,
        "groups": groups,
        "filters": facets.active_filters(state, groups),
        "sorts": SORTS,
        "prev_url": facets.querystring(state, page=state["page"] - 1) if state["page"] > 1 else "",
        "next_url": facets.querystring(state, page=state["page"] + 1) if state["page"] < total_pages else "",
        "suggestion_url": facets.querystring(state, q=result.suggestion) if result.suggestion else "",
    }
    return render(request, "archive/search.html", context)


CITATIONS = {"bib": (citing.bibtex, "application/x-bibtex"), "ris": (citing.ris, "application/x-research-info-systems")}


@require_safe
def article_citation(request, slug, style):
    """The article's citation as a file for a reference manager: cite.bib (BibTeX) or cite.ris."""
    if style not in CITATIONS:
        raise Http404("No such citation format")
    article = get_object_or_404(Article.objects.with_listing(), slug=slug)
    write, content_type = CITATIONS[style]
    response = HttpResponse(write(article, article.ordered_authors), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{article.slug}.{style}"'
    return response


@require_safe
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.with_listing(), slug=slug)
    browse_qs = request.GET.get("in", "")
    previous = following = None
    if "in" in request.GET:
        previous, following = facets.neighbours(article, BrowseForm(QueryDict(browse_qs)).state())
    context = {
        "article": article,
        "authorships": article.authorships.all(),
        "related": service.related(article),
        "reference": citing.reference(article, article.ordered_authors),
        "provenance": citing.provenance_notes(article),
        "captures": article.captures.order_by("-is_primary", "pk"),
        "browse_qs": browse_qs,
        "previous": previous,
        "following": following,
    }
    return render(request, "archive/article_detail.html", context)


@require_safe
def author_list(request):
    # Those with articles, by name; the counts of only the page's sixty, not of every author.
    listed = Author.objects.filter(Exists(Authorship.objects.filter(author=OuterRef("pk")))).order_by("name")
    page = _page(request, listed, 60)
    counted = dict(Authorship.objects.filter(author__in=[a.pk for a in page]).values_list("author_id")
                   .annotate(n=Count("pk")).order_by())
    for author in page:
        author.n = counted.get(author.pk, 0)
    return render(request, "archive/author_list.html", {"page": page})


@require_safe
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = author.articles.listed().newest_first()
    return render(request, "archive/author_detail.html", {"author": author, "page": _page(request, articles)})


@require_safe
def source_list(request):
    sources = Source.objects.annotate(n=Count("articles")).filter(n__gt=0).order_by("name")
    return render(request, "archive/source_list.html", {"sources": sources})


@require_safe
def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    articles = source.articles.listed().newest_first()
    return render(request, "archive/source_detail.html", {"source": source, "page": _page(request, articles)})


@require_safe
def theme_list(request):
    themes = facets.with_counts(list(Theme.objects.order_by("name")), facets.collection_counts()["theme"])
    return render(request, "archive/theme_list.html", {"themes": themes})


@require_safe
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    state = {"theme": [theme.slug]}
    context = {
        "theme": theme,
        "page": _browse_page(request, state),
        "chart": facets.year_chart(facets.collection_counts(state)["year"]),
    }
    return render(request, "archive/theme_detail.html", context)


@require_safe
def year_list(request):
    everything = facets.collection_counts()
    themes = Theme.objects.filter(slug__in=[slug for slug, _ in everything["theme"]]).order_by("name")
    theme = None
    if request.GET.get("theme"):
        theme = Theme.objects.filter(slug=request.GET["theme"]).first()
    counted = facets.collection_counts({"theme": [theme.slug]}) if theme else everything
    context = {"chart": facets.year_chart(counted["year"]), "themes": themes, "theme": theme}
    return render(request, "archive/year_list.html", context)


@require_safe
def year_detail(request, year):
    if year == "unknown":
        articles = Article.objects.in_year(None)
    else:
        # (any year a date can have: a page of a year never fails, whatever dates are stored)
        articles = Article.objects.in_year(int(year))
    articles = articles.listed().newest_first()
    if not articles.exists() and year != "unknown":
        raise Http404("No articles from that year")
    return render(request, "archive/year_detail.html", {"year": year, "page": _page(request, articles)})


@require_safe
def robots_txt(request):
    """Crawlers may read the records, but not the endless combinations of search and facets."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", "Disallow: /*?", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def not_found(request, exception=None):
    return render(request, "404.html", {"path": request.path}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)
