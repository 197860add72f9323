"""The ``pacte`` command on one machine (``pacte serve``, ``pacte list``…): debug off.

The secret key comes from ``PACTE_SECRET_KEY``, else from the file ``secret_key`` of the
data folder, written once with a random key (readable by its owner only). Static files
(CSS, fonts) are served by the application itself (``PACTE_SERVE_STATIC``), since no web
server stands in front of it. ``pacte serve --dev`` uses ``settings.dev`` instead.
"""

import os
import secrets
from pathlib import Path

from pacte.config.settings.base import *  # noqa: F403
from pacte.config.settings.base import VAR_DIR

DEBUG = False


def secret_key(folder: Path) -> str:
    """``PACTE_SECRET_KEY``, else the key kept in ``folder/secret_key`` (created once)."""
    chosen = os.environ.get("PACTE_SECRET_KEY", "").strip()
    if chosen:
        return chosen
    path = folder / "secret_key"
    if path.is_file():
        kept = path.read_text(encoding="utf-8").strip()
        if kept:
            return kept
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(key + "\n")
    return key


SECRET_KEY = secret_key(VAR_DIR)

# the addresses the embedded server answers to; ``pacte serve --host`` adds its own
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"] + [
    host.strip() for host in os.environ.get("PACTE_ALLOWED_HOSTS", "").split(",") if host.strip()
]
PACTE_SERVE_STATIC = True

# one line per request, without English month names: « 05/05/2026 10:12:03 "GET / …" 200 »
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "request": {"format": "%(asctime)s %(message)s", "datefmt": "%d/%m/%Y %H:%M:%S"},
    },
    "handlers": {
        "request": {"class": "logging.StreamHandler", "formatter": "request"},
    },
    "loggers": {
        "django.server": {"handlers": ["request"], "level": "INFO", "propagate": False},
    },
}
