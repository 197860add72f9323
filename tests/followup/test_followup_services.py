"""The follow-up services: what they record, what they refuse (in French), what they audit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.followup import services
from pacte.followup.models import DocumentReceived, Meeting, NoticeSent, Payment, Termination
from pacte.followup.services import FollowupError
from pacte.terms import DocumentKind

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def journal(convention: Convention, object_type: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type=object_type, object_ref=convention.reference))


def test_payment_is_recorded_on_the_only_grant_and_audited(gwenael, agent) -> None:
    payment = services.payment_record(
        convention=gwenael,
        amount=Decimal("8750"),
        paid_on=date(2026, 3, 16),
        year=2026,
        reference=" Mandat 2026-0203 ",
        by=agent,
    )
    assert (payment.grant_key, payment.reference, payment.overpaid) == (
        "subvention-2026",
        "Mandat 2026-0203",
        Decimal(0),
    )
    [entry] = journal(gwenael, "payment")
    assert entry.actor == agent
    assert entry.summary["description"] == "Versement de 8 750,00 € le 16 mars 2026"


@pytest.mark.parametrize("amount", [Decimal(0), Decimal("-10")])
def test_payment_must_be_positive(gwenael, agent, amount) -> None:
    with pytest.raises(FollowupError, match="doit être positif") as error:
        services.payment_record(
            convention=gwenael, amount=amount, paid_on=date(2026, 3, 16), by=agent
        )
    assert error.value.field == "amount"
    assert not Payment.objects.exists() and not journal(gwenael, "payment")


def test_a_date_after_today_is_refused(gwenael, agent, today) -> None:
    with pytest.raises(FollowupError) as error:
        services.payment_record(
            convention=gwenael, amount=Decimal(1), paid_on=today + timedelta(days=1), by=agent
        )
    assert error.value.field == "paid_on"
    assert str(error.value) == (
        "La date du versement (23 novembre 2026) est postérieure à aujourd'hui "
        "(22 novembre 2026) : on n'enregistre que ce qui a eu lieu."
    )


def test_unknown_grant_party_and_body_keys_are_refused_with_the_known_ones(gwenael, agent) -> None:
    with pytest.raises(FollowupError, match="« subvention-2026 »") as error:
        services.payment_record(
            convention=gwenael,
            amount=Decimal(1),
            paid_on=date(2026, 3, 16),
            grant="autre",
            by=agent,
        )
    assert error.value.field == "grant"
    with pytest.raises(FollowupError, match="« ville » \\(Ville de Saint-Gwenaël") as error:
        services.signature_record(
            convention=gwenael, party="cress", signed_on=date(2026, 3, 2), by=agent
        )
    assert error.value.field == "party"
    with pytest.raises(FollowupError, match="instances prévues : « copil »"):
        services.meeting_record(
            convention=gwenael, body="comite", held_on=date(2026, 6, 1), by=agent
        )


def test_overpayment_is_recorded_but_flagged(gwenael, agent) -> None:
    services.payment_record(
        convention=gwenael, amount=Decimal("8750"), paid_on=date(2026, 3, 16), by=agent
    )
    payment = services.payment_record(
        convention=gwenael,
        amount=Decimal("5000"),
        paid_on=date(2026, 11, 2),
        by=agent,
        override_reason="solde avancé à la demande de l'élu",
    )
    # 12 500 € granted for 2026: 13 750 € paid is 1 250 € too much
    assert payment.overpaid == Decimal("1250.00")
    assert "trop-perçu de 1 250,00 €" in journal(gwenael, "payment")[0].summary["description"]


def test_signature_twice_for_a_party_corrects_the_date(gwenael, agent) -> None:
    services.signature_record(
        convention=gwenael, party="ville", signed_on=date(2026, 3, 1), by=agent
    )
    services.signature_record(
        convention=gwenael, party="ville", signed_on=date(2026, 3, 2), by=agent
    )
    assert list(gwenael.signature_records.values_list("signed_on", flat=True)) == [date(2026, 3, 2)]
    assert [e.action for e in journal(gwenael, "signature")] == ["updated", "created"]


def test_document_with_its_file(gwenael, agent, media_root) -> None:
    upload = SimpleUploadedFile("bilan 2026.pdf", PDF, content_type="application/pdf")
    document = services.document_receive(
        convention=gwenael,
        kind=DocumentKind.ACTIVITY_REPORT,
        year=2026,
        received_on=date(2026, 11, 2),
        file=upload,
        by=agent,
    )
    assert document.uploaded_by == agent
    assert (document.file_name, document.content_type, document.size) == (
        "bilan 2026.pdf",
        "application/pdf",
        len(PDF),
    )
    stored = media_root / document.file.name
    assert stored.read_bytes() == PDF
    assert str(stored).startswith(str(media_root))


def test_document_of_the_wrong_type_is_refused_and_nothing_is_stored(
    gwenael, agent, media_root
) -> None:
    upload = SimpleUploadedFile("bilan.exe", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(FollowupError, match="n'est pas d'un type accepté") as error:
        services.document_receive(
            convention=gwenael,
            kind=DocumentKind.ACTIVITY_REPORT,
            received_on=date(2026, 11, 2),
            file=upload,
            by=agent,
        )
    assert error.value.field == "file"
    assert not DocumentReceived.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_meeting_then_its_minutes(gwenael, agent) -> None:
    services.meeting_record(convention=gwenael, body="copil", held_on=date(2026, 10, 6), by=agent)
    with pytest.raises(FollowupError, match="précède la réunion"):
        services.meeting_record(
            convention=gwenael,
            body="copil",
            held_on=date(2026, 10, 6),
            minutes_received_on=date(2026, 10, 1),
            by=agent,
        )
    services.meeting_record(
        convention=gwenael,
        body="copil",
        held_on=date(2026, 10, 6),
        minutes_received_on=date(2026, 10, 20),
        by=agent,
    )
    meeting = Meeting.objects.get()
    assert meeting.minutes_received_on == date(2026, 10, 20)
    assert [e.action for e in journal(gwenael, "meeting")] == ["updated", "created"]


def test_notice_then_its_receipt(gwenael, agent) -> None:
    services.notice_record(convention=gwenael, party="misb", sent_on=date(2026, 11, 3), by=agent)
    with pytest.raises(FollowupError, match="précède son envoi"):
        services.notice_record(
            convention=gwenael,
            party="misb",
            sent_on=date(2026, 11, 3),
            received_on=date(2026, 11, 2),
            by=agent,
        )
    services.notice_record(
        convention=gwenael,
        party="misb",
        sent_on=date(2026, 11, 3),
        received_on=date(2026, 11, 5),
        by=agent,
    )
    assert NoticeSent.objects.get().received_on == date(2026, 11, 5)


def test_termination_needs_a_reason(gwenael, agent) -> None:
    with pytest.raises(FollowupError, match="Indiquez le motif") as error:
        services.termination_record(
            convention=gwenael, terminated_on=date(2026, 11, 1), reason="  ", by=agent
        )
    assert error.value.field == "reason"
    services.termination_record(
        convention=gwenael, terminated_on=date(2026, 11, 1), reason="d'un commun accord", by=agent
    )
    assert Termination.objects.get().reason == "d'un commun accord"


def test_renewal_decision(vere, agent) -> None:
    decision = services.renewal_record(
        convention=vere, decided_on=date(2026, 10, 15), note="Délibération CP-2026-88", by=agent
    )
    assert decision.note == "Délibération CP-2026-88"
    assert (
        journal(vere, "renewal")[0].summary["description"]
        == "Reconduction décidée le 15 octobre 2026"
    )


def test_records_survive_storing_the_convention_again(gwenael, agent) -> None:
    from pacte.conventions.services import convention_store

    services.payment_record(
        convention=gwenael, amount=Decimal("8750"), paid_on=date(2026, 3, 16), by=agent
    )
    services.meeting_record(convention=gwenael, body="copil", held_on=date(2026, 10, 6), by=agent)
    again, created = convention_store(terms=gwenael.to_terms())
    assert not created and again.pk == gwenael.pk
    assert again.payment_records.count() == 1 and again.meeting_records.count() == 1


def test_termination_before_the_start_is_refused(gwenael, agent) -> None:
    with pytest.raises(FollowupError, match="précède le début de la convention") as error:
        services.termination_record(
            convention=gwenael, terminated_on=date(2026, 1, 1), reason="erreur", by=agent
        )
    assert error.value.field == "terminated_on"


def test_a_balance_paid_without_its_documents_needs_a_reason(gwenael, agent) -> None:
    """The balance waits for the committee's PV: paying it is refused, then kept with a reason."""
    services.payment_record(
        convention=gwenael, amount=Decimal("8750"), paid_on=date(2026, 3, 16), by=agent
    )
    with pytest.raises(services.ConditionError, match="Condition non remplie : Solde 2026"):
        services.payment_record(
            convention=gwenael, amount=Decimal("3750"), paid_on=date(2026, 11, 2), by=agent
        )
    assert gwenael.payment_records.count() == 1  # nothing written
    services.payment_record(
        convention=gwenael,
        amount=Decimal("3750"),
        paid_on=date(2026, 11, 2),
        by=agent,
        override_reason="PV transmis par courriel, original à venir",
    )
    entry = journal(gwenael, "payment")[0]
    assert entry.summary["override_reason"] == "PV transmis par courriel, original à venir"
    assert "condition non remplie" in entry.summary["description"]
    assert entry.summary["unmet_conditions"]


def test_a_document_declared_without_its_file_needs_a_reason(gwenael, agent) -> None:
    with pytest.raises(services.FollowupError, match="Joignez le fichier"):
        services.document_receive(
            convention=gwenael,
            kind=DocumentKind.ACTIVITY_REPORT,
            received_on=date(2026, 11, 2),
            by=agent,
            file_required=True,
        )
    services.document_receive(
        convention=gwenael,
        kind=DocumentKind.ACTIVITY_REPORT,
        received_on=date(2026, 11, 2),
        by=agent,
        file_required=True,
        override_reason="remis en main propre",
    )
    assert journal(gwenael, "document")[0].summary["override_reason"] == "remis en main propre"
