"""« À faire » never shows an unsigned convention's obligations as late: they wait."""

from __future__ import annotations

import pytest
from django.test import Client
from web_roles import GWENAEL

from factories import ConventionFactory
from pacte.conventions.selectors import convention_terms

pytestmark = pytest.mark.django_db

UNSIGNED = "ville-non-signee-2026"


@pytest.fixture
def unsigned(stored) -> str:
    ConventionFactory(
        terms__sample=convention_terms(reference=GWENAEL),
        terms__reference=UNSIGNED,
        terms__unsigned=True,
        terms__title="Convention non signée",
    )
    return UNSIGNED


def test_an_unsigned_convention_waits(admin: Client, unsigned: str) -> None:
    page = admin.get("/").content.decode()
    assert "Convention non signée" not in page  # nothing of it is overdue or due
    assert "en attente de leur déclencheur" in page
    waiting = admin.get("/a-faire/versements/?attente=1").content.decode()
    assert "Convention non signée" in waiting
    assert "en attente de la signature de la convention" in waiting.lower()
    table = waiting.split("<tbody>")[1].split("</tbody>")[0]
    assert "en retard" not in table and "en attente" in table
