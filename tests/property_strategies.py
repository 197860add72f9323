"""Hypothesis strategies shared by the rules' and the follow-up's property tests."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from pacte.rules.events import Events, NoticeReceived, RenewalDecision
from pacte.terms import Convention, Quantity, Unit

lengths = st.builds(
    Quantity,
    value=st.integers(min_value=1, max_value=36),
    unit=st.sampled_from([Unit.YEAR, Unit.MONTH, Unit.DAY]),
)

days_around = st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31))


@st.composite
def conventions_and_events(draw: st.DrawFn) -> tuple[Convention, Events]:
    """Any term (signature or fixed start, duration or end), renewal, notice and events."""
    fixed = draw(st.booleans())
    start = draw(days_around)
    term: dict = {"start_rule": "fixed_date" if fixed else "on_signature"}
    if fixed:
        term["start"] = start
    if fixed and draw(st.booleans()):
        term["end"] = start + timedelta(days=draw(st.integers(min_value=0, max_value=1500)))
    else:
        term["duration"] = draw(lengths).model_dump()
    renewal = {"kind": draw(st.sampled_from(["tacit", "express", "none"]))}
    if draw(st.booleans()):
        renewal["max_renewals"] = draw(st.integers(min_value=0, max_value=3))
    data = {
        "reference": "p",
        "title": "P",
        "parties": [{"key": "a", "role": "public_authority", "organisation": {"name": "A"}}],
        "term": term,
        "renewal": renewal,
    }
    if draw(st.booleans()):
        year = start.year
        data["parties"].append({"key": "b", "role": "beneficiary", "organisation": {"name": "B"}})
        data["grants"] = [
            {
                "key": "g",
                "grantor": "a",
                "beneficiary": "b",
                "years": [{"year": year, "amount": "4000.00"}],
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
        ]
    if draw(st.booleans()):
        data["termination"] = {"notice": {"value": draw(st.integers(1, 6)), "unit": "month"}}
    maybe_day = st.none() | days_around
    events = Events(
        signatures=tuple(draw(st.lists(days_around, max_size=2))),
        approved_on=draw(maybe_day),
        notices=tuple(NoticeReceived(None, day) for day in draw(st.lists(days_around, max_size=1))),
        renewals=tuple(RenewalDecision(day) for day in draw(st.lists(days_around, max_size=2))),
        terminated_on=draw(maybe_day),
    )
    return Convention.model_validate(data), events
