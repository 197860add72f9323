"""« À faire » tells its lines apart by who the convention is with, and filters by partner."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from web_roles import GWENAEL, MARZELLE, VERE

from pacte.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _references(page: str) -> set[str]:
    return set(re.findall(r'href="/conventions/([a-z0-9-]+)/#obligations"', page))


def test_lines_name_the_partner_first(users, stored) -> None:
    page = _client(users["agent"]).get(reverse("todo")).content.decode()
    partner = stored[GWENAEL].parties.exclude(role="public_authority").first().organisation
    assert f"<strong>{partner.short_name or partner.name}</strong>" in page
    # a partner's user reads the authority's name instead
    mine = _client(users["partner_x"]).get(reverse("todo")).content.decode()
    authority = stored[GWENAEL].parties.get(role="public_authority").organisation
    assert f"<strong>{authority.short_name or authority.name}</strong>" in mine


def test_the_admin_filters_by_partner_and_the_section_pages_follow(users, stored) -> None:
    admin = _client(users["admin"])
    everything = _references(admin.get(reverse("todo")).content.decode())
    assert {GWENAEL, VERE, MARZELLE} & everything and len(everything) > 1
    partner = stored[VERE].parties.exclude(role="public_authority").first().organisation
    page = admin.get(reverse("todo"), {"partenaire": partner.pk}).content.decode()
    assert _references(page) == {VERE}
    assert f'<option value="{partner.pk}" selected>' in page
    for slug in re.findall(r'href="/a-faire/([a-z-]+)/\?partenaire=', page):
        section = admin.get(f"/a-faire/{slug}/", {"partenaire": partner.pk}).content.decode()
        assert _references(section) <= {VERE}
    # an organisation the user does not see, or a word, is no filter at all
    hidden = Organisation.objects.create(name="Association inconnue")
    assert _references(admin.get(reverse("todo"), {"partenaire": hidden.pk}).content.decode()) == (
        everything
    )
    assert admin.get(reverse("todo"), {"partenaire": "abc"}).status_code == 200


def test_a_partner_cannot_reach_another_organisation_through_the_filter(users, stored) -> None:
    partner = _client(users["partner_x"])
    other = stored[VERE].parties.get(role="public_authority").organisation
    page = partner.get(reverse("todo"), {"partenaire": other.pk}).content.decode()
    assert VERE not in _references(page)
