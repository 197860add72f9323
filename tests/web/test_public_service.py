"""What every French public service owes its users: the footer's pages, offline API docs,
login lockout after repeated failures, sessions that end after inactivity."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacte.web.middleware import KEY, RENEW_EVERY

pytestmark = pytest.mark.django_db

FOOTER = {
    "sitemap": "Plan du site",
    "accessibility": "Accessibilité : non conforme",
    "legal_notice": "Mentions légales",
    "personal_data": "Données personnelles",
    "cookies": "Gestion des cookies",
}


def test_the_footer_pages_open_without_login_in_french() -> None:
    client = Client()
    login = client.get(reverse("login")).content.decode()
    for name, label in FOOTER.items():
        assert f'href="{reverse(name)}">{label}</a>' in login
        page = client.get(reverse(name))
        assert page.status_code == 200, name
        assert f"<h1>{label.split(' :')[0]}</h1>" in page.content.decode()
    notice = client.get(reverse("legal_notice")).content.decode()
    assert notice.count("non renseigné par l'organisme") == 5
    accessibility = client.get(reverse("accessibility")).content.decode()
    assert (
        "<strong>non conforme</strong>" in accessibility and "Défenseur des droits" in accessibility
    )
    cookies = client.get(reverse("cookies")).content.decode()
    assert "sessionid" in cookies and "120 minutes sans activité" in cookies
    assert client.post(reverse("legal_notice")).status_code == 405


def test_the_legal_pages_name_who_runs_the_instance(settings) -> None:
    settings.PACTE_OPERATOR = {
        "name": "Ville de Saint-Gwenaël",
        "address": "1 place de la Mairie",
        "director": "Mme la Maire",
        "host": "Hébergeur public",
        "contact": "contact@exemple.fr",
        "dpo": "dpo@exemple.fr",
    }
    notice = Client().get(reverse("legal_notice")).content.decode()
    for value in settings.PACTE_OPERATOR.values():
        assert value in notice or value == "dpo@exemple.fr"
    assert "non renseigné" not in notice
    data = Client().get(reverse("personal_data")).content.decode()
    assert "dpo@exemple.fr" in data and "Ville de Saint-Gwenaël" in data


def test_the_api_docs_need_no_internet() -> None:
    page = Client().get("/api/v1/docs").content.decode()
    assert "cdn." not in page and "jsdelivr" not in page
    assert "swagger-ui-bundle.js" in page
    assert finders.find("ninja/swagger-ui-bundle.js") is not None


@pytest.fixture
def agent_account():
    return get_user_model().objects.create_user("lea", password="mot-de-passe-solide")


def test_the_administration_logs_in_through_the_same_page() -> None:
    """/admin/login/ sends to /connexion/: the same lockout and the same second factor."""
    response = Client().get("/admin/login/", {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=%2Fadmin%2F"
    assert Client().get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ["/connexion/", "/connexion/?next=/admin/"])
def test_repeated_failures_lock_the_login(url: str, agent_account, settings) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "lea", "password": "faux"})
        assert response.status_code == 200
    locked = client.post(url, {"username": "lea", "password": "faux"})
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Connexion bloquée" in page and "pendant 15 minutes" in page
    # even the right password is refused while locked
    again = client.post(url, {"username": "lea", "password": "mot-de-passe-solide"})
    assert again.status_code == 429
    # another account from the same address is not locked
    get_user_model().objects.create_user("paul", password="un-autre-mot-de-passe")
    other = client.post("/connexion/", {"username": "paul", "password": "un-autre-mot-de-passe"})
    assert other.status_code == 302


def test_a_success_before_the_limit_clears_the_failures(agent_account) -> None:
    client = Client()
    for _ in range(3):
        client.post("/connexion/", {"username": "lea", "password": "faux"})
    assert (
        client.post(
            "/connexion/", {"username": "lea", "password": "mot-de-passe-solide"}
        ).status_code
        == 302
    )
    client.logout()
    for _ in range(3):
        assert (
            client.post("/connexion/", {"username": "lea", "password": "faux"}).status_code == 200
        )


def test_an_active_session_is_renewed_at_most_every_five_minutes(agent_account, settings) -> None:
    assert settings.SESSION_COOKIE_AGE == 120 * 60
    client = Client()
    client.force_login(agent_account)
    client.get(reverse("account"))
    with CaptureQueriesContext(connection) as quiet:
        client.get(reverse("account"))
    assert not [q for q in quiet if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]
    session = client.session
    session[KEY] = int(time.time()) - RENEW_EVERY - 1
    session.save()
    with CaptureQueriesContext(connection) as renewed:
        client.get(reverse("account"))
    assert [q for q in renewed if "django_session" in q["sql"] and q["sql"].startswith("UPDATE")]
    assert int(client.session[KEY]) >= int(time.time()) - 5


def test_every_page_is_served_with_a_strict_content_security_policy(users, stored) -> None:
    """No inline script or style anywhere, so the policy needs no ``unsafe-inline``."""
    import re

    client = Client()
    client.force_login(users["admin"])
    urls = [reverse(n) for n in ("todo", "register", "dashboard", "account", "sessions")]
    urls += [reverse("convention", args=[ref]) for ref in stored]
    urls += ["/api/v1/docs", "/admin/", reverse("accessibility"), reverse("login")]
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        html = response.content.decode()
        assert not inline_script.search(html), (url, inline_script.search(html))
        assert " style=" not in html and "<style" not in html, url
