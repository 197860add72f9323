"""The obligations calendar as iCalendar (RFC 5545), for Outlook or Thunderbird.

Each dated obligation becomes an all-day event on its due date with two alarms (a week
before and on the "act by" day). UIDs are stable, so a subscribed feed updates in place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from pacte.rules.obligations import Obligation, Status

_ACTIVE = {Status.UPCOMING, Status.DUE, Status.OVERDUE}


def _uid(reference: str, obligation: Obligation) -> str:
    digest = hashlib.sha256(
        f"{reference}|{obligation.kind}|{obligation.title}".encode()
    ).hexdigest()[:24]
    return f"{digest}@pacte"


def obligations_ical(
    items: Iterable[tuple[str, Obligation]], *, name: str, stamp: datetime
) -> bytes:
    """An iCalendar file for ``(convention reference, obligation)`` pairs.

    ``stamp`` is the DTSTAMP of every event (given, as the rules never read a clock).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Pacte//Obligations//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for reference, obligation in items:
        if obligation.due is None:
            continue
        event = Event()
        event.add("uid", _uid(reference, obligation))
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", obligation.due)
        event.add("dtend", obligation.due + timedelta(days=1))
        event.add("summary", f"[{reference}] {obligation.title}")
        description = [str(obligation.reason)]
        if obligation.amount is not None:
            description.append(f"Montant : {obligation.amount:.2f} €".replace(".", ","))
        if obligation.party:
            description.append(f"Qui : {obligation.party}")
        description.append(f"État : {obligation.status_label}")
        event.add("description", "\n".join(description))
        event.add("categories", [obligation.kind.label])
        event.add("status", "CONFIRMED" if obligation.status in _ACTIVE else "CANCELLED")
        if obligation.status in _ACTIVE:
            for before in _alarm_offsets(obligation):
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", obligation.title)
                # relative to the start of the all-day event, at 9 a.m. that day
                alarm.add("trigger", -before + timedelta(hours=9))
                event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _alarm_offsets(obligation: Obligation) -> list[timedelta]:
    """A week before the due date, and on the "act by" day (the due date or earlier)."""
    assert obligation.due is not None
    act_by = obligation.act_by or obligation.due
    return sorted({timedelta(days=7), obligation.due - act_by}, reverse=True)
