"""The pages as an agent, an administrator and an anonymous visitor."""

from __future__ import annotations

import pytest
from django.test import Client
from web_roles import GWENAEL, MARZELLE, VERE

from factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client: Client) -> None:
    for url in ("/", "/registre/", f"/conventions/{GWENAEL}/", "/compte/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/connexion/")
    page = client.get("/connexion/")
    assert "Se connecter à Pacte" in page.content.decode()


def test_wrong_password_is_explained_in_french(client: Client) -> None:
    UserFactory(username="agent", password="mot-de-passe-solide")
    page = client.post("/connexion/", {"username": "agent", "password": "faux"})
    assert "Identifiant ou mot de passe incorrect" in page.content.decode()


def test_login_leads_to_a_faire(client: Client) -> None:
    UserFactory(username="agent", password="mot-de-passe-solide")
    response = client.post("/connexion/", {"username": "agent", "password": "mot-de-passe-solide"})
    assert response["Location"] == "/"


def test_register_lists_every_convention_to_the_admin(admin: Client) -> None:
    page = admin.get("/registre/").content.decode()
    assert "3 conventions" in page
    for reference in (GWENAEL, VERE, MARZELLE):
        assert f"/conventions/{reference}/" in page


def test_register_lists_only_the_agents_conventions(agent: Client) -> None:
    page = agent.get("/registre/").content.decode()
    assert "1 convention" in page and f"/conventions/{GWENAEL}/" in page
    assert VERE not in page and MARZELLE not in page


def test_register_search(admin: Client) -> None:
    page = admin.get("/registre/", {"q": "Marzelle"}).content.decode()
    assert "1 convention" in page
    assert "Aucune convention" in admin.get("/registre/", {"q": "introuvable"}).content.decode()


def test_empty_register_says_how_to_fill_it(db) -> None:
    user = UserFactory(username="admin", admin=True)
    client = Client()
    client.force_login(user)
    assert "Le registre est vide" in client.get("/registre/").content.decode()


def test_account_without_role_sees_nothing_and_is_told_why(stored) -> None:
    user = UserFactory(username="nouveau")
    client = Client()
    client.force_login(user)
    assert "Votre compte n'a pas encore de rôle" in client.get("/").content.decode()
    assert "Le registre est vide" in client.get("/registre/").content.decode()
    assert client.get(f"/conventions/{GWENAEL}/").status_code == 404


def test_convention_page_shows_every_section(admin: Client) -> None:
    for reference in (GWENAEL, VERE, MARZELLE):
        page = admin.get(f"/conventions/{reference}/").content.decode()
        for heading in (
            "Obligations",
            "Enregistrer un événement",
            "Subvention et versements",
            "Parties et signatures",
            "Instances et réunions",
            "Dispositifs et étapes",
            "Contrôle de cohérence",
            "Documents",
            "Articles",
            "Engagements",
            "Fiches actions",
            "Historique",
        ):
            assert f">{heading}</h2>" in page, (reference, heading)
        assert "Pourquoi : " in page


def test_convention_page_details(admin: Client) -> None:
    page = admin.get(f"/conventions/{GWENAEL}/").content.decode()
    # parties and mandates, grant amounts and balance, body, history of the load
    assert "Maison des Initiatives Solidaires du Blavet" in page
    assert "habilitation : délibération (Conseil municipal) du 9 février 2026" in page
    assert "Attendu à ce jour" in page and "Reste à verser" in page
    assert "Comité de pilotage" in page
    assert "Convention création" in page and "système (chargement)" in page


def test_unknown_convention_is_404_in_french(agent: Client) -> None:
    response = agent.get("/conventions/inconnue/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
