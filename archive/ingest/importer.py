"""The import pipeline: read → clean → extract → classify → store, file by file, then index."""

import csv
import datetime
import json
import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from archive.ingest import language
from archive.ingest import store as storing
from archive.ingest.classify import classify
from archive.ingest.extract import extract
from archive.ingest.read import Rejected, read_capture, supported
from archive.ingest.roles import analyse
from archive.ingest.store import Fingerprints, Outcome, simhash, store
from archive.models import Article, Capture, DatePrecision, Theme

log = logging.getLogger(__name__)

# Below this many files a batch is parsed in this process: starting workers costs more.
PARALLEL_FROM = 40


@dataclass
class FileReport:
    path: str
    status: str
    slug: str = ""
    detail: str = ""
    changed: list = field(default_factory=list)
    kept: list = field(default_factory=list)

    def line(self):
        parts = [f"{self.status:<9} {self.path}"]
        if self.slug:
            parts.append(f"→ {self.slug}")
        if self.detail:
            parts.append(f"({self.detail})")
        if self.changed and self.status == "updated":
            parts.append("changed: " + ", ".join(self.changed))
        if self.kept:
            parts.append("kept curator's: " + ", ".join(self.kept))
        return " ".join(parts)


@dataclass
class ImportReport:
    files: list = field(default_factory=list)

    def count(self, status):
        return sum(1 for f in self.files if f.status == status)

    @property
    def all_failed(self):
        return bool(self.files) and all(f.status == "rejected" for f in self.files)

    def summary(self):
        statuses = ("created", "updated", "unchanged", "duplicate", "rejected")
        return ", ".join(f"{self.count(s)} {s}" for s in statuses) + f" ({len(self.files)} files)"


def collect(paths):
    """The capture files named by paths (files, or folders searched recursively), sorted."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            found.append(path)
    return found


@dataclass
class Parsed:
    path: Path
    raw: object = None  # RawCapture
    meta: object = None  # Metadata; None for a capture already stored as it is
    error: str = ""


# What the workers need from the database, set before they fork: the (file, hash)
# pairs already stored and the themes' rules.
_STATE = {"known": frozenset(), "themes": ()}


def parse(path, *, max_bytes):
    """Read, clean, extract and classify one capture. Pure computation: it runs in worker processes."""
    known = _STATE["known"]
    try:
        raw = read_capture(path, max_bytes=max_bytes)
    except Rejected as exc:
        return Parsed(path, error=str(exc))
    except OSError as exc:
        return Parsed(path, error=f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a bug must not cost the rest of the batch
        return Parsed(path, error=f"internal error: {exc.__class__.__name__}: {exc}")
    if (raw.name, raw.content_hash) in known:
        return Parsed(path, raw)  # unchanged: no need to analyse it again
    try:
        meta = extract(analyse(raw.text), raw)
    except Exception as exc:
        return Parsed(path, raw, error=f"internal error: {exc.__class__.__name__}: {exc}")
    if not meta.body:
        return Parsed(path, raw, error="no article text found in the capture")
    text = "\n\n".join(b["text"] for b in meta.body)
    meta.fingerprint = simhash(text)
    title = meta.title.value if meta.title else meta.provisional_title
    language = meta.language.value if meta.language else "en"
    meta.theme_names = [t.name for t in classify(title, text, _STATE["themes"], language)]
    return Parsed(path, raw, meta)


def store_parsed(parsed, *, themes, fingerprints, manifest=None, resolver=None):
    """Store one parsed capture and report what happened to it."""
    path, raw = parsed.path, parsed.raw
    if parsed.error:
        return FileReport(str(path), "rejected", detail=parsed.error)
    meta = parsed.meta
    if meta is None:
        same = Capture.objects.filter(file_name=raw.name, content_hash=raw.content_hash).select_related("article")
        capture = same.first()
        if capture and (not capture.is_primary or capture.article.extractor_version == storing.EXTRACTOR_VERSION) \
                and raw.name not in (manifest or {}):
            return FileReport(str(path), "unchanged", capture.article.slug)
        meta = extract(analyse(raw.text), raw)
    outcome: Outcome = store(raw, meta, themes=themes, fingerprints=fingerprints, resolver=resolver)
    report = _report(path, outcome)
    entry = (manifest or {}).get(raw.name)
    if entry and outcome.status != "duplicate":
        changed, kept = apply_manifest(outcome.article, entry)
        report.kept = sorted(set(report.kept) | set(kept))
        if changed:
            report.changed = sorted(set(report.changed) | set(changed))
            if report.status == "unchanged":
                report.status = "updated"
            report.detail = (report.detail + "; " if report.detail else "") + "manifest applied"
    return report


def _report(path, outcome):
    return FileReport(str(path), outcome.status, outcome.article.slug, outcome.detail, outcome.changed, outcome.kept)


# Captures stored a batch at a time: the new articles among them are created together.
BATCH = 64


def store_all(parsed, *, themes, fingerprints, manifest=None, resolver=None):
    """FileReports of parsed captures, in their order, as store_parsed makes them one by one."""
    resolver = resolver or storing.Resolver()
    batch = []
    for item in parsed:
        batch.append(item)
        if len(batch) == BATCH:
            yield from _store_batch(batch, themes, fingerprints, manifest or {}, resolver)
            batch = []
    if batch:
        yield from _store_batch(batch, themes, fingerprints, manifest or {}, resolver)


def _store_batch(batch, themes, fingerprints, manifest, resolver):
    """Reports of a batch: the captures that are plainly new articles are created together (in
    runs between the others, which are stored one by one in their place)."""
    def fresh(item):
        return not item.error and item.meta is not None and item.raw.name not in manifest

    def known_of(items):
        # (Without ids back from a multi-row insert, as on MySQL, every capture is stored on its own.)
        if not connection.features.can_return_rows_from_bulk_insert:
            return None
        try:
            return storing.Known.of([(p.raw, p.meta) for p in items if fresh(p)], fingerprints)
        except Exception:  # then the batch is stored one by one
            log.exception("looking up a batch of captures failed")
            return None

    def joins(item):
        try:
            return fresh(item) and storing.is_new(item.raw, item.meta, known)
        except Exception:
            log.exception("checking %s against the stored articles failed", item.path)
            return False

    # run: the new articles waiting to be created together. A capture that may be a copy of one
    # of them is not new against known, which counts them: it waits until they are stored.
    known, run, reports = known_of(batch), [], [None] * len(batch)
    for i, item in enumerate(batch):
        if item.error:  # (nothing stored: it need not wait for the run)
            reports[i] = _store_one(item, themes, fingerprints, manifest, resolver)
            continue
        if known is not None and joins(item):
            known.add(item.raw, item.meta)
            run.append((i, item))
            continue
        stale = _create(run, reports, themes, fingerprints, manifest, resolver)
        reports[i] = _store_one(item, themes, fingerprints, manifest, resolver)
        if stale or reports[i].status != "unchanged":  # what is stored may have changed
            known = known_of(batch[i + 1:])
    _create(run, reports, themes, fingerprints, manifest, resolver)
    return reports


def _create(run, reports, themes, fingerprints, manifest, resolver):
    """Create the run's articles and empty it. Should that fail, they are stored one by one, and
    what a batch knows of the stored articles is out of date: then True."""
    if not run:
        return False
    try:  # (create_articles commits last, or raises having stored nothing)
        outcomes = storing.create_articles([(p.raw, p.meta) for _, p in run], themes=themes,
                                           fingerprints=fingerprints, resolver=resolver)
    except Exception:
        log.exception("creating %d articles together failed: storing them one by one", len(run))
        resolver.forget()
        outcomes = None
    for n, (i, item) in enumerate(run):
        reports[i] = (_store_one(item, themes, fingerprints, manifest, resolver) if outcomes is None
                      else _report(item.path, outcomes[n]))
    run.clear()
    return outcomes is None


def _store_one(item, themes, fingerprints, manifest, resolver):
    try:
        return store_parsed(item, themes=themes, fingerprints=fingerprints, manifest=manifest, resolver=resolver)
    except Exception as exc:  # a bug must not cost the rest of the batch
        log.exception("import of %s failed", item.path)
        resolver.forget()
        return FileReport(str(item.path), "rejected", detail=f"internal error: {exc.__class__.__name__}: {exc}")


def _parsed(files, workers):
    """Parsed captures in the order of files; with workers > 1, parsed in worker processes."""
    work = partial(parse, max_bytes=settings.IMPORT_MAX_BYTES)
    if workers <= 1 or len(files) < PARALLEL_FROM:
        yield from map(work, files)
        return
    # Fork: the workers inherit the loaded code and data and never touch the database.
    language.load()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(work, files, chunksize=8)


def import_paths(paths, *, manifest=None, progress=None, index=True, workers=None):
    """Import every capture under paths; returns an ImportReport. One bad file never stops the batch."""
    files = collect(paths)
    report = ImportReport()
    themes = list(Theme.objects.all())
    fingerprints = Fingerprints()
    _STATE["known"] = frozenset(Capture.objects.values_list("file_name", "content_hash"))
    _STATE["themes"] = themes
    candidates = [p for p in files if supported(p)]
    for path in files:
        if not supported(path):
            report.files.append(FileReport(str(path), "rejected", detail=_unsupported(path)))
    touched = []
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    parsed = _progress(_parsed(candidates, workers), progress, len(candidates))
    for result in store_all(parsed, themes=themes, fingerprints=fingerprints, manifest=manifest):
        report.files.append(result)
        if result.status in ("created", "updated", "duplicate"):
            touched.append(result.slug)
    if index and touched:
        from archive.search.indexing import update_articles

        ids = list(Article.objects.filter(slug__in=touched).values_list("pk", flat=True))
        update_articles(ids, progress=progress)
    return report


def preview(paths):
    """What importing paths would extract from each capture, storing nothing: Parsed items, in order.

    Every capture is analysed, even one already stored unchanged; duplicates are not looked for.
    """
    _STATE["known"] = frozenset()
    _STATE["themes"] = list(Theme.objects.all())
    for path in collect(paths):
        if not supported(path):
            yield Parsed(path, error=_unsupported(path))
        else:
            yield parse(path, max_bytes=settings.IMPORT_MAX_BYTES)


def _unsupported(path):
    return f"unsupported file type {path.suffix or '(none)'}"


def describe(parsed):
    """Lines showing a parsed capture as a curator would check it: each field, how it was found, the text."""
    if parsed.error:
        return [f"rejected  {parsed.path} ({parsed.error})"]
    meta = parsed.meta
    missing = "— (the capture does not say)"

    def how(found):
        return f"   [{found.method}, confidence {found.confidence:.2f}]"

    lines = [f"parsed    {parsed.path}"]
    if meta.title:
        lines.append(f"  title     {meta.title.value}{how(meta.title)}")
    else:
        lines.append(f"  title     — (provisional: {meta.provisional_title})")
    if meta.authors:
        names = "; ".join(a.name + (f" ({a.affiliation})" if a.affiliation else "") for a in meta.authors)
        lines.append(f"  authors   {names}{how(meta.authors_found())}")
    else:
        lines.append(f"  authors   {missing}")
    if meta.date:
        day, precision, kind = meta.date.value
        shown = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}.get(precision, day.isoformat())
        lines.append(f"  date      {shown} ({kind}){how(meta.date)}")
    else:
        lines.append(f"  date      {missing}")
    lines.append(f"  source    {meta.source.value['name']}{how(meta.source)}" if meta.source
                 else f"  source    {missing}")
    for label, found in (("genre", meta.genre), ("url", meta.url), ("language", meta.language)):
        if found:
            lines.append(f"  {label:<9} {found.value}")
    lines.append(f"  themes    {', '.join(meta.theme_names or []) or '—'}")
    words = sum(len(b["text"].split()) for b in meta.body)
    first = meta.body[0]["text"]
    lines.append(f"  text      {len(meta.body)} blocks, {words} words: {first[:70]}{'…' if len(first) > 70 else ''}")
    lines.extend(f"  review    {reason}" for reason in meta.reasons)
    return lines


def _progress(items, progress, total):
    """items, with a progress bar (rate and ETA) on a terminal."""
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress or total < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc="import", unit="file", dynamic_ncols=True)


# --- manifests -----------------------------------------------------------


def load_manifest(path):
    """{capture file name: metadata} from an export_metadata JSON or CSV file."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
        for row in rows:
            for key in ("authors", "themes", "review_reasons", "captures"):
                if key in row:
                    row[key] = [v.strip() for v in row[key].split(";") if v.strip()]
            if "needs_review" in row:
                row["needs_review"] = row["needs_review"].strip().lower() in ("true", "1", "yes")
    else:
        rows = json.loads(text)
        if isinstance(rows, dict):
            rows = rows.get("articles", [])
    manifest = {}
    for row in rows:
        names = [row.get("file")] + list(row.get("captures") or [])
        for name in filter(None, names):
            manifest[name] = row
    return manifest


def apply_manifest(article, entry):
    """Set the fields a manifest entry gives; they count as a person's values. Returns (changed
    fields, kept fields): a field a curator edited after the manifest was exported (its
    exported_at) keeps the curator's value."""
    from archive.ingest.store import resolve_author, resolve_source
    from archive.models import Authorship, Theme

    changed, kept = [], []
    exported_at = entry.get("exported_at")

    def differs(name, new, current):
        """True when the manifest changes the field and may: else it notes a curator's later edit."""
        if new == current:
            return False
        if _edited_since(article, name, exported_at):
            kept.append(name)
            return False
        changed.append(name)
        return True

    with transaction.atomic():
        for name in ("title", "genre", "url", "language"):
            if name in entry and differs(name, entry[name] or "", getattr(article, name)):
                setattr(article, name, entry[name] or "")
        if "date" in entry:
            value = datetime.date.fromisoformat(entry["date"]) if entry.get("date") else None
            precision = entry.get("date_precision") or (DatePrecision.DAY if value else DatePrecision.UNKNOWN)
            dated = (value, precision, entry.get("date_kind") or article.date_kind)
            if differs("date", dated, (article.date, article.date_precision, article.date_kind)):
                article.date, article.date_precision, article.date_kind = dated
        if "source" in entry:
            source = resolve_source({"name": entry["source"]}) if entry.get("source") else None
            if differs("source", source and source.pk, article.source_id):
                article.source = source
        if isinstance(entry.get("body"), list) and entry["body"] and differs("body", entry["body"], article.body):
            article.body = entry["body"]
        if "needs_review" in entry:
            article.needs_review = bool(entry["needs_review"])
            article.review_reasons = list(entry.get("review_reasons") or [])
        article.save()
        if "authors" in entry:
            names = list(entry["authors"] or [])
            if differs("authors", names, [a.name for a in article.ordered_authors]):
                article.authorships.all().delete()
                for i, name in enumerate(names):
                    Authorship.objects.create(article=article, author=resolve_author(name)[0], position=i)
        if "themes" in entry:
            themes = [Theme.objects.get_or_create(name=n)[0] for n in entry["themes"] or []]
            if differs("themes", {t.pk for t in themes}, set(article.themes.values_list("pk", flat=True))):
                article.themes.set(themes)
        for name in changed:
            article.mark_curated(name)
            article.provenance[name]["method"] = "manifest"
        article.save(update_fields=["provenance"])
    return changed, kept


def _edited_since(article, name, exported_at):
    """True when a curator set the article's field after exported_at (an ISO time, or empty: never)."""
    entry = article.provenance.get(name) or {}
    if not (exported_at and entry.get("curated") and entry.get("curated_at")):
        return False
    try:
        return datetime.datetime.fromisoformat(entry["curated_at"]) > datetime.datetime.fromisoformat(exported_at)
    except (TypeError, ValueError):
        return False
