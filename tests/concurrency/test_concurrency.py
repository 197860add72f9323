"""Writers recording at once on one convention, on the real database settings.

Each test runs ``runner.py`` in its own processes, on a fresh database: a SQLite file in
WAL mode (the settings of ``config.settings.base``, not the suite's in-memory SQLite), or,
when ``DATABASE_URL`` names a PostgreSQL server, a database created for the test and
dropped after it. Every answer must be the expected one (no HTTP 500, no « database is
locked »), every write must be found afterwards, the overpayments must add up, and the
amendments must be numbered 1, 2, 3… without a gap.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "runner.py"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of the runner: its own SQLite file, or its own PostgreSQL database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "concurrency_settings",
        "PACTE_CONCURRENCY_DIR": str(tmp_path),
        "PACTE_VAR_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    url = os.environ.get("DATABASE_URL")
    if not url:
        env.pop("DATABASE_URL", None)
        yield env
        return
    import dj_database_url
    import psycopg

    name = f"pacte_concurrency_{uuid.uuid4().hex[:10]}"
    parsed = dj_database_url.parse(url)
    admin = {
        "host": parsed.get("HOST") or None,
        "port": parsed.get("PORT") or None,
        "user": parsed.get("USER") or None,
        "password": parsed.get("PASSWORD") or None,
        "dbname": parsed.get("NAME") or "postgres",
    }
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    try:
        yield env
    finally:
        with psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(RUNNER), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _prepared(env: dict[str, str]) -> str:
    return _run(env, "prepare")["token"]


def _check_mixed(result: dict) -> None:
    expected = result["expected"]
    assert result["errors"] == [], result["errors"][:5]
    # nothing lost, nothing doubled (each API payment was posted twice with its key)
    assert result["web_payments"] == expected["web_payment"]
    assert result["api_payments"] == expected["api_payment"]
    assert result["meetings"] == expected["web_meeting"]
    assert result["documents"] == expected["web_document"]
    numbers = result["amendment_numbers"]
    assert numbers == list(range(1, expected["web_amendment"] + 1))
    assert result["stored_amendments"] == len(numbers)
    assert Decimal(result["overpaid"]) == Decimal(result["overpaid_expected"])


def test_ten_writers_thirty_operations_each(database) -> None:
    token = _prepared(database)
    result = _run(database, "mixed", "--threads=10", "--ops=30", f"--token={token}")
    _check_mixed(result)
    assert Decimal(result["paid"]) == 200 * (60 + 60)  # 120 payments of 200 €
    assert Decimal(result["overpaid"]) == Decimal(24000 - 12500)


def test_writers_in_several_processes(database) -> None:
    token = _prepared(database)
    result = _run(database, "mixed", "--processes=3", "--threads=3", "--ops=10", f"--token={token}")
    _check_mixed(result)


def test_nine_payments_at_once_overpay_by_5500(database) -> None:
    """Nine payments of 2 000 € posted at the same instant on the 12 500 € grant."""
    token = _prepared(database)
    result = _run(database, "overpay", "--threads=9", f"--token={token}")
    assert result["errors"] == []
    assert result["payments"] == 9
    assert Decimal(result["paid"]) == 18000
    assert Decimal(result["overpaid"]) == Decimal(5500)
