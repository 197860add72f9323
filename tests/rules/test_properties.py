"""Properties that hold for every input (hypothesis)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pacte.rules.events import Events
from pacte.rules.money import prorata, split
from pacte.rules.term import notice_deadline, schedule, state_in, state_on, state_timeline
from pacte.terms import Convention, Quantity, Unit
from property_strategies import conventions_and_events, days_around

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000000"), places=2)
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
lengths = st.builds(
    Quantity,
    value=st.integers(min_value=1, max_value=36),
    unit=st.sampled_from([Unit.YEAR, Unit.MONTH, Unit.DAY]),
)


@st.composite
def percents(draw: st.DrawFn) -> list[Decimal]:
    cuts = sorted(draw(st.lists(st.integers(min_value=1, max_value=9999), max_size=5, unique=True)))
    bounds = [0, *cuts, 10000]
    return [Decimal(b - a) / 100 for a, b in itertools.pairwise(bounds) if b > a]


@given(amounts, percents())
def test_instalments_add_up_to_the_grant(total: Decimal, shares: list[Decimal]) -> None:
    assert sum(shares) == 100
    assert sum(split(total, shares)) == total


@given(amounts)
def test_prorata_over_a_full_year_is_the_annual_amount(annual: Decimal) -> None:
    assert prorata(annual, months=12) == annual
    assert prorata(annual, days=365) == annual


def _terms(length: Quantity) -> Convention:
    return Convention.model_validate(
        {
            "reference": "p",
            "title": "P",
            "parties": [{"key": "a", "role": "public_authority", "organisation": {"name": "A"}}],
            "term": {"start_rule": "on_signature", "duration": length.model_dump()},
            "renewal": {"kind": "tacit"},
        }
    )


@given(starts, lengths)
def test_renewal_periods_are_contiguous(start: date, length: Quantity) -> None:
    plan = schedule(
        _terms(length), Events(signatures=(start,)), until=start + timedelta(days=3 * 366)
    )
    periods = plan.periods
    assert periods[0].start == start
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
        assert after.start <= after.end


@given(starts, lengths, st.integers(min_value=1, max_value=6))
def test_notice_deadline_precedes_period_end(start: date, length: Quantity, months: int) -> None:
    plan = schedule(_terms(length), Events(signatures=(start,)), until=start)
    end = plan.periods[0].end
    assert notice_deadline(end, Quantity(value=months, unit=Unit.MONTH)) < end


def test_leap_day_and_month_end_starts() -> None:
    year = Quantity(value=1, unit=Unit.YEAR)
    plan = schedule(_terms(year), Events(signatures=(date(2024, 2, 29),)), until=date(2027, 1, 1))
    assert [p.end for p in plan.periods] == [
        date(2025, 2, 27),
        date(2026, 2, 27),
        date(2027, 2, 27),
    ]
    month = Quantity(value=1, unit=Unit.MONTH)
    plan = schedule(_terms(month), Events(signatures=(date(2023, 8, 31),)), until=date(2023, 11, 1))
    assert [p.start for p in plan.periods] == [
        date(2023, 8, 31),
        date(2023, 9, 30),
        date(2023, 10, 31),
    ]


@given(conventions_and_events(), days_around, st.lists(days_around, min_size=1, max_size=30))
def test_the_state_timeline_gives_the_state_of_every_day(
    case: tuple[Convention, Events], until: date, days: list[date]
) -> None:
    terms, events = case
    timeline = state_timeline(terms, events, until)
    for changed, state in timeline[1:]:
        assert changed is not None and changed <= until
        assert state_in(timeline, changed) is state
        assert (
            state_in(timeline, changed - timedelta(days=1))
            is state_on(terms, events, changed - timedelta(days=1))[0]
        )
    for day in days:
        if day <= until:
            assert state_in(timeline, day) is state_on(terms, events, day)[0], day
