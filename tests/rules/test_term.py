"""Periods, renewal and state, on small conventions written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from pacte.rules.events import Events, NoticeReceived, RenewalDecision
from pacte.rules.term import State, schedule, state_on
from pacte.terms import Convention


def _convention(**extra: object) -> Convention:
    data: dict[str, object] = {
        "reference": "essai",
        "title": "Convention d'essai",
        "parties": [
            {"key": "ville", "role": "public_authority", "organisation": {"name": "Ville d'Essai"}},
            {"key": "asso", "role": "beneficiary", "organisation": {"name": "Association"}},
        ],
        "term": {"start_rule": "on_signature", "duration": {"value": 1, "unit": "year"}},
        "renewal": {"kind": "tacit"},
        "termination": {"notice": {"value": 3, "unit": "month"}},
    }
    data.update(extra)
    return Convention.model_validate(data)


def test_tacit_periods_are_anchored_on_start() -> None:
    terms = _convention(
        term={"start_rule": "on_signature", "duration": {"value": 1, "unit": "month"}}
    )
    plan = schedule(terms, Events(signatures=(date(2024, 1, 31),)), until=date(2024, 5, 1))
    assert [(p.start, p.end) for p in plan.periods] == [
        (date(2024, 1, 31), date(2024, 2, 28)),
        (date(2024, 2, 29), date(2024, 3, 30)),
        (date(2024, 3, 31), date(2024, 4, 29)),
        (date(2024, 4, 30), date(2024, 5, 30)),
    ]
    assert plan.ends_on is None


def test_max_renewals_stops() -> None:
    terms = _convention(renewal={"kind": "tacit", "max_renewals": 2})
    plan = schedule(terms, Events(signatures=(date(2020, 3, 1),)), until=date(2030, 1, 1))
    assert len(plan.periods) == 3
    assert plan.ends_on == date(2023, 2, 28)
    assert (
        state_on(terms, Events(signatures=(date(2020, 3, 1),)), date(2023, 3, 1))[0]
        is State.EXPIRED
    )


def test_express_renewal_needs_a_decision() -> None:
    terms = _convention(renewal={"kind": "express"})
    signed = Events(signatures=(date(2020, 3, 1),))
    assert schedule(terms, signed, until=date(2030, 1, 1)).ends_on == date(2021, 2, 28)
    renewed = Events(
        signatures=(date(2020, 3, 1),), renewals=(RenewalDecision(on=date(2021, 1, 15)),)
    )
    plan = schedule(terms, renewed, until=date(2030, 1, 1))
    assert [p.number for p in plan.periods] == [1, 2]
    assert plan.ends_on == date(2022, 2, 28)
    late = Events(signatures=(date(2020, 3, 1),), renewals=(RenewalDecision(on=date(2021, 3, 5)),))
    assert schedule(terms, late, until=date(2030, 1, 1)).ends_on == date(2021, 2, 28)


def test_no_renewal_and_fixed_dates() -> None:
    terms = _convention(
        term={"start_rule": "fixed_date", "start": "2025-03-01", "end": "2027-12-31"},
        renewal={"kind": "none"},
    )
    plan = schedule(terms, Events(), until=date(2030, 1, 1))
    assert [(p.start, p.end) for p in plan.periods] == [(date(2025, 3, 1), date(2027, 12, 31))]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2009, 3, 1), State.DRAFT),
        (date(2009, 4, 1), State.APPROVED),
        (date(2009, 6, 1), State.IN_FORCE),
        (date(2011, 6, 1), State.IN_FORCE),
    ],
)
def test_state_on_a_date(on: date, expected: State) -> None:
    events = Events(
        approved_on=date(2009, 3, 30), signatures=(date(2009, 5, 10), date(2009, 5, 15))
    )
    state, period = state_on(_convention(), events, on)
    assert state is expected
    if expected is State.IN_FORCE:
        assert period is not None and period.start.day == 15  # the last signature


def test_terminated_state() -> None:
    events = Events(
        signatures=(date(2009, 5, 15),),
        notices=(NoticeReceived(party="asso", on=date(2010, 1, 5)),),
    )
    assert state_on(_convention(), events, date(2010, 5, 15))[0] is State.TERMINATED
    assert state_on(_convention(), events, date(2010, 5, 14))[0] is State.IN_FORCE
    immediate = Events(signatures=(date(2009, 5, 15),), terminated_on=date(2009, 9, 30))
    plan = schedule(_convention(), immediate, until=date(2012, 1, 1))
    assert (plan.ends_on, plan.terminated) == (date(2009, 9, 30), True)


def test_terminated_before_taking_effect_has_no_period() -> None:
    terms = _convention(
        term={"start_rule": "fixed_date", "start": "2025-03-01", "end": "2027-12-31"}
    )
    events = Events(terminated_on=date(2025, 1, 15))
    plan = schedule(terms, events, until=date(2030, 1, 1))
    assert (plan.periods, plan.ends_on, plan.terminated) == ((), date(2025, 1, 15), True)
    assert state_on(terms, events, date(2025, 6, 1))[0] is State.TERMINATED
