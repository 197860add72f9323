"""The nightly refresh recomputes only the conventions whose calendar may have changed.

After a day with records on 3 conventions of the register, the run recomputes those 3,
plus those where a stored due date, the start of a stored state or the signature date
falls on the new day; the others keep their rows. A simulation over two years, with
records now and then and nights skipped, checks that what the pages read (obligations
up to 90 days ahead with their status of the day, the state of the day) stays what a
full recomputation would give.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command

from factories import TermsFactory
from pacte.conventions.models import Convention
from pacte.conventions.services import convention_store
from pacte.followup import calendars, services
from pacte.followup.models import RefreshRun, StoredObligation, StoredState
from pacte.followup.selectors import obligations_for, states_of
from pacte.followup.selectors.todo import AHEAD
from pacte.rules.term import State, state_on
from pacte.terms import DocumentKind

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 22)


@pytest.fixture
def register(monkeypatch) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Twelve conventions of the three samples, signed at various dates (one not yet,
    one on a day to come), and a clock the test moves (``clock["day"]``)."""
    clock = {"day": DAY}
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: clock["day"])
    shifts = [-700, -400, -365, -200, -90, -30, -1, 0, 1, 20, 45, None]
    stored = []
    for index, shift in enumerate(shifts):
        sample = ("ville", "departement", "agglo")[index % 3]
        base = TermsFactory.build(sample=sample)
        if shift is None:
            terms = TermsFactory.build(sample=sample, unsigned=True)
        else:
            terms = TermsFactory.build(
                sample=sample,
                signed_on=DAY + timedelta(days=shift),
                term=_shifted_term(base, shift),
            )
        stored.append(convention_store(terms=terms)[0])
    return {"clock": clock, "conventions": stored}


def _shifted_term(terms: Any, shift: int) -> Any:
    """The sample's term moved with its signature (fixed dates move as much)."""
    term = terms.term
    if term is None:
        return None
    gap = DAY + timedelta(days=shift) - terms.signed_on
    update = {}
    if term.start is not None:
        update["start"] = term.start + gap
    if term.end is not None:
        update["end"] = term.end + gap
    return term.model_copy(update=update)


def _computed_at(ids: list[int]) -> dict[int, set[Any]]:
    found: dict[int, set[Any]] = {pk: set() for pk in ids}
    for pk, at in StoredObligation.objects.values_list("convention_id", "computed_at"):
        found.setdefault(pk, set()).add(at)
    return found


def _crossed(last: date, day: date) -> set[int]:
    """Conventions with a stored due date, a state's start or a signature in (last, day],
    found by reading every row (not by the refresh's queries)."""
    found = {
        row.convention_id
        for row in StoredObligation.objects.all()
        if row.due and last < row.due <= day
    }
    found |= {
        row.convention_id
        for row in StoredState.objects.all()
        if row.start and last < row.start <= day
    }
    found |= {c.pk for c in Convention.objects.all() if c.signed_on and last < c.signed_on <= day}
    return found  # fmt: skip


def test_after_a_day_with_records_on_three_conventions_only_they_are_recomputed(
    register, django_user_model, monkeypatch
) -> None:
    monkeypatch.setattr(calendars, "renewal_quota", lambda total: 0)  # tested apart
    clock, conventions = register["clock"], register["conventions"]
    agent = django_user_model.objects.create_user("agent")
    first = calendars.obligations_refresh_nightly(on=DAY)
    assert first.full and first.conventions == len(conventions)

    clock["day"] = DAY + timedelta(days=1)
    a, b, c = conventions[4], conventions[5], conventions[6]
    services.renewal_record(convention=a, decided_on=clock["day"], by=agent)
    services.document_receive(
        convention=b, kind=DocumentKind.ACTIVITY_REPORT, received_on=clock["day"], by=agent
    )
    services.termination_record(
        convention=c, terminated_on=clock["day"], reason="d'un commun accord", by=agent
    )
    ids = [convention.pk for convention in conventions]
    before = _computed_at(ids)

    plan = calendars.refresh_plan(on=clock["day"])
    run = calendars.obligations_refresh_nightly(on=clock["day"])

    expected = {a.pk, b.pk, c.pk} | _crossed(DAY, clock["day"])
    assert not plan.full and set(plan.ids) == expected
    assert len(expected) < len(conventions)
    assert not run.full and run.conventions == len(expected)
    after = _computed_at(ids)
    assert {pk for pk in ids if after[pk] != before[pk]} <= expected
    assert {pk for pk in ids if after[pk] == before[pk]} == set(ids) - expected
    assert RefreshRun.objects.count() == 2


def test_a_night_without_anything_new_recomputes_nothing(register) -> None:
    register["clock"]["day"] = DAY
    calendars.obligations_refresh_nightly(on=DAY)

    run = calendars.obligations_refresh_nightly(on=DAY)

    assert run.conventions == 0


def test_a_calendar_reaching_less_than_a_year_ahead_is_recomputed(register) -> None:
    calendars.obligations_refresh_nightly(on=DAY)
    later = DAY + timedelta(days=366)
    register["clock"]["day"] = later

    plan = calendars.refresh_plan(on=later)

    # computed a year and a day ago, they reach less than two years minus a year ahead
    assert set(plan.ids) == {c.pk for c in register["conventions"]}


def test_each_night_renews_the_oldest_calendars(register, monkeypatch) -> None:
    monkeypatch.setattr(calendars, "REFRESH_SPREAD", 4)  # a quarter of the register
    conventions = register["conventions"]
    calendars.obligations_refresh_nightly(on=DAY, full=True)
    older = conventions[2], conventions[5], conventions[7]
    for age, convention in enumerate(older, start=1):
        StoredState.objects.filter(convention=convention).update(
            computed_until=DAY + calendars.OBLIGATIONS_HORIZON - timedelta(days=age)
        )

    plan = calendars.refresh_plan(on=DAY)

    assert calendars.renewal_quota(len(conventions)) == 3
    assert set(plan.ids) == {c.pk for c in older}


def test_the_command_recomputes_all_with_all_and_what_changed_without(register, capsys) -> None:
    call_command("obligations_refresh", "--on", DAY.isoformat())
    assert "recalcul complet" in capsys.readouterr().out

    call_command("obligations_refresh", "--on", DAY.isoformat())
    assert "pour 0 convention(s) au 22/11/2026 (recalcul de ce qui a pu changer)" in (
        capsys.readouterr().out
    )

    call_command("obligations_refresh", "--on", DAY.isoformat(), "--all")
    assert f"pour {len(register['conventions'])} convention(s)" in capsys.readouterr().out
    assert list(RefreshRun.objects.values_list("full", flat=True)) == [True, False, True]


def _visible(day: date) -> dict[int, tuple[list[tuple[Any, ...]], str]]:
    """What the pages read of each convention on a day: its stored obligations up to 90
    days ahead with their status that day, and its stored state."""
    found: dict[int, list[tuple[Any, ...]]] = {
        pk: [] for pk in Convention.objects.values_list("pk", flat=True)
    }
    for row in StoredObligation.objects.all():
        if row.due is None or row.due <= day + AHEAD:
            found[row.convention_id].append(
                (
                    row.kind,
                    row.title,
                    row.due,
                    row.act_by,
                    row.amount,
                    row.status_on(day).value,
                    row.done_on,
                    row.waiting_for,
                )
            )
    states = states_of(found, day)
    return {pk: (sorted(rows), states.get(pk, "")) for pk, rows in found.items()}  # fmt: skip


def _recomputed(day: date) -> dict[int, tuple[list[tuple[Any, ...]], str]]:
    """The same, computed afresh from the conventions and their records (nothing written)."""
    found = {}
    for calendar in obligations_for(
        Convention.objects.all(), on=day, until=day + calendars.OBLIGATIONS_HORIZON
    ):
        obligations = sorted(
            (o.kind.value, o.title, o.due, o.act_by, o.amount, o.status.value, o.done_on,
             (o.waiting_for or "")[:300])
            for o in calendar.obligations
            if o.due is None or o.due <= day + AHEAD
        )  # fmt: skip
        state, _period = state_on(calendar.terms, calendar.events, day)
        found[calendar.convention.pk] = (obligations, State(state).label)
    return found


def test_what_pages_read_stays_what_a_full_recomputation_gives(
    register, django_user_model, monkeypatch
) -> None:
    # no renewal of old calendars here: only the incremental rules keep them right
    monkeypatch.setattr(calendars, "REFRESH_MARGIN", timedelta(days=600))
    monkeypatch.setattr(calendars, "renewal_quota", lambda total: 0)
    clock, conventions = register["clock"], register["conventions"]
    agent = django_user_model.objects.create_user("agent")
    calendars.obligations_refresh_nightly(on=DAY)
    assert len(_visible(DAY)) == len(conventions)
    records = {
        1: lambda c, d: services.document_receive(
            convention=c, kind=DocumentKind.ACTIVITY_REPORT, received_on=d, year=d.year, by=agent
        ),
        3: lambda c, d: services.renewal_record(convention=c, decided_on=d, by=agent),
        5: lambda c, d: services.notice_record(
            convention=c,
            party=c.parties.first().key,
            sent_on=d - timedelta(days=3),
            received_on=d,
            by=agent,
        ),
        7: lambda c, d: services.termination_record(
            convention=c, terminated_on=d, reason="d'un commun accord", by=agent
        ),
    }
    # nights run or skipped, irregularly, over a year and a half
    for step, gap in enumerate([1, 1, 2, 5, 9, 14, 30, 31, 45, 60, 61, 90, 120]):
        clock["day"] += timedelta(days=gap)
        day = clock["day"]
        if step in records:
            records[step](conventions[step], day)
        calendars.obligations_refresh_nightly(on=day)
        assert _visible(day) == _recomputed(day), day
