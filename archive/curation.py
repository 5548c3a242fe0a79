"""Curators' edits: validation, sanitising, and the provenance of the fields they set."""

import datetime

import bleach
from django import forms
from django.utils.html import format_html, format_html_join

from archive.models import TRACKED_FIELDS, Article

# Body text is plain text with no markup at all; bleach strips whatever is pasted in.
ALLOWED_TAGS = []

FORM_FIELDS = {
    "title": ["title"],
    "genre": ["genre"],
    "date": ["date", "date_precision", "date_kind"],
    "source": ["source"],
    "url": ["url"],
    "language": ["language"],
    "themes": ["themes"],
    "body": ["body"],
}


def sanitise(text):
    """Plain text from whatever a curator typed or pasted: no tags, no scripts."""
    cleaned = bleach.clean(text or "", tags=ALLOWED_TAGS, attributes={}, strip=True, strip_comments=True)
    # bleach escapes &, < and > for HTML; the body is stored as text and escaped on output.
    return cleaned.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").strip()


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "provisional_title", "slug", "genre", "language", "date", "date_precision",
                  "date_kind", "source", "url", "themes", "needs_review", "review_reasons", "reviewed_at", "body"]

    def clean_title(self):
        title = sanitise(self.cleaned_data.get("title"))
        if not title:
            raise forms.ValidationError("An article needs a title. The provisional title can be copied here.")
        return title

    def clean_date(self):
        value = self.cleaned_data.get("date")
        if value and value > datetime.date.today():
            raise forms.ValidationError("The date is in the future.")
        return value

    def clean_body(self):
        body = self.cleaned_data.get("body") or []
        if not isinstance(body, list):
            raise forms.ValidationError('The body is a list of blocks: [{"type": "paragraph", "text": "…"}].')
        blocks = []
        for block in body:
            if not isinstance(block, dict) or block.get("type") not in ("paragraph", "heading"):
                raise forms.ValidationError('Each block needs "type": "paragraph" or "heading", and "text".')
            text = sanitise(str(block.get("text", "")))
            if text:
                blocks.append({"type": block["type"], "text": text})
        return blocks

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("date_precision") == "unknown":
            data["date_precision"] = "day"
        if not data.get("date"):
            data["date_precision"] = "unknown"
        return data


def save_curated_article(article, form, user):
    """Save a curator's edit; every field they changed is marked curated (locked against re-import)."""
    for field, form_fields in FORM_FIELDS.items():
        if any(name in form.changed_data for name in form_fields):
            article.mark_curated(field, user)
    if "needs_review" in form.changed_data and not article.needs_review:
        article.mark_reviewed()
    article.save()


def provenance_html(article):
    """A table of how each field was found, or who set it and when."""
    rows = []
    for field in TRACKED_FIELDS:
        entry = article.provenance.get(field)
        if not entry:
            rows.append((field, "not found in the capture", "", ""))
            continue
        if entry.get("curated"):
            how = f"set by {entry.get('curated_by') or 'a curator'} on {entry.get('curated_at', '')[:10]}"
        else:
            how = entry.get("method", "")
        confidence = entry.get("confidence")
        rows.append((field, how, "" if confidence is None else f"{confidence:.2f}", entry.get("evidence", "")))
    body = format_html_join(
        "", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td><code>{}</code></td></tr>", rows
    )
    return format_html(
        "<table><thead><tr><th>Field</th><th>How</th><th>Confidence</th><th>Evidence</th></tr></thead>"
        "<tbody>{}</tbody></table>",
        body,
    )
