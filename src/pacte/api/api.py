"""``/api/v1/``: conventions, obligations, payments, documents, events, by bearer token.

Permissions are those of the screens: a convention outside ``conventions_visible_to``
is « introuvable » (404, its existence is not revealed); a write the role may not make
(``actions_allowed``) is refused (403); every write is one follow-up service call.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Query, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

try:  # django-ninja >= 1.5: a (status, body) tuple is deprecated
    from ninja import Status
except ImportError:  # pragma: no cover

    def Status(code: int, body: Any) -> Any:
        return code, body


from pacte.accounts.selectors import actions_allowed, conventions_visible_to
from pacte.api import schemas as s
from pacte.api.services import user_for_api_token
from pacte.conventions.models import Convention
from pacte.conventions.rows_to_terms import TERMS_PREFETCH
from pacte.conventions.selectors import convention_list
from pacte.followup import services
from pacte.followup.models import DocumentReceived, Payment
from pacte.followup.selectors import (
    FOLLOWUP_PREFETCH,
    events_for,
    obligations_for,
    terms_with_amendments,
)
from pacte.followup.services import calendars_ensure
from pacte.rules.facts import grant_figures, grants_total, term_dates
from pacte.rules.obligations import Obligation
from pacte.rules.term import state_on
from pacte.terms import PartyRole

AHEAD = timedelta(days=90)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer pacte_…``: the token's user, or None (401)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="API de Pacte",
    version="1",
    description="Conventions de partenariat, obligations et suivi, avec les droits des écrans.",
    auth=TokenAuth(),
    urls_namespace="api",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(
        request,
        {"detail": "Authentification requise : jeton d'API absent, inconnu ou révoqué."},
        status=401,
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Introuvable."}, status=404)


@api.exception_handler(services.FollowupError)
def _refused(request, exc):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "date_from_datetime_parsing": "Date invalide : attendu AAAA-MM-JJ.",
    "date_parsing": "Date invalide : attendu AAAA-MM-JJ.",
    "date_type": "Date invalide : attendu AAAA-MM-JJ.",
    "decimal_parsing": "Montant invalide : attendu un nombre, par exemple 1500.00.",
    "decimal_type": "Montant invalide : attendu un nombre, par exemple 1500.00.",
    "int_parsing": "Nombre entier attendu.",
    "int_type": "Nombre entier attendu.",
    "string_type": "Texte attendu.",
    "json_invalid": "Corps de la requête illisible : JSON attendu.",
}


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = []
    for error in exc.errors:
        loc = [
            str(part) for part in error.get("loc", ()) if part not in ("body", "query", "payload")
        ]
        errors.append(
            {
                "field": ".".join(loc) or None,
                "message": MESSAGES.get(error.get("type", ""), "Valeur invalide."),
            }
        )
    first = errors[0] if errors else {"field": None, "message": "Données invalides."}
    return api.create_response(
        request,
        {
            "detail": f"Données invalides : {first['message']}",
            "field": first["field"],
            "errors": errors,
        },
        status=422,
    )


# -- reads -------------------------------------------------------------------------------


def _visible(request: HttpRequest, reference: str, *prefetch: str) -> Convention:
    convention = (
        conventions_visible_to(request.user)
        .prefetch_related(*prefetch)
        .filter(reference=reference)
        .first()
    )
    if convention is None:
        raise Http404(f"Aucune convention de référence « {reference} ».")
    return convention


def _may(request: HttpRequest, action: str) -> None:
    if action not in actions_allowed(request.user):
        raise HttpError(403, "Votre rôle ne permet pas cet enregistrement (lecture seule).")


def _summary(convention: Convention) -> dict[str, Any]:
    """A convention's line: its start, end and grants' total are the stored figures the
    rules computed (``rules.facts``, avenants applied), as the Registre shows them."""
    parties = list(convention.parties.all())
    figures = getattr(convention, "stored_figures", None)
    return {
        "reference": convention.reference,
        "title": convention.title,
        "authorities": [
            p.organisation.name for p in parties if p.role == PartyRole.PUBLIC_AUTHORITY
        ],
        "partners": [p.organisation.name for p in parties if p.role != PartyRole.PUBLIC_AUTHORITY],
        "signed_on": convention.signed_on,
        "start": figures.start if figures else convention.term_start,
        "end": figures.end if figures else convention.term_end,
        "renewal": convention.renewal_kind or "",
        "amount": figures.amount if figures else None,
    }


def _obligation(reference: str, item: Obligation) -> dict[str, Any]:
    return {
        "convention": reference,
        "kind": item.kind.value,
        "kind_label": item.kind.label,
        "title": item.title,
        "due": item.due,
        "act_by": item.act_by,
        "amount": item.amount,
        "party": item.party,
        "status": item.status.value,
        "status_label": item.status.label,
        "reason": str(item.reason),
        "done_on": item.done_on,
        "waiting_for": item.waiting_for,
    }


def _window(on: date | None, until: date | None) -> tuple[date, date]:
    on = on or timezone.localdate()
    return on, until or on + AHEAD


conventions = Router(tags=["conventions"])


@conventions.get("/", response=list[s.ConventionOut], summary="Conventions visibles")
@paginate(LimitOffsetPagination)
def convention_index(request: HttpRequest):
    visible = conventions_visible_to(request.user)
    calendars_ensure(visible, on=timezone.localdate(), ahead=timedelta(0))
    return [
        _summary(c)
        for c in convention_list()
        .filter(pk__in=visible.values("pk"))
        .select_related("stored_figures")
        .order_by("reference")
    ]


@conventions.get(
    "/{reference}", response={200: s.ConventionDetail, 404: s.Error}, summary="Une convention"
)
def convention_detail(request: HttpRequest, reference: str):
    convention = _visible(request, reference, *TERMS_PREFETCH, *FOLLOWUP_PREFETCH)
    events = events_for(convention)
    terms = terms_with_amendments(convention, events)  # the avenants signed apply
    state, _ = state_on(terms, events, timezone.localdate())
    figures = grant_figures(terms, events)
    dates = term_dates(terms, events)
    grants = [
        {
            "key": g.key,
            "total": g.total,
            "annual": g.annual,
            "years": [{"year": y.year, "amount": y.amount, "how": y.how} for y in g.years],
        }
        for g in figures
    ]
    return {
        **_summary(convention),
        # the figures of the rules, avenants applied (the same functions as everywhere)
        "start": dates.start,
        "end": dates.end,
        "amount": grants_total(figures),
        "kind": convention.kind,
        "state": state.value,
        "state_label": state.label,
        "parties": [
            {
                "key": p.key,
                "role": p.role,
                "name": p.organisation.name,
                "siret": p.organisation.siret or "",
            }
            for p in convention.parties.all()
        ],
        "grants": grants,
    }


@conventions.get(
    "/{reference}/obligations",
    response={200: list[s.ObligationOut], 404: s.Error},
    summary="Obligations d'une convention",
)
def convention_obligations(
    request: HttpRequest, reference: str, on: date | None = None, until: date | None = None
):
    convention = _visible(request, reference)
    on, until = _window(on, until)
    calendar = obligations_for(Convention.objects.filter(pk=convention.pk), on=on, until=until)
    return [_obligation(reference, o) for c in calendar for o in c.obligations]


@conventions.get(
    "/{reference}/payments",
    response={200: list[s.PaymentOut], 404: s.Error},
    summary="Versements enregistrés",
)
def convention_payments(request: HttpRequest, reference: str):
    convention = _visible(request, reference)
    return [_payment(reference, p) for p in convention.payment_records.order_by("paid_on", "pk")]


def _payment(reference: str, p: Payment) -> dict[str, Any]:
    return {
        "id": p.pk,
        "convention": reference,
        "grant": p.grant_key,
        "year": p.year,
        "amount": p.amount,
        "paid_on": p.paid_on,
        "reference": p.reference,
        "overpaid": p.overpaid,
    }


@conventions.post(
    "/{reference}/payments",
    response={201: s.PaymentOut, 400: s.Error, 403: s.Error, 404: s.Error},
    summary="Enregistrer un versement (agent)",
)
def convention_payment_add(request: HttpRequest, reference: str, payload: s.PaymentIn):
    convention = _visible(request, reference)
    _may(request, "payment")
    payment = services.payment_record(
        convention=convention,
        amount=payload.amount,
        paid_on=payload.paid_on,
        grant=payload.grant,
        year=payload.year,
        reference=payload.reference,
        by=request.user,
    )
    return Status(201, _payment(reference, payment))


def _document(reference: str, d: DocumentReceived) -> dict[str, Any]:
    return {
        "id": d.pk,
        "convention": reference,
        "kind": d.kind,
        "kind_label": d.get_kind_display(),
        "year": d.year,
        "received_on": d.received_on,
        "file_name": d.file_name,
    }


@conventions.get(
    "/{reference}/documents",
    response={200: list[s.DocumentOut], 404: s.Error},
    summary="Documents reçus",
)
def convention_documents(request: HttpRequest, reference: str):
    convention = _visible(request, reference)
    return [
        _document(reference, d) for d in convention.document_records.order_by("received_on", "pk")
    ]


def _event(reference: str, kind: str, pk: int, on: date, detail: str) -> dict[str, Any]:
    return {"id": pk, "convention": reference, "kind": kind, "on": on, "detail": detail}


@conventions.get(
    "/{reference}/events", response={200: s.EventsOut, 404: s.Error}, summary="Événements"
)
def convention_events(request: HttpRequest, reference: str):
    c = _visible(request, reference, *FOLLOWUP_PREFETCH)
    ref = reference
    try:
        end = c.termination_record
        termination = _event(ref, "termination", end.pk, end.terminated_on, end.reason)
    except Convention.termination_record.RelatedObjectDoesNotExist:
        termination = None
    return {
        "signatures": [
            _event(ref, "signature", x.pk, x.signed_on, x.party_key)
            for x in c.signature_records.all()
        ],
        "payments": [
            _event(ref, "payment", x.pk, x.paid_on, f"{x.amount} ({x.grant_key})")
            for x in c.payment_records.all()
        ],
        "documents": [
            _event(ref, "document", x.pk, x.received_on, x.kind) for x in c.document_records.all()
        ],
        "meetings": [
            _event(ref, "meeting", x.pk, x.held_on, x.body_key) for x in c.meeting_records.all()
        ],
        "notices": [
            _event(ref, "notice", x.pk, x.sent_on, x.party_key) for x in c.notice_records.all()
        ],
        "renewals": [
            _event(ref, "renewal", x.pk, x.decided_on, x.note) for x in c.renewal_records.all()
        ],
        "termination": termination,
    }


WRITE = {201: s.EventOut, 400: s.Error, 403: s.Error, 404: s.Error}


@conventions.post("/{reference}/events/signature", response=WRITE, summary="Signature")
def event_signature(request: HttpRequest, reference: str, payload: s.SignatureIn):
    convention = _visible(request, reference)
    _may(request, "signature")
    x = services.signature_record(
        convention=convention, party=payload.party, signed_on=payload.signed_on, by=request.user
    )
    return Status(201, _event(reference, "signature", x.pk, x.signed_on, x.party_key))


@conventions.post("/{reference}/events/meeting", response=WRITE, summary="Réunion d'instance")
def event_meeting(request: HttpRequest, reference: str, payload: s.MeetingIn):
    convention = _visible(request, reference)
    _may(request, "meeting")
    x = services.meeting_record(
        convention=convention,
        body=payload.body,
        held_on=payload.held_on,
        minutes_received_on=payload.minutes_received_on,
        by=request.user,
    )
    return Status(201, _event(reference, "meeting", x.pk, x.held_on, x.body_key))


@conventions.post("/{reference}/events/notice", response=WRITE, summary="Lettre de dénonciation")
def event_notice(request: HttpRequest, reference: str, payload: s.NoticeIn):
    convention = _visible(request, reference)
    _may(request, "notice")
    x = services.notice_record(
        convention=convention,
        party=payload.party,
        sent_on=payload.sent_on,
        received_on=payload.received_on,
        by=request.user,
    )
    return Status(201, _event(reference, "notice", x.pk, x.sent_on, x.party_key))


@conventions.post("/{reference}/events/renewal", response=WRITE, summary="Reconduction décidée")
def event_renewal(request: HttpRequest, reference: str, payload: s.RenewalIn):
    convention = _visible(request, reference)
    _may(request, "renewal")
    x = services.renewal_record(
        convention=convention, decided_on=payload.decided_on, note=payload.note, by=request.user
    )
    return Status(201, _event(reference, "renewal", x.pk, x.decided_on, x.note))


obligations = Router(tags=["obligations"])


class Window(s.Schema):
    on: date | None = None
    until: date | None = None


@obligations.get(
    "/", response=list[s.ObligationOut], summary="Obligations de toutes les conventions"
)
def obligation_index(request: HttpRequest, window: Query[Window]):
    on, until = _window(window.on, window.until)
    calendar = obligations_for(conventions_visible_to(request.user), on=on, until=until)
    return [_obligation(c.convention.reference, o) for c in calendar for o in c.obligations]


api.add_router("/conventions", conventions)
api.add_router("/obligations", obligations)
