"""Reads of the counts kept per organisation (``followup.tallies.StoredCount``).

Each function answers, from the kept buckets, the same figure as the count of the stored
rows it replaces (``selectors.todo.section_counts`` of ``active_rows``, ``pending_counts``,
``calendars_stale``, ``in_state``), for the conventions an organisation is party to as
an authority, or the whole register (``REGISTER``). A user's pages use them only when
``counted_organisation`` says those are exactly the conventions the user sees. Nothing
here writes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from pacte.conventions.models import Convention, Party
from pacte.followup.models import StoredObligation
from pacte.followup.selectors.todo import active_rows, pending_rows
from pacte.followup.tallies import MAX_DAY, REGISTER, StoredCount
from pacte.terms import PartyRole

OTHER_ROLES = tuple(role.value for role in PartyRole if role != PartyRole.PUBLIC_AUTHORITY)
"""The roles of a party that is not a public authority, named: « role in (…) » is read on
the index (organisation, role), where « role is not an authority » reads every party."""


def counted_organisation(*, organisation_id: int | None, admin: bool) -> int | None:
    """Whose kept counts are a user's: the whole register for the administrator; their
    organisation when it is party to conventions only as a public authority (an agent's
    or a reader's authority: then the conventions they see are those counted under it);
    None otherwise (a partner: their few conventions are counted as they are read).

    Call it only for the user's whole view: a page filtered (a partner chosen, « mes
    conventions ») counts its rows.
    """
    if admin:
        return REGISTER
    if organisation_id is None:
        return None
    other = Party.objects.filter(organisation_id=organisation_id, role__in=OTHER_ROLES)
    return None if other.exists() else organisation_id


def _kept(organisation: int, fact: str) -> QuerySet[StoredCount]:
    return StoredCount.objects.filter(organisation=organisation, fact=fact)


def _summed(rows: QuerySet[StoredCount], **extra: Sum) -> list[tuple[Any, ...]]:
    return list(
        rows.order_by()
        .values("key")
        .annotate(total=Sum("count"), **extra)
        .values_list("key", "total", *extra)
    )


def _active(organisation: int, *, on: date, ahead: timedelta) -> QuerySet[StoredCount]:
    """The buckets of the obligations ``active_rows(…, on=on, ahead=ahead)`` reads."""
    rows = StoredCount.objects.filter(
        organisation=organisation, fact__in=("due", "deadline"), start__lte=on + ahead, end__gt=on
    )
    # a deadline to decide that passed undecided is waived (``active_rows``)
    return rows.exclude(fact="deadline", start__lt=on, end=MAX_DAY)


def kept_section_counts(
    organisation: int, *, on: date, ahead: timedelta
) -> dict[str, tuple[int, int]]:
    """``section_counts`` of ``active_rows(…, on=on, ahead=ahead)``: per section, how many
    active obligations, and how many of them overdue ``on`` that day."""
    rows = _active(organisation, on=on, ahead=ahead)
    return {
        section: (count, late or 0)
        for section, count, late in _summed(rows, late=Sum("count", filter=Q(start__lt=on)))
        if count
    }


def kept_section_windows(
    organisation: int, *, on: date, ahead: timedelta, first: int
) -> dict[str, tuple[date, date]]:
    """Per section, the due dates between which its ``first`` active obligations lie in
    the page's order (the first due date, and the one at which ``first`` are reached):
    reading a section's first lines between them finds the same lines without walking
    the rows of the other authorities before and after."""
    buckets = (
        _active(organisation, on=on, ahead=ahead)
        .order_by()
        .values("key", "start")
        .annotate(total=Sum("count"))
        .values_list("key", "start", "total")
        .order_by("key", "start")
    )
    windows: dict[str, tuple[date, date]] = {}
    reached: dict[str, int] = {}
    for section, start, total in buckets:
        if not total or reached.get(section, 0) >= first:
            continue
        low = windows[section][0] if section in windows else start
        windows[section] = (low, start)
        reached[section] = reached.get(section, 0) + total
    return windows


def kept_pending_counts(organisation: int, *, on: date) -> dict[str, int]:
    """``pending_counts`` of ``pending_rows(…, on=on)``: per section, the obligations
    waiting for their trigger."""
    rows = _kept(organisation, "pending").filter(end__gt=on)
    return {section: count for section, count in _summed(rows) if count}


def visible_count(organisation: int) -> int:
    """How many conventions the organisation is party to (every one for ``REGISTER``)."""
    if organisation == REGISTER:
        return Convention.objects.count()
    parties = Party.objects.filter(organisation_id=organisation)
    return parties.values("convention_id").distinct().count()


def kept_stale_count(
    organisation: int, *, on: date, ahead: timedelta, visible: int | None = None
) -> int:
    """``calendars_stale(…, on=on, ahead=ahead).count()``: the conventions whose stored
    calendar stops before ``on`` + ``ahead``, or was never computed. ``visible``: the
    ``visible_count`` of the organisation, when the caller has it."""
    fresh = _kept(organisation, "calendar").filter(start__gte=on + ahead)
    total = visible_count(organisation) if visible is None else visible
    return total - (fresh.aggregate(n=Sum("count"))["n"] or 0)


def kept_state_count(organisation: int, *, state: str, on: date) -> int:
    """How many conventions are in ``state`` ``on`` a day (``in_state``), by their
    stored states."""
    spans = _kept(organisation, "state").filter(key=state, start__lte=on, end__gte=on)
    return spans.aggregate(n=Sum("count"))["n"] or 0


def organisation_rows(
    organisation: int, *, on: date, pending: bool = False
) -> QuerySet[StoredObligation]:
    """The ``active_rows`` (``pending_rows`` when ``pending``) ``on`` a day of the
    conventions the organisation is party to (all for ``REGISTER``).

    A probe of the convention's parties per row rather than a list of the conventions:
    a section's first lines are read on its index in the page's order, and the probe
    stops once they are found, instead of building the list of every visible convention.
    """
    every = Convention.objects.all()
    rows = pending_rows(every, on=on) if pending else active_rows(every, on=on)
    if organisation == REGISTER:
        return rows
    parties = Party.objects.filter(
        convention_id=OuterRef("convention_id"), organisation_id=organisation
    )
    return rows.filter(Exists(parties))
