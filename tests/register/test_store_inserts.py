"""The lean insert path (``pacte.conventions.inserts``) writes exactly what Django's
``bulk_create`` wrote: every row of every table, value by value, with the type the
database returns it in (SQLite and PostgreSQL).

The same conventions are stored twice, by the import path as it is and with every
``rows_insert`` / ``values_insert`` replaced by ``bulk_create``; the first store is
rolled back before the second. Ids are compared by rank (PostgreSQL does not give back
the ids of a rolled-back insert), and so are the keys that point to them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.apps import apps
from django.db import DataError, connection, transaction
from django.utils import timezone

from pacte.conventions import inserts
from pacte.conventions.inserts import rows_insert, values_insert
from pacte.conventions.models import Convention, Grant, GrantYear
from pacte.conventions.services import conventions_store
from pacte.followup.sums import StoredSum
from pacte.followup.tallies import StoredAuthority, StoredCount
from pacte.organisations.models import Organisation
from pacte.samples import sample_paths
from pacte.terms import Convention as Terms
from pacte.terms import load_convention_yaml

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 8, 30, 15, 123456, tzinfo=UTC)


def _orm_rows_insert(rows: Any, *, using: str | None = None) -> None:
    objs = list(rows)
    if objs:
        type(objs[0])._base_manager.using(using or "default").bulk_create(objs)


def _orm_values_insert(
    model: Any, rows: Any, *, using: str | None = None, leaf: bool = False
) -> list[int]:
    objs = [model(**row) for row in rows]
    model._base_manager.using(using or "default").bulk_create(objs)
    return [obj.pk for obj in objs]


def _with_bulk_create() -> list[Any]:
    """Patches putting ``bulk_create`` back wherever the lean functions are used."""
    patches = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("pacte.") or module is inserts:
            continue
        if getattr(module, "rows_insert", None) is rows_insert:
            patches.append(mock.patch.object(module, "rows_insert", _orm_rows_insert))
        if getattr(module, "values_insert", None) is values_insert:
            patches.append(mock.patch.object(module, "values_insert", _orm_values_insert))
    return patches


def _dump() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ordered by id; ids and keys replaced by their rank."""
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    raw: dict[Any, list[tuple[Any, ...]]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            opts = model._meta
            columns = ", ".join(quote(field.column) for field in opts.concrete_fields)
            cursor.execute(
                f"SELECT {columns} FROM {quote(opts.db_table)} ORDER BY {quote(opts.pk.column)}"
            )
            raw[model] = cursor.fetchall()
    rank = {
        model: {
            row[model._meta.concrete_fields.index(model._meta.pk)]: index
            for index, row in enumerate(rows)
        }
        for model, rows in raw.items()
    }
    dump = {}
    for model, rows in raw.items():
        fields = model._meta.concrete_fields
        dump[model._meta.db_table] = [
            tuple(
                (field.column, type(value).__name__, _ranked(field, value, model, rank))
                for field, value in zip(fields, row, strict=True)
            )
            for row in rows
        ]
    # the ``authority`` counts name an organisation in their key (its id as text): ranked
    # too, and the counts compared without their ids, their order (the keys sorted as
    # text) depending on the ids the organisations got
    counts = dump[StoredCount._meta.db_table]
    ranked = [
        tuple(
            (column, kind, ("rang", rank[Organisation][int(value)]))
            if column == "key" and dict((c, v) for c, _, v in row)["fact"] == "authority"
            else (column, kind, value)
            for column, kind, value in row
            if column != "id"
        )
        for row in counts
    ]
    dump[StoredCount._meta.db_table] = sorted(ranked, key=repr)
    return dump


ORGANISATION_IDS = {
    (StoredCount, "organisation"),
    (StoredAuthority, "organisation"),
    (StoredSum, "organisation"),
    (StoredSum, "partner"),
}
"""Organisation ids kept as plain integers by the stored counts and sums (0: the whole
register, or no partner): compared by rank like keys."""


def _ranked(field: Any, value: Any, model: Any, rank: dict[Any, dict[Any, int]]) -> Any:
    if value is None:
        return None
    if field.primary_key and field.get_internal_type().endswith("AutoField"):
        return rank[model][value]
    if field.is_relation and field.related_model in rank:
        return ("rang", rank[field.related_model].get(value, value))
    if (model, field.column) in ORGANISATION_IDS and value:
        return ("rang", rank[Organisation][value])
    return value


@contextmanager
def _frozen_time() -> Iterator[None]:
    """``timezone.now`` fixed, in the code and as the default of every field."""
    with ExitStack() as stack:
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.default is timezone.now:  # read once by Django: ``_get_default``
                    stack.enter_context(mock.patch.object(field, "_get_default", lambda: NOW))
        stack.enter_context(mock.patch("django.utils.timezone.now", return_value=NOW))
        yield


def _store(items: list[Terms]) -> None:
    conventions_store(terms=items)
    conventions_store(terms=items[:1])  # the same reference again: replaced


@pytest.fixture
def rich(full: Terms) -> list[Terms]:
    samples = [load_convention_yaml(p.read_text(encoding="utf-8")) for p in sample_paths()]
    return [full, *samples]


def test_the_lean_path_writes_what_bulk_create_wrote(rich: list[Terms]) -> None:
    with _frozen_time():
        with transaction.atomic():
            patches = _with_bulk_create()
            assert len(patches) >= 3  # the register, the convention rows, the calendars
            for patch in patches:
                patch.start()
            try:
                _store(rich)
            finally:
                for patch in patches:
                    patch.stop()
            expected = _dump()
            transaction.set_rollback(True)
        assert Convention.objects.count() == 0
        _store(rich)
        found = _dump()
    assert len(expected["conventions_convention"]) == len(rich)
    assert sum(len(rows) for rows in expected.values()) > 100 * len(rich)
    for table, rows in expected.items():
        assert found[table] == rows, table


def test_values_of_other_types_go_through_django(full: Terms) -> None:
    """A value of another type than the column's own (a number as text, a day as a
    ``datetime`` subclass…) is prepared by Django, as ``bulk_create`` does."""
    conventions_store(terms=[full])
    grant = Grant.objects.first()
    assert grant is not None
    rows_insert(
        [
            GrantYear(grant=grant, position="7", year=2031, amount=1500, label="un"),
            GrantYear(grant_id=grant.pk, position=8, year=2032, amount=Decimal("2.50")),
        ]
    )
    ids = values_insert(
        GrantYear, [{"grant_id": grant.pk, "year": 2033, "amount": "3", "label": "trois"}]
    )
    written = GrantYear.objects.filter(year__gte=2031).order_by("year")
    assert [(y.position, y.year, y.amount, y.label) for y in written] == [
        (7, 2031, Decimal("1500.00"), "un"),
        (8, 2032, Decimal("2.50"), ""),
        (0, 2033, Decimal("3.00"), "trois"),
    ]
    assert ids == [written[2].pk]


def test_a_row_under_an_unsaved_parent_is_refused(full: Terms) -> None:
    grant = Grant(key="x")
    with pytest.raises(ValueError, match="grant"):
        rows_insert([GrantYear(grant=grant, year=2031, amount=Decimal(1))])
    with pytest.raises(ValueError, match="colonne inconnue"):
        values_insert(GrantYear, [{"grant": 1, "year": 2031}])
    assert not GrantYear.objects.exists()


def test_a_text_too_long_for_its_column_is_refused_on_postgresql(full: Terms) -> None:
    """PostgreSQL checks the length of a text when it is written to its column, as it did
    for ``bulk_create``; it is never cut (SQLite does not check lengths)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite ne contrôle pas la longueur des textes")
    conventions_store(terms=[full])
    grant = Grant.objects.first()
    assert grant is not None
    with pytest.raises(DataError), transaction.atomic():
        values_insert(GrantYear, [{"grant_id": grant.pk, "year": 2031, "label": "x" * 1000}])
    assert not GrantYear.objects.filter(year=2031).exists()
