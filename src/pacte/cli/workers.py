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


def _french_shutdown() -> None:
    """Celery's worker says « worker: Warm shutdown (MainProcess) » on SIGTERM and
    « Hitting Ctrl+C again … » on Ctrl+C, in English: said in French instead (its signal
    handlers, module-level, taken with their message turned off)."""
    from functools import partial

    from celery.apps import worker as celery_worker

    handler = getattr(celery_worker, "_shutdown_handler", None)
    hard = getattr(celery_worker, "install_worker_term_hard_handler", None)
    if handler is None or hard is None:  # another Celery: its own messages
        return

    def on_term(worker: object) -> None:
        print("Arrêt du travailleur : les tâches en cours se terminent.", flush=True)

    def on_int(worker: object) -> None:
        print(
            "Arrêt du travailleur : les tâches en cours se terminent (Ctrl+C de nouveau "
            "pour les interrompre).",
            flush=True,
        )
        hard(worker, sig="SIGINT", verbose=False)

    celery_worker.install_worker_term_handler = partial(  # type: ignore[attr-defined]
        handler, sig="SIGTERM", how="Warm", callback=on_term, verbose=False
    )
    celery_worker.install_worker_int_handler = partial(  # type: ignore[attr-defined]
        handler, sig="SIGINT", callback=on_int, exitcode=1, verbose=False
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
    _french_shutdown()
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
