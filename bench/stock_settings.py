"""Settings of the stock site: the archive's, with Haystack's own Whoosh engine and index (bench only)."""

from pathlib import Path

from archive.settings import *  # noqa: F403
from archive.settings import DATA_DIR, INSTALLED_APPS, TEMPLATES

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # bench.search_indexes holds the stock index
ROOT_URLCONF = "bench.stock"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(DATA_DIR / "stock_whoosh_index"),
        "EXCLUDED_INDEXES": ["archive.search_indexes.ArticleIndex"],
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
