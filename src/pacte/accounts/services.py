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


# -- second factor (TOTP) -------------------------------------------------------------------


class SecondFactorRefused(Exception):
    """A code refused: wrong or already used, or too many tries (``wait`` seconds left)."""

    def __init__(self, message: str, *, wait: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.wait = wait


def _code_problem(device: Any, code: str) -> SecondFactorRefused | None:
    """Verify a six-digit code on ``device``: None when right, else the refusal (French).

    A wrong code is counted on the device (the next try waits 1, 2, 4… seconds): the
    caller commits that count before raising the refusal."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        failures = (details or {}).get("failure_count", 1)
        wait = min(2 ** (failures - 1), 3600)
        return SecondFactorRefused(
            f"Trop de codes erronés : attendez {wait} seconde{'s' if wait > 1 else ''} "
            "avant d'essayer de nouveau.",
            wait=wait,
        )
    cleaned = code.replace(" ", "").strip()
    if cleaned.isdigit() and len(cleaned) == 6 and device.verify_token(cleaned):
        return None
    if not (cleaned.isdigit() and len(cleaned) == 6):
        device.throttle_increment(commit=True)
    return SecondFactorRefused(
        "Code incorrect, expiré ou déjà utilisé : saisissez les six chiffres affichés "
        "maintenant par votre application d'authentification."
    )


def second_factor_begin(*, user: AbstractBaseUser) -> Any:
    """A new secret for the user's authenticator app, waiting for a first code to be
    confirmed (an earlier unconfirmed one is dropped; a confirmed one stays until then)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="Pacte", confirmed=False)


def second_factor_confirm(*, user: AbstractBaseUser, code: str) -> Any:
    """Switch the second factor on once the app gives a right code (``SecondFactorRefused``
    otherwise): from then on, logging in asks for a code after the password."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).last()
        if device is None:
            raise SecondFactorRefused(
                "Aucune activation en cours : cliquez d'abord sur « Activer la double "
                "authentification »."
            )
        refused = _code_problem(device, code)
        if refused is None:
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit_record(
                action=AuditAction.UPDATED,
                object_type="compte",
                object_ref=user.get_username(),
                by=user,
                summary={"double authentification": "activée"},
            )
    if refused is not None:  # raised once the count of wrong codes is kept
        raise refused
    return device


def second_factor_disable(*, user: AbstractBaseUser, code: str) -> None:
    """Switch the second factor off, on a right code from the app (``SecondFactorRefused``)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            return
        refused = _code_problem(device, code)
        if refused is None:
            TOTPDevice.objects.filter(user=user).delete()
            audit_record(
                action=AuditAction.UPDATED,
                object_type="compte",
                object_ref=user.get_username(),
                by=user,
                summary={"double authentification": "désactivée"},
            )
    if refused is not None:
        raise refused


def second_factor_verify(*, user: AbstractBaseUser, code: str) -> Any:
    """The user's device if ``code`` is right (at login), else ``SecondFactorRefused``;
    failures slow the next tries down (1, 2, 4… seconds)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            raise SecondFactorRefused(
                "La double authentification n'est plus active : reconnectez-vous."
            )
        refused = _code_problem(device, code)
    if refused is not None:
        raise refused
    return device
