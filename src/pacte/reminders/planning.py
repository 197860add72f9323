"""When a reminder is due: pure date arithmetic, no Django.

>>> alert_threshold(date(2027, 3, 31), on=date(2027, 3, 1), days=(30, 7))
30
>>> alert_threshold(date(2027, 3, 31), on=date(2027, 3, 26), days=(30, 7))
7
>>> alert_threshold(date(2027, 3, 31), on=date(2027, 2, 27), days=(30, 7)) is None
True
>>> week_key(date(2027, 1, 1))
'2026-S53'
>>> parse_days("30, 7 ,15")
(30, 15, 7)
"""

from __future__ import annotations

from datetime import date

DEFAULT_DAYS = (30, 7)
DIGEST_AHEAD = 30
"""The weekly digest lists what is overdue and what falls due in the next 30 days."""
MAX_DAYS = 365


class DaysError(ValueError):
    """The alert days cannot be read; the message says why, in French."""


def alert_threshold(due: date, *, on: date, days: tuple[int, ...]) -> int | None:
    """The alert a deadline calls for ``on`` a day: the smallest number of days ahead
    that the deadline is within (7 when it is 5 days away with 30 and 7), None when it
    is further than the largest or already passed.

    A run missed for a few days sends the alert once, for the threshold it is in now."""
    left = (due - on).days
    if left < 0:
        return None
    within = [n for n in days if left <= n]
    return min(within) if within else None


def week_key(on: date) -> str:
    """The ISO week of a day (``2026-S50``): one digest per user and week."""
    year, week, _ = on.isocalendar()
    return f"{year}-S{week:02d}"


def parse_days(text: str) -> tuple[int, ...]:
    """« 30, 7 » → (30, 7): whole numbers of days from 1 to 365, largest first."""
    values = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise DaysError(f"« {part} » n'est pas un nombre de jours entier.")
        value = int(part)
        if not 1 <= value <= MAX_DAYS:
            raise DaysError(f"{value} jours : choisir entre 1 et {MAX_DAYS} jours.")
        values.append(value)
    if not values:
        raise DaysError("Indiquez au moins un nombre de jours, par exemple « 30, 7 ».")
    return tuple(sorted(set(values), reverse=True))
