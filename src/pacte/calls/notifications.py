"""E-mails of the calls for projects, sent by the reminders' machinery (``pacte
reminders``, or the scheduler's daily task): each one claimed before it is sent, so
never twice (``ReminderSent``).

- a reviewer is told when an application is assigned to them;
- a reviewer whose review is still due is reminded ``REVIEW_DUE_DAYS`` days before the
  committee;
- a draft holder is reminded when the call closes within ``CLOSING_DAYS`` days;
- an applicant is told the committee's decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone

from pacte.calls.enums import ApplicationState, Conflict
from pacte.calls.models import Application, Assignment
from pacte.reminders.services import SendReport, _base_url, _send_once
from pacte.terms.formats import format_amount_fr, format_date_fr

REVIEW_DUE_DAYS = 7
CLOSING_DAYS = 3
S = ApplicationState


@dataclass(frozen=True)
class Notice:
    user: AbstractBaseUser
    kind: str  # at most 10 characters (``ReminderSent.kind``)
    key: str
    subject: str
    body: str


def _link(name: str, *args: object) -> str:
    return f"{_base_url()}{reverse(name, args=args)}"


def _closing(moment: object) -> str:
    local = timezone.localtime(moment)  # type: ignore[arg-type]
    return f"{format_date_fr(local.date())} à {local.hour} h {local.minute:02d}"


def notices_due(on: date) -> list[Notice]:
    """What is due ``on`` a day (already sent or not: the claim decides)."""
    notices: list[Notice] = []
    assignments = Assignment.objects.select_related(
        "reviewer", "application__call", "review"
    ).exclude(application__state=S.WITHDRAWN)
    for assignment in assignments:
        application = assignment.application
        call = application.call
        notices.append(
            Notice(
                assignment.reviewer,
                "c-assign",
                str(assignment.pk),
                f"Pacte — dossier à évaluer : {application.reference} ({call.title})",
                f"Le dossier {application.reference} « {application.project_title} » vous est "
                f"confié pour évaluation dans l’appel « {call.title} ».\n\nDéclarez d’abord vos "
                f"intérêts, puis notez le dossier : {_link('review', assignment.pk)}\n",
            )
        )
        submitted = hasattr(assignment, "review") and assignment.review.submitted_at is not None
        if (
            application.state == S.IN_REVIEW
            and assignment.conflict != Conflict.CONFLICT
            and not submitted
            and call.committee_on is not None
            and call.committee_on - timedelta(days=REVIEW_DUE_DAYS) <= on < call.committee_on
        ):
            left = (call.committee_on - on).days
            notices.append(
                Notice(
                    assignment.reviewer,
                    "c-review",
                    str(assignment.pk),
                    f"Pacte — évaluation attendue avant le {format_date_fr(call.committee_on)} : "
                    f"{application.reference}",
                    f"Le comité de sélection se réunit le {format_date_fr(call.committee_on)} "
                    f"(dans {left} jour{'s' if left > 1 else ''}) ; votre évaluation du dossier "
                    f"{application.reference} « {application.project_title} » n’est pas encore "
                    f"transmise : {_link('review', assignment.pk)}\n",
                )
            )
    drafts = Application.objects.filter(
        state=S.DRAFT, information_deadline__isnull=True
    ).select_related("call", "applicant")
    for application in drafts:
        closes = timezone.localtime(application.call.closes_at).date()
        if on <= closes <= on + timedelta(days=CLOSING_DAYS) and (
            timezone.now() < application.call.closes_at
        ):
            notices.append(
                Notice(
                    application.applicant,
                    "c-closing",
                    str(application.pk),
                    f"Pacte — l’appel « {application.call.title} » clôt le "
                    f"{_closing(application.call.closes_at)}",
                    f"Votre dossier {application.reference} « {application.project_title} » est "
                    "encore en brouillon : déposez-le avant le "
                    f"{_closing(application.call.closes_at)} (heure de Paris). "
                    f"{_link('my_application', application.pk)}\n",
                )
            )
    decided = Application.objects.filter(
        state__in=(S.ACCEPTED, S.ACCEPTED_WITH_CONDITIONS, S.REJECTED)
    ).select_related("call", "applicant", "decision")
    for application in decided:
        decision = application.decision
        text = f"Le comité de sélection a rendu sa décision sur votre dossier {application.reference} « {application.project_title} » : {decision.get_outcome_display()}"
        if decision.amount:
            text += f", pour {format_amount_fr(decision.amount)}"
        notices.append(
            Notice(
                application.applicant,
                "c-decision",
                str(application.pk),
                f"Pacte — décision sur votre dossier {application.reference}",
                text
                + ".\n\nLa lettre de notification est dans votre espace : "
                + f"{_link('my_application', application.pk)}\n",
            )
        )
    return notices


def notifications_send(*, on: date, dry_run: bool = False) -> SendReport:
    """Send what is due ``on`` a day (each notice once); with ``dry_run``, only list it."""
    report = SendReport()
    connection = None if dry_run else get_connection()
    for notice in notices_due(on):
        email = getattr(notice.user, "email", "")
        if not email:
            continue
        if dry_run:
            report.planned.append(f"{email} : {notice.subject}")
            continue
        message = EmailMessage(
            subject=notice.subject,
            body=notice.body,
            to=[email],
            headers={"Auto-Submitted": "auto-generated"},
            connection=connection,
        )
        _send_once(notice.user, notice.kind, notice.key, message, report)
    return report
