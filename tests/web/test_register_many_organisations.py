"""Beyond ``LISTED`` partners, the filters (Registre, « À faire », tableau de bord) offer
only the one chosen.

A register of 100 000 conventions has as many partners: a list of them all would weigh
megabytes in every page. The search finds them by name; a link naming one still works.
"""

from __future__ import annotations

import html

import pytest
from django.test import Client
from web_roles import GWENAEL, MARZELLE, VERE

from pacte.organisations.models import Organisation
from pacte.web.forms import register as form_module
from pacte.web.views import choices as view_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed_two(monkeypatch) -> None:
    monkeypatch.setattr(form_module, "LISTED", 2)
    monkeypatch.setattr(view_module, "LISTED", 2)


def _page(users, url: str) -> str:
    client = Client()
    client.force_login(users["admin"])
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_short_list_of_partners_is_offered_whole(users) -> None:
    page = _page(users, "/registre/")
    assert "Maison des Initiatives Solidaires du Blavet</option>" in page
    assert "Terres & Tables du Pays de Marzelle</option>" in page


def test_beyond_the_limit_only_the_chosen_partner_is_offered(users, listed_two) -> None:
    page = _page(users, "/registre/")
    choices = page.split('id="id_partenaire"', 1)[1].split("</select>", 1)[0]
    assert choices.count("<option") == 1  # « tous »
    assert "Plus de 2 partenaires : cherchez par le nom dans « Rechercher »." in page

    misb = Organisation.objects.get(siret="84136275900018")
    page = _page(users, f"/registre/?partenaire={misb.pk}")
    choices = page.split('id="id_partenaire"', 1)[1].split("</select>", 1)[0]
    assert choices.count("<option") == 2
    assert f'<option value="{misb.pk}" selected>' in choices
    assert f"/conventions/{GWENAEL}/" in page
    assert f"/conventions/{VERE}/" not in page and f"/conventions/{MARZELLE}/" not in page


def test_the_search_finds_a_partner_by_name(users, listed_two) -> None:
    page = _page(users, "/registre/?q=Initiatives+Solidaires")
    assert f"/conventions/{GWENAEL}/" in page
    assert f"/conventions/{VERE}/" not in page


def _options(page: str, marker: str) -> str:
    return page.split(marker, 1)[1].split("</select>", 1)[0]


def test_a_faire_and_the_dashboard_cap_their_list_too(users, listed_two) -> None:
    """« À faire » listed every partner of the register: 2.8 MB per page for an agent of
    a register of 100 000 conventions (measured), 9 MB for an administrator."""
    todo = _page(users, "/")
    assert _options(todo, 'id="partenaire"').count("<option") == 1  # « Tous »
    assert "Trop nombreux pour une liste" in todo
    dashboard = _page(users, "/tableau-de-bord/")
    assert _options(dashboard, 'id="id_partenaire"').count("<option") == 1
    misb = Organisation.objects.get(siret="84136275900018")
    todo = _page(users, f"/?partenaire={misb.pk}")
    assert f'<option value="{misb.pk}" selected>' in _options(todo, 'id="partenaire"')
    assert f"/conventions/{GWENAEL}/" in todo and f"/conventions/{VERE}/" not in todo
    register = _page(users, f"/registre/?partenaire={misb.pk}")
    assert f'href="/?partenaire={misb.pk}"' in register
    assert f'href="/tableau-de-bord/?partenaire={misb.pk}"' in register
