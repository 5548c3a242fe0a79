"""Template tags of the curators' admin."""

from django import template

from archive.models import Article

register = template.Library()


@register.simple_tag
def review_queue_count():
    """How many articles are waiting for a curator's review."""
    return Article.objects.filter(needs_review=True).count()
