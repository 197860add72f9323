"""Benchmark: « À faire » (/) and « Registre » (/registre/) with 10 000 conventions.

Run by hand: ``.venv/bin/python bench/bench_web.py [COUNT]`` (default 10 000). A throwaway
SQLite file is created in a temporary folder and migrated; the three sample conventions
are stored with ``convention_store``, then copied COUNT times: the ``Convention`` rows
with ``bulk_create`` (references, dates and signature shifted so the states and due
dates vary), their children (parties, articles, grants, bodies…) with
``store_children``, the function ``convention_store`` calls, but without its audit entry
and deliberation handling. Then every calendar is stored with ``obligations_refresh_many``
(what the nightly ``pacte manage obligations_refresh`` runs), timed apart. The pages are requested with Django's test client as an
agent of the Ville de Saint-Gwenaël (who sees a third of the register) and as the
administrator (who sees it all): median of 5 after one warm-up. Figures go to
docs/benchmarks.md.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

# PACTE_BENCH_DB=chemin.sqlite3 keeps the generated base: a second run with the same
# file skips the generation (the calendars are refreshed only if the file lacks them).
DB = Path(
    os.environ.get("PACTE_BENCH_DB")
    or Path(tempfile.mkdtemp(prefix="pacte-bench-web-")) / "bench.sqlite3"
)
TMP = DB.parent
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacte.config.settings.test")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from pacte.accounts.enums import Role  # noqa: E402
from pacte.accounts.services import membership_set  # noqa: E402
from pacte.conventions.models import Convention  # noqa: E402
from pacte.conventions.services import convention_store  # noqa: E402
from pacte.conventions.terms_to_rows import convention_fields, store_children  # noqa: E402
from pacte.followup.calendars import obligations_refresh_many  # noqa: E402
from pacte.followup.models import StoredObligation, StoredState  # noqa: E402
from pacte.organisations.models import Organisation  # noqa: E402
from pacte.samples import sample_paths  # noqa: E402
from pacte.terms import load_convention_yaml  # noqa: E402

TODAY = date(2026, 11, 22)
AGENT_SIRET = "21560947000012"  # Ville de Saint-Gwenaël-sur-Blavet


def _shift(value: date | None, days: int) -> date | None:
    return value + timedelta(days=days) if value is not None else None


def generate(count: int) -> float:
    """Store the samples, then ``count`` copies; returns the seconds it took."""
    started = time.perf_counter()
    samples = []
    for path in sample_paths():
        terms = load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)
        convention_store(terms=terms)
        samples.append(terms)
    batch = 1000
    for first in range(0, count, batch):
        with transaction.atomic():
            rows, sources = [], []
            for index in range(first, min(first + batch, count)):
                terms = samples[index % len(samples)]
                fields = convention_fields(terms)
                days = (index * 37) % 1460 - 730  # two years either way
                for name in ("signed_on", "term_start", "term_end"):
                    if name in fields:
                        fields[name] = _shift(fields[name], days)
                rows.append(Convention(reference=f"{terms.reference}-{index:05d}", **fields))
                sources.append(terms)
            for row, terms in zip(Convention.objects.bulk_create(rows), sources, strict=True):
                store_children(row, terms)
        print(f"  {min(first + batch, count)} conventions", file=sys.stderr)
    return time.perf_counter() - started


def refresh() -> float:
    """Store every calendar, as the nightly ``pacte manage obligations_refresh`` does."""
    started = time.perf_counter()
    obligations_refresh_many(Convention.objects.all(), on=TODAY)
    return time.perf_counter() - started


def timed(client: Client, url: str, repeat: int = 5) -> tuple[float, int, int]:
    """Median seconds over ``repeat`` requests (after a warm-up), queries and page size.

    A page slower than 5 s is measured once more only (the warm-up tells enough).
    """
    started = time.perf_counter()
    client.get(url)
    if time.perf_counter() - started > 5:
        repeat = 1
    times = []
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(connection.queries), len(response.content)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    setup_test_environment()
    settings.DEBUG = True  # to count the queries
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    if not Convention.objects.exists():
        print(f"Generating {count} conventions in {TMP}…", file=sys.stderr)
        seconds = generate(count)
        print(f"generation: {seconds:.1f} s ({Convention.objects.count()} conventions)")
    computed = StoredState.objects.values("convention").distinct().count()
    if computed < Convention.objects.count():
        seconds = refresh()
        print(f"obligations_refresh: {seconds:.1f} s ({StoredObligation.objects.count()} rows)")
    users = get_user_model().objects
    agent, created = users.get_or_create(username="agent")
    if created:
        membership_set(
            user=agent, role=Role.AGENT, organisation=Organisation.objects.get(siret=AGENT_SIRET)
        )
    admin = users.filter(username="admin").first() or users.create_superuser("admin")
    for name, user in (("agent", agent), ("admin", admin)):
        client = Client()
        client.force_login(user)
        for url in sys.argv[2:] or [
            "/",
            "/registre/",
            "/registre/?etat=in_force",
            "/registre/?tri=-amount&montant_min=1000",
            "/a-faire/versements/",
            "/a-faire/versements/?page=40",
        ]:
            median, queries, size = timed(client, url)
            print(
                f"{name:6} {url:45} {median * 1000:8.0f} ms  {queries:3} requêtes  {size // 1024} Kio"
            )


if __name__ == "__main__":
    main()
