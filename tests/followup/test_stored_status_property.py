"""The stored calendar is a copy of the rules' result: read on any later day, a stored
obligation has the status ``obligations`` computes that day (hypothesis).

The rows keep what the events settle (done, waived, void, pending) and derive the rest
from their due date when read (``StoredObligation.status_on``); the refresh runs after
every event, so the events drawn here all happen on or before the day of the refresh.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.followup.calendars import TERMINAL
from pacte.followup.models import StoredObligation
from pacte.rules.events import DocumentReceived, Payment
from pacte.rules.obligations import obligations
from pacte.terms import DocumentKind
from property_strategies import conventions_and_events


@settings(max_examples=150, deadline=None)
@given(
    conventions_and_events(),
    st.integers(min_value=0, max_value=800),
    st.lists(st.integers(min_value=0, max_value=900), min_size=1, max_size=6),
    st.lists(st.integers(min_value=1, max_value=6000), max_size=3),
    st.booleans(),
)
def test_stored_rows_read_later_as_the_rules_compute(
    case, refresh_shift: int, later: list[int], paid: list[int], report: bool
) -> None:
    terms, events = case
    refreshed = date(2024, 6, 1) + timedelta(days=refresh_shift)
    # what was recorded by the refresh day (records are never dated in the future)
    events = replace(
        events,
        signatures=tuple(d for d in events.signatures if d <= refreshed),
        approved_on=events.approved_on
        if events.approved_on and events.approved_on <= refreshed
        else None,
        notices=tuple(n for n in events.notices if n.on <= refreshed),
        renewals=tuple(r for r in events.renewals if r.on <= refreshed),
        terminated_on=events.terminated_on
        if events.terminated_on and events.terminated_on <= refreshed
        else None,
        payments=tuple(
            Payment(on=refreshed - timedelta(days=i * 30), amount=Decimal(p))
            for i, p in enumerate(paid)
        ),
        documents=(DocumentReceived(DocumentKind.ACTIVITY_REPORT, refreshed, None),)
        if report
        else (),
    )
    until = refreshed + timedelta(days=3 * 365)
    stored = [
        StoredObligation(
            kind=item.kind.value,
            due=item.due,
            done_on=item.done_on,
            terminal=item.status.value if item.status in TERMINAL else "",
            waiting_for=item.waiting_for or "",
        )
        for item in obligations(terms, events, on=refreshed, until=until)
    ]
    for shift in later:
        day = refreshed + timedelta(days=shift)
        computed = obligations(terms, events, on=day, until=until)
        assert [row.status_on(day) for row in stored] == [item.status for item in computed], day
