"""The register and convention pages, as a signed-in agent and as an anonymous visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pacte.conventions.services import convention_store
from pacte.samples import sample_paths
from pacte.terms import load_convention_yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored() -> list[str]:
    references = []
    for path in sample_paths():
        terms = load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)
        convention_store(terms=terms)
        references.append(terms.reference)
    return references


@pytest.fixture
def agent(client: Client) -> Client:
    user = get_user_model().objects.create_user("agent", password="mot-de-passe-solide")
    client.force_login(user)
    return client


def test_anonymous_visitor_is_sent_to_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")
    page = client.get("/connexion/")
    assert "Se connecter à Pacte" in page.content.decode()


def test_wrong_password_is_explained_in_french(client: Client) -> None:
    get_user_model().objects.create_user("agent", password="mot-de-passe-solide")
    page = client.post("/connexion/", {"username": "agent", "password": "faux"})
    assert "Identifiant ou mot de passe incorrect" in page.content.decode()


def test_register_lists_every_stored_convention(
    agent: Client, stored: list[str], django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(10):
        page = agent.get("/").content.decode()
    assert "3 conventions" in page
    for reference in stored:
        assert f"/conventions/{reference}/" in page


def test_register_search(agent: Client, stored: list[str]) -> None:
    page = agent.get("/", {"q": "Marzelle"}).content.decode()
    assert "1 convention" in page
    assert "Aucune convention" in agent.get("/", {"q": "introuvable"}).content.decode()


def test_empty_register_says_how_to_fill_it(agent: Client) -> None:
    assert "Le registre est vide" in agent.get("/").content.decode()


def test_convention_page_shows_parties_and_obligations_with_reasons(
    agent: Client, stored: list[str]
) -> None:
    for reference in stored:
        page = agent.get(f"/conventions/{reference}/").content.decode()
        assert "Parties" in page and "Obligations" in page
        assert "Pourquoi : " in page or "Aucune obligation" in page


def test_unknown_convention_is_404(agent: Client) -> None:
    assert agent.get("/conventions/inconnue/").status_code == 404
