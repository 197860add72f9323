"""An old convention confirmed at import: the review offers the reprise d'historique."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from test_import_duplicates import form_data
from test_imports import CONVENTION, upload

from pacte.documents.models import ImportDraft
from pacte.followup.models import Payment, StoredObligation
from pacte.rules.obligations import Status

pytestmark = pytest.mark.django_db

OLD = CONVENTION.replace("2026", "2012")  # signed 1 February 2012, 2 500 € for 2012


def _late(reference: str) -> int:
    today = timezone.localdate()
    rows = StoredObligation.objects.filter(convention__reference=reference)
    return sum(1 for row in rows if row.status_on(today) is Status.OVERDUE)


@pytest.mark.parametrize("reprise", [True, False])
def test_an_old_convention_is_taken_over_when_the_agent_keeps_the_box(agent, reprise) -> None:
    upload(agent, SimpleUploadedFile("ancienne.txt", OLD.encode()))
    draft = ImportDraft.objects.get()
    page = agent.get(reverse("import_draft", args=[draft.pk])).content.decode()
    assert "Reprise d'historique" in page and 'name="reprise"' in page
    data = form_data(agent, draft)
    if reprise:
        data["reprise"] = "1"
    response = agent.post(reverse("import_confirm", args=[draft.pk]), data)
    assert response.status_code == 302
    convention = ImportDraft.objects.get().convention
    if reprise:
        assert _late(convention.reference) == 0
        assert Payment.objects.get(convention=convention).reference == "reprise d'historique"
    else:
        assert _late(convention.reference) > 0
        assert not Payment.objects.filter(convention=convention).exists()
