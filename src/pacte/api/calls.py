"""``/api/v1/calls/``: calls for projects, applications, reviews and decisions.

The same rights as the screens: an agent of the fund's authority reads its calls and
applications and records eligibility and decisions; a reviewer reads and writes only
the assignments given to them; an applicant reads their own applications; a call that
has opened is public. What a role may not see is « introuvable » (404). Every write is
one service of ``pacte.calls.services``; a refused one answers 400 with the French
message and the field.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from pacte.api.schemas import Amount, Note
from pacte.calls import selectors
from pacte.calls import services as calls
from pacte.calls.models import Application, Assignment, Call

try:  # django-ninja >= 1.5: a (status, body) tuple is deprecated
    from ninja import Status
except ImportError:  # pragma: no cover

    def Status(code: int, body: Any) -> Any:
        return code, body


router = Router(tags=["appels à projets"])


class Error(Schema):
    detail: str
    field: str | None = None


class CriterionOut(Schema):
    id: int
    label: str
    weight: Decimal


class CallOut(Schema):
    reference: str
    title: str
    fund: str
    year: int
    envelope: Decimal
    opens_at: datetime
    closes_at: datetime
    committee_on: date | None
    orientation: str
    criteria: list[CriterionOut]


class ApplicationOut(Schema):
    id: int
    reference: str
    call: str
    state: str
    state_label: str
    organisation: str
    siret: str
    rna: str
    project_title: str
    amount_requested: Decimal
    score: Decimal | None
    eligibility: list[str]


class RankOut(Schema):
    rank: int
    application: str
    score: Decimal | None
    amount: Decimal
    cumulative: Decimal
    within_envelope: bool


class AssignmentOut(Schema):
    id: int
    application: str
    project_title: str
    public_summary: str
    conflict: str
    review_submitted: bool


class DecisionOut(Schema):
    application: str
    outcome: str
    amount: Decimal
    conditions: str
    reason: str


class EligibilityIn(Schema):
    eligible: bool
    reason: Note = ""


class DeclarationIn(Schema):
    conflict: bool
    note: Note = ""


class ReviewIn(Schema):
    scores: dict[int, int | None] = Field(
        description="Note de 0 à 5 par critère (identifiant du critère), null pour « sans objet »."
    )
    recommendation: str = ""
    comment: Note = ""
    submit: bool = False


class DecisionIn(Schema):
    outcome: str
    amount: Amount | None = None
    conditions: Note = ""
    reason: Note = ""


def _call_out(call: Call) -> dict[str, Any]:
    orientation = selectors.current_orientation(call)
    return {
        "reference": call.reference,
        "title": call.title,
        "fund": call.fund.name,
        "year": call.year,
        "envelope": call.envelope,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "committee_on": call.committee_on,
        "orientation": orientation.text if orientation else "",
        "criteria": [
            {"id": c.pk, "label": c.label, "weight": c.weight} for c in selectors.criteria_of(call)
        ],
    }


def _application_out(application: Application) -> dict[str, Any]:
    return {
        "id": application.pk,
        "reference": application.reference,
        "call": application.call.reference,
        "state": application.state,
        "state_label": application.get_state_display(),
        "organisation": application.organisation_name,
        "siret": application.siret,
        "rna": application.rna,
        "project_title": application.project_title,
        "amount_requested": application.amount_requested,
        "score": selectors.application_score(application),
        "eligibility": selectors.eligibility(application),
    }


def _agent_call(request: HttpRequest, reference: str) -> Call:
    call = selectors.call_for_agent(request.user, reference)
    if call is None:
        raise Http404(f"Aucun appel de référence « {reference} ».")
    return call


def _agent_application(request: HttpRequest, pk: int) -> Application:
    application = selectors.application_for_agent(request.user, pk)
    if application is None:
        raise Http404(f"Aucun dossier n° {pk}.")
    return application


def _assignment(request: HttpRequest, pk: int) -> Assignment:
    assignment = selectors.assignment_of_reviewer(request.user, pk)
    if assignment is None:
        raise Http404(f"Aucune évaluation n° {pk} ne vous est confiée.")
    return assignment


@router.get("/", response=list[CallOut], summary="Appels visibles")
def call_index(request: HttpRequest):
    """The calls of the agent's funds, and every call open now."""
    found = {c.pk: c for c in selectors.calls_of_agent(request.user)}
    for call in selectors.open_calls():
        found.setdefault(call.pk, call)
    return [_call_out(call) for call in found.values()]


@router.get("/reviews", response=list[AssignmentOut], summary="Mes dossiers à évaluer")
def review_index(request: HttpRequest):
    result = []
    for assignment in selectors.assignments_of_reviewer(request.user):
        own = selectors.own_review(assignment)
        result.append(
            {
                "id": assignment.pk,
                "application": assignment.application.reference,
                "project_title": assignment.application.project_title,
                "public_summary": assignment.application.public_summary,
                "conflict": assignment.conflict,
                "review_submitted": own is not None and own.submitted_at is not None,
            }
        )
    return result


@router.get("/applications/mine", response=list[ApplicationOut], summary="Mes dossiers (déposant)")
def my_applications(request: HttpRequest):
    return [_application_out(a) for a in selectors.applications_of_applicant(request.user)]


@router.get("/applications/{pk}", response={200: ApplicationOut, 404: Error}, summary="Un dossier")
def application_detail(request: HttpRequest, pk: int):
    application = selectors.application_for_agent(
        request.user, pk
    ) or selectors.application_of_applicant(request.user, pk)
    if application is None:
        raise Http404(f"Aucun dossier n° {pk}.")
    return _application_out(application)


@router.post(
    "/applications/{pk}/eligibility",
    response={200: ApplicationOut, 400: Error, 404: Error},
    summary="Confirmer la recevabilité",
)
def application_eligibility(request: HttpRequest, pk: int, payload: EligibilityIn):
    application = _agent_application(request, pk)
    calls.application_eligibility_confirm(
        application=application, eligible=payload.eligible, reason=payload.reason, by=request.user
    )
    return _application_out(_agent_application(request, pk))


@router.post(
    "/applications/{pk}/decision",
    response={200: DecisionOut, 400: Error, 404: Error},
    summary="Décision du comité",
)
def application_decision(request: HttpRequest, pk: int, payload: DecisionIn):
    application = _agent_application(request, pk)
    decision = calls.decision_record(
        application=application,
        outcome=payload.outcome,
        amount=payload.amount,
        conditions=payload.conditions,
        reason=payload.reason,
        by=request.user,
    )
    return _decision_out(decision)


def _decision_out(decision: Any) -> dict[str, Any]:
    return {
        "application": decision.application.reference,
        "outcome": decision.outcome,
        "amount": decision.amount,
        "conditions": decision.conditions,
        "reason": decision.reason,
    }


@router.post(
    "/reviews/{pk}/declaration",
    response={200: AssignmentOut, 400: Error, 404: Error},
    summary="Déclarer ses intérêts",
)
def review_declaration(request: HttpRequest, pk: int, payload: DeclarationIn):
    assignment = _assignment(request, pk)
    calls.conflict_declare(
        assignment=assignment, conflict=payload.conflict, note=payload.note, by=request.user
    )
    return next(a for a in review_index(request) if a["id"] == pk)


@router.post(
    "/reviews/{pk}",
    response={200: AssignmentOut, 400: Error, 404: Error},
    summary="Enregistrer ou transmettre une évaluation",
)
def review_write(request: HttpRequest, pk: int, payload: ReviewIn):
    assignment = _assignment(request, pk)
    calls.review_save(
        assignment=assignment,
        scores=payload.scores,
        recommendation=payload.recommendation,
        comment=payload.comment,
        submit=payload.submit,
        by=request.user,
    )
    return next(a for a in review_index(request) if a["id"] == pk)


@router.get("/{reference}", response={200: CallOut, 404: Error}, summary="Un appel")
def call_detail(request: HttpRequest, reference: str):
    call = selectors.call_for_agent(request.user, reference) or selectors.call_public(reference)
    if call is None:
        raise Http404(f"Aucun appel de référence « {reference} ».")
    return _call_out(call)


@router.get(
    "/{reference}/applications",
    response={200: list[ApplicationOut], 404: Error},
    summary="Dossiers d'un appel",
)
def call_applications(request: HttpRequest, reference: str):
    call = _agent_call(request, reference)
    return [_application_out(a) for a in selectors.applications_of_call(call)]


@router.get(
    "/{reference}/ranking",
    response={200: list[RankOut], 404: Error},
    summary="Classement et ligne de financement",
)
def call_ranking(request: HttpRequest, reference: str):
    call = _agent_call(request, reference)
    return [
        {
            "rank": row.ranked.rank,
            "application": row.application.reference,
            "score": row.ranked.score,
            "amount": row.ranked.amount,
            "cumulative": row.ranked.cumulative,
            "within_envelope": row.ranked.within,
        }
        for row in selectors.ranking_of(call)
    ]


@router.get(
    "/{reference}/decisions",
    response={200: list[DecisionOut], 404: Error},
    summary="Décisions du comité",
)
def call_decisions(request: HttpRequest, reference: str):
    call = _agent_call(request, reference)
    return [_decision_out(d) for d in selectors.decisions_of(call)]


class BudgetLineIn(Schema):
    side: str = Field(description="« charge » ou « product »")
    account: str = Field(max_length=2, description="compte : 60 à 68, 86 ; 70 à 78, 87")
    amount: Amount
    label: Note = ""
    funder: Note = Field(default="", description="le cofinanceur, pour une ligne du compte 74")


class ApplicationIn(Schema):
    organisation_name: Note
    organisation_kind: str = "association"
    siret: str = Field(default="", max_length=20)
    rna: str = Field(default="", max_length=10)
    address: Note = ""
    postcode: str = Field(default="", max_length=5)
    city: Note = ""
    representative: Note = ""
    contact_email: str = Field(default="", max_length=254)
    project_title: Note
    public_summary: Note = ""
    description: Note = ""
    starts_on: date | None = None
    amount_requested: Amount
    documents: list[str] = []
    republican_contract: bool = False
    budget: list[BudgetLineIn] = []


def _application_data(payload: ApplicationIn) -> Any:
    from pacte.calls.checks import Line

    values = payload.model_dump(exclude={"budget"})
    return calls.ApplicationData(
        **values,
        budget=[
            Line(side=b.side, account=b.account, amount=b.amount, label=b.label, funder=b.funder)
            for b in payload.budget
        ],
    )


@router.post(
    "/{reference}/applications",
    response={201: ApplicationOut, 400: Error, 404: Error},
    summary="Déposer un brouillon de dossier (porteur de projet)",
)
def application_create(request: HttpRequest, reference: str, payload: ApplicationIn):
    """A new draft of the token's user, on a call open now (agents and partners do not
    apply)."""
    from pacte.calls.access import has_role

    call = selectors.open_call(reference)
    if call is None or has_role(request.user):
        raise Http404(f"Aucun appel ouvert de référence « {reference} ».")
    application = calls.application_save(
        call=call, data=_application_data(payload), by=request.user
    )
    return Status(201, _application_out(application))


@router.post(
    "/applications/{pk}/submit",
    response={200: ApplicationOut, 400: Error, 404: Error},
    summary="Déposer le dossier (porteur de projet)",
)
def application_submit(request: HttpRequest, pk: int):
    application = selectors.application_of_applicant(request.user, pk)
    if application is None:
        raise Http404(f"Aucun dossier n° {pk}.")
    calls.application_submit(application=application, by=request.user)
    return _application_out(selectors.application_of_applicant(request.user, pk))
