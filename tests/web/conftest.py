"""Fixtures of the web tests: the samples stored, one user per role, today fixed, files apart.

Visibility by role on the three sample conventions:

==================  ==================  ===============  ==================
user                Saint-Gwenaël       Vère (CRESS)     Marzelle
==================  ==================  ===============  ==================
agent (Ville)       yes, acts           no               no
partner X (MISB)    yes, uploads        no               no
partner Y (CRESS)   no                  yes, uploads     no
reader (Dépt)       no                  yes, reads       no
admin               yes, acts           yes, acts        yes, acts
==================  ==================  ===============  ==================
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from web_roles import ROLES, TODAY

from factories import ConventionFactory, MembershipFactory, UserFactory
from pacte.conventions.models import Convention
from pacte.organisations.models import Organisation
from pacte.samples import sample_paths


@pytest.fixture(autouse=True)
def today(monkeypatch) -> date:
    """Services and views read today's date through ``timezone.localdate``: fixed here."""
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        if value is None and timezone is None:
            return TODAY
        return original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored(db) -> dict[str, Convention]:
    conventions = {}
    for path in sample_paths():
        convention = ConventionFactory(terms__sample=path, terms__keep_reference=True)
        conventions[convention.reference] = convention
    return conventions


def make_user(name: str):
    spec = ROLES[name]
    user = UserFactory(username=name, first_name=name.capitalize(), admin=spec is None)
    if spec is not None:
        role, siret = spec
        MembershipFactory(user=user, role=role, organisation=Organisation.objects.get(siret=siret))
    return user


@pytest.fixture
def users(stored) -> dict[str, object]:
    return {name: make_user(name) for name in ROLES}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def agent(users) -> Client:
    return client_for(users["agent"])


@pytest.fixture
def admin(users) -> Client:
    return client_for(users["admin"])
