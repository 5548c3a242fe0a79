"""Compare the search index with the database, and repair the difference."""

from collections import defaultdict
from dataclasses import dataclass, field

from archive.models import Article, Authorship
from archive.search.indexing import backend, remove_articles, update_articles
from archive.search.segments import MAX_SEGMENTS
from archive.search.version import version


@dataclass
class IndexReport:
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    orphans: list = field(default_factory=list)
    fixed: bool = False
    optimized: bool = False

    @property
    def problems(self):
        return len(self.missing) + len(self.stale) + len(self.orphans)

    def summary(self):
        state = "repaired" if self.fixed and self.problems else ("in step" if not self.problems else "out of step")
        return (f"index {state}: {len(self.missing)} missing, {len(self.stale)} stale, "
                f"{len(self.orphans)} orphaned" + ("; segments merged" if self.optimized else ""))

    def details(self):
        return ([f"missing: article {pk}" for pk in self.missing[:20]]
                + [f"stale: article {pk}" for pk in self.stale[:20]]
                + [f"orphan: document for deleted article {pk}" for pk in self.orphans[:20]])


def database_versions():
    """{article pk: version} computed from the database in three queries, as the index computes it."""
    authors, themes = defaultdict(list), defaultdict(list)
    rows = Authorship.objects.order_by("article_id", "position").values_list("article_id", "author__slug", "author__name")
    for pk, slug, name in rows.iterator(chunk_size=5000):
        authors[pk].append((slug, name))
    rows = Article.themes.through.objects.values_list("article_id", "theme__slug", "theme__name")
    for pk, slug, name in rows.iterator(chunk_size=5000):
        themes[pk].append((slug, name))
    rows = Article.objects.order_by("pk").values_list("pk", "updated", "source__slug", "source__name")
    return {
        pk: version(updated, (slug, name) if slug else None, authors[pk], themes[pk])
        for pk, updated, slug, name in rows.iterator(chunk_size=5000)
    }


def check_index(*, fix=False):
    """An IndexReport; with fix, missing and stale articles are re-indexed and orphans dropped."""
    indexed = backend().indexed_versions()
    report = IndexReport()
    for pk, current in database_versions().items():
        stamp = indexed.pop(str(pk), None)
        if stamp is None:
            report.missing.append(pk)
        elif stamp != current:
            report.stale.append(pk)
    report.orphans = sorted(int(pk) for pk in indexed)
    if fix and report.problems:
        update_articles(report.missing + report.stale)
        remove_articles(report.orphans)
        report.fixed = True
    engine = backend()
    if fix and hasattr(engine, "segment_count") and engine.segment_count() > MAX_SEGMENTS:
        # Edits leave small segments that only optimize() merges (see archive.search.segments).
        engine.optimize()
        report.optimized = True
    return report
