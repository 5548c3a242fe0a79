"""Settings for the processes of tests/test_concurrency.py: the tests' settings over a data dir they all share.

tests/settings.py makes a fresh temporary directory at each import; these processes are given one instead
(ARCHIVE_DATA_DIR), so that they write to the same SQLite database and the same Whoosh index.
"""

import os

if not os.environ.get("ARCHIVE_DATA_DIR"):
    raise RuntimeError("tests.concurrent_settings needs ARCHIVE_DATA_DIR: the directory the processes share")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("HAYSTACK_ENGINE", None)

from archive.settings import *  # noqa: E402,F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
