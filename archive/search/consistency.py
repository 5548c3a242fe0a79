"""Compare the search index with the database, and repair the difference."""

from dataclasses import dataclass, field

from archive.models import Article
from archive.search.indexing import backend, remove_articles, update_articles


@dataclass
class IndexReport:
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    orphans: list = field(default_factory=list)
    fixed: bool = False

    @property
    def problems(self):
        return len(self.missing) + len(self.stale) + len(self.orphans)

    def summary(self):
        state = "repaired" if self.fixed and self.problems else ("in step" if not self.problems else "out of step")
        return (f"index {state}: {len(self.missing)} missing, {len(self.stale)} stale, "
                f"{len(self.orphans)} orphaned")

    def details(self):
        return ([f"missing: article {pk}" for pk in self.missing[:20]]
                + [f"stale: article {pk}" for pk in self.stale[:20]]
                + [f"orphan: document for deleted article {pk}" for pk in self.orphans[:20]])


def check_index(*, fix=False):
    """An IndexReport; with fix, missing and stale articles are re-indexed and orphans dropped."""
    indexed = backend().indexed_versions()
    report = IndexReport()
    for pk, updated in Article.objects.values_list("pk", "updated").iterator():
        stamp = indexed.pop(str(pk), None)
        if stamp is None:
            report.missing.append(pk)
        elif stamp < int(updated.timestamp()):
            report.stale.append(pk)
    report.orphans = sorted(int(pk) for pk in indexed)
    if fix and report.problems:
        update_articles(report.missing + report.stale)
        remove_articles(report.orphans)
        report.fixed = True
    return report
