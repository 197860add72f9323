"""Looking an organisation up by SIRET reads an index, on SQLite as on PostgreSQL.

The uniqueness of a stated SIRET is a partial index (``WHERE siret <> ''``): SQLite cannot
use it for ``siret = ?`` when the value comes as a bound parameter (what Django sends),
since it cannot prove the value is not empty; every import and the SCDL export look
organisations up by SIRET, so without a plain index each lookup reads the whole table.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection

from pacte.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return " | ".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute("EXPLAIN " + sql, params)
            return " | ".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("SET enable_seqscan = on")


def test_lookup_by_siret_uses_an_index():
    Organisation.objects.create(name="Association des jardins", siret="84385710500016")
    plan = _plan(Organisation.objects.filter(siret="84385710500016"))
    assert re.search(r"\borganisation_siret\b|organisation_siret_unique", plan), plan
    if connection.vendor == "sqlite":
        assert not plan.startswith("SCAN"), plan
    else:
        assert "Seq Scan" not in plan, plan


def test_lookup_of_several_sirets_uses_an_index():
    plan = _plan(Organisation.objects.filter(siret__in=["84385710500016", "21560947000012"]))
    assert re.search(r"\borganisation_siret\b|organisation_siret_unique", plan), plan
    assert not plan.startswith("SCAN") and "Seq Scan" not in plan, plan
