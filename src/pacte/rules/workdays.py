"""Working days in France, with the Alsace-Moselle extras (Good Friday, 26 December).

>>> previous_working_day(date(2010, 2, 14))  # a Sunday
datetime.date(2010, 2, 12)
>>> is_working_day(date(2014, 12, 26), department="67"), is_working_day(date(2014, 12, 26))
(False, True)
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache, lru_cache

import holidays

# Départements whose local law adds public holidays, and the library's subdivision code.
_SUBDIVISIONS = {
    "67": "6AE",
    "68": "6AE",
    "57": "57",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "976": "976",
}


@cache
def _calendar(department: str | None, year: int) -> holidays.HolidayBase:
    calendar: holidays.HolidayBase = holidays.country_holidays(
        "FR", subdiv=_SUBDIVISIONS.get(department or ""), years=year, language="fr"
    )
    return calendar


def holiday_name(day: date, department: str | None = None) -> str | None:
    """French name of the public holiday on ``day``, if any."""
    name = _calendar(department, day.year).get(day)
    return str(name) if name else None


def is_working_day(day: date, department: str | None = None) -> bool:
    return day.weekday() < 5 and holiday_name(day, department) is None


@lru_cache(maxsize=65536)
def previous_working_day(day: date, department: str | None = None) -> date:
    """``day`` itself when it is a working day, else the last working day before it."""
    while not is_working_day(day, department):
        day -= timedelta(days=1)
    return day
