"""Writes for accounts: roles and calendar feeds, each audited.

Example: ``membership_set(user=lea, role=Role.AGENT, organisation=ville, by=admin)``.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from pacte.accounts.enums import Role
from pacte.accounts.models import CalendarFeed, Membership
from pacte.accounts.selectors import may_be_in_charge
from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.conventions.models import Convention
from pacte.conventions.services import convention_lock
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


class AssignError(ValueError):
    """An agent in charge that cannot be set (not an agent of a party); French message."""


@transaction.atomic
def convention_assign(
    *, convention: Convention, agent: Any | None, by: AbstractBaseUser | None = None
) -> Convention:
    """Set (or, with ``None``, clear) the agent in charge of ``convention``; journaled.

    The agent must be an active account of an authority party to the convention (or an
    administrator); ``AssignError`` (French) otherwise, and nothing is written.
    """
    convention_lock(convention)
    convention.refresh_from_db(fields=["agent_in_charge"])
    if agent is not None and not may_be_in_charge(agent, convention):
        raise AssignError(
            f"{agent.get_full_name() or agent.get_username()} ne peut pas être en charge de "
            f"la convention {convention.reference} : seul un agent d'une collectivité partie "
            "à la convention peut l'être."
        )
    before = convention.agent_in_charge
    if (before.pk if before else None) == (agent.pk if agent else None):
        return convention
    convention.agent_in_charge = agent
    convention.save(update_fields=["agent_in_charge", "updated_at"])
    audit_record(
        action=AuditAction.UPDATED,
        object_type="convention",
        object_ref=convention.reference,
        by=by,
        summary={
            "description": (
                f"Agent en charge : {_person_label(agent)}"
                + (f" (auparavant {_person_label(before)})" if before else "")
            ),
            "agent_in_charge": agent.get_username() if agent else None,
            "previous": before.get_username() if before else None,
        },
    )
    return convention


def _person_label(user: Any | None) -> str:
    if user is None:
        return "personne"
    return str(user.get_full_name() or user.get_username())
