"""Haystack's Whoosh backend, with a schema we control and writes serialised across processes.

Stock Haystack indexes every single-valued CharField (facet fields included)
as stemmed TEXT and stores every field. Here facet fields are untokenised
IDs and keywords, nothing but identifiers is stored (pages read the database),
text is searched over several fields with boosts, Russian text gets a Russian
analyzer, and one searcher is kept open per process and refreshed when the
index changes.
"""

import fcntl
import logging
import os
import resource
import threading
from contextlib import contextmanager

import numpy
from django.utils.encoding import force_str
from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_identifier
from whoosh import query as wq
from whoosh.analysis import LanguageAnalyzer, StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID as WHOOSH_ID
from whoosh.fields import KEYWORD, NUMERIC, Schema
from whoosh.qparser import (
    AndGroup,
    FieldsPlugin,
    GroupPlugin,
    MultifieldParser,
    OperatorsPlugin,
    PhrasePlugin,
    QueryParser,
    RangePlugin,
    WhitespacePlugin,
)

from archive.search import building, related, scoring, segments, vectors
from archive.search.codec import ArrayCodec
from archive.search.fields import FastText

log = logging.getLogger(__name__)

# The index paths whose write lock this thread holds.
_write_locks = threading.local()

# Fields searched by plain words, and how much a match in each counts.
FIELD_BOOSTS = {"title": 4.0, "authors": 3.0, "themes": 2.0, "source": 1.5, "text": 1.0, "text_ru": 1.0}
# How segments are written: as separate files, not one compound file per segment. Whoosh
# opens a file inside a compound file by copying it into memory (BytesIO of an mmap), so
# every reader of the index (a searcher after each change, and each writer, to delete the
# old copy of a document) copied the whole index, hundreds of milliseconds at 10,000 articles.
# (Readers then hold a dozen open files per segment: setup() raises the limit of open files.)
# And with short posting lists inlined in the term table, and blocks read as arrays (see codec).
WRITER = {"compound": False, "codec": ArrayCodec()}
# Multi-valued facet fields: comma-separated slugs, never tokenised further.
KEYWORD_FIELDS = {"author_slugs", "theme_slugs"}


def archive_field(name, field_class):
    """The Whoosh field for one of the archive's index fields, or None for Haystack's default."""
    if name == "text":
        return FastText(analyzer=StemmingAnalyzer(), phrase=True)
    if name == "spell":
        # Each document's distinct words, unstemmed: the vocabulary of "did you mean".
        # (Whoosh's own spelling=True indexes every word a second time, doubling index time.)
        return FastText(analyzer=StandardAnalyzer(stoplist=None, minsize=3), phrase=False)
    if name == "text_ru":
        return FastText(analyzer=LanguageAnalyzer("ru"), phrase=True)
    if name in ("title", "themes"):
        return FastText(analyzer=StemmingAnalyzer(), phrase=True)
    if name in ("authors", "source"):
        return FastText(analyzer=StandardAnalyzer(stoplist=None), phrase=True)
    if name in KEYWORD_FIELDS:
        return KEYWORD(commas=True, lowercase=False, scorable=False)
    if name in ("source_slug", "year_facet", "language"):
        return WHOOSH_ID(sortable=True)
    if name in ("year", "sort_newest", "sort_oldest"):
        return NUMERIC(numtype=int, bits=32, sortable=True, signed=True)
    if name == "version":
        # Stored: check_index compares it with the database to find stale documents.
        return WHOOSH_ID(stored=True)
    return None


def _bits(mask):
    """An int whose bit n is set for each n where the bool array mask is True."""
    return int.from_bytes(numpy.packbits(mask, bitorder="little").tobytes(), "little")


def _bitmap(docnums, size):
    """An int whose bit n is set for each document number n in docnums (all under size)."""
    mask = numpy.zeros(size, dtype=bool)
    mask[numpy.asarray(docnums, dtype=numpy.int64)] = True
    return _bits(mask)


def _allow_open_files(wanted=16384):
    """Raise this process's limit of open files towards wanted (as far as the hard limit allows).

    A segment is a dozen files, each kept open by the readers of the index; with tens of
    segments, a searcher and a writer's reader at once, the usual soft limit of 1,024 is near.
    """
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        if soft != resource.RLIM_INFINITY and soft < target:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):  # not allowed here: keep the limit there is
        pass


def _counted(masks, wanted):
    """[(value, documents of its mask in the bitmap wanted)], most frequent first, none at zero."""
    counts = ((value, (mask & wanted).bit_count()) for value, mask in masks.items())
    return sorted(((v, n) for v, n in counts if n), key=lambda kv: (-kv[1], kv[0]))


def _union(masks):
    found = 0
    for mask in masks:
        found |= mask
    return found


class ArchiveWhooshBackend(WhooshSearchBackend):
    _local = threading.local()
    # facet(name, exclude_own_filter=True) counts name's values without the narrow queries on name.
    facets_exclude_own_filter = True
    # How its writers write segments (segments' background merges write with them too).
    writer_options = WRITER

    def build_schema(self, fields):
        content_field_name, stock = super().build_schema(fields)
        schema_fields = {ID: WHOOSH_ID(stored=True, unique=True), DJANGO_CT: WHOOSH_ID(stored=True),
                         DJANGO_ID: WHOOSH_ID(stored=True)}
        for _, field_class in fields.items():
            name = field_class.index_fieldname
            schema_fields[name] = archive_field(name, field_class) or stock[name]
        return content_field_name, Schema(**schema_fields)

    def setup(self):
        super().setup()
        _allow_open_files()
        names = [n for n in FIELD_BOOSTS if n in self.schema.names()]
        parser = MultifieldParser(names, schema=self.schema, fieldboosts=FIELD_BOOSTS, group=AndGroup)
        self.parser = parser
        # Filters (facets, year ranges) name their field and never need stemming.
        self.filter_parser = QueryParser(None, schema=self.schema, plugins=[
            WhitespacePlugin(), FieldsPlugin(), PhrasePlugin(), GroupPlugin(), OperatorsPlugin(), RangePlugin()])

    # --- writing: one writer at a time, across every process ---------------

    @contextmanager
    def write_lock(self):
        """An exclusive lock on the index for the whole write, across processes."""
        # Beside the index, not in it: clearing the index deletes its directory.
        # Re-entrant within a thread: callers take it around reading the database and the
        # write itself (see indexing.update_articles), and the write takes it again.
        held = _write_locks.__dict__.setdefault("paths", set())
        key = self._lock_key()
        if key in held:  # taken further up this thread's stack, and released there
            yield
            return
        os.makedirs(os.path.dirname(key), exist_ok=True)
        with open(key + ".write-lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            held.add(key)
            try:
                yield
            finally:
                held.discard(key)
                fcntl.flock(handle, fcntl.LOCK_UN)

    def holds_write_lock(self):
        """Whether this thread holds the index's write lock."""
        return self._lock_key() in _write_locks.__dict__.get("paths", ())

    def _lock_key(self):
        return os.path.abspath(self.path)

    def prepare(self, index, obj):
        doc = index.full_prepare(obj)
        for key, value in list(doc.items()):
            if isinstance(value, (list, tuple, set)):
                sep = "," if key in KEYWORD_FIELDS else "\n"
                doc[key] = sep.join(force_str(v) for v in value)
            elif value is None:
                del doc[key]
            else:
                doc[key] = self._from_python(value) if not isinstance(value, int) else value
        doc.pop("boost", None)
        return doc

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        docs = []
        for obj in iterable:
            try:
                docs.append(self.prepare(index, obj))
            except SkipDocument:
                continue
        if not docs:
            return
        with self.write_lock():
            self.index = self.index.refresh()
            big = len(docs) > 500
            writer = self.index.writer(
                **WRITER, limitmb=256, procs=min(2, os.cpu_count() or 1) if big else 1, multisegment=big
            )
            try:
                for doc in docs:
                    writer.update_document(**doc)
            except Exception:
                writer.cancel()
                raise
            writer.commit(mergetype=segments.keep_small_tiers)
        self._merge_if_piled()

    def _merge_if_piled(self):
        """Start merging the small segments in the background once a tier of them has filled."""
        if segments.small_pile(self.index.refresh()._segments()):
            segments.merge_later(self)

    def update_batches(self, index, batches):
        """Index the objects of every batch with one writer and one commit, on both cores."""
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            self.index = self.index.refresh()
            # One writer for the whole job: per-batch commits rewrite (merge) the segments of
            # the batches before; sub-processes analyse while this one reads the database.
            procs = min(2, os.cpu_count() or 1)
            if building.supports(self.index.schema):
                writer = building.BulkMpWriter(self.index, procs=procs, **WRITER)
            else:
                writer = self.index.writer(**WRITER, procs=procs, multisegment=True)
            try:
                for batch in batches:
                    for obj in batch:
                        try:
                            writer.update_document(**self.prepare(index, obj))
                        except SkipDocument:
                            continue
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def remove(self, obj_or_string, commit=True):
        self.remove_many([obj_or_string])

    def remove_many(self, objs_or_strings):
        """Delete the documents of these objects (or identifiers) in one commit."""
        if not self.setup_complete:
            self.setup()
        identifiers = [get_identifier(o) for o in objs_or_strings]
        if not identifiers:
            return
        with self.write_lock():
            self.index = self.index.refresh()
            writer = self.index.writer(**WRITER)
            for identifier in identifiers:
                writer.delete_by_term(ID, identifier)
            writer.commit(mergetype=segments.keep_small_tiers)
        self._merge_if_piled()

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        if not self.holds_write_lock():  # (a merge waiting for a lock held here would never end)
            segments.wait_for_merges(self.path)
        with self.write_lock():
            super().clear(models=models, commit=commit)
        self._local.__dict__.pop(self.path, None)

    def segment_count(self):
        """How many segments the index has (each commit adds one; merges and optimize() remove them)."""
        if not self.setup_complete:
            self.setup()
        return len(self.index.refresh()._segments())

    def optimize(self):
        if not self.setup_complete:
            self.setup()
        with self.write_lock():
            self.index = self.index.refresh()
            self.index.writer(**WRITER).commit(optimize=True)

    # --- reading -----------------------------------------------------------

    def searcher(self):
        """This thread's searcher, refreshed if the index changed since it was opened."""
        if not self.setup_complete:
            self.setup()
        cached = self._local.__dict__.get(self.path)
        if cached is None:
            cached = self._open_searcher()
        elif not cached.up_to_date():
            # A new searcher, not cached.refresh(): Whoosh-Reloaded's refresh reuses segment readers
            # with their old deletions and brings back merged-away segments (deleted and replaced
            # documents would still be found), and fails on a searcher of an empty index.
            cached.close()
            cached = self._open_searcher()
        self._local.__dict__[self.path] = cached
        return cached

    def _open_searcher(self):
        index = self.index.refresh()
        in_index = getattr(index, "_segments", None)
        if in_index is not None:
            scoring.forget_segments({seg.segment_id() for seg in in_index()})
        return index.searcher(weighting=scoring.CachedLengthBM25F())

    def parse(self, query_string):
        return self.parser.parse(force_str(query_string))

    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, facets=None,
               narrow_queries=None, spelling_query=None, result_class=None, highlight=False,
               models=None, limit_to_registered_models=None, **kwargs):
        if not self.setup_complete:
            self.setup()
        query_string = force_str(query_string or "").strip()
        if not query_string:
            return {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        searcher = self.searcher()
        if query_string in ("*", "(*)", "*:*", "(*:*)"):
            parsed = wq.Every()
        else:
            parsed = self.parse(query_string)
        if parsed is None or parsed is wq.NullQuery:
            return {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        filters = [self.filter_parser.parse(force_str(nq)) for nq in (narrow_queries or ())]
        filters = [f for f in filters if f is not None and f is not wq.NullQuery]
        # Every match is needed for the total and the facets: the whole query is matched and
        # scored at once, on arrays (see vectors), and the page is the first of them allowed.
        found = vectors.evaluate(searcher, parsed)
        # Each filter's documents once: they narrow the matches and the facet counts alike.
        narrowed = [(self._fields_of(f), vectors.evaluate(searcher, f, scored=False).mask) for f in filters]
        allowed = self._intersect(found.mask, [mask for _, mask in narrowed])
        shown = vectors.Matched(allowed, found.scores)
        start = start_offset or 0
        stop = start + max(1, (end_offset or 20) - start)
        if sort_by:
            keys = [vectors.sort_keys(searcher, name.lstrip("-")) for name in sort_by]
            page = vectors.by_key(shown, keys, start, stop, reverse=sort_by[0].startswith("-"))
        else:
            page = vectors.top(shown, start, stop)
        result_class = result_class or SearchResult
        docs = []
        for docnum in page:
            fields = dict(searcher.stored_fields(docnum))
            app_label, model_name = fields.pop(DJANGO_CT).split(".")
            # The stored identifier travels along: update_index --remove reads it with values_list("pk", "id").
            docs.append(result_class(app_label, model_name, fields.pop(DJANGO_ID), float(found.scores[docnum]),
                                     **fields))
        facet_counts = {}
        if facets:
            # Every matching document (not only this page's), counted against per-searcher
            # bitmaps of each facet value: Whoosh's own grouping rebuilds its tables per query.
            facet_counts = {"fields": {}, "dates": {}, "queries": {}}
            for name, options in facets.items():
                counted = allowed
                if (options or {}).get("exclude_own_filter"):
                    # Counted without the filters on this field, so its other values stay selectable.
                    counted = self._intersect(found.mask, [m for fields, m in narrowed if name not in fields])
                facet_counts["fields"][name] = self.count_values(searcher, name, counted)
        hits = int(numpy.count_nonzero(allowed))
        spelling = None
        if self.include_spelling and spelling_query is not None:
            spelling = self.create_spelling_suggestion(spelling_query)
        return {"results": docs, "hits": hits, "facets": facet_counts, "spelling_suggestion": spelling}

    @staticmethod
    def _fields_of(query):
        """The field names a (filter) query constrains."""
        return {query.fieldname} if getattr(query, "fieldname", None) else {
            q.fieldname for q in query.leaves() if getattr(q, "fieldname", None)}

    @staticmethod
    def _intersect(mask, others):
        """The documents of mask (a bool array) that are in each of the masks others."""
        for other in others:
            mask = mask & other
        return mask

    def count_values(self, searcher, name, mask):
        """[(value, documents in mask)] of a facet field, most frequent first (mask: a bool array)."""
        masks = self.facet_masks(searcher, name)
        if not masks or not mask.any():
            return []
        return _counted(masks, _bits(mask))

    def facet_masks(self, searcher, name):
        """{value: bitmap of its documents} of a facet field, built once per searcher (per index version)."""
        tables = searcher.__dict__.setdefault("_archive_facets", {})
        if name not in tables:
            masks = {}
            reader = searcher.reader()
            if name in reader.indexed_field_names():
                size = searcher.doc_count_all()
                for term in reader.field_terms(name):
                    masks[term] = _bitmap(vectors.term_docs(searcher, name, term), size)
            tables[name] = masks
        return tables[name]

    def live_mask(self, searcher):
        """The bitmap of the searcher's documents that are not deleted, built once per searcher."""
        if "_archive_live" not in searcher.__dict__:
            searcher._archive_live = _bits(vectors.live_mask(searcher))
        return searcher._archive_live

    def browse_counts(self, selected, *, years=None):
        """Facet counts of a browse (no query): {facet field: [(value, count)]}, most frequent first.

        selected is {facet field: [values]}: values of a field are ORed, fields ANDed, and each
        field is counted with every selection but its own, so its other values stay selectable.
        years, a (first, last) pair of year_facet values, narrows every count. Counted on the
        per-searcher bitmaps of the facet values: no database query, no scan of the articles.
        """
        searcher, live, conditions = self._browse(selected, years)
        counts = {}
        for name in selected:
            within = live
            for other, mask in conditions.items():
                if other != name:
                    within &= mask
            counts[name] = _counted(self.facet_masks(searcher, name), within)
        return counts

    def browse_total(self, selected, *, years=None):
        """How many documents a browse of these selections (as for browse_counts) lists."""
        _searcher, within, conditions = self._browse(selected, years)
        for mask in conditions.values():
            within &= mask
        return within.bit_count()

    def _browse(self, selected, years):
        """(searcher, bitmap of live documents, {field: bitmap of its selected values}) of a browse."""
        if not self.setup_complete:
            self.setup()
        searcher = self.searcher()
        conditions = {}
        for name, values in selected.items():
            if values:
                masks = self.facet_masks(searcher, name)
                conditions[name] = _union(masks.get(v, 0) for v in values)
        if years is not None:
            first, last = years
            by_year = self.facet_masks(searcher, "year_facet")
            conditions[None] = _union(m for v, m in by_year.items() if v.isdigit() and first <= int(v) <= last)
        return searcher, self.live_mask(searcher), conditions

    def create_spelling_suggestion(self, query_string):
        """The query with each unknown word replaced by the closest indexed word, or None."""
        words = force_str(query_string).split()
        if not words:
            return None
        searcher = self.searcher()
        spelling_field = "spell"
        reader = searcher.reader()
        corrector = reader.corrector(spelling_field)
        suggested, changed = [], False
        for word in words:
            lowered = word.lower()
            # Short words, word beginnings, numbers and U.S. are not misspellings of longer words.
            if len(lowered) < 4 or not lowered.isalpha() or reader.frequency(spelling_field, lowered) > 0:
                suggested.append(lowered)
                continue
            options = corrector.suggest(lowered, limit=1, maxdist=2, prefix=1)
            if options:
                suggested.append(options[0])
                changed = True
            else:
                suggested.append(lowered)
        return " ".join(suggested) if changed else None

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0,
                       end_offset=None, models=None, limit_to_registered_models=None,
                       result_class=None, **kwargs):
        """Articles sharing most of this one's distinctive terms (from its text; see related)."""
        searcher = self.searcher()
        text = getattr(model_instance, "body_text", "") or ""
        # By the unstemmed words of the spelling field, in any language: a posting list of it
        # holds no positions, and reading it is three times quicker than one of the text's.
        field = "spell" if "spell" in searcher.schema.names() else (
            "text_ru" if getattr(model_instance, "language", "en") == "ru" else "text")
        if field not in searcher.schema.names():
            return {"results": [], "hits": 0}
        own = searcher.document_number(**{ID: get_identifier(model_instance)})
        start, end = start_offset or 0, end_offset or 5
        found = related.similar(searcher, field, text, exclude=own, limit=end)
        result_class = result_class or SearchResult
        docs = []
        for docnum, score in found[start:end]:
            fields = searcher.stored_fields(docnum)
            app_label, model_name = fields[DJANGO_CT].split(".")
            docs.append(result_class(app_label, model_name, fields[DJANGO_ID], score))
        # The number found is at most the page: counting every similar article would be a number no page shows.
        return {"results": docs, "hits": len(found)}

    def indexed_versions(self):
        """{django_id: version} of every document in the index ("" for documents without one)."""
        searcher = self.searcher()
        return {fields[DJANGO_ID]: fields.get("version", "") for fields in searcher.all_stored_fields()}


class ArchiveWhooshEngine(BaseEngine):
    backend = ArchiveWhooshBackend
    query = WhooshSearchQuery
