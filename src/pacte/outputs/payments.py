"""The payment schedule of a convention, grant by grant and year by year, from the rules.

``pacte.rules.obligations`` computes every payment with its due date and its reason; the
outputs need them grouped by grant and budget year (one SCDL row per grant and year, one
payment request per instalment), so this module asks the same calendar for them.

>>> from pacte.terms import load_convention_yaml
>>> from pacte.samples import sample_paths
>>> path = [p for p in sample_paths() if "ville" in p.name][0]
>>> terms = load_convention_yaml(path.read_text(encoding="utf-8"))
>>> [(p.number, p.due, p.amount) for p in grant_payments(terms, events_from_terms(terms))]
[(1, datetime.date(2026, 3, 2), Decimal('8750.00')), (2, datetime.date(2027, 3, 1), Decimal('3750.00'))]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pacte.rules.events import Events
from pacte.rules.money import YearAmount, year_amounts
from pacte.rules.obligations import _Calendar
from pacte.rules.term import start_date
from pacte.terms import Convention, Grant, InstalmentKind


@dataclass(frozen=True)
class GrantPayment:
    """One payment of a grant for a budget year: its due date (``None`` while its trigger
    has not happened and cannot be foreseen), its amount and why."""

    grant: str
    year: int
    number: int
    """Rank of the payment within the grant's year, from 1."""
    count: int
    """How many payments the grant's year has (1: « unique », more: « échelonné »)."""
    kind: InstalmentKind
    title: str
    due: date | None
    amount: Decimal
    reason: str
    year_amount: YearAmount


def events_from_terms(terms: Convention) -> Events:
    """The events the terms themselves record: the signature date.

    >>> events_from_terms(Convention.model_validate({"reference": "x", "title": "t",
    ...     "parties": [{"key": "a", "role": "beneficiary", "organisation": {"name": "A"}}],
    ...     "signed_on": "2026-03-02"})).signed_on
    datetime.date(2026, 3, 2)
    """
    dates = {s.date for s in terms.signatures if s.date}
    if terms.signed_on:
        dates.add(terms.signed_on)
    return Events(signatures=tuple(sorted(dates)))


def grant_payments(
    terms: Convention,
    events: Events,
    *,
    grant: Grant | None = None,
    until: date | None = None,
) -> list[GrantPayment]:
    """Every payment of the convention's grants (or of ``grant``), by grant, year and rank.

    ``until`` bounds the periods of a tacit renewal; by default only the first period
    counts (the grant decided with the convention).
    """
    start = start_date(terms, events)
    horizon = until or start or date.min
    calendar = _Calendar(terms, events, horizon, horizon)
    end = calendar.last_known_end()
    result: list[GrantPayment] = []
    for item in [grant] if grant is not None else terms.grants:
        for amount in year_amounts(item, calendar.start, end):
            instalments = [i for i in item.instalments if i.year in (None, amount.year)]
            kinds = [i.kind for i in instalments] or [InstalmentKind.SINGLE]
            planned = list(calendar.year_payments(item, amount))
            for number, ((title, due, money, reason), kind) in enumerate(
                zip(planned, kinds, strict=True), start=1
            ):
                result.append(
                    GrantPayment(
                        grant=item.key,
                        year=amount.year,
                        number=number,
                        count=len(planned),
                        kind=kind,
                        title=title,
                        due=due,
                        amount=money,
                        reason=str(reason),
                        year_amount=amount,
                    )
                )
    return result
