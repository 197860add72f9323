"""The payment schedule of a convention for the outputs, grant by grant and year by year.

The schedule itself is computed by the rules (``pacte.rules.obligations.grant_payments``);
this module gives the outputs the events to compute it from.

>>> from pacte.terms import load_convention_yaml
>>> from pacte.samples import sample_paths
>>> path = [p for p in sample_paths() if "ville" in p.name][0]
>>> terms = load_convention_yaml(path.read_text(encoding="utf-8"))
>>> [(p.number, p.due, p.amount) for p in grant_payments(terms, events_from_terms(terms))]
[(1, datetime.date(2026, 3, 2), Decimal('8750.00')), (2, None, Decimal('3750.00'))]
"""

from __future__ import annotations

from pacte.rules.events import Events
from pacte.rules.obligations import GrantPayment, grant_payments
from pacte.terms import Convention

__all__ = ["GrantPayment", "events_from_terms", "grant_payments"]


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
