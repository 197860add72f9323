"""« À faire » never shows an unsigned convention's obligations as late: they wait."""

from __future__ import annotations

import pytest
from django.test import Client
from web_roles import GWENAEL

from pacte.conventions.selectors import convention_terms
from pacte.conventions.services import convention_store

pytestmark = pytest.mark.django_db

UNSIGNED = "ville-non-signee-2026"


@pytest.fixture
def unsigned(stored) -> str:
    terms = convention_terms(reference=GWENAEL)
    copy = terms.model_copy(
        update={"reference": UNSIGNED, "signed_on": None, "title": "Convention non signée"}
    )
    convention_store(terms=copy)
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
