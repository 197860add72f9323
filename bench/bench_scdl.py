"""Benchmark: SCDL Subventions export and import of 1 000 000 grant rows, and frictionless.

Run by hand (``make bench`` or ``.venv/bin/python bench/bench_scdl.py [N]``); figures go
to docs/benchmarks.md. Never part of the test suite. Each phase runs in its own process
so its peak memory (maximum resident set size) is its own:

1. ``write``: the streaming writer over a generator of N ``ScdlRow`` built like those the
   register yields (N = 1 000 000 by default) — the file every other phase reads;
2. ``register``: the full path from the database (SQLite file) for a smaller number of
   stored conventions (rules, payment schedule, writer), to give its rate per convention;
3. ``check``: the import's first pass (every row checked, line and column) over the N rows;
4. ``store``: the import's second pass (rows stored in the register) over the first rows;
5. ``frictionless``: ``frictionless validate`` of the N-row file against the schema.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT.parent / "shared" / "schemas" / "scdl-subventions" / "schema.json"


def _siret(rng: random.Random, prefix: str) -> str:
    """A 14-digit identifier with a valid Luhn key."""
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(13 - len(prefix)))
    for key in range(10):
        candidate = body + str(key)
        total = 0
        for index, char in enumerate(reversed(candidate)):
            number = int(char) * (2 if index % 2 else 1)
            total += number - 9 if number > 9 else number
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def generated_rows(count: int, seed: int = 2026) -> Iterator[object]:
    """N rows as ``register_scdl_rows`` yields them: 500 authorities, one row per grant-year."""
    from pacte.outputs.scdl import NATURE_CASH, ScdlRow

    rng = random.Random(seed)
    authorities = [(f"Commune n° {i}", _siret(rng, "21")) for i in range(500)]
    for index in range(count):
        name, siret = authorities[index % len(authorities)]
        signed = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        staged = index % 3 != 0
        first = signed
        last = signed + timedelta(days=rng.randrange(30, 300))
        yield ScdlRow(
            nom_attribuant=name,
            id_attribuant=siret,
            date_convention=signed,
            reference_decision=f"DEL-2025-{index:07d}",
            nom_beneficiaire=f"Association pour l'économie sociale et solidaire n° {index}",
            id_beneficiaire=_siret(rng, "8") if index % 4 else "",
            rna_beneficiaire=f"W{rng.randrange(10**9):09d}",
            objet="Soutien au programme d'actions en faveur de l'économie sociale et solidaire",
            montant=Decimal(rng.randrange(100_000, 10_000_000)) / 100,
            nature=NATURE_CASH,
            conditions_versement="échelonné" if staged else "unique",
            dates_periode_versement=f"{first.isoformat()}/{last.isoformat()}"
            if staged
            else first.isoformat(),
        )


def phase_write(path: Path, count: int) -> dict[str, object]:
    from pacte.outputs.scdl import write_scdl

    start = time.perf_counter()
    for _row in generated_rows(count):
        pass
    generation = time.perf_counter() - start
    start = time.perf_counter()
    with path.open("w", encoding="utf-8", newline="") as stream:
        written = write_scdl(generated_rows(count), stream)
    return {
        "rows": written,
        "seconds": time.perf_counter() - start,
        "generation": generation,
        "bytes": path.stat().st_size,
    }


def _django(var_dir: Path) -> None:
    os.environ["PACTE_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "pacte.config.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def phase_register(var_dir: Path, conventions: int) -> dict[str, object]:
    """Store conventions like the Ville sample (70/30, signed in 2026), then export them."""
    import io

    _django(var_dir)
    from django.db import transaction

    from pacte.conventions.services import convention_store
    from pacte.outputs.scdl import conventions_dated, register_scdl_rows, write_scdl
    from pacte.samples import sample_paths
    from pacte.terms import load_convention_yaml

    base = load_convention_yaml(
        next(p for p in sample_paths() if "ville" in p.name).read_text(encoding="utf-8")
    )
    rng = random.Random(7)
    began = time.perf_counter()
    with transaction.atomic():
        for index in range(conventions):
            parties = list(base.parties)
            beneficiary = parties[1].organisation.model_copy(
                update={
                    "name": f"Association {index}",
                    "siret": _siret(rng, "8"),
                    "siren": None,
                    "rna": None,
                }
            )
            parties[1] = parties[1].model_copy(update={"organisation": beneficiary})
            convention_store(
                terms=base.model_copy(
                    update={"reference": f"bench-{index}", "parties": parties, "deliberation": None}
                )
            )
    stored = time.perf_counter() - began
    out = io.StringIO()
    start = time.perf_counter()
    written = write_scdl(register_scdl_rows(conventions_dated(year=2026)), out)
    return {
        "conventions": conventions,
        "rows": written,
        "seconds": time.perf_counter() - start,
        "store_seconds": stored,
    }


def phase_check(path: Path) -> dict[str, object]:
    from pacte.outputs.scdl_import import Report, check_file

    report = Report(source=path.name)
    start = time.perf_counter()
    check_file(path, report)
    return {
        "rows": report.rows,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "seconds": time.perf_counter() - start,
    }


def phase_store(path: Path, rows: int, var_dir: Path) -> dict[str, object]:
    _django(var_dir)
    from pacte.outputs.scdl_import import scdl_import

    head = var_dir / "head.csv"
    with path.open(encoding="utf-8") as source, head.open("w", encoding="utf-8") as target:
        for index, line in enumerate(source):
            if index > rows:
                break
            target.write(line)
    start = time.perf_counter()
    report = scdl_import(path=head)
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = scdl_import(path=head)
    return {
        "rows": report.created,
        "seconds": first,
        "unchanged": again.unchanged,
        "again_seconds": time.perf_counter() - start,
    }


def phase_frictionless(path: Path) -> dict[str, object]:
    from frictionless import Resource, Schema, system, validate

    schema = Schema.from_descriptor(json.loads(SCHEMA.read_text(encoding="utf-8")))
    start = time.perf_counter()
    with system.use_context(trusted=True):
        report = validate(Resource(path=str(path), schema=schema))
    return {
        "valid": report.valid,
        "errors": len(report.flatten(["type"])),
        "seconds": time.perf_counter() - start,
    }


def _run(*arguments: str) -> dict[str, object]:
    """One phase in a child process, so its peak memory is its own."""
    done = subprocess.run(
        [sys.executable, __file__, *arguments], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--phase":
        phase, arguments = sys.argv[2], sys.argv[3:]
        if phase == "write":
            result = phase_write(Path(arguments[0]), int(arguments[1]))
        elif phase == "register":
            result = phase_register(Path(arguments[0]), int(arguments[1]))
        elif phase == "check":
            result = phase_check(Path(arguments[0]))
        elif phase == "store":
            result = phase_store(Path(arguments[0]), int(arguments[1]), Path(arguments[2]))
        else:
            result = phase_frictionless(Path(arguments[0]))
        # maximum resident set size of this process, in kilobytes on Linux
        result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(json.dumps(result))
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    conventions = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    stored = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000
    with tempfile.TemporaryDirectory(prefix="pacte-bench-scdl-") as work:
        folder = Path(work)
        path = folder / "subventions.csv"
        print(f"SCDL Subventions — {count} lignes")
        result = _run("--phase", "write", str(path), str(count))
        print(
            f"  export (écrivain en flux, {result['rows']} lignes générées) : {result['seconds']:.1f} s "
            f"(dont génération des lignes : {result['generation']:.1f} s), "
            f"{int(result['bytes']) / 1e6:.0f} Mo, mémoire maximale {result['peak_mb']} Mo"
        )
        (folder / "db1").mkdir()
        result = _run("--phase", "register", str(folder / "db1"), str(conventions))
        rate = float(result["seconds"]) / int(result["rows"]) * 1e3
        print(
            f"  export depuis la base ({result['conventions']} conventions, {result['rows']} lignes) : "
            f"{result['seconds']:.1f} s, {rate:.2f} ms par ligne, mémoire maximale {result['peak_mb']} Mo "
            f"(enregistrement préalable : {result['store_seconds']:.0f} s)"
        )
        result = _run("--phase", "check", str(path))
        print(
            f"  import, contrôle des {result['rows']} lignes : {result['seconds']:.1f} s, "
            f"{result['errors']} erreur(s), mémoire maximale {result['peak_mb']} Mo"
        )
        (folder / "db2").mkdir()
        result = _run("--phase", "store", str(path), str(stored), str(folder / "db2"))
        rate = float(result["seconds"]) / max(1, int(result["rows"])) * 1e3
        print(
            f"  import, enregistrement de {result['rows']} lignes : {result['seconds']:.1f} s, "
            f"{rate:.2f} ms par ligne ; second import ({result['unchanged']} inchangées) : "
            f"{result['again_seconds']:.1f} s ; mémoire maximale {result['peak_mb']} Mo"
        )
        if SCHEMA.is_file():
            result = _run("--phase", "frictionless", str(path))
            print(
                f"  frictionless validate : {result['seconds']:.1f} s, valide : {result['valid']}, "
                f"mémoire maximale {result['peak_mb']} Mo"
            )
        else:
            print("  frictionless : ../shared/schemas absent, mesure omise")


if __name__ == "__main__":
    main()
