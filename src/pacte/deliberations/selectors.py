"""Reads for sessions and deliberations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, QuerySet

from pacte import terms
from pacte.deliberations.models import Attendance, Deliberation, Session
from pacte.deliberations.rows import (
    DELIBERATION_PREFETCH,
    SESSION_PREFETCH,
    council_session_to_terms,
    deliberation_to_terms,
)


def deliberation_list() -> QuerySet[Deliberation]:
    """Deliberations, newest session first, with their session and authority."""
    return Deliberation.objects.select_related("session", "session__authority")


def session_list(*, authority_siret: str | None = None) -> QuerySet[Session]:
    """Sessions, newest first, with their authority and the number of acts."""
    rows = Session.objects.select_related("authority")
    if authority_siret:
        rows = rows.filter(authority__siret=authority_siret)
    return rows.order_by("-date", "body", "pk")


def session_find(*, on: date, authority_siret: str | None = None) -> list[Session]:
    """Sessions held on a date (of one authority, by SIRET, when given), loaded for terms.

    Sessions stored whole come first; a date may match several authorities' sessions.
    """
    rows = SESSION_PREFETCH.filter(date=on)
    if authority_siret:
        rows = rows.filter(authority__siret=authority_siret)
    return list(rows.order_by("-registered", "pk"))


def session_terms(session: Session) -> terms.CouncilSession:
    """The typed session and its acts; raises ``ValueError`` without an authority."""
    return council_session_to_terms(session)


def deliberation_terms(deliberation: Deliberation) -> terms.Deliberation:
    return deliberation_to_terms(deliberation)


def deliberations_for_year(
    *, year: int, authority_siret: str | None = None
) -> Iterator[tuple[terms.Organisation | None, terms.Deliberation]]:
    """Every act voted in ``year`` (of one authority when given), by session date, streamed.

    Yields the authority and the typed act; chunks keep memory flat on large registers.
    """
    from pacte.organisations.selectors import organisation_to_terms

    rows = DELIBERATION_PREFETCH.select_related("session__authority").filter(
        session__date__year=year
    )
    if authority_siret:
        rows = rows.filter(session__authority__siret=authority_siret)
    rows = rows.order_by("session__date", "session_id", "number", "pk")
    for row in rows.iterator(chunk_size=500):
        authority = row.session.authority
        yield (
            organisation_to_terms(authority) if authority else None,
            deliberation_to_terms(row),
        )


def session_with_acts(pk: int) -> Session:
    """One session read whole (authority, attendance, acts) for its page."""
    return SESSION_PREFETCH.get(pk=pk)


def session_deliberation(session: Session, pk: int) -> Deliberation | None:
    """One act of a session, read whole, or None if the session has no act of this number."""
    return DELIBERATION_PREFETCH.filter(pk=pk, session=session).first()


def session_for_attendance(pk: int) -> tuple[Session, list[Attendance]]:
    """A session with its president and secretary, and its attendance lines in order."""
    session = Session.objects.select_related("president", "secretary").get(pk=pk)
    rows = list(session.attendances.select_related("person", "proxy_to").order_by("position"))
    return session, rows


def sessions_listed(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions for the list: by authority then newest first, with their number of acts."""
    return (
        sessions.select_related("authority")
        .annotate(acts=Count("deliberations"))
        .order_by("authority__name", "-date", "body", "pk")
    )
