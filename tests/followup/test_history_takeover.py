"""Reprise d'historique: an old convention imported does not flood « À faire »."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from factories import ConventionFactory
from pacte.cli.importing import takeover_lines
from pacte.followup import services
from pacte.followup.models import Payment, StoredObligation
from pacte.rules.obligations import Status
from pacte.terms import Convention as Terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def old(bas_rhin: Terms):
    """The 2012–2014 convention, signed on 15 October 2012, entered in 2026."""
    return ConventionFactory(
        terms__sample=bas_rhin, terms__keep_reference=True, terms__signed_on=date(2012, 10, 15)
    )


def _late(convention, on: date) -> list[StoredObligation]:
    rows = StoredObligation.objects.filter(convention=convention)
    return [row for row in rows if row.status_on(on) is Status.OVERDUE]


def test_an_old_convention_is_taken_over_with_its_past(old, agent, today: date) -> None:
    assert len(_late(old, today)) >= 5  # what floods « À faire » without a takeover
    preview = services.history_takeover_preview(convention=old, on=today)
    assert preview.amount == Decimal("21666.00")  # 1 666 + 10 000 + 10 000 to record as paid
    services.history_takeover(convention=old, on=today, by=agent)
    assert _late(old, today) == []
    payments = Payment.objects.filter(convention=old)
    assert sum(p.amount for p in payments) == Decimal("21666.00")
    assert {p.reference for p in payments} == {services.TAKEOVER_REFERENCE}
    # the past is settled, with its reason kept
    settled = StoredObligation.objects.filter(convention=old, reason__contains="reprise")
    assert settled.exists()
    with pytest.raises(services.FollowupError, match="déjà été faite"):
        services.history_takeover(convention=old, on=today, by=agent)


def test_the_import_command_offers_then_applies_the_takeover(old, today: date) -> None:
    (offer,) = takeover_lines(old, apply=False)
    assert "« --reprise » les enregistre comme réalisées" in offer
    assert "21 666,00 €" in offer
    assert Payment.objects.filter(convention=old).count() == 0
    (done,) = takeover_lines(old, apply=True)
    assert done.startswith("  reprise d'historique : ")
    assert _late(old, today) == []
    assert takeover_lines(old, apply=False) == []
