"""The review page says when a document is probably already in the register, and offers
« Fusionner avec RÉF » or « Garder les deux », with a confirmation; the journal keeps the choice."""

from __future__ import annotations

import html
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from test_imports import CONVENTION, upload

from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft

pytestmark = pytest.mark.django_db


def as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def form_data(client, draft: ImportDraft) -> dict[str, str]:
    form = client.get(reverse("import_draft", args=[draft.pk])).context["form"]
    return {f"terms-{name}": form[name].value() or "" for name in form.fields}


@pytest.fixture
def second_draft(agent) -> ImportDraft:
    """« convention.txt » confirmed as « ville-jardins-2026 », then its .docx uploaded."""
    upload(agent, SimpleUploadedFile("convention.txt", CONVENTION.encode()))
    first = ImportDraft.objects.get()
    data = form_data(agent, first)
    data["terms-reference"] = "ville-jardins-2026"
    assert agent.post(reverse("import_confirm", args=[first.pk]), data).status_code == 302
    upload(agent, SimpleUploadedFile("convention.docx", as_docx(CONVENTION)))
    return ImportDraft.objects.get(source__original_filename="convention.docx")


def test_the_review_page_shows_the_probable_duplicate_and_the_choices(agent, second_draft) -> None:
    page = html.unescape(
        agent.get(reverse("import_draft", args=[second_draft.pk])).content.decode()
    )
    assert "Doublon probable de " in page
    assert 'href="/conventions/ville-jardins-2026/"' in page
    assert "</a> : mêmes parties, mêmes dates, même montant" in page
    assert 'value="merge:ville-jardins-2026">Fusionner avec « ' in page
    assert "Garder les deux" in page
    assert "J'ai comparé ce document avec la convention existante" in page
    assert "Confirmer et enregistrer la convention" not in page


def test_plain_confirm_is_refused_in_french(agent, second_draft) -> None:
    response = agent.post(
        reverse("import_confirm", args=[second_draft.pk]), form_data(agent, second_draft)
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "convention.docx : Doublon probable de ville-jardins-2026" in page
    assert Convention.objects.filter(title__icontains="jardins").count() == 1


def test_a_choice_needs_the_confirmation(agent, second_draft) -> None:
    data = {**form_data(agent, second_draft), "duplicate_choice": "merge:ville-jardins-2026"}
    response = agent.post(reverse("import_confirm", args=[second_draft.pk]), data)
    assert response.status_code == 400
    assert "Cochez « J'ai comparé" in html.unescape(response.content.decode())
    second_draft.refresh_from_db()
    assert second_draft.status == DraftStatus.PENDING


def test_merge_updates_the_convention_and_the_journal_says_so(agent, second_draft) -> None:
    before = Convention.objects.count()
    data = {
        **form_data(agent, second_draft),
        "terms-title": "Convention des jardins partagés (version signée)",
        "duplicate_choice": "merge:ville-jardins-2026",
        "duplicate_checked": "1",
    }
    response = agent.post(reverse("import_confirm", args=[second_draft.pk]), data)
    assert response.status_code == 302
    assert Convention.objects.count() == before
    merged = Convention.objects.get(reference="ville-jardins-2026")
    assert merged.title == "Convention des jardins partagés (version signée)"
    entry = AuditEntry.objects.filter(
        object_type="import_draft", object_ref=str(second_draft.pk), summary__choice="merge"
    ).get()
    assert entry.summary["choice_label"] == "fusionné avec ville-jardins-2026"
    assert entry.actor is not None


def test_keep_both_stores_a_second_convention(agent, second_draft) -> None:
    before = Convention.objects.count()
    data = {
        **form_data(agent, second_draft),
        "terms-reference": "ville-jardins-2026-copie",
        "duplicate_choice": "keep_both",
        "duplicate_checked": "1",
    }
    assert agent.post(reverse("import_confirm", args=[second_draft.pk]), data).status_code == 302
    assert Convention.objects.count() == before + 1
    assert AuditEntry.objects.filter(summary__choice="keep_both").exists()


def test_merge_into_a_convention_out_of_reach_is_refused(agent, second_draft) -> None:
    data = {
        **form_data(agent, second_draft),
        "duplicate_choice": "merge:nexiste-pas",
        "duplicate_checked": "1",
    }
    response = agent.post(reverse("import_confirm", args=[second_draft.pk]), data)
    assert response.status_code == 400
    assert "Aucune convention « nexiste-pas »" in html.unescape(response.content.decode())
