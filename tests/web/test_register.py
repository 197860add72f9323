"""Registre: filters, sort, pagination, exports, as each role; no N+1; API tokens on « Mon compte »."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from web_roles import GWENAEL, MARZELLE, VERE, VISIBLE

from factories import AmendmentFactory, ConventionFactory, SignatureFactory, UserFactory
from pacte.api.models import ApiToken
from pacte.organisations.models import Organisation
from pacte.samples import sample_paths

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "agent", "partner_x", "partner_y", "reader", "admin")
ALL = (GWENAEL, VERE, MARZELLE)


def client_as(role: str, users) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def refs(response) -> set[str]:
    content = response.content.decode()
    return {r for r in ALL if f"/conventions/{r}/" in content}


def csv_refs(response) -> list[str]:
    # streamed: the register is sent while it is read, never whole in memory
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row[0] for row in list(csv.reader(io.StringIO(text), delimiter=";"))[1:]]


@pytest.mark.parametrize("role", ROLES)
def test_register_and_exports_as_each_role(role: str, users) -> None:
    client = client_as(role, users)
    page = client.get(reverse("register"))
    exports = {fmt: client.get(reverse("register_export", args=[fmt])) for fmt in ("csv", "xlsx")}
    if role == "anonymous":
        assert page.status_code == 302
        assert all(r.status_code == 302 for r in exports.values())
        return
    assert page.status_code == 200
    assert refs(page) == VISIBLE[role]
    assert set(csv_refs(exports["csv"])) == VISIBLE[role]
    assert exports["csv"]["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(exports["xlsx"].content)).active
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == VISIBLE[role]
    assert client.get(reverse("register_export", args=["pdf"])).status_code == 404


def test_filters(users) -> None:
    admin = client_as("admin", users)
    url = reverse("register")
    gwenael = Organisation.objects.get(siret="84136275900018")
    ville = Organisation.objects.get(siret="21560947000012")
    assert refs(admin.get(url, {"partenaire": gwenael.pk})) == {GWENAEL}
    assert refs(admin.get(url, {"collectivite": ville.pk})) == {GWENAEL}
    assert refs(admin.get(url, {"q": "CRESS"})) == {VERE}
    assert refs(admin.get(url, {"reconduction": "none"})) | refs(
        admin.get(url, {"reconduction": "tacit"})
    ) | refs(admin.get(url, {"reconduction": "express"})) == set(ALL)
    # the states partition the register
    states = ("draft", "approved", "signed", "in_force", "expired", "terminated")
    seen = [refs(admin.get(url, {"etat": s})) for s in states]
    assert sum(len(s) for s in seen) == 3 and set().union(*seen) == set(ALL)
    assert refs(admin.get(url, {"annee": 1990})) == set()
    assert refs(admin.get(url, {"montant_min": 0})) <= set(ALL)
    assert refs(admin.get(url, {"montant_min": 100_000_000})) == set()
    wrong = admin.get(url, {"montant_min": 10, "montant_max": 5})
    assert "inférieur au montant minimum" in wrong.content.decode()
    # the export follows the filters
    export = admin.get(reverse("register_export", args=["csv"]), {"q": "CRESS"})
    assert csv_refs(export) == [VERE]


def test_sort_and_filters_do_not_leak_to_a_partner(users) -> None:
    partner = client_as("partner_y", users)
    ville = Organisation.objects.get(siret="21560947000012")
    # another organisation is not a valid choice: the form says so, nothing leaks
    foreign = partner.get(reverse("register"), {"collectivite": ville.pk})
    assert "Sélectionnez un choix valide" in foreign.content.decode()
    assert refs(foreign) == {VERE}
    page = partner.get(reverse("register")).content.decode()
    assert "Ville de Saint-Gwenaël" not in page  # not even among the filter choices
    for sort in ("reference", "-reference", "title", "-title", "start", "-start", "amount"):
        admin = client_as("admin", users).get(reverse("register"), {"tri": sort})
        assert admin.status_code == 200 and refs(admin) == set(ALL)
    export = client_as("admin", users).get(
        reverse("register_export", args=["csv"]), {"tri": "-reference"}
    )
    assert csv_refs(export) == sorted(ALL, reverse=True)


def _more_conventions(count: int) -> None:
    ConventionFactory.create_batch(count, terms__sample=sample_paths()[0])


def test_register_query_count_does_not_grow_with_rows(users) -> None:
    admin = client_as("admin", users)
    url = reverse("register")
    params = {"etat": "in_force", "montant_min": 1, "tri": "-amount"}
    admin.get(reverse("account"))  # the first page after logging in renews the session
    with CaptureQueriesContext(connection) as few:
        assert admin.get(url, params).status_code == 200
    with CaptureQueriesContext(connection) as few_plain:
        admin.get(url)
    _more_conventions(12)
    with CaptureQueriesContext(connection) as many:
        assert admin.get(url, params).status_code == 200
    with CaptureQueriesContext(connection) as many_plain:
        admin.get(url)
    assert len(many) == len(few)
    assert len(many_plain) == len(few_plain)
    assert len(few_plain) <= 50, [q["sql"][:80] for q in few_plain]


@pytest.mark.parametrize("role", ROLES)
def test_api_tokens_from_the_account_page(role: str, users) -> None:
    client = client_as(role, users)
    created = client.post(reverse("api_token_create"), {"name": "tableur"})
    assert created.status_code == 302
    if role == "anonymous":
        assert not ApiToken.objects.exists()
        assert client.post(reverse("api_token_revoke", args=[1])).status_code == 302
        return
    token = ApiToken.objects.get(user=users[role])
    page = client.get(reverse("account")).content.decode()
    assert token.prefix in page and "il ne sera plus affiché" in page
    assert 'id="api-token-new"' not in client.get(reverse("account")).content.decode()
    assert client.get(reverse("api_token_revoke", args=[token.pk])).status_code == 405
    other = UserFactory(username="autre")
    foreign = ApiToken.objects.create(user=other, prefix="x", token_hash="0" * 64)
    assert client.post(reverse("api_token_revoke", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked


def test_stored_states_match_the_rules_with_amendments(stored, users) -> None:
    """The state filter reads ``StoredState``: the same state as ``state_on`` on the full
    terms with their amendments, on every day tried, after each kind of record."""
    from datetime import date

    from pacte.conventions.models import Convention
    from pacte.followup.selectors import events_for, in_state, terms_with_amendments
    from pacte.rules.term import State, state_on

    gwenael, vere = stored[GWENAEL], stored[VERE]
    admin = users["admin"]
    SignatureFactory(convention=gwenael, signed_on=date(2026, 1, 5), by=admin)
    AmendmentFactory(
        convention=vere,
        signed_on=date(2026, 6, 1),
        summary="Fin avancée",
        ends_on=date(2026, 9, 30),
        by=admin,
    )
    days = [date(2020, 1, 1), date(2026, 1, 4), date(2026, 1, 5), date(2026, 9, 30)]
    days += [date(2026, 10, 1), date(2026, 11, 22), date(2028, 6, 1)]
    for day in days:
        for convention in Convention.objects.all():
            events = events_for(convention)
            expected = state_on(terms_with_amendments(convention, events), events, day)[0]
            kept = {
                state
                for state in State
                if in_state(Convention.objects.all(), state, day).filter(pk=convention.pk).exists()
            }
            assert kept == {expected}, (convention.reference, day)
    # the amendment moved the end: the convention has expired on the day it says
    assert in_state(Convention.objects.filter(pk=vere.pk), State.EXPIRED, date(2026, 10, 1))


def test_the_register_shows_the_amended_figures_and_todays_state(stored, users) -> None:
    from datetime import date
    from decimal import Decimal

    admin = client_as("admin", users)
    url = reverse("register")
    page = admin.get(url, {"q": "CRESS"}).content.decode()
    assert "du 1er mars 2025 au 31 décembre 2027" in page and "en vigueur" in page
    assert refs(admin.get(url, {"montant_min": 70000})) == set()
    grant = stored[VERE].to_terms().grants[0].key
    AmendmentFactory(
        convention=stored[VERE],
        signed_on=date(2026, 6, 1),
        summary="Fin avancée, montant 2026 porté à 30 000 €",
        grant=grant,
        year=2026,
        amount=Decimal("30000"),
        ends_on=date(2026, 9, 30),
        by=users["admin"],
    )
    page = admin.get(url, {"q": "CRESS"}).content.decode()
    assert "du 1er mars 2025 au 30 septembre 2026 (avenant)" in page
    assert "74 000,00 € (avenant)" in page and "échue" in page
    assert refs(admin.get(url, {"montant_min": 70000})) == {VERE}
    assert refs(admin.get(url, {"etat": "expired"})) == {VERE}
    export = admin.get(reverse("register_export", args=["csv"]), {"q": "CRESS"})
    [row] = list(
        csv.DictReader(
            io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert (row["Fin"], row["Montant des subventions"]) == ("30/09/2026", "74000,00")
