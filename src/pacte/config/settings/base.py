"""Settings shared by every environment.

The database is a SQLite file in the data folder unless ``DATABASE_URL`` names another one,
e.g. ``postgres://pacte@db:5432/pacte``. The data folder is ``$PACTE_VAR_DIR``, else the
user data folder (``$XDG_DATA_HOME/pacte`` or ``~/.local/share/pacte``): never the current
directory (see ``pacte.config.datadir``).
"""

import os
from typing import Any

import dj_database_url

from pacte.config.datadir import data_dir

VAR_DIR = data_dir()


def database_from_environment() -> dict[str, Any]:
    """``DATABASE_URL`` when set, else the SQLite file of the var directory (created if missing)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        # Django's SQLite backend, writers of one process queued (pacte/config/sqlite/base.py)
        "ENGINE": "pacte.config.sqlite",
        "NAME": VAR_DIR / "pacte.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }


SQLITE_OPTIONS: dict[str, Any] = {
    # WAL: readers never wait for the writer, and the writer never waits for readers
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000",
    # every transaction takes the write lock at BEGIN: no "database is locked" when a
    # transaction that has read turns into a writer (SQLite cannot upgrade it then)
    "transaction_mode": "IMMEDIATE",
    # seconds a writer waits for the lock before giving up
    "timeout": 20,
}
"""SQLite under concurrent requests: writers queue instead of failing (docs/production.md)."""


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django-dsfr: its templates use widget_tweaks; its form renderer needs django.forms
    "django.forms",
    "widget_tweaks",
    "dsfr",
    # django-ninja's own copy of Swagger UI: the API docs work without the internet
    "ninja",
    # login throttling: an account is locked for a while after repeated failures
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "pacte.organisations",
    "pacte.deliberations",
    "pacte.conventions",
    "pacte.audit",
    "pacte.outputs",
    "pacte.documents",
    "pacte.followup",
    "pacte.observation",
    "pacte.accounts",
    "pacte.reminders",
    "pacte.calls",
    "pacte.web",
    "pacte.api",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "todo"
LOGOUT_REDIRECT_URL = "login"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pacte.web.middleware.SessionActivityMiddleware",
    "csp.middleware.CSPMiddleware",
    # last: it answers a locked-out login with the lockout page
    "axes.middleware.AxesMiddleware",
]
# the second factor (TOTP, optional per user): its device is remembered in the session
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
OTP_TOTP_ISSUER = os.environ.get("PACTE_OTP_ISSUER", "Pacte")

# Content-Security-Policy: every script and style comes from Pacte's own files; no inline
# code, no other site (the pages, the admin and the API docs are written for it).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("PACTE_LOGIN_ATTEMPTS", "5"))
"""Failed logins allowed for one account from one address before it is locked."""
AXES_COOLOFF_TIME = int(os.environ.get("PACTE_LOGIN_LOCK_MINUTES", "15")) / 60
"""How long the lock lasts, in hours (15 minutes by default)."""
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

SESSION_COOKIE_AGE = int(os.environ.get("PACTE_SESSION_MINUTES", "120")) * 60
"""A session ends after this long without activity (two hours by default)."""

ROOT_URLCONF = "pacte.config.urls"
WSGI_APPLICATION = "pacte.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dsfr.context_processors.site_config",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
# uploaded files (documents received, minutes): largest accepted size, in bytes
PACTE_UPLOAD_MAX_BYTES = int(os.environ.get("PACTE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
# the ESS observatory's snapshots (``pacte observatory import``), read by its screen and API
PACTE_OBSERVATORY_DIR = VAR_DIR / "observatoire"

# E-mail (reminders): a real SMTP server when PACTE_SMTP_HOST is set; otherwise each mail
# is written as a file under the data folder (``mails/``), so nothing leaves the machine.
PACTE_BASE_URL = os.environ.get("PACTE_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("PACTE_MAIL_FROM", "Pacte <pacte@localhost>")
if os.environ.get("PACTE_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["PACTE_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("PACTE_SMTP_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("PACTE_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("PACTE_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("PACTE_SMTP_TLS", "starttls") == "starttls"
    EMAIL_USE_SSL = os.environ.get("PACTE_SMTP_TLS", "starttls") == "ssl"
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mails")

# Who runs this instance of Pacte, for the pages every French public service must have
# (mentions légales, données personnelles, accessibilité); `check --deploy` warns when
# they are missing in production.
PACTE_OPERATOR = {
    "name": os.environ.get("PACTE_OPERATOR", ""),
    "address": os.environ.get("PACTE_OPERATOR_ADDRESS", ""),
    "director": os.environ.get("PACTE_PUBLICATION_DIRECTOR", ""),
    "host": os.environ.get("PACTE_HOST", ""),
    "contact": os.environ.get("PACTE_CONTACT_EMAIL", ""),
    "dpo": os.environ.get("PACTE_DPO_EMAIL", ""),
}

# « Importer » takes up to 200 files at once (read in the background from 11 on)
DATA_UPLOAD_MAX_NUMBER_FILES = 200
