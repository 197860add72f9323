"""Periods of a convention, renewal, notice deadlines and the state on a date.

A period is anchored on the start date so month ends do not drift: from 31 January,
one month later is 28/29 February, two months later is 31 March.

>>> from pacte.terms import Quantity
>>> add_length(date(2009, 5, 15), Quantity(value=1, unit="year"))
datetime.date(2010, 5, 15)
>>> notice_deadline(date(2010, 5, 14), Quantity(value=3, unit="month"))
datetime.date(2010, 2, 14)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from pacte.rules.events import Events
from pacte.terms import Convention, Quantity, RenewalKind, StartRule, Unit

ONE_DAY = timedelta(days=1)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb).

    >>> add_months(date(2024, 1, 31), 1), add_months(date(2010, 5, 15), -3)
    (datetime.date(2024, 2, 29), datetime.date(2010, 2, 15))
    """
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    last = _DAYS_IN_MONTH[month - 1]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        last = 29
    return date(year, month, min(day.day, last))


def add_length(start: date, length: Quantity, times: int = 1) -> date:
    """``start`` moved by ``times`` lengths, computed from ``start`` (no drift); may be negative."""
    if length.unit is Unit.YEAR:
        return add_months(start, 12 * length.value * times)
    if length.unit is Unit.MONTH:
        return add_months(start, length.value * times)
    return start + timedelta(days=length.value * times)


def notice_deadline(period_end: date, notice: Quantity) -> date:
    """Last day a notice may be received: (end + 1 day) − notice − 1 day."""
    return add_length(period_end + ONE_DAY, notice, -1) - ONE_DAY


@dataclass(frozen=True)
class Period:
    """One period of validity; ``number`` 1 is the initial one, then each renewal."""

    number: int
    start: date
    end: date

    @property
    def is_renewal(self) -> bool:
        return self.number > 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class State(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    TERMINATED = "terminated"

    @property
    def label(self) -> str:
        return {
            "draft": "projet",
            "approved": "approuvée",
            "signed": "signée, pas encore en vigueur",
            "in_force": "en vigueur",
            "expired": "échue",
            "terminated": "terminée (dénoncée ou résiliée)",
        }[self.value]


def start_date(terms: Convention, events: Events) -> date | None:
    """When the convention takes effect: the last signature, or the fixed date."""
    term = terms.term
    if term is None:
        return None
    if term.start_rule is StartRule.FIXED_DATE:
        return term.start
    return events.signed_on


def _first_end(terms: Convention, start: date) -> date | None:
    term = terms.term
    if term is None:
        return None
    if term.end is not None:
        return term.end
    if term.duration is not None:
        return add_length(start, term.duration) - ONE_DAY
    return None


def _renewal_length(terms: Convention, first: Period) -> Quantity | relativedelta:
    if terms.renewal and terms.renewal.period:
        return terms.renewal.period
    if terms.term and terms.term.duration and terms.term.end is None:
        return terms.term.duration
    return relativedelta(first.end + ONE_DAY, first.start)


def _same_length(terms: Convention, length: Quantity | relativedelta) -> bool:
    term = terms.term
    return bool(term and term.end is None and term.duration is not None and length == term.duration)


def _shift(start: date, length: Quantity | relativedelta, times: int) -> date:
    if isinstance(length, Quantity):
        return add_length(start, length, times)
    result: date = start + length * times
    return result


@dataclass(frozen=True)
class Schedule:
    """The periods known up to a horizon, and how the convention ends if it does."""

    periods: tuple[Period, ...]
    ends_on: date | None
    """Last day of validity when known (expiry or termination); ``None`` while it renews."""
    terminated: bool
    """Whether the end comes from a notice or a termination rather than expiry."""
    early: bool = False
    """Whether that end is a résiliation (``Events.terminated_on``): an end before the
    term; otherwise a notice (dénonciation) ended it at the end of a period."""

    @property
    def ended_by(self) -> str:
        """How the convention ends, in French: « résiliation », « dénonciation » or « échéance »."""
        if not self.terminated:
            return "échéance"
        return "résiliation" if self.early else "dénonciation"

    def period_on(self, day: date) -> Period | None:
        for period in self.periods:
            if period.contains(day):
                return period
        return None


def schedule(terms: Convention, events: Events, until: date) -> Schedule:
    """Every period that starts on or before ``until`` (a tacit renewal goes on forever)."""
    start = start_date(terms, events)
    end = _first_end(terms, start) if start else None
    if start is None or end is None:
        return Schedule((), None, False)
    first = Period(1, start, end)
    periods = [first]
    kind = terms.renewal.kind if terms.renewal else RenewalKind.NONE
    limit = terms.renewal.max_renewals if terms.renewal else None
    length = _renewal_length(terms, first)
    next_start = first.end + ONE_DAY
    notice = terms.termination.notice if terms.termination else None

    # Renewals of the same length are anchored on the very start, so month ends never drift.
    anchor, offset = (start, 1) if _same_length(terms, length) else (next_start, 2)

    def renewed(number: int) -> Period:
        begin = _shift(anchor, length, number - offset)
        return Period(number, begin, _shift(anchor, length, number - offset + 1) - ONE_DAY)

    if kind is RenewalKind.TACIT:
        while limit is None or len(periods) <= limit:
            current = periods[-1]
            if _notice_ends(current, notice, events):
                return _terminated(periods, current.end, events)
            candidate = renewed(len(periods) + 1)
            if candidate.start > until:
                break
            periods.append(candidate)
        else:
            return _terminated(periods, periods[-1].end, events, expired=True)
        return _terminated(periods, None, events)
    if kind is RenewalKind.EXPRESS:
        decisions = sorted(d.on for d in events.renewals)
        while decisions and (limit is None or len(periods) <= limit):
            current = periods[-1]
            if not any(d <= current.end for d in decisions):
                break
            decisions = [d for d in decisions if d > current.end]
            periods.append(renewed(len(periods) + 1))
    return _terminated(periods, periods[-1].end, events, expired=True)


def _notice_ends(period: Period, notice: Quantity | None, events: Events) -> bool:
    """A notice received in this period, in time for its end, stops the renewal."""
    # periods are visited in order, so a late notice counts for the next period
    last_day = notice_deadline(period.end, notice) if notice else period.end
    return any(received.on <= last_day for received in events.notices)


def _terminated(
    periods: list[Period], end: date | None, events: Events, *, expired: bool = False
) -> Schedule:
    if events.terminated_on and (end is None or events.terminated_on < end):
        kept = [p for p in periods if p.start <= events.terminated_on]
        if kept:
            last = kept[-1]
            kept[-1] = Period(last.number, last.start, events.terminated_on)
        # terminated before it took effect: no period at all
        return Schedule(tuple(kept), events.terminated_on, True, early=True)
    return Schedule(tuple(periods), end, end is not None and not expired)


def state_on(terms: Convention, events: Events, on: date) -> tuple[State, Period | None]:
    """The state of the convention on a date, and the period in force then."""
    plan = schedule(terms, events, until=on)
    period = plan.period_on(on)
    if period is not None:
        return State.IN_FORCE, period
    if plan.ends_on is not None and on > plan.ends_on:
        return (State.TERMINATED if plan.terminated else State.EXPIRED), None
    signed = events.signed_on
    if signed is not None and signed <= on:
        return State.SIGNED, None
    approved = events.approved_on or (
        terms.deliberation.session.date if terms.deliberation else None
    )
    if approved is not None and approved <= on:
        return State.APPROVED, None
    return State.DRAFT, None


def state_timeline(
    terms: Convention, events: Events, until: date
) -> tuple[tuple[date | None, State], ...]:
    """Every state the convention is in up to ``until``: (first day, state) in date order.

    The first pair holds from the beginning (``None``). ``state_on`` only changes on
    the approval, the last signature, the first period's start and the day after the
    end, so the state is read on those days; ``state_in`` then gives the state on any
    day up to ``until`` without the rules (a test checks it day by day).
    """
    plan = schedule(terms, events, until=until)
    approved = events.approved_on or (
        terms.deliberation.session.date if terms.deliberation else None
    )
    changes = {
        approved,
        events.signed_on,
        plan.periods[0].start if plan.periods else None,
        plan.ends_on + ONE_DAY if plan.ends_on is not None else None,
    }
    days = sorted(day for day in changes if day is not None and day <= until)
    before = days[0] - ONE_DAY if days else until
    timeline: list[tuple[date | None, State]] = [(None, state_on(terms, events, before)[0])]
    for day in days:
        state = state_on(terms, events, day)[0]
        if state is not timeline[-1][1]:
            timeline.append((day, state))
    return tuple(timeline)


def state_in(timeline: tuple[tuple[date | None, State], ...], on: date) -> State:
    """The state on a day, read from a ``state_timeline`` computed up to that day or later.

    >>> timeline = ((None, State.DRAFT), (date(2024, 1, 1), State.IN_FORCE))
    >>> state_in(timeline, date(2023, 12, 31)).value, state_in(timeline, date(2024, 1, 1)).value
    ('draft', 'in_force')
    """
    state = timeline[0][1]
    for day, later in timeline[1:]:
        if day is not None and day <= on:
            state = later
    return state
