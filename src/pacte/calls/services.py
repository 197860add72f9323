"""Writes of the calls for projects: every change is one function, inside a
transaction, locking what it changes, journalled (who, when, why) in ``pacte.audit``.

Bad input raises ``CallError`` with a French message naming the field; nothing is
written then. ``now`` defaults to the server's time (``timezone.now``); the closing
time of a call is compared in Europe/Paris, the project's time zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pacte import terms as t
from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.calls import checks
from pacte.calls.access import is_call_agent, may_review
from pacte.calls.checks import CallError, Line
from pacte.calls.enums import (
    ApplicationState,
    Conflict,
    Outcome,
    Recommendation,
    RequiredDocument,
)
from pacte.calls.models import (
    Application,
    ApplicationFile,
    Assignment,
    BudgetLine,
    Call,
    CommitteeMeeting,
    Criterion,
    Decision,
    Fund,
    Orientation,
    Review,
    Score,
)
from pacte.conventions.models import Convention
from pacte.conventions.services import convention_store
from pacte.organisations.enums import OrganisationKind
from pacte.organisations.models import Organisation
from pacte.terms.formats import format_amount_fr, format_date_fr

S = ApplicationState

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.ELIGIBLE, S.INELIGIBLE, S.DRAFT, S.WITHDRAWN}),
    S.ELIGIBLE: frozenset({S.IN_REVIEW, S.WITHDRAWN}),
    S.INELIGIBLE: frozenset(),
    S.IN_REVIEW: frozenset({S.READY_FOR_COMMITTEE, S.WITHDRAWN}),
    S.READY_FOR_COMMITTEE: frozenset(
        {S.ACCEPTED, S.ACCEPTED_WITH_CONDITIONS, S.REJECTED, S.WITHDRAWN}
    ),
    S.ACCEPTED: frozenset(),
    S.ACCEPTED_WITH_CONDITIONS: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
"""Which state may follow which: ``draft`` after ``submitted`` is a request for information."""

OUTCOME_STATE = {
    Outcome.ACCEPTED: S.ACCEPTED,
    Outcome.ACCEPTED_WITH_CONDITIONS: S.ACCEPTED_WITH_CONDITIONS,
    Outcome.REJECTED: S.REJECTED,
}

BENEFICIARY_KINDS = (
    OrganisationKind.ASSOCIATION,
    OrganisationKind.COOPERATIVE,
    OrganisationKind.MUTUAL,
    OrganisationKind.FOUNDATION,
    OrganisationKind.COMPANY,
    OrganisationKind.CRESS,
    OrganisationKind.OTHER,
)
"""The kinds of organisation that may apply (ESS actors)."""


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def _local(moment: datetime) -> str:
    """« 30 avril 2026 à 23 h 59 », in Europe/Paris."""
    local = timezone.localtime(moment)
    return f"{format_date_fr(local.date())} à {local.hour} h {local.minute:02d}"


# -- who may do what -------------------------------------------------------------------------


def _agent(user: AbstractBaseUser | None, fund: Fund) -> None:
    if not is_call_agent(user, fund):
        raise CallError(
            f"Seuls les agents de {fund.authority.name} instruisent les dossiers du "
            f"dispositif « {fund.name} ».",
            field=None,
        )


# -- funds, calls, orientations --------------------------------------------------------------


@transaction.atomic
def fund_create(
    *,
    name: str,
    authority: Organisation,
    partner: Organisation | None = None,
    short_name: str = "",
    description: str = "",
    advance_percent: Decimal = Decimal(100),
    duration_months: int = 12,
    quorum: int | None = None,
    by: AbstractBaseUser | None = None,
) -> Fund:
    """A new fund (dispositif) of ``authority``, co-selected with ``partner``."""
    problems: list[tuple[str | None, str]] = []
    if not name.strip():
        problems.append(("name", "Le nom du dispositif est obligatoire."))
    elif Fund.objects.filter(name=name.strip()).exists():
        problems.append(("name", f"Un dispositif s’appelle déjà « {name.strip()} »."))
    if not (Decimal(0) < advance_percent <= Decimal(100)):
        problems.append(
            ("advance_percent", "L’avance à la signature est un pourcentage de 1 à 100.")
        )
    if not 1 <= duration_months <= 120:
        problems.append(("duration_months", "La durée des conventions va de 1 à 120 mois."))
    if quorum is not None and quorum < 1:
        problems.append(("quorum", "Le quorum est un nombre de membres, au moins 1."))
    if problems:
        raise CallError.many(problems)
    fund = Fund.objects.create(
        name=name.strip(),
        short_name=short_name.strip(),
        authority=authority,
        partner=partner,
        description=description,
        advance_percent=advance_percent,
        duration_months=duration_months,
        quorum=quorum,
    )
    audit_record(
        action=AuditAction.CREATED,
        object_type="fund",
        object_ref=fund.name,
        by=by,
        summary={"authority": authority.name, "partner": partner.name if partner else None},
    )
    return fund


@dataclass
class CallData:
    """What an agent states about a call (the web form and the API fill it)."""

    reference: str
    year: int
    title: str
    envelope: Decimal
    opens_at: datetime
    closes_at: datetime
    committee_on: date | None = None
    summary: str = ""
    criteria: Sequence[tuple[str, Decimal]] = ()
    eligible_kinds: Sequence[str] = ()
    eligible_departments: Sequence[str] = ()
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    max_rate: Decimal | None = None
    required_documents: Sequence[str] = field(
        default_factory=lambda: [
            RequiredDocument.STATUTES,
            RequiredDocument.ACCOUNTS,
            RequiredDocument.RIB,
            RequiredDocument.ACTIVITY_REPORT,
        ]
    )
    reporting: str = ""


def _call_problems(data: CallData) -> list[tuple[str | None, str]]:
    problems: list[tuple[str | None, str]] = []
    if not data.reference.strip():
        problems.append(("reference", "La référence de l’appel est obligatoire."))
    elif Call.objects.filter(reference=data.reference).exists():
        problems.append(("reference", f"Un appel porte déjà la référence « {data.reference} »."))
    if not data.title.strip():
        problems.append(("title", "Le titre de l’appel est obligatoire."))
    if not 2000 <= data.year <= 2200:
        problems.append(("year", "L’année de l’appel est invalide."))
    if data.envelope <= 0:
        problems.append(("envelope", "L’enveloppe de l’appel doit être positive."))
    if data.closes_at <= data.opens_at:
        problems.append(("closes_at", "La clôture des dépôts doit suivre leur ouverture."))
    if data.committee_on and data.committee_on < timezone.localtime(data.closes_at).date():
        problems.append(("committee_on", "Le comité se réunit après la clôture des dépôts."))
    if not data.criteria:
        problems.append(("criteria", "L’appel doit compter au moins un critère de sélection."))
    for index, (label, weight) in enumerate(data.criteria, start=1):
        if not label.strip():
            problems.append((f"criteria-{index}-label", f"Critère {index} : libellé manquant."))
        if weight <= 0:
            problems.append(
                (
                    f"criteria-{index}-weight",
                    f"Critère {index} : la pondération doit être positive.",
                )
            )
    known_kinds = {kind.value for kind in BENEFICIARY_KINDS}
    for kind in data.eligible_kinds:
        if kind not in known_kinds:
            problems.append(("eligible_kinds", f"Nature de structure inconnue : « {kind} »."))
    if (
        data.min_amount is not None
        and data.max_amount is not None
        and data.min_amount > data.max_amount
    ):
        problems.append(("max_amount", "Le montant maximum est inférieur au minimum."))
    if data.max_rate is not None and not (Decimal(0) < data.max_rate <= Decimal(100)):
        problems.append(("max_rate", "Le taux de financement maximum va de 1 à 100 %."))
    documents = set(RequiredDocument.values)
    for code in data.required_documents:
        if code not in documents:
            problems.append(("required_documents", f"Pièce inconnue : « {code} »."))
    return problems


@transaction.atomic
def call_create(*, fund: Fund, data: CallData, by: AbstractBaseUser | None) -> Call:
    """A new call of ``fund`` with its criteria; only an agent of the fund's authority."""
    _agent(by, fund)
    problems = _call_problems(data)
    if problems:
        raise CallError.many(problems)
    call = Call.objects.create(
        fund=fund,
        reference=data.reference,
        year=data.year,
        title=data.title.strip(),
        summary=data.summary,
        envelope=data.envelope,
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        committee_on=data.committee_on,
        eligible_kinds=list(data.eligible_kinds),
        eligible_departments=list(data.eligible_departments),
        min_amount=data.min_amount,
        max_amount=data.max_amount,
        max_rate=data.max_rate,
        required_documents=[str(code) for code in data.required_documents],
        reporting=data.reporting,
    )
    Criterion.objects.bulk_create(
        Criterion(call=call, position=i, label=label.strip(), weight=weight)
        for i, (label, weight) in enumerate(data.criteria)
    )
    audit_record(
        action=AuditAction.CREATED,
        object_type="call",
        object_ref=call.reference,
        by=by,
        summary={"fund": fund.name, "envelope": str(data.envelope)},
    )
    return call


def _locked_call(call: Call) -> Call:
    return (
        Call.objects.select_for_update(of=("self",))
        .select_related("fund__authority")
        .get(pk=call.pk)
    )


@transaction.atomic
def orientation_draft(
    *, call: Call, text: str, by: AbstractBaseUser | None, now: datetime | None = None
) -> Orientation:
    """A new version of the call's orientations, drafted by an agent or by the partner."""
    call = _locked_call(call)
    if not (is_call_agent(by, call.fund) or (by is not None and may_review(by, call.fund))):
        raise CallError(
            "Seuls les agents de la collectivité et les membres du partenaire rédigent les "
            "orientations.",
            field=None,
        )
    if not text.strip():
        raise CallError("Les orientations sont vides.", field="text")
    last = call.orientations.aggregate(last=Max("version"))["last"] or 0
    orientation = Orientation.objects.create(
        call=call, version=last + 1, text=text.strip(), drafted_by=by, drafted_at=_now(now)
    )
    audit_record(
        action=AuditAction.CREATED,
        object_type="call_orientation",
        object_ref=call.reference,
        by=by,
        summary={"version": orientation.version},
    )
    return orientation


@transaction.atomic
def orientation_validate(
    *, orientation: Orientation, by: AbstractBaseUser | None, now: datetime | None = None
) -> Orientation:
    """The authority validates one version (kept with who validated and when)."""
    call = _locked_call(orientation.call)
    _agent(by, call.fund)
    orientation = Orientation.objects.select_for_update(of=("self",)).get(pk=orientation.pk)
    if orientation.validated_at is not None:
        raise CallError(f"La version {orientation.version} est déjà validée.", field="version")
    orientation.validated_by = by
    orientation.validated_at = _now(now)
    orientation.save(update_fields=["validated_by", "validated_at"])
    audit_record(
        action=AuditAction.UPDATED,
        object_type="call_orientation",
        object_ref=call.reference,
        by=by,
        summary={"version": orientation.version, "validated": True},
    )
    return orientation


# -- applicants ------------------------------------------------------------------------------


@transaction.atomic
def applicant_register(*, email: str, password: str, name: str = "") -> AbstractBaseUser:
    """An applicant's account, created on their first application (no role: they see
    only their own applications)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise CallError("Adresse électronique invalide.", field="email") from None
    user_model = get_user_model()
    if user_model.objects.filter(username=email).exists():
        raise CallError("Un compte existe déjà pour cette adresse : connectez-vous.", field="email")
    user = user_model(username=email, email=email, first_name=name.strip()[:150])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise CallError(" ".join(error.messages), field="password") from None
    user.set_password(password)
    user.save()
    audit_record(action=AuditAction.CREATED, object_type="applicant", object_ref=email, by=user)
    return user


@dataclass
class ApplicationData:
    """The CERFA 12156 essentials an applicant fills in."""

    organisation_name: str
    organisation_kind: str
    siret: str
    project_title: str
    amount_requested: Decimal
    rna: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    department: str = ""
    representative: str = ""
    contact_email: str = ""
    public_summary: str = ""
    description: str = ""
    starts_on: date | None = None
    documents: Sequence[str] = ()
    republican_contract: bool = False
    budget: Sequence[Line] = ()


def _draft_problems(data: ApplicationData) -> list[tuple[str | None, str]]:
    """What even a draft cannot hold: a wrong format, an unknown account."""
    problems: list[tuple[str | None, str]] = []
    if not data.project_title.strip():
        problems.append(("project_title", "L’intitulé du projet est obligatoire."))
    if data.organisation_kind not in {kind.value for kind in BENEFICIARY_KINDS}:
        problems.append(
            ("organisation_kind", f"Nature de structure inconnue : « {data.organisation_kind} ».")
        )
    if data.siret.strip() and (found := checks.siret_problem(data.siret)):
        problems.append(("siret", found[0].upper() + found[1:] + "."))
    if data.rna.strip() and (found := checks.rna_problem(data.rna)):
        problems.append(("rna", found[0].upper() + found[1:] + "."))
    if data.postcode and not (len(data.postcode) == 5 and data.postcode.isdigit()):
        problems.append(("postcode", "Le code postal compte 5 chiffres."))
    if data.amount_requested < 0:
        problems.append(("amount_requested", "Le montant demandé ne peut être négatif."))
    documents = set(RequiredDocument.values)
    for code in data.documents:
        if code not in documents:
            problems.append(("documents", f"Pièce inconnue : « {code} »."))
    for index, line in enumerate(data.budget, start=1):
        if line.side not in ("charge", "product"):
            problems.append((f"budget-{index}-side", f"Ligne {index} du budget : côté inconnu."))
    problems += [
        (where, message)
        for where, message in checks.budget_problems(data.budget, Decimal(1))
        if where.startswith("budget-")
    ]
    return problems


def _department(data: ApplicationData) -> str:
    if data.department:
        return data.department
    if data.postcode[:2] in ("97", "98"):
        return data.postcode[:3]
    return data.postcode[:2]


def _open_for_applicant(application: Application, now: datetime) -> None:
    """Refuse a change after the closing time, unless information was asked and its
    deadline is not passed."""
    call = application.call
    if application.information_deadline is not None:
        if now > application.information_deadline:
            raise CallError(
                "Le délai pour compléter le dossier a expiré le "
                f"{_local(application.information_deadline)}.",
                field="information_deadline",
            )
        return
    if now < call.opens_at:
        raise CallError(
            f"L’appel « {call.title} » ouvre le {_local(call.opens_at)}.", field="opens_at"
        )
    if now > call.closes_at:
        raise CallError(
            f"L’appel « {call.title} » est clos depuis le {_local(call.closes_at)} : le "
            "dossier ne peut plus être déposé ni modifié.",
            field="closes_at",
        )


def _fill(application: Application, data: ApplicationData) -> None:
    for name in (
        "organisation_name",
        "organisation_kind",
        "rna",
        "address",
        "postcode",
        "city",
        "representative",
        "contact_email",
        "project_title",
        "public_summary",
        "description",
    ):
        setattr(application, name, str(getattr(data, name)).strip())
    application.siret = data.siret.replace(" ", "")
    application.rna = application.rna.upper()
    application.department = _department(data)
    application.starts_on = data.starts_on
    application.amount_requested = data.amount_requested
    application.documents = sorted({str(code) for code in data.documents})
    application.republican_contract = data.republican_contract


def _store_budget(application: Application, lines: Sequence[Line]) -> None:
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=application,
            position=i,
            side=line.side,
            account=line.account,
            label=line.label.strip(),
            funder=line.funder.strip(),
            amount=line.amount,
        )
        for i, line in enumerate(lines)
    )


@transaction.atomic
def application_save(
    *,
    call: Call,
    data: ApplicationData,
    by: AbstractBaseUser,
    application: Application | None = None,
    now: datetime | None = None,
) -> Application:
    """Create or update a draft of ``by``; the call must be open (or the application
    reopened for information)."""
    moment = _now(now)
    call = _locked_call(call)
    if application is None:
        application = Application(call=call, applicant=by)
    else:
        application = _locked(application)
        if application.applicant_id != by.pk:
            raise CallError("Ce dossier n’est pas le vôtre.", field=None)
        if application.state != S.DRAFT:
            raise CallError(
                f"Le dossier est {application.get_state_display()} : il ne peut plus être modifié.",
                field="state",
            )
    _open_for_applicant(application, moment)
    problems = _draft_problems(data)
    if problems:
        raise CallError.many(problems)
    created = application.pk is None
    _fill(application, data)
    if created:
        last = call.applications.aggregate(last=Max("number"))["last"] or 0
        application.number = last + 1
    application.save()
    _store_budget(application, data.budget)
    audit_record(
        action=AuditAction.CREATED if created else AuditAction.UPDATED,
        object_type="call_application",
        object_ref=application.reference,
        by=by,
        summary={"state": application.state},
    )
    return application


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__fund__authority", "call__fund__partner")
        .get(pk=application.pk)
    )


def _transition(
    application: Application,
    to: str,
    *,
    by: AbstractBaseUser | None,
    why: str = "",
    now: datetime,
    extra: dict[str, Any] | None = None,
) -> Application:
    """The one place a state changes: allowed by ``TRANSITIONS``, saved, journalled."""
    was = application.state
    if to not in TRANSITIONS[was]:
        raise CallError(
            f"Le dossier {application.reference} est {application.get_state_display()} : il "
            f"ne peut passer à l’état « {S(to).label} ».",
            field="state",
        )
    application.state = to
    application.save()
    audit_record(
        action=AuditAction.UPDATED,
        object_type="call_application",
        object_ref=application.reference,
        by=by,
        summary={"from": was, "to": to, "why": why, "at": now.isoformat(), **(extra or {})},
    )
    return application


def eligibility_rules(call: Call) -> checks.Eligibility:
    return checks.Eligibility(
        kinds=tuple(call.eligible_kinds),
        kind_labels={kind.value: kind.label for kind in OrganisationKind},
        departments=tuple(call.eligible_departments),
        min_amount=call.min_amount,
        max_amount=call.max_amount,
        max_rate=call.max_rate,
        documents=tuple(call.required_documents),
        document_labels=dict(RequiredDocument.choices),
    )


def application_lines(application: Application) -> list[Line]:
    return [
        Line(
            side=row.side,
            account=row.account,
            amount=row.amount,
            label=row.label,
            funder=row.funder,
        )
        for row in application.budget_lines.all()
    ]


def eligibility_of(application: Application) -> list[str]:
    """What the rules say of the application (one fact, one function: the service, the
    instructor's page and the API show this)."""
    totals = checks.budget_totals(application_lines(application))
    return checks.eligibility_problems(
        eligibility_rules(application.call),
        kind=application.organisation_kind,
        department=application.department,
        amount_requested=application.amount_requested,
        total_charges=totals.charges,
        documents=application.documents,
        republican_contract=application.republican_contract,
    )


@transaction.atomic
def application_submit(
    *, application: Application, by: AbstractBaseUser, now: datetime | None = None
) -> Application:
    """Submit a draft: complete identity, balanced budget, before the closing time.
    The eligibility rules run then; a person confirms their verdict."""
    moment = _now(now)
    application = _locked(application)
    if application.applicant_id != by.pk:
        raise CallError("Ce dossier n’est pas le vôtre.", field=None)
    if application.state != S.DRAFT:
        raise CallError(
            f"Le dossier est {application.get_state_display()} : il est déjà déposé.",
            field="state",
        )
    _open_for_applicant(application, moment)
    problems: list[tuple[str | None, str]] = list(
        checks.identity_problems(
            kind=application.organisation_kind,
            siret=application.siret,
            rna=application.rna,
            name=application.organisation_name,
        )
    )
    problems += checks.budget_problems(application_lines(application), application.amount_requested)
    if not application.republican_contract:
        problems.append(
            (
                "republican_contract",
                "Le contrat d’engagement républicain doit être souscrit pour déposer la demande.",
            )
        )
    if problems:
        raise CallError.many(problems)
    application.submitted_at = moment
    application.eligibility_problems = eligibility_of(application)
    reopened = application.information_deadline is not None
    application.information_deadline = None
    return _transition(
        application,
        S.SUBMITTED,
        by=by,
        why="compléments apportés" if reopened else "dépôt du dossier",
        now=moment,
    )


@transaction.atomic
def application_request_information(
    *,
    application: Application,
    message: str,
    deadline: datetime,
    by: AbstractBaseUser | None,
    now: datetime | None = None,
) -> Application:
    """An instructor asks for more information: the application reopens (draft) for the
    applicant until ``deadline``, with the message."""
    moment = _now(now)
    application = _locked(application)
    _agent(by, application.call.fund)
    if not message.strip():
        raise CallError("Précisez les compléments demandés.", field="message")
    if deadline <= moment:
        raise CallError("La date limite des compléments doit être à venir.", field="deadline")
    application.information_request = message.strip()
    application.information_deadline = deadline
    return _transition(
        application,
        S.DRAFT,
        by=by,
        why=message.strip(),
        now=moment,
        extra={"deadline": deadline.isoformat()},
    )


@transaction.atomic
def application_eligibility_confirm(
    *,
    application: Application,
    eligible: bool,
    reason: str = "",
    by: AbstractBaseUser | None,
    now: datetime | None = None,
) -> Application:
    """A person confirms the rules' verdict (or overrides it, saying why)."""
    moment = _now(now)
    application = _locked(application)
    _agent(by, application.call.fund)
    problems = eligibility_of(application)
    application.eligibility_problems = problems
    if eligible and problems and not reason.strip():
        raise CallError(
            "Les règles de l’appel relèvent : " + " ; ".join(problems) + ". Pour déclarer le "
            "dossier recevable malgré tout, indiquez le motif.",
            field="reason",
        )
    if not eligible and not problems and not reason.strip():
        raise CallError(
            "Aucune règle de l’appel n’est enfreinte : indiquez le motif d’irrecevabilité.",
            field="reason",
        )
    why = reason.strip() or ("; ".join(problems) if problems else "conforme aux règles de l’appel")
    return _transition(
        application,
        S.ELIGIBLE if eligible else S.INELIGIBLE,
        by=by,
        why=why,
        now=moment,
        extra={"rules": problems},
    )


@transaction.atomic
def application_withdraw(
    *, application: Application, by: AbstractBaseUser, reason: str = "", now: datetime | None = None
) -> Application:
    """The applicant withdraws their application (or an agent records it)."""
    application = _locked(application)
    if application.applicant_id != by.pk and not is_call_agent(by, application.call.fund):
        raise CallError("Ce dossier n’est pas le vôtre.", field=None)
    return _transition(
        application, S.WITHDRAWN, by=by, why=reason.strip() or "retrait", now=_now(now)
    )


# -- co-selection ----------------------------------------------------------------------------


def _assign(
    application: Application, reviewer: AbstractBaseUser, by: AbstractBaseUser | None, now: datetime
) -> Assignment:
    fund = application.call.fund
    if not may_review(reviewer, fund):
        raise CallError(
            f"« {reviewer} » n’est ni agent de {fund.authority.name} ni membre du partenaire "
            "du dispositif : il ne peut évaluer.",
            field="reviewer",
        )
    if application.state not in (S.ELIGIBLE, S.IN_REVIEW):
        raise CallError(
            f"Le dossier {application.reference} est {application.get_state_display()} : on "
            "désigne les évaluateurs des dossiers recevables.",
            field="state",
        )
    if application.assignments.filter(reviewer=reviewer).exists():
        raise CallError(
            f"« {reviewer} » évalue déjà le dossier {application.reference}.", field="reviewer"
        )
    assignment = Assignment.objects.create(
        application=application, reviewer=reviewer, assigned_by=by, assigned_at=now
    )
    audit_record(
        action=AuditAction.CREATED,
        object_type="call_assignment",
        object_ref=application.reference,
        by=by,
        summary={"reviewer": reviewer.get_username()},
    )
    if application.state == S.ELIGIBLE:
        _transition(application, S.IN_REVIEW, by=by, why="premier évaluateur désigné", now=now)
    return assignment


@transaction.atomic
def assignment_add(
    *,
    application: Application,
    reviewer: AbstractBaseUser,
    by: AbstractBaseUser | None,
    now: datetime | None = None,
) -> Assignment:
    """Assign one reviewer by hand."""
    application = _locked(application)
    _agent(by, application.call.fund)
    return _assign(application, reviewer, by, _now(now))


@transaction.atomic
def assignments_balance(
    *,
    call: Call,
    reviewers: Sequence[AbstractBaseUser],
    per_application: int,
    by: AbstractBaseUser | None,
    now: datetime | None = None,
) -> list[Assignment]:
    """Give every eligible application ``per_application`` reviewers, each time the
    least loaded one (ties: the order given), never twice the same on one application."""
    call = _locked_call(call)
    _agent(by, call.fund)
    if per_application < 1 or per_application > len(reviewers):
        raise CallError(
            f"Le nombre d’évaluateurs par dossier va de 1 à {len(reviewers)}.",
            field="per_application",
        )
    moment = _now(now)
    load = {
        reviewer.pk: Assignment.objects.filter(application__call=call, reviewer=reviewer).count()
        for reviewer in reviewers
    }
    created = []
    applications = (
        Application.objects.select_for_update(of=("self",))
        .filter(call=call, state__in=(S.ELIGIBLE, S.IN_REVIEW))
        .select_related("call__fund__authority")
        .order_by("number")
    )
    for application in applications:
        already = set(application.assignments.values_list("reviewer_id", flat=True))
        missing = per_application - len(already)
        candidates = sorted(
            (r for r in reviewers if r.pk not in already),
            key=lambda r: (load[r.pk], list(reviewers).index(r)),
        )
        for reviewer in candidates[: max(missing, 0)]:
            created.append(_assign(application, reviewer, by, moment))
            load[reviewer.pk] += 1
    return created


def _locked_assignment(assignment: Assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("application__call__fund")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def conflict_declare(
    *,
    assignment: Assignment,
    conflict: bool,
    note: str = "",
    by: AbstractBaseUser,
    now: datetime | None = None,
) -> Assignment:
    """The reviewer declares « no conflict » or « conflict → recused » for one application."""
    assignment = _locked_assignment(assignment)
    if assignment.reviewer_id != by.pk:
        raise CallError("Seul l’évaluateur désigné déclare ses intérêts.", field=None)
    if hasattr(assignment, "review") and assignment.review.submitted_at is not None:
        raise CallError("L’évaluation est déjà transmise.", field="conflict")
    if conflict and not note.strip():
        raise CallError("Précisez la nature du conflit d’intérêts.", field="note")
    assignment.conflict = Conflict.CONFLICT if conflict else Conflict.NONE
    assignment.conflict_note = note.strip()
    assignment.declared_at = _now(now)
    assignment.save()
    if conflict:
        Review.objects.filter(assignment=assignment).delete()
    audit_record(
        action=AuditAction.UPDATED,
        object_type="call_assignment",
        object_ref=assignment.application.reference,
        by=by,
        summary={"conflict": assignment.conflict, "note": assignment.conflict_note},
    )
    return assignment


@transaction.atomic
def review_save(
    *,
    assignment: Assignment,
    scores: Mapping[int, int | None],
    recommendation: str = "",
    comment: str = "",
    submit: bool = False,
    by: AbstractBaseUser,
    now: datetime | None = None,
) -> Review:
    """Save a review (a draft), or submit it: then every criterion has a score (or
    « sans objet ») and the recommendation is given; a submitted review is final."""
    assignment = _locked_assignment(assignment)
    application = assignment.application
    if assignment.reviewer_id != by.pk:
        raise CallError("Seul l’évaluateur désigné note ce dossier.", field=None)
    if assignment.conflict == Conflict.CONFLICT:
        raise CallError(
            "Vous vous êtes déporté de ce dossier (conflit d’intérêts déclaré) : vous ne "
            "pouvez pas le noter.",
            field="conflict",
        )
    if assignment.conflict == Conflict.UNDECLARED:
        raise CallError(
            "Déclarez d’abord l’absence de conflit d’intérêts avant de noter ce dossier.",
            field="conflict",
        )
    if application.state != S.IN_REVIEW:
        raise CallError(
            f"Le dossier est {application.get_state_display()} : il n’est plus en évaluation.",
            field="state",
        )
    review, _ = Review.objects.get_or_create(assignment=assignment)
    if review.submitted_at is not None:
        raise CallError("L’évaluation est déjà transmise : elle ne change plus.", field="submit")
    criteria = {c.pk: c for c in application.call.criteria.all()}
    problems: list[tuple[str | None, str]] = []
    for criterion_id, value in scores.items():
        if criterion_id not in criteria:
            problems.append(("scores", f"Critère inconnu ({criterion_id})."))
        elif found := checks.score_problem(value, criteria[criterion_id].label):
            problems.append((f"score-{criterion_id}", found))
    if recommendation and recommendation not in Recommendation.values:
        problems.append(("recommendation", f"Avis inconnu : « {recommendation} »."))
    if submit:
        for criterion_id, criterion in criteria.items():
            if criterion_id not in scores:
                problems.append(
                    (
                        f"score-{criterion_id}",
                        f"Critère « {criterion.label} » : note manquante (ou « sans objet »).",
                    )
                )
        if not recommendation:
            problems.append(
                ("recommendation", "Donnez votre avis (favorable, réservé, défavorable).")
            )
        if scores and all(value is None for value in scores.values()):
            problems.append(("scores", "Au moins un critère doit être noté."))
    if problems:
        raise CallError.many(problems)
    review.recommendation = recommendation
    review.comment = comment.strip()
    moment = _now(now)
    if submit:
        review.submitted_at = moment
    review.save()
    review.scores.all().delete()
    Score.objects.bulk_create(
        Score(review=review, criterion_id=criterion_id, value=value)
        for criterion_id, value in scores.items()
    )
    audit_record(
        action=AuditAction.UPDATED,
        object_type="call_review",
        object_ref=application.reference,
        by=by,
        summary={"submitted": submit, "recommendation": recommendation},
    )
    return review


@transaction.atomic
def application_ready(
    *, application: Application, by: AbstractBaseUser | None, now: datetime | None = None
) -> Application:
    """Close the review: every reviewer not recused has submitted, at least one."""
    application = _locked(application)
    _agent(by, application.call.fund)
    if application.state != S.IN_REVIEW:
        raise CallError(
            f"Le dossier est {application.get_state_display()} : il n’est pas en évaluation.",
            field="state",
        )
    pending = [
        a.reviewer.get_username()
        for a in application.assignments.select_related("reviewer")
        if a.conflict != Conflict.CONFLICT
        and not Review.objects.filter(assignment=a, submitted_at__isnull=False).exists()
    ]
    if pending:
        raise CallError("Évaluations attendues de : " + ", ".join(pending) + ".", field="reviews")
    if not Review.objects.filter(
        assignment__application=application, submitted_at__isnull=False
    ).exists():
        raise CallError("Aucune évaluation transmise pour ce dossier.", field="reviews")
    return _transition(
        application, S.READY_FOR_COMMITTEE, by=by, why="évaluations terminées", now=_now(now)
    )


# -- committee and decisions -----------------------------------------------------------------


@transaction.atomic
def committee_record(
    *,
    call: Call,
    held_on: date,
    members_present: Sequence[str],
    by: AbstractBaseUser | None,
) -> CommitteeMeeting:
    """The committee's meeting: its date and members present; the quorum is the fund's."""
    call = _locked_call(call)
    _agent(by, call.fund)
    members = [name.strip() for name in members_present if name.strip()]
    if not members:
        raise CallError("Indiquez les membres présents.", field="members_present")
    if held_on < timezone.localtime(call.closes_at).date():
        raise CallError("Le comité se réunit après la clôture des dépôts.", field="held_on")
    quorum = call.fund.quorum
    meeting, created = CommitteeMeeting.objects.update_or_create(
        call=call,
        defaults={
            "held_on": held_on,
            "members_present": members,
            "quorum_reached": quorum is None or len(members) >= quorum,
            "recorded_by": by,
        },
    )
    audit_record(
        action=AuditAction.CREATED if created else AuditAction.UPDATED,
        object_type="call_committee",
        object_ref=call.reference,
        by=by,
        summary={"held_on": held_on.isoformat(), "members": members, "quorum": quorum},
    )
    return meeting


def decided_total(call: Call, *, excluding: int | None = None) -> Decimal:
    """The amounts granted so far by the committee for this call."""
    rows = Decision.objects.filter(
        application__call=call,
        outcome__in=(Outcome.ACCEPTED, Outcome.ACCEPTED_WITH_CONDITIONS),
    )
    if excluding is not None:
        rows = rows.exclude(application_id=excluding)
    return sum((row.amount for row in rows), Decimal(0))


@transaction.atomic
def decision_record(
    *,
    application: Application,
    outcome: str,
    amount: Decimal | None = None,
    conditions: str = "",
    reason: str = "",
    by: AbstractBaseUser | None,
    now: datetime | None = None,
) -> Decision:
    """The committee's decision on one application, with its reasons.

    A reason is required for a refusal, for an amount other than the one requested, and
    for an acceptance that takes the total granted over the envelope (the committee
    moves the funding line). Conditions are required for an acceptance with conditions.
    """
    moment = _now(now)
    call = _locked_call(application.call)
    application = _locked(application)
    _agent(by, call.fund)
    meeting = CommitteeMeeting.objects.filter(call=call).first()
    if meeting is None:
        raise CallError("Enregistrez d’abord la réunion du comité.", field="meeting")
    if not meeting.quorum_reached:
        raise CallError(
            f"Le quorum du comité ({call.fund.quorum} membres) n’est pas atteint : il ne peut "
            "décider.",
            field="meeting",
        )
    if outcome not in Outcome.values:
        raise CallError(f"Décision inconnue : « {outcome} ».", field="outcome")
    if application.state != S.READY_FOR_COMMITTEE:
        raise CallError(
            f"Le dossier {application.reference} est {application.get_state_display()} : le "
            "comité décide des dossiers évalués.",
            field="state",
        )
    reason = reason.strip()
    granted = Decimal(0)
    if outcome == Outcome.REJECTED:
        if not reason:
            raise CallError("Un refus est motivé : indiquez les motifs.", field="reason")
    else:
        granted = application.amount_requested if amount is None else amount
        if granted <= 0:
            raise CallError("Le montant attribué doit être positif.", field="amount")
        if granted > application.amount_requested:
            raise CallError(
                "Le montant attribué dépasse le montant demandé "
                f"({format_amount_fr(application.amount_requested)}).",
                field="amount",
            )
        if granted != application.amount_requested and not reason:
            raise CallError(
                f"Le montant attribué ({format_amount_fr(granted)}) diffère du montant demandé "
                f"({format_amount_fr(application.amount_requested)}) : indiquez le motif.",
                field="reason",
            )
        if outcome == Outcome.ACCEPTED_WITH_CONDITIONS and not conditions.strip():
            raise CallError("Précisez les conditions de l’attribution.", field="conditions")
        total = decided_total(call, excluding=application.pk) + granted
        if total > call.envelope and not reason:
            raise CallError(
                f"Avec ce dossier, le total attribué ({format_amount_fr(total)}) dépasse "
                f"l’enveloppe de l’appel ({format_amount_fr(call.envelope)}) : le comité doit "
                "motiver ce dépassement.",
                field="reason",
            )
    decision = Decision.objects.create(
        application=application,
        meeting=meeting,
        outcome=outcome,
        amount=granted,
        conditions=conditions.strip(),
        reason=reason,
        decided_by=by,
        decided_at=moment,
    )
    _transition(
        application,
        OUTCOME_STATE[Outcome(outcome)],
        by=by,
        why=reason or "décision du comité",
        now=moment,
        extra={"amount": str(granted), "conditions": decision.conditions},
    )
    return decision


# -- decisions become conventions ------------------------------------------------------------


def _terms_organisation(row: Organisation) -> t.Organisation:
    address = None
    if row.address_lines is not None or row.postcode or row.city:
        address = t.Address(
            lines=row.address_lines or [], postcode=row.postcode or None, city=row.city or None
        )
    return t.Organisation(
        name=row.name,
        short_name=row.short_name or None,
        kind=row.kind,
        legal_form=row.legal_form or None,
        siren=row.siren or None,
        siret=row.siret or None,
        rna=row.rna or None,
        address=address,
        department=row.department or None,
    )


AUTHORITY_KEY = "financeur"
BENEFICIARY_KEY = "porteur"


def convention_terms(application: Application, decision: Decision) -> t.Convention:
    """The convention an accepted application becomes, from the fund's model and the
    call: parties, amount, instalments, duration, reporting duties."""
    call = application.call
    fund = call.fund
    beneficiary = t.Organisation(
        name=application.organisation_name,
        kind=application.organisation_kind,
        siret=application.siret,
        rna=application.rna or None,
        address=t.Address(
            lines=[application.address] if application.address else [],
            postcode=application.postcode or None,
            city=application.city or None,
        ),
        department=application.department or None,
    )
    advance = fund.advance_percent
    trigger_text = "à la signature de la convention"
    instalments = (
        [
            t.Instalment(
                kind="single",
                percent=Decimal(100),
                trigger=t.Trigger(kind="on_signature", text=trigger_text),
            )
        ]
        if advance >= 100
        else [
            t.Instalment(
                kind="advance",
                percent=advance,
                trigger=t.Trigger(kind="on_signature", text=trigger_text),
            ),
            t.Instalment(
                kind="balance",
                percent=Decimal(100) - advance,
                trigger=t.Trigger(
                    kind="on_documents",
                    documents=[
                        t.SupportingDocument(
                            kind="activity_report", label="compte rendu de réalisation du projet"
                        )
                    ],
                    text="sur présentation du compte rendu de réalisation du projet",
                ),
            ),
        ]
    )
    reporting = (
        [t.ReportingDuty(party=BENEFICIARY_KEY, subject=call.reporting.strip())]
        if call.reporting.strip()
        else []
    )
    return t.Convention(
        reference=f"{application.reference}-convention",
        title=(
            f"Convention d’attribution d’une subvention au titre de l’appel à projets "
            f"« {call.title} » : {application.project_title}"
        ),
        kind="convention d'attribution de subvention",
        parties=[
            t.Party(
                key=AUTHORITY_KEY,
                role="public_authority",
                organisation=_terms_organisation(fund.authority),
            ),
            t.Party(
                key=BENEFICIARY_KEY,
                role="beneficiary",
                organisation=beneficiary,
                representative=(
                    t.Person(last_name=application.representative)
                    if application.representative
                    else None
                ),
            ),
        ],
        objectives=[application.project_title],
        grants=[
            t.Grant(
                key="subvention",
                kind="project",
                grantor=AUTHORITY_KEY,
                beneficiary=BENEFICIARY_KEY,
                purpose=application.project_title,
                earmarked=True,
                years=[t.GrantYear(year=call.year, amount=decision.amount)],
                instalments=instalments,
                conditions_of_use=decision.conditions or None,
                scheme=fund.name,
            )
        ],
        term=t.Term(
            start_rule="on_signature",
            duration=t.Quantity(value=fund.duration_months, unit="month"),
        ),
        renewal=t.Renewal(kind="none"),
        reporting_duties=reporting,
    )


@transaction.atomic
def application_convention_create(
    *,
    application: Application,
    confirm: bool,
    by: AbstractBaseUser | None,
    now: datetime | None = None,
) -> Convention:
    """An accepted application becomes, in one confirmed step, a convention in the
    register (its obligations calendar and SCDL rows follow from the register)."""
    application = _locked(application)
    _agent(by, application.call.fund)
    if not confirm:
        raise CallError("Confirmez la création de la convention dans le registre.", field="confirm")
    if application.state not in (S.ACCEPTED, S.ACCEPTED_WITH_CONDITIONS):
        raise CallError(
            f"Le dossier {application.reference} est {application.get_state_display()} : "
            "seul un dossier retenu devient une convention.",
            field="state",
        )
    if application.convention_id is not None:
        raise CallError(
            f"Le dossier {application.reference} a déjà sa convention.", field="convention"
        )
    decision = Decision.objects.get(application=application)
    try:
        terms = convention_terms(application, decision)
    except ValueError as error:  # pydantic: an identity the register refuses
        raise CallError(
            f"La convention ne peut être établie : {error}", field="convention"
        ) from None
    convention, _created = convention_store(terms=terms, by=by)
    application.convention = convention
    application.save(update_fields=["convention", "updated_at"])
    audit_record(
        action=AuditAction.UPDATED,
        object_type="call_application",
        object_ref=application.reference,
        by=by,
        summary={"convention": convention.reference, "at": _now(now).isoformat()},
    )
    return convention


def parse_amount(text: str, *, field: str, label: str) -> Decimal:
    """An amount typed in French (« 12 500,50 ») or with a dot; CallError otherwise."""
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CallError(f"{label} : « {text} » n’est pas un montant.", field=field) from None
    if not value.is_finite():
        raise CallError(f"{label} : « {text} » n’est pas un montant.", field=field)
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def application_start(
    *,
    call: Call,
    email: str,
    password: str,
    name: str = "",
    data: ApplicationData,
    now: datetime | None = None,
) -> Application:
    """A first application: the applicant's account and the draft, both or neither."""
    user = applicant_register(email=email, password=password, name=name)
    return application_save(call=call, data=data, by=user, now=now)


@transaction.atomic
def application_file_attach(
    *,
    application: Application,
    kind: str,
    upload: Any,
    by: AbstractBaseUser,
    now: datetime | None = None,
) -> ApplicationFile:
    """Attach a document to a draft (checked: type by name and content, size); it
    replaces the previous one of its kind and ticks the kind in the checklist."""
    from pacte.followup.uploads import UploadError, check_upload

    moment = _now(now)
    application = _locked(application)
    if application.applicant_id != by.pk:
        raise CallError("Ce dossier n’est pas le vôtre.", field=None)
    if application.state != S.DRAFT:
        raise CallError(
            f"Le dossier est {application.get_state_display()} : ses pièces ne changent plus.",
            field="state",
        )
    _open_for_applicant(application, moment)
    if kind not in RequiredDocument.values:
        raise CallError(f"Pièce inconnue : « {kind} ».", field="kind")
    if upload is None:
        raise CallError("Choisissez le fichier à joindre.", field="file")
    try:
        file_type = check_upload(upload)
    except UploadError as error:
        raise CallError(str(error), field="file") from None
    previous = ApplicationFile.objects.filter(application=application, kind=kind).first()
    if previous is not None:
        previous.file.delete(save=False)
        previous.delete()
    attached = ApplicationFile(
        application=application,
        kind=kind,
        file_name=(upload.name or "piece")[:255],
        content_type=file_type.content_type,
        uploaded_at=moment,
    )
    attached.file.save(upload.name or "piece", upload, save=False)
    attached.save()
    if kind not in application.documents:
        application.documents = sorted({*application.documents, kind})
        application.save(update_fields=["documents", "updated_at"])
    audit_record(
        action=AuditAction.UPDATED,
        object_type="call_application",
        object_ref=application.reference,
        by=by,
        summary={"file": kind, "name": attached.file_name},
    )
    return attached
