"""The follow-up actions offered on a convention page: form, service call, success message.

Each action is one service of ``pacte.followup.services``; the message tells in French
what was recorded (and warns of an overpayment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pacte.accounts.selectors import is_partner
from pacte.conventions.models import Convention
from pacte.followup import services
from pacte.terms import DocumentKind, format_amount_fr, format_date_fr
from pacte.web.forms import followup as forms

Service = Callable[[Convention, dict[str, Any], Any], str]
"""Calls one service with the cleaned data and the user; returns the success message."""


def _signature(convention: Convention, data: dict[str, Any], user: Any) -> str:
    services.signature_record(
        convention=convention, party=data["party"], signed_on=data["signed_on"], by=user
    )
    return f"Signature du {format_date_fr(data['signed_on'])} enregistrée."


def _payment(convention: Convention, data: dict[str, Any], user: Any) -> str:
    payment = services.payment_record(
        convention=convention,
        grant=data["grant"],
        amount=data["amount"],
        paid_on=data["paid_on"],
        year=data["year"],
        reference=data["reference"],
        by=user,
        override_reason=data.get("override_reason") or "",
    )
    message = f"Versement de {format_amount_fr(payment.amount)} du {format_date_fr(payment.paid_on)} enregistré."
    if payment.overpaid > 0:
        message += (
            f" Attention : il dépasse de {format_amount_fr(payment.overpaid)} les montants "
            "prévus à ce jour (trop-perçu à réclamer ou à régulariser)."
        )
    return message


def _document(convention: Convention, data: dict[str, Any], user: Any) -> str:
    document = services.document_receive(
        convention=convention,
        kind=DocumentKind(data["kind"]),
        year=data["year"],
        received_on=data["received_on"],
        file=data["file"] or None,
        by=user,
        file_required=is_partner(user),
        override_reason=data.get("override_reason") or "",
    )
    return f"Document enregistré : {document.get_kind_display()} reçu le {format_date_fr(document.received_on)}."


def _meeting(convention: Convention, data: dict[str, Any], user: Any) -> str:
    services.meeting_record(
        convention=convention,
        body=data["body"],
        held_on=data["held_on"],
        minutes_received_on=data["minutes_received_on"],
        minutes=data["minutes"] or None,
        by=user,
    )
    return f"Réunion du {format_date_fr(data['held_on'])} enregistrée."


def _notice(convention: Convention, data: dict[str, Any], user: Any) -> str:
    services.notice_record(
        convention=convention,
        party=data["party"],
        sent_on=data["sent_on"],
        received_on=data["received_on"],
        by=user,
    )
    return "Lettre de dénonciation enregistrée." + (
        ""
        if data["received_on"]
        else " Indiquez la date de l'avis de réception dès que vous l'aurez : la dénonciation compte à partir de sa réception."
    )


def _renewal(convention: Convention, data: dict[str, Any], user: Any) -> str:
    services.renewal_record(
        convention=convention, decided_on=data["decided_on"], note=data["note"], by=user
    )
    return f"Reconduction décidée le {format_date_fr(data['decided_on'])} enregistrée."


def _termination(convention: Convention, data: dict[str, Any], user: Any) -> str:
    services.termination_record(
        convention=convention,
        terminated_on=data["terminated_on"],
        reason=data["reason"],
        by=user,
    )
    return f"Résiliation au {format_date_fr(data['terminated_on'])} enregistrée."


def _amendment(convention: Convention, data: dict[str, Any], user: Any) -> str:
    amendment = services.amendment_record(
        convention=convention,
        number=data["number"],
        signed_on=data["signed_on"],
        summary=data["summary"],
        grant=data["grant"] or None,
        year=data["year"],
        amount=data["amount"],
        ends_on=data["ends_on"],
        file=data["file"] or None,
        by=user,
    )
    return (
        f"Avenant n° {amendment.number} du {format_date_fr(amendment.signed_on)} enregistré : "
        "les obligations en tiennent compte."
    )


@dataclass(frozen=True)
class Action:
    key: str
    slug: str
    title: str
    form: type[forms.FollowupForm]
    call: Service


ACTIONS = (
    Action("signature", "signature", "Signature", forms.SignatureForm, _signature),
    Action("payment", "versement", "Versement effectué", forms.PaymentForm, _payment),
    Action("document", "document", "Document reçu", forms.DocumentForm, _document),
    Action("meeting", "reunion", "Réunion d'instance", forms.MeetingForm, _meeting),
    Action("notice", "denonciation", "Lettre de dénonciation", forms.NoticeForm, _notice),
    Action("renewal", "reconduction", "Reconduction décidée", forms.RenewalForm, _renewal),
    Action("termination", "resiliation", "Résiliation", forms.TerminationForm, _termination),
    Action("amendment", "avenant", "Avenant", forms.AmendmentForm, _amendment),
)
BY_SLUG = {action.slug: action for action in ACTIONS}
