"""Counts kept per organisation: « À faire » and the Registre read them instead of counting.

At 100 000 conventions, counting the active obligations, the stale calendars or the
conventions in a state among the 33 000 an agent sees costs hundreds of milliseconds
per page. ``StoredCount`` keeps those counts for each public authority (the conventions
it is a party to as an authority) and for the whole register (``REGISTER``, the
administrator's), bucketed by the dates the reading day is compared with, so that any
day's figure is a sum over a range of buckets, right on any day without a nightly
rewrite:

- ``due`` / ``deadline``: the active stored obligations (no settled status, a due
  date) of a section, by due date and by the day they are done (``MAX_DAY``: not done);
  ``deadline`` for the kinds waived when their date passes undecided (notice deadlines,
  renewal decisions);
- ``pending``: the obligations waiting for their trigger, by section and by the day
  they are done;
- ``state``: the stored states, by state, from ``start`` to ``end``;
- ``calendar``: the conventions whose stored calendar reaches ``start``;
- ``authority``: the conventions another authority (its id, ``key``) is party to as an
  authority too: the Registre's choice of authorities, without listing the parties of
  every convention.

The counts are written with the stored calendars, in the same transaction
(``followup.services``): the contribution of the rows replaced is taken off, that of the
rows written added (``contributions``, one function for both), under the authorities the
convention had when its rows were written (``StoredAuthority``), so that a party changed
since is taken off where it was counted. Equal to the counts of the stored rows: the
tests recompute them after stores, events, avenants and deletions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.db import connection, models

from pacte.conventions.inserts import MODIFIERS, at_end, values_insert, write_later
from pacte.conventions.models import Convention
from pacte.rules.obligations import ObligationKind, Status

REGISTER = 0
"""The organisation of the whole register's counts (the administrator sees them all)."""
MIN_DAY = date(1, 1, 1)
MAX_DAY = date(9999, 12, 31)
"""Bounds written instead of None: the keys of the counts are never null, so that the
same key is the same row on SQLite and PostgreSQL."""

WAIVED_WHEN_PASSED = frozenset(
    {ObligationKind.NOTICE_DEADLINE.value, ObligationKind.RENEWAL_DECISION.value}
)
"""Kinds the rules waive once their date passed undecided (``obligation_status``)."""

Key = tuple[int, str, str, date, date]
"""(organisation, fact, key, start, end) of a ``StoredCount``."""
ObligationItem = tuple[str, str, "date | None", "date | None", str]
"""(kind, section, due, done_on, terminal) of a stored obligation."""
StateItem = tuple[str, "date | None", "date | None"]
"""(state, start, end) of a stored state."""


class StoredCount(models.Model):
    """How many stored rows of one kind one organisation's conventions have, for one
    bucket of dates (see the module's docstring)."""

    organisation = models.PositiveBigIntegerField("organisation (0 : tout le registre)")
    fact = models.CharField("fait compté", max_length=10)
    key = models.CharField("rubrique ou état", max_length=20, blank=True)
    start = models.DateField("du")
    end = models.DateField("au")
    count = models.IntegerField("nombre", default=0)

    class Meta:
        verbose_name = "compte gardé"
        verbose_name_plural = "comptes gardés"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fact", "key", "start", "end"],
                name="followup_count_bucket_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.fact} {self.key} {self.start}–{self.end}: {self.count}"


class StoredAuthority(models.Model):
    """An authority a convention's counts were added to when its rows were written."""

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        # computed rows: they go with their convention (its counts are taken off first)
        on_delete=models.CASCADE,
        related_name="stored_authorities",
    )
    organisation = models.PositiveBigIntegerField("organisation")

    class Meta:
        verbose_name = "collectivité comptée"
        verbose_name_plural = "collectivités comptées"

    def __str__(self) -> str:
        return f"{self.convention_id} {self.organisation}"


def obligation_bucket(item: ObligationItem) -> tuple[str, str, date, date] | None:
    """The bucket a stored obligation is counted in (None: never counted).

    >>> obligation_bucket(("payment", "payments", date(2026, 5, 1), None, ""))
    ('due', 'payments', datetime.date(2026, 5, 1), datetime.date(9999, 12, 31))
    """
    kind, section, due, done_on, terminal = item
    if terminal == Status.PENDING.value:
        return ("pending", section, MIN_DAY, done_on or MAX_DAY)
    if terminal or due is None:
        return None
    fact = "deadline" if kind in WAIVED_WHEN_PASSED else "due"
    return (fact, section, due, done_on or MAX_DAY)


def contributions(
    *,
    authorities: Iterable[int],
    obligations: Iterable[ObligationItem],
    states: Iterable[StateItem],
    until: date | None,
) -> Counter[Key]:
    """What one convention adds to the counts: its rows under the register and each of
    its ``authorities``; ``until``: how far its stored calendar reaches (None: none)."""
    buckets: Counter[tuple[str, str, date, date]] = Counter()
    for item in obligations:
        if (bucket := obligation_bucket(item)) is not None:
            buckets[bucket] += 1
    for state, start, end in states:
        buckets[("state", state, start or MIN_DAY, end or MAX_DAY)] += 1
    if until is not None:
        buckets[("calendar", "", until, MAX_DAY)] += 1
    authorities = set(authorities)
    for authority in authorities:
        buckets[("authority", str(authority), MIN_DAY, MAX_DAY)] += 1
    result: Counter[Key] = Counter()
    for organisation in {REGISTER, *authorities}:
        for (fact, key, start, end), count in buckets.items():
            result[(organisation, fact, key, start, end)] += count
    return result


def counted_authorities(ids: Sequence[int], *, models_of: Mapping[str, Any]) -> dict[int, set[int]]:
    """The authorities each of these conventions was counted under (``StoredAuthority``),
    by convention: its stored counts and sums are taken off under them."""
    authorities: dict[int, set[int]] = {}
    for convention, organisation in (
        models_of["StoredAuthority"]
        .objects.filter(convention_id__in=ids)
        .values_list("convention_id", "organisation")
    ):
        authorities.setdefault(convention, set()).add(organisation)
    return authorities


def stored_contributions(ids: Sequence[int], *, models_of: Mapping[str, Any]) -> Counter[Key]:
    """The contributions of the rows stored now for these conventions, under the
    authorities they were counted with. ``models_of``: the ``StoredObligation``,
    ``StoredState`` and ``StoredAuthority`` models (the migration passes its own)."""
    if not ids:
        return Counter()
    authorities = counted_authorities(ids, models_of=models_of)
    obligations: dict[int, list[ObligationItem]] = {}
    for convention, *item in (
        models_of["StoredObligation"]
        .objects.filter(convention_id__in=ids)
        .values_list("convention_id", "kind", "section", "due", "done_on", "terminal")
    ):
        obligations.setdefault(convention, []).append(tuple(item))  # type: ignore[arg-type]
    states: dict[int, list[StateItem]] = {}
    until: dict[int, date] = {}
    for convention, state, start, end, computed_until in (
        models_of["StoredState"]
        .objects.filter(convention_id__in=ids)
        .values_list("convention_id", "state", "start", "end", "computed_until")
    ):
        states.setdefault(convention, []).append((state, start, end))
        until[convention] = computed_until
    total: Counter[Key] = Counter()
    for convention in set(obligations) | set(states) | set(authorities):
        total.update(
            contributions(
                authorities=authorities.get(convention, ()),
                obligations=obligations.get(convention, ()),
                states=states.get(convention, ()),
                until=until.get(convention),
            )
        )
    return total


def buckets_upsert(
    model: Any, unique: Sequence[str], added: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Add ``rows`` (the ``unique`` columns' values, then the ``added`` ones) to the
    buckets of ``model``: a bucket that exists gets the added values summed in, another
    is created. In the order given (callers sort them: two transactions never wait on
    each other crosswise). PostgreSQL gets one statement with one array per column
    (thousands of buckets in an import: a statement each cost the server more than the
    rows); SQLite, one statement prepared once and run for each bucket."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [*unique, *added]
    updates = ", ".join(f"{quote(c)} = {table}.{quote(c)} + EXCLUDED.{quote(c)}" for c in added)
    conflict = f"ON CONFLICT ({', '.join(quote(c) for c in unique)}) DO UPDATE SET {updates}"
    head = f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "
    if connection.vendor == "postgresql":
        fields = [model._meta.get_field(c) for c in columns]
        kinds = [MODIFIERS.sub("", f.db_type(connection)) for f in fields]
        arrays = ", ".join(f"%s::{kind}[]" for kind in kinds)
        # inside ``writes_gathered``, sent with the block's other writes
        write_later(
            f"{head}SELECT * FROM unnest({arrays}) {conflict}",
            [list(column) for column in zip(*rows, strict=True)],
            table=model._meta.db_table,
        )
        return
    with connection.cursor() as cursor:
        adapt = connection.ops.adapt_datefield_value
        dated = [isinstance(value, date) for value in rows[0]]
        cursor.executemany(
            f"{head}VALUES ({', '.join(['%s'] * len(columns))}) {conflict}",
            [
                tuple(adapt(v) if is_date else v for v, is_date in zip(row, dated, strict=True))
                for row in rows
            ],
        )


def counts_apply(delta: Mapping[Key, int], *, model: Any = StoredCount) -> None:
    """Add ``delta`` to the stored counts (``buckets_upsert``, in the order of the keys),
    then delete the buckets left at zero."""
    changes = sorted((key, count) for key, count in delta.items() if count)
    if not changes:
        return
    buckets_upsert(
        model,
        ("organisation", "fact", "key", "start", "end"),
        ("count",),
        [(*key, count) for key, count in changes],
    )
    if any(count < 0 for _, count in changes):
        # only a count taken off can fall to zero (once the counts are written)
        organisations = {key[0] for key, count in changes if count < 0}
        at_end(lambda: model.objects.filter(organisation__in=organisations, count=0).delete())


def authorities_replace(
    authorities: Mapping[int, Iterable[int]], *, replaced: Sequence[int]
) -> None:
    """Keep the authorities each convention was just counted under (a leaf write:
    inside ``writes_gathered``, sent with the block's other writes)."""
    if replaced:
        StoredAuthority.objects.filter(convention_id__in=replaced).delete()
    values_insert(
        StoredAuthority,
        (
            {"convention_id": convention, "organisation": organisation}
            for convention, organisations in authorities.items()
            for organisation in sorted(set(organisations))
        ),
        leaf=True,
    )
