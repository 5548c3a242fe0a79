"""Curators' edits: validation, sanitising, and the provenance of the fields they set."""

import datetime
import json
import re

import bleach
from django import forms
from django.forms.fields import InvalidJSONInput
from django.utils.html import format_html, format_html_join

from archive.ingest.refresh import reextract
from archive.ingest.store import reason_field
from archive.models import TRACKED_FIELDS, Article, Author, Authorship, Source, Theme

# Body text is plain text with no markup at all; bleach strips whatever is pasted in.
ALLOWED_TAGS = []
# A date before this is taken for a typo ("0201-03-05" for "2021-03-05").
EARLIEST_YEAR = 1000

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


_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)


def sanitise(text):
    """Plain text from whatever a curator typed or pasted: no tags, no scripts."""
    text = _SCRIPT.sub("", text or "")  # a script's or style's text is not the curator's words
    cleaned = bleach.clean(text, tags=ALLOWED_TAGS, attributes={}, strip=True, strip_comments=True)
    # bleach escapes &, < and > for HTML; the body is stored as text and escaped on output.
    return cleaned.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").strip()


def how_found(article, field):
    """One line on how field got its value: the importer's method, evidence and confidence, or the curator."""
    entry = article.provenance.get(field) if article.pk else None
    if not entry:
        return "Not found in the capture." if article.pk else ""
    if entry.get("curated"):
        when = entry.get("curated_at", "").replace("T", " ")[:16]
        who = entry.get("curated_by") or "a curator"
        return f"Set by {who} on {when}; locked against re-import." if when else f"Set by {who}; locked."
    line = f"Found by {entry.get('method') or 'the importer'}"
    if entry.get("confidence") is not None:
        line += f", confidence {entry['confidence']:.2f}"
    if entry.get("evidence"):
        line += f": “{entry['evidence'][:200]}”"
    return line + "."


BLOCK_TYPES = ("paragraph", "heading", "item")


class BlocksField(forms.JSONField):
    """The body's blocks as indented JSON: a few lines a block are easier to edit than one long line."""

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=1, cls=self.encoder)


class ArticleAdminForm(forms.ModelForm):
    body = BlocksField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField body-blocks"}),
        help_text='Blocks in order: {"type": "paragraph", "heading" or "item", "text": "…"}; consecutive items are '
                  'a list. Markup is removed.',
    )
    unlock = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Unlock curated fields",
        help_text="Unlocked fields take the importer's value again, from the primary capture, when you save.",
    )

    class Meta:
        model = Article
        fields = ["title", "provisional_title", "slug", "genre", "language", "date", "date_precision",
                  "date_kind", "source", "url", "themes", "needs_review", "review_reasons", "reviewed_at", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.instance
        self.fields["unlock"].choices = [(f, f) for f in TRACKED_FIELDS if article.pk and article.is_curated(f)]
        for field, names in FORM_FIELDS.items():
            line = how_found(article, field)
            if line and names[0] in self.fields:
                # The admin renders help text as HTML: escape the capture's evidence.
                usage = self.fields[names[0]].help_text
                self.fields[names[0]].help_text = format_html("{}<br>{}", line, usage) if usage else format_html(
                    "{}", line)

    def clean_title(self):
        return sanitise(self.cleaned_data.get("title"))

    def clean_provisional_title(self):
        return sanitise(self.cleaned_data.get("provisional_title"))

    def clean_date(self):
        value = self.cleaned_data.get("date")
        if value and value > datetime.date.today():
            raise forms.ValidationError("The date is in the future.")
        if value and value.year < EARLIEST_YEAR:
            raise forms.ValidationError(f"The year {value.year} is before {EARLIEST_YEAR}: is a digit missing?")
        return value

    def clean_body(self):
        body = self.cleaned_data.get("body") or []
        if not isinstance(body, list):
            raise forms.ValidationError('The body is a list of blocks: [{"type": "paragraph", "text": "…"}].')
        blocks = []
        for block in body:
            if not isinstance(block, dict) or block.get("type") not in BLOCK_TYPES:
                raise forms.ValidationError('Each block needs "type": "paragraph", "heading" or "item" (of a list), '
                                            'and "text".')
            text = sanitise(str(block.get("text", "")))
            if text:
                blocks.append({"type": block["type"], "text": text})
        return blocks

    def clean(self):
        data = super().clean()
        # An untitled capture is shown under its provisional title until a curator gives it one.
        if "title" in data and not data["title"] and not data.get("provisional_title"):
            self.add_error("title", "An article needs a title (or, until it has one, a provisional title).")
        if data.get("date") and data.get("date_precision") == "unknown":
            data["date_precision"] = "day"
        if not data.get("date"):
            data["date_precision"] = "unknown"
        return data


def save_curated_article(article, form, user, *, reviewed=False):
    """Save a curator's edit; every field they changed is marked curated (locked against re-import).

    Fields ticked in the form's "unlock" are unlocked instead; reviewed takes the article off the queue.
    """
    unlocked = set(form.cleaned_data.get("unlock") or [])
    for field, form_fields in FORM_FIELDS.items():
        if any(name in form.changed_data for name in form_fields) and field not in unlocked:
            article.mark_curated(field, user)
    for field in unlocked:
        article.unlock(field)
    if reviewed or ("needs_review" in form.changed_data and not article.needs_review):
        article.mark_reviewed()
    article._change_reason = "edited in the admin" + (", reviewed" if reviewed else "")
    article.save()


def curated_values(article):
    """The values of an article's tracked fields, to tell afterwards which ones a revert changed."""
    values = {field: [getattr(article, name) for name in names] for field, names in FORM_FIELDS.items()
              if field != "themes"}
    values["themes"] = sorted(article.themes.values_list("pk", flat=True))
    values["authors"] = list(article.authorships.order_by("position").values_list("author_id", "position", "bio"))
    return values


def record_keeps_relations(record):
    """True if an article's history record holds its bylines and themes.

    Records made before they were kept (migration 0004) hold neither: reverting to one leaves the
    current bylines and themes as they are rather than emptying them.
    """
    return record.authors.exists() or record.themes.exists()


def restore_from_history(article, record, user, before):
    """After a revert to record: bring back its bylines, lock what the revert changed, and reindex.

    The revert form restores the record's fields and themes; bylines are an inline of the change form,
    which the history form does not have, so they are put back here (authors deleted since are left out).
    before is curated_values(article) from before the revert.
    """
    recorded = list(record.authors.all().order_by("position"))
    alive = set(Author.objects.filter(pk__in=[b.author_id for b in recorded]).values_list("pk", flat=True))
    bylines = [b for b in recorded if b.author_id in alive]
    if record_keeps_relations(record) and [(b.author_id, b.position, b.bio) for b in bylines] != before["authors"]:
        article.authorships.all().delete()
        Authorship.objects.bulk_create(
            Authorship(article=article, author_id=b.author_id, position=b.position, bio=b.bio) for b in bylines
        )
    after = curated_values(article)
    # A revert is a curator's choice of values: like an edit, it locks what it changed.
    for field, value in after.items():
        if value != before.get(field):
            article.mark_curated(field, user)
    article._change_reason = f"reverted to the record of {record.history_date:%Y-%m-%d %H:%M}"
    article.save()
    article.reindex()


def finish_curated_article(article, form, user, *, authors_changed):
    """After the bylines and themes are saved: mark the authors curated, bring back unlocked fields, reindex.

    Returns a note for the curator on what unlocking did, or "".
    """
    unlocked = set(form.cleaned_data.get("unlock") or [])
    if authors_changed and "authors" not in unlocked:
        article.mark_curated("authors", user)
        article.save(update_fields=["provenance"])
    note = ""
    if unlocked:
        reviewed_at, needs_review = article.reviewed_at, article.needs_review
        names = ", ".join(sorted(unlocked))
        if reextract(article) is None:
            note = f"Unlocked {names}: the importer's value returns at the next import of the capture."
        else:
            note = f"Unlocked {names}: the importer's value is back, from the primary capture."
        if reviewed_at and not needs_review and article.needs_review:
            # Unlocking is not a reason to send a reviewed article back to the queue.
            article.needs_review = False
            article.save(update_fields=["needs_review"])
    article.reindex()
    return note


def authors_summary_html(article):
    """The article's authors in byline order, and how they were found; they are edited under Authorships."""
    names = ", ".join(a.name for a in article.ordered_authors) if article.pk else ""
    return format_html("{}<div class='help'>{} Edit them, in byline order, under “Authorships” below.</div>",
                       names or "none", how_found(article, "authors"))


def review_reasons_display(article):
    """The article's reasons for review, each with whether a curator has since set its field."""
    return [(reason, bool(reason_field(reason)) and article.is_curated(reason_field(reason)))
            for reason in article.review_reasons]


def capture_beside_body_html(article):
    """The cleaned body beside the primary capture's raw text, for comparing them."""
    capture = article.captures.filter(is_primary=True).first() if article.pk else None
    blocks = format_html_join(
        "", "<{0}>{1}{2}</{0}>",
        (("h4" if b.get("type") == "heading" else "p", "• " if b.get("type") == "item" else "", b.get("text", ""))
         for b in article.body),
    )
    if capture is None:
        raw = format_html("<p>{}</p>", "No capture is stored for this article.")
    else:
        raw = format_html("<p class='capture-name'>{} ({}{})</p><pre class='capture-raw'>{}</pre>",
                          capture.file_name, capture.format, f", {capture.encoding}" if capture.encoding else "",
                          capture.raw_text)
    return format_html(
        "<div class='beside'><section aria-label='Cleaned body'><h3>Cleaned body</h3>"
        "<div class='cleaned-body'>{}</div></section>"
        "<section aria-label='Original capture'><h3>Original capture</h3>{}</section></div>",
        blocks or format_html("<p>{}</p>", "(empty)"),
        raw,
    )


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


class ThemeChoiceForm(forms.Form):
    choice = forms.ModelChoiceField(queryset=Theme.objects.all(), label="Theme")


class SourceChoiceForm(forms.Form):
    choice = forms.ModelChoiceField(queryset=Source.objects.all(), label="Source")


class MergeForm(forms.Form):
    """Which of the selected records to keep; the others are merged into it."""

    choice = forms.ModelChoiceField(
        queryset=None, widget=forms.RadioSelect, empty_label=None, label="Keep",
        help_text="The others are merged into the one you keep: their articles, bio and identifiers move to it, "
        "and their names become its aliases, which later imports resolve to it. The others are then deleted.",
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].queryset = queryset
        # Suggest the record with the most articles.
        self.fields["choice"].initial = max(queryset, key=lambda r: getattr(r, "n", 0), default=None)
