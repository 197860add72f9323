"""Writes of the follow-up: one service per thing that happens, each atomic and audited.

Every service refuses bad input with a ``FollowupError`` whose message is French and
names the field, e.g.::

    payment_record(convention=c, amount=Decimal("2800"), paid_on=date(2026, 3, 20), by=agent)

Dates after today are refused: the follow-up records what happened, not what is planned.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.conventions.models import Convention
from pacte.conventions.rows_to_terms import TERMS_PREFETCH
from pacte.conventions.services import ConventionGone, convention_lock
from pacte.followup.calendars import obligations_refresh
from pacte.followup.models import (
    Amendment,
    DocumentReceived,
    HistoryTakeover,
    Meeting,
    NoticeSent,
    Payment,
    RenewalDecision,
    Signature,
    Termination,
)
from pacte.followup.selectors import (
    FOLLOWUP_PREFETCH,
    events_for,
    terms_with_amendments,
)
from pacte.followup.uploads import UploadError, check_upload
from pacte.rules.events import Events
from pacte.rules.events import Payment as RulesPayment
from pacte.rules.obligations import (
    Obligation,
    Takeover,
    balances,
    unmet_conditions,
)
from pacte.rules.obligations import history_takeover as history_takeover_of
from pacte.rules.term import ONE_DAY, start_date
from pacte.terms import Convention as Terms
from pacte.terms import DocumentKind, format_amount_fr, format_date_fr


class FollowupError(ValueError):
    """A record refused; ``field`` names the form field at fault (None: the whole record)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _locked(convention: Convention) -> None:
    """First statement of every record below: lock the convention's row (see
    ``conventions.services.convention_lock``), so that what is checked next (numbers
    taken, amounts already paid) cannot change before the record is stored."""
    try:
        convention_lock(convention)
    except ConventionGone as gone:
        raise FollowupError(str(gone)) from None


def _not_future(day: date, *, field: str, what: str) -> None:
    today = timezone.localdate()
    if day > today:
        raise FollowupError(
            f"{what} ({format_date_fr(day)}) est postérieure à aujourd'hui "
            f"({format_date_fr(today)}) : on n'enregistre que ce qui a eu lieu.",
            field=field,
        )


def _not_before(day: date, earlier: date, *, field: str, what: str, reference: str) -> None:
    if day < earlier:
        raise FollowupError(
            f"{what} ({format_date_fr(day)}) précède {reference} ({format_date_fr(earlier)}).",
            field=field,
        )


def _party(convention: Convention, key: str, *, field: str = "party") -> str:
    names = dict(convention.parties.values_list("key", "organisation__name"))
    if key not in names:
        known = ", ".join(f"« {k} » ({n})" for k, n in names.items())
        raise FollowupError(
            f"La partie « {key} » n'est pas partie à la convention {convention.reference} ; "
            f"parties connues : {known}.",
            field=field,
        )
    return names[key]


def _recorded(
    *,
    object_type: str,
    convention: Convention,
    by: AbstractBaseUser | None,
    description: str,
    created: bool = True,
    **details: Any,
) -> None:
    """What every record ends with: its audit entry, then the convention's stored
    obligations recomputed (a record always changes what is due)."""
    audit_record(
        action=AuditAction.CREATED if created else AuditAction.UPDATED,
        object_type=object_type,
        object_ref=convention.reference,
        by=by,
        summary={"description": description, **details},
    )
    obligations_refresh(convention=convention, on=timezone.localdate())


def _store_file(
    upload: UploadedFile | None, *, field: str
) -> tuple[UploadedFile | None, str, str, int | None]:
    if upload is None:
        return None, "", "", None
    try:
        kind = check_upload(upload)
    except UploadError as error:
        raise FollowupError(str(error), field=field) from None
    return upload, upload.name or "", kind.content_type, upload.size


@transaction.atomic
def signature_record(
    *, convention: Convention, party: str, signed_on: date, by: AbstractBaseUser | None
) -> Signature:
    """Record that ``party`` signed on a date (a second record for it corrects the date)."""
    _locked(convention)
    name = _party(convention, party)
    _not_future(signed_on, field="signed_on", what="La date de signature")
    signature, created = Signature.objects.update_or_create(
        convention=convention,
        party_key=party,
        defaults={"signed_on": signed_on, "recorded_by": by},
    )
    _recorded(
        object_type="signature",
        convention=convention,
        by=by,
        created=created,
        description=f"Signature de {name} le {format_date_fr(signed_on)}",
        party=party,
        signed_on=signed_on.isoformat(),
    )
    return signature


def _grant_key(convention: Convention, grant: str | None) -> str:
    keys = list(convention.grants.values_list("key", flat=True))
    if not keys:
        raise FollowupError(
            f"La convention {convention.reference} ne prévoit aucune subvention : aucun "
            "versement ne peut y être rattaché.",
            field="grant",
        )
    if not grant:
        if len(keys) > 1:
            raise FollowupError(
                "La convention prévoit plusieurs subventions ("
                + ", ".join(f"« {k} »" for k in keys)
                + ") : précisez celle que ce versement concerne.",
                field="grant",
            )
        return keys[0]
    if grant not in keys:
        raise FollowupError(
            f"La subvention « {grant} » n'existe pas dans la convention "
            f"{convention.reference} ; subventions connues : "
            + ", ".join(f"« {k} »" for k in keys)
            + ".",
            field="grant",
        )
    return grant


def _recorded_terms(convention: Convention) -> tuple[Terms, Events]:
    """The convention read afresh (inside the caller's lock): its terms with the avenants
    applied, and everything recorded so far, as the rules take them."""
    fresh = Convention.objects.prefetch_related(*TERMS_PREFETCH, *FOLLOWUP_PREFETCH).get(
        pk=convention.pk
    )
    events = events_for(fresh)
    return terms_with_amendments(fresh, events), events


def _overpaid(convention: Convention, *, grant: str, until: date) -> Decimal:
    terms, events = _recorded_terms(convention)
    for balance in balances(terms, events, until=until):
        if balance.grant == grant:
            return balance.overpaid
    return Decimal(0)


@transaction.atomic
def payment_record(
    *,
    convention: Convention,
    amount: Decimal,
    paid_on: date,
    grant: str | None = None,
    year: int | None = None,
    reference: str = "",
    by: AbstractBaseUser | None,
    override_reason: str = "",
) -> Payment:
    """Record money paid under a grant.

    A payment beyond the amounts expected up to its year is recorded all the same (the
    money has left) but flagged: ``payment.overpaid`` holds the excess.

    A payment that would settle an instalment whose condition is not met (a balance
    « sur présentation du bilan » with no bilan received, an advance « à la signature »
    before the signature) is refused with ``ConditionError``, which names what is
    missing, unless ``override_reason`` says why it is paid anyway; the reason and the
    unmet conditions are kept in the journal.
    """
    _locked(convention)
    if amount <= 0:
        raise FollowupError(
            f"Le montant d'un versement doit être positif (saisi : {format_amount_fr(amount)}).",
            field="amount",
        )
    _not_future(paid_on, field="paid_on", what="La date du versement")
    key = _grant_key(convention, grant)
    if year is not None and not 1990 <= year <= timezone.localdate().year + 10:
        raise FollowupError(
            f"L'année financée {year} n'est pas plausible : indiquez l'année du budget "
            "subventionné (par exemple 2026).",
            field="year",
        )
    unmet = _unmet(convention, key=key, amount=amount, paid_on=paid_on, year=year)
    override_reason = override_reason.strip()
    if unmet and not override_reason:
        raise ConditionError(unmet)
    payment = Payment.objects.create(
        convention=convention,
        grant_key=key,
        year=year,
        amount=amount,
        paid_on=paid_on,
        reference=reference.strip(),
        recorded_by=by,
    )
    until = date(max(year or paid_on.year, paid_on.year), 12, 31)
    excess = min(_overpaid(convention, grant=key, until=until), amount)
    if excess > 0:
        payment.overpaid = excess
        payment.save(update_fields=["overpaid"])
    description = f"Versement de {format_amount_fr(amount)} le {format_date_fr(paid_on)}"
    if excess > 0:
        description += f" (trop-perçu de {format_amount_fr(excess)})"
    if unmet:
        description += f" — condition non remplie, versé quand même : {override_reason}"
    _recorded(
        object_type="payment",
        convention=convention,
        by=by,
        description=description,
        grant=key,
        year=year,
        amount=f"{amount:.2f}",
        paid_on=paid_on.isoformat(),
        reference=payment.reference,
        overpaid=f"{excess:.2f}",
        unmet_conditions=[f"{o.title} : en attente de {o.waiting_for}" for o in unmet],
        override_reason=override_reason if unmet else "",
    )
    return payment


class ConditionError(FollowupError):
    """A payment whose condition is not met, refused until a reason is given (French)."""

    def __init__(self, unmet: list[Obligation]) -> None:
        self.unmet = unmet
        listed = " ; ".join(f"{o.title} attend : {o.waiting_for}" for o in unmet)
        super().__init__(
            f"Condition non remplie : {listed}. Pour enregistrer ce versement quand même, "
            "indiquez pourquoi (raison gardée au journal).",
            field="override_reason",
        )


def _unmet(
    convention: Convention, *, key: str, amount: Decimal, paid_on: date, year: int | None
) -> list[Obligation]:
    """The instalments this payment would settle before their condition is met."""
    terms, events = _recorded_terms(convention)
    payment = RulesPayment(on=paid_on, amount=amount, grant=key, year=year)
    return unmet_conditions(terms, events, payment)


@transaction.atomic
def document_receive(
    *,
    convention: Convention,
    kind: DocumentKind,
    received_on: date,
    year: int | None = None,
    file: UploadedFile | None = None,
    by: AbstractBaseUser | None,
    file_required: bool = False,
    override_reason: str = "",
) -> DocumentReceived:
    """Record a supporting document received, with its file (checked: type and size).

    ``file_required`` (a partner declaring its own document) refuses a declaration
    without the file unless ``override_reason`` says why; the reason goes in the journal.
    """
    _locked(convention)
    kind = DocumentKind(kind)
    override_reason = override_reason.strip()
    if file_required and file is None and not override_reason:
        raise FollowupError(
            f"Joignez le fichier du document « {kind.label} » déclaré reçu, ou indiquez "
            "pourquoi il n'est pas joint (raison gardée au journal).",
            field="file",
        )
    _not_future(received_on, field="received_on", what="La date de réception")
    upload, file_name, content_type, size = _store_file(file, field="file")
    document = DocumentReceived(
        convention=convention,
        kind=kind.value,
        year=year,
        received_on=received_on,
        file_name=file_name,
        content_type=content_type,
        size=size,
        uploaded_by=by,
    )
    if upload is not None:
        document.file.save(upload.name or "document", upload, save=False)
    document.save()
    described = kind.label + (f" {year}" if year else "")
    _recorded(
        object_type="document",
        convention=convention,
        by=by,
        description=f"Document reçu : {described} le {format_date_fr(received_on)}"
        + (f" (fichier « {file_name} »)" if file_name else "")
        + (f" — sans fichier : {override_reason}" if not file_name and override_reason else ""),
        kind=kind.value,
        year=year,
        received_on=received_on.isoformat(),
        file=file_name,
        override_reason=override_reason if not file_name else "",
    )
    return document


@transaction.atomic
def meeting_record(
    *,
    convention: Convention,
    body: str,
    held_on: date,
    minutes_received_on: date | None = None,
    minutes: UploadedFile | None = None,
    by: AbstractBaseUser | None,
) -> Meeting:
    """Record a meeting of a governing body, and its minutes when received.

    Recording the same body and day again completes the meeting (minutes received later).
    """
    _locked(convention)
    names = dict(convention.governing_bodies.values_list("key", "name"))
    if body not in names:
        known = ", ".join(f"« {k} » ({n})" for k, n in names.items()) or "aucune"
        raise FollowupError(
            f"L'instance « {body} » n'existe pas dans la convention {convention.reference} ; "
            f"instances prévues : {known}.",
            field="body",
        )
    _not_future(held_on, field="held_on", what="La date de la réunion")
    if minutes is not None and minutes_received_on is None:
        minutes_received_on = timezone.localdate()
    if minutes_received_on is not None:
        _not_future(
            minutes_received_on, field="minutes_received_on", what="La date de réception du PV"
        )
        _not_before(
            minutes_received_on,
            held_on,
            field="minutes_received_on",
            what="La réception du procès-verbal",
            reference="la réunion",
        )
    upload, file_name, _, _ = _store_file(minutes, field="minutes")
    meeting, created = Meeting.objects.get_or_create(
        convention=convention, body_key=body, held_on=held_on, defaults={"recorded_by": by}
    )
    fields = []
    if minutes_received_on is not None:
        meeting.minutes_received_on = minutes_received_on
        fields.append("minutes_received_on")
    if upload is not None:
        meeting.minutes_file.save(upload.name or "pv", upload, save=False)
        meeting.minutes_file_name = file_name
        fields += ["minutes_file", "minutes_file_name"]
    if fields:
        meeting.save(update_fields=fields)
    description = f"Réunion du {names[body]} le {format_date_fr(held_on)}"
    if minutes_received_on:
        description += f", procès-verbal reçu le {format_date_fr(minutes_received_on)}"
    _recorded(
        object_type="meeting",
        convention=convention,
        by=by,
        created=created,
        description=description,
        body=body,
        held_on=held_on.isoformat(),
        minutes_received_on=minutes_received_on.isoformat() if minutes_received_on else None,
        file=file_name,
    )
    return meeting


@transaction.atomic
def notice_record(
    *,
    convention: Convention,
    party: str,
    sent_on: date,
    received_on: date | None = None,
    by: AbstractBaseUser | None,
) -> NoticeSent:
    """Record a termination letter; it takes effect from its receipt (date of the AR).

    Recording the same party and sending day again adds the date of receipt.
    """
    _locked(convention)
    name = _party(convention, party)
    _not_future(sent_on, field="sent_on", what="La date d'envoi")
    if received_on is not None:
        _not_future(received_on, field="received_on", what="La date de réception")
        _not_before(
            received_on,
            sent_on,
            field="received_on",
            what="La réception de la lettre",
            reference="son envoi",
        )
    notice, created = NoticeSent.objects.get_or_create(
        convention=convention, party_key=party, sent_on=sent_on, defaults={"recorded_by": by}
    )
    if received_on is not None and notice.received_on != received_on:
        notice.received_on = received_on
        notice.save(update_fields=["received_on"])
    description = f"Lettre de dénonciation de {name} envoyée le {format_date_fr(sent_on)}"
    if received_on:
        description += f", reçue le {format_date_fr(received_on)}"
    _recorded(
        object_type="notice",
        convention=convention,
        by=by,
        created=created,
        description=description,
        party=party,
        sent_on=sent_on.isoformat(),
        received_on=received_on.isoformat() if received_on else None,
    )
    return notice


@transaction.atomic
def renewal_record(
    *, convention: Convention, decided_on: date, note: str = "", by: AbstractBaseUser | None
) -> RenewalDecision:
    """Record an express renewal decided on a date: a new period follows the current one."""
    _locked(convention)
    _not_future(decided_on, field="decided_on", what="La date de la décision")
    decision = RenewalDecision.objects.create(
        convention=convention, decided_on=decided_on, note=note.strip(), recorded_by=by
    )
    _recorded(
        object_type="renewal",
        convention=convention,
        by=by,
        description=f"Reconduction décidée le {format_date_fr(decided_on)}",
        decided_on=decided_on.isoformat(),
        note=decision.note,
    )
    return decision


@transaction.atomic
def termination_record(
    *, convention: Convention, terminated_on: date, reason: str, by: AbstractBaseUser | None
) -> Termination:
    """Record the early end of a convention (a second record corrects it)."""
    _locked(convention)
    reason = reason.strip()
    if not reason:
        raise FollowupError(
            "Indiquez le motif de la résiliation (par exemple « d'un commun accord »).",
            field="reason",
        )
    _not_future(terminated_on, field="terminated_on", what="La date de résiliation")
    start = start_date(convention.to_terms(), events_for(convention))
    if start is not None:
        _not_before(
            terminated_on,
            start,
            field="terminated_on",
            what="La date de résiliation",
            reference="le début de la convention",
        )
    termination, created = Termination.objects.update_or_create(
        convention=convention,
        defaults={"terminated_on": terminated_on, "reason": reason, "recorded_by": by},
    )
    _recorded(
        object_type="termination",
        convention=convention,
        by=by,
        created=created,
        description=f"Résiliation au {format_date_fr(terminated_on)} : {reason}",
        terminated_on=terminated_on.isoformat(),
        reason=reason,
    )
    return termination


@transaction.atomic
def amendment_record(
    *,
    convention: Convention,
    signed_on: date,
    summary: str,
    number: int | None = None,
    grant: str | None = None,
    year: int | None = None,
    amount: Decimal | None = None,
    ends_on: date | None = None,
    file: UploadedFile | None = None,
    by: AbstractBaseUser | None,
) -> Amendment:
    """Record a signed avenant: a grant's new amount for a year and/or a new end date.

    The rules read it at once (``terms_with_amendments``). ``number`` defaults to the
    next one; recording the same number again is refused (an avenant is not rewritten).
    """
    _locked(convention)
    summary = summary.strip()
    if not summary:
        raise FollowupError(
            "Indiquez l'objet de l'avenant (par exemple « montant 2026 porté à 15 000 € »).",
            field="summary",
        )
    if amount is None and ends_on is None:
        raise FollowupError(
            "Un avenant enregistré ici change le montant d'une subvention ou la date de fin : "
            "indiquez l'un ou l'autre.",
            field=None,
        )
    _not_future(signed_on, field="signed_on", what="La date de signature de l'avenant")
    terms, events = _recorded_terms(convention)
    key = ""
    if amount is not None:
        if amount <= 0:
            raise FollowupError(
                f"Le nouveau montant doit être positif (saisi : {format_amount_fr(amount)}).",
                field="amount",
            )
        key = _grant_key(convention, grant)
        listed = next(g for g in terms.grants if g.key == key).years
        if year is None and len(listed) == 1:
            year = listed[0].year
        if year is None:
            raise FollowupError(
                "Précisez l'année budgétaire dont le montant change (par exemple 2026).",
                field="year",
            )
        if not 1990 <= year <= timezone.localdate().year + 10:
            raise FollowupError(
                f"L'année {year} n'est pas plausible : indiquez l'année du budget subventionné.",
                field="year",
            )
    if ends_on is not None:
        start = start_date(terms, events)
        if start is not None:
            _not_before(
                ends_on,
                start,
                field="ends_on",
                what="La nouvelle date de fin",
                reference="le début de la convention",
            )
    taken = set(convention.amendment_records.values_list("number", flat=True))
    number = number or max(taken, default=0) + 1
    if number in taken:
        raise FollowupError(
            f"L'avenant n° {number} est déjà enregistré pour la convention {convention.reference}.",
            field="number",
        )
    upload, file_name, _, _ = _store_file(file, field="file")
    amendment = Amendment(
        convention=convention,
        number=number,
        signed_on=signed_on,
        summary=summary,
        grant_key=key,
        year=year if amount is not None else None,
        amount=amount,
        ends_on=ends_on,
        file_name=file_name,
        recorded_by=by,
    )
    if upload is not None:
        amendment.file.save(upload.name or "avenant", upload, save=False)
    amendment.save()
    changes = []
    if amount is not None:
        changes.append(f"subvention « {key} » {year} portée à {format_amount_fr(amount)}")
    if ends_on is not None:
        changes.append(f"fin au {format_date_fr(ends_on)}")
    _recorded(
        object_type="amendment",
        convention=convention,
        by=by,
        description=f"Avenant n° {number} signé le {format_date_fr(signed_on)} : "
        + ", ".join(changes),
        number=number,
        signed_on=signed_on.isoformat(),
        summary=summary,
        grant=key,
        year=amendment.year,
        amount=f"{amount:.2f}" if amount is not None else None,
        ends_on=ends_on.isoformat() if ends_on else None,
        file=file_name,
    )
    return amendment


TAKEOVER_REFERENCE = "reprise d'historique"
"""The reference of the payments a reprise d'historique records."""


def history_takeover_preview(*, convention: Convention, on: date) -> Takeover:
    """What ``history_takeover`` would settle on ``on`` (nothing is written)."""
    terms, events = _recorded_terms(convention)
    return history_takeover_of(terms, events, on)


@transaction.atomic
def history_takeover(*, convention: Convention, on: date, by: AbstractBaseUser | None) -> Takeover:
    """Take over a running or finished convention with its past (reprise d'historique).

    Every obligation due before ``on`` is settled: the past payments are recorded as paid
    on their due date (reference « reprise d'historique »), the rest is deemed met
    (``Events.settled_until``); what is due from ``on`` stays open. Done once per
    convention; the journal keeps what was settled.
    """
    locked = Convention.objects.select_for_update().get(pk=convention.pk)
    if HistoryTakeover.objects.filter(convention=locked).exists():
        raise FollowupError(
            f"La reprise d'historique de la convention {locked.reference} a déjà été faite.",
            field="until",
        )
    _not_future(on, field="until", what="La date de reprise")
    takeover = history_takeover_preview(convention=locked, on=on)
    HistoryTakeover.objects.create(convention=locked, until=on - ONE_DAY, recorded_by=by)
    for item in takeover.payments:
        Payment.objects.create(
            convention=locked,
            grant_key=item.grant or "",
            amount=item.amount or Decimal(0),
            paid_on=item.due or on,
            reference=TAKEOVER_REFERENCE,
            recorded_by=by,
        )
    _recorded(
        object_type="convention",
        convention=locked,
        by=by,
        description=(
            f"Reprise d'historique au {format_date_fr(on)} : {len(takeover.deemed)} "
            f"obligation(s) réputée(s) faite(s), {len(takeover.payments)} versement(s) "
            f"passé(s) enregistré(s) pour {format_amount_fr(takeover.amount)}"
        ),
        created=False,
        until=(on - ONE_DAY).isoformat(),
        deemed=[o.title for o in takeover.deemed],
        payments=[f"{o.title} le {o.due}" for o in takeover.payments],
    )
    return takeover
