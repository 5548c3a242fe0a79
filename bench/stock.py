"""The stock site's search page: Haystack's FacetedSearchView and FacetedSearchForm, as documented (bench only)."""

from django.urls import path
from haystack.forms import FacetedSearchForm
from haystack.generic_views import FacetedSearchView

FACETS = ["author", "theme", "source", "year"]


class StockSearchView(FacetedSearchView):
    form_class = FacetedSearchForm
    facet_fields = FACETS
    template_name = "stock/search.html"
    paginate_by = 20

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.GET.get("sort") == "newest":
            qs = qs.order_by("-sort_date")
        return qs


def _urlpatterns():
    from archive.urls import urlpatterns as archive_urls

    # The stock search page first; the archive's pages for everything the base template links to.
    return [path("search/", StockSearchView.as_view(), name="stock_search"), *archive_urls]


urlpatterns = _urlpatterns()
