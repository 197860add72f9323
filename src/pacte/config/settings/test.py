"""Test suite: SQLite in memory, or the server named by ``DATABASE_URL`` (PostgreSQL in CI)."""

import atexit
import os
import shutil
import tempfile

# the suite never writes into the user's data folder: a fresh temporary one unless chosen
if not os.environ.get("PACTE_VAR_DIR"):
    os.environ["PACTE_VAR_DIR"] = tempfile.mkdtemp(prefix="pacte-tests-")
    atexit.register(shutil.rmtree, os.environ["PACTE_VAR_DIR"], ignore_errors=True)

from pacte.config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-pacte-secret-key"
ALLOWED_HOSTS = ["testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# the test runner creates the tables itself: the CLI does not check them in the suite
PACTE_DATABASE_CHECK = False
