"""The ``pacte`` command on one machine (``pacte serve``, ``pacte list``…): debug off.

The secret key comes from ``PACTE_SECRET_KEY``, else from the file ``secret_key`` of the
data folder, written once with a random key (readable by its owner only). Static files
(CSS, fonts, icons) are served by WhiteNoise from ``static/`` of the data folder, with
hashed and compressed names: ``pacte serve`` fills it (``collectstatic``) when it is
missing or out of date. ``pacte serve --dev`` uses ``settings.dev`` instead.

Environment:

- ``PACTE_ALLOWED_HOSTS``: names the server answers to, comma separated, added to
  ``localhost``, ``127.0.0.1`` and ``[::1]``;
- ``PACTE_HTTPS=1``: the site is reached over HTTPS (through a reverse proxy that sets
  ``X-Forwarded-Proto``): secure cookies, redirection to HTTPS and HSTS;
- ``PACTE_BROKER_URL``: the task broker (``redis://127.0.0.1:6379/0`` or
  ``amqp://…``); unset, background tasks run in the process that asks for them
  (see ``pacte.tasks``).
"""

import os
import secrets
from pathlib import Path

from pacte.config.settings.base import *  # noqa: F403
from pacte.config.settings.base import MIDDLEWARE, VAR_DIR

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


def names(value: str) -> list[str]:
    """The names of a comma-separated list (an environment variable).

    >>> names(" pacte.example.fr, ,autre.example.fr")
    ['pacte.example.fr', 'autre.example.fr']
    """
    return [name.strip() for name in value.split(",") if name.strip()]


SECRET_KEY = secret_key(VAR_DIR)

# the addresses the server answers to; ``pacte serve --host`` adds its own
ALLOWED_HOSTS = [
    "localhost",
    "127.0.0.1",
    "[::1]",
    *names(os.environ.get("PACTE_ALLOWED_HOSTS", "")),
]

# static files: WhiteNoise, right after the security middleware, from STATIC_ROOT
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
PACTE_SERVE_STATIC = False  # WhiteNoise serves them
# source maps (only a developer's browser tools ask for them) are not compressed: they are
# most of the bytes of the API documentation's files, and of the first start's wait
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br"),
    *("swf", "flv", "woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4"),
    *("mpeg", "mpg", "webm", "wmv", "map"),
)

HTTPS = os.environ.get("PACTE_HTTPS", "") == "1"
if HTTPS:
    # behind a reverse proxy that terminates TLS: it must set X-Forwarded-Proto (and drop
    # the header when a client sends it)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("PACTE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("PACTE_HSTS_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("PACTE_HSTS_PRELOAD", "1") == "1"
    CSRF_TRUSTED_ORIGINS = [
        f"https://{host}" for host in ALLOWED_HOSTS if host not in ("*", "localhost")
    ]
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# the task broker (``pacte.tasks``): unset, tasks run at once in the process
PACTE_BROKER_URL = os.environ.get("PACTE_BROKER_URL", "").strip()

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
