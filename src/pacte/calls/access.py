"""Who may do what in the calls for projects (read by the services, the selectors and
the pages alike)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from pacte.accounts.enums import Role
from pacte.accounts.models import Membership
from pacte.calls.models import Fund

User = AbstractBaseUser | AnonymousUser


def _membership(user: User | None) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.membership  # type: ignore[union-attr]
    except Membership.DoesNotExist:
        return None


def is_call_agent(user: User | None, fund: Fund) -> bool:
    """An agent of the fund's authority (or the administrator)."""
    if user is not None and getattr(user, "is_superuser", False):
        return True
    membership = _membership(user)
    return (
        membership is not None
        and membership.role == Role.AGENT
        and membership.organisation_id == fund.authority_id
    )


def may_review(user: User | None, fund: Fund) -> bool:
    """Reviewers come from both partners: the authority's agents, the partner's members."""
    membership = _membership(user)
    if membership is None:
        return False
    if membership.role == Role.AGENT and membership.organisation_id == fund.authority_id:
        return True
    return membership.role == Role.PARTNER and membership.organisation_id == fund.partner_id


def has_role(user: User | None) -> bool:
    """An agent, partner or reader of some organisation (not an applicant)."""
    return _membership(user) is not None or bool(getattr(user, "is_superuser", False))
