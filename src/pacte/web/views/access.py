"""The one way views reach a convention: through what the user may see."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404, HttpRequest

from pacte.accounts.enums import Role
from pacte.accounts.selectors import (
    convention_visible_to,
    is_admin,
    membership_of,
    session_visible_to,
)
from pacte.conventions.models import Convention
from pacte.deliberations.models import Session

T = TypeVar("T")


def visible_convention(request: HttpRequest, reference: str) -> Convention:
    """The convention if this user may see it; 404 otherwise (its existence is not revealed)."""
    convention = convention_visible_to(request.user, reference)
    if convention is None:
        raise Http404(f"Aucune convention de référence « {reference} ».")
    return convention


def found(row: T | None) -> T:
    """The row a selector found; 404 when there is none (a number of another convention
    is not found either)."""
    if row is None:
        raise Http404("Aucune pièce de ce numéro pour cette convention.")
    return row


def visible_session(request: HttpRequest, pk: int) -> Session:
    """The session if this user may see it; 404 otherwise."""
    session = session_visible_to(request.user, pk)
    if session is None:
        raise Http404("Aucune séance de ce numéro.")
    return session


def may_enter_attendance(user, session: Session) -> bool:
    """Agents of the session's authority, and the administrator, enter its attendance."""
    if is_admin(user):
        return True
    membership = membership_of(user)
    return (
        membership is not None
        and membership.role == Role.AGENT
        and membership.organisation_id == session.authority_id
    )
