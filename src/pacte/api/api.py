"""``/api/v1/``: conventions, obligations, payments, documents, events, by bearer token.

Permissions are those of the screens: a convention outside ``conventions_visible_to``
is « introuvable » (404, its existence is not revealed); a write the role may not make
(``actions_allowed``) is refused (403); every write is one follow-up service call.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.serializers.json import DjangoJSONEncoder
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


from pacte.accounts.selectors import (
    actions_allowed,
    convention_visible_to,
    conventions_visible_to,
    is_admin,
    membership_of,
)
from pacte.api import schemas as s
from pacte.api.calls import router as calls_router
from pacte.api.services import (
    IdempotencyRefused,
    idempotency_key_check,
    idempotent_call,
    request_hash,
    user_for_api_token,
)
from pacte.calls.checks import CallError
from pacte.conventions.models import Convention
from pacte.followup import services
from pacte.followup.models import DocumentReceived, Payment
from pacte.followup.selectors import (
    convention_with_followup,
    events_for,
    followup_relations,
    obligations_for,
    records_in_order,
    terms_with_amendments,
)
from pacte.followup.selectors.register import register_export_rows
from pacte.observation import selectors as observation
from pacte.observatory.errors import ObservatoryError
from pacte.rules.facts import grant_figures, grants_total, term_dates
from pacte.rules.obligations import Obligation
from pacte.rules.term import state_on
from pacte.terms import PartyRole

AHEAD = timedelta(days=90)
REFERENCE_MAX = Convention._meta.get_field("reference").max_length or 60


class TokenAuth(HttpBearer):
    """``Authorization: Bearer pacte_…``: the token's user, or None (401)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        _size_checked(request)
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


def _limit_mb() -> str:
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "") + " Mo"


def _size_checked(request: HttpRequest) -> None:
    """A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused (413) before it is read."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError(400, "En-tête Content-Length invalide.") from None
    if limit is not None and length > limit:
        raise HttpError(
            413,
            f"Corps de la requête trop volumineux : {_limit_mb()} au plus (reçu {length} octets).",
        )


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


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return api.create_response(
        request,
        {"detail": f"Corps de la requête trop volumineux : {_limit_mb()} au plus."},
        status=413,
    )


ENGLISH = {
    "Cannot parse request body": "Corps de la requête illisible : JSON en UTF-8 attendu.",
    "Method not allowed": "Méthode non permise.",
}


@api.exception_handler(HttpError)
def _http_error(request, exc):
    message = str(exc)
    if message.startswith("Cannot parse request body"):
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return _too_big(request, exc)
        message = ENGLISH["Cannot parse request body"]
    return api.create_response(
        request, {"detail": ENGLISH.get(message, message)}, status=exc.status_code
    )


@api.exception_handler(IdempotencyRefused)
def _idempotency_refused(request, exc):
    return api.create_response(
        request, {"detail": exc.message, "field": "Idempotency-Key"}, status=exc.status
    )


@api.exception_handler(CallError)
def _call_refused(request, exc):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(services.FollowupError)
def _refused(request, exc):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "date_from_datetime_parsing": "Date invalide : attendu AAAA-MM-JJ.",
    "date_from_datetime_inexact": "Date invalide : attendu AAAA-MM-JJ, sans heure.",
    "date_parsing": "Date invalide : attendu AAAA-MM-JJ.",
    "date_type": "Date invalide : attendu AAAA-MM-JJ.",
    "decimal_parsing": "Montant invalide : attendu un nombre, par exemple 1500.00.",
    "decimal_type": "Montant invalide : attendu un nombre, par exemple 1500.00.",
    "finite_number": "Montant invalide : attendu un nombre fini, par exemple 1500.00.",
    "decimal_max_digits": "Montant trop long : moins de 100 milliards d'euros attendu.",
    "decimal_whole_digits": "Montant trop long : moins de 100 milliards d'euros attendu.",
    "decimal_max_places": "Montant invalide : deux décimales au plus (les centimes).",
    "int_parsing": "Nombre entier attendu.",
    "int_parsing_size": "Nombre entier trop grand.",
    "int_type": "Nombre entier attendu.",
    "int_from_float": "Nombre entier attendu, sans décimales.",
    "string_type": "Texte attendu.",
    "string_unicode": "Texte invalide : ce n'est pas de l'Unicode valide.",
    "json_invalid": "Corps de la requête illisible : JSON attendu.",
    "model_attributes_type": "Objet JSON attendu.",
    "dict_type": "Objet JSON attendu.",
    "list_type": "Liste attendue.",
}


def _message(error: dict[str, Any]) -> str:
    """A pydantic error in French, with the bound it breaks when there is one."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "value_error":  # the validators of ``schemas``: their message is French
        message = str(ctx.get("error", "valeur invalide"))
        return message[:1].upper() + message[1:] + "."
    if kind == "string_too_long":
        return f"Texte trop long : {ctx.get('max_length')} caractères au plus."
    if kind in ("less_than", "less_than_equal"):
        bound = ctx.get("lt", ctx.get("le"))
        return f"Valeur trop grande : elle doit être inférieure à {_number_fr(bound)}."
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        return f"Valeur trop petite : elle doit être supérieure à {_number_fr(bound)}."
    return MESSAGES.get(kind, "Valeur invalide.")


def _number_fr(value: Any) -> str:
    """>>> _number_fr(Decimal(10) ** 11)
    '100 000 000 000'
    """
    try:
        return f"{int(value):,}".replace(",", " ")
    except (TypeError, ValueError):
        return str(value)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        while len(loc) > 1 and loc[0] in ("body", "query", "payload", "path", "window"):
            loc.pop(0)  # where ninja read it, not the field's name
        if loc and loc[0] in ("body", "payload") and len(error.get("loc", ())) == 1:
            loc = []
        errors.append({"field": ".".join(loc) or None, "message": _message(error)})
    first = errors[0] if errors else {"field": None, "message": "Données invalides."}
    where = f" (champ « {first['field']} »)" if first["field"] else ""
    return api.create_response(
        request,
        {
            "detail": f"Données invalides{where} : {first['message']}",
            "field": first["field"],
            "errors": errors,
        },
        status=422,
    )


# -- writes: idempotency -----------------------------------------------------------------

IDEMPOTENCY_DOC = {
    "parameters": [
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": False,
            "description": "Clé choisie par le client (un UUID par exemple) : une requête "
            "renvoyée avec la même clé et le même corps reçoit la même réponse, sans "
            "second enregistrement.",
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
        }
    ]
}


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    """A write endpoint that honours the ``Idempotency-Key`` header.

    Without the header the write runs as usual. With it, the first request runs and its
    answer is stored with the key; a retry with the same key and the same body gets that
    answer again and writes nothing; the same key
    with another body or address is refused (422).
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, reference: str, payload: s.Schema) -> Any:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(request, reference, payload)
        idempotency_key_check(key)
        endpoint = f"{request.method} {request.path}"[:255]
        digest = request_hash(endpoint, payload.model_dump(mode="json"))

        def call() -> tuple[int, Any]:
            answer = view(request, reference, payload)
            body = json.loads(json.dumps(answer.value, cls=DjangoJSONEncoder))
            return answer.status_code, body

        status, body, _ = idempotent_call(
            user=request.user, key=key, endpoint=endpoint, digest=digest, call=call
        )
        return Status(status, body)

    return wrapper


# -- reads -------------------------------------------------------------------------------


def _visible(request: HttpRequest, reference: str, *prefetch: str) -> Convention:
    try:
        s.plain_text(reference)
    except ValueError:
        raise Http404("Aucune convention de cette référence (caractères invalides).") from None
    if len(reference) > REFERENCE_MAX:
        raise Http404(f"Aucune convention de cette référence ({REFERENCE_MAX} caractères au plus).")
    convention = convention_visible_to(request.user, reference, *prefetch)
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
        "status_label": item.status_label,
        "reason": str(item.reason),
        "done_on": item.done_on,
        "waiting_for": item.waiting_for,
    }


def _window(on: date | None, until: date | None) -> tuple[date, date]:
    on = on or timezone.localdate()
    return on, until or on + AHEAD


class _Page:
    """A queryset seen as a sequence of ``shown(row)``: the pagination counts it in the
    database and reads only the rows of the page asked (``[offset:offset + limit]``)."""

    def __init__(self, queryset: Any, shown: Callable[[Any], dict[str, Any]]) -> None:
        self.queryset, self.shown = queryset, shown

    def __len__(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        # an offset past what the databases count in (64-bit integers) is simply past the
        # end: the page is empty, not an error
        start, stop = (
            min(v, _LAST_ROW) if v is not None else None for v in (window.start, window.stop)
        )
        return [self.shown(row) for row in self.queryset[start:stop]]


_LAST_ROW = 2**62


conventions = Router(tags=["conventions"])


@conventions.get("/", response=list[s.ConventionOut], summary="Conventions visibles")
@paginate(LimitOffsetPagination)
def convention_index(request: HttpRequest):
    visible = conventions_visible_to(request.user)
    return _Page(register_export_rows(visible, ("reference",)), _summary)


@conventions.get(
    "/{reference}", response={200: s.ConventionDetail, 404: s.Error}, summary="Une convention"
)
def convention_detail(request: HttpRequest, reference: str):
    convention = _visible(request, reference, *followup_relations())
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
    request: HttpRequest, reference: str, on: s.Day | None = None, until: s.Day | None = None
):
    convention = _visible(request, reference)
    on, until = _window(on, until)
    calendar = obligations_for([convention_with_followup(convention.pk)], on=on, until=until)
    return [_obligation(reference, o) for c in calendar for o in c.obligations]


@conventions.get(
    "/{reference}/payments",
    response={200: list[s.PaymentOut], 404: s.Error},
    summary="Versements enregistrés",
)
def convention_payments(request: HttpRequest, reference: str):
    convention = _visible(request, reference)
    return [_payment(reference, p) for p in records_in_order(convention, "payment")]


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
    openapi_extra=IDEMPOTENCY_DOC,
)
@idempotent
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
        override_reason=payload.override_reason,
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
    return [_document(reference, d) for d in records_in_order(convention, "document")]


def _event(reference: str, kind: str, pk: int, on: date, detail: str) -> dict[str, Any]:
    return {"id": pk, "convention": reference, "kind": kind, "on": on, "detail": detail}


@conventions.get(
    "/{reference}/events", response={200: s.EventsOut, 404: s.Error}, summary="Événements"
)
def convention_events(request: HttpRequest, reference: str):
    c = _visible(request, reference, *followup_relations())
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


@conventions.post(
    "/{reference}/events/signature",
    response=WRITE,
    summary="Signature",
    openapi_extra=IDEMPOTENCY_DOC,
)
@idempotent
def event_signature(request: HttpRequest, reference: str, payload: s.SignatureIn):
    convention = _visible(request, reference)
    _may(request, "signature")
    x = services.signature_record(
        convention=convention, party=payload.party, signed_on=payload.signed_on, by=request.user
    )
    return Status(201, _event(reference, "signature", x.pk, x.signed_on, x.party_key))


@conventions.post(
    "/{reference}/events/meeting",
    response=WRITE,
    summary="Réunion d'instance",
    openapi_extra=IDEMPOTENCY_DOC,
)
@idempotent
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


@conventions.post(
    "/{reference}/events/notice",
    response=WRITE,
    summary="Lettre de dénonciation",
    openapi_extra=IDEMPOTENCY_DOC,
)
@idempotent
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


@conventions.post(
    "/{reference}/events/renewal",
    response=WRITE,
    summary="Reconduction décidée",
    openapi_extra=IDEMPOTENCY_DOC,
)
@idempotent
def event_renewal(request: HttpRequest, reference: str, payload: s.RenewalIn):
    convention = _visible(request, reference)
    _may(request, "renewal")
    x = services.renewal_record(
        convention=convention, decided_on=payload.decided_on, note=payload.note, by=request.user
    )
    return Status(201, _event(reference, "renewal", x.pk, x.decided_on, x.note))


obligations = Router(tags=["obligations"])


class Window(s.Schema):
    on: s.Day | None = None
    until: s.Day | None = None


@obligations.get(
    "/", response=list[s.ObligationOut], summary="Obligations de toutes les conventions"
)
def obligation_index(request: HttpRequest, window: Query[Window]):
    on, until = _window(window.on, window.until)
    calendar = obligations_for(conventions_visible_to(request.user), on=on, until=until)
    return [_obligation(c.convention.reference, o) for c in calendar for o in c.obligations]


# -- observatory ---------------------------------------------------------------------------

observatory = Router(tags=["observatoire"])


def _observatory_reader(request: HttpRequest) -> None:
    if not (is_admin(request.user) or membership_of(request.user) is not None):
        raise HttpError(
            403, "Votre compte n'a pas encore de rôle : demandez-le à l'administrateur."
        )


@observatory.get("/snapshots", summary="Millésimes SIRENE importés")
def observatory_snapshots(request: HttpRequest):
    _observatory_reader(request)
    return {"snapshots": observation.snapshots_imported()}


@observatory.get(
    "/indicators",
    summary="Indicateurs de l'ESS d'un territoire",
    description="Le JSON de « pacte observatory indicators --json » : territory s'écrit dep:67, "
    "reg:44, epci:SIREN, com:67482, perimeter:NOM ou fr ; nomenclature naf2008 ou naf2025 ; "
    "compare (à répéter, 6 au plus) ajoute un territoire à la comparaison "
    "(« compared_with », comme --compare).",
)
def observatory_indicators(
    request: HttpRequest,
    territory: str,
    snapshot: str | None = None,
    compare_to: str | None = None,
    nomenclature: str = "naf2008",
    compare: Annotated[list[str] | None, Query()] = None,
):
    _observatory_reader(request)
    if not observation.snapshots_imported():
        raise HttpError(
            404,
            "Aucun millésime SIRENE importé : l'administrateur lance « pacte observatory import ».",
        )
    try:
        return observation.indicators(
            territory,
            snapshot=snapshot,
            compare_to=compare_to,
            nomenclature=nomenclature,
            compare_with=compare or [],
        )
    except ObservatoryError as error:
        raise HttpError(400, f"{error}.") from None


api.add_router("/conventions", conventions)
api.add_router("/obligations", obligations)
api.add_router("/observatory", observatory)
api.add_router("/calls", calls_router)
