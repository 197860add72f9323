"""The Documents section of a convention page: source file, avenants, generated documents.

Every download URL walked as every role: agents, readers and the administrator download
everything they see; a partner the convention, its avenants and the payment requests
(403 for the termination letter and the source file); another organisation's
convention is 404.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from docx import Document
from web_roles import GWENAEL, MARZELLE, VERE, VISIBLE

from factories import AmendmentFactory
from pacte.documents.models import ImportDraft, SourceDocument
from pacte.followup.models import Amendment

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "agent", "partner_x", "partner_y", "reader", "admin")
PARTNER_FORBIDDEN = {"generated_document:denonciation", "source_document"}


def client_as(role: str, users) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def documents(stored, users) -> dict[str, dict[str, str]]:
    """On every convention: a source file, a recorded avenant with its signed file."""
    urls = {}
    for reference, convention in stored.items():
        source = SourceDocument(
            original_filename=f"{reference}.pdf", sha256=reference.ljust(64, "0")[:64], size=9
        )
        source.format = "pdf"
        source.file.save(f"{reference}.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
        ImportDraft.objects.create(source=source, convention=convention)
        terms = convention.to_terms()
        amendment = AmendmentFactory(
            convention=convention,
            signed_on=date(2026, 6, 1),
            summary="Prolongation",
            ends_on=date(2028, 6, 30),
            with_file=True,
            by=users["admin"],
        )
        grant = terms.grants[0].key
        urls[reference] = {
            "generated_document:convention": reverse(
                "generated_document", args=[reference, "convention", "docx"]
            ),
            "generated_document:denonciation": reverse(
                "generated_document", args=[reference, "denonciation", "docx"]
            ),
            "payment_request_document": reverse(
                "payment_request_document", args=[reference, grant, 2026, 1, "docx"]
            ),
            "amendment_document": reverse(
                "amendment_document", args=[reference, amendment.pk, "docx"]
            ),
            "amendment_file": reverse("amendment_file", args=[reference, amendment.pk]),
            "source_document": reverse("source_document", args=[reference, source.pk]),
        }
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_every_document_url_as_every_role(role: str, users, documents) -> None:
    client = client_as(role, users)
    for reference in (GWENAEL, VERE, MARZELLE):
        for name, url in documents[reference].items():
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            status = response.status_code
            if role == "anonymous":
                expected = {302}
            elif reference not in VISIBLE[role]:
                expected = {404}
            elif role.startswith("partner") and name in PARTNER_FORBIDDEN:
                expected = {403}
            else:
                # 302: a document the convention cannot give (the page says why)
                expected = {200, 302}
            assert status in expected, (role, reference, name, status)


def test_generated_convention_and_payment_request_carry_names_and_amounts(
    admin: Client, stored
) -> None:
    convention = admin.get(reverse("generated_document", args=[GWENAEL, "convention", "docx"]))
    assert convention.status_code == 200
    assert convention["Content-Disposition"].startswith("attachment;")
    text = text_of(convention.content)
    assert "Saint-Gwenaël" in text
    assert "Maison des Initiatives Solidaires" in text
    assert "12 500,00 €" in text
    request = admin.get(
        reverse("payment_request_document", args=[GWENAEL, "subvention-2026", 2026, 1, "docx"])
    )
    assert request.status_code == 200
    assert "8 750,00 €" in text_of(request.content)


def test_amendment_action_updates_the_page_and_its_avenant_is_generated(
    agent: Client, stored
) -> None:
    url = reverse("convention_action", args=[GWENAEL, "avenant"])
    data = {
        "amendment-signed_on": "2026-06-01",
        "amendment-summary": "Montant 2026 porté à 15 000 €",
        "amendment-grant": "subvention-2026",
        "amendment-year": "2026",
        "amendment-amount": "15 000",
    }
    draft = agent.post(url, {**data, "produire": "docx"})
    assert draft.status_code == 200
    assert "est porté de 12 500,00 € à 15 000,00 €" in text_of(draft.content)
    assert not Amendment.objects.exists()  # the draft records nothing
    page = agent.post(url, data, follow=True).content.decode()
    assert "Avenant n° 1 du 1er juin 2026 enregistré" in page
    assert "10 500,00 €" in page  # the advance, 70 % of the new amount
    amendment = Amendment.objects.get()
    assert amendment.amount == Decimal("15000")
    avenant = agent.get(reverse("amendment_document", args=[GWENAEL, amendment.pk, "docx"]))
    text = text_of(avenant.content)
    assert "15 000,00 €" in text and "Saint-Gwenaël" in text
    request = agent.get(
        reverse("payment_request_document", args=[GWENAEL, "subvention-2026", 2026, 1, "docx"])
    )
    assert "10 500,00 €" in text_of(request.content)


def test_refused_amendment_shows_the_french_error(agent: Client, stored) -> None:
    response = agent.post(
        reverse("convention_action", args=[GWENAEL, "avenant"]),
        {"amendment-signed_on": "2026-06-01", "amendment-summary": "x", "amendment-amount": "0"},
    )
    assert response.status_code == 400
    assert "doit être positif" in response.content.decode()
    assert not Amendment.objects.exists()


def test_partner_and_reader_may_not_record_an_amendment(users, stored) -> None:
    url = reverse("convention_action", args=[GWENAEL, "avenant"])
    assert client_as("partner_x", users).post(url, {}).status_code == 403
    url = reverse("convention_action", args=[VERE, "avenant"])
    assert client_as("reader", users).post(url, {}).status_code == 403


def test_documents_section_lists_what_the_role_may_download(users, documents) -> None:
    agent = client_as("agent", users).get(reverse("convention", args=[GWENAEL])).content.decode()
    assert f"{GWENAEL}.pdf" in agent  # the source file
    assert "Lettre de dénonciation" in agent
    assert "Demande de versement" in agent
    assert "Avenant n° 1 signé le 01/06/2026" in agent
    partner = (
        client_as("partner_x", users).get(reverse("convention", args=[GWENAEL])).content.decode()
    )
    assert f"{GWENAEL}.pdf" not in partner
    assert "Lettre de dénonciation (à la date du jour)" not in partner
    assert "Demande de versement" in partner
    assert 'aria-controls="action-amendment"' not in partner


def test_unknown_format_is_404(admin: Client, stored) -> None:
    url = reverse("generated_document", args=[GWENAEL, "convention", "odt"])
    assert admin.get(url).status_code == 404


def test_every_document_of_gwenael_is_produced(admin: Client, documents) -> None:
    for name, url in documents[GWENAEL].items():
        response = admin.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == 200, name


def test_pdf_without_libreoffice_says_so_in_french(admin: Client, stored, monkeypatch) -> None:
    monkeypatch.setattr("pacte.outputs.documents.soffice", lambda: None)
    url = reverse("generated_document", args=[GWENAEL, "convention", "pdf"])
    response = admin.get(url, follow=True)
    assert response.redirect_chain[-1][0].endswith("#documents")
    assert "LibreOffice n&#x27;est pas installé" in response.content.decode()
