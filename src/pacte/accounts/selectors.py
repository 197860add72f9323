"""Who may see and do what: every view asks these, never the models directly.

>>> sorted(ACTIONS_BY_ROLE[Role.PARTNER])
['document']
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from pacte.accounts.enums import Role
from pacte.accounts.models import CalendarFeed, Membership
from pacte.conventions.models import Convention, Party
from pacte.deliberations.models import Session

ACTIONS = frozenset(
    {
        "signature",
        "payment",
        "document",
        "meeting",
        "notice",
        "renewal",
        "termination",
        "amendment",
    }
)
"""The follow-up records a user may add from a convention page."""

ACTIONS_BY_ROLE: dict[Role, frozenset[str]] = {
    Role.AGENT: ACTIONS,
    # a partner sends its supporting documents, nothing else
    Role.PARTNER: frozenset({"document"}),
    Role.READER: frozenset(),
}

User = AbstractBaseUser | AnonymousUser


def membership_of(user: User) -> Membership | None:
    """The role of a signed-in user, or None (anonymous, or an account without a role)."""
    if not user.is_authenticated:
        return None
    try:
        return user.membership  # type: ignore[union-attr]
    except Membership.DoesNotExist:
        return None


def is_partner(user: User) -> bool:
    """A partner organisation's user (who sees only what concerns their organisation)."""
    membership = membership_of(user)
    return membership is not None and membership.role == Role.PARTNER


def is_admin(user: User) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


def conventions_visible_to(user: User) -> QuerySet[Convention]:
    """The conventions a user may read: all for the administrator, else those of their organisation.

    An agent or a reader sees the conventions their authority is party to; a partner
    those of their organisation; anyone else nothing.
    """
    if is_admin(user):
        return Convention.objects.all()
    membership = membership_of(user)
    if membership is None:
        return Convention.objects.none()
    parties = Party.objects.filter(organisation_id=membership.organisation_id)
    return Convention.objects.filter(pk__in=parties.values("convention_id"))


def convention_visible_to(user: User, reference: str, *prefetch: str) -> Convention | None:
    """The convention of this reference if this user may see it (its relations
    ``prefetch`` read with it), else None."""
    return (
        conventions_visible_to(user).prefetch_related(*prefetch).filter(reference=reference).first()
    )


def references_visible_to(user: User, references: set[str]) -> set[str]:
    """Those of these convention references this user may see."""
    return set(
        conventions_visible_to(user)
        .filter(reference__in=references)
        .values_list("reference", flat=True)
    )


def sessions_visible_to(user: User) -> QuerySet[Session]:
    """Council sessions a user may read.

    The administrator sees all; an agent or a reader the sessions of their authority; a
    partner only a session that approved one of their conventions (an act published
    anyway, and the one their convention page links to); anyone else nothing.
    """
    if is_admin(user):
        return Session.objects.all()
    membership = membership_of(user)
    if membership is None:
        return Session.objects.none()
    if membership.role == Role.PARTNER:
        approved = conventions_visible_to(user).values("deliberation__session_id")
        return Session.objects.filter(pk__in=approved)
    return Session.objects.filter(authority_id=membership.organisation_id)


def session_visible_to(user: User, pk: int) -> Session | None:
    """The session of this number if this user may see it, else None."""
    return sessions_visible_to(user).filter(pk=pk).first()


def actions_allowed(user: User) -> frozenset[str]:
    """The follow-up records this user may add on the conventions they see."""
    if is_admin(user):
        return ACTIONS
    membership = membership_of(user)
    if membership is None:
        return frozenset()
    return ACTIONS_BY_ROLE[Role(membership.role)]


def calendar_feed_of(user: User) -> CalendarFeed | None:
    if not user.is_authenticated:
        return None
    return CalendarFeed.objects.filter(user_id=user.pk).first()


def user_for_calendar_token(token: str) -> AbstractBaseUser | None:
    """The active account a feed token belongs to, or None (unknown, revoked, or inactive)."""
    if not token:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def may_be_in_charge(user: AbstractBaseUser, convention: Convention) -> bool:
    """Whether ``user`` may be the agent in charge of ``convention``: an active agent of
    an organisation party to it (or an administrator)."""
    if not getattr(user, "is_active", False):
        return False
    if is_admin(user):
        return True
    membership = membership_of(user)
    return (
        membership is not None
        and membership.role == Role.AGENT
        and Party.objects.filter(
            convention_id=convention.pk, organisation_id=membership.organisation_id
        ).exists()
    )


def agents_in_charge_choices(
    *, convention: Convention | None = None, organisation_id: int | None = None
) -> list[AbstractBaseUser]:
    """The active agents who may be put in charge: those of the organisations party to
    ``convention``, or of ``organisation_id``, or all of them; by name."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, membership__role=Role.AGENT)
    if convention is not None:
        parties = Party.objects.filter(convention_id=convention.pk)
        users = users.filter(membership__organisation_id__in=parties.values("organisation_id"))
    elif organisation_id is not None:
        users = users.filter(membership__organisation_id=organisation_id)
    return list(users.select_related("membership__organisation").order_by("last_name", "username"))


def user_label(user: AbstractBaseUser) -> str:
    """« Claire Martin » (or the username when the account has no name)."""
    return str(user.get_full_name() or user.get_username())  # type: ignore[attr-defined]


def may_assign(user: User) -> bool:
    """Whether ``user`` may choose the agent in charge of the conventions they see: the
    authority's agents and the administrator (not partners, not readers)."""
    if is_admin(user):
        return True
    membership = membership_of(user)
    return membership is not None and membership.role == Role.AGENT


def second_factor_of(user: User, *, confirmed: bool = True) -> Any | None:
    """The user's TOTP device (``confirmed``: in use; else one waiting for a first code)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not user.is_authenticated and not getattr(user, "pk", None):
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=confirmed).order_by("-pk").first()


def user_by_pk(pk: int) -> AbstractBaseUser | None:
    """An active account by its key (the login waiting for its second factor)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=pk, is_active=True).first()
