"""Small factories for records the tests need, with sensible defaults."""

import datetime
import itertools

from archive.models import Article, Author, Authorship, Capture, Source, Theme

_n = itertools.count(1)


def make_source(name=None, **kwargs):
    return Source.objects.create(name=name or f"Source {next(_n)}", **kwargs)


def make_author(name=None, **kwargs):
    return Author.objects.create(name=name or f"Author Number{next(_n)}", **kwargs)


def make_article(title=None, *, authors=(), themes=(), body=None, date=datetime.date(2020, 5, 1),
                 index=True, **kwargs):
    """An article with a primary capture; indexed unless index=False."""
    n = next(_n)
    title = title if title is not None else f"Article number {n} on diplomacy"
    body = body or [{"type": "paragraph", "text": f"Paragraph about diplomacy and sanctions, number {n}."}]
    kwargs.setdefault("date_precision", "day" if date else "unknown")
    article = Article.objects.create(
        title=title, body=body, date=date, capture_file=kwargs.pop("capture_file", f"capture_{n}.txt"),
        content_hash=f"{n:064d}", **kwargs
    )
    for position, author in enumerate(authors):
        Authorship.objects.create(article=article, author=author, position=position)
    if themes:
        article.themes.set(themes)
    Capture.objects.create(article=article, file_name=article.capture_file, content_hash=article.content_hash,
                           format="text", raw_text=" ".join(b["text"] for b in body))
    if index:
        article.reindex()
    return article


def theme(name):
    return Theme.objects.get(name=name)
