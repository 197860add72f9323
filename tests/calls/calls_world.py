"""A fund like the Bas-Rhin seed's (article 1 a: the FD2I, whose annual call the chamber
helps orient and whose applications it helps select), its people, and applicants.

Times are fixed by the tests (``now=``); the call of 2026 is long closed by the time the
suite runs, so no date here is « in the future » for the follow-up's checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from factories import MembershipFactory, OrganisationFactory, UserFactory
from pacte.accounts.enums import Role
from pacte.calls import services
from pacte.calls.checks import Line
from pacte.calls.models import Application, Call, Fund
from pacte.organisations.enums import OrganisationKind

PARIS = ZoneInfo("Europe/Paris")
OPENS = datetime(2026, 2, 2, 9, 0, tzinfo=PARIS)
CLOSES = datetime(2026, 3, 31, 12, 0, tzinfo=PARIS)
DURING = datetime(2026, 3, 16, 10, 0, tzinfo=PARIS)
AFTER = datetime(2026, 4, 10, 10, 0, tzinfo=PARIS)
COMMITTEE = date(2026, 5, 20)
FUND_NAME = "Fonds départemental d'innovation pour l'insertion"


def luhn_siret(head: str) -> str:
    """A 14-digit SIRET starting with ``head`` (13 digits) and a valid Luhn key."""
    assert len(head) == 13
    for last in "0123456789":
        digits = head + last
        total = 0
        for index, char in enumerate(reversed(digits)):
            number = int(char) * (2 if index % 2 else 1)
            total += number - 9 if number > 9 else number
        if total % 10 == 0:
            return digits
    raise AssertionError


def budget(
    total: Decimal, requested: Decimal, *, other_funder: str = "Ville de Strasbourg"
) -> list[Line]:
    """A balanced provisional budget: charges 60/64/86, products 74 (the fund and a
    co-funder), 70 and 87."""
    in_kind = Decimal("1000")
    co_funding = ((total - requested - in_kind) / 2).quantize(Decimal("0.01"))
    sales = total - requested - in_kind - co_funding
    return [
        Line("charge", "60", total * Decimal("0.2"), "Achats"),
        Line("charge", "64", total * Decimal("0.8") - in_kind, "Salaires et charges"),
        Line("charge", "86", in_kind, "Bénévolat"),
        Line("product", "74", requested, "Subvention sollicitée", funder=FUND_NAME),
        Line("product", "74", co_funding, "Subvention", funder=other_funder),
        Line("product", "70", sales, "Prestations"),
        Line("product", "87", in_kind, "Bénévolat"),
    ]


def application_data(number: int, requested: Decimal, **changes: Any) -> services.ApplicationData:
    values: dict[str, Any] = {
        "organisation_name": f"Association d'insertion n° {number}",
        "organisation_kind": OrganisationKind.ASSOCIATION,
        "siret": luhn_siret(f"77{number:02d}000000{number:03d}"),
        "rna": f"W67{number:07d}",
        "address": f"{number}, rue de l'Insertion",
        "postcode": "67000",
        "city": "Strasbourg",
        "representative": f"Présidente n° {number}",
        "contact_email": f"porteur{number}@exemple.invalid",
        "project_title": f"Projet d'insertion n° {number}",
        "public_summary": f"Résumé public du projet n° {number}.",
        "description": "Accompagner vers l'emploi des personnes qui en sont éloignées.",
        "starts_on": date(2026, 9, 1),
        "amount_requested": requested,
        "documents": ["statutes", "accounts", "rib", "activity_report"],
        "republican_contract": True,
        "budget": budget(requested * 2, requested),
    }
    values.update(changes)
    return services.ApplicationData(**values)


@dataclass
class World:
    fund: Fund
    call: Call
    agents: list[Any]
    partners: list[Any]
    outsider: Any
    applicants: list[Any] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)

    @property
    def reviewers(self) -> list[Any]:
        return [*self.agents, *self.partners]


@pytest.fixture
def world(db) -> World:
    authority = OrganisationFactory(
        name="Département du Bas-Rhin",
        kind=OrganisationKind.DEPARTEMENT,
        siret=luhn_siret("2267000170001"),
        department="67",
    )
    chamber = OrganisationFactory(
        name="Chambre Régionale de l'Économie Sociale d'Alsace", kind=OrganisationKind.CRESS
    )
    other = OrganisationFactory(name="Autre partenaire", kind=OrganisationKind.CRESS)
    agents = [
        MembershipFactory(organisation=authority, role=Role.AGENT, user__username=f"agent{i}").user
        for i in (1, 2)
    ]
    partners = [
        MembershipFactory(organisation=chamber, role=Role.PARTNER, user__username=f"cres{i}").user
        for i in (1, 2)
    ]
    outsider = MembershipFactory(organisation=other, role=Role.PARTNER, user__username="autre").user
    fund = services.fund_create(
        name=FUND_NAME,
        short_name="FD2I",
        authority=authority,
        partner=chamber,
        advance_percent=Decimal(70),
        duration_months=12,
        quorum=3,
        by=agents[0],
    )
    call = services.call_create(
        fund=fund,
        data=services.CallData(
            reference="fd2i-2026",
            year=2026,
            title="Appel à projets FD2I 2026",
            envelope=Decimal("60000"),
            opens_at=OPENS,
            closes_at=CLOSES,
            committee_on=COMMITTEE,
            criteria=[
                ("Innovation sociale", Decimal(3)),
                ("Insertion des publics éloignés de l'emploi", Decimal(2)),
                ("Viabilité économique", Decimal(1)),
            ],
            eligible_kinds=["association", "cooperative", "company"],
            eligible_departments=["67"],
            max_amount=Decimal("25000"),
            max_rate=Decimal(80),
            reporting="bilan qualitatif et quantitatif du projet",
        ),
        by=agents[0],
    )
    return World(fund=fund, call=call, agents=agents, partners=partners, outsider=outsider)


def apply(
    world: World, number: int, requested: Decimal, *, now: datetime = DURING, **changes: Any
) -> Application:
    """A new applicant's account and their draft (during the call)."""
    user = UserFactory(username=f"porteur{number}@exemple.invalid")
    application = services.application_save(
        call=world.call, data=application_data(number, requested, **changes), by=user, now=now
    )
    world.applicants.append(user)
    world.applications.append(application)
    return application
