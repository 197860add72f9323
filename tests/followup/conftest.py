"""Fixtures of the follow-up tests: the sample conventions stored, an agent, files kept apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from factories import ConventionFactory, UserFactory
from pacte.conventions.models import Convention
from pacte.samples import sample_paths

GWENAEL = "ville-saint-gwenael-misb-2026"
VERE = "departement-vere-cress-2025-2027"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def samples(db) -> dict[str, Convention]:
    stored = {}
    for path in sample_paths():
        convention = ConventionFactory(terms__sample=path, terms__keep_reference=True)
        stored[convention.reference] = convention
    return stored


@pytest.fixture
def gwenael(samples: dict[str, Convention]) -> Convention:
    """Ville de Saint-Gwenaël and the MISB: 12 500 € for 2026, 70 % at signature (2 March 2026)."""
    return samples[GWENAEL]


@pytest.fixture
def vere(samples: dict[str, Convention]) -> Convention:
    return samples[VERE]


@pytest.fixture
def agent(db):
    return UserFactory(username="agent")


TODAY = date(2026, 11, 22)


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
