"""Reads of the calls for projects, for the pages, the API, the documents and the CLI.

Who sees what: an agent of the fund's authority sees its calls and applications; a
reviewer sees the applications assigned to them (only the public summary when
recused, and others' reviews only once theirs is submitted); an applicant sees their
own applications; anyone sees an open call's public page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from pacte.calls import checks
from pacte.calls.access import is_call_agent
from pacte.calls.enums import ApplicationState, Conflict
from pacte.calls.models import (
    Application,
    ApplicationFile,
    Assignment,
    Call,
    CommitteeMeeting,
    Criterion,
    Decision,
    Fund,
    Orientation,
    Review,
)
from pacte.calls.services import application_lines, eligibility_of
from pacte.conventions.models import Convention
from pacte.organisations.models import Organisation

User = AbstractBaseUser | AnonymousUser

S = ApplicationState

RANKED_STATES = (
    S.IN_REVIEW,
    S.READY_FOR_COMMITTEE,
    S.ACCEPTED,
    S.ACCEPTED_WITH_CONDITIONS,
    S.REJECTED,
)


def funds_of_agent(user: User) -> QuerySet[Fund]:
    if not user.is_authenticated:
        return Fund.objects.none()
    funds = Fund.objects.select_related("authority", "partner")
    if getattr(user, "is_superuser", False):
        return funds
    return funds.filter(authority__memberships__user=user, authority__memberships__role="agent")


def calls_of_agent(user: User) -> QuerySet[Call]:
    return Call.objects.filter(fund__in=funds_of_agent(user)).select_related("fund")


def call_for_agent(user: User, reference: str) -> Call | None:
    return calls_of_agent(user).filter(reference=reference).first()


def open_calls(now: datetime | None = None) -> QuerySet[Call]:
    """Calls taking applications now (the public pages)."""
    moment = now or timezone.now()
    return Call.objects.filter(opens_at__lte=moment, closes_at__gte=moment).select_related(
        "fund__authority"
    )


def open_call(reference: str, now: datetime | None = None) -> Call | None:
    return open_calls(now).filter(reference=reference).first()


def current_orientation(call: Call) -> Orientation | None:
    """The call's orientations: the last version validated by the authority."""
    return (
        call.orientations.filter(validated_at__isnull=False)
        .select_related("validated_by")
        .order_by("-version")
        .first()
    )


def orientations_of(call: Call) -> QuerySet[Orientation]:
    return call.orientations.select_related("drafted_by", "validated_by").order_by("-version")


def criteria_of(call: Call) -> list[Criterion]:
    return list(call.criteria.all())


def applications_of_call(call: Call) -> QuerySet[Application]:
    return call.applications.select_related("call", "applicant").order_by("number")


def applications_of_applicant(user: User) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(applicant=user).select_related("call__fund")


def is_applicant(user: User) -> bool:
    """Whether ``user`` has applied (or drafted an application) to a call for projects."""
    return applications_of_applicant(user).exists()


def application_of_applicant(user: User, pk: int) -> Application | None:
    return applications_of_applicant(user).filter(pk=pk).first()


def application_for_agent(user: User, pk: int) -> Application | None:
    application = Application.objects.filter(pk=pk).select_related("call__fund").first()
    if application is None or not is_call_agent(user, application.call.fund):  # type: ignore[arg-type]
        return None
    return application


def assignments_of_reviewer(user: User) -> QuerySet[Assignment]:
    if not user.is_authenticated:
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(reviewer=user)
        .exclude(application__state__in=(S.WITHDRAWN,))
        .select_related("application__call__fund")
        .order_by("application__call", "application__number")
    )


def assignment_of_reviewer(user: User, pk: int) -> Assignment | None:
    return assignments_of_reviewer(user).filter(pk=pk).first()


def reviews_visible(assignment: Assignment) -> list[Review]:
    """Other reviewers' submitted reviews, shown to a reviewer only once their own is
    submitted, and never to a recused one."""
    own = Review.objects.filter(assignment=assignment).first()
    if assignment.conflict == Conflict.CONFLICT or own is None or own.submitted_at is None:
        return []
    return list(
        Review.objects.filter(
            assignment__application=assignment.application, submitted_at__isnull=False
        )
        .exclude(assignment=assignment)
        .select_related("assignment__reviewer")
        .prefetch_related("scores__criterion")
    )


def own_review(assignment: Assignment) -> Review | None:
    return Review.objects.filter(assignment=assignment).prefetch_related("scores").first()


def budget_totals(application: Application) -> checks.Totals:
    return checks.budget_totals(application_lines(application))


def eligibility(application: Application) -> list[str]:
    return eligibility_of(application)


@dataclass(frozen=True)
class RankedApplication:
    application: Application
    ranked: checks.Ranked


def application_score(application: Application) -> Decimal | None:
    """The weighted mean score of an application (one fact, one function)."""
    weights = {c.pk: c.weight for c in application.call.criteria.all()}
    reviews = Review.objects.filter(
        assignment__application=application, submitted_at__isnull=False
    ).exclude(assignment__conflict=Conflict.CONFLICT)
    means = [
        checks.weighted_mean({s.criterion_id: s.value for s in review.scores.all()}, weights)
        for review in reviews.prefetch_related("scores")
    ]
    return checks.application_score(means)


def ranking_of(call: Call) -> list[RankedApplication]:
    """The applications reviewed, by weighted mean, with the cumulative amount requested
    against the envelope (the funding line)."""
    weights = {c.pk: c.weight for c in call.criteria.all()}
    applications = {
        a.pk: a for a in call.applications.filter(state__in=RANKED_STATES).order_by("number")
    }
    means: dict[int, list[Decimal | None]] = {pk: [] for pk in applications}
    reviews = (
        Review.objects.filter(
            assignment__application__in=list(applications), submitted_at__isnull=False
        )
        .exclude(assignment__conflict=Conflict.CONFLICT)
        .select_related("assignment")
        .prefetch_related("scores")
    )
    for review in reviews:
        means[review.assignment.application_id].append(
            checks.weighted_mean({s.criterion_id: s.value for s in review.scores.all()}, weights)
        )
    ranked = checks.ranking(
        (
            checks.Candidate(
                key=str(pk),
                score=checks.application_score(means[pk]),
                amount=application.amount_requested,
                reviews=len([m for m in means[pk] if m is not None]),
            )
            for pk, application in applications.items()
        ),
        call.envelope,
    )
    return [RankedApplication(application=applications[int(r.key)], ranked=r) for r in ranked]


def committee_of(call: Call) -> CommitteeMeeting | None:
    return CommitteeMeeting.objects.filter(call=call).first()


def conflicts_of(call: Call) -> QuerySet[Assignment]:
    """Every declaration of the call, for the committee's minutes."""
    return (
        Assignment.objects.filter(application__call=call)
        .exclude(conflict=Conflict.UNDECLARED)
        .select_related("application", "reviewer")
        .order_by("application__number", "reviewer__username")
    )


def calls_of_partner(user: User) -> QuerySet[Call]:
    """Calls of the funds whose partner is this partner member's organisation."""
    if not user.is_authenticated:
        return Call.objects.none()
    return Call.objects.filter(
        fund__partner__memberships__user=user, fund__partner__memberships__role="partner"
    ).select_related("fund")


def call_for_orientations(user: User, reference: str) -> Call | None:
    """The call, for an agent of its authority or a member of its partner."""
    call = Call.objects.filter(reference=reference).select_related("fund__authority").first()
    if call is None:
        return None
    if is_call_agent(user, call.fund):
        return call
    if calls_of_partner(user).filter(pk=call.pk).exists():
        return call
    return None


def reviewer_candidates(call: Call) -> list[tuple[int, str]]:
    """Who may review the call's applications: the authority's agents and the partner's
    members, as (id, name)."""
    from pacte.accounts.models import Membership

    rows = Membership.objects.filter(
        Q(organisation=call.fund.authority, role="agent")
        | Q(organisation_id=call.fund.partner_id, role="partner")
    ).select_related("user", "organisation")
    return [
        (m.user_id, f"{m.user.get_full_name() or m.user.get_username()} ({m.organisation.name})")
        for m in rows.order_by("organisation__name", "user__username")
    ]


def reviewers_by_id(call: Call, ids: list[int]) -> list[AbstractBaseUser]:
    from django.contrib.auth import get_user_model

    allowed = {pk for pk, _ in reviewer_candidates(call)}
    users = {
        u.pk: u for u in get_user_model().objects.filter(pk__in=[i for i in ids if i in allowed])
    }
    return [users[i] for i in ids if i in users]


def assignments_of(application: Application) -> QuerySet[Assignment]:
    return application.assignments.select_related("reviewer").order_by("pk")


def reviews_of(application: Application) -> list[Review]:
    """Every submitted review of an application (the agents' view)."""
    return list(
        Review.objects.filter(assignment__application=application, submitted_at__isnull=False)
        .select_related("assignment__reviewer")
        .prefetch_related("scores__criterion")
        .order_by("assignment__pk")
    )


def budget_lines_of(application: Application) -> list[checks.Line]:
    return application_lines(application)


def decision_of(application: Application) -> Decision | None:
    return Decision.objects.filter(application=application).select_related("meeting").first()


def decisions_of(call: Call) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(application__call=call)
        .select_related("application")
        .order_by("application__number")
    )


def state_counts(call: Call) -> dict[str, int]:
    counts = {state: 0 for state in S.values}
    for state in call.applications.values_list("state", flat=True):
        counts[state] += 1
    return counts


def call_public(reference: str) -> Call | None:
    """A call's public page: any call that has opened (a closed call still shows its
    terms, without the button to apply)."""
    return (
        Call.objects.filter(reference=reference, opens_at__lte=timezone.now())
        .select_related("fund__authority", "fund__partner")
        .first()
    )


def is_open(call: Call, now: datetime | None = None) -> bool:
    moment = now or timezone.now()
    return call.opens_at <= moment <= call.closes_at


def application_for_convention(application: Application) -> Convention | None:
    return application.convention


def call_by_reference(reference: str) -> Call | None:
    """Any call, for the command line (run by whoever runs the server)."""
    return Call.objects.filter(reference=reference).select_related("fund").first()


def criterion_means(application: Application) -> dict[int, Decimal | None]:
    """The mean score of each criterion over the submitted reviews (« sans objet » left out)."""
    values: dict[int, list[int]] = {c.pk: [] for c in application.call.criteria.all()}
    reviews = Review.objects.filter(
        assignment__application=application, submitted_at__isnull=False
    ).exclude(assignment__conflict=Conflict.CONFLICT)
    for review in reviews.prefetch_related("scores"):
        for score in review.scores.all():
            if score.value is not None and score.criterion_id in values:
                values[score.criterion_id].append(score.value)
    return {
        pk: (Decimal(sum(found)) / len(found)).quantize(Decimal("0.01")) if found else None
        for pk, found in values.items()
    }


def agent_authority(user: User) -> Organisation | None:
    """The authority an agent works for (the one whose funds they create), or None."""
    from pacte.accounts.models import Membership

    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user=user, role="agent").select_related("organisation").first()
    )
    return membership.organisation if membership else None


def partner_choices(authority: Organisation) -> list[tuple[int, str]]:
    """The organisations that may be a fund's partner: any other of the register."""
    return [(o.pk, o.name) for o in Organisation.objects.exclude(pk=authority.pk).order_by("name")]


def organisation_by_id(pk: int | None) -> Organisation | None:
    return Organisation.objects.filter(pk=pk).first() if pk else None


def fund_choices(user: User) -> list[tuple[int, str]]:
    return [(f.pk, f.name) for f in funds_of_agent(user)]


def fund_of_agent(user: User, pk: int) -> Fund | None:
    return funds_of_agent(user).filter(pk=pk).first()


def files_of(application: Application) -> list[ApplicationFile]:
    return list(application.files.order_by("kind"))


def file_of(application: Application, pk: int) -> ApplicationFile | None:
    return application.files.filter(pk=pk).first()


def assignment_for_files(user: User, application: Application) -> Assignment | None:
    """The user's assignment on this application, if they declared no conflict (who may
    read its documents as a reviewer)."""
    if not user.is_authenticated:
        return None
    return application.assignments.filter(reviewer=user, conflict=Conflict.NONE).first()


def application_for_files(user: User, pk: int) -> Application | None:
    """The application whose documents this user may read: its agents, its applicant,
    and the reviewers it is assigned to who declared no conflict."""
    found = application_for_agent(user, pk) or application_of_applicant(user, pk)
    if found is not None:
        return found
    assignment = (
        assignments_of_reviewer(user)
        .filter(application_id=pk, conflict=Conflict.NONE)
        .select_related("application__call")
        .first()
    )
    return assignment.application if assignment else None
