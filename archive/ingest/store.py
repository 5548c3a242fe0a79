"""Store an extracted capture: create, refresh or recognise the article it belongs to.

A field a curator has set (its provenance says "curated") is never overwritten.
"""

import hashlib
import re
import unicodedata
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction
from django.utils import timezone

from archive.ingest.classify import classify
from archive.ingest.publishers import homepage
from archive.models import (
    Article,
    Author,
    Authorship,
    Capture,
    DatePrecision,
    Source,
    Theme,
    record_history,
    record_history_of_new,
)

# Bump when extraction improves: untouched fields of stored articles are then refreshed.
EXTRACTOR_VERSION = 3

# Hamming distance between body fingerprints under which two captures are one article.
NEAR_DUPLICATE_BITS = 6


@dataclass
class Outcome:
    status: str  # created, updated, unchanged, duplicate, rejected
    article: Article = None
    detail: str = ""
    changed: list = field(default_factory=list)
    kept: list = field(default_factory=list)


def title_key(title):
    """A title reduced to letters and digits: casing, quotes and punctuation do not count."""
    text = unicodedata.normalize("NFKD", title or "").lower()
    text = re.sub(r"['’‘`]s\b", "s", text)
    return re.sub(r"[^\w]+", " ", text).strip()[:200]


def simhash(text):
    """A 64-bit fingerprint of text's word triples; near-identical texts differ in few bits."""
    words = re.findall(r"\w+", text.lower())
    shingles = map(" ".join, zip(words, words[1:], words[2:])) if len(words) > 2 else [" ".join(words)]
    digests = b"".join([hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles])
    # One row of 64 bits per shingle, from its hash's bytes read least significant first;
    # a bit of the fingerprint is set where most rows set it.
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    votes = bits.sum(axis=0) * 2 > len(bits)
    value = int.from_bytes(np.packbits(votes, bitorder="little").tobytes(), "little")
    return value - (1 << 64) if value >= 1 << 63 else value  # fits a signed BIGINT


def distance(a, b):
    return bin((a ^ b) & ((1 << 64) - 1)).count("1")


class Fingerprints:
    """Body fingerprints of the stored articles, banded so near neighbours are found fast.

    Eight bands of eight bits: two fingerprints within seven bits of each other
    agree on at least one band, so only that band's bucket needs comparing.
    """

    BANDS = 8

    def __init__(self):
        self.buckets = [dict() for _ in range(self.BANDS)]
        for pk, value in Article.objects.exclude(simhash=None).values_list("pk", "simhash").iterator():
            self.add(pk, value)

    def _bands(self, value):
        value &= (1 << 64) - 1
        return [(value >> (8 * band)) & 0xFF for band in range(self.BANDS)]

    def add(self, pk, value):
        for band, key in enumerate(self._bands(value)):
            self.buckets[band].setdefault(key, {})[pk] = value

    def near(self, value, bits):
        """Primary keys of articles whose fingerprint is within bits of value, nearest first."""
        seen = {}
        for band, key in enumerate(self._bands(value)):
            for pk, other in self.buckets[band].get(key, {}).items():
                if pk not in seen:
                    seen[pk] = distance(value, other)
        return [pk for pk, d in sorted(seen.items(), key=lambda kv: kv[1]) if d <= bits]


def find_duplicate(meta, fingerprint, fingerprints):
    """An existing article that this capture is another copy of, or None."""
    key = title_key(meta.title.value) if meta.title else ""
    if key:
        for article in Article.objects.filter(title_key=key).only("pk", "simhash"):
            if article.simhash is not None and distance(article.simhash, fingerprint) <= 3 * NEAR_DUPLICATE_BITS:
                return Article.objects.get(pk=article.pk)
    near = fingerprints.near(fingerprint, NEAR_DUPLICATE_BITS)
    return Article.objects.get(pk=near[0]) if near else None


def resolve_author(name, info=None):
    """The author of this name, one of its recorded other spellings, or a new one (with the
    details of info, a byline, when given: saved once)."""
    author = Author.objects.filter(name__iexact=name).first()
    if author:
        return author, False
    lowered = name.lower()
    for candidate in Author.objects.exclude(aliases=[]).only("pk", "aliases", "name"):
        if lowered in (a.lower() for a in candidate.aliases):
            return Author.objects.get(pk=candidate.pk), False
    # "Timofei V. Bordachev" and "Timofei Bordachev" are one person.
    bare = re.sub(r"\s+[A-Z]\.\s+", " ", name)
    if bare != name:
        author = Author.objects.filter(name__iexact=bare).first()
        if author:
            return author, False
    author = Author(name=name)
    if info is not None:
        update_author_details(author, info, save=False)
    author.save()
    return author, True


def resolve_source(pub):
    """The Source for a publisher found by extraction (a known publisher or a bare name)."""
    name = pub["name"]
    source = Source.objects.filter(name__iexact=name).first()
    if source:
        return source
    names = {n.lower() for n in [name, *pub.get("aliases", [])]}
    for candidate in Source.objects.all().only("pk", "name", "aliases"):
        if candidate.name.lower() in names or names & {a.lower() for a in candidate.aliases}:
            return candidate
    return Source.objects.create(name=name, homepage=homepage(pub), aliases=pub.get("aliases", []))


def update_author_details(author, info, *, save=True):
    """Fill an author's bio, affiliation and identifiers, never over a curator's values; True
    when any changed (and, with save, those fields are saved)."""
    changed = set()
    bio_entry = author.provenance.get("bio", {})
    if info.bio and not bio_entry.get("curated") and info.bio != author.bio:
        if not author.bio or info.bio_confidence >= bio_entry.get("confidence", 0):
            author.bio = info.bio
            author.provenance["bio"] = {"method": "author's note", "evidence": info.bio[:500],
                                        "confidence": info.bio_confidence}
            changed |= {"bio", "provenance"}
            if info.affiliation and not author.provenance.get("affiliation", {}).get("curated"):
                author.affiliation = info.affiliation
                changed.add("affiliation")
    if info.orcid and not author.orcid:
        author.orcid = info.orcid
        changed.add("orcid")
    for label, value in info.identifiers.items():
        if label not in author.identifiers:
            author.identifiers[label] = value
            changed.add("identifiers")
    if changed and save:
        author.save(update_fields=sorted(changed))
    return bool(changed)


def field_values(meta):
    """{field: (value, Found)} for the tracked fields that extraction found."""
    values = {}
    if meta.title:
        values["title"] = (meta.title.value[:500], meta.title)
    if meta.genre:
        values["genre"] = (meta.genre.value, meta.genre)
    if meta.date:
        values["date"] = (meta.date.value, meta.date)
    if meta.source:
        values["source"] = (meta.source.value, meta.source)
    if meta.url:
        values["url"] = (meta.url.value[:1000], meta.url)
    if meta.language:
        values["language"] = (meta.language.value, meta.language)
    authors = meta.authors_found()
    if authors:
        values["authors"] = (meta.authors, authors)
    return values


class Resolver:
    """The sources and authors an import has resolved, by name: each name is looked up once, and
    its row read again at each use (a curator may edit, merge or delete it while an import runs),
    or, for a batch stored in one transaction (see holding), once for the batch."""

    def __init__(self):
        self._sources, self._authors = {}, {}
        self._held = None  # {(model, pk): row} while a batch holds its rows

    def source(self, pub):
        return self._fresh(Source, self._sources, pub["name"], lambda: resolve_source(pub))

    def author(self, info):
        return self._fresh(Author, self._authors, info.name, lambda: resolve_author(info.name, info)[0])

    @contextmanager
    def holding(self, metas):
        """Within (and within a transaction): the rows of the sources and authors of metas that
        were resolved before, read in one query each and locked until the transaction ends (where
        the database locks rows; SQLite's writer holds the whole database), and each row the
        resolver gives reused for the rest of the batch instead of read again."""
        held = {}
        for model, known, names in (
            (Source, self._sources, {m.source.value["name"] for m in metas if m.source and m.source.value}),
            (Author, self._authors, {info.name for m in metas for info in m.authors}),
        ):
            pks = {known[name] for name in names if name in known}
            if pks:
                held.update(((model, row.pk), row) for row in model.objects.select_for_update().filter(pk__in=pks))
        self._held = held
        try:
            yield
        finally:
            self._held = None

    def _fresh(self, model, known, name, resolve):
        held, pk = self._held, known.get(name)
        if held is not None:
            row = held.get((model, pk)) if pk is not None else None
        else:
            row = model.objects.filter(pk=pk).first() if pk is not None else None
        if row is None:  # not resolved before, or deleted since
            row = resolve()
            known[name] = row.pk
            if held is not None:
                held[(model, row.pk)] = row
        return row

    def forget(self):
        """Forget every answer (after a rolled-back transaction, which may have created some)."""
        self._sources.clear()
        self._authors.clear()


class _Lookups:
    """Resolver's answers, looked up each time (for a store outside an import)."""

    source = staticmethod(resolve_source)

    @staticmethod
    def author(info):
        return resolve_author(info.name, info)[0]

    @staticmethod
    def holding(metas):
        return nullcontext()


def apply_metadata(article, meta, *, themes, resolver=None):
    """Set every tracked field that no curator owns; return (changed fields, kept fields).

    The article's history gets one record of the result (when it is new or anything changed),
    not one for each save and each change of its authors and themes.
    """
    created = article.pk is None
    review = (article.needs_review, list(article.review_reasons))
    article.skip_history_when_saving = True
    try:
        changed, kept = _apply_metadata(article, meta, themes=themes, resolver=resolver or _Lookups)
    finally:
        del article.skip_history_when_saving
    if created or changed or (article.needs_review, article.review_reasons) != review:
        record_history(article, "+" if created else "~")
    return changed, kept


def _apply_metadata(article, meta, *, themes, resolver):
    values = field_values(meta)
    # Authors and themes are many-to-many: they are set after the article is saved, below.
    kept = [name for name in ("title", "genre", "date", "source", "url", "language", "authors", "body", "themes")
            if article.pk and article.is_curated(name)]
    changed = _assign_fields(article, meta, values, kept, resolver)
    article.save()
    if "authors" not in kept:
        found = values.get("authors")
        if _set_authors(article, meta.authors if found else [], resolver):
            changed.append("authors")
        _note_authors(article, found)
    if "themes" not in kept:
        chosen = _chosen_themes(article, meta, themes)
        before = set(article.themes.values_list("pk", flat=True))
        article.themes.set(chosen)
        if before != {t.pk for t in chosen}:
            changed.append("themes")
        _note_themes(article, chosen)
    article.review_reasons = reasons_for(article, meta)
    article.needs_review = bool(article.review_reasons) and not (
        article.reviewed_at and not changed
    )
    article.save(update_fields=["provenance", "review_reasons", "needs_review", "updated"])
    return changed, kept


def _assign_fields(article, meta, values, kept, resolver):
    """Set the article's own (not many-to-many) tracked fields that are not kept, and what follows
    from them; return the names of those that changed. Nothing is saved."""
    changed = []
    for name in ("title", "genre", "date", "source", "url", "language"):
        if name in kept:
            continue
        found = values.get(name)
        before = _current(article, name)
        _assign(article, name, found[0] if found else None, resolver)
        if _current(article, name) != before:
            changed.append(name)
        if found:
            article.provenance[name] = found[1].provenance()
        else:
            article.provenance.pop(name, None)
    if "body" not in kept:
        if article.body != meta.body:
            article.body = meta.body
            changed.append("body")
        article.provenance["body"] = {"method": "cleaned capture", "confidence": 0.9,
                                      "evidence": f"{len(meta.body)} blocks"}
    if not article.title:
        article.provisional_title = meta.provisional_title
    else:
        article.provisional_title = ""
    article.title_key = title_key(article.title)
    same_body = meta.fingerprint is not None and article.body == meta.body
    article.simhash = meta.fingerprint if same_body else simhash(article.body_text)
    article.extractor_version = EXTRACTOR_VERSION
    return changed


def _note_authors(article, found):
    if found:
        article.provenance["authors"] = found[1].provenance()
    else:
        article.provenance.pop("authors", None)


def _chosen_themes(article, meta, themes):
    if meta.theme_names is not None and not article.is_curated("title") and not article.is_curated("body"):
        by_name = {t.name: t for t in themes}
        return [by_name[n] for n in meta.theme_names if n in by_name]
    return classify(article.display_title, article.body_text, themes, article.language)


def _note_themes(article, chosen):
    article.provenance["themes"] = {
        "method": "keyword rules",
        "confidence": 0.7,
        "evidence": ", ".join(t.name for t in chosen),
    }


# How a reason for review begins → the field a curator settles it by setting.
REASON_FIELDS = {
    "no title": "title", "no author": "authors", "no date": "date", "no source": "source",
    "title uncertain": "title", "authors uncertain": "authors", "date uncertain": "date",
    "source uncertain": "source",
}


def reason_field(reason):
    """The tracked field a reason for review is about, or None."""
    return next((f for prefix, f in REASON_FIELDS.items() if reason.startswith(prefix)), None)


def reasons_for(article, meta):
    """The extractor's reasons, less those a curator has settled by setting the field."""
    reasons = []
    for reason in meta.reasons:
        field_name = reason_field(reason)
        if field_name and article.is_curated(field_name):
            continue
        reasons.append(reason)
    return reasons


def _current(article, name):
    if name == "date":
        return (article.date, article.date_precision, article.date_kind)
    if name == "source":
        return article.source_id
    return getattr(article, name)


def _assign(article, name, value, resolver):
    if name == "date":
        if value:
            article.date, article.date_precision, article.date_kind = value
        else:
            article.date, article.date_precision = None, DatePrecision.UNKNOWN
    elif name == "source":
        article.source = resolver.source(value) if value else None
    else:
        setattr(article, name, value or ("en" if name == "language" else ""))


def _resolved_authors(infos, resolver):
    """[(author, info)] for the bylines infos, in order, each author once; their details filled."""
    resolved = []
    for info in infos:
        author = resolver.author(info)
        update_author_details(author, info)
        if author.pk not in [a.pk for a, _ in resolved]:
            resolved.append((author, info))
    return resolved


def _set_authors(article, infos, resolver):
    """Replace the article's authors by infos, in order; True when they changed."""
    before = [a.author_id for a in article.authorships.order_by("position")]
    resolved = _resolved_authors(infos, resolver)
    if [a.pk for a, _ in resolved] == before:
        for author, info in resolved:
            Authorship.objects.filter(article=article, author=author).update(bio=info.bio)
        return False
    article.authorships.all().delete()
    Authorship.objects.bulk_create(
        Authorship(article=article, author=author, position=i, bio=info.bio)
        for i, (author, info) in enumerate(resolved)
    )
    return True


def store(raw, meta, *, themes=None, fingerprints=None, resolver=None):
    """Create or refresh the article for a capture; recognise copies of stored articles."""
    themes = list(Theme.objects.all()) if themes is None else themes
    fingerprints = Fingerprints() if fingerprints is None else fingerprints
    with transaction.atomic():
        same = Capture.objects.filter(content_hash=raw.content_hash).select_related("article").first()
        if same is not None:
            article = same.article
            if same.file_name != raw.name and not article.captures.filter(file_name=raw.name).exists():
                _add_capture(article, raw, primary=False)
                return Outcome("duplicate", article, f"same text as {same.file_name}")
            if article.extractor_version == EXTRACTOR_VERSION or not same.is_primary:
                return Outcome("unchanged", article)
            changed, kept = apply_metadata(article, meta, themes=themes, resolver=resolver)
            return Outcome("updated" if changed else "unchanged", article, "extractor improved", changed, kept)

        own = Article.objects.filter(capture_file=raw.name).first()
        if own is not None:
            capture = own.captures.filter(file_name=raw.name).first()
            if capture:
                capture.raw_text, capture.content_hash = raw.text, raw.content_hash
                capture.format, capture.encoding = raw.format, raw.encoding
                capture.save()
            own.content_hash = raw.content_hash
            changed, kept = apply_metadata(own, meta, themes=themes, resolver=resolver)
            return Outcome("updated", own, "the capture changed", changed, kept)

        fingerprint = meta.fingerprint
        if fingerprint is None:
            fingerprint = simhash("\n\n".join(b["text"] for b in meta.body))
        copy = find_duplicate(meta, fingerprint, fingerprints)
        if copy is not None:
            existing = copy.captures.filter(file_name=raw.name).first()
            if existing:
                existing.raw_text, existing.content_hash = raw.text, raw.content_hash
                existing.save()
            else:
                _add_capture(copy, raw, primary=False)
            return Outcome("duplicate", copy, f"near-identical to {copy.capture_file}")

        article = Article(capture_file=raw.name, content_hash=raw.content_hash)
        changed, kept = apply_metadata(article, meta, themes=themes, resolver=resolver)
        _add_capture(article, raw, primary=True)
        fingerprints.add(article.pk, article.simhash)
        return Outcome("created", article, "", changed, kept)


def create_articles(items, *, themes, fingerprints, resolver=None):
    """What store() does for captures that are new articles, for several at once and in a few
    queries: [(raw, meta)] → their Outcomes ("created"), in order.

    The captures must be new (see is_new) and not copies of each other: no two with the same
    file, text, title or a near fingerprint.
    """
    resolver = resolver or _Lookups
    made, taken = [], set()
    with transaction.atomic(), resolver.holding([meta for _, meta in items]):
        for raw, meta in items:
            article = Article(capture_file=raw.name, content_hash=raw.content_hash)
            values = field_values(meta)
            changed = _assign_fields(article, meta, values, [], resolver)
            found = values.get("authors")
            resolved = _resolved_authors(meta.authors if found else [], resolver)
            if resolved:
                changed.append("authors")
            _note_authors(article, found)
            chosen = _chosen_themes(article, meta, themes)
            if chosen:
                changed.append("themes")
            _note_themes(article, chosen)
            article.review_reasons = reasons_for(article, meta)
            article.needs_review = bool(article.review_reasons)
            article.fill_derived(taken=taken)
            taken.add(article.slug)
            made.append((article, raw, resolved, chosen, changed))
        Article.objects.bulk_create([article for article, *_ in made])
        bylines = Authorship.objects.bulk_create(
            Authorship(article=article, author=author, position=i, bio=info.bio)
            for article, _, resolved, _, _ in made for i, (author, info) in enumerate(resolved)
        )
        links = Article.themes.through.objects.bulk_create(
            Article.themes.through(article=article, theme=theme) for article, _, _, chosen, _ in made for theme in chosen
        )
        Capture.objects.bulk_create(_capture(article, raw, primary=True) for article, raw, *_ in made)
        record_history_of_new([article for article, *_ in made], {"authors": bylines, "themes": links})
        outcomes = [Outcome("created", article, "", changed, []) for article, _, _, _, changed in made]
    for article, *_ in made:
        fingerprints.add(article.pk, article.simhash)
    return outcomes


def is_new(raw, meta, known):
    """True when store() would make a new article of this capture: no stored capture has its text
    and no stored article its file, its title or a body near its fingerprint.

    known: Known for a batch of captures that includes this one.
    """
    if meta.fingerprint is None:
        return False
    key = title_key(meta.title.value) if meta.title else ""
    return (raw.content_hash not in known.hashes and raw.name not in known.files and key not in known.title_keys
            and not known.fingerprints.near(meta.fingerprint, NEAR_DUPLICATE_BITS)
            and all(distance(meta.fingerprint, other) > NEAR_DUPLICATE_BITS for other in known.prints))


@dataclass
class Known:
    """What is stored, or about to be, of a batch of captures: the texts, files and titles among
    theirs, and the fingerprints (those of captures about to be stored in prints)."""

    hashes: set
    files: set
    title_keys: set
    fingerprints: Fingerprints
    prints: list = field(default_factory=list)

    @classmethod
    def of(cls, captures, fingerprints):
        """captures: [(raw, meta)]."""
        keys = {title_key(meta.title.value) for _, meta in captures if meta.title} - {""}
        return cls(
            set(Capture.objects.filter(content_hash__in={raw.content_hash for raw, _ in captures})
                .values_list("content_hash", flat=True)),
            set(Article.objects.filter(capture_file__in={raw.name for raw, _ in captures})
                .values_list("capture_file", flat=True)),
            set(Article.objects.filter(title_key__in=keys).values_list("title_key", flat=True)),
            fingerprints,
        )

    def add(self, raw, meta):
        """Count a capture about to be stored as a new article."""
        self.hashes.add(raw.content_hash)
        self.files.add(raw.name)
        key = title_key(meta.title.value) if meta.title else ""
        if key:
            self.title_keys.add(key)
        self.prints.append(meta.fingerprint)


def _capture(article, raw, *, primary):
    return Capture(
        article=article,
        file_name=raw.name,
        content_hash=raw.content_hash,
        format=raw.format,
        encoding=raw.encoding,
        raw_text=raw.html or raw.text,
        is_primary=primary,
    )


def _add_capture(article, raw, *, primary):
    _capture(article, raw, primary=primary).save()
    if not primary:
        article.updated = timezone.now()
        article.save(update_fields=["updated"])
