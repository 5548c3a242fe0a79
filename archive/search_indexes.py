"""The search index of articles (Haystack). Field types are set in archive.search.backend."""

import re

from haystack import fields as facet_fields
from haystack import indexes

from archive.models import Article
from archive.search.version import version


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    text_ru = indexes.CharField()
    spell = indexes.CharField()
    title = indexes.CharField(model_attr="display_title")
    authors = indexes.MultiValueField()
    themes = indexes.MultiValueField()
    source = indexes.CharField(null=True)
    language = indexes.CharField(model_attr="language")
    year = indexes.IntegerField(null=True)
    sort_newest = indexes.IntegerField()
    sort_oldest = indexes.IntegerField()
    # What the document was built from; check_index compares it with the database.
    version = indexes.CharField()
    # Facets: slugs, never names (names would be split into words).
    author_slugs = facet_fields.FacetMultiValueField()
    theme_slugs = facet_fields.FacetMultiValueField()
    source_slug = indexes.FacetCharField(null=True)
    year_facet = indexes.FacetCharField()

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return Article.objects.with_listing()

    def prepare(self, obj):
        data = super().prepare(obj)
        # Russian text is searched through a Russian analyzer, other text through English stemming.
        if obj.language == "ru":
            data["text_ru"], data["text"] = data["text"], obj.display_title
        else:
            data["text_ru"] = ""
        return data

    def prepare_spell(self, obj):
        words = re.findall(r"[^\W\d_]{3,}", f"{obj.display_title} {obj.body_text}".lower())
        return " ".join(dict.fromkeys(words))

    def prepare_authors(self, obj):
        return [a.name for a in obj.ordered_authors]

    def prepare_themes(self, obj):
        return [t.name for t in obj.themes.all()]

    def prepare_source(self, obj):
        return obj.source.name if obj.source_id else None

    def prepare_year(self, obj):
        return obj.year

    def prepare_sort_newest(self, obj):
        return int(obj.date.strftime("%Y%m%d")) if obj.date else 0

    def prepare_sort_oldest(self, obj):
        return int(obj.date.strftime("%Y%m%d")) if obj.date else 99999999

    def prepare_version(self, obj):
        return version(
            obj.updated, obj.source and (obj.source.slug, obj.source.name),
            [(a.slug, a.name) for a in obj.ordered_authors], [(t.slug, t.name) for t in obj.themes.all()],
        )

    def prepare_author_slugs(self, obj):
        return [a.slug for a in obj.ordered_authors]

    def prepare_theme_slugs(self, obj):
        return [t.slug for t in obj.themes.all()]

    def prepare_source_slug(self, obj):
        return obj.source.slug if obj.source_id else None

    def prepare_year_facet(self, obj):
        return str(obj.year) if obj.year else "unknown"
