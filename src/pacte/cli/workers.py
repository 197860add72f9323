"""``pacte worker`` and ``pacte scheduler``: Celery's worker and periodic scheduler.

Django must be set up first. Without ``PACTE_BROKER_URL`` no worker is needed (tasks run
in the process that asks for them): ``pacte worker`` says so; ``pacte scheduler`` still
runs, and the nightly refresh then runs in its own process.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _hidden_url(url: str) -> str:
    """The broker address without its password.

    >>> _hidden_url("redis://:secret@127.0.0.1:6379/0")
    'redis://:***@127.0.0.1:6379/0'
    >>> _hidden_url("amqp://pacte:secret@mq:5672//")
    'amqp://pacte:***@mq:5672//'
    >>> _hidden_url("redis://127.0.0.1:6379/0")
    'redis://127.0.0.1:6379/0'
    """
    scheme, _, rest = url.partition("://")
    credentials, at, place = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{place}"


def _root_notice() -> None:
    """Celery's warning about root is in English: said in French instead."""
    import os
    import warnings

    from celery.exceptions import SecurityWarning

    warnings.filterwarnings("ignore", category=SecurityWarning)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        print(
            "Attention : le travailleur tourne en superutilisateur (root) ; en production, "
            "le lancer sous un compte dédié (User= de systemd).",
            file=sys.stderr,
        )


def run_worker(*, concurrency: int) -> int:
    from pacte.tasks import app, broker_url

    broker = broker_url()
    if not broker:
        print(
            "Erreur : aucune file de tâches n'est configurée (PACTE_BROKER_URL) : les tâches "
            "tournent dans le processus qui les demande, aucun travailleur n'est nécessaire.",
            file=sys.stderr,
        )
        return 1
    if concurrency < 1:
        print("Erreur : --concurrency prend un nombre entier d'au moins 1", file=sys.stderr)
        return 1
    _root_notice()
    print(
        f"Travailleur Pacte : {concurrency} processus, file {_hidden_url(broker)} "
        "(Ctrl+C pour arrêter).",
        flush=True,
    )
    code = app.start(
        argv=[
            "--quiet",
            "worker",
            "--loglevel=WARNING",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
        ]
    )
    print("Travailleur arrêté.")
    return int(code or 0)


def run_scheduler() -> int:
    from django.conf import settings

    from pacte.tasks import app, broker_url, refresh_time

    hour, minute = refresh_time()
    broker = broker_url()
    where = (
        f"file {_hidden_url(broker)}"
        if broker
        else "sans file de tâches : le recalcul tourne dans ce processus"
    )
    print(
        f"Planificateur Pacte : recalcul des obligations chaque nuit à {hour:02d}:{minute:02d}, "
        f"{where} (Ctrl+C pour arrêter).",
        flush=True,
    )
    schedule = Path(settings.VAR_DIR) / "planificateur"
    code = app.start(argv=["--quiet", "beat", "--loglevel=WARNING", f"--schedule={schedule}"])
    print("Planificateur arrêté.")
    return int(code or 0)
