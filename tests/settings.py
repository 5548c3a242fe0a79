"""Settings for the tests: the archive's own, with every file in a fresh temporary directory."""

import os
import tempfile

os.environ["ARCHIVE_DATA_DIR"] = tempfile.mkdtemp(prefix="fpa-test-")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("HAYSTACK_ENGINE", None)
# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make beside it are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from archive.settings import *  # noqa: E402,F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
