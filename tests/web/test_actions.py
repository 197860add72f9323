"""Actions on the convention page: one service call, a French message, obligations updated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from web_roles import GWENAEL, VERE

from pacte.audit.models import AuditEntry
from pacte.followup.models import DocumentReceived, Meeting, Payment, Signature

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


def post(client: Client, reference: str, slug: str, data: dict, **kwargs):
    return client.post(f"/conventions/{reference}/enregistrer/{slug}/", data, **kwargs)


def test_payment_made_redirects_with_a_message_and_updates_the_obligation(agent: Client) -> None:
    before = agent.get(f"/conventions/{GWENAEL}/").content.decode()
    assert "en retard" in before
    response = post(
        agent,
        GWENAEL,
        "versement",
        {
            "payment-grant": "subvention-2026",
            "payment-amount": "8 750,00",
            "payment-paid_on": "2026-03-16",
            "payment-year": "2026",
            "payment-reference": "Mandat 2026-0203",
        },
        follow=True,
    )
    assert response.redirect_chain == [(f"/conventions/{GWENAEL}/", 302)]
    page = response.content.decode()
    assert "Versement de 8 750,00 € du 16 mars 2026 enregistré." in page
    assert "versé le 16/03/2026" in page
    # the payments table names the grant as a reader does, never by its internal key
    recorded = page.split("Mandat 2026-0203", 1)[0].rsplit("<tr>", 1)[1]
    assert '<td data-label="Subvention">subvention</td>' in recorded
    assert "subvention-2026" not in recorded
    assert Payment.objects.get().amount == Decimal("8750.00")
    assert AuditEntry.objects.filter(object_type="payment", object_ref=GWENAEL).exists()
    assert "Versement de 8 750,00 € le 16 mars 2026" in page  # in the history


def test_overpayment_is_recorded_with_a_warning(agent: Client) -> None:
    data = {"payment-grant": "subvention-2026", "payment-paid_on": "2026-11-02"}
    refused = post(agent, GWENAEL, "versement", {**data, "payment-amount": "12500"})
    # the balance in it waits for the committee's PV: refused until a reason is given
    assert refused.status_code == 400
    assert "Condition non remplie" in refused.content.decode()
    reason = {"payment-override_reason": "PV reçu par courriel"}
    paid = post(agent, GWENAEL, "versement", {**data, **reason, "payment-amount": "12500"})
    assert paid.status_code == 302
    page = post(agent, GWENAEL, "versement", {**data, "payment-amount": "100"}, follow=True)
    assert "Attention : il dépasse de 100,00 €" in page.content.decode()
    assert "Trop-perçu" in page.content.decode()


def test_refused_payment_shows_the_form_with_the_french_error(agent: Client) -> None:
    response = post(
        agent,
        GWENAEL,
        "versement",
        {
            "payment-grant": "subvention-2026",
            "payment-amount": "100",
            "payment-paid_on": "2027-01-05",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "est postérieure à aujourd&#x27;hui" in page
    assert 'aria-expanded="true" aria-controls="action-payment"' in page
    assert not Payment.objects.exists()


def test_signature(agent: Client) -> None:
    response = post(
        agent,
        GWENAEL,
        "signature",
        {"signature-party": "misb", "signature-signed_on": "2026-03-02"},
    )
    assert response.status_code == 302
    assert Signature.objects.get().party_key == "misb"


def test_document_upload_then_download(agent: Client, media_root) -> None:
    upload = SimpleUploadedFile("bilan 2026.pdf", PDF, content_type="application/pdf")
    response = post(
        agent,
        GWENAEL,
        "document",
        {
            "document-kind": "activity_report",
            "document-year": "2026",
            "document-received_on": "2026-11-20",
            "document-file": upload,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Document enregistré : bilan d&#x27;activité reçu le 20 novembre 2026." in page
    document = DocumentReceived.objects.get()
    assert f"/conventions/{GWENAEL}/documents/{document.pk}/" in page
    download = agent.get(f"/conventions/{GWENAEL}/documents/{document.pk}/")
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF


def test_document_of_the_wrong_type_is_refused_on_the_form(agent: Client) -> None:
    upload = SimpleUploadedFile("bilan.pdf", b"<html>pas un pdf</html>")
    response = post(
        agent,
        GWENAEL,
        "document",
        {
            "document-kind": "activity_report",
            "document-received_on": "2026-11-20",
            "document-file": upload,
        },
    )
    assert response.status_code == 400
    assert "n&#x27;est pas un document PDF valide" in response.content.decode()
    assert not DocumentReceived.objects.exists()


def test_document_too_big_is_refused(agent: Client, settings) -> None:
    settings.PACTE_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("bilan.pdf", PDF + b"0" * 2048)
    response = post(
        agent,
        GWENAEL,
        "document",
        {
            "document-kind": "activity_report",
            "document-received_on": "2026-11-20",
            "document-file": upload,
        },
    )
    assert response.status_code == 400
    assert "la taille maximale est de" in response.content.decode()


def test_meeting_with_minutes_completes_the_obligation(agent: Client) -> None:
    upload = SimpleUploadedFile("pv.pdf", PDF)
    response = post(
        agent,
        GWENAEL,
        "reunion",
        {
            "meeting-body": "copil",
            "meeting-held_on": "2026-10-06",
            "meeting-minutes_received_on": "2026-10-20",
            "meeting-minutes": upload,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Réunion du 6 octobre 2026 enregistrée." in page
    meeting = Meeting.objects.get()
    assert f"/conventions/{GWENAEL}/reunions/{meeting.pk}/proces-verbal/" in page
    assert "procès-verbal reçu le 20 octobre 2026" in page


def test_notice_then_termination(agent: Client) -> None:
    response = post(
        agent,
        GWENAEL,
        "denonciation",
        {
            "notice-party": "misb",
            "notice-sent_on": "2026-11-03",
            "notice-received_on": "2026-11-05",
        },
        follow=True,
    )
    assert "Lettre de dénonciation enregistrée." in response.content.decode()
    response = post(
        agent,
        GWENAEL,
        "resiliation",
        {"termination-terminated_on": "2026-11-10", "termination-reason": "d'un commun accord"},
        follow=True,
    )
    page = response.content.decode()
    assert "Résiliation au 10 novembre 2026 enregistrée." in page
    assert "résiliée" in page


def test_renewal_is_offered_only_for_an_express_renewal(admin: Client) -> None:
    assert "action-renewal" not in admin.get(f"/conventions/{GWENAEL}/").content.decode()
    assert "action-renewal" in admin.get(f"/conventions/{VERE}/").content.decode()
    response = post(admin, VERE, "reconduction", {"renewal-decided_on": "2026-10-15"})
    assert response.status_code == 302


def test_unknown_action_is_404(agent: Client) -> None:
    assert post(agent, GWENAEL, "inconnue", {}).status_code == 404


def test_actions_only_take_post(agent: Client) -> None:
    """Opened directly (a bookmark, a reload), an action's address shows its form on the
    convention's page; nothing is recorded but by POST."""
    url = f"/conventions/{GWENAEL}/enregistrer/versement/"
    opened = agent.get(url)
    assert opened.status_code == 302
    assert opened["Location"] == f"/conventions/{GWENAEL}/#action-payment"
    assert agent.put(url).status_code == 405 and agent.delete(url).status_code == 405


def test_csrf_is_enforced(users) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["agent"])
    response = post(client, GWENAEL, "signature", {"signature-party": "misb"})
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_upload_fields_say_which_files_are_accepted(agent: Client, settings) -> None:
    settings.PACTE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    page = agent.get(f"/conventions/{GWENAEL}/").content.decode()
    assert (
        "PDF, DOCX, ODT, PNG ou JPEG ; 5 Mo au plus. Facultatif pour un document reçu sur papier."
        in page
    )
    assert 'accept=".pdf,.docx,.odt,.png,.jpg,.jpeg"' in page


def test_a_partner_declaring_a_document_joins_its_file_or_says_why(users) -> None:
    partner = Client()
    partner.force_login(users["partner_x"])
    data = {"document-kind": "activity_report", "document-received_on": "2026-11-20"}
    refused = post(partner, GWENAEL, "document", data)
    assert refused.status_code == 400
    assert "Joignez le fichier" in refused.content.decode()
    done = post(
        partner, GWENAEL, "document", {**data, "document-override_reason": "envoyé par la poste"}
    )
    assert done.status_code == 302
    with_file = {**data, "document-file": SimpleUploadedFile("bilan.pdf", PDF)}
    assert post(partner, GWENAEL, "document", with_file).status_code == 302
