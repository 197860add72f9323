"""Leaf writes gathered in one statement (``conventions.inserts.writes_gathered``).

On PostgreSQL the rows nobody points to are held until the block ends and sent as one
statement; elsewhere each runs at once. Either way the rows written are the same, in
the same order, and an error inside the block writes none of them.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from pacte.conventions.inserts import at_end, values_insert, write_later, writes_gathered
from pacte.followup.sums import StoredSum, sums_apply
from pacte.followup.tallies import StoredAuthority, StoredCount, counts_apply

pytestmark = pytest.mark.django_db

DAY = date(2026, 5, 4)
POSTGRESQL = "postgresql"


def _statements(captured: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


def _rows(organisation: int, *facts: str) -> list[dict[str, object]]:
    return [
        {"organisation": organisation, "fact": fact, "key": "", "start": DAY, "end": DAY}
        for fact in facts
    ]


def _facts(organisation: int) -> list[str]:
    rows = StoredCount.objects.filter(organisation=organisation).order_by("pk")
    return list(rows.values_list("fact", flat=True))


def test_leaf_rows_of_several_tables_are_one_statement_on_postgresql() -> None:
    with CaptureQueriesContext(connection) as captured, writes_gathered():
        values_insert(StoredCount, _rows(3, "un", "deux"), leaf=True)
        values_insert(StoredAuthority, [], leaf=True)  # nothing to write: no statement
        sums_apply({(7, "year", "2026", 0, DAY, DAY): (1, 400000, 0)})

    statements = _statements(captured)
    if connection.vendor == POSTGRESQL:
        assert len(statements) == 1
        assert statements[0].startswith("WITH w0 AS (INSERT INTO")
    else:
        assert len(statements) == 2
    assert _facts(3) == ["un", "deux"]
    assert StoredSum.objects.get(organisation=7).committed == 400000


def test_a_table_written_twice_keeps_the_order_of_its_rows() -> None:
    """The parts of one statement run in no set order: the second write to a table sends
    the first before it."""
    with CaptureQueriesContext(connection) as captured, writes_gathered():
        values_insert(StoredCount, _rows(14, "un", "deux"), leaf=True)
        values_insert(StoredCount, _rows(14, "trois"), leaf=True)
        values_insert(StoredCount, _rows(14, "quatre"), leaf=True)

    assert len(_statements(captured)) == 3
    assert _facts(14) == ["un", "deux", "trois", "quatre"]


def test_on_postgresql_nothing_is_written_before_the_block_ends() -> None:
    with writes_gathered():
        values_insert(StoredCount, _rows(4, "un"), leaf=True)
        seen_inside = _facts(4)

    assert seen_inside == ([] if connection.vendor == POSTGRESQL else ["un"])
    assert _facts(4) == ["un"]


def test_rows_whose_ids_are_needed_are_written_at_once() -> None:
    with writes_gathered():
        ids = values_insert(StoredCount, _rows(5, "un", "deux"))
        assert StoredCount.objects.filter(pk__in=ids).count() == 2


def test_outside_a_block_a_leaf_write_runs_at_once() -> None:
    values_insert(StoredCount, _rows(6, "un"), leaf=True)

    assert _facts(6) == ["un"]


def test_an_error_inside_the_block_sends_nothing() -> None:
    with pytest.raises(RuntimeError), transaction.atomic(), writes_gathered():
        values_insert(StoredCount, _rows(8, "un"), leaf=True)
        raise RuntimeError("arrêt")

    assert _facts(8) == []


def test_a_refused_row_fails_the_block_and_leaves_nothing_of_it() -> None:
    """A row the table refuses (a bucket given twice) fails when the block's writes are
    sent, inside the caller's transaction: nothing of the block stays."""
    with pytest.raises(IntegrityError), transaction.atomic(), writes_gathered():
        values_insert(StoredCount, _rows(9, "un"), leaf=True)
        values_insert(StoredCount, _rows(9, "deux", "deux"), leaf=True)

    assert _facts(9) == []


def test_steps_at_the_end_run_after_the_writes_held() -> None:
    seen: list[list[str]] = []
    with writes_gathered():
        values_insert(StoredCount, _rows(10, "un"), leaf=True)
        at_end(lambda: seen.append(_facts(10)))

    assert seen == [["un"]]


def test_counts_fallen_to_zero_are_deleted_after_the_counts_are_written() -> None:
    key = (11, "due", "payments", DAY, DAY)
    counts_apply({key: 3})

    with writes_gathered():
        counts_apply({key: -3})

    assert _facts(11) == []


def test_a_block_inside_another_joins_it() -> None:
    with CaptureQueriesContext(connection) as captured, writes_gathered():
        values_insert(StoredCount, _rows(12, "un"), leaf=True)
        with writes_gathered():
            sums_apply({(12, "year", "2026", 0, DAY, DAY): (1, 100, 0)})
        inner_done = [*_facts(12), str(StoredSum.objects.filter(organisation=12).count())]

    if connection.vendor == POSTGRESQL:
        assert inner_done == ["0"]  # held until the outer block ends
        assert len(_statements(captured)) == 2 + 1  # the two readings, then the writes
    else:
        assert inner_done == ["un", "1"]
    assert _facts(12) == ["un"]
    assert StoredSum.objects.filter(organisation=12).count() == 1


def test_write_later_outside_a_block_runs_now() -> None:
    values_insert(StoredCount, _rows(13, "un"), leaf=True)
    table = connection.ops.quote_name(StoredCount._meta.db_table)

    write_later(f"DELETE FROM {table} WHERE organisation = %s", [13], table=table)

    assert _facts(13) == []
