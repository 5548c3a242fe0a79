"""Merging duplicate authors and sources into one record that keeps everything the others had."""

from dataclasses import dataclass, field

from django.db import transaction

from archive.models import Article, Authorship
from archive.search.indexing import update_articles


@dataclass
class MergeResult:
    kept: object
    merged: list = field(default_factory=list)  # names of the records merged away
    articles: int = 0  # articles now under the kept record
    moved: int = 0  # articles moved from the merged records

    def message(self, kind):
        if not self.merged:
            return f"Nothing to merge: only {self.kept} was selected."
        names = ", ".join(f"“{n}”" for n in self.merged)
        return (f"Merged {names} into the {kind} “{self.kept}”: {self.moved} article(s) moved, "
                f"{self.articles} in all; the other spellings are now aliases that imports resolve here.")


def _add_aliases(record, names):
    """Add names to record.aliases, once each (ignoring case) and never its own name."""
    seen = {record.name.lower(), *(a.lower() for a in record.aliases)}
    for name in names:
        if name and name.lower() not in seen:
            record.aliases.append(name)
            seen.add(name.lower())


def _renumber(article_id):
    for position, authorship in enumerate(Authorship.objects.filter(article_id=article_id).order_by("position", "pk")):
        if authorship.position != position:
            authorship.position = position
            authorship.save(update_fields=["position"])


def _move_authorships(other, keep):
    """Move other's bylines to keep; where an article names both, keep one byline at the earlier place."""
    moved = 0
    for authorship in list(other.authorships.all()):
        existing = Authorship.objects.filter(article_id=authorship.article_id, author=keep).first()
        if existing is None:
            authorship.author = keep
            authorship.save(update_fields=["author"])
        else:
            existing.position = min(existing.position, authorship.position)
            existing.bio = existing.bio or authorship.bio
            existing.save(update_fields=["position", "bio"])
            authorship.delete()
            _renumber(authorship.article_id)
        moved += 1
    return moved


def _merge_author_details(keep, other):
    """Fill keep's empty details from other; keep other's differing bio and identifiers too."""
    for name in ("bio", "affiliation", "orcid"):
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
            if name in other.provenance:
                keep.provenance[name] = other.provenance[name]
    if other.bio and other.bio not in keep.bio:
        keep.bio = f"{keep.bio}\n\n{other.bio}"
    if other.orcid and other.orcid != keep.orcid:
        keep.identifiers.setdefault(f"ORCID ({other.name})", other.orcid)
    for label, value in other.identifiers.items():
        if label not in keep.identifiers:
            keep.identifiers[label] = value
        elif keep.identifiers[label] != value:
            keep.identifiers.setdefault(f"{label} ({other.name})", value)


def _merge(keep, others, *, affected, absorb, count):
    """Merge others into keep: absorb(other) moves other's articles (returns how many), then other's names
    become keep's aliases and other is deleted; affected(records) gives the article pks to reindex."""
    others = [o for o in others if o.pk != keep.pk]
    result = MergeResult(keep, [o.name for o in others])
    if not others:
        return result
    with transaction.atomic():
        ids = set(affected([keep, *others]))
        for other in others:
            result.moved += absorb(other)
            _add_aliases(keep, [other.name, *other.aliases])
            other._change_reason = f"merged into {keep.name} (#{keep.pk})"
            other.delete()
        keep._change_reason = "merged " + ", ".join(result.merged)
        keep.save()
    result.articles = count()
    update_articles(ids)
    return result


def merge_authors(keep, others):
    """Merge the authors others into keep: bylines, bio, identifiers, and their names as aliases."""
    def absorb(other):
        moved = _move_authorships(other, keep)
        _merge_author_details(keep, other)
        return moved

    return _merge(
        keep, others, absorb=absorb, count=keep.authorships.count,
        affected=lambda records: Authorship.objects.filter(author__in=records).values_list("article_id", flat=True),
    )


def merge_sources(keep, others):
    """Merge the sources others into keep: their articles, homepage if keep has none, names as aliases."""
    def absorb(other):
        moved = 0
        for article in Article.objects.filter(source=other):
            article.source = keep
            article._change_reason = f"source {other.name} merged into {keep.name}"
            article.save(update_fields=["source", "updated"])
            moved += 1
        keep.homepage = keep.homepage or other.homepage
        return moved

    return _merge(
        keep, others, absorb=absorb, count=keep.articles.count,
        affected=lambda records: Article.objects.filter(source__in=records).values_list("pk", flat=True),
    )
