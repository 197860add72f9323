"""PostgreSQL plans the main pages' queries on indexes once a bulk load is analysed.

A register of a few thousand conventions is stored through ``conventions_store`` (as an
import does), then ``statistics_refresh`` runs (as the import does after a bulk load).
Every query the pages run is captured and explained (``EXPLAIN``, without running it):
none may read a whole large table (« Seq Scan ») where an index answers: the stored
obligations for an agent's « À faire », the stored states of the page's rows for the
Registre filtered by state, the obligations and records of one convention for its page.
``PACTE_SHOW_PLANS=1`` prints every plan. Skipped on SQLite, whose times are measured by
the benchmarks (``bench/bench_scale.py``).
"""

from __future__ import annotations

import os
import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pacte.accounts.enums import Role
from pacte.accounts.services import membership_set
from pacte.conventions.services import conventions_store, statistics_refresh
from pacte.organisations.models import Organisation
from pacte.terms import Convention as Terms

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="plans de PostgreSQL : base SQLite ici"
    ),
]

CONVENTIONS = 3000
AUTHORITIES = 3
AGENT_SIRET = "21560947000012"


def _siret(number: int) -> str:
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


def _terms(index: int) -> Terms:
    """A town (one of three), an association, one grant of two years: 70 % at signature,
    30 % on the activity report; signed at dates spread over four years."""
    authority = index % AUTHORITIES
    signed = date.fromordinal(date(2023, 1, 1).toordinal() + (index * 37) % 1460)
    return Terms.model_validate(
        {
            "reference": f"plan-{index:05d}",
            "title": f"Convention n° {index}",
            "signed_on": signed,
            "term": {"start_rule": "on_signature", "duration": {"value": 2, "unit": "year"}},
            "renewal": {"kind": "tacit", "period": {"value": 1, "unit": "year"}},
            "termination": {"notice": {"value": 3, "unit": "month"}},
            "parties": [
                {
                    "key": "ville",
                    "role": "public_authority",
                    "organisation": {
                        "name": f"Ville n° {authority}",
                        "kind": "commune",
                        "siret": AGENT_SIRET if authority == 0 else _siret(900 + authority),
                    },
                },
                {
                    "key": "asso",
                    "role": "beneficiary",
                    "organisation": {
                        "name": f"Association n° {index}",
                        "kind": "association",
                        "siret": _siret(index),
                    },
                },
            ],
            "grants": [
                {
                    "key": "subvention",
                    "grantor": "ville",
                    "beneficiary": "asso",
                    "years": [
                        {"year": signed.year, "amount": "10000.00"},
                        {"year": signed.year + 1, "amount": "12000.00"},
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
            ],
        }
    )


def _plans(queries: list[dict[str, str]]) -> list[tuple[str, str]]:
    """Each captured SELECT and its plan."""
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN {sql}")
            plans.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return plans


def _full_reads(plans: list[tuple[str, str]], table: str) -> list[str]:
    pattern = re.compile(rf"Seq Scan on {table}\b")
    return [f"{sql}\n{plan}" for sql, plan in plans if pattern.search(plan)]


def _page(client: Client, url: str) -> list[tuple[str, str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return _plans(captured.captured_queries)


def test_the_main_pages_read_indexes_once_analysed(django_user_model) -> None:
    for first in range(0, CONVENTIONS, 500):
        conventions_store(terms=[_terms(i) for i in range(first, first + 500)])
    statistics_refresh()
    agent = django_user_model.objects.create_user("agent")
    membership_set(
        user=agent, role=Role.AGENT, organisation=Organisation.objects.get(siret=AGENT_SIRET)
    )
    client = Client()
    client.force_login(agent)

    if os.environ.get("PACTE_SHOW_PLANS"):  # to read them: PACTE_SHOW_PLANS=1 pytest -s
        for url in ("/", "/registre/?etat=in_force", "/conventions/plan-00003/"):
            for sql, plan in _page(client, url):
                print(f"--- {url}\n{sql}\n{plan}\n")

    todo = _page(client, "/")
    assert len(todo) > 3
    assert not _full_reads(todo, "followup_storedobligation"), "\n\n".join(
        _full_reads(todo, "followup_storedobligation")
    )

    register = _page(client, "/registre/?etat=in_force")
    assert not _full_reads(register, "followup_storedobligation")
    # the page's 25 rows: the visible conventions in the register's order, each one's
    # state of the day read on the index of its stored states (the counts, which read
    # every visible convention, may scan: a third of a small table)
    [(sql, plan)] = [
        (sql, plan)
        for sql, plan in register
        if "followup_storedstate" in sql and "LIMIT" in sql and "COUNT" not in sql
    ]
    assert re.search(r"Index (Only )?Scan using \S+ on followup_storedstate", plan), plan
    assert not _full_reads([(sql, plan)], "followup_storedstate"), plan
    # and those 25 conventions are the agent's authority's, read in reference order on
    # the parties' index (not the whole register's references, each probed for a party)
    assert "party_organisation_order" in plan, plan
    [(sql, plan)] = [
        (sql, plan)
        for sql, plan in _page(client, "/registre/")
        if "LIMIT" in sql and 'ORDER BY "conventions_party"."reference"' in sql
    ]
    assert "party_organisation_order" in plan, f"{sql}\n{plan}"

    page = _page(client, "/conventions/plan-00003/")
    for table in (
        "followup_storedobligation",
        "followup_storedstate",
        "followup_payment",
        "conventions_party",
        "conventions_grant",
    ):
        assert not _full_reads(page, table), "\n\n".join(_full_reads(page, table))
