"""The nightly refresh as a background task: split in chunks, run by a real Celery worker
on Redis when one answers on 127.0.0.1:6379 (like PostgreSQL), in process otherwise."""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.db import OperationalError, connections

from pacte.cli.demo import demo_prepare
from pacte.conventions.models import Convention
from pacte.followup.models import StoredObligation, StoredState
from pacte.tasks import app, configure, is_eager, obligations_refresh

pytestmark = pytest.mark.django_db(transaction=True)

BROKER = os.environ.get("PACTE_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
DAY = date(2027, 3, 1)


def _broker_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def eager() -> Iterator[None]:
    configure(app, "")
    yield
    configure(app, "")


@pytest.fixture
def queue() -> Iterator[str]:
    """A real worker (in a thread) on Redis when it answers, with a queue of its own;
    else the in-process mode."""
    if not _broker_answers():
        configure(app, "")
        yield "dans le processus"
        return
    from celery.contrib.testing.worker import start_worker

    configure(app, BROKER, queue=f"pacte-essai-{uuid.uuid4().hex}")
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            yield "Redis"
    finally:
        connections.close_all()
        configure(app, "")


def _wait_refreshed(count: int, timeout: float = 90) -> None:
    until = DAY + timedelta(days=730)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            states = list(StoredState.objects.values_list("convention_id", "computed_until"))
        except OperationalError as error:
            # the suite's in-memory SQLite shares one cache between this thread and the
            # worker's: a read during its write gets « table is locked » (no busy wait there)
            if "locked" not in str(error):
                raise
            time.sleep(0.2)
            continue
        done = {pk for pk, day in states if day == until}
        if len(done) == count:
            return
        time.sleep(0.2)
    pytest.fail(f"obligations non recalculées en {timeout} s")


def _prepared() -> int:
    demo_prepare()
    StoredObligation.objects.all().delete()
    assert not StoredState.objects.filter(computed_until=DAY + timedelta(days=730)).exists()
    return Convention.objects.count()


def test_the_refresh_runs_in_process_without_a_broker(eager: None) -> None:
    count = _prepared()
    assert is_eager()
    assert obligations_refresh.delay(on=DAY.isoformat(), chunk=2).get() == count
    _wait_refreshed(count, timeout=1)
    assert set(StoredObligation.objects.values_list("convention_id", flat=True)) == set(
        Convention.objects.values_list("pk", flat=True)
    )


def test_the_refresh_queued_in_chunks_is_done_by_a_worker(queue: str) -> None:
    count = _prepared()
    assert count == 3
    assert is_eager() == (queue == "dans le processus")
    obligations_refresh.delay(on=DAY.isoformat(), chunk=1)
    _wait_refreshed(count)
    assert set(StoredObligation.objects.values_list("convention_id", flat=True)) == set(
        Convention.objects.values_list("pk", flat=True)
    )


def test_worker_without_a_broker_says_why_in_french(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    from pathlib import Path

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "PACTE_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(HOME=str(tmp_path), PACTE_VAR_DIR=str(tmp_path / "donnees"))
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pacte"), "worker"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.endswith(
        "Erreur : aucune file de tâches n'est configurée (PACTE_BROKER_URL) : les tâches "
        "tournent dans le processus qui les demande, aucun travailleur n'est nécessaire.\n"
    )


def test_old_idempotency_keys_are_purged_every_night(eager: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from pacte.api.models import IdempotencyKey
    from pacte.api.tasks import idempotency_keys_purge

    user = get_user_model().objects.create_user("purge", password="x" * 12)
    now = timezone.now()
    for key, age in (("ancienne", 31), ("limite", 29), ("recente", 0)):
        record = IdempotencyKey.objects.create(
            user=user, key=key, endpoint="POST /x", request_hash="0" * 64, status=201
        )
        IdempotencyKey.objects.filter(pk=record.pk).update(created_at=now - timedelta(days=age))
    assert idempotency_keys_purge.delay().get() == 1
    assert set(IdempotencyKey.objects.values_list("key", flat=True)) == {"limite", "recente"}
    monkeypatch.setenv("PACTE_IDEMPOTENCY_DAYS", "7")
    assert idempotency_keys_purge.delay().get() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["recente"]
    schedule = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "pacte.idempotency_keys_purge" in schedule
    # a worker imports the modules listed in ``imports``: it knows the task
    app.loader.import_default_modules()
    assert "pacte.idempotency_keys_purge" in app.tasks


def _command_env(tmp_path, broker: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The environment of a user's ``pacte`` command: its own data folder (its SQLite
    database made there), the broker given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "PACTE_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        HOME=str(tmp_path),
        PACTE_VAR_DIR=str(tmp_path / "donnees"),
        PACTE_BROKER_URL=broker,
        PACTE_REGEX_CACHE="0",
    )
    return env


def _stopped(process) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    import signal

    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=60)
    return process.returncode, out


def test_the_worker_command_runs_a_queued_task(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``pacte worker`` on Redis: a task queued by name (the nightly refresh, as the
    scheduler queues it) is run by that process, on its own database; SIGTERM stops it."""
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    from celery import Celery

    if not _broker_answers():
        pytest.skip("Redis ne répond pas sur 127.0.0.1:6379")
    broker = "redis://127.0.0.1:6379/14"
    sender = Celery(broker=broker)
    sender.control.purge()  # a task left by an interrupted run: not this test's
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "pacte"), "worker", "--concurrency", "1"],
        env=_command_env(tmp_path, broker),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    database = tmp_path / "donnees" / "pacte.sqlite3"
    try:
        deadline = time.monotonic() + 90
        while not sender.control.ping(timeout=1) and time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
        sender.send_task("pacte.obligations_refresh", kwargs={"on": DAY.isoformat()})
        runs: list[tuple[str, int]] = []
        while not runs and time.monotonic() < deadline:
            time.sleep(0.5)
            if database.exists():
                with sqlite3.connect(database) as connection:
                    try:
                        runs = connection.execute(
                            "SELECT day, conventions FROM followup_refreshrun"
                        ).fetchall()
                    except sqlite3.OperationalError:  # tables not made yet
                        runs = []
        assert runs == [(DAY.isoformat(), 0)]
    finally:
        code, out = _stopped(process)
    assert code == 0
    assert "Travailleur Pacte : 1 processus, file redis://127.0.0.1:6379/14" in out
    # Celery's own shutdown message said in French
    assert out.rstrip().endswith(
        "Arrêt du travailleur : les tâches en cours se terminent.\nTravailleur arrêté."
    )
    assert "shutdown" not in out


def test_the_scheduler_command_starts_and_stops(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    from pathlib import Path

    if not _broker_answers():
        pytest.skip("Redis ne répond pas sur 127.0.0.1:6379")
    env = _command_env(tmp_path, "redis://127.0.0.1:6379/14")
    env["PACTE_REFRESH_AT"] = "02:45"
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "pacte"), "scheduler"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    schedule = tmp_path / "donnees" / "planificateur"
    deadline = time.monotonic() + 90
    while not list(schedule.parent.glob("planificateur*")) and time.monotonic() < deadline:
        assert process.poll() is None
        time.sleep(0.5)
    code, out = _stopped(process)

    assert list(schedule.parent.glob("planificateur*"))  # its record of what it queued
    assert code == 0
    assert (
        "Planificateur Pacte : recalcul des obligations chaque nuit à 02:45, "
        "file redis://127.0.0.1:6379/14"
    ) in out
    assert out.rstrip().endswith("Planificateur arrêté.")
