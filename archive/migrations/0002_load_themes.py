"""Load the controlled vocabulary of themes (archive/ingest/data/themes.json)."""

import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "ingest" / "data" / "themes.json"


def load(apps, schema_editor):
    Theme = apps.get_model("archive", "Theme")
    for entry in json.loads(DATA.read_text(encoding="utf-8")):
        Theme.objects.get_or_create(
            name=entry["name"],
            defaults={
                "slug": slugify(entry["name"]),
                "description": entry.get("description", ""),
                "keywords": "\n".join(entry["keywords"]),
                "threshold": entry.get("threshold", 3),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
