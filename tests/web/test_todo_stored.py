"""À faire reads stored obligations: filled on store and on every record, refreshed when stale."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from web_roles import GWENAEL, MARZELLE, TODAY, VERE

from pacte.conventions.models import Convention
from pacte.conventions.services import convention_delete
from pacte.followup import calendars, services
from pacte.followup.models import StoredObligation, StoredState
from pacte.followup.selectors import obligations_for
from pacte.rules.obligations import ObligationKind, Status
from pacte.web.views.todo import ACTIVE, AHEAD, todo_groups

pytestmark = pytest.mark.django_db


def _fields(item, reference: str) -> tuple:
    return (
        item.kind,
        item.due,
        reference,
        item.title,
        item.status,
        str(item.reason),
        *[item.act_by, item.amount, item.party, item.done_on],
    )


def _computed(on: date) -> list[tuple]:
    """What « À faire » showed when it computed every calendar on each request."""
    lines = []
    for calendar in obligations_for(Convention.objects.all(), on=on, until=on + AHEAD):
        for item in calendar.obligations:
            if item.status in ACTIVE and item.due is not None:
                lines.append((item.due, calendar.convention.reference, item))
    lines.sort(key=lambda line: (line[0], line[1]))
    return sorted(
        (_fields(item, reference) for _, reference, item in lines),
        key=lambda line: (line[0].value, line[1], line[2]),
    )


def _read(on: date) -> list[tuple]:
    lines = [
        _fields(o, line.convention.reference)
        for group in todo_groups(Convention.objects.all(), on=on)
        for line in group.lines
        for o in [line.obligation]
    ]
    return sorted(lines, key=lambda line: (line[0].value, line[1], line[2]))


def test_storing_a_convention_fills_its_rows(stored) -> None:
    rows = StoredObligation.objects.filter(convention=stored[GWENAEL])
    assert rows.exists()
    assert {row.computed_until for row in rows} == {TODAY + calendars.OBLIGATIONS_HORIZON}
    assert rows.filter(kind=ObligationKind.PAYMENT).exists()


@pytest.mark.parametrize("days", [-400, -120, -30, 0, 45, 200, 500])
def test_stored_rows_read_as_the_computed_calendar(stored, days: int) -> None:
    on = TODAY + timedelta(days=days)
    assert _read(on) == _computed(on)


def test_stored_rows_keep_the_order_of_the_page(stored) -> None:
    for group in todo_groups(Convention.objects.all(), on=TODAY):
        keys = [(line.obligation.due, line.convention.reference) for line in group.lines]
        assert keys == sorted(keys)


def test_recording_a_payment_updates_the_rows(stored, users) -> None:
    convention = stored[GWENAEL]
    acompte = StoredObligation.objects.get(convention=convention, title__contains="Acompte 2026")
    assert acompte.done_on is None and acompte.status_on(TODAY) is Status.OVERDUE
    services.payment_record(
        convention=convention, amount=Decimal("8750"), paid_on=date(2026, 3, 16), by=users["agent"]
    )
    acompte = StoredObligation.objects.get(convention=convention, title__contains="Acompte 2026")
    assert acompte.done_on == date(2026, 3, 16)
    assert acompte.terminal == Status.DONE


def _stale(stored) -> date:
    """Two calendars left behind: one computed two years ago stops today, one was never
    computed (through the services, which keep the counts per organisation with them)."""
    calendars.obligations_refresh_ids([stored[VERE].pk], on=TODAY - calendars.OBLIGATIONS_HORIZON)
    calendars.calendars_forget([stored[MARZELLE].pk])
    return TODAY + timedelta(days=10)


def _horizons(*conventions: Convention) -> set[date]:
    return set(
        StoredObligation.objects.filter(convention__in=conventions).values_list(
            "computed_until", flat=True
        )
    )


def test_a_stale_horizon_is_refreshed(stored) -> None:
    """The stored states tell how far a calendar was computed (every convention has one)."""
    later = _stale(stored)
    assert calendars.calendars_ensure(Convention.objects.all(), on=later, ahead=AHEAD) == 2
    assert _horizons(stored[VERE], stored[MARZELLE]) == {later + calendars.OBLIGATIONS_HORIZON}
    # the fresh one is left alone
    assert _horizons(stored[GWENAEL]) == {TODAY + calendars.OBLIGATIONS_HORIZON}


def test_reading_a_page_never_refreshes_it_says_so(stored, users) -> None:
    """A page only reads: stale calendars are counted, announced, and left as they are."""
    _stale(stored)
    client = Client()
    client.force_login(users["admin"])
    page = client.get("/").content.decode()
    assert "Calendrier à recalculer pour 2 conventions" in page
    assert _horizons(stored[VERE]) == {TODAY}
    assert not StoredObligation.objects.filter(convention=stored[MARZELLE]).exists()
    register = client.get("/registre/").content.decode()
    assert "Calendrier à recalculer pour 2 conventions" in register


def test_the_refresh_button_recomputes_what_the_user_sees(stored, users) -> None:
    _stale(stored)
    client = Client()
    client.force_login(users["admin"])
    response = client.post("/calendriers/recalculer/", {"suivant": "/registre/"})
    assert response.status_code == 302 and response["Location"] == "/registre/"
    assert _horizons(stored[VERE], stored[MARZELLE]) == {TODAY + calendars.OBLIGATIONS_HORIZON}
    assert "Calendrier à recalculer" not in client.get("/").content.decode()
    # a foreign address is never followed
    away = client.post("/calendriers/recalculer/", {"suivant": "https://ailleurs.example/"})
    assert away["Location"] == "/"
    assert client.get("/calendriers/recalculer/").status_code == 405


def test_migrate_refreshes_the_stale_calendars(stored) -> None:
    _stale(stored)
    call_command("migrate", verbosity=0)
    assert _horizons(stored[VERE], stored[MARZELLE]) == {TODAY + calendars.OBLIGATIONS_HORIZON}


def test_a_partner_sees_only_its_organisations_rows(users) -> None:
    client = Client()
    client.force_login(users["partner_y"])
    page = client.get("/").content.decode()
    assert f'href="/conventions/{VERE}/#obligations"' in page
    assert GWENAEL not in page and MARZELLE not in page


def test_the_command_refreshes_all(stored) -> None:
    StoredObligation.objects.all().delete()
    call_command("obligations_refresh", "--on", "2027-01-15")
    until = date(2027, 1, 15) + calendars.OBLIGATIONS_HORIZON
    for convention in stored.values():
        rows = StoredObligation.objects.filter(convention=convention)
        assert rows.exists()
        assert set(rows.values_list("computed_until", flat=True)) == {until}
        states = StoredState.objects.filter(convention=convention)
        assert set(states.values_list("computed_until", flat=True)) == {until}


def test_deleting_a_convention_deletes_its_rows(stored) -> None:
    convention_delete(convention=stored[MARZELLE])
    assert not StoredObligation.objects.filter(convention_id=stored[MARZELLE].pk).exists()
    assert not StoredState.objects.filter(convention_id=stored[MARZELLE].pk).exists()
