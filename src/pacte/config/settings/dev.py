"""Local development: debug on, a fixed key that must never reach production."""

from pacte.config.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-pacte-secret-key-not-for-production"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
