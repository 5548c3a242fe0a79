"""The stock site's search index: Haystack's documented way, faceted CharFields and all (bench only)."""

from haystack import indexes

from archive.models import Article


class StockArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True, template_name="search/indexes/archive/article_text.txt")
    title = indexes.CharField(model_attr="display_title")
    authors = indexes.MultiValueField()
    author = indexes.MultiValueField(faceted=True)
    theme = indexes.MultiValueField(faceted=True)
    source = indexes.CharField(faceted=True, null=True)
    year = indexes.CharField(faceted=True)
    sort_date = indexes.IntegerField()

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        # As the archive's index does: the comparison is of search back ends, not of N+1 queries.
        return Article.objects.with_listing()

    def prepare_authors(self, obj):
        return [a.name for a in obj.ordered_authors]

    def prepare_author(self, obj):
        return [a.slug for a in obj.ordered_authors]

    def prepare_theme(self, obj):
        return [t.slug for t in obj.themes.all()]

    def prepare_source(self, obj):
        return obj.source.slug if obj.source_id else "none"

    def prepare_year(self, obj):
        return str(obj.year) if obj.year else "unknown"

    def prepare_sort_date(self, obj):
        return int(obj.date.strftime("%Y%m%d")) if obj.date else 0
