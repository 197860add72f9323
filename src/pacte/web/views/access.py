"""The one way views reach a convention: through what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from pacte.accounts.enums import Role
from pacte.accounts.selectors import conventions_visible_to, is_admin, membership_of
from pacte.conventions.models import Convention
from pacte.deliberations.models import Session


def visible_convention(request: HttpRequest, reference: str) -> Convention:
    """The convention if this user may see it; 404 otherwise (its existence is not revealed)."""
    convention = conventions_visible_to(request.user).filter(reference=reference).first()
    if convention is None:
        raise Http404(f"Aucune convention de référence « {reference} ».")
    return convention


def sessions_visible_to(user) -> QuerySet[Session]:
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


def visible_session(request: HttpRequest, pk: int) -> Session:
    """The session if this user may see it; 404 otherwise."""
    session = sessions_visible_to(request.user).filter(pk=pk).first()
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
