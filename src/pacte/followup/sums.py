"""Amounts kept per organisation: the dashboard reads them instead of adding up.

At 100 000 conventions, adding up the stored amounts (``StoredAmount``) of the 33 000
conventions an agent sees, per year, per partner and per state of the day, costs close
to a second per page. ``StoredSum`` keeps those sums for each public authority (the
conventions it is a party to as an authority, as ``tallies.StoredCount``) and for the
whole register (``REGISTER``):

- ``year``: the amount rows of a budget year (``key``), how many, committed and paid;
- ``partner``: the amount rows of one partner (``partner``, 0: none named), every year;
- ``state``: the amount rows of the conventions in a stored state (``key``) from
  ``start`` to ``end``: any day's figure per state is a sum over the spans around it,
  right on any day without a nightly rewrite.

Amounts are kept in cents (integers: exact sums on SQLite as on PostgreSQL). The sums are
written with the stored calendars, in the same transaction (``followup.services``): the
contribution of the rows replaced is taken off, that of the rows written added
(``sum_contributions``, one function for both), under the authorities the convention was
counted with (``tallies.StoredAuthority``). The tests recompute them from the stored rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models

from pacte.conventions.inserts import at_end
from pacte.followup.tallies import (
    MAX_DAY,
    MIN_DAY,
    REGISTER,
    buckets_upsert,
    counted_authorities,
)

SumKey = tuple[int, str, str, int, date, date]
"""(organisation, fact, key, partner, start, end) of a ``StoredSum``."""
Sums = dict[SumKey, tuple[int, int, int]]
"""(rows, committed in cents, paid in cents) per bucket."""
AmountItem = tuple["int | None", Decimal, Decimal, "int | None"]
"""(year, committed, paid, partner) of a stored amount."""
StateItem = tuple[str, "date | None", "date | None"]


class StoredSum(models.Model):
    """How many stored amount rows one organisation's conventions have in one bucket,
    and their committed and paid amounts in cents (see the module's docstring)."""

    organisation = models.PositiveBigIntegerField("organisation (0 : tout le registre)")
    fact = models.CharField("fait additionné", max_length=10)
    key = models.CharField("année ou état", max_length=20, blank=True)
    partner = models.PositiveBigIntegerField("partenaire (0 : aucun)", default=0)
    start = models.DateField("du")
    end = models.DateField("au")
    rows = models.IntegerField("lignes", default=0)
    committed = models.BigIntegerField("engagé (centimes)", default=0)
    paid = models.BigIntegerField("versé (centimes)", default=0)

    class Meta:
        verbose_name = "montant gardé"
        verbose_name_plural = "montants gardés"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fact", "key", "partner", "start", "end"],
                name="followup_sum_bucket_unique",
            )
        ]
        indexes = [
            # the dashboard's first partners and the others' totals, read on the index
            models.Index(
                fields=["organisation", "fact", "committed", "paid", "rows"],
                name="followup_sum_committed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.fact} {self.key} {self.partner}: {self.rows}"


def cents(amount: Decimal) -> int:
    """An amount in cents (rounded half to even, as ``Decimal`` does).

    >>> cents(Decimal("12.5"))
    1250
    """
    return int((amount * 100).to_integral_value())


def amount_of(value: int | None) -> Decimal:
    """Cents back to an amount with two decimals, as the database sums them.

    >>> amount_of(1250)
    Decimal('12.50')
    """
    return (Decimal(value or 0) / 100).quantize(Decimal("0.01"))


def _add(total: Sums, key: SumKey, value: tuple[int, int, int], sign: int = 1) -> None:
    rows, committed, paid = total.get(key, (0, 0, 0))
    total[key] = (rows + sign * value[0], committed + sign * value[1], paid + sign * value[2])


def sum_contributions(
    *, authorities: Iterable[int], amounts: Iterable[AmountItem], states: Iterable[StateItem]
) -> Sums:
    """What one convention adds to the kept sums: its amount rows under the register and
    each of its ``authorities``."""
    buckets: Sums = {}
    whole = (0, 0, 0)
    for year, committed, paid, partner in amounts:
        one = (1, cents(committed), cents(paid))
        whole = (whole[0] + 1, whole[1] + one[1], whole[2] + one[2])
        if year is not None:
            _add(buckets, (0, "year", str(year), 0, MIN_DAY, MAX_DAY), one)
        _add(buckets, (0, "partner", "", partner or 0, MIN_DAY, MAX_DAY), one)
    if whole[0]:
        for state, start, end in states:
            _add(buckets, (0, "state", state, 0, start or MIN_DAY, end or MAX_DAY), whole)
    result: Sums = {}
    for organisation in {REGISTER, *authorities}:
        for (_, *rest), value in buckets.items():
            _add(result, (organisation, *rest), value)  # type: ignore[arg-type]
    return result


def sums_merge(total: Sums, more: Mapping[SumKey, tuple[int, int, int]], sign: int = 1) -> None:
    """Add (``sign`` -1: take off) ``more`` to ``total``."""
    for key, value in more.items():
        _add(total, key, value, sign)


def stored_sum_contributions(ids: Sequence[int], *, models_of: Mapping[str, Any]) -> Sums:
    """The contributions of the amounts stored now for these conventions, under the
    authorities they were counted with. ``models_of``: the ``StoredAmount``,
    ``StoredState`` and ``StoredAuthority`` models (the migration passes its own)."""
    if not ids:
        return {}
    authorities = counted_authorities(ids, models_of=models_of)
    amounts: dict[int, list[AmountItem]] = {}
    for convention, *item in (
        models_of["StoredAmount"]
        .objects.filter(convention_id__in=ids)
        .values_list("convention_id", "year", "committed", "paid", "partner_id")
    ):
        amounts.setdefault(convention, []).append(tuple(item))  # type: ignore[arg-type]
    states: dict[int, list[StateItem]] = {}
    for convention, *state in (
        models_of["StoredState"]
        .objects.filter(convention_id__in=ids)
        .values_list("convention_id", "state", "start", "end")
    ):
        states.setdefault(convention, []).append(tuple(state))  # type: ignore[arg-type]
    total: Sums = {}
    for convention, items in amounts.items():
        sums_merge(
            total,
            sum_contributions(
                authorities=authorities.get(convention, ()),
                amounts=items,
                states=states.get(convention, ()),
            ),
        )
    return total


def sums_apply(delta: Mapping[SumKey, tuple[int, int, int]], *, model: Any = StoredSum) -> None:
    """Add ``delta`` to the kept sums (``buckets_upsert``, in the order of the keys),
    then delete the buckets left with no row."""
    changes = sorted((key, value) for key, value in delta.items() if any(value))
    if not changes:
        return
    buckets_upsert(
        model,
        ("organisation", "fact", "key", "partner", "start", "end"),
        ("rows", "committed", "paid"),
        [(*key, *value) for key, value in changes],
    )
    if any(value[0] < 0 for _, value in changes):
        # once the sums are written
        organisations = {key[0] for key, value in changes if value[0] < 0}
        at_end(lambda: model.objects.filter(organisation__in=organisations, rows=0).delete())
