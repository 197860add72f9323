"""Calls for projects: the agents' screens (calls, applications, assignment, ranking,
committee, decisions), the reviewers' (their applications, conflict declaration,
review), the applicants' (first application with its account, their applications),
and the public page of a call (no login).

Every read goes through ``pacte.calls.selectors``, every write through
``pacte.calls.services``; a refused write shows the service's French message and
answers 400, nothing stored. What a role may not see answers 404, as for an unknown one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pacte.calls import documents, selectors
from pacte.calls import services as calls
from pacte.calls.access import has_role, is_call_agent
from pacte.calls.checks import CallError
from pacte.calls.enums import ApplicationState, Conflict, RequiredDocument
from pacte.calls.models import Application, Assignment, Call
from pacte.organisations.enums import OrganisationKind
from pacte.web.forms.calls import (
    AccountForm,
    ApplicationForm,
    AssignForm,
    AttachForm,
    BalanceForm,
    CallForm,
    CommitteeForm,
    ConfirmForm,
    ConflictForm,
    DecisionForm,
    EligibilityForm,
    FundForm,
    InformationForm,
    OrientationForm,
    ReviewForm,
    WithdrawForm,
    show_error,
)

S = ApplicationState
DOCUMENT_LABELS = dict(RequiredDocument.choices)
KIND_LABELS = {kind.value: kind.label for kind in OrganisationKind}


def _found(row: Any) -> Any:
    if row is None:
        raise Http404("Aucun élément de ce numéro.")
    return row


def _agent_call(request: HttpRequest, reference: str) -> Call:
    return _found(selectors.call_for_agent(request.user, reference))


def _agent_application(request: HttpRequest, pk: int) -> Application:
    return _found(selectors.application_for_agent(request.user, pk))


def _call_terms(call: Call) -> dict[str, Any]:
    """What a call states, in French, for its pages and documents."""
    return {
        "orientation": selectors.current_orientation(call),
        "criteria": selectors.criteria_of(call),
        "documents": [DOCUMENT_LABELS.get(code, code) for code in call.required_documents],
        "kinds": [KIND_LABELS.get(kind, kind) for kind in call.eligible_kinds],
    }


# -- the hub ---------------------------------------------------------------------------------


@login_required
def calls_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "web/calls/calls.html",
        {
            "title": "Appels à projets",
            "agent_calls": selectors.calls_of_agent(user),
            "partner_calls": selectors.calls_of_partner(user),
            "assignments": selectors.assignments_of_reviewer(user),
            "applications": selectors.applications_of_applicant(user),
            "open_calls": selectors.open_calls(),
            "is_agent": selectors.agent_authority(user) is not None,
        },
    )


# -- agents ----------------------------------------------------------------------------------


def _call_page(
    request: HttpRequest, call: Call, *, status: int = 200, **forms: Any
) -> HttpResponse:
    context: dict[str, Any] = {
        "title": call.title,
        "call": call,
        "applications": selectors.applications_of_call(call),
        "ranking": selectors.ranking_of(call),
        "committee": selectors.committee_of(call),
        "decisions": selectors.decisions_of(call),
        "decided_total": calls.decided_total(call),
        "balance_form": forms.get("balance_form") or BalanceForm(),
        "committee_form": forms.get("committee_form") or CommitteeForm(),
        **_call_terms(call),
    }
    return render(request, "web/calls/call.html", context, status=status)


@login_required
def call_view(request: HttpRequest, reference: str) -> HttpResponse:
    return _call_page(request, _agent_call(request, reference))


@login_required
@require_POST
def call_balance_view(request: HttpRequest, reference: str) -> HttpResponse:
    call = _agent_call(request, reference)
    form = BalanceForm(request.POST)
    if form.is_valid():
        ids = [pk for pk, _ in selectors.reviewer_candidates(call)]
        try:
            created = calls.assignments_balance(
                call=call,
                reviewers=selectors.reviewers_by_id(call, ids),
                per_application=form.cleaned_data["per_application"],
                by=request.user,
            )
        except CallError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{len(created)} désignation(s) enregistrée(s).")
            return redirect("call", reference=call.reference)
    return _call_page(request, call, status=400, balance_form=form)


@login_required
@require_POST
def call_committee_view(request: HttpRequest, reference: str) -> HttpResponse:
    call = _agent_call(request, reference)
    form = CommitteeForm(request.POST)
    if form.is_valid():
        try:
            calls.committee_record(
                call=call,
                held_on=form.cleaned_data["held_on"],
                members_present=form.members(),
                by=request.user,
            )
        except CallError as error:
            show_error(form, error)
        else:
            messages.success(request, "Réunion du comité enregistrée.")
            return redirect("call", reference=call.reference)
    return _call_page(request, call, status=400, committee_form=form)


@login_required
def call_orientations_view(request: HttpRequest, reference: str) -> HttpResponse:
    """The versions of the orientations: drafted by agents or partner members, validated
    by the authority."""
    call = _found(selectors.call_for_orientations(request.user, reference))
    agent = is_call_agent(request.user, call.fund)
    form = OrientationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        try:
            if "validate" in request.POST:
                if not agent:
                    raise CallError("Seule la collectivité valide les orientations.", field=None)
                version = _found(
                    next(
                        (
                            o
                            for o in selectors.orientations_of(call)
                            if str(o.pk) == request.POST["validate"]
                        ),
                        None,
                    )
                )
                calls.orientation_validate(orientation=version, by=request.user)
                messages.success(request, f"Version {version.version} validée.")
                return redirect("call_orientations", reference=call.reference)
            if form.is_valid():
                created = calls.orientation_draft(
                    call=call, text=form.cleaned_data["text"], by=request.user
                )
                messages.success(request, f"Version {created.version} enregistrée.")
                return redirect("call_orientations", reference=call.reference)
        except CallError as error:
            show_error(form, error)
    return render(
        request,
        "web/calls/orientations.html",
        {
            "title": f"Orientations — {call.title}",
            "call": call,
            "agent": agent,
            "versions": selectors.orientations_of(call),
            "form": form,
        },
        status=status,
    )


def _application_context(application: Application) -> dict[str, Any]:
    lines = selectors.budget_lines_of(application)
    return {
        "application": application,
        "call": application.call,
        "charges": [line for line in lines if line.side == "charge"],
        "products": [line for line in lines if line.side == "product"],
        "totals": selectors.budget_totals(application),
        "documents": [DOCUMENT_LABELS.get(code, code) for code in application.documents],
        "kind_label": KIND_LABELS.get(application.organisation_kind, ""),
        "files": [
            (DOCUMENT_LABELS.get(f.kind, f.kind), f) for f in selectors.files_of(application)
        ],
    }


ACTIONS = ("recevabilite", "complements", "designer", "pret", "decision", "convention")


def _application_page(
    request: HttpRequest, application: Application, *, status: int = 200, **forms: Any
) -> HttpResponse:
    call = application.call
    context = {
        "title": f"Dossier {application.reference}",
        **_application_context(application),
        "rules": selectors.eligibility(application),
        "assignments": selectors.assignments_of(application),
        "reviews": selectors.reviews_of(application),
        "score": selectors.application_score(application),
        "decision": selectors.decision_of(application),
        "committee": selectors.committee_of(call),
        "eligibility_form": forms.get("recevabilite") or EligibilityForm(),
        "information_form": forms.get("complements") or InformationForm(),
        "assign_form": forms.get("designer")
        or AssignForm(reviewers=selectors.reviewer_candidates(call)),
        "ready_form": forms.get("pret"),
        "decision_form": forms.get("decision") or DecisionForm(),
        "confirm_form": forms.get("convention") or ConfirmForm(),
        "S": S,
    }
    return render(request, "web/calls/application_agent.html", context, status=status)


@login_required
def application_agent_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_page(request, _agent_application(request, pk))


@login_required
@require_POST
def application_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    application = _agent_application(request, pk)
    if action not in ACTIONS:
        raise Http404("Action inconnue.")
    user = request.user
    call = application.call
    form: Any
    try:
        if action == "recevabilite":
            form = EligibilityForm(request.POST)
            if form.is_valid():
                calls.application_eligibility_confirm(
                    application=application,
                    eligible=form.cleaned_data["eligible"],
                    reason=form.cleaned_data["reason"],
                    by=user,
                )
                return _done(request, application, "Recevabilité enregistrée.")
        elif action == "complements":
            form = InformationForm(request.POST)
            if form.is_valid():
                calls.application_request_information(
                    application=application,
                    message=form.cleaned_data["message"],
                    deadline=form.cleaned_data["deadline"],
                    by=user,
                )
                return _done(request, application, "Demande de compléments envoyée.")
        elif action == "designer":
            form = AssignForm(request.POST, reviewers=selectors.reviewer_candidates(call))
            if form.is_valid():
                reviewer = selectors.reviewers_by_id(call, [form.cleaned_data["reviewer"]])
                calls.assignment_add(application=application, reviewer=reviewer[0], by=user)
                return _done(request, application, "Évaluateur désigné.")
        elif action == "pret":
            form = ConfirmForm(request.POST)
            calls.application_ready(application=application, by=user)
            return _done(request, application, "Dossier prêt pour le comité.")
        elif action == "decision":
            form = DecisionForm(request.POST)
            if form.is_valid():
                calls.decision_record(
                    application=application,
                    outcome=form.cleaned_data["outcome"],
                    amount=form.cleaned_data["amount"],
                    conditions=form.cleaned_data["conditions"],
                    reason=form.cleaned_data["reason"],
                    by=user,
                )
                return _done(request, application, "Décision enregistrée.")
        else:
            form = ConfirmForm(request.POST)
            if form.is_valid():
                convention = calls.application_convention_create(
                    application=application, confirm=form.cleaned_data["confirm"], by=user
                )
                messages.success(request, f"Convention {convention.reference} créée au registre.")
                return redirect("convention", reference=convention.reference)
    except CallError as error:
        show_error(form, error)
        if action == "pret":
            messages.error(request, error.message)
    application = _agent_application(request, pk)
    return _application_page(request, application, status=400, **{action: form})


def _done(request: HttpRequest, application: Application, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("call_application", pk=application.pk)


# -- reviewers -------------------------------------------------------------------------------


@login_required
def review_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One assigned application: the public summary and the declaration first; the whole
    application and the review form once no conflict is declared; the others' reviews
    once this one is submitted."""
    assignment: Assignment = _found(selectors.assignment_of_reviewer(request.user, pk))
    application = assignment.application
    criteria = selectors.criteria_of(application.call)
    own = selectors.own_review(assignment)
    initial: dict[str, Any] = {}
    if own is not None:
        initial = {"recommendation": own.recommendation, "comment": own.comment}
        for score in own.scores.all():
            initial[f"score_{score.criterion_id}"] = (
                "na" if score.value is None else str(score.value)
            )
    conflict_form = ConflictForm()
    review_form = ReviewForm(initial=initial, criteria=criteria)
    status = 200
    if request.method == "POST":
        status = 400
        action = request.POST.get("action", "")
        try:
            if action == "declarer":
                conflict_form = ConflictForm(request.POST)
                if conflict_form.is_valid():
                    calls.conflict_declare(
                        assignment=assignment,
                        conflict=conflict_form.cleaned_data["conflict"],
                        note=conflict_form.cleaned_data["note"],
                        by=request.user,
                    )
                    messages.success(request, "Déclaration enregistrée.")
                    return redirect("review", pk=assignment.pk)
            elif action in ("enregistrer", "transmettre"):
                review_form = ReviewForm(request.POST, criteria=criteria)
                if review_form.is_valid():
                    calls.review_save(
                        assignment=assignment,
                        scores=review_form.scores(),
                        recommendation=review_form.cleaned_data["recommendation"],
                        comment=review_form.cleaned_data["comment"],
                        submit=action == "transmettre",
                        by=request.user,
                    )
                    messages.success(
                        request,
                        "Évaluation transmise."
                        if action == "transmettre"
                        else "Brouillon d’évaluation enregistré.",
                    )
                    return redirect("review", pk=assignment.pk)
            else:
                raise CallError("Action inconnue.", field=None)
        except CallError as error:
            show_error(review_form if action != "declarer" else conflict_form, error)
        assignment = _found(selectors.assignment_of_reviewer(request.user, pk))
        own = selectors.own_review(assignment)
    recused = assignment.conflict == Conflict.CONFLICT
    context: dict[str, Any] = {
        "title": f"Évaluation du dossier {application.reference}",
        "assignment": assignment,
        "application": application,
        "call": application.call,
        "recused": recused,
        "declared": assignment.conflict != Conflict.UNDECLARED,
        "own": own,
        "submitted": own is not None and own.submitted_at is not None,
        "conflict_form": conflict_form,
        "review_form": review_form,
        "others": selectors.reviews_visible(assignment),
        "in_review": application.state == S.IN_REVIEW,
    }
    if not recused and assignment.conflict == Conflict.NONE:
        context |= _application_context(application)
    return render(request, "web/calls/review.html", context, status=status)


# -- applicants and the public ---------------------------------------------------------------


def public_call_view(request: HttpRequest, reference: str) -> HttpResponse:
    call = _found(selectors.call_public(reference))
    return render(
        request,
        "web/calls/public_call.html",
        {"title": call.title, "call": call, "open": selectors.is_open(call), **_call_terms(call)},
    )


def apply_view(request: HttpRequest, reference: str) -> HttpResponse:
    """The first application: its account is created with it (an anonymous visitor), or
    a new draft of a signed-in applicant."""
    call = _found(selectors.call_public(reference))
    anonymous = not request.user.is_authenticated
    if not anonymous and not may_apply(request.user):
        raise Http404("Les agents et partenaires ne déposent pas de dossier.")
    data = request.POST if request.method == "POST" else None
    account = AccountForm(data, prefix="compte") if anonymous else None
    form = ApplicationForm(data)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and (account is None or account.is_valid()):
            try:
                if account is not None:
                    application = calls.application_start(
                        call=call,
                        email=account.cleaned_data["email"],
                        password=account.cleaned_data["password"],
                        name=account.cleaned_data["name"],
                        data=form.data_for_service(),
                    )
                    login(request, application.applicant, backend=_backend())
                else:
                    application = calls.application_save(
                        call=call, data=form.data_for_service(), by=request.user
                    )
            except CallError as error:
                if account is not None and set(error.errors) & {"email", "password"}:
                    show_error(account, error)
                else:
                    show_error(form, error)
            else:
                messages.success(request, "Brouillon enregistré. Vous pouvez le compléter.")
                return redirect("my_application", pk=application.pk)
    return render(
        request,
        "web/calls/apply.html",
        {
            "title": f"Déposer une demande — {call.title}",
            "call": call,
            "open": selectors.is_open(call),
            "account": account,
            "form": form,
        },
        status=status,
    )


def may_apply(user: Any) -> bool:
    """Applicants are accounts without a role; agents and partners do not apply."""
    return not has_role(user)


def _backend() -> str:
    from django.conf import settings

    return str(settings.AUTHENTICATION_BACKENDS[-1])


@login_required
def my_application_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = _found(selectors.application_of_applicant(request.user, pk))
    lines = selectors.budget_lines_of(application)
    form = ApplicationForm(initial=ApplicationForm.initial_of(application, lines))
    withdraw = WithdrawForm()
    attach = AttachForm()
    status = 200
    if request.method == "POST":
        status = 400
        action = request.POST.get("action", "")
        try:
            if action in ("enregistrer", "deposer"):
                form = ApplicationForm(request.POST)
                if form.is_valid():
                    calls.application_save(
                        call=application.call,
                        application=application,
                        data=form.data_for_service(),
                        by=request.user,
                    )
                    if action == "deposer":
                        calls.application_submit(application=application, by=request.user)
                        messages.success(request, "Dossier déposé.")
                    else:
                        messages.success(request, "Brouillon enregistré.")
                    return redirect("my_application", pk=application.pk)
            elif action == "joindre":
                attach = AttachForm(request.POST, request.FILES)
                if attach.is_valid():
                    calls.application_file_attach(
                        application=application,
                        kind=attach.cleaned_data["kind"],
                        upload=attach.cleaned_data["file"],
                        by=request.user,
                    )
                    messages.success(request, "Pièce jointe au dossier.")
                    return redirect("my_application", pk=application.pk)
            elif action == "retirer":
                withdraw = WithdrawForm(request.POST)
                if withdraw.is_valid():
                    calls.application_withdraw(
                        application=application,
                        reason=withdraw.cleaned_data["reason"],
                        by=request.user,
                    )
                    messages.success(request, "Dossier retiré.")
                    return redirect("my_application", pk=application.pk)
            else:
                raise CallError("Action inconnue.", field=None)
        except CallError as error:
            target = {"retirer": withdraw, "joindre": attach}.get(action, form)
            show_error(target, error)
        application = _found(selectors.application_of_applicant(request.user, pk))
    return render(
        request,
        "web/calls/my_application.html",
        {
            "title": f"Mon dossier {application.reference}",
            **_application_context(application),
            "form": form,
            "withdraw": withdraw,
            "attach": attach,
            "editable": application.state == S.DRAFT,
            "withdrawable": S.WITHDRAWN in calls.TRANSITIONS[application.state],
            "decision": selectors.decision_of(application)
            if application.state in (S.ACCEPTED, S.ACCEPTED_WITH_CONDITIONS, S.REJECTED)
            else None,
        },
        status=status,
    )


# -- documents -------------------------------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def call_document_view(request: HttpRequest, reference: str) -> HttpResponse:
    """The call to circulate (public, like its page)."""
    call = _found(selectors.call_public(reference))
    return _docx(documents.call_docx(call), f"appel-{call.reference}.docx")


@login_required
def call_minutes_view(request: HttpRequest, reference: str) -> HttpResponse:
    call = _agent_call(request, reference)
    return _docx(documents.minutes_docx(call), f"proces-verbal-{call.reference}.docx")


@login_required
def decision_letter_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter notifying the decision: for the agents, and for the applicant."""
    application = selectors.application_for_agent(
        request.user, pk
    ) or selectors.application_of_applicant(request.user, pk)
    application = _found(application)
    if selectors.decision_of(application) is None:
        raise Http404("Aucune décision pour ce dossier.")
    return _docx(documents.letter_docx(application), f"decision-{application.reference}.docx")


# -- a fund and its calls --------------------------------------------------------------------


@login_required
def fund_new_view(request: HttpRequest) -> HttpResponse:
    """A new fund of the agent's authority."""
    authority = _found(selectors.agent_authority(request.user))
    form = FundForm(
        request.POST if request.method == "POST" else None,
        partners=selectors.partner_choices(authority),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                fund = calls.fund_create(
                    name=data["name"],
                    short_name=data["short_name"],
                    authority=authority,
                    partner=selectors.organisation_by_id(data["partner"]),
                    description=data["description"],
                    advance_percent=data["advance_percent"],
                    duration_months=data["duration_months"],
                    quorum=data["quorum"],
                    by=request.user,
                )
            except CallError as error:
                show_error(form, error)
            else:
                messages.success(request, f"Dispositif « {fund.name} » créé.")
                return redirect("call_new")
    return render(
        request,
        "web/calls/form.html",
        {"title": "Nouveau dispositif", "form": form, "button": "Créer le dispositif"},
        status=status,
    )


@login_required
def call_new_view(request: HttpRequest) -> HttpResponse:
    """A new call of one of the agent's funds."""
    funds = selectors.fund_choices(request.user)
    if not funds:
        if selectors.agent_authority(request.user) is None:
            raise Http404("Seuls les agents d'une collectivité créent des appels.")
        messages.info(request, "Créez d'abord le dispositif dont l'appel relève.")
        return redirect("fund_new")
    form = CallForm(request.POST if request.method == "POST" else None, funds=funds)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            fund = _found(selectors.fund_of_agent(request.user, data["fund"]))
            try:
                call = calls.call_create(
                    fund=fund,
                    data=calls.CallData(
                        reference=data["reference"],
                        year=data["year"],
                        title=data["title"],
                        summary=data["summary"],
                        envelope=data["envelope"],
                        opens_at=data["opens_at"],
                        closes_at=data["closes_at"],
                        committee_on=data["committee_on"],
                        criteria=data["criteria"],
                        eligible_kinds=data["eligible_kinds"],
                        eligible_departments=data["eligible_departments"],
                        min_amount=data["min_amount"],
                        max_amount=data["max_amount"],
                        max_rate=data["max_rate"],
                        required_documents=data["required_documents"],
                        reporting=data["reporting"],
                    ),
                    by=request.user,
                )
            except CallError as error:
                show_error(form, error)
            else:
                messages.success(request, f"Appel « {call.title} » créé.")
                return redirect("call", reference=call.reference)
    return render(
        request,
        "web/calls/form.html",
        {"title": "Nouvel appel à projets", "form": form, "button": "Créer l'appel"},
        status=status,
    )


@login_required
def application_file_view(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """A document of an application: for its agents, its applicant and the reviewers
    who declared no conflict."""
    application = _found(selectors.application_for_files(request.user, pk))
    attached = _found(selectors.file_of(application, file_pk))
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404("Le fichier n'est plus disponible.") from None
    response = FileResponse(handle, as_attachment=True, filename=attached.file_name)
    response["Content-Type"] = attached.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
