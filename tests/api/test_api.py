"""Every endpoint of /api/v1/ as each role: the screens' permissions, French errors."""

from __future__ import annotations

import pytest
from django.test import Client
from web_roles import GWENAEL, MARZELLE, VERE, VISIBLE

from factories import AmendmentFactory
from pacte.api.models import ApiToken
from pacte.api.services import api_token_create, api_token_revoke
from pacte.followup.models import Payment, RenewalDecision

pytestmark = pytest.mark.django_db

CONVENTIONS = (GWENAEL, VERE, MARZELLE)
ROLES = ("anonymous", "agent", "partner_x", "partner_y", "reader", "admin")
WRITERS = {"agent", "admin"}
API = "/api/v1"
READS = ("", "/obligations", "/payments", "/documents", "/events")
EVENTS = {
    "signature": None,  # the party key is read from the detail
    "meeting": None,
    "notice": None,
    "renewal": {"decided_on": "2026-11-02", "note": "par l'API"},
}


def test_openapi_document_lists_the_paths() -> None:
    response = Client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/conventions/",
        "/api/v1/conventions/{reference}",
        "/api/v1/conventions/{reference}/obligations",
        "/api/v1/conventions/{reference}/payments",
        "/api/v1/conventions/{reference}/documents",
        "/api/v1/conventions/{reference}/events",
        "/api/v1/conventions/{reference}/events/renewal",
        "/api/v1/obligations/",
    ):
        assert path in paths
    assert response.json()["components"]["securitySchemes"]


@pytest.mark.parametrize("role", ROLES)
def test_reads_show_only_what_the_role_may_see(role: str, clients) -> None:
    client = clients[role]
    listing = client.get(f"{API}/conventions/")
    across = client.get(f"{API}/obligations/", {"on": "2026-01-01", "until": "2027-12-31"})
    if role == "anonymous":
        assert listing.status_code == across.status_code == 401
        assert "jeton" in listing.json()["detail"]
    else:
        assert listing.status_code == 200
        assert {c["reference"] for c in listing.json()["items"]} == VISIBLE[role]
        assert listing.json()["count"] == len(VISIBLE[role])
        assert across.status_code == 200
        assert {o["convention"] for o in across.json()} <= VISIBLE[role]
        if VISIBLE[role]:
            assert across.json()
    for reference in CONVENTIONS:
        for suffix in READS:
            response = client.get(f"{API}/conventions/{reference}{suffix}")
            if role == "anonymous":
                expected = 401
            elif reference in VISIBLE[role]:
                expected = 200
            else:
                expected = 404
            assert response.status_code == expected, (role, reference, suffix)
            if expected == 404:
                assert "Aucune convention" in response.json()["detail"]
                assert reference not in str(listing.content)


def test_detail_summarises_the_terms(clients) -> None:
    detail = clients["agent"].get(f"{API}/conventions/{GWENAEL}").json()
    assert detail["reference"] == GWENAEL
    assert detail["state"] and detail["state_label"]
    assert {p["role"] for p in detail["parties"]} >= {"public_authority"}
    assert detail["grants"]


def test_detail_applies_the_amendments(clients, stored, users) -> None:
    from datetime import date
    from decimal import Decimal

    before = clients["admin"].get(f"{API}/conventions/{VERE}").json()
    assert (before["end"], before["amount"], before["state"]) == (
        "2027-12-31",
        "68000.00",
        "in_force",
    )
    AmendmentFactory(
        convention=stored[VERE],
        signed_on=date(2026, 6, 1),
        summary="Fin avancée, montant 2026 porté à 30 000 €",
        grant=before["grants"][0]["key"],
        year=2026,
        amount=Decimal("30000"),
        ends_on=date(2026, 9, 30),
        by=users["admin"],
    )
    after = clients["admin"].get(f"{API}/conventions/{VERE}").json()
    assert (after["end"], after["amount"], after["state"]) == ("2026-09-30", "74000.00", "expired")
    assert after["grants"][0]["total"] == "74000.00"


def _body(kind: str, detail: dict) -> dict:
    party = detail["parties"][0]["key"]
    if kind == "signature":
        return {"party": party, "signed_on": "2026-11-02"}
    if kind == "notice":
        return {"party": party, "sent_on": "2026-11-02"}
    if kind == "meeting":
        return {"body": "__unknown__", "held_on": "2026-11-02"}
    return EVENTS[kind]


@pytest.mark.parametrize("role", ROLES)
def test_writes_follow_the_role(role: str, clients, stored) -> None:
    client = clients[role]
    admin = clients["admin"]
    for reference in CONVENTIONS:
        detail = admin.get(f"{API}/conventions/{reference}").json()
        grant = detail["grants"][0]["key"]
        payment = {"amount": "10.00", "paid_on": "2026-11-02", "grant": grant}
        writes = [("payments", payment)] + [
            (f"events/{kind}", _body(kind, detail)) for kind in EVENTS
        ]
        for suffix, body in writes:
            response = client.post(
                f"{API}/conventions/{reference}/{suffix}", body, content_type="application/json"
            )
            if role == "anonymous":
                expected = {401}
            elif reference not in VISIBLE[role]:
                expected = {404}
            elif role in WRITERS:
                # the meeting names an unknown body: refused by the service (400)
                expected = {400} if suffix == "events/meeting" else {201}
            else:
                expected = {403}
            assert response.status_code in expected, (role, reference, suffix, response.content)
            assert response.json()["detail"] if response.status_code != 201 else True
    writes_made = Payment.objects.count()
    assert writes_made == (
        0 if role not in WRITERS else len([r for r in CONVENTIONS if r in VISIBLE[role]])
    )


def test_payment_goes_through_the_service_and_shows_in_reads(clients) -> None:
    agent = clients["agent"]
    url = f"{API}/conventions/{GWENAEL}/payments"
    grant = agent.get(f"{API}/conventions/{GWENAEL}").json()["grants"][0]["key"]
    created = agent.post(
        url,
        {"amount": "1500", "paid_on": "2026-11-02", "grant": grant, "reference": "M-1"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["amount"] == "1500.00" or float(created.json()["amount"]) == 1500
    assert [p["reference"] for p in agent.get(url).json()] == ["M-1"]
    events = agent.get(f"{API}/conventions/{GWENAEL}/events").json()
    assert len(events["payments"]) == 1
    partner = clients["partner_x"].get(url)
    assert partner.status_code == 200 and len(partner.json()) == 1
    assert clients["partner_y"].get(url).status_code == 404


def test_french_errors_with_the_field(clients) -> None:
    agent = clients["agent"]
    url = f"{API}/conventions/{GWENAEL}/payments"
    future = agent.post(
        url, {"amount": "10", "paid_on": "2030-01-01"}, content_type="application/json"
    )
    assert future.status_code == 400
    assert future.json()["field"] == "paid_on"
    assert "postérieure à aujourd'hui" in future.json()["detail"]
    missing = agent.post(url, {"amount": "dix"}, content_type="application/json")
    assert missing.status_code == 422
    fields = {e["field"] for e in missing.json()["errors"]}
    assert {"amount", "paid_on"} <= fields
    assert missing.json()["detail"].startswith("Données invalides")
    reader = clients["reader"].post(
        f"{API}/conventions/{VERE}/events/renewal",
        {"decided_on": "2026-11-02"},
        content_type="application/json",
    )
    assert reader.status_code == 403
    assert "lecture seule" in reader.json()["detail"]
    assert not RenewalDecision.objects.exists()


def test_revoked_or_unknown_token_is_refused(users) -> None:
    token, clear = api_token_create(user=users["agent"], name="x")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert client.get(f"{API}/conventions/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert clear not in {t.token_hash for t in ApiToken.objects.all()}
    assert api_token_revoke(token=token)
    assert not api_token_revoke(token=token)
    assert client.get(f"{API}/conventions/").status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Bearer pacte_inconnu")
    assert bad.get(f"{API}/conventions/").status_code == 401


def test_management_command_creates_and_revokes(users) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", "create", "agent", "--name", "tableur", stdout=out)
    clear = out.getvalue().strip()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert client.get(f"{API}/conventions/").status_code == 200
    call_command("api_token", "revoke", "agent", stdout=StringIO())
    assert client.get(f"{API}/conventions/").status_code == 401
