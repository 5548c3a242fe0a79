"""The curators' workbench: articles, authors, sources and themes in the Django admin."""

from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from archive.curation import ArticleAdminForm, save_curated_article
from archive.models import Article, Author, Authorship, Capture, Source, Theme
from archive.search.indexing import update_articles

admin.site.site_header = "Foreign Policy Archive: curation"
admin.site.site_title = "Archive curation"
admin.site.index_title = "Records"


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Article.objects.exclude(year=None).values_list("year", flat=True).distinct().order_by("-year")
        return [("unknown", "Undated")] + [(str(y), str(y)) for y in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.in_year(self.value())
        return queryset


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["position", "author", "bio"]
    ordering = ["position"]


class CaptureInline(admin.StackedInline):
    model = Capture
    extra = 0
    can_delete = False
    fields = ["file_name", "is_primary", "format", "encoding", "content_hash", "imported", "raw_text"]
    readonly_fields = fields
    classes = ["collapse"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["display_title", "author_names", "source", "date", "date_precision", "needs_review", "capture_file"]
    list_filter = ["needs_review", "source", YearFilter, "themes", "genre", "language", "date_kind"]
    search_fields = ["title", "provisional_title", "capture_file", "authorships__author__name", "url"]
    list_select_related = ["source"]
    autocomplete_fields = ["source"]
    filter_horizontal = ["themes"]
    inlines = [AuthorshipInline, CaptureInline]
    readonly_fields = ["capture_file", "content_hash", "year", "created", "updated", "provenance_table"]
    date_hierarchy = "date"
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "provisional_title", "slug", "genre", "language"]}),
        ("Date", {"fields": [("date", "date_precision", "date_kind"), "year"]}),
        ("Source", {"fields": ["source", "url"]}),
        ("Themes", {"fields": ["themes"]}),
        ("Review", {"fields": ["needs_review", "review_reasons", "reviewed_at"]}),
        ("Text", {"fields": ["body"]}),
        ("Provenance", {"fields": ["provenance_table", "capture_file", "content_hash", "created", "updated"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authorships__author")

    @admin.display(description="Authors")
    def author_names(self, obj):
        return ", ".join(a.name for a in obj.ordered_authors) or "—"

    @admin.display(description="How each field was found")
    def provenance_table(self, obj):
        from archive.curation import provenance_html

        return provenance_html(obj)

    def save_model(self, request, obj, form, change):
        save_curated_article(obj, form, request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if any(fs.has_changed() for fs in formsets if fs.model is Authorship):
            article.mark_curated("authors", request.user)
            article.save(update_fields=["provenance"])
        article.reindex()

    def delete_model(self, request, obj):
        obj.remove_from_index()
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        from archive.search.indexing import remove_articles

        remove_articles(list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)


class RecordAdmin(SimpleHistoryAdmin):
    """Authors, sources and themes: article counts, and their articles reindexed on save."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("articles"))

    @admin.display(description="Articles", ordering="n")
    def article_count(self, obj):
        return obj.n

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        update_articles(obj.articles.values_list("pk", flat=True))

    def delete_model(self, request, obj):
        # The articles outlive their author, source or theme: reindex them without it.
        ids = list(obj.articles.values_list("pk", flat=True))
        super().delete_model(request, obj)
        update_articles(ids)

    def delete_queryset(self, request, queryset):
        ids = list(Article.objects.filter(**{f"{self.article_lookup}__in": queryset}).values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        update_articles(ids)


@admin.register(Author)
class AuthorAdmin(RecordAdmin):
    article_lookup = "authors"
    list_display = ["name", "affiliation", "orcid", "article_count"]
    search_fields = ["name", "affiliation", "orcid", "bio"]
    readonly_fields = ["created"]
    fields = ["name", "slug", "affiliation", "bio", "orcid", "identifiers", "aliases", "created"]


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    article_lookup = "source"
    list_display = ["name", "homepage", "article_count"]
    search_fields = ["name", "homepage"]
    fields = ["name", "slug", "homepage", "aliases"]


@admin.register(Theme)
class ThemeAdmin(RecordAdmin):
    article_lookup = "themes"
    list_display = ["name", "threshold", "article_count"]
    search_fields = ["name", "description", "keywords"]
    fields = ["name", "slug", "description", "keywords", "threshold"]
