"""The facts every view shows, computed once (``pacte.rules.facts``), on both seeds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pacte.rules.events import Events, NoticeReceived
from pacte.rules.facts import (
    amounts_by_year,
    grant_figures,
    grants_total,
    next_possible_end,
    notice_outlook,
    term_dates,
)
from pacte.terms import Convention

SIGNED = date(2009, 5, 15)


def test_bas_rhin_total_counts_every_year(bas_rhin: Convention) -> None:
    """10 000 € per full year, 1 666 € stated for the last two months of 2012."""
    figures = grant_figures(bas_rhin, Events())
    assert amounts_by_year(figures) == {
        2012: Decimal("1666.00"),
        2013: Decimal("10000.00"),
        2014: Decimal("10000.00"),
    }
    assert grants_total(figures) == Decimal("21666.00")


def test_dijon_dates_from_the_signature(dijon: Convention) -> None:
    assert term_dates(dijon, Events()).start is None
    dates = term_dates(dijon, Events(signatures=(SIGNED,)))
    assert (dates.start, dates.end) == (SIGNED, date(2010, 5, 14))
    assert grants_total(grant_figures(dijon, Events())) == Decimal("4000.00")


def test_notice_before_and_after_the_deadline(dijon: Convention) -> None:
    events = Events(signatures=(SIGNED,))
    before = notice_outlook(dijon, events, date(2010, 1, 10))
    assert before is not None and not before.deadline_passed
    assert (before.deadline, before.ends_on) == (date(2010, 2, 14), date(2010, 5, 14))
    after = notice_outlook(dijon, events, date(2010, 3, 1))
    assert after is not None and after.deadline_passed
    assert after.current is not None and after.current.number == 1
    assert after.current_deadline == date(2010, 2, 14)
    assert (after.deadline, after.ends_on) == (date(2011, 2, 14), date(2011, 5, 14))
    assert next_possible_end(dijon, events, date(2010, 3, 1)) == date(2011, 5, 14)


def test_notice_received_fixes_the_end(dijon: Convention) -> None:
    events = Events(
        signatures=(SIGNED,), notices=(NoticeReceived(party="cress", on=date(2010, 2, 1)),)
    )
    # the notice received fixed the end of the current period
    assert next_possible_end(dijon, events, date(2010, 3, 1)) == date(2010, 5, 14)


def test_express_renewal_ends_at_its_term(bas_rhin: Convention) -> None:
    assert notice_outlook(bas_rhin, Events(), date(2013, 6, 1)) is None
    assert next_possible_end(bas_rhin, Events(), date(2013, 6, 1)) is None
