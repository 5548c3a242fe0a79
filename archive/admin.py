"""The curators' workbench: articles, authors, sources and themes in the Django admin."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from archive import bulk, merging
from archive.curation import (
    ArticleAdminForm,
    MergeForm,
    SourceChoiceForm,
    ThemeChoiceForm,
    authors_summary_html,
    capture_beside_body_html,
    curated_values,
    finish_curated_article,
    provenance_html,
    record_keeps_relations,
    restore_from_history,
    review_reasons_display,
    save_curated_article,
)
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


def choose_then(model_admin, request, queryset, form_class, title, apply, form_kwargs=None):
    """An action's intermediate page: a form to choose a value, then apply(value) and report."""
    form = form_class(request.POST if "apply" in request.POST else None, **(form_kwargs or {}))
    if "apply" in request.POST and form.is_valid():
        model_admin.message_user(request, apply(form.cleaned_data["choice"]), messages.SUCCESS)
        return None  # back to the change list
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title, "form": form, "queryset": queryset, "opts": model_admin.model._meta,
        "action": request.POST.get("action", ""), "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/archive/choose.html", context)


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
    readonly_fields = ["capture_file", "content_hash", "year", "created", "updated", "provenance_table",
                       "capture_beside_body", "authors_found"]
    actions = ["add_theme", "remove_theme", "set_source", "mark_reviewed", "rerun_extraction"]
    date_hierarchy = "date"
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "provisional_title", "authors_found", "slug", "genre", "language"]}),
        ("Date", {"fields": [("date", "date_precision", "date_kind"), "year"]}),
        ("Source", {"fields": ["source", "url"]}),
        ("Themes", {"fields": ["themes"]}),
        ("Review", {"fields": ["needs_review", "review_reasons", "reviewed_at"]}),
        ("Text", {"fields": ["body", "capture_beside_body"]}),
        ("Provenance", {"fields": ["provenance_table", "unlock", "capture_file", "content_hash", "created", "updated"]}),
    ]

    class Media:
        css = {"all": ["archive/curation.css"]}

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.curated_fields():
            return self.fieldsets
        # Nothing is locked yet: no unlock checkboxes.
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f != "unlock"]}) for name, opts in self.fieldsets]

    def get_urls(self):
        review = path("review/", self.admin_site.admin_view(self.review_view), name="archive_article_review")
        return [review, *super().get_urls()]

    def review_view(self, request):
        """The review queue: articles waiting for a curator, oldest first, with their reasons."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            article = get_object_or_404(Article, pk=request.POST.get("article"))
            self.message_user(request, f"{article.display_title}: " + bulk.mark_reviewed([article], request.user))
            return redirect("admin:archive_article_review")
        queue = Article.objects.needing_review().select_related("source").prefetch_related("authorships__author")
        page = Paginator(queue, self.list_per_page).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue", "opts": self.model._meta, "page": page, "count": page.paginator.count,
            "rows": [(a, review_reasons_display(a)) for a in page],
        }
        return TemplateResponse(request, "admin/archive/article/review_queue.html", context)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authorships__author")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        record = getattr(obj, "_history", None)  # set by simple-history on a record's instance
        if record is None or not record_keeps_relations(record):
            return form

        # The history ("Revert") form: offer the record's themes, not today's.
        class RevertForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial["themes"] = [t.theme_id for t in record.themes.all()]

        return RevertForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history's revert saves through save_model but not save_related, where bylines are
        # saved and the article reindexed: restore_from_history does both for it.
        article = get_object_or_404(Article, pk=object_id)
        before = curated_values(article)
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            record = get_object_or_404(Article.history.model, id=object_id, history_id=version_id)
            restore_from_history(Article.objects.get(pk=object_id), record, request.user, before)
        return response

    @admin.display(description="Authors")
    def author_names(self, obj):
        return ", ".join(a.name for a in obj.ordered_authors) or "—"

    @admin.display(description="How each field was found")
    def provenance_table(self, obj):
        return provenance_html(obj)

    @admin.display(description="Authors")
    def authors_found(self, obj):
        return authors_summary_html(obj)

    @admin.display(description="Cleaned body and original capture")
    def capture_beside_body(self, obj):
        return capture_beside_body_html(obj)

    def save_model(self, request, obj, form, change):
        save_curated_article(obj, form, request.user, reviewed="_mark_reviewed" in request.POST)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        authors_changed = any(fs.has_changed() for fs in formsets if fs.model is Authorship)
        note = finish_curated_article(form.instance, form, request.user, authors_changed=authors_changed)
        if note:
            self.message_user(request, note, messages.INFO)

    def response_change(self, request, obj):
        if "_mark_reviewed" in request.POST:
            self.message_user(request, f"“{obj.display_title}” was saved and marked reviewed.", messages.SUCCESS)
            return redirect("admin:archive_article_review")
        return super().response_change(request, obj)

    @admin.action(description="Add a theme to the selected articles", permissions=["change"])
    def add_theme(self, request, queryset):
        return choose_then(self, request, queryset, ThemeChoiceForm, "Add a theme", lambda theme: bulk.add_theme(queryset, theme, request.user))

    @admin.action(description="Remove a theme from the selected articles", permissions=["change"])
    def remove_theme(self, request, queryset):
        return choose_then(self, request, queryset, ThemeChoiceForm, "Remove a theme", lambda theme: bulk.remove_theme(queryset, theme, request.user))

    @admin.action(description="Set the source of the selected articles", permissions=["change"])
    def set_source(self, request, queryset):
        return choose_then(self, request, queryset, SourceChoiceForm, "Set the source", lambda source: bulk.set_source(queryset, source, request.user))

    @admin.action(description="Mark the selected articles reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self.message_user(request, bulk.mark_reviewed(queryset, request.user), messages.SUCCESS)

    @admin.action(description="Re-run extraction for the untouched fields", permissions=["change"])
    def rerun_extraction(self, request, queryset):
        self.message_user(request, bulk.rerun_extraction(queryset, request.user), messages.SUCCESS)

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

    def merge(self, request, queryset, merge):
        if queryset.count() < 2:
            self.message_user(request, "Select two or more records to merge.", messages.WARNING)
            return None
        verbose = self.model._meta.verbose_name
        return choose_then(self, request, queryset, MergeForm, f"Merge {verbose}s: which one to keep?",
                           lambda keep: merge(keep, list(queryset)).message(verbose), {"queryset": queryset})


@admin.register(Author)
class AuthorAdmin(RecordAdmin):
    article_lookup = "authors"
    actions = ["merge_selected"]
    list_display = ["name", "affiliation", "orcid", "article_count"]
    search_fields = ["name", "aliases", "affiliation", "orcid", "bio"]
    readonly_fields = ["created"]
    fields = ["name", "slug", "affiliation", "bio", "orcid", "identifiers", "aliases", "created"]

    @admin.action(description="Merge selected authors into one", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        return self.merge(request, queryset, merging.merge_authors)


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    article_lookup = "source"
    actions = ["merge_selected"]
    list_display = ["name", "homepage", "article_count"]
    search_fields = ["name", "aliases", "homepage"]
    fields = ["name", "slug", "homepage", "aliases"]

    @admin.action(description="Merge selected sources into one", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        return self.merge(request, queryset, merging.merge_sources)


@admin.register(Theme)
class ThemeAdmin(RecordAdmin):
    article_lookup = "themes"
    list_display = ["name", "threshold", "article_count"]
    search_fields = ["name", "description", "keywords"]
    fields = ["name", "slug", "description", "keywords", "threshold"]
