"""The personal iCalendar feed: a secret address, revocable, with the user's obligations only."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar
from web_roles import GWENAEL, VERE

from pacte.accounts.models import CalendarFeed
from pacte.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def feed_url(client: Client) -> str:
    response = client.post("/compte/calendrier/", follow=True)
    assert "Nouvelle adresse de calendrier créée." in response.content.decode()
    token = CalendarFeed.objects.get(user_id=int(client.session["_auth_user_id"])).token
    return f"/calendrier/{token}.ics"


def events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_feed_answers_without_a_session_with_the_users_obligations(agent: Client) -> None:
    url = feed_url(agent)
    response = Client().get(url)
    assert response.status_code == 200
    items = events(response)
    assert items
    summaries = [str(e["SUMMARY"]) for e in items]
    assert all(s.startswith(f"[{GWENAEL}]") for s in summaries)
    assert any("Dernier jour pour dénoncer" in s for s in summaries)
    assert all("Pourquoi" not in str(e["DESCRIPTION"]) for e in items)
    assert CalendarFeed.objects.get().last_used_at is not None


def test_partner_feed_never_shows_another_organisation(users) -> None:
    client = Client()
    client.force_login(users["partner_y"])
    summaries = [str(e["SUMMARY"]) for e in events(Client().get(feed_url(client)))]
    assert summaries and all(s.startswith(f"[{VERE}]") for s in summaries)


def test_regenerating_revokes_the_previous_address(agent: Client) -> None:
    first = feed_url(agent)
    response = agent.post("/compte/calendrier/", follow=True)
    assert "l&#x27;ancienne ne fonctionne plus" in response.content.decode()
    assert Client().get(first).status_code == 404
    second = f"/calendrier/{CalendarFeed.objects.get().token}.ics"
    assert Client().get(second).status_code == 200


def test_revoking_stops_the_feed_and_is_audited(agent: Client) -> None:
    url = feed_url(agent)
    response = agent.post("/compte/calendrier/revoquer/", follow=True)
    assert "Adresse de calendrier révoquée" in response.content.decode()
    assert Client().get(url).status_code == 404
    assert list(
        AuditEntry.objects.filter(object_type="calendar_feed").values_list("action", flat=True)
    ) == ["deleted", "created"]


def test_unknown_token_is_404(db) -> None:
    assert Client().get("/calendrier/inconnu.ics").status_code == 404


def test_inactive_account_feed_is_404(agent: Client, users) -> None:
    url = feed_url(agent)
    users["agent"].is_active = False
    users["agent"].save()
    assert Client().get(url).status_code == 404


def test_account_page_shows_the_address_and_the_role(agent: Client) -> None:
    page = agent.get("/compte/").content.decode()
    assert "agent de la collectivité — Ville de Saint-Gwenaël-sur-Blavet" in page
    assert "Créer mon adresse de calendrier" in page
    url = feed_url(agent)
    assert f"http://testserver{url}" in agent.get("/compte/").content.decode()
