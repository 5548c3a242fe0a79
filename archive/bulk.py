"""Changes to many articles at once, each reported in a sentence; a curator's choice is marked curated."""

from archive.ingest.refresh import reextract
from archive.models import Theme
from archive.search.indexing import update_articles


def _plural(n, word="article"):
    return f"{n} {word}{'' if n == 1 else 's'}"


def _apply(articles, skip, change, reason):
    """change(article) → fields saved, for every article but those skip(article); (changed, skipped)."""
    changed, skipped = [], 0
    for article in articles:
        if skip(article):
            skipped += 1
            continue
        fields = change(article)
        article._change_reason = reason
        article.save(update_fields=[*fields, "updated"])
        changed.append(article.pk)
    update_articles(changed)
    return len(changed), skipped


def _with_theme(articles, theme):
    """The pks of articles tagged with theme, in one query."""
    through = Theme.articles.through.objects.filter(theme=theme, article__in=[a.pk for a in articles])
    return set(through.values_list("article_id", flat=True))


def _note(n, text):
    return f" ({n} {text})" if n else ""


def add_theme(articles, theme, user=None):
    """Tag every article with theme; returns the report."""
    articles = list(articles)
    tagged = _with_theme(articles, theme)

    def change(article):
        article.themes.add(theme)
        article.mark_curated("themes", user)
        return ["provenance"]

    n, already = _apply(articles, lambda a: a.pk in tagged, change, f"theme {theme.name} added")
    return f"Added theme “{theme.name}” to {_plural(n)}{_note(already, 'already had it')}."


def remove_theme(articles, theme, user=None):
    """Untag every article from theme; returns the report."""
    articles = list(articles)
    tagged = _with_theme(articles, theme)

    def change(article):
        article.themes.remove(theme)
        article.mark_curated("themes", user)
        return ["provenance"]

    n, without = _apply(articles, lambda a: a.pk not in tagged, change, f"theme {theme.name} removed")
    return f"Removed theme “{theme.name}” from {_plural(n)}{_note(without, 'did not have it')}."


def set_source(articles, source, user=None):
    """Set every article's source; returns the report."""
    def change(article):
        article.source = source
        article.mark_curated("source", user)
        return ["source", "provenance"]

    n, already = _apply(articles, lambda a: a.source_id == source.pk, change, f"source set to {source.name}")
    return f"Set the source of {_plural(n)} to “{source.name}”{_note(already, 'already had it')}."


def mark_reviewed(articles, user=None):
    """Take every article off the review queue; returns the report."""
    def change(article):
        article.mark_reviewed()
        return ["needs_review", "review_reasons", "reviewed_at"]

    reason = f"reviewed by {getattr(user, 'username', '') or 'a curator'}"
    n, not_waiting = _apply(articles, lambda a: not a.needs_review, change, reason)
    return f"Marked {_plural(n)} reviewed{_note(not_waiting, 'did not need review')}."


def rerun_extraction(articles, user=None):
    """Re-extract every article's untouched fields from its primary capture; returns the report."""
    themes = list(Theme.objects.all())
    touched, fields, kept, unchanged, no_capture = [], set(), set(), 0, 0
    for article in articles:
        article._change_reason = "extraction re-run"
        outcome = reextract(article, themes=themes)
        if outcome is None:
            no_capture += 1
            continue
        changed, kept_here = outcome
        kept.update(kept_here)
        touched.append(article.pk)
        if changed:
            fields.update(changed)
        else:
            unchanged += 1
    update_articles(touched)
    parts = [f"Re-ran extraction on {_plural(len(touched))}: {_plural(len(touched) - unchanged)} changed"]
    if fields:
        parts[0] += f" ({', '.join(sorted(fields))})"
    parts.append(f"{unchanged} unchanged")
    if kept:
        parts.append(f"curated fields kept: {', '.join(sorted(kept))}")
    if no_capture:
        parts.append(f"{_plural(no_capture)} without a readable capture skipped")
    return "; ".join(parts) + "."
