"""Benchmarks of the archive against a stock Haystack + Whoosh site and SQLite FTS5 (make bench)."""
