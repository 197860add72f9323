"""Benchmark: storing conventions through the import paths, queries and CPU per convention.

Run by hand, never in the test suite; figures go to docs/benchmarks.md::

    .venv/bin/python bench/bench_store.py [N] [--kind scdl|samples] [--profile]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_store.py 500

- ``scdl`` (default): an SCDL « Subventions » file of N rows (500 authorities, one
  beneficiary per row, like ``bench_scdl.py``) imported by ``scdl_import``, the path a
  whole register takes in; the file is checked first (first pass), then stored. With
  ``--recurring P``, P % of the rows name the beneficiary of an earlier row (a second
  grant to the same association: the import then looks for it in the register);
- ``samples``: N copies of the three sample conventions (two to ten parties, articles,
  bodies, grants with years and instalments, action sheets, a deliberation), each
  stored by ``convention_store`` (``pacte load``, a confirmed draft).

Production settings (``pacte.config.settings.local``: no DEBUG, so no query log).
Without ``DATABASE_URL`` the database is a throwaway SQLite file; with it, a database
``pacte_bench_store`` is created on that server and dropped at the end. CPU is this
process's (``time.process_time``): with SQLite it includes the database's work, with
PostgreSQL the server's work is not counted. Queries are counted by a wrapper around
every statement (savepoints included).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

BENCH_DATABASE = "pacte_bench_store"


def _setup() -> str:
    """Point Django at a throwaway database; returns its description."""
    url = os.environ.get("DATABASE_URL", "")
    folder = Path(tempfile.mkdtemp(prefix="pacte-bench-store-"))
    os.environ["PACTE_VAR_DIR"] = str(folder)
    if url.startswith("postgres"):
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
            admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))
        described = f"PostgreSQL ({BENCH_DATABASE})"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
        described = f"SQLite ({folder / 'bench.sqlite3'})"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacte.config.settings.local")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return described


def _teardown() -> None:
    url = os.environ.get("DATABASE_URL", "")
    folder = Path(tempfile.mkdtemp(prefix="pacte-bench-store-"))
    os.environ["PACTE_VAR_DIR"] = str(folder)
    if url.startswith("postgres"):
        import psycopg
        from django.db import connections

        connections.close_all()
        parts = urlsplit(url)
        with psycopg.connect(
            urlunsplit(parts._replace(path="/postgres")), autocommit=True
        ) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")


class Counter:
    """Counts every statement sent to the database (``connection.execute_wrapper``)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def _sample_copies(count: int):  # type: ignore[no-untyped-def]
    """``count`` copies of the samples, each with its own reference, beneficiary and act."""
    import random
    from datetime import timedelta

    from bench_scdl import _siret

    from pacte.samples import sample_paths
    from pacte.terms import load_convention_yaml

    rng = random.Random(11)
    samples = [load_convention_yaml(p.read_text(encoding="utf-8")) for p in sample_paths()]
    for index in range(count):
        base = samples[index % len(samples)]
        parties = list(base.parties)
        beneficiary = parties[1].organisation.model_copy(
            update={
                "name": f"Association n° {index}",
                "siret": _siret(rng, "8"),
                "siren": None,
                "rna": None,
            }
        )
        parties[1] = parties[1].model_copy(update={"organisation": beneficiary})
        update = {"reference": f"{base.reference}-{index:06d}", "parties": parties}
        if base.deliberation is not None:
            session = base.deliberation.session.model_copy(
                update={"date": base.deliberation.session.date + timedelta(days=index % 300)}
            )
            update["deliberation"] = base.deliberation.model_copy(
                update={"number": f"D-{index:06d}", "session": session}
            )
        yield base.model_copy(update=update)


def scdl_rows(count: int, recurring: int):  # type: ignore[no-untyped-def]
    """``bench_scdl.generated_rows``, with ``recurring`` % of the beneficiaries repeated."""
    import dataclasses
    import random

    from bench_scdl import generated_rows

    rng = random.Random(5)
    earlier = []
    for index, row in enumerate(generated_rows(count)):
        if earlier and rng.randrange(100) < recurring:
            name, siret, rna = earlier[rng.randrange(len(earlier))]
            row = dataclasses.replace(
                row,
                nom_beneficiaire=name,
                id_beneficiaire=siret,
                rna_beneficiaire=rna,
                reference_decision=f"{row.reference_decision}-bis{index}",
            )
        else:
            earlier.append((row.nom_beneficiaire, row.id_beneficiaire, row.rna_beneficiaire))
        yield row


def run(count: int, kind: str, profile: bool, recurring: int = 0) -> None:
    described = _setup()
    from django.db import connection, transaction

    from pacte.conventions.models import Convention
    from pacte.followup.models import StoredObligation

    counter = Counter()
    profiler = cProfile.Profile() if profile else None
    if kind == "scdl":
        from pacte.outputs.scdl import write_scdl
        from pacte.outputs.scdl_import import Report, check_file, scdl_import

        path = Path(tempfile.mkdtemp(prefix="pacte-bench-store-csv-")) / "subventions.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            write_scdl(scdl_rows(count, recurring), stream)
        check_cpu = time.process_time()
        check_file(path, Report(source=path.name))
        check_cpu = time.process_time() - check_cpu
        wall, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(counter):
            if profiler:
                profiler.enable()
            report = scdl_import(path=path)
            if profiler:
                profiler.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        stored = report.created
        print(
            f"{described} — import SCDL de {count} lignes ({recurring} % de bénéficiaires "
            f"déjà vus) : {stored} conventions créées"
        )
        print(
            f"  premier passage (contrôle seul) : {check_cpu * 1000 / count:.2f} ms CPU par ligne"
        )
        cpu -= check_cpu  # the import checks the file first: count the store alone
    else:
        from pacte.conventions.services import convention_store

        copies = list(_sample_copies(count))
        wall, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(counter), transaction.atomic():
            if profiler:
                profiler.enable()
            for terms in copies:
                convention_store(terms=terms)
            if profiler:
                profiler.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        stored = count
        print(f"{described} — {count} conventions (copies des exemples) par convention_store")
    assert Convention.objects.count() >= stored
    print(
        f"  enregistrement : {wall:.1f} s écoulées, {cpu:.1f} s CPU ; par convention : "
        f"{counter.count / stored:.1f} requêtes, {cpu * 1000 / stored:.2f} ms CPU, "
        f"{wall * 1000 / stored:.2f} ms écoulées ; "
        f"{StoredObligation.objects.count()} obligations gardées"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    _teardown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=500)
    parser.add_argument("--kind", choices=("scdl", "samples"), default="scdl")
    parser.add_argument("--recurring", type=int, default=0, metavar="P")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    run(args.count, args.kind, args.profile, args.recurring)


if __name__ == "__main__":
    main()
