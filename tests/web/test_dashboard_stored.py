"""The dashboard adds up the stored amounts: the same figures as the rules computed live.

``live`` below is the dashboard's former computation (every visible convention read with
its follow-up, its terms amended and its grants' figures computed); the stored amounts,
added up in the database, must give the same three charts.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories import AmendmentFactory, ConventionFactory, PaymentFactory, TermsFactory
from pacte.accounts.selectors import conventions_visible_to, membership_of
from pacte.conventions.models import Convention
from pacte.conventions.services import convention_store
from pacte.followup.selectors import events_for, terms_with_amendments, with_followup
from pacte.organisations.models import Organisation
from pacte.rules.facts import grant_figures
from pacte.rules.term import state_on
from pacte.terms import PartyRole
from pacte.web.views.dashboard import PARTNERS_SHOWN, dashboard_data

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 22)
ZERO = Decimal(0)


def live(conventions, *, on: date, organisation_id: int | None = None):  # type: ignore[no-untyped-def]
    per_year: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    per_partner: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    per_status: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for convention in with_followup(conventions):
        events = events_for(convention)
        terms = terms_with_amendments(convention, events)
        figures = grant_figures(terms, events)
        state, _period = state_on(terms, events, on)
        parties = {p.key: p for p in terms.parties}
        own = {p.key for p in convention.parties.all() if p.organisation_id == organisation_id}
        for index, grant in enumerate(terms.grants):
            beneficiary = parties.get(grant.beneficiary or "")
            if beneficiary is None:
                beneficiary = next(
                    (p for p in terms.parties if p.role != PartyRole.PUBLIC_AUTHORITY), None
                )
            partner = beneficiary.organisation.name if beneficiary else "non indiqué"
            committed = {a.year: a.amount for a in figures[index].years}
            paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
            for payment in events.payments:
                if payment.grant == grant.key or (payment.grant is None and index == 0):
                    paid[payment.year or payment.on.year] += payment.amount
            for year in sorted(set(committed) | set(paid)):
                per_year[str(year)][0] += committed.get(year, ZERO)
                per_year[str(year)][1] += paid.get(year, ZERO)
            total_c, total_p = sum(committed.values(), ZERO), sum(paid.values(), ZERO)
            if organisation_id is None or (beneficiary and beneficiary.key in own):
                per_partner[partner][0] += total_c
                per_partner[partner][1] += total_p
            per_status[state.label][0] += total_c
            per_status[state.label][1] += total_p
    return [
        dict(sorted(per_year.items())),
        dict(sorted(per_partner.items(), key=lambda item: (-item[1][0], item[0]))),
        dict(sorted(per_status.items())),
    ]


def _figures(charts):  # type: ignore[no-untyped-def]
    return [{bar.label: [bar.committed, bar.paid] for bar in chart.bars} for chart in charts]


@pytest.fixture
def followed(users, stored) -> None:
    """Payments (one without a grant named), an amendment, more conventions."""
    gwenael = stored["ville-saint-gwenael-misb-2026"]
    vere = stored["departement-vere-cress-2025-2027"]
    grant = gwenael.to_terms().grants[0]
    PaymentFactory(
        convention=gwenael, grant=grant.key, amount=Decimal("8750"), paid_on=date(2026, 3, 16)
    )
    PaymentFactory(convention=vere, amount=Decimal("5000"), paid_on=date(2025, 4, 2), year=2025)
    AmendmentFactory(
        convention=vere,
        signed_on=date(2026, 6, 1),
        summary="Montant 2026 porté à 30 000 €",
        grant=vere.to_terms().grants[0].key,
        year=2026,
        amount=Decimal("30000"),
    )
    ConventionFactory.create_batch(2, terms__sample="agglo")
    ConventionFactory(terms__unsigned=True)


@pytest.mark.parametrize("role", ["agent", "partner_x", "partner_y", "reader", "admin"])
def test_the_stored_amounts_give_the_figures_computed_live(role, users, followed) -> None:
    user = users[role]
    membership = membership_of(user)
    organisation = (
        membership.organisation_id if membership and membership.role == "partner" else None
    )
    visible = conventions_visible_to(user)

    stored = _figures(dashboard_data(visible, on=DAY, organisation_id=organisation))

    expected = live(visible, on=DAY, organisation_id=organisation)
    if organisation is not None:
        del expected[1]  # a partner has no chart per partner (its organisation is the only bar)
    assert stored == expected


def test_beyond_the_first_partners_the_others_are_added_up(users, stored) -> None:
    for index in range(PARTNERS_SHOWN + 2):
        terms = TermsFactory.build(sample="agglo")
        beneficiary = terms.parties[1].organisation.model_copy(
            update={"name": f"Partenaire n° {index}", "siret": None, "siren": None, "rna": None}
        )
        parties = [
            terms.parties[0],
            terms.parties[1].model_copy(update={"organisation": beneficiary}),
        ]
        convention_store(terms=terms.model_copy(update={"parties": parties}))
    visible = Convention.objects.all()

    partners = dashboard_data(visible, on=DAY)[1]

    everyone = live(visible, on=DAY)[1]
    assert len(partners.bars) == PARTNERS_SHOWN + 1
    assert partners.bars[-1].label == f"{len(everyone) - PARTNERS_SHOWN} autres partenaires"
    assert sum(bar.committed for bar in partners.bars) == sum(c for c, _p in everyone.values())


def test_the_dashboard_reads_three_queries_whatever_the_register(users, stored) -> None:
    with CaptureQueriesContext(connection) as few:
        dashboard_data(Convention.objects.all(), on=DAY)
    ConventionFactory.create_batch(6)
    with CaptureQueriesContext(connection) as many:
        dashboard_data(Convention.objects.all(), on=DAY)

    assert len(many) == len(few) <= 5


def test_the_filters_keep_one_year_and_one_partner(users, followed) -> None:
    """Filtered by budget year and by partner, each chart adds up exactly the stored
    amounts of that year and of the grants that partner receives, as computed live."""
    from django.test import Client

    from pacte.conventions.models import Party
    from pacte.followup.models import StoredAmount

    visible = conventions_visible_to(users["admin"])
    everything = _figures(dashboard_data(visible, on=DAY))
    years = sorted(int(y) for y in everything[0])
    year = years[len(years) // 2]
    one_year = _figures(dashboard_data(visible, on=DAY, year=year))
    assert one_year[0] == {str(year): everything[0][str(year)]}
    assert sum((c for c, _ in one_year[1].values()), ZERO) == everything[0][str(year)][0]
    partner = (
        StoredAmount.objects.filter(partner__isnull=False)
        .values_list("partner_id", flat=True)
        .first()
    )
    assert Party.objects.filter(organisation_id=partner).exists()
    mine = dashboard_data(visible, on=DAY, partner=partner)
    assert [chart.key for chart in mine] == ["annee", "etat"]  # one partner: no chart per partner
    name = Organisation.objects.get(pk=partner).name
    assert sum((b.committed for b in mine[0].bars), ZERO) == everything[1][name][0]
    client = Client()
    client.force_login(users["admin"])
    page = client.get("/tableau-de-bord/", {"annee": year, "partenaire": partner})
    assert page.status_code == 200
    text = page.content.decode()
    assert f"année budgétaire {year}" in text and "Effacer les filtres" in text
    wrong = client.get("/tableau-de-bord/", {"annee": "1850"}).content.decode()
    assert "Sélectionnez un choix valide" in wrong


def test_the_agent_filter_keeps_the_conventions_in_their_charge(users, followed) -> None:
    """Filtered by agent in charge: exactly the amounts of the conventions that agent
    follows (computed live on those conventions alone), the others left out."""
    from django.test import Client

    from pacte.accounts.services import convention_assign

    visible = conventions_visible_to(users["admin"])
    gwenael = visible.get(reference="ville-saint-gwenael-misb-2026")
    convention_assign(convention=gwenael, agent=users["agent"], by=users["admin"])
    charts = dashboard_data(visible, on=DAY, agent=users["agent"].pk)
    expected = live(Convention.objects.filter(pk=gwenael.pk), on=DAY)
    assert _figures(charts) == expected
    client = Client()
    client.force_login(users["admin"])
    page = client.get("/tableau-de-bord/", {"agent": users["agent"].pk}).content.decode()
    assert "conventions suivies par" in page and 'id="id_agent"' in page
    partner = Client()
    partner.force_login(users["partner_x"])
    assert 'id="id_agent"' not in partner.get("/tableau-de-bord/").content.decode()


def test_the_scheme_filter_keeps_the_grants_of_one_dispositif(users, followed) -> None:
    """A policy (the dispositif d'aide of a grant): exactly the amounts of the grants that
    name it, as computed live on the conventions holding them."""
    from django.test import Client

    terms = TermsFactory.build(sample="agglo")
    grants = [terms.grants[0].model_copy(update={"scheme": "Fonds d'innovation"})]
    stored, _ = convention_store(
        terms=terms.model_copy(update={"reference": "fonds-innovation", "grants": grants})
    )
    visible = conventions_visible_to(users["admin"])
    charts = dashboard_data(visible, on=DAY, scheme="Fonds d'innovation")
    assert _figures(charts)[0] == live(Convention.objects.filter(pk=stored.pk), on=DAY)[0]
    assert _figures(dashboard_data(visible, on=DAY, scheme="Autre fonds")) == [{}, {}, {}]
    client = Client()
    client.force_login(users["admin"])
    page = client.get("/tableau-de-bord/", {"dispositif": "Fonds d'innovation"})
    text = page.content.decode()
    assert page.status_code == 200 and 'id="id_dispositif"' in text
    assert "dispositif « Fonds d&#x27;innovation »" in text
    wrong = client.get("/tableau-de-bord/", {"dispositif": "Inconnu"}).content.decode()
    assert "Sélectionnez un choix valide" in wrong
