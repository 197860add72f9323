"""The calendar stored with a convention, computed from the terms in memory, is the one
the full refresh computes by reading the convention back (obligations, states, figures)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from pacte.conventions.models import Convention
from pacte.conventions.services import convention_store
from pacte.followup import calendars, services
from pacte.followup.models import StoredFigures, StoredObligation, StoredState
from pacte.samples import sample_paths
from pacte.terms import DocumentKind, load_convention_yaml
from property_strategies import conventions_and_events

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    *sample_paths(),
    ROOT / "tests" / "register" / "data" / "full.yaml",
    *sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.yaml")),
]


def _stored(convention: Convention) -> dict[str, Any]:
    """What is stored for a convention, without ids and the time of the computation."""
    return {
        "obligations": list(
            StoredObligation.objects.filter(convention=convention)
            .order_by("position")
            .values_list(
                "reference",
                "position",
                "kind",
                "section",
                "title",
                "due",
                "act_by",
                "amount",
                "party",
                "reason",
                "done_on",
                "terminal",
                "waiting_for",
                "computed_until",
            )
        ),
        "states": list(
            StoredState.objects.filter(convention=convention)
            .order_by("start", "pk")
            .values_list("state", "start", "end", "computed_until")
        ),
        "figures": list(
            StoredFigures.objects.filter(convention=convention).values_list(
                "amount", "start", "end", "amendments"
            )
        ),
    }


def _same_as_full_refresh(convention: Convention, today: date) -> dict[str, Any]:
    stored = _stored(convention)
    calendars.obligations_refresh_many(Convention.objects.filter(pk=convention.pk), on=today)
    assert _stored(convention) == stored
    return stored


@pytest.mark.django_db
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_a_stored_calendar_is_the_one_read_back(path: Path, today: date) -> None:
    terms = load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)

    convention, created = convention_store(terms=terms)

    assert created
    assert _same_as_full_refresh(convention, today)["states"]


@pytest.mark.django_db
def test_stored_again_with_its_records_the_calendar_keeps_them(gwenael, agent, today) -> None:
    services.signature_record(
        convention=gwenael, party="ville", signed_on=date(2026, 3, 2), by=agent
    )
    services.payment_record(
        convention=gwenael, amount=Decimal("8750"), paid_on=date(2026, 3, 20), by=agent
    )
    services.document_receive(
        convention=gwenael,
        kind=DocumentKind.ACTIVITY_REPORT,
        received_on=date(2026, 6, 1),
        year=2026,
        by=agent,
    )
    services.amendment_record(
        convention=gwenael,
        signed_on=date(2026, 6, 1),
        summary="Montant 2026 porté à 15 000 €",
        grant="subvention-2026",
        year=2026,
        amount=Decimal("15000"),
        by=agent,
    )
    before = _stored(gwenael)

    convention, created = convention_store(terms=gwenael.to_terms())

    assert not created
    assert _same_as_full_refresh(convention, today) == before
    assert before["figures"][0][3] == 1  # the amendment counted


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=conventions_and_events())
def test_any_term_and_renewal_is_stored_as_read_back(drawn, today: date) -> None:
    terms, _events = drawn

    convention, _created = convention_store(terms=terms)

    _same_as_full_refresh(convention, today)
