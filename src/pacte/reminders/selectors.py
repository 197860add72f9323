"""What each user is reminded of: read from the stored obligations, never written.

A user hears about the conventions they may see (``accounts.conventions_visible_to``):
an agent or the administrator about everything that is due, a partner about the
documents they must provide. A reader (an elected official) gets nothing unless they
asked for it on « Mon compte ».
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from pacte.accounts.enums import Role
from pacte.accounts.selectors import conventions_visible_to, is_admin, is_partner, membership_of
from pacte.conventions.models import Convention
from pacte.followup.models import StoredObligation
from pacte.followup.sections import GROUPS
from pacte.followup.selectors.todo import active_rows
from pacte.reminders.models import ReminderSettings
from pacte.reminders.planning import DEFAULT_DAYS, DIGEST_AHEAD, alert_threshold, parse_days
from pacte.rules.obligations import ObligationKind
from pacte.terms import format_amount_fr, format_date_fr

AGENT_ALERTS = frozenset(
    {ObligationKind.PAYMENT, ObligationKind.NOTICE_DEADLINE, ObligationKind.MEETING}
)
"""What an agent is alerted of ahead: payments, notice deadlines, committees."""
PARTNER_SECTIONS = frozenset({"documents"})
"""A partner hears about the documents they must provide."""


@dataclass(frozen=True)
class MailLine:
    reference: str
    convention: str
    title: str
    due: date
    overdue: bool
    amount: Decimal | None

    @property
    def due_fr(self) -> str:
        return format_date_fr(self.due)

    @property
    def amount_fr(self) -> str:
        """The amount, when the title does not already say it."""
        if self.amount is None:
            return ""
        amount = format_amount_fr(self.amount)
        return "" if amount in self.title else amount


@dataclass
class MailSection:
    title: str
    lines: list[MailLine] = field(default_factory=list)


@dataclass(frozen=True)
class Alert:
    line: MailLine
    days: int
    key: str


def reminder_settings(user: AbstractBaseUser) -> ReminderSettings:
    """The user's settings, or the defaults (unsaved) if they never chose."""
    found = ReminderSettings.objects.filter(user_id=user.pk).first()
    return found or ReminderSettings(user_id=user.pk)


def alert_days(settings: ReminderSettings) -> tuple[int, ...]:
    try:
        return parse_days(settings.alert_days)
    except ValueError:
        return DEFAULT_DAYS


def recipients() -> QuerySet[AbstractBaseUser]:
    """Active accounts with an address: agents, partners, the administrator, and the
    readers who asked for reminders."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(is_superuser=True)
        | Q(membership__role__in=[Role.AGENT, Role.PARTNER])
        | Q(membership__role=Role.READER, reminder_settings__isnull=False)
    ).order_by("pk")


def _line(row: StoredObligation, on: date) -> MailLine:
    due = row.act_by or row.due
    assert due is not None
    return MailLine(
        reference=row.reference,
        convention=row.convention.title,
        title=row.title,
        due=due,
        overdue=due < on,
        amount=row.amount,
    )


def conventions_reminded(user: AbstractBaseUser) -> QuerySet[Convention]:
    """The conventions whose reminders go to ``user``: those they may see; for the
    authority's staff (agents, the administrator), only those they are in charge of or
    that nobody is in charge of (a convention with an agent in charge reminds that agent
    alone). Partners and readers hear about what they see, as before."""
    conventions = conventions_visible_to(user)
    membership = membership_of(user)
    if is_admin(user) or (membership is not None and membership.role == Role.AGENT):
        conventions = conventions.filter(
            Q(agent_in_charge__isnull=True) | Q(agent_in_charge_id=user.pk)
        )
    return conventions


def _rows(user: AbstractBaseUser, on: date, ahead: int) -> QuerySet[StoredObligation]:
    rows = active_rows(conventions_reminded(user), on=on, ahead=timedelta(days=ahead))
    if is_partner(user):
        rows = rows.filter(section__in=PARTNER_SECTIONS)
    return rows.select_related("convention").order_by("due", "reference", "position")


def digest_for(user: AbstractBaseUser, *, on: date) -> list[MailSection]:
    """The sections of the weekly digest: overdue and due in the next 30 days, grouped
    and worded as « À faire » (the partner's wording for a partner)."""
    partner = is_partner(user)
    sections = {g.key: MailSection(g.heading(partner=partner)) for g in GROUPS}
    for row in _rows(user, on, DIGEST_AHEAD):
        sections[row.section].lines.append(_line(row, on))
    return [section for section in sections.values() if section.lines]


def _key(line: MailLine, kind: str, days: int) -> str:
    text = f"{line.reference}|{kind}|{line.title}|{line.due.isoformat()}|{days}"
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def alerts_for(user: AbstractBaseUser, *, on: date, days: tuple[int, ...]) -> list[Alert]:
    """The deadlines ``days`` ahead (30 and 7 by default) this user is alerted of today."""
    partner = is_partner(user)
    found = []
    for row in _rows(user, on, max(days)):
        if not partner and row.kind not in AGENT_ALERTS:
            continue
        line = _line(row, on)
        threshold = alert_threshold(line.due, on=on, days=days)
        if threshold is not None:
            found.append(Alert(line, threshold, _key(line, row.kind, threshold)))
    return found


def settings_for_token(token: str) -> ReminderSettings | None:
    """The settings an unsubscribe link belongs to, or None."""
    if not token or len(token) > 64:
        return None
    return ReminderSettings.objects.select_related("user").filter(unsubscribe_token=token).first()
