"""Storing conventions costs a fixed number of queries, whatever their size or number.

Counts, never times: ``CaptureQueriesContext`` counts every statement sent (savepoints
included). Organisations and people are matched in one query, every kind of child row
is written by one ``INSERT``, and the stored calendar is computed from the terms in
memory instead of being read back.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pacte.conventions.models import Convention
from pacte.conventions.services import convention_store, conventions_store
from pacte.followup.models import StoredObligation
from pacte.organisations.models import Organisation, Person
from pacte.outputs.scdl import COLUMNS
from pacte.outputs.scdl_import import EXAMPLE, scdl_import
from pacte.terms import Convention as Terms

pytestmark = pytest.mark.django_db


def _siret(number: int) -> str:
    """A 14-digit SIRET with a valid Luhn key."""
    body = f"8{number:012d}"
    for key in range(10):
        candidate = body + str(key)
        total = 0
        for index, char in enumerate(reversed(candidate)):
            digit = int(char) * (2 if index % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def _terms(reference: str, beneficiaries: int, *, first: int = 0, plain: bool = False) -> Terms:
    """A convention between a town and ``beneficiaries`` associations (each with its
    representative, its signature and its grant of two years in two instalments).

    ``plain``: the shape of an SCDL row (no one named, no signature block, one year
    paid at once)."""
    keys = [f"asso{i}" for i in range(beneficiaries)]
    if plain:
        return Terms.model_validate(
            {
                "reference": reference,
                "title": f"Convention {reference}",
                "signed_on": "2026-03-02",
                "parties": [
                    {
                        "key": "ville",
                        "role": "public_authority",
                        "organisation": {"name": "Ville de Lorval", "kind": "commune"},
                    },
                    {
                        "key": "asso",
                        "role": "beneficiary",
                        "organisation": {
                            "name": f"Association n° {first}",
                            "kind": "association",
                            "siret": _siret(first),
                        },
                    },
                ],
                "grants": [
                    {
                        "key": "subvention",
                        "grantor": "ville",
                        "beneficiary": "asso",
                        "years": [{"year": 2026, "amount": "4000.00"}],
                        "instalments": [
                            {
                                "kind": "single",
                                "percent": 100,
                                "trigger": {"kind": "on_date", "date": "2026-04-01"},
                            }
                        ],
                    }
                ],
            }
        )
    return Terms.model_validate(
        {
            "reference": reference,
            "title": f"Convention {reference}",
            "signed_on": "2026-03-02",
            "term": {"start_rule": "on_signature", "duration": {"value": 2, "unit": "year"}},
            "parties": [
                {
                    "key": "ville",
                    "role": "public_authority",
                    "organisation": {"name": "Ville de Lorval", "kind": "commune"},
                    "representative": {"last_name": "Le Goff", "title": "Maire"},
                },
                *(
                    {
                        "key": key,
                        "role": "beneficiary",
                        "organisation": {
                            "name": f"Association n° {first + i}",
                            "kind": "association",
                            "siret": _siret(first + i),
                        },
                        "representative": {"last_name": f"Président {first + i}"},
                    }
                    for i, key in enumerate(keys)
                ),
            ],
            "grants": [
                {
                    "key": f"subvention-{key}",
                    "grantor": "ville",
                    "beneficiary": key,
                    "years": [
                        {"year": 2026, "amount": "4000.00"},
                        {"year": 2027, "amount": "5000.00"},
                    ],
                    "instalments": [
                        {"kind": "advance", "percent": 70, "trigger": {"kind": "on_signature"}},
                        {
                            "kind": "balance",
                            "percent": 30,
                            "trigger": {
                                "kind": "on_documents",
                                "documents": [{"kind": "activity_report"}],
                            },
                        },
                    ],
                }
                for key in keys
            ],
            "signatures": [{"party": key} for key in ["ville", *keys]],
        }
    )


def _count(action, *, savepoints: bool = True) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(
        [
            query
            for query in captured.captured_queries
            if savepoints or not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        ]
    )


def test_query_count_does_not_grow_with_parties_and_grants() -> None:
    small = _count(lambda: convention_store(terms=_terms("petite", 1)))
    large = _count(lambda: convention_store(terms=_terms("grande", 8, first=100)))

    assert large == small
    assert Organisation.objects.count() == 1 + 1 + 8
    assert Person.objects.count() == 1 + 1 + 8
    stored = Convention.objects.get(reference="grande")
    assert stored.to_terms() == _terms("grande", 8, first=100)
    assert stored.grants.count() == 8


def test_storing_again_costs_a_fixed_number_of_queries_too() -> None:
    convention_store(terms=_terms("petite", 1))
    convention_store(terms=_terms("grande", 8, first=100))

    small = _count(lambda: convention_store(terms=_terms("petite", 1)))
    large = _count(lambda: convention_store(terms=_terms("grande", 8, first=100)))

    assert large == small


def test_a_convention_of_an_import_is_stored_in_about_ten_queries() -> None:
    """Town, association, one grant paid at once: the shape of an SCDL row."""
    convention_store(terms=_terms("avant", 1, plain=True))  # the town is known

    queries = _count(
        lambda: convention_store(terms=_terms("apres", 1, first=1, plain=True)),
        savepoints=False,
    )

    # the convention looked up, the organisations matched, the new association, the
    # convention, its parties, grant and instalment, the journal entry, then its leaf
    # rows: the grant's year; the obligations, states, figures and amounts, the counts
    # and the sums kept per organisation and the authorities they were kept under.
    # PostgreSQL receives the leaf rows of each step as one statement (two in all);
    # SQLite, in the process, one statement per table. Nothing else (savepoints aside).
    # In an import, a batch of conventions shares these queries (test below).
    assert queries <= (10 if connection.vendor == "postgresql" else 16)


def test_many_conventions_are_stored_in_the_queries_of_one() -> None:
    one = _count(lambda: conventions_store(terms=[_terms("seule", 2)]))
    many = _count(
        lambda: conventions_store(
            terms=[_terms(f"lot-{i}", 2, first=10 * (i + 1)) for i in range(12)]
        )
    )

    # twelve times the rows, the same statements: only SQLite's limit of 999 values per
    # statement splits the longest inserts (the obligations) in a few
    assert many <= one + 4
    assert Convention.objects.count() == 13


def test_a_reference_given_twice_in_a_batch_is_stored_then_replaced() -> None:
    first = _terms("double", 1)
    second = _terms("double", 2, first=50)

    stored = conventions_store(terms=[first, second])

    assert [item.created for item in stored] == [True, False]
    assert Convention.objects.get(reference="double").to_terms() == second


def _scdl_file(path: Path, rows: int, first: int = 0) -> Path:
    lines = [",".join(COLUMNS)]
    for index in range(first, first + rows):
        row = dict(
            EXAMPLE,
            nomBeneficiaire=f"Association n° {index}",
            idBeneficiaire=_siret(index),
            rnaBeneficiaire="",
            montant=str(1000 + index),
            referenceDecision=f"DEL-{index:04d}",
        )
        lines.append(",".join(row.get(name, "") for name in COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_scdl_import_costs_less_than_a_query_per_row(tmp_path: Path) -> None:
    path = _scdl_file(tmp_path / "subventions.csv", 120)

    queries = _count(lambda: scdl_import(path=path))

    assert Convention.objects.count() == 120
    assert StoredObligation.objects.filter(amount=Decimal("1000")).exists()
    assert queries < 120


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    path = _scdl_file(tmp_path / "subventions.csv", 30)
    scdl_import(path=path)

    report = scdl_import(path=path)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 30)
    assert Organisation.objects.count() == 31


def test_a_bulk_import_refreshes_the_statistics(tmp_path: Path, monkeypatch) -> None:
    from pacte.conventions import services

    calls = []
    monkeypatch.setattr(services, "statistics_refresh", lambda: calls.append(True))
    scdl_import(path=_scdl_file(tmp_path / "petit.csv", services.BULK_LOAD - 1))
    assert calls == []

    scdl_import(path=_scdl_file(tmp_path / "gros.csv", services.BULK_LOAD, first=1000))

    assert calls == [True]


def test_statistics_are_computed_on_postgresql_only() -> None:
    """PostgreSQL needs them to plan on the indexes; SQLite plans better without them
    (see ``statistics_refresh``)."""
    from pacte.conventions.services import statistics_refresh

    convention_store(terms=_terms("une", 2))

    statistics_refresh()

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        else:
            cursor.execute(
                "SELECT relname FROM pg_class WHERE reltuples > 0 AND relname LIKE 'followup_%'"
            )
        tables = {row[0] for row in cursor.fetchall()}
    if connection.vendor == "sqlite":
        assert tables == set()
    else:
        assert "followup_storedobligation" in tables


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_tables_are_vacuumed_too() -> None:
    """After a bulk load committed, PostgreSQL's tables are vacuumed (pages marked visible
    to all: counts read on the indexes alone) as well as analysed."""
    from pacte.conventions.services import ANALYZED_TABLES, statistics_refresh

    if connection.vendor != "postgresql":
        pytest.skip("VACUUM : PostgreSQL seulement")
    convention_store(terms=_terms("une", 2))

    statistics_refresh()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL "
            "AND last_analyze IS NOT NULL"
        )
        done = {row[0] for row in cursor.fetchall()}
    assert set(ANALYZED_TABLES) <= done
