"""Settings for the tests: the archive's own, with every file in a fresh temporary directory."""

import os
import tempfile

os.environ["ARCHIVE_DATA_DIR"] = tempfile.mkdtemp(prefix="fpa-test-")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("HAYSTACK_ENGINE", None)

from archive.settings import *  # noqa: E402,F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
