"""Settings of the concurrency harness: the real database settings of ``base`` (SQLite file
in WAL mode, or ``DATABASE_URL``), not the test suite's in-memory SQLite."""

import os
from pathlib import Path

from pacte.config.settings.base import *  # noqa: F403
from pacte.config.settings.base import DATABASES

DEBUG = False
SECRET_KEY = "concurrency-test-only-pacte-secret-key"
ALLOWED_HOSTS = ["testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(os.environ["PACTE_CONCURRENCY_DIR"]) / "media"

if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            **DATABASES["default"],
            "NAME": Path(os.environ["PACTE_CONCURRENCY_DIR"]) / "pacte.sqlite3",
        }
    }
