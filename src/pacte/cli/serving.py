"""``pacte serve``: the production WSGI server (gunicorn), its static files and its logs.

Django must be set up before these functions run. The static files are collected into
``STATIC_ROOT`` (the data folder's ``static/``) when missing or out of date, then
gunicorn serves the application with ``workers`` processes of ``threads`` threads each;
its own start-up messages (in English) are not shown, and each request is logged on one
line with a French date: « 05/05/2026 10:12:03 127.0.0.1 "GET / HTTP/1.1" 302 0 ».
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any

STAMP = ".pacte-static"


def static_fingerprint() -> str:
    """A digest of every static file the finders see (path, size, modification time):
    it changes when Pacte or one of its packages is updated.

    >>> len(static_fingerprint())
    64
    """
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    entries = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            info = os.stat(storage.path(path))
            entries.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def static_ensure(*, notice: bool = True) -> bool:
    """Collect the static files into ``STATIC_ROOT`` unless they are there and up to date;
    whether they were collected. A one-line French notice says so on standard error."""
    from django.conf import settings
    from django.core.management import call_command

    root = Path(settings.STATIC_ROOT)
    stamp = root / STAMP
    fingerprint = static_fingerprint()
    manifest = root / "staticfiles.json"
    if manifest.is_file() and stamp.is_file() and stamp.read_text().strip() == fingerprint:
        return False
    if notice:
        print(f"Préparation des fichiers statiques (une seule fois) : {root}", file=sys.stderr)
    root.mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint + "\n", encoding="utf-8")
    return True


def _french_logger_class() -> type:
    from gunicorn.glogging import Logger

    class FrenchLogger(Logger):  # type: ignore[misc]
        """gunicorn's logger with French dates (day/month/year, no English month)."""

        error_fmt = r"%(asctime)s [%(process)d] %(levelname)s %(message)s"
        datefmt = r"%d/%m/%Y %H:%M:%S"

        def now(self) -> str:
            return time.strftime("%d/%m/%Y %H:%M:%S")

    return FrenchLogger


def gunicorn_options(*, host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    """The gunicorn settings of ``pacte serve``.

    >>> options = gunicorn_options(host="::1", port=8000, workers=2, threads=4)
    >>> options["bind"], options["workers"], options["worker_class"]
    (['[::1]:8000'], 2, 'gthread')
    """
    address = f"[{host.strip('[]')}]" if ":" in host else host
    return {
        "bind": [f"{address}:{port}"],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": 120,  # a large export or document may take a while
        "graceful_timeout": 20,
        "keepalive": 5,
        "preload_app": True,
        "proc_name": "pacte",
        "loglevel": "warning",  # gunicorn's start-up messages are in English
        "errorlog": "-",
        "accesslog": "-",
        "access_log_format": '%(t)s %(h)s "%(r)s" %(s)s %(b)s',
        "logger_class": _french_logger_class(),
        # the X-Forwarded-* headers of a reverse proxy on the same machine are trusted
        "forwarded_allow_ips": os.environ.get("PACTE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        # recent gunicorn opens a control socket in the home folder: not needed here
        "control_socket_disable": True,
    }


def run_gunicorn(application: Any, options: dict[str, Any]) -> int:
    """Serve ``application`` with gunicorn until it is stopped (SIGINT, SIGTERM); the exit
    code of gunicorn's master (0 when stopped normally). In a worker process, gunicorn's
    own exit goes on (``SystemExit``): the rest of the command never runs there."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # an option older versions lack is skipped
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    # the workers are forked from this process: none may inherit its database connection
    connections.close_all()
    master = os.getpid()
    try:
        Server().run()
    except SystemExit as stop:  # gunicorn's master and workers leave through sys.exit
        if os.getpid() != master:
            raise
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return 0
