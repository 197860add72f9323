"""``/api/v1/calls/``: the same rights as the screens, French errors naming the field."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from calls_world import World, apply
from django.test import Client
from django.utils import timezone

from factories import UserFactory
from pacte.api.services import api_token_create
from pacte.calls import selectors, services
from pacte.calls.enums import ApplicationState as S
from pacte.calls.models import Application, Review

pytestmark = pytest.mark.django_db
API = "/api/v1/calls"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    _, clear = api_token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {clear}")


@pytest.fixture
def open_world(world: World) -> World:
    world.call.opens_at = timezone.now() - timedelta(days=5)
    world.call.closes_at = timezone.now() + timedelta(days=5)
    world.call.save()
    now = timezone.now()
    for number in (1, 2):
        application = apply(world, number, Decimal("10000"), now=now)
        services.application_submit(application=application, by=world.applicants[-1], now=now)
    return world


def test_the_paths_are_in_the_openapi_document() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/calls/",
        "/api/v1/calls/{reference}",
        "/api/v1/calls/{reference}/applications",
        "/api/v1/calls/{reference}/ranking",
        "/api/v1/calls/{reference}/decisions",
        "/api/v1/calls/applications/{pk}",
        "/api/v1/calls/applications/{pk}/eligibility",
        "/api/v1/calls/applications/{pk}/decision",
        "/api/v1/calls/applications/mine",
        "/api/v1/calls/applications/{pk}/submit",
        "/api/v1/calls/reviews",
        "/api/v1/calls/reviews/{pk}",
        "/api/v1/calls/reviews/{pk}/declaration",
    ):
        assert path in paths, path


def test_reads_follow_the_roles(open_world: World) -> None:
    world = open_world
    reference = world.call.reference
    first = world.applications[0]
    agent, partner, outsider = (
        _client(world.agents[0]),
        _client(world.partners[0]),
        _client(world.outsider),
    )
    applicant, stranger = _client(world.applicants[0]), _client(UserFactory())
    assert Client().get(f"{API}/").status_code == 401
    for client in (agent, partner, outsider, applicant, stranger):
        listed = client.get(f"{API}/")
        assert listed.status_code == 200 and [c["reference"] for c in listed.json()] == [reference]
        assert client.get(f"{API}/{reference}").status_code == 200
    assert agent.get(f"{API}/{reference}/applications").status_code == 200
    assert len(agent.get(f"{API}/{reference}/applications").json()) == 2
    for client in (partner, outsider, applicant, stranger):
        for tail in ("applications", "ranking", "decisions"):
            assert client.get(f"{API}/{reference}/{tail}").status_code == 404
    assert agent.get(f"{API}/applications/{first.pk}").status_code == 200
    assert applicant.get(f"{API}/applications/{first.pk}").status_code == 200
    for client in (partner, outsider, stranger):
        assert client.get(f"{API}/applications/{first.pk}").status_code == 404
    mine = applicant.get(f"{API}/applications/mine").json()
    assert [a["reference"] for a in mine] == [first.reference]
    assert stranger.get(f"{API}/applications/mine").json() == []


def test_eligibility_review_and_decision_through_the_api(open_world: World) -> None:
    world = open_world
    agent = _client(world.agents[0])
    first, second = world.applications
    # a partner cannot instruct: the application is not found for them
    refused = _client(world.partners[0]).post(
        f"{API}/applications/{first.pk}/eligibility",
        {"eligible": True},
        content_type="application/json",
    )
    assert refused.status_code == 404
    for application in (first, second):
        answer = agent.post(
            f"{API}/applications/{application.pk}/eligibility",
            {"eligible": True},
            content_type="application/json",
        )
        assert answer.status_code == 200 and answer.json()["state"] == "eligible"
    assignment = services.assignment_add(
        application=first, reviewer=world.partners[1], by=world.agents[0]
    )
    recused = services.assignment_add(
        application=first, reviewer=world.partners[0], by=world.agents[0]
    )
    reviewer = _client(world.partners[1])
    assert [a["id"] for a in reviewer.get(f"{API}/reviews").json()] == [assignment.pk]
    # another reviewer's assignment is not theirs
    assert (
        reviewer.post(
            f"{API}/reviews/{recused.pk}", {"scores": {}}, content_type="application/json"
        ).status_code
        == 404
    )
    declared = _client(world.partners[0]).post(
        f"{API}/reviews/{recused.pk}/declaration",
        {"conflict": True, "note": "Membre du bureau"},
        content_type="application/json",
    )
    assert declared.status_code == 200 and declared.json()["conflict"] == "conflict"
    criteria = selectors.criteria_of(world.call)
    blocked = _client(world.partners[0]).post(
        f"{API}/reviews/{recused.pk}",
        {"scores": {str(c.pk): 3 for c in criteria}, "recommendation": "yes", "submit": True},
        content_type="application/json",
    )
    assert blocked.status_code == 400 and blocked.json()["field"] == "conflict"
    assert (
        reviewer.post(
            f"{API}/reviews/{assignment.pk}/declaration",
            {"conflict": False},
            content_type="application/json",
        ).status_code
        == 200
    )
    out_of_range = reviewer.post(
        f"{API}/reviews/{assignment.pk}",
        {"scores": {str(c.pk): 6 for c in criteria}, "recommendation": "yes", "submit": True},
        content_type="application/json",
    )
    assert out_of_range.status_code == 400
    assert out_of_range.json()["field"] == f"score-{criteria[0].pk}"
    assert "nombre entier de 0 à 5" in out_of_range.json()["detail"]
    assert not Review.objects.filter(assignment=assignment, submitted_at__isnull=False).exists()
    done = reviewer.post(
        f"{API}/reviews/{assignment.pk}",
        {"scores": {str(c.pk): 4 for c in criteria}, "recommendation": "yes", "submit": True},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["review_submitted"] is True
    services.application_ready(application=first, by=world.agents[0])
    services.committee_record(
        call=world.call,
        held_on=timezone.localdate() + timedelta(days=6),
        members_present=["A", "B", "C"],
        by=world.agents[0],
    )
    no_reason = agent.post(
        f"{API}/applications/{first.pk}/decision",
        {"outcome": "rejected"},
        content_type="application/json",
    )
    assert no_reason.status_code == 400
    assert no_reason.json() == {
        "detail": "Un refus est motivé : indiquez les motifs.",
        "field": "reason",
    }
    decided = agent.post(
        f"{API}/applications/{first.pk}/decision",
        {"outcome": "accepted", "amount": "8000.00", "reason": "Budget resserré"},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["amount"] == "8000.00"
    first.refresh_from_db()
    assert first.state == S.ACCEPTED
    ranking = agent.get(f"{API}/{world.call.reference}/ranking").json()
    assert ranking[0]["application"] == first.reference and ranking[0]["within_envelope"] is True
    assert [
        d["application"] for d in agent.get(f"{API}/{world.call.reference}/decisions").json()
    ] == [first.reference]


def test_an_applicant_files_and_submits_through_the_api(open_world: World) -> None:
    from calls_world import luhn_siret

    world = open_world
    applicant = UserFactory()
    client = _client(applicant)
    body = {
        "organisation_name": "Les Ateliers du Rhin",
        "siret": luhn_siret("5555555550001"),
        "rna": "W672000001",
        "postcode": "67000",
        "project_title": "Atelier vélo",
        "amount_requested": "8000.00",
        "documents": ["statutes", "accounts", "rib", "activity_report"],
        "republican_contract": True,
        "budget": [
            {"side": "charge", "account": "64", "amount": "16000.00"},
            {"side": "product", "account": "74", "amount": "8000.00", "funder": "FD2I"},
            {"side": "product", "account": "70", "amount": "6000.00"},
        ],
    }
    url = f"{API}/{world.call.reference}/applications"
    # agents and partners do not apply
    assert (
        _client(world.agents[0]).post(url, body, content_type="application/json").status_code == 404
    )
    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["state"] == "draft"
    unbalanced = client.post(f"{API}/applications/{pk}/submit")
    assert unbalanced.status_code == 400 and unbalanced.json()["field"] == "budget"
    assert "n’est pas équilibré" in unbalanced.json()["detail"]
    assert _client(UserFactory()).post(f"{API}/applications/{pk}/submit").status_code == 404
    bad = client.post(url, {**body, "siret": "123"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "siret"
    assert Application.objects.filter(applicant=applicant).count() == 1
