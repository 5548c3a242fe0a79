"""The archive's records: articles, their authors, sources and themes, and the captures they came from."""

import datetime
import functools

from django.db import connections, models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

# Metadata fields whose provenance is tracked and which a curator can lock.
TRACKED_FIELDS = (
    "title",
    "genre",
    "authors",
    "date",
    "source",
    "url",
    "language",
    "themes",
    "body",
)


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"
    UNKNOWN = "unknown", "unknown"


class DateKind(models.TextChoices):
    PUBLISHED = "published", "published"
    MODIFIED = "last modified", "last modified"


def unique_slug(model, text, *, max_length=80, exclude_pk=None, taken=()):
    """A slug for text that no other row of model uses yet (nor any of taken: the slugs of rows
    about to be created together)."""
    base = slugify(text, allow_unicode=False)[:max_length].strip("-") or "item"
    slug, n = base, 2
    qs = model.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while slug in taken or qs.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


_SLUG = "slug-placeholder"


@functools.lru_cache(maxsize=64)
def _url_with_placeholder(url_name, prefix, urlconf):
    return reverse(url_name, args=[_SLUG], urlconf=urlconf)


def _slug_pattern(url_name):
    return _url_with_placeholder(url_name, get_script_prefix(), get_urlconf())


def slug_url(url_name, slug):
    """reverse(url_name, args=[slug]) for a URL whose only argument is a slug, without a reverse() per
    link: a list page links every article, author, source and theme it shows. (A slug is ASCII letters,
    digits, hyphens and underscores, which a URL takes as they are.)"""
    return _slug_pattern(url_name).replace(_SLUG, slug, 1)


def link(records, url_name):
    """Work out the get_absolute_url of each of records (of one kind) at once: the request's script
    prefix and URLconf are asgiref locals, some 15 µs to read, and a list page shows over a
    hundred links."""
    pattern = _slug_pattern(url_name)
    for record in records:
        record._link = pattern.replace(_SLUG, record.slug, 1)


def record_url(record, url_name):
    """record's URL: the one link worked out, else slug_url's."""
    return record.__dict__.get("_link") or slug_url(url_name, record.slug)


class Named(models.Model):
    """A record with a name, a slug made from it, and a page of its own (url_name)."""

    url_name = ""

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return record_url(self, self.url_name)


class Source(Named):
    url_name = "source_detail"
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    homepage = models.URLField(max_length=500, blank=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names of this source; imports resolve them here."
    )
    created = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]


class Author(Named):
    url_name = "author_detail"
    name = models.CharField(max_length=200, db_index=True)
    slug = models.SlugField(max_length=80, unique=True)
    bio = models.TextField(blank=True)
    affiliation = models.CharField(max_length=300, blank=True)
    orcid = models.CharField("ORCID", max_length=19, blank=True)
    identifiers = models.JSONField(
        default=dict, blank=True, help_text="Other identifiers, e.g. {\"Scopus AuthorID\": \"…\"}."
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other spellings of this name; imports resolve them here."
    )
    # {field: {"method", "evidence", "confidence", "curated", …}} as for articles.
    provenance = models.JSONField(default=dict, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


class Theme(Named):
    url_name = "theme_detail"
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        help_text="Words and phrases that signal this theme, one per line; they are stemmed. "
        "A line may end with '*2' to count double.",
    )
    threshold = models.PositiveSmallIntegerField(
        default=3, help_text="How many keyword hits an article needs to be tagged."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]


class Authorship(models.Model):
    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="authorships")
    position = models.PositiveSmallIntegerField(default=0)
    bio = models.TextField(blank=True, help_text="The author's note as printed with this article.")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_authorship")
        ]

    def __str__(self):
        return f"{self.author} ({self.position + 1})"


ARTICLE_HISTORY = HistoricalRecords(
    excluded_fields=["title_key", "simhash", "updated"], m2m_fields=["themes", "authors"]
)


def record_history(article, history_type="~"):
    """Write one history record of article as it is now ("+" created, "~" changed).

    For work that saves an article and sets its authors and themes in several steps with
    skip_history_when_saving set: one record of the result instead of one per step.
    """
    ARTICLE_HISTORY.create_historical_record(article, history_type)


def record_history_of_new(articles, links):
    """record_history(article, "+") for articles just created together, in a few queries.

    links: {m2m field name ("authors", "themes"): [through rows of the articles]}, the rows
    as created (with their ids). The records and their m2m rows hold what simple_history's
    create_historical_record writes, but its signals are not sent (nothing here listens to them).
    """
    history = ARTICLE_HISTORY
    model = Article.history.model
    records = [
        model(history_date=getattr(a, "_history_date", timezone.now()), history_type="+",
              history_user=history.get_history_user(a),
              history_change_reason=history.get_change_reason_for_object(a, "+", None),
              **{f.attname: getattr(a, f.attname) for f in history.fields_included(a)})
        for a in articles
    ]
    model.objects.bulk_create(records)
    record_of = {a.pk: r for a, r in zip(articles, records)}
    for field in model._history_m2m_fields:
        m2m_model = history.m2m_models[field]
        names = [f.name for f in getattr(Article, field.name).through._meta.fields]
        m2m_model.objects.bulk_create(
            m2m_model(history=record_of[row.article_id], **{name: getattr(row, name) for name in names})
            for row in links.get(field.name, ())
        )


class ListingIterable(models.query.ModelIterable):
    """Articles, each with its authors (name and slug) in byline order and its themes (name and
    slug) at hand, for a list of articles to show.

    Two queries for the lot, as prefetch_related makes, but without the related manager and
    queryset it builds for every article, which took most of a listing's time.
    """

    def __iter__(self):
        articles = list(super().__iter__())
        attach_authors_and_themes(articles)
        return iter(articles)


def _bylines_and_themes_sql(connection):
    """SQL of (kind, article id, byline position, record id, name, slug) rows for a list of article ids
    (its placeholders set in with %(ids)s): the bylines, by position, then the themes."""
    q = connection.ops.quote_name
    ship, author = Authorship._meta, Author._meta
    link, theme = Article.themes.through._meta, Theme._meta
    return (
        f"SELECT 'a', s.{q('article_id')}, s.{q('position')}, r.{q('id')}, r.{q('name')}, r.{q('slug')} "
        f"FROM {q(ship.db_table)} s INNER JOIN {q(author.db_table)} r ON r.{q('id')} = s.{q('author_id')} "
        f"WHERE s.{q('article_id')} IN (%(ids)s) "
        f"UNION ALL SELECT 't', l.{q('article_id')}, 0, r.{q('id')}, r.{q('name')}, r.{q('slug')} "
        f"FROM {q(link.db_table)} l INNER JOIN {q(theme.db_table)} r ON r.{q('id')} = l.{q('theme_id')} "
        f"WHERE l.{q('article_id')} IN (%(ids)s) ORDER BY 1, 3"
    )


def attach_authors_and_themes(articles):
    """Set article.listed_authors and article.listed_themes (see ordered_authors and theme_list)."""
    if not articles:
        return
    ids, db = [a.pk for a in articles], articles[0]._state.db
    connection = connections[db]
    # One query in SQL of its own: building the ORM's two (bylines, themes) took twice as long as
    # running them, a millisecond and a half of every listing.
    rows = []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 400):  # (two placeholders an article: well within SQLite's limit)
            chunk = ids[start : start + 400]
            cursor.execute(_bylines_and_themes_sql(connection) % {"ids": ", ".join(["%s"] * len(chunk))}, chunk + chunk)
            rows += cursor.fetchall()
    authors, themes, theme_of = {}, {}, {}
    for kind, article_id, _, record_id, name, slug in rows:
        if kind == "a":
            authors.setdefault(article_id, []).append(Author.from_db(db, ["id", "name", "slug"], (record_id, name, slug)))
        else:
            if record_id not in theme_of:
                theme_of[record_id] = Theme.from_db(db, ["id", "name", "slug"], (record_id, name, slug))
            themes.setdefault(article_id, []).append(theme_of[record_id])
    for article in articles:
        article.listed_authors = authors.get(article.pk, [])
        article.listed_themes = sorted(themes.get(article.pk, []), key=lambda t: t.name)
    link(articles, "article_detail")
    link([a for byline in authors.values() for a in byline], Author.url_name)
    link(theme_of.values(), Theme.url_name)
    sources = [a.source for a in articles if "source" in a._state.fields_cache and a.source is not None]
    link(sources, Source.url_name)


class ArticleQuerySet(models.QuerySet):
    def needing_review(self):
        return self.filter(needs_review=True).order_by("created", "pk")

    def in_year(self, year):
        """Articles of a year; year None or "unknown" gives the undated ones."""
        return self.by_years(["unknown" if year in (None, "unknown") else year])

    def newest_first(self):
        return self.order_by(F("date").desc(nulls_last=True), "-pk")

    def oldest_first(self):
        return self.order_by(F("date").asc(nulls_last=True), "pk")

    # Subqueries rather than joins: a join needs DISTINCT, which SQLite does over whole rows, bodies included.
    # And on pk + 0, not pk: SQLite then walks the date (or year, source) index and tests each entry,
    # instead of fetching every matching row — body and all — to sort or count by a later column.
    def _with_pk_in(self, subquery):
        return self.alias(listed_pk=F("pk") + 0).filter(listed_pk__in=subquery)

    # probe: test each article for a link (an index lookup) instead of listing the linked articles
    # first. For values most articles have, the list is the cost (tens of thousands of rows), and a
    # walk of the date index finds a page's twenty after a few dozen lookups; for rare values the
    # short list is quicker than probing article after article.
    def _linked_by(self, links, *, probe):
        """Articles with a row in links (link rows with an article_id)."""
        if probe:
            return self.filter(Exists(links.filter(article_id=OuterRef("pk"))))
        return self._with_pk_in(links.values("article_id"))

    def by_authors(self, slugs, *, probe=False):
        return self._linked_by(Authorship.objects.filter(author__slug__in=slugs), probe=probe) if slugs else self

    def by_themes(self, slugs, *, probe=False):
        links = Article.themes.through.objects.filter(theme__slug__in=slugs)
        return self._linked_by(links, probe=probe) if slugs else self

    def by_sources(self, slugs):
        return self.filter(source__slug__in=slugs) if slugs else self

    # Years as ranges of dates (year is the date's, and None with it): SQLite then reads a
    # range of the date index (for one year or a span, in the list's own order) instead of
    # fetching every article of the years by the year index and sorting them.
    def by_years(self, years):
        """Articles in any of years (ints or "unknown")."""
        if not years:
            return self
        cond = Q(pk__in=[])  # (a year no date can have matches nothing)
        for year in sorted({int(y) for y in years if y != "unknown"}):
            if datetime.MINYEAR <= year <= datetime.MAXYEAR:
                cond |= Q(date__gte=datetime.date(year, 1, 1), date__lte=datetime.date(year, 12, 31))
        if "unknown" in years:
            cond |= Q(date__isnull=True)
        return self.filter(cond)

    def year_range(self, start=None, end=None):
        qs = self
        if start is not None:
            qs = qs.filter(date__gte=datetime.date(max(start, datetime.MINYEAR), 1, 1))
        if end is not None:
            qs = qs.filter(date__lte=datetime.date(min(end, datetime.MAXYEAR), 12, 31))
        return qs

    def with_listing(self):
        """What a list of articles shows: source, authors and themes in few queries."""
        return self.select_related("source").prefetch_related(
            models.Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
            "themes",
        )

    def listed(self, *, body=False):
        """What a list of articles shows, and no more (with the body for search snippets if asked).

        Decoding bodies was most of a listing's query time; the bylines and themes come with the
        articles (see ListingIterable).
        """
        qs = self.select_related("source")
        qs = qs.defer("provenance", "review_reasons") if body else qs.defer("body", "provenance", "review_reasons")
        qs._iterable_class = ListingIterable
        return qs

    def year_counts(self):
        return self.values("year").annotate(n=Count("pk")).order_by(F("year").desc(nulls_last=True))


class Article(models.Model):
    title = models.CharField(max_length=500, blank=True)
    provisional_title = models.CharField(
        max_length=500,
        blank=True,
        help_text="Proposed by the importer when the capture names no title; unconfirmed.",
    )
    slug = models.SlugField(max_length=100, unique=True)
    genre = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=8, default="en")
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_kind = models.CharField(max_length=16, choices=DateKind.choices, default=DateKind.PUBLISHED)
    # Derived from date, but stored and indexed: the year chart and the database's year
    # facets count it over tens of thousands of rows (lists filter on date ranges instead).
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True, editable=False)
    url = models.URLField("original URL", max_length=1000, blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, through=Authorship, related_name="articles", blank=True
    )
    themes = models.ManyToManyField(Theme, related_name="articles", blank=True)
    capture_file = models.CharField(max_length=255, db_index=True)
    content_hash = models.CharField(max_length=64, db_index=True)
    # Normalised title and body fingerprint: how a second capture of the same
    # article is recognised although its chrome and punctuation differ.
    title_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    simhash = models.BigIntegerField(null=True, blank=True, editable=False)
    needs_review = models.BooleanField(default=False, db_index=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Which version of the extractor produced the untouched fields: a newer
    # one re-extracts them even when the capture has not changed.
    extractor_version = models.PositiveSmallIntegerField(default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)
    # The large fields last (migration 0005): in SQLite, columns after them are read through
    # their overflow pages.
    review_reasons = models.JSONField(default=list, blank=True)
    # {field: {"method", "evidence", "confidence", "curated", "curated_at", "curated_by"}}
    provenance = models.JSONField(default=dict, blank=True, editable=False)
    body = models.JSONField(
        default=list, blank=True, help_text='Blocks: [{"type": "paragraph"|"heading"|"item", "text": …}]; consecutive items are a list.'
    )

    # The themes and the bylines (author, position, note) are kept with each record, so an
    # article's history shows its earlier authors and themes and a revert can bring them back.
    history = ARTICLE_HISTORY
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [F("date").desc(nulls_last=True), "-pk"]
        # (source, date, id): a source's articles in date order, with no sort (migration 0006).
        indexes = [models.Index(fields=["date", "id"]), models.Index(fields=["source", "date", "id"])]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return record_url(self, "article_detail")

    def fill_derived(self, *, taken=()):
        """Set what saving derives: the year and, when there is none yet, a slug (not one of taken)."""
        self.year = self.date.year if self.date else None
        if not self.date:
            self.date_precision = DatePrecision.UNKNOWN
        if not self.slug:
            self.slug = unique_slug(
                Article, self.title or self.provisional_title or self.capture_file, exclude_pk=self.pk, taken=taken
            )

    @property
    def display_title(self):
        return self.title or self.provisional_title or f"Untitled ({self.capture_file})"

    @property
    def title_is_provisional(self):
        return not self.title

    @property
    def ordered_authors(self):
        """Authors in byline order (those a listing attached, or prefetched authorships, when present)."""
        if "listed_authors" in self.__dict__:
            return self.listed_authors
        return [a.author for a in sorted(self.authorships.all(), key=lambda a: a.position)]

    @property
    def theme_list(self):
        """The themes, by name (those a listing attached when present)."""
        if "listed_themes" in self.__dict__:
            return self.listed_themes
        return list(self.themes.all())

    @property
    def body_parts(self):
        """The body for a page: headings, paragraphs and lists (runs of items), each block with its
        number in the body, for the paragraph anchors."""
        parts = []
        for n, block in enumerate(self.body, 1):
            kind = block.get("type", "paragraph")
            if kind == "item":
                if not parts or parts[-1]["type"] != "list":
                    parts.append({"type": "list", "items": []})
                parts[-1]["items"].append({"n": n, "text": block["text"]})
            else:
                parts.append({"type": kind, "n": n, "text": block["text"]})
        return parts

    @property
    def body_text(self):
        return "\n\n".join(block["text"] for block in self.body)

    @property
    def date_display(self):
        """The date written to its precision: "2018", "March 2018" or "27 March 2018"."""
        if not self.date:
            return ""
        if self.date_precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == DatePrecision.MONTH:
            return self.date.strftime("%B %Y")
        return f"{self.date.day} {self.date.strftime('%B %Y')}"

    def is_curated(self, field):
        return bool(self.provenance.get(field, {}).get("curated"))

    def curated_fields(self):
        return [f for f, p in self.provenance.items() if p.get("curated")]

    def mark_curated(self, field, user=None):
        """Record that a curator set field: re-imports will leave it alone."""
        self.provenance[field] = {
            **self.provenance.get(field, {}),
            "curated": True,
            "curated_at": timezone.now().isoformat(timespec="seconds"),
            "curated_by": getattr(user, "username", "") or "",
        }

    def unlock(self, field):
        """Let the importer's value return for field at the next import."""
        entry = self.provenance.get(field)
        if entry:
            for key in ("curated", "curated_at", "curated_by"):
                entry.pop(key, None)

    def mark_reviewed(self):
        self.needs_review = False
        self.review_reasons = []
        self.reviewed_at = timezone.now()

    def reindex(self):
        """Bring this article's search document up to date, now."""
        from archive.search.indexing import update_articles

        update_articles([self.pk])

    def remove_from_index(self):
        from archive.search.indexing import remove_articles

        remove_articles([self.pk])


class Capture(models.Model):
    """One captured file of an article: the record's own, or a later copy of it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="captures")
    file_name = models.CharField(max_length=255, db_index=True)
    content_hash = models.CharField(max_length=64, db_index=True)
    format = models.CharField(max_length=8)
    encoding = models.CharField(max_length=40, blank=True)
    raw_text = models.TextField()
    is_primary = models.BooleanField(default=True)
    imported = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_primary", "imported"]

    def __str__(self):
        return self.file_name
