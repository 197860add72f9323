"""One function per fact a person reads about a convention, used by every view.

The register, « À faire », the convention page, the dashboard, the API, the exports
(CSV, XLSX, SCDL) and the generated documents all show the same few facts: a grant's
amount per year and in total, when the convention starts and ends, the period in
force, the notice deadline and the next possible end. Each is computed here, once,
from the terms (amendments already applied) and the events; nothing else restates
the rule. Pure: the day ``on`` is always given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pacte.rules.events import Events
from pacte.rules.money import YearAmount, year_amounts
from pacte.rules.term import (
    ONE_DAY,
    Period,
    State,
    add_length,
    notice_deadline,
    schedule,
    start_date,
    state_on,
)
from pacte.terms import Convention, Grant, Quantity, RenewalKind, Unit


@dataclass(frozen=True)
class TermDates:
    """The start and the end of the convention's initial term (before any renewal)."""

    start: date | None
    end: date | None


def term_dates(terms: Convention, events: Events) -> TermDates:
    """Start and end of the initial term: the fixed dates, or from the last signature.

    A term that starts on signature has no dates until the convention is signed;
    « pour une période d'un an » signed on 2 April 2026 runs to 1 April 2027.
    """
    start = start_date(terms, events)
    if start is None:
        end = terms.term.end if terms.term else None
        return TermDates(None, end)
    plan = schedule(terms, events, until=start)
    if not plan.periods:
        return TermDates(start, terms.term.end if terms.term else None)
    first = plan.periods[0]
    if plan.terminated and plan.ends_on is not None and plan.ends_on < first.end:
        return TermDates(start, plan.ends_on)
    return TermDates(start, first.end)


@dataclass(frozen=True)
class GrantFigures:
    """One grant: its amount for each financed year and its total."""

    key: str
    years: tuple[YearAmount, ...]
    total: Decimal | None
    """The total the convention states, else the sum of its years; ``None`` when unknown."""
    annual: Decimal | None
    """The full-year amount, when the convention gives one."""


def grant_figures(terms: Convention, events: Events) -> tuple[GrantFigures, ...]:
    """Each grant's amounts per year and in total over the initial term.

    Years the convention lists keep their stated amount; the others are computed from
    the full-year amount (prorata of the months or days financed, with the rounding the
    convention states). 10 000 € per full year from 1 November 2012 to 31 December 2014,
    1 666 € stated for 2012, is 1 666 + 10 000 + 10 000 = 21 666 €.
    """
    dates = term_dates(terms, events)
    return tuple(_grant(grant, dates) for grant in terms.grants)


def _grant(grant: Grant, dates: TermDates) -> GrantFigures:
    years = tuple(year_amounts(grant, dates.start, dates.end))
    if grant.total_amount is not None:
        total: Decimal | None = grant.total_amount
    elif years:
        total = sum((y.amount for y in years), Decimal(0))
    else:
        total = None
    return GrantFigures(grant.key, years, total, grant.annual_amount)


def grants_total(figures: tuple[GrantFigures, ...]) -> Decimal | None:
    """The convention's grants added up: 0 without any grant, ``None`` when it has grants
    but none with a known total (a full-year amount before the dates are known)."""
    if not figures:
        return Decimal(0)
    totals = [g.total for g in figures if g.total is not None]
    return sum(totals, Decimal(0)) if totals else None


def amounts_by_year(figures: tuple[GrantFigures, ...]) -> dict[int, Decimal]:
    """The convention's grants added up per financed year."""
    result: dict[int, Decimal] = {}
    for grant in figures:
        for year in grant.years:
            result[year.year] = result.get(year.year, Decimal(0)) + year.amount
    return dict(sorted(result.items()))


@dataclass(frozen=True)
class NoticeOutlook:
    """What a notice given on a day achieves: the period it ends and by when to send it.

    ``current`` is the period in force on the day (``None`` before the start). When its
    notice deadline has passed, the renewal at its end is acquired (``deadline_passed``)
    and the earliest end is that of the next period (``ends_on``, ``deadline``).
    """

    on: date
    current: Period | None
    current_deadline: date | None
    deadline_passed: bool
    ends_period: Period | None
    """The period the notice would end: the current one, or the next when too late."""
    deadline: date | None
    """The last day for the notice to be received so as to end ``ends_period``."""
    notice_received: bool = False
    """A notice (or a termination) already fixed the end: ``ends_period`` is the last."""

    @property
    def ends_on(self) -> date | None:
        """The next possible end of the convention, if a party gives notice now."""
        return self.ends_period.end if self.ends_period else None


def current_period(terms: Convention, events: Events, on: date) -> Period | None:
    """The period in force on a day, or ``None`` (not started, ended, terminated)."""
    return state_on(terms, events, on)[1]


def notice_outlook(terms: Convention, events: Events, on: date) -> NoticeOutlook | None:
    """The notice deadline of the current period and the next possible end, on a day.

    ``None`` when the convention cannot be renewed or has no notice clause, has not
    started or has ended. With tacit renewal and a notice of three months, a period
    ending 14 May 2010 must receive the notice by 14 February 2010; on 1 March 2010 the
    renewal is acquired and the next possible end is 14 May 2011 (notice by 14 February
    2011).
    """
    if terms.renewal is None or terms.renewal.kind is not RenewalKind.TACIT:
        return None
    notice = terms.termination.notice if terms.termination else None
    state, current = state_on(terms, events, on)
    if current is None and state is not State.SIGNED:
        return None
    if current is None:
        # signed, not yet started: the first period is the one a notice would end
        plan = schedule(terms, events, until=on + ONE_DAY)
        if not plan.periods:
            return None
        current = plan.periods[0]
    plan = schedule(terms, events, until=add_length(on, Quantity(value=3, unit=Unit.YEAR)))
    if plan.ends_on is not None and (plan.terminated or plan.ends_on <= current.end):
        # a notice was already received, or this is the last renewal: the end is known
        last = next((p for p in plan.periods if p.end >= plan.ends_on), current)
        return NoticeOutlook(on, current, None, False, last, None, plan.terminated)
    current_deadline = notice_deadline(current.end, notice) if notice else current.end
    if current_deadline >= on:
        return NoticeOutlook(on, current, current_deadline, False, current, current_deadline)
    following = next((p for p in plan.periods if p.number == current.number + 1), None)
    deadline = None
    if following is not None:
        deadline = notice_deadline(following.end, notice) if notice else following.end
    return NoticeOutlook(on, current, current_deadline, True, following, deadline)


def next_possible_end(terms: Convention, events: Events, on: date) -> date | None:
    """The end a notice given on a day would bring: the end of the current period if
    its notice deadline has not passed, else the end of the next one.

    Once a notice was received, the end it brought. ``None`` when the convention cannot
    be renewed (no tacit renewal, or its last renewal is running).
    """
    outlook = notice_outlook(terms, events, on)
    if outlook is None:
        return None
    if outlook.deadline is None and not outlook.notice_received:
        return None
    return outlook.ends_on


@dataclass(frozen=True)
class MoneyPosition:
    """The convention's grants against what was paid, on a day."""

    total: Decimal | None
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        """What is left to pay on the grants' total, never negative."""
        return max((self.total or Decimal(0)) - self.paid, Decimal(0))

    @property
    def overpaid(self) -> Decimal:
        """Paid beyond the grants' total: a refund to claim."""
        return max(self.paid - (self.total or Decimal(0)), Decimal(0))


def money_position(terms: Convention, events: Events, on: date) -> MoneyPosition:
    """The grants' total (``grants_total``) and the payments recorded up to ``on``."""
    paid = sum((p.amount for p in events.payments if p.on <= on), Decimal(0))
    return MoneyPosition(grants_total(grant_figures(terms, events)), paid)
