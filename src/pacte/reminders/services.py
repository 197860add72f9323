"""Sending the reminders: each one claimed before it is sent, so never twice.

``reminders_send(on=…)`` is run every day (``pacte reminders``, or the scheduler's
task): the weekly digest goes out on the first run of each week, an alert on the first
run once a deadline is within one of the user's thresholds (30 and 7 days by default).
A reminder is first recorded as claimed (a unique key per user, kind and week or
deadline), then sent, then marked sent; a second run skips what is claimed. A failed
delivery (SMTP refused, server down) releases the claim so the next run tries again,
and so does an interruption while sending; only a process killed between the delivery
and the mark could leave a claim without knowing whether it left (never a duplicate).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.reminders.models import ReminderSent, ReminderSettings, ReminderState
from pacte.reminders.planning import parse_days, week_key
from pacte.reminders.selectors import (
    alert_days,
    alerts_for,
    digest_for,
    recipients,
    reminder_settings,
)
from pacte.terms import format_date_fr


@dataclass
class SendReport:
    """What a run did: mails sent, reminders already sent before, failures (French)."""

    sent: int = 0
    already: int = 0
    failed: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    """With ``dry_run``: the subjects and addresses that would be sent."""


def _base_url() -> str:
    return str(getattr(settings, "PACTE_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")


def _message(
    user: AbstractBaseUser, subject: str, template: str, context: dict[str, object]
) -> EmailMessage:
    prefs: ReminderSettings = context["settings"]  # type: ignore[assignment]
    unsubscribe = f"{_base_url()}/rappels/desabonnement/{prefs.unsubscribe_token}/"
    body = render_to_string(
        template,
        {**context, "user": user, "base_url": _base_url(), "unsubscribe": unsubscribe},
    )
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],  # type: ignore[attr-defined]
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "Auto-Submitted": "auto-generated"},
    )


def _send_once(
    user: AbstractBaseUser, kind: str, key: str, message: EmailMessage, report: SendReport
) -> None:
    try:
        with transaction.atomic():
            claim = ReminderSent.objects.create(
                user=user, kind=kind, key=key, subject=message.subject[:300]
            )
    except IntegrityError:
        report.already += 1
        return
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        claim.delete()
        report.failed.append(f"{message.to[0]} : envoi refusé ({error.__class__.__name__})")
        return
    except BaseException:
        claim.delete()  # interrupted before the mail left: the next run sends it
        raise
    ReminderSent.objects.filter(pk=claim.pk).update(
        state=ReminderState.SENT, sent_at=timezone.now()
    )
    report.sent += 1


def _prefs(user: AbstractBaseUser) -> ReminderSettings:
    """The saved settings (created with the defaults: the unsubscribe link needs a token)."""
    prefs = reminder_settings(user)
    if prefs.pk is None:
        prefs, _ = ReminderSettings.objects.get_or_create(user_id=user.pk)
    return prefs


def reminders_send(*, on: date, dry_run: bool = False) -> SendReport:
    """Send the digests and alerts due ``on`` a day; with ``dry_run``, only list them."""
    report = SendReport()
    connection = None if dry_run else get_connection()
    for user in recipients():
        current = reminder_settings(user)
        if not (current.weekly_digest or current.alerts):
            continue
        outgoing: list[tuple[str, str, str, str, dict[str, object]]] = []
        if current.weekly_digest and (sections := digest_for(user, on=on)):
            count = sum(len(s.lines) for s in sections)
            late = sum(1 for s in sections for line in s.lines if line.overdue)
            subject = f"Pacte — votre semaine : {count} obligation{'s' if count > 1 else ''}"
            if late:
                subject += f", dont {late} en retard"
            context = {"sections": sections, "on": on, "count": count, "late": late}
            outgoing.append(("digest", week_key(on), subject, "reminders/digest.txt", context))
        if current.alerts:
            for alert in alerts_for(user, on=on, days=alert_days(current)):
                line = alert.line
                subject = (
                    f"Pacte — échéance le {format_date_fr(line.due)} : {line.title} "
                    f"({line.reference})"
                )
                context = {"alert": alert, "line": line, "on": on, "left": (line.due - on).days}
                outgoing.append(("alert", alert.key, subject, "reminders/alert.txt", context))
        if not outgoing:
            continue
        if dry_run:
            email = user.email  # type: ignore[attr-defined]
            report.planned += [f"{email} : {subject}" for _, _, subject, _, _ in outgoing]
            continue
        prefs = _prefs(user)
        for kind, key, subject, template, context in outgoing:
            message = _message(user, subject, template, {**context, "settings": prefs})
            message.connection = connection
            _send_once(user, kind, key, message, report)
    return report


@transaction.atomic
def reminder_settings_update(
    *, user: AbstractBaseUser, weekly_digest: bool, alerts: bool, alert_days: str
) -> ReminderSettings:
    """Save a user's choices; ``DaysError`` (French) when the days cannot be read."""
    days = parse_days(alert_days) if alerts or alert_days.strip() else ()
    prefs, _ = ReminderSettings.objects.select_for_update().get_or_create(user_id=user.pk)
    prefs.weekly_digest = weekly_digest
    prefs.alerts = alerts
    prefs.alert_days = ", ".join(str(d) for d in days) if days else prefs.alert_days
    prefs.save()
    audit_record(
        action=AuditAction.UPDATED,
        object_type="reminder_settings",
        object_ref=str(user.pk),
        by=user,
        summary={"weekly_digest": weekly_digest, "alerts": alerts, "alert_days": prefs.alert_days},
    )
    return prefs


@transaction.atomic
def reminder_unsubscribe(*, token: str) -> ReminderSettings | None:
    """Stop every reminder of the account this link belongs to; None for an unknown link."""
    prefs = ReminderSettings.objects.select_for_update().filter(unsubscribe_token=token).first()
    if prefs is None:
        return None
    prefs.weekly_digest = False
    prefs.alerts = False
    prefs.save(update_fields=["weekly_digest", "alerts", "updated_at"])
    audit_record(
        action=AuditAction.UPDATED,
        object_type="reminder_settings",
        object_ref=str(prefs.user_id),
        by=None,
        summary={"unsubscribed": True},
    )
    return prefs
