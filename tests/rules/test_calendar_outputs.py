"""Working days, dated legal parameters and the iCalendar export."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from icalendar import Calendar

from factories import TermsFactory
from pacte.rules.events import Events
from pacte.rules.ical import obligations_ical
from pacte.rules.obligations import ObligationKind, obligations
from pacte.rules.parameters import parameter, parameter_names
from pacte.rules.workdays import holiday_name, is_working_day, previous_working_day
from pacte.terms import Convention


@pytest.mark.parametrize(
    ("day", "department", "working"),
    [
        (date(2014, 4, 18), "67", False),  # Good Friday, Alsace
        (date(2014, 4, 18), "68", False),
        (date(2014, 4, 18), "57", False),  # Moselle
        (date(2014, 4, 18), "21", True),
        (date(2014, 4, 18), None, True),
        (date(2010, 12, 26), "67", False),  # a Sunday anyway
        (date(2012, 11, 1), "21", False),  # All Saints' Day
        (date(2010, 2, 12), "21", True),
    ],
)
def test_working_days(day: date, department: str | None, working: bool) -> None:
    assert is_working_day(day, department) is working


def test_holiday_names_are_french() -> None:
    assert holiday_name(date(2012, 11, 1)) == "Toussaint"
    assert previous_working_day(date(2015, 5, 1)) == date(2015, 4, 30)


def test_parameters_are_dated_with_references() -> None:
    assert parameter_names() == [
        "convention_threshold",
        "financial_report_delay",
        "open_data_delay",
        "open_data_threshold",
        "proxies_per_member",
        "quorum_commune",
        "quorum_departement",
        "quorum_region",
        "vote_majority",
    ]
    for name in parameter_names():
        current = parameter(name).at(date(2026, 1, 1))
        assert current is not None and current.reference.text
    assert parameter("open_data_threshold").at(date(2016, 12, 31)) is None
    assert parameter("convention_threshold").at(date(2026, 1, 1)).value == Decimal("23000")


def test_legal_duties_apply_above_the_threshold_only(dijon: Convention) -> None:
    signed = Events(signatures=(date(2018, 3, 1),))
    dijon.grants[0].years[0].year = 2018
    small = obligations(dijon, signed, on=date(2018, 3, 1), until=date(2020, 1, 1))
    assert not [o for o in small if o.kind is ObligationKind.OPEN_DATA]
    big = TermsFactory(sample=dijon)  # the same, with an earmarked grant above the threshold
    big.grants[0].years[0].amount = Decimal("30000")
    big.grants[0].earmarked = True
    big.grants[0].years[0].year = 2018
    items = obligations(big, signed, on=date(2018, 3, 1), until=date(2020, 1, 1))
    (open_data,) = [o for o in items if o.kind is ObligationKind.OPEN_DATA]
    assert open_data.due == date(2018, 6, 1)
    assert "2017-779" in str(open_data.reason)
    (report,) = [o for o in items if o.kind is ObligationKind.FINANCIAL_REPORT]
    assert report.due == date(2019, 6, 30)
    assert "2000-321" in str(report.reason)


def test_ical_is_valid_and_stable(dijon: Convention) -> None:
    items = obligations(
        dijon, Events(signatures=(date(2009, 5, 15),)), on=date(2009, 5, 15), until=date(2010, 6, 1)
    )
    stamp = datetime(2009, 5, 15, tzinfo=UTC)
    data = obligations_ical([(dijon.reference, o) for o in items], name="Pacte", stamp=stamp)
    assert data == obligations_ical(
        [(dijon.reference, o) for o in items], name="Pacte", stamp=stamp
    )
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len([o for o in items if o.due])
    notice = next(e for e in events if "dénoncer" in str(e["SUMMARY"]))
    assert notice.decoded("DTSTART") == date(2010, 2, 14)
    alarms = notice.walk("VALARM")
    triggers = sorted(a.decoded("TRIGGER") for a in alarms)
    # a week before, and on the Friday before the Sunday deadline (9 a.m.)
    assert triggers == [timedelta(days=-7, hours=9), timedelta(days=-2, hours=9)]
    assert len({e["UID"] for e in events}) == len(events)
