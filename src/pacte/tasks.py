"""Background tasks on Celery: the nightly refresh of the stored obligations, in chunks.

The broker is ``PACTE_BROKER_URL`` (Redis ``redis://127.0.0.1:6379/0`` or RabbitMQ
``amqp://pacte:…@127.0.0.1:5672//``). Without it (the embedded default, ``make demo``)
every task runs at once in the process that asks for it, so nothing else is needed.

- ``obligations_refresh``: picks the conventions whose calendar may have changed since
  the last run (every convention with ``full``; ``followup.calendars.refresh_plan``),
  splits them into chunks of ``chunk`` conventions and queues one
  ``obligations_refresh_chunk`` per chunk, which the workers share;
- ``reminders_send``: the e-mail reminders due that day (``pacte.reminders``);
- ``idempotency_keys_purge`` (``pacte.api.tasks``): forgets the API idempotency keys and the forms' one-time
  tokens older than ``PACTE_IDEMPOTENCY_DAYS`` days (30 by default), every night;
- ``pacte worker`` starts a worker, ``pacte scheduler`` the scheduler that queues
  ``obligations_refresh`` every night at ``PACTE_REFRESH_AT`` (``01:30`` by default,
  Europe/Paris) and ``reminders_send`` every day at ``PACTE_REMINDERS_AT`` (``07:00``).

Django must be set up before a task runs (the ``pacte`` command does it).
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from celery import Celery
from celery.schedules import crontab

REFRESH_CHUNK = 500


def broker_url() -> str:
    """The broker chosen in the environment, or "" (tasks run in process)."""
    return os.environ.get("PACTE_BROKER_URL", "").strip()


def refresh_time(variable: str = "PACTE_REFRESH_AT", default: str = "01:30") -> tuple[int, int]:
    """Hour and minute of a daily task (``PACTE_REFRESH_AT`` for the nightly refresh,
    ``PACTE_REMINDERS_AT`` for the reminders; ``HH:MM``).

    >>> refresh_time()
    (1, 30)
    >>> refresh_time("PACTE_REMINDERS_AT", "07:00")
    (7, 0)
    """
    hour, _, minute = os.environ.get(variable, default).partition(":")
    return int(hour), int(minute or 0)


def configure(application: Celery, broker: str, *, queue: str = "celery") -> None:
    """Set the broker (or the in-process mode when ``broker`` is empty) and the queue.

    Called again (the tests do), it drops the connections and routes already made."""
    hour, minute = refresh_time()
    reminders_hour, reminders_minute = refresh_time("PACTE_REMINDERS_AT", "07:00")
    application._pool = None
    application.__dict__.pop("amqp", None)
    application.conf.update(
        broker_url=broker or "memory://localhost/",
        task_always_eager=not broker,
        task_eager_propagates=True,
        task_ignore_result=True,
        task_default_queue=queue,
        # the tasks that apps define next to their models (higher layers than this one)
        imports=("pacte.api.tasks",),
        # a chunk is acknowledged once done: a worker that dies leaves it to another
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        broker_connection_retry_on_startup=True,
        timezone="Europe/Paris",
        enable_utc=True,
        beat_schedule={
            "obligations-nightly-refresh": {
                "task": "pacte.obligations_refresh",
                "schedule": crontab(hour=hour, minute=minute),
            },
            "idempotency-keys-purge": {
                "task": "pacte.idempotency_keys_purge",
                "schedule": crontab(hour=hour, minute=minute),
            },
            # after the refresh, so that the reminders read today's calendars
            "reminders-daily": {
                "task": "pacte.reminders_send",
                "schedule": crontab(hour=reminders_hour, minute=reminders_minute),
            },
        },
    )


app = Celery("pacte")
configure(app, broker_url())


@app.task(name="pacte.obligations_refresh_chunk")
def obligations_refresh_chunk(ids: list[int], on: str) -> int:
    """Recompute and store the obligations of the conventions ``ids`` on day ``on``."""
    from pacte.conventions.models import Convention
    from pacte.followup.calendars import obligations_refresh_many

    return obligations_refresh_many(
        Convention.objects.filter(pk__in=ids), on=date.fromisoformat(on)
    )


@app.task(name="pacte.obligations_refresh")
def obligations_refresh(
    on: str | None = None, chunk: int = REFRESH_CHUNK, full: bool = False
) -> int:
    """Queue the nightly refresh, ``chunk`` conventions at a time: those whose calendar
    may have changed since the last run, or all with ``full``; the number queued.

    The run is recorded once its chunks are queued (in process: once they are done);
    a chunk is acknowledged only when done, so a worker that stops leaves it to another.
    """
    from django.utils import timezone

    from pacte.followup.calendars import refresh_plan, refresh_run_record

    day = on or timezone.localdate().isoformat()
    plan = refresh_plan(on=date.fromisoformat(day), full=full)
    for first in range(0, len(plan.ids), chunk):
        obligations_refresh_chunk.delay(plan.ids[first : first + chunk], day)
    refresh_run_record(plan, count=len(plan.ids))
    return len(plan.ids)


@app.task(name="pacte.reminders_send")
def reminders_send(on: str | None = None) -> int:
    """Send the reminders due on a day (today by default); the number of mails sent."""
    from django.utils import timezone

    from pacte.calls.notifications import notifications_send
    from pacte.reminders.services import reminders_send as send

    day = date.fromisoformat(on) if on else timezone.localdate()
    return send(on=day).sent + notifications_send(on=day).sent


def is_eager(application: Any = app) -> bool:
    return bool(application.conf.task_always_eager)


@app.task(name="pacte.import_batch")
def import_batch(batch: str) -> int:
    """Read the files of a background import (``documents.services.import_batch_run``)."""
    from pacte.documents.services import import_batch_run

    return import_batch_run(batch=batch)
