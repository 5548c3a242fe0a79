"""Changes to many articles at once, each reported in a sentence; a curator's choice is marked curated."""

from archive.ingest.refresh import reextract
from archive.models import Theme
from archive.search.indexing import update_articles


def _plural(n, word="article"):
    return f"{n} {word}{'' if n == 1 else 's'}"


def _save(article, fields, reason):
    article._change_reason = reason
    article.save(update_fields=[*fields, "updated"])


def add_theme(articles, theme, user=None):
    """Tag every article with theme; returns the report."""
    changed, already = [], 0
    for article in articles:
        if article.themes.filter(pk=theme.pk).exists():
            already += 1
            continue
        article.themes.add(theme)
        article.mark_curated("themes", user)
        _save(article, ["provenance"], f"theme {theme.name} added")
        changed.append(article.pk)
    update_articles(changed)
    note = f" ({already} already had it)" if already else ""
    return f"Added theme “{theme.name}” to {_plural(len(changed))}{note}."


def remove_theme(articles, theme, user=None):
    """Untag every article from theme; returns the report."""
    changed, without = [], 0
    for article in articles:
        if not article.themes.filter(pk=theme.pk).exists():
            without += 1
            continue
        article.themes.remove(theme)
        article.mark_curated("themes", user)
        _save(article, ["provenance"], f"theme {theme.name} removed")
        changed.append(article.pk)
    update_articles(changed)
    note = f" ({without} did not have it)" if without else ""
    return f"Removed theme “{theme.name}” from {_plural(len(changed))}{note}."


def set_source(articles, source, user=None):
    """Set every article's source; returns the report."""
    changed, already = [], 0
    for article in articles:
        if article.source_id == source.pk:
            already += 1
            continue
        article.source = source
        article.mark_curated("source", user)
        _save(article, ["source", "provenance"], f"source set to {source.name}")
        changed.append(article.pk)
    update_articles(changed)
    note = f" ({already} already had it)" if already else ""
    return f"Set the source of {_plural(len(changed))} to “{source.name}”{note}."


def mark_reviewed(articles, user=None):
    """Take every article off the review queue; returns the report."""
    changed, not_waiting = [], 0
    for article in articles:
        if not article.needs_review:
            not_waiting += 1
            continue
        article.mark_reviewed()
        _save(article, ["needs_review", "review_reasons", "reviewed_at"],
              f"reviewed by {getattr(user, 'username', '') or 'a curator'}")
        changed.append(article.pk)
    update_articles(changed)
    note = f" ({not_waiting} did not need review)" if not_waiting else ""
    return f"Marked {_plural(len(changed))} reviewed{note}."


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
