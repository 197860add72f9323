"""Benchmark at scale: a register of N conventions stored through the import path, the
nightly refresh after a day of events, and the pages' times for an agent and an admin.

Run by hand, never in the test suite (figures go to docs/benchmarks.md)::

    .venv/bin/python bench/bench_scale.py 10000                     # SQLite, throwaway file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_scale.py 10000
    .venv/bin/python bench/bench_scale.py 10000 --keep /tmp/registre-10k   # keep the base;
    .venv/bin/python bench/bench_scale.py 10000 --keep /tmp/registre-10k --pages-only
    .venv/bin/python bench/bench_scale.py 3000 --store-only --profile /tmp/store.prof  # store phase alone

Phases, each timed apart (elapsed and this process's CPU; the machine may be shared, so
CPU and counts are the figures to compare):

1. **store**: N copies of the three sample conventions (dates shifted up to two years
   either way so that states and due dates vary, a beneficiary of its own for each),
   stored by ``conventions_store`` 500 at a time, each batch in its transaction, as
   ``pacte load`` of many files does (the calendar of each is computed as it is
   stored); then ``statistics_refresh`` (``ANALYZE``), as a bulk load ends. The agent's
   town (Saint-Gwenaël) is party to a third of the register;
2. **full refresh** (``--full``, or when the base is new and N ≤ 20 000): the nightly
   refresh of every convention (``pacte manage obligations_refresh --all``);
3. **a day of events**: the next day, 1 % of the conventions get a record (payment,
   document received, meeting), through the follow-up's services; then the nightly
   refresh of that day, incremental: only what may have changed is recomputed;
4. **pages**: « À faire » (``/``), the Registre (``/registre/``, and filtered by state),
   the dashboard (``/tableau-de-bord/``) and a convention's page, for the agent and the
   administrator, by Django's test client (no network): one warm-up, then ``--repeat``
   requests (3 only when the warm-up took more than 5 s); median and 95th percentile,
   and the number of queries.

Without ``DATABASE_URL`` the base is an SQLite file in a temporary folder (or ``--keep``
DIR); with it, a database ``pacte_bench_scale`` (or ``--keep`` NAME) on that server,
dropped at the end unless kept. Production settings (no DEBUG).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

DAY = date(2026, 11, 22)
AGENT_SIRET = "21560947000012"  # Ville de Saint-Gwenaël-sur-Blavet
BATCH = 500
clock = {"day": DAY}


def _setup(keep: str | None) -> tuple[str, bool]:
    """Point Django at the bench base; returns its description and whether it is new."""
    url = os.environ.get("DATABASE_URL", "")
    folder = Path(keep) if keep and not url.startswith("postgres") else None
    folder = folder or Path(tempfile.mkdtemp(prefix="pacte-bench-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["PACTE_VAR_DIR"] = str(folder)
    os.environ["PACTE_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacte.config.settings.local")
    if url.startswith("postgres"):
        import psycopg

        name = keep or "pacte_bench_scale"
        with psycopg.connect(url, autocommit=True) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if exists and not keep:
                admin.execute(f"DROP DATABASE {name}")
            if not exists or not keep:
                admin.execute(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
        new = not (exists and keep)
        described = f"PostgreSQL, base {name}"
    else:
        path = folder / "bench.sqlite3"
        new = not path.exists()
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        described = f"SQLite, {path}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # the pages' static files by name: no ``collectstatic`` (``pacte serve`` runs it)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with mock.patch("django.utils.timezone.localdate", lambda *a, **k: clock["day"]):
        call_command("migrate", interactive=False, verbosity=0)
    return described, new


def _teardown(keep: str | None) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres") and not keep:
        import psycopg
        from django.db import connections

        connections.close_all()
        with psycopg.connect(
            urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True
        ) as admin:
            admin.execute("DROP DATABASE IF EXISTS pacte_bench_scale")


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def measured(label: str, per: int | None = None, unit: str = "convention"):  # type: ignore[no-untyped-def]
    """Print elapsed, CPU and queries of the block (and per ``unit`` when ``per``)."""
    from django.db import connection

    counter = Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counter):
        yield counter
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    line = f"{label} : {wall:.1f} s écoulées, {cpu:.1f} s CPU, {counter.count} requêtes"
    if per:
        line += (
            f" ; par {unit} : {cpu * 1000 / per:.2f} ms CPU, {wall * 1000 / per:.2f} ms "
            f"écoulées, {counter.count / per:.1f} requêtes"
        )
    print(line, flush=True)


def _copies(count: int):  # type: ignore[no-untyped-def]
    """``count`` copies of the samples: dates shifted, a beneficiary of its own."""
    import random

    from bench_scdl import _siret

    from pacte.samples import sample_paths
    from pacte.terms import load_convention_yaml

    rng = random.Random(13)
    samples = [load_convention_yaml(p.read_text(encoding="utf-8")) for p in sample_paths()]
    for index in range(count):
        base = samples[index % len(samples)]
        days = timedelta(days=(index * 37) % 1460 - 730)
        parties = list(base.parties)
        beneficiary = parties[1].organisation.model_copy(
            update={
                "name": f"{parties[1].organisation.name} n° {index}",
                "siret": _siret(rng, "8"),
                "siren": None,
                "rna": None,
            }
        )
        parties[1] = parties[1].model_copy(update={"organisation": beneficiary})
        update: dict[str, Any] = {
            "reference": f"{base.reference}-{index:06d}",
            "parties": parties,
            "deliberation": None,
            "signed_on": base.signed_on + days if base.signed_on else None,
        }
        if base.term is not None:
            update["term"] = base.term.model_copy(
                update={
                    "start": base.term.start + days if base.term.start else None,
                    "end": base.term.end + days if base.term.end else None,
                }
            )
        yield base.model_copy(update=update)


def phase_store(count: int, profile: str | None = None) -> None:
    import cProfile

    from django.db import transaction

    from pacte.conventions.services import conventions_store, statistics_refresh

    copies = _copies(count)
    profiler = cProfile.Profile() if profile else None
    with (
        measured(f"enregistrement de {count} conventions (lots de {BATCH})", per=count),
        profiler or contextlib.nullcontext(),
    ):
        done = 0
        while done < count:
            batch = [next(copies) for _ in range(min(BATCH, count - done))]
            with transaction.atomic():
                conventions_store(terms=batch)
            done += len(batch)
            if done % 5000 == 0:
                print(f"  … {done}", file=sys.stderr, flush=True)
    if profiler and profile:
        profiler.dump_stats(profile)
    with measured("statistiques de la base (ANALYZE)"):
        statistics_refresh()


def phase_full_refresh(count: int) -> None:
    from pacte.followup.calendars import obligations_refresh_nightly

    with measured("recalcul de nuit complet (--all)", per=count):
        run = obligations_refresh_nightly(on=clock["day"], full=True)
    print(f"  {run.conventions} conventions recalculées")


def phase_day_of_events(count: int) -> None:
    from django.contrib.auth import get_user_model

    from pacte.conventions.models import Convention
    from pacte.followup import calendars, services
    from pacte.followup.models import RefreshRun
    from pacte.terms import DocumentKind

    if not RefreshRun.objects.exists():
        # the base was stored today, calendars included: the last run is today's
        from django.utils import timezone

        RefreshRun.objects.create(
            started_at=timezone.now(), finished_at=timezone.now(), day=clock["day"]
        )
    clock["day"] += timedelta(days=1)
    day = clock["day"]
    agent = get_user_model().objects.filter(username="agent").first()
    targets = list(
        Convention.objects.order_by("?").prefetch_related("grants", "governing_bodies")[
            : max(3, count // 100)
        ]
    )
    recorded = refused = 0
    with measured(
        f"une journée d'événements ({len(targets)} saisies)", per=len(targets), unit="saisie"
    ):
        for index, convention in enumerate(targets):
            grants = list(convention.grants.all())
            bodies = list(convention.governing_bodies.all())
            try:
                if index % 3 == 0 and grants:
                    services.payment_record(
                        convention=convention,
                        amount=Decimal("1500"),
                        paid_on=day,
                        grant=grants[0].key,
                        by=agent,
                        override_reason="banc d'essai",
                    )
                elif index % 3 == 1 or not bodies:
                    services.document_receive(
                        convention=convention,
                        kind=DocumentKind.ACTIVITY_REPORT,
                        received_on=day,
                        year=day.year,
                        by=agent,
                    )
                else:
                    services.meeting_record(
                        convention=convention, body=bodies[0].key, held_on=day, by=agent
                    )
                recorded += 1
            except services.FollowupError:
                refused += 1
    print(f"  {recorded} saisies enregistrées, {refused} refusées (date avant le début…)")
    plan = calendars.refresh_plan(on=day)
    with measured("recalcul de nuit incrémental du lendemain", per=max(1, len(plan.ids))):
        run = calendars.obligations_refresh_nightly(on=day)
    print(
        f"  {run.conventions} conventions recalculées sur {count} "
        f"({run.conventions * 100 / count:.1f} %)"
    )


def _users() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from pacte.accounts.enums import Role
    from pacte.accounts.services import membership_set
    from pacte.organisations.models import Organisation

    users = get_user_model().objects
    agent, created = users.get_or_create(username="agent")
    if created:
        membership_set(
            user=agent, role=Role.AGENT, organisation=Organisation.objects.get(siret=AGENT_SIRET)
        )
    admin = users.filter(username="admin").first() or users.create_superuser("admin")
    return {"agent": agent, "administrateur": admin}


def phase_pages(repeat: int, urls: list[str]) -> None:
    from django.db import connection
    from django.test import Client

    from pacte.conventions.models import Convention

    reference = (
        Convention.objects.filter(parties__organisation__siret=AGENT_SIRET)
        .order_by("pk")
        .values_list("reference", flat=True)[10]
    )
    urls = urls or [
        "/",
        "/registre/",
        "/registre/?etat=in_force",
        "/tableau-de-bord/",
        f"/conventions/{reference}/",
    ]
    for name, user in _users().items():
        client = Client()
        client.force_login(user)
        for url in urls:
            counter = Counter()
            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                response = client.get(url)
            first = time.perf_counter() - started
            assert response.status_code == 200, (url, response.status_code)
            times, cpu = [], []
            for _ in range(3 if first > 5 else repeat):
                started, cpu_started = time.perf_counter(), time.process_time()
                client.get(url)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            times.sort()
            cpu.sort()

            def p95(values: list[float]) -> float:
                return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]

            # CPU: this process's (SQLite runs in it); the figure to compare on a shared
            # machine, where elapsed times grow with the other workers' load
            print(
                f"  {name:14} {url[:40]:40} médiane {statistics.median(times) * 1000:7.0f} ms"
                f"  p95 {p95(times) * 1000:7.0f} ms  (CPU médiane "
                f"{statistics.median(cpu) * 1000:5.0f} ms, p95 {p95(cpu) * 1000:5.0f} ms ; "
                f"{len(times)} requêtes, {counter.count} requêtes SQL, "
                f"{len(response.content) // 1024} Kio)",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--keep", help="dossier (SQLite) ou nom de base (PostgreSQL) à garder")
    parser.add_argument("--full", action="store_true", help="mesurer le recalcul complet")
    parser.add_argument("--pages-only", action="store_true")
    parser.add_argument(
        "--store-only", action="store_true", help="s'arrêter après l'enregistrement"
    )
    parser.add_argument("--profile", help="profil (cProfile) de l'enregistrement dans ce fichier")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("urls", nargs="*", default=[])
    args = parser.parse_args()
    described, new = _setup(args.keep)
    load = os.getloadavg()
    print(
        f"{described} — {args.count} conventions ; charge de la machine au départ : "
        f"{load[0]:.1f} (2 cœurs partagés)",
        flush=True,
    )
    with mock.patch("django.utils.timezone.localdate", lambda *a, **k: clock["day"]):
        from pacte.conventions.models import Convention

        if new:
            phase_store(args.count, args.profile)
        if args.store_only:
            _teardown(args.keep)
            return
        if not args.pages_only:
            if args.full or (new and args.count <= 20_000):
                phase_full_refresh(Convention.objects.count())
            _users()
            phase_day_of_events(Convention.objects.count())
        else:
            from pacte.followup.models import RefreshRun

            last = RefreshRun.objects.order_by("-started_at").first()
            clock["day"] = last.day if last else DAY
        print("pages (Django, client de test) :", flush=True)
        phase_pages(args.repeat, args.urls)
    print(f"charge de la machine à la fin : {os.getloadavg()[0]:.1f}")
    _teardown(args.keep)


if __name__ == "__main__":
    main()
