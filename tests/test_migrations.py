"""Migrations that move data keep it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("archive", "0004_article_history_of_themes_and_authors")
AFTER = ("archive", "0005_article_large_fields_last")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_large_fields_when_moving_them_to_the_end_of_the_row():
    body = [{"type": "heading", "text": "Über alles"}, {"type": "paragraph", "text": "A long paragraph. " * 500}]
    provenance = {"title": {"method": "markdown heading", "confidence": 0.95, "curated": True}}
    try:
        Article = migrate(BEFORE).get_model("archive", "Article")
        pk = Article.objects.create(
            title="A title", slug="a-title", capture_file="a.txt", content_hash="0" * 64, body=body,
            provenance=provenance, review_reasons=["no date found"], year=2020,
        ).pk
        Article = migrate(AFTER).get_model("archive", "Article")
        moved = Article.objects.get(pk=pk)
        assert (moved.body, moved.provenance, moved.review_reasons) == (body, provenance, ["no date found"])
        assert (moved.title, moved.year) == ("A title", 2020)
        with connection.cursor() as cursor:
            columns = [c.name for c in connection.introspection.get_table_description(cursor, "archive_article")]
        assert columns[-3:] == ["review_reasons", "provenance", "body"]
        # And back: the old layout with the same values.
        Article = migrate(BEFORE).get_model("archive", "Article")
        assert Article.objects.get(pk=pk).body == body
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
