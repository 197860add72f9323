"""Writes for accounts: roles and calendar feeds, each audited.

Example: ``membership_set(user=lea, role=Role.AGENT, organisation=ville, by=admin)``.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from pacte.accounts.enums import Role
from pacte.accounts.models import CalendarFeed, Membership
from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.organisations.models import Organisation


@transaction.atomic
def membership_set(
    *,
    user: AbstractBaseUser,
    role: Role,
    organisation: Organisation,
    by: AbstractBaseUser | None = None,
) -> Membership:
    """Give ``user`` a role for ``organisation`` (replacing any previous one)."""
    membership, created = Membership.objects.update_or_create(
        user=user, defaults={"role": role, "organisation": organisation}
    )
    audit_record(
        action=AuditAction.CREATED if created else AuditAction.UPDATED,
        object_type="membership",
        object_ref=user.get_username(),
        by=by,
        summary={
            "description": f"Rôle « {role.label} » pour {organisation.name}",
            "role": role.value,
            "organisation": organisation.name,
        },
    )
    return membership


@transaction.atomic
def membership_remove(*, user: AbstractBaseUser, by: AbstractBaseUser | None = None) -> bool:
    """Take away the user's role: the account then sees nothing. Returns whether it had one."""
    deleted, _ = Membership.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            action=AuditAction.DELETED,
            object_type="membership",
            object_ref=user.get_username(),
            by=by,
            summary={"description": "Rôle retiré"},
        )
    return bool(deleted)


@transaction.atomic
def calendar_feed_regenerate(*, user: AbstractBaseUser) -> CalendarFeed:
    """A new secret address for the user's calendar; the previous one stops working."""
    CalendarFeed.objects.filter(user=user).delete()
    feed = CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
    audit_record(
        action=AuditAction.CREATED,
        object_type="calendar_feed",
        object_ref=user.get_username(),
        by=user,
        summary={"description": "Nouvelle adresse du calendrier personnel"},
    )
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: AbstractBaseUser) -> bool:
    """Revoke the user's calendar address; returns whether there was one."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            action=AuditAction.DELETED,
            object_type="calendar_feed",
            object_ref=user.get_username(),
            by=user,
            summary={"description": "Adresse du calendrier personnel révoquée"},
        )
    return bool(deleted)


def calendar_feed_used(*, user: AbstractBaseUser, now: datetime) -> None:
    """Note when a user's calendar feed was last read (shown on « Mon compte »).

    The one write a read makes, like a login's date: a credential's last use, never the
    register's data; at most once a minute, as for API tokens."""
    CalendarFeed.objects.filter(user_id=user.pk).exclude(
        last_used_at__gt=now - timedelta(minutes=1)
    ).update(last_used_at=now)
