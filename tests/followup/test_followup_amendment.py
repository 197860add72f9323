"""Avenants: recorded by one audited service, applied to the terms the rules read."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.followup import services
from pacte.followup.models import Amendment
from pacte.followup.selectors import apply_amendments, obligations_for, terms_with_amendments
from pacte.rules.obligations import ObligationKind

pytestmark = pytest.mark.django_db


def payment_amounts(convention: Convention, today: date) -> list[Decimal]:
    [calendar] = obligations_for(
        Convention.objects.filter(pk=convention.pk), on=today, until=today + timedelta(days=500)
    )
    return [o.amount for o in calendar.obligations if o.kind is ObligationKind.PAYMENT]


def test_an_amendment_changes_the_payment_obligations(gwenael, agent, today) -> None:
    assert payment_amounts(gwenael, today) == [Decimal("8750.00"), Decimal("3750.00")]
    amendment = services.amendment_record(
        convention=gwenael,
        signed_on=date(2026, 6, 1),
        summary="Montant 2026 porté à 15 000 €",
        grant="subvention-2026",
        year=2026,
        amount=Decimal("15000"),
        by=agent,
    )
    assert amendment.number == 1
    assert payment_amounts(gwenael, today) == [Decimal("10500.00"), Decimal("4500.00")]
    entry = AuditEntry.objects.get(object_type="amendment")
    assert entry.object_ref == gwenael.reference
    assert "Avenant n° 1" in entry.summary["description"]
    # the stored convention is untouched; the amended terms are a copy
    assert gwenael.to_terms().grants[0].years[0].amount == Decimal("12500")


def test_the_year_defaults_to_the_single_listed_year_and_numbers_follow(gwenael, agent) -> None:
    first = services.amendment_record(
        convention=gwenael,
        signed_on=date(2026, 6, 1),
        summary="a",
        amount=Decimal("13000"),
        by=agent,
    )
    second = services.amendment_record(
        convention=gwenael,
        signed_on=date(2026, 7, 1),
        summary="b",
        amount=Decimal("14000"),
        by=agent,
    )
    assert (first.year, first.grant_key, second.number) == (2026, "subvention-2026", 2)
    fresh = Convention.objects.get(pk=gwenael.pk)
    assert terms_with_amendments(fresh).grants[0].years[0].amount == Decimal("14000")


def test_a_new_end_date_is_applied(gwenael, agent) -> None:
    services.amendment_record(
        convention=gwenael,
        signed_on=date(2026, 6, 1),
        summary="Prolongation",
        ends_on=date(2027, 6, 30),
        by=agent,
    )
    terms = terms_with_amendments(Convention.objects.get(pk=gwenael.pk))
    assert terms.term.end == date(2027, 6, 30)


def test_apply_amendments_is_pure(gwenael) -> None:
    terms = gwenael.to_terms()
    amendment = Amendment(number=1, grant_key="subvention-2026", year=2027, amount=Decimal("9000"))
    amended = apply_amendments(terms, [amendment])
    assert [(y.year, y.amount) for y in amended.grants[0].years] == [
        (2026, Decimal("12500")),
        (2027, Decimal("9000")),
    ]
    assert len(terms.grants[0].years) == 1


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"grant": "inconnue", "amount": Decimal("10")}, "grant", "n'existe pas"),
        ({"amount": Decimal("0")}, "amount", "doit être positif"),
        ({"amount": Decimal("-5")}, "amount", "doit être positif"),
        ({"signed_on": date(2026, 12, 1), "amount": Decimal("10")}, "signed_on", "postérieure"),
        ({"ends_on": date(2025, 1, 1)}, "ends_on", "précède le début"),
        ({"summary": "  ", "amount": Decimal("10")}, "summary", "objet"),
        ({}, None, "l'un ou l'autre"),
    ],
)
def test_refusals_are_french_and_record_nothing(gwenael, agent, options, field, message) -> None:
    data = {"signed_on": date(2026, 6, 1), "summary": "Avenant", **options}
    with pytest.raises(services.FollowupError) as refused:
        services.amendment_record(convention=gwenael, by=agent, **data)
    assert refused.value.field == field
    assert message in refused.value.message
    assert not Amendment.objects.exists()
    assert not AuditEntry.objects.filter(object_type="amendment").exists()


def test_a_number_is_not_recorded_twice(gwenael, agent) -> None:
    data = {"signed_on": date(2026, 6, 1), "summary": "a", "amount": Decimal("10"), "number": 3}
    services.amendment_record(convention=gwenael, by=agent, **data)
    with pytest.raises(services.FollowupError, match="déjà enregistré"):
        services.amendment_record(convention=gwenael, by=agent, **data)


def test_a_stated_total_moves_with_the_amended_year(samples) -> None:
    vere = next(c for ref, c in samples.items() if "vere" in ref)
    terms = vere.to_terms()
    grant = terms.grants[0]
    assert grant.total_amount == Decimal("68000")
    changed = Amendment(number=1, grant_key=grant.key, year=2026, amount=Decimal("30000"))
    added = Amendment(number=2, grant_key=grant.key, year=2028, amount=Decimal("5000"))
    amended = apply_amendments(terms, [changed, added]).grants[0]
    assert amended.total_amount == Decimal("68000") + 6000 + 5000
    assert sum(y.amount for y in amended.years) == amended.total_amount
