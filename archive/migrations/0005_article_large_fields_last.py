"""Move the article's large fields (review reasons, provenance, body) to the end of its rows.

SQLite keeps a row's columns in order and moves what does not fit in the row's page to a
chain of overflow pages. With the body in the middle, reading the year, date or source of
an article (to filter, count or sort a browse page) walked the body's overflow pages.
With the large fields last, every small field sits in the row's own page. Each field is
re-added at the end, copied, and the old column dropped; the data and the field names are
as before. (PostgreSQL stores large values apart anyway; there this only copies them.)
"""

from django.db import migrations, models
from django.db.models import F

LARGE = {
    "review_reasons": lambda: models.JSONField(blank=True, default=list),
    "provenance": lambda: models.JSONField(blank=True, default=dict, editable=False),
    "body": lambda: models.JSONField(
        blank=True, default=list, help_text='Blocks: [{"type": "paragraph"|"heading", "text": …}].'
    ),
}


def copy_to_new(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    Article.objects.update(**{f"{name}_moved": F(name) for name in LARGE})


def copy_back(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    Article.objects.update(**{name: F(f"{name}_moved") for name in LARGE})


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0004_article_history_of_themes_and_authors"),
    ]

    operations = (
        [migrations.AddField("article", f"{name}_moved", field()) for name, field in LARGE.items()]
        + [migrations.RunPython(copy_to_new, copy_back)]
        + [migrations.RemoveField("article", name) for name in LARGE]
        + [migrations.RenameField("article", f"{name}_moved", name) for name in LARGE]
    )
