"""Reads of « À faire »: the stored obligations overdue, due, upcoming or waiting.

Every query the « À faire » pages and the dashboard run is here; the views only lay
out what these return. Nothing here writes: a calendar that stops too early is
reported by ``calendars_stale`` and refreshed by the services, never during a read.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from pacte.conventions.models import Convention
from pacte.followup.models import StoredObligation, StoredState
from pacte.rules.obligations import ObligationKind, Status

AHEAD = timedelta(days=90)
"""How far ahead « À faire » looks: the stored calendars must reach ``on`` + this."""


def calendars_stale(
    conventions: QuerySet[Convention], *, on: date, ahead: timedelta
) -> QuerySet[Convention]:
    """The conventions whose stored calendar stops before ``on`` + ``ahead``.

    Every computed convention has at least one ``StoredState`` row, so a convention
    without one was never computed. The services refresh them (after every write, at
    start-up, after a migration and every night); a page only counts them.
    """
    fresh = StoredState.objects.filter(convention=OuterRef("pk"), computed_until__gte=on + ahead)
    return conventions.exclude(Exists(fresh))


def _of(
    conventions: QuerySet[Convention], rows: QuerySet[StoredObligation]
) -> QuerySet[StoredObligation]:
    """The rows of these conventions; the administrator's queryset (every convention, no
    filter) needs none."""
    if conventions.query.has_filters() or conventions.query.is_sliced:
        return rows.filter(convention__in=conventions.values("pk"))
    return rows


def active_rows(
    conventions: QuerySet[Convention], *, on: date, ahead: timedelta = AHEAD
) -> QuerySet[StoredObligation]:
    """Stored obligations overdue, due or upcoming ``on`` a day, dated up to ``on`` + ``ahead``
    (90 days for « À faire », 30 for the weekly e-mail).

    The statuses that depend on the day are tested here as the rules test them: done
    once ``done_on`` is reached, a notice deadline passed without a letter is waived.
    The administrator's queryset is every convention: no filter is needed then.
    """
    rows = _of(
        conventions,
        StoredObligation.objects.filter(due__isnull=False, due__lte=on + ahead, terminal=""),
    )
    # the rules' ``obligation_status``: a deadline to decide that passed undecided is waived
    return rows.exclude(done_on__lte=on).exclude(
        kind__in=(ObligationKind.NOTICE_DEADLINE, ObligationKind.RENEWAL_DECISION),
        due__lt=on,
        done_on__isnull=True,
    )


def pending_rows(conventions: QuerySet[Convention], *, on: date) -> QuerySet[StoredObligation]:
    """Stored obligations waiting for their trigger (signature, documents, approval)."""
    rows = _of(conventions, StoredObligation.objects.filter(terminal=Status.PENDING.value))
    return rows.exclude(done_on__lte=on)


def section_rows(
    rows: QuerySet[StoredObligation], key: str, *, between: tuple[date, date] | None = None
) -> QuerySet[StoredObligation]:
    """A section's rows in the page's order (due date, convention, rank), read on the index;
    ``between``: only those due between these two days (``kept_section_windows``)."""
    if between is not None:
        rows = rows.filter(due__gte=between[0], due__lte=between[1])
    return (
        rows.filter(section=key)
        .select_related("convention")
        .prefetch_related("convention__parties__organisation")
        .order_by("due", "reference", "position")
    )


def section_counts(rows: QuerySet[StoredObligation], *, on: date) -> dict[str, tuple[int, int]]:
    """Per section: how many rows, and how many of them are overdue ``on`` a day."""
    return {
        section: (count, late)
        for section, count, late in rows.order_by()
        .values("section")
        .annotate(count=Count("pk"), late=Count("pk", filter=Q(due__lt=on)))
        .values_list("section", "count", "late")
    }


def pending_counts(rows: QuerySet[StoredObligation]) -> dict[str, int]:
    """Per section: how many obligations wait for their trigger."""
    return dict(
        rows.order_by()
        .values("section")
        .annotate(count=Count("pk"))
        .values_list("section", "count")
    )


def section_overdue(rows: QuerySet[StoredObligation], key: str, *, on: date) -> int:
    """How many rows of a section are overdue ``on`` a day."""
    return rows.filter(section=key, due__lt=on).count()


def conventions_of(conventions: list[Convention]) -> QuerySet[Convention]:
    """A list of conventions as a queryset (the dashboard passes a list)."""
    return Convention.objects.filter(pk__in=[c.pk for c in conventions])
