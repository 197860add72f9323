"""The demonstration's calls for projects: a fund of the sample Ville co-selected with
the sample partner association, a closed call with applications at every state (the
accepted ones wait for the agent's confirmation to become conventions of the register,
which in the demonstration keeps its sample conventions only) and an open one where the
demo applicant has a draft.

Loaded once by ``pacte demo`` (nothing is done when the fund exists already). Every
row is written through the services, as the screens write it.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from pacte.calls import services
from pacte.calls.checks import Line, luhn_complete
from pacte.calls.models import Application, Call, Fund
from pacte.organisations.models import Organisation

FUND_NAME = "Fonds d'initiatives solidaires du Blavet"
APPLICANT_USERNAME = "porteur@pacte.invalid"
APPLICANT_PASSWORD = "porteur-pacte"
AUTHORITY_SIRET = "21560947000012"
PARTNER_SIRET = "84136275900018"

PROJECTS = (
    # (project, structure, amount requested, state reached)
    ("Ressourcerie mobile", "Les Ateliers du Blavet", "12000", "accepted"),
    ("Jardin d'insertion des Forges", "Terre et Partage", "9000", "accepted_with_conditions"),
    ("Café-réparation itinérant", "Répar'Tout", "8000", "rejected"),
    ("Conciergerie solidaire", "Coop'Services", "7000", "ready_for_committee"),
    ("Épicerie sociale du bourg", "L'Épi solidaire", "6000", "in_review"),
    ("Chantier bois et vannerie", "Osier vivant", "5000", "eligible"),
    ("Atelier vélo hors territoire", "Vélo Breizh", "4000", "ineligible"),
    ("Tiers-lieu numérique", "Connect'Blavet", "10000", "submitted"),
    ("Friperie du canal", "Fil et Trame", "3000", "withdrawn"),
    ("Repair café des écoles", "Petites Mains", "2500", "draft"),
)


def _budget(amount: Decimal, funder: str) -> list[Line]:
    total = amount * 2
    return [
        Line("charge", "60", total / 4, "Achats"),
        Line("charge", "64", total * 3 / 4, "Salaires et charges"),
        Line("product", "74", amount, "Subvention sollicitée", funder=funder),
        Line("product", "74", total / 4, "Subvention", funder="Région (fictive)"),
        Line("product", "70", total / 4, "Ventes et prestations"),
    ]


def _data(number: int, project: str, name: str, amount: str) -> services.ApplicationData:
    value = Decimal(amount)
    outside = "hors territoire" in project
    return services.ApplicationData(
        organisation_name=name,
        organisation_kind="association",
        siret=luhn_complete(f"9{number:02d}0000000{number:03d}"),
        rna=f"W56{number:07d}",
        address=f"{number}, rue des Forges",
        postcode="29000" if outside else "56420",
        city="Quimper" if outside else "Saint-Gwenaël-sur-Blavet",
        representative=f"Présidence de {name}",
        project_title=project,
        public_summary=f"{project} : un projet d'économie sociale et solidaire du territoire.",
        description="Projet fictif de démonstration.",
        amount_requested=value,
        documents=["statutes", "accounts", "rib", "activity_report"],
        republican_contract=True,
        budget=_budget(value, FUND_NAME),
    )


def _applicant(username: str, password: str | None = None) -> AbstractBaseUser:
    """A demo applicant (an account without a role); its password is public, as the
    other demo accounts' (``pacte.accounts.demo``), or random when nobody signs in."""
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"email": username}
    )
    user.set_password(password or secrets.token_urlsafe(18))
    user.save()
    return user


def _call(
    fund: Fund, by: AbstractBaseUser, reference: str, year: int, opens: datetime, closes: datetime
) -> Call:
    return services.call_create(
        fund=fund,
        data=services.CallData(
            reference=reference,
            year=year,
            title=f"Appel à projets « Initiatives solidaires » {year}",
            summary="Soutenir les projets d'économie sociale et solidaire du pays du Blavet.",
            envelope=Decimal("40000"),
            opens_at=opens,
            closes_at=closes,
            committee_on=(closes + timedelta(days=10)).date(),
            criteria=[
                ("Utilité sociale", Decimal(3)),
                ("Ancrage local et partenariats", Decimal(2)),
                ("Solidité du budget", Decimal(1)),
            ],
            eligible_kinds=["association", "cooperative"],
            eligible_departments=["56"],
            max_amount=Decimal("15000"),
            max_rate=Decimal(80),
            reporting="bilan qualitatif et financier du projet",
        ),
        by=by,
    )


def demo_calls(*, by: AbstractBaseUser, partner_user: AbstractBaseUser | None) -> int:
    """Create the demo fund and its calls; returns the number of applications created."""
    if Fund.objects.filter(name=FUND_NAME).exists():
        return 0
    authority = Organisation.objects.get(siret=AUTHORITY_SIRET)
    partner = Organisation.objects.filter(siret=PARTNER_SIRET).first()
    fund = services.fund_create(
        name=FUND_NAME,
        short_name="FISB",
        authority=authority,
        partner=partner,
        advance_percent=Decimal(80),
        duration_months=12,
        quorum=3,
        by=by,
    )
    now = timezone.now()
    # calls open and close at noon, Paris time, as real ones do (not at the demo's minute)
    noon = timezone.localtime(now).replace(hour=12, minute=0, second=0, microsecond=0)
    closed = _call(
        fund, by, f"fisb-{now.year}", now.year, noon - timedelta(days=90), noon - timedelta(days=30)
    )
    orientation = services.orientation_draft(
        call=closed,
        text="Priorité aux projets de réemploi, d'alimentation durable et de lien social.",
        by=partner_user or by,
        now=now - timedelta(days=100),
    )
    services.orientation_validate(orientation=orientation, by=by, now=now - timedelta(days=95))
    during = now - timedelta(days=60)
    reviewers = [by, *([partner_user] if partner_user else [])]
    created: list[Application] = []
    for number, (project, name, amount, state) in enumerate(PROJECTS, start=1):
        applicant = _applicant(f"porteur-{number}@pacte.invalid")
        application = services.application_save(
            call=closed, data=_data(number, project, name, amount), by=applicant, now=during
        )
        created.append(application)
        if state == "draft":
            continue
        if state == "withdrawn":
            services.application_withdraw(application=application, by=applicant, now=during)
            continue
        services.application_submit(application=application, by=applicant, now=during)
        if state == "submitted":
            continue
        services.application_eligibility_confirm(
            application=application, eligible=state != "ineligible", by=by, now=during
        )
        if state in ("eligible", "ineligible"):
            continue
        for reviewer in reviewers:
            assignment = services.assignment_add(
                application=application, reviewer=reviewer, by=by, now=during
            )
            services.conflict_declare(assignment=assignment, conflict=False, by=reviewer)
            if state == "in_review" and reviewer is not by:
                continue  # the partner's review is still due
            criteria = list(closed.criteria.all())
            services.review_save(
                assignment=assignment,
                scores={c.pk: max(0, 5 - number // 2 - i) for i, c in enumerate(criteria)},
                recommendation="yes" if number <= 2 else "maybe",
                comment="Évaluation de démonstration.",
                submit=True,
                by=reviewer,
            )
        if state == "in_review":
            continue
        services.application_ready(application=application, by=by)
    services.committee_record(
        call=closed,
        held_on=(now - timedelta(days=20)).date(),
        members_present=[
            "Adjointe à la Maire chargée de l'économie sociale et solidaire",
            "Responsable du service Vie associative",
            "Président de la MISB",
        ],
        by=by,
    )
    outcomes = {
        "accepted": {},
        "accepted_with_conditions": {"conditions": "Associer les écoles de la commune au projet."},
        "rejected": {"reason": "Projet proche d'une action déjà financée sur le territoire."},
    }
    for application, (_, _, _, state) in zip(created, PROJECTS, strict=True):
        if state in outcomes:
            services.decision_record(
                application=application, outcome=state, by=by, **outcomes[state]
            )
    # the open call: the demo applicant's draft, and an application submitted
    current = _call(
        fund,
        by,
        f"fisb-{now.year + 1}",
        now.year + 1,
        noon - timedelta(days=5),
        noon + timedelta(days=60),
    )
    services.orientation_validate(
        orientation=services.orientation_draft(
            call=current,
            text="Priorité aux projets de réemploi et aux tiers-lieux solidaires.",
            by=partner_user or by,
        ),
        by=by,
    )
    demo = _applicant(APPLICANT_USERNAME, APPLICANT_PASSWORD)
    services.application_save(
        call=current, data=_data(11, "Boîte à dons du marché", "Donner-Recevoir", "4000"), by=demo
    )
    other = _applicant("porteur-12@pacte.invalid")
    submitted = services.application_save(
        call=current, data=_data(12, "Cuisine partagée", "Les Marmites", "9000"), by=other
    )
    services.application_submit(application=submitted, by=other)
    return len(created) + 2
