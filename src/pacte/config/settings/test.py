"""Test suite: SQLite in memory, or the server named by ``DATABASE_URL`` (PostgreSQL in CI)."""

import os

from pacte.config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-pacte-secret-key"
ALLOWED_HOSTS = ["testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
