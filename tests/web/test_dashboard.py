"""Tableau de bord: committed and paid per year, partner and status, as bars and tables."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factories import AmendmentFactory, ConventionFactory, PaymentFactory
from pacte.accounts.selectors import conventions_visible_to
from pacte.conventions.models import Convention
from pacte.web.views.dashboard import dashboard_data

pytestmark = pytest.mark.django_db


def client_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["agent", "partner_x", "partner_y", "reader", "admin"])
def test_every_role_sees_the_dashboard_of_what_it_may_see(role, users) -> None:
    response = client_as(users[role]).get(reverse("dashboard"))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "<h1>Tableau de bord</h1>" in page
    # a partner has no chart « par partenaire »: its own organisation would be its only bar
    assert page.count("<caption>") == (2 if role.startswith("partner") else 3)
    assert ("par partenaire" in page) is not role.startswith("partner")
    assert 'scope="row"' in page and 'scope="col"' in page
    assert "<svg" in page and "style=" not in page.split("<main", 1)[-1]


def test_anonymous_is_sent_to_login(client) -> None:
    assert client.get(reverse("dashboard")).status_code == 302


def test_figures_come_from_year_amounts_and_payments(users, stored) -> None:
    gwenael = stored["ville-saint-gwenael-misb-2026"]
    terms = gwenael.to_terms()
    grant = terms.grants[0]
    PaymentFactory(
        convention=gwenael,
        grant=grant.key,
        amount=Decimal("1000"),
        paid_on=date(2026, 3, 2),
        by=users["admin"],
    )
    charts = dashboard_data(conventions_visible_to(users["agent"]), on=date(2026, 11, 22))
    years, partners, statuses = charts
    assert sum(bar.paid for bar in years.bars) == Decimal("1000")
    assert sum(bar.committed for bar in years.bars) == sum(bar.committed for bar in partners.bars)
    assert sum(bar.committed for bar in statuses.bars) > 0
    # the scale ends on a round amount: the longest bar fills half of it or more
    assert 50 <= max(bar.committed_pct for bar in years.bars) <= 100
    assert years.ticks[0] == "0 €" and len(years.ticks) == 5
    page = html.unescape(client_as(users["agent"]).get(reverse("dashboard")).content.decode())
    assert "1 000,00 €" in page or "1 000 €" in page


def test_what_remains_to_pay_is_committed_minus_paid(users, stored) -> None:
    gwenael = stored["ville-saint-gwenael-misb-2026"]
    grant = gwenael.to_terms().grants[0]
    visible = Convention.objects.filter(pk=gwenael.pk)
    before = next(
        b for b in dashboard_data(visible, on=date(2026, 11, 22))[0].bars if b.label == "2026"
    )
    assert before.paid == 0 and before.remaining == before.committed > 0
    PaymentFactory(
        convention=gwenael,
        grant=grant.key,
        year=2026,
        amount=Decimal("1000"),
        paid_on=date(2026, 3, 2),
        by=users["admin"],
    )
    charts = dashboard_data(visible, on=date(2026, 11, 22))
    after = next(b for b in charts[0].bars if b.label == "2026")
    assert after.remaining == before.committed - Decimal("1000")
    page = html.unescape(client_as(users["agent"]).get(reverse("dashboard")).content.decode())
    assert "Reste à verser" in page
    from pacte.terms import format_amount_fr

    assert format_amount_fr(after.remaining) in page


def test_an_amendment_changes_the_committed_figures(users, stored) -> None:
    vere = stored["departement-vere-cress-2025-2027"]
    grant = vere.to_terms().grants[0]
    visible = Convention.objects.filter(pk=vere.pk)

    def committed_2026() -> Decimal:
        years = dashboard_data(visible, on=date(2026, 11, 22))[0]
        return next(bar.committed for bar in years.bars if bar.label == "2026")

    before = committed_2026()
    AmendmentFactory(
        convention=vere,
        signed_on=date(2026, 6, 1),
        summary="Montant 2026 porté à 30 000 €",
        grant=grant.key,
        year=2026,
        amount=Decimal("30000"),
        by=users["admin"],
    )
    assert committed_2026() == before + Decimal("6000")


def test_a_partner_sees_its_own_organisation_only(users) -> None:
    page = html.unescape(client_as(users["partner_x"]).get(reverse("dashboard")).content.decode())
    assert "Maison des Initiatives Solidaires" in page
    assert "CRESS" not in page


def test_query_count_does_not_grow_with_the_conventions(users, stored) -> None:
    client = client_as(users["admin"])
    client.get(reverse("account"))  # the first page after logging in renews the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("dashboard")).status_code == 200
    ConventionFactory.create_batch(5)  # the Ville sample again, under other references
    assert Convention.objects.count() == 8
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("dashboard")).status_code == 200
    assert len(many) == len(few)
    assert 0 < len(many) < 40
