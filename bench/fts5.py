"""The reference: the archive's search page with SQLite FTS5 doing the search (bench only).

The same page (view, template, facet groups, articles loaded the same way) with
FTS5 finding the hits, counting them, counting the facets over every match and
cutting the snippets, so the comparison is of the search work alone.
"""

import re
import time

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.models import Article
from archive.search import service
from archive.search.query import parse_query

TABLE = "bench_fts"
# As the archive's field boosts: title, authors, themes, source, text.
RANK = f"bm25({TABLE}, 4.0, 3.0, 2.0, 1.5, 1.0)"
_TOKEN = re.compile(r'"[^"]*"|\S+')


def build():
    """Create and fill the FTS5 table from the articles; returns seconds taken."""
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, authors, themes, source, body, "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        rows = (
            (a.pk, a.display_title, "\n".join(x.name for x in a.ordered_authors),
             "\n".join(t.name for t in a.themes.all()), a.source.name if a.source_id else "", a.body_text)
            for a in Article.objects.with_listing().iterator(chunk_size=1000)
        )
        cursor.executemany(f"INSERT INTO {TABLE}(rowid, title, authors, themes, source, body) VALUES (?,?,?,?,?,?)", rows)
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
    return time.perf_counter() - start


def match_expression(q):
    """The FTS5 query for the archive's query language (words, phrases, OR, NOT/-, prefix*)."""
    parts = []
    for token in _TOKEN.findall(q):
        if token.startswith('"'):
            words = re.findall(r"\w+", token)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif token in ("OR", "AND"):
            parts.append(token)
        elif token == "NOT" or token.startswith("-"):
            parts.append("NOT")
            if token.startswith("-") and re.findall(r"\w+", token):
                parts.append('"' + re.findall(r"\w+", token)[0] + '"')
        else:
            words = re.findall(r"\w+", token)
            parts += ['"' + w + '"' + ("*" if token.endswith("*") and w == words[-1] else "") for w in words]
    return " ".join(parts)


def _filters(state, skip=None, column="id"):
    """SQL conditions on the article id column, and their parameters, for state's filters."""
    sql, params = [], []

    def slugs(dimension, subquery):
        values = state.get(dimension) or []
        if values and dimension != skip:
            sql.append(f"{column} IN ({subquery.format(','.join('?' * len(values)))})")
            params.extend(values)

    slugs("author", "SELECT article_id FROM archive_authorship x JOIN archive_author a ON a.id = x.author_id "
                    "WHERE a.slug IN ({})")
    slugs("theme", "SELECT article_id FROM archive_article_themes x JOIN archive_theme t ON t.id = x.theme_id "
                   "WHERE t.slug IN ({})")
    slugs("source", "SELECT r.id FROM archive_article r JOIN archive_source s ON s.id = r.source_id "
                    "WHERE s.slug IN ({})")
    years = state.get("year") or []
    if years and skip != "year":
        known = [int(y) for y in years if y != "unknown"]
        cond = [f"year IN ({','.join('?' * len(known))})"] if known else []
        cond += ["year IS NULL"] if "unknown" in years else []
        sql.append(f"{column} IN (SELECT id FROM archive_article WHERE {' OR '.join(cond)})")
        params.extend(known)
    if state.get("start"):
        sql.append(f"{column} IN (SELECT id FROM archive_article WHERE year >= ?)")
        params.append(state["start"])
    if state.get("end"):
        sql.append(f"{column} IN (SELECT id FROM archive_article WHERE year <= ?)")
        params.append(state["end"])
    return (" AND ".join(sql) or "1"), params


FACET_SQL = {
    "author": "SELECT a.slug, count(*) FROM m JOIN archive_authorship x ON x.article_id = m.id "
              "JOIN archive_author a ON a.id = x.author_id WHERE {} GROUP BY a.slug",
    "theme": "SELECT t.slug, count(*) FROM m JOIN archive_article_themes x ON x.article_id = m.id "
             "JOIN archive_theme t ON t.id = x.theme_id WHERE {} GROUP BY t.slug",
    "source": "SELECT s.slug, count(*) FROM m JOIN archive_article r ON r.id = m.id "
              "JOIN archive_source s ON s.id = r.source_id WHERE {} GROUP BY s.slug",
    "year": "SELECT coalesce(r.year, 'unknown'), count(*) FROM m JOIN archive_article r ON r.id = m.id "
            "WHERE {} GROUP BY r.year",
}


def _snippet(raw):
    """FTS5's snippet (marked with control characters), escaped, with the marks as <mark>."""
    html = escape(raw).replace("\x01", "<mark>").replace("\x02", "</mark>")
    return mark_safe(html.replace("\n\n", " ¶ "))


def search(state, *, per_page=service.PER_PAGE):
    """service.search's page, found by FTS5."""
    parsed = parse_query(state.get("q", ""))
    page = service.SearchPage(parsed)
    expression = match_expression(state.get("q", ""))
    if parsed.empty or not expression:
        return page
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS temp.m")
        try:
            cursor.execute(f"CREATE TEMP TABLE m AS SELECT rowid AS id, {RANK} AS rank FROM {TABLE} "
                           f"WHERE {TABLE} MATCH ?", [expression])
        except Exception:  # an FTS5 syntax error: nothing found, as a malformed query would
            return page
        where, params = _filters(state)
        cursor.execute(f"SELECT count(*) FROM m WHERE {where}", params)
        page.total = cursor.fetchone()[0]
        start = (state.get("page", 1) - 1) * per_page
        if state.get("sort") in ("newest", "oldest"):
            order = "r.date DESC NULLS LAST, r.id DESC" if state["sort"] == "newest" else "r.date ASC NULLS LAST, r.id"
            where_m, _ = _filters(state, column="m.id")
            cursor.execute(f"SELECT m.id FROM m JOIN archive_article r ON r.id = m.id WHERE {where_m} "
                           f"ORDER BY {order} LIMIT ? OFFSET ?", [*params, per_page, start])
        else:
            cursor.execute(f"SELECT id FROM m WHERE {where} ORDER BY rank LIMIT ? OFFSET ?", [*params, per_page, start])
        ids = [row[0] for row in cursor.fetchall()]
        for dimension, sql in FACET_SQL.items():
            own_where, own_params = _filters(state, skip=dimension, column="m.id")
            cursor.execute(sql.format(own_where), own_params)
            rows = sorted(((str(v), n) for v, n in cursor.fetchall()), key=lambda kv: (-kv[1], kv[0]))
            page.counts[dimension] = rows
        snippets = {}
        if ids:
            cursor.execute(
                f"SELECT rowid, snippet({TABLE}, 4, char(1), char(2), '…', 36) FROM {TABLE} "
                f"WHERE {TABLE} MATCH ? AND rowid IN ({','.join('?' * len(ids))})", [expression, *ids])
            snippets = dict(cursor.fetchall())
    articles = Article.objects.listed(body=True).in_bulk(ids)
    page.hits = [service.Hit(articles[i], _snippet(snippets.get(i, ""))) for i in ids if i in articles]
    return page


def install():
    """Make the archive's search page use FTS5 in this process."""
    service.search = search
