"""Stored calendars: the obligations, states, figures and amounts of each convention,
computed by the rules and written with the counts and sums kept per organisation.

« À faire », the Registre and the dashboard read these rows instead of computing
calendars. They are written after every store and every record (``obligations_refresh``),
by the nightly refresh (``obligations_refresh_nightly``: only what may have changed since
the last run, in chunks), and taken off before a deletion (``calendars_forget``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pacte.conventions.inserts import values_insert, writes_gathered
from pacte.conventions.models import Convention
from pacte.conventions.services import conventions_lock
from pacte.followup import sums, tallies
from pacte.followup.models import (
    SECTIONS,
    Amendment,
    DocumentReceived,
    HistoryTakeover,
    Meeting,
    NoticeSent,
    Payment,
    RefreshRun,
    RenewalDecision,
    Signature,
    StoredAmount,
    StoredFigures,
    StoredObligation,
    StoredState,
    Termination,
)
from pacte.followup.selectors import (
    FOLLOWUP_PREFETCH,
    ConventionCalendar,
    apply_amendments,
    events_for,
    obligations_for,
    signers_of,
)
from pacte.followup.selectors.todo import AHEAD, calendars_stale
from pacte.rules.events import Events
from pacte.rules.facts import GrantFigures, grant_figures, grants_total, term_dates
from pacte.rules.obligations import (
    Status,
    obligations,
)
from pacte.rules.term import ONE_DAY, state_timeline
from pacte.terms import PartyRole

OBLIGATIONS_HORIZON = timedelta(days=730)
"""How far ahead ``obligations_refresh`` computes: two years from the day of the refresh."""

TERMINAL = frozenset({Status.DONE, Status.WAIVED, Status.VOID, Status.PENDING})
"""Statuses stored as they are; the others depend on the day of reading."""

Values = dict[str, Any]
"""A row by column, as ``values_insert`` writes it."""

REFRESH_CHUNK = 500
"""Conventions computed per batch by ``obligations_refresh_many``."""


def _stored_rows(calendar: ConventionCalendar, *, until: date, now: Any) -> list[Values]:
    """The ``StoredObligation`` rows of a calendar, by column."""
    convention = calendar.convention
    return [
        {
            "convention_id": convention.pk,
            "reference": convention.reference,
            "position": position,
            "kind": item.kind.value,
            "section": SECTIONS[item.kind],
            "title": item.title,
            "due": item.due,
            "act_by": item.act_by,
            "amount": item.amount,
            "party": item.party or "",
            "reason": str(item.reason),
            "done_on": item.done_on,
            "terminal": item.status.value if item.status in TERMINAL else "",
            "waiting_for": (item.waiting_for or "")[:300],
            "computed_until": until,
            "computed_at": now,
        }
        for position, item in enumerate(calendar.obligations)
    ]


def _stored_states(calendar: ConventionCalendar, *, until: date) -> list[Values]:
    """The ``StoredState`` rows of a calendar, by column."""
    timeline = state_timeline(calendar.terms, calendar.events, until)
    ends = [day - ONE_DAY if day else None for day, _ in timeline[1:]] + [None]
    return [
        {
            "convention_id": calendar.convention.pk,
            "state": state.value,
            "start": start,
            "end": end,
            "computed_until": until,
        }
        for (start, state), end in zip(timeline, ends, strict=True)
    ]


def _stored_figures(
    calendar: ConventionCalendar, figures: tuple[GrantFigures, ...], *, amendments: int
) -> Values:
    """The convention's ``StoredFigures`` row, by column."""
    dates = term_dates(calendar.terms, calendar.events)
    return {
        "convention_id": calendar.convention.pk,
        "amount": grants_total(figures),
        "start": dates.start,
        "end": dates.end,
        "amendments": amendments,
    }


def _stored_amounts(
    calendar: ConventionCalendar, figures: tuple[GrantFigures, ...], partners: dict[str, int]
) -> list[Values]:
    """Each grant's committed and paid amounts per year (``StoredAmount`` rows, by
    column); ``partners`` gives the organisation of each party, by key."""
    terms, events = calendar.terms, calendar.events
    others = [p.key for p in terms.parties if p.role != PartyRole.PUBLIC_AUTHORITY]
    rows = []
    for index, grant in enumerate(terms.grants):
        beneficiary = grant.beneficiary if grant.beneficiary in partners else None
        beneficiary = beneficiary or (others[0] if others else None)
        committed = {item.year: item.amount for item in figures[index].years}
        paid: dict[int, Decimal] = {}
        for payment in events.payments:
            if payment.grant == grant.key or (payment.grant is None and index == 0):
                year = payment.year or payment.on.year
                paid[year] = paid.get(year, Decimal(0)) + payment.amount
        for year in sorted(set(committed) | set(paid)) or [None]:
            rows.append(
                {
                    "convention_id": calendar.convention.pk,
                    "grant": grant.key,
                    "position": index,
                    "year": year,
                    "committed": committed.get(year, Decimal(0)) if year else Decimal(0),
                    "paid": paid.get(year, Decimal(0)) if year else Decimal(0),
                    "partner_id": partners.get(beneficiary) if beneficiary else None,
                }
            )
    return rows


_COUNTED = {
    "StoredObligation": StoredObligation,
    "StoredState": StoredState,
    "StoredAuthority": tallies.StoredAuthority,
    "StoredAmount": StoredAmount,
}


def _authorities(calendar: ConventionCalendar, partners: dict[str, int]) -> set[int]:
    """The organisations party to the convention as a public authority, by their ids."""
    return {
        partners[party.key]
        for party in calendar.terms.parties
        if party.role == PartyRole.PUBLIC_AUTHORITY and party.key in partners
    }


def _contributions(
    authorities: set[int], rows: list[Values], states: list[Values]
) -> Counter[tallies.Key]:
    """The share of one calendar's rows (``StoredObligation`` and ``StoredState`` rows by
    column) in the counts kept per organisation."""
    return tallies.contributions(
        authorities=authorities,
        obligations=[
            (r["kind"], r["section"], r["due"], r["done_on"], r["terminal"]) for r in rows
        ],
        states=[(s["state"], s["start"], s["end"]) for s in states],
        until=states[0]["computed_until"] if states else None,
    )


def calendars_forget(ids: Sequence[int]) -> None:
    """Delete the stored calendars of these conventions (obligations, states, figures,
    amounts), taken off the counts kept per organisation in the same transaction: before
    a convention is deleted (``conventions.services.convention_delete``), or to have
    them computed again (the refresh finds them never computed)."""
    delta = tallies.stored_contributions(ids, models_of=_COUNTED)
    tallies.counts_apply({key: -count for key, count in delta.items()})
    taken: sums.Sums = {}
    sums.sums_merge(taken, sums.stored_sum_contributions(ids, models_of=_COUNTED), -1)
    sums.sums_apply(taken)
    for model in (StoredObligation, StoredState, StoredFigures, StoredAmount):
        model.objects.filter(convention_id__in=ids).delete()
    tallies.StoredAuthority.objects.filter(convention_id__in=ids).delete()


def _calendars_write(
    calendars: list[tuple[ConventionCalendar, int, dict[str, int]]],
    *,
    replaced: list[int],
    until: date,
    now: Any,
) -> None:
    """Write the obligations, states, figures and amounts of these calendars (each with
    its number of amendments and its parties' organisations by key), after deleting
    those stored for the ``replaced`` ids."""
    rows: list[Values] = []
    states: list[Values] = []
    figures: list[Values] = []
    amounts: list[Values] = []
    authorities: dict[int, set[int]] = {}
    delta: Counter[tallies.Key] = Counter()
    sums_delta: sums.Sums = {}
    for calendar, amendments, partners in calendars:
        grants = grant_figures(calendar.terms, calendar.events)
        own_rows = _stored_rows(calendar, until=until, now=now)
        own_states = _stored_states(calendar, until=until)
        rows += own_rows
        states += own_states
        figures.append(_stored_figures(calendar, grants, amendments=amendments))
        own_amounts = _stored_amounts(calendar, grants, partners)
        amounts += own_amounts
        authorities[calendar.convention.pk] = _authorities(calendar, partners)
        delta.update(_contributions(authorities[calendar.convention.pk], own_rows, own_states))
        sums.sums_merge(
            sums_delta,
            sums.sum_contributions(
                authorities=authorities[calendar.convention.pk],
                amounts=[
                    (a["year"], a["committed"], a["paid"], a["partner_id"]) for a in own_amounts
                ],
                states=[(s["state"], s["start"], s["end"]) for s in own_states],
            ),
        )
    # the counts and sums kept per organisation move in the same transaction as the rows:
    # the contributions of the rows replaced are read before they are deleted
    delta.subtract(tallies.stored_contributions(replaced, models_of=_COUNTED))
    sums.sums_merge(sums_delta, sums.stored_sum_contributions(replaced, models_of=_COUNTED), -1)
    if replaced:
        for model in (StoredObligation, StoredState, StoredFigures, StoredAmount):
            model.objects.filter(convention_id__in=replaced).delete()
    # every row written from here on is a leaf: PostgreSQL receives them in one statement
    with writes_gathered():
        tallies.counts_apply(delta)
        sums.sums_apply(sums_delta)
        tallies.authorities_replace(authorities, replaced=replaced)
        values_insert(StoredObligation, rows, leaf=True)
        values_insert(StoredState, states, leaf=True)
        values_insert(StoredFigures, figures, leaf=True)
        values_insert(StoredAmount, amounts, leaf=True)


def obligations_refresh_many(conventions: QuerySet[Convention], *, on: date) -> int:
    """Recompute and store the obligations, states and figures of many conventions, up
    to ``on`` + two years.

    Batches of ``REFRESH_CHUNK`` conventions, each read in a fixed number of queries and
    written in its own transaction, with the batch's conventions locked (in the order of
    their ids) before they are read: a record written meanwhile on one of them waits,
    and the rows deleted then inserted are never those of a concurrent refresh. Called
    inside a record's transaction (its convention already locked), it joins it. Returns
    the number of conventions refreshed.
    """
    return obligations_refresh_ids(
        sorted(conventions.order_by().values_list("pk", flat=True)), on=on
    )


def obligations_refresh_ids(ids: list[int], *, on: date) -> int:
    """``obligations_refresh_many`` for conventions given by their ids (in that order)."""
    until = on + OBLIGATIONS_HORIZON
    now = timezone.now()
    for first in range(0, len(ids), REFRESH_CHUNK):
        with transaction.atomic():
            _refresh_chunk(conventions_lock(ids[first : first + REFRESH_CHUNK]), on, until, now)
    return len(ids)


REFRESH_MARGIN = timedelta(days=365)
"""The nightly refresh recomputes a calendar that reaches less than ``OBLIGATIONS_HORIZON``
− this ahead (« À faire » and the reminders read 90 days ahead at most): every calendar
is recomputed at least once a year, whatever happens."""

REFRESH_SPREAD = 365
"""Each night also renews the oldest calendars, a ``REFRESH_SPREAD``-th of the register
(``renewal_quota``): a register loaded in one day is renewed over the year, not in one
night when it reaches ``REFRESH_MARGIN``."""


def renewal_quota(total: int) -> int:
    """How many of the oldest calendars a night renews, for a register of ``total``.

    >>> renewal_quota(100_000), renewal_quota(12), renewal_quota(0)
    (274, 1, 0)
    """
    return -(-total // REFRESH_SPREAD)


RECORDS = (
    Signature,
    Payment,
    DocumentReceived,
    Meeting,
    NoticeSent,
    RenewalDecision,
    Termination,
    Amendment,
    HistoryTakeover,
)
"""The follow-up records: each changes its convention's calendar."""


@dataclass(frozen=True)
class RefreshPlan:
    """What a nightly refresh recomputes: the conventions' ids, in order, whether it is
    a full refresh, its day, and when it was planned (the next run starts from there)."""

    ids: list[int]
    full: bool
    day: date
    started_at: Any
    since: RefreshRun | None = None


def refresh_plan(*, on: date, full: bool = False) -> RefreshPlan:
    """The conventions the nightly refresh of day ``on`` recomputes.

    Every convention when ``full``, when no run is recorded yet, or when the last one
    was for a later day. Otherwise only those whose calendar may have changed since the
    last run (``RefreshRun``), in a few indexed queries:

    - a follow-up record written, or the convention stored, since the last run began
      (the services recompute it at once; the night moves it to the new day);
    - a stored due date, the start of a stored state, or the signature date after the
      last run's day, up to ``on``: what is due, the state or what the rules count as
      signed may change that day;
    - a calendar that stops before ``on`` + ``OBLIGATIONS_HORIZON`` − ``REFRESH_MARGIN``,
      or never computed;
    - the oldest calendars, ``renewal_quota`` of them (a 365th of the register), so that
      every calendar moves forward once a year, a little every night.
    """
    started_at = timezone.now()
    last = RefreshRun.objects.order_by("-started_at", "-pk").first()
    if full or last is None or last.day > on:
        ids = sorted(Convention.objects.order_by().values_list("pk", flat=True))
        return RefreshPlan(ids=ids, full=True, day=on, started_at=started_at, since=last)
    found: set[int] = set()
    for model in RECORDS:
        found.update(
            model.objects.filter(recorded_at__gte=last.started_at).values_list(
                "convention_id", flat=True
            )
        )
    found.update(
        Convention.objects.filter(updated_at__gte=last.started_at).values_list("pk", flat=True)
    )
    if on > last.day:
        for queryset, name, column in (
            (StoredObligation.objects, "due", "convention_id"),
            (StoredState.objects, "start", "convention_id"),
            (Convention.objects, "signed_on", "pk"),
        ):
            crossed = queryset.filter(**{f"{name}__gt": last.day, f"{name}__lte": on})
            found.update(crossed.order_by().values_list(column, flat=True).distinct())
    found.update(
        calendars_stale(
            Convention.objects.all(), on=on, ahead=OBLIGATIONS_HORIZON - REFRESH_MARGIN
        ).values_list("pk", flat=True)
    )
    if quota := renewal_quota(Convention.objects.count()):
        oldest = (
            StoredState.objects.filter(computed_until__lt=on + OBLIGATIONS_HORIZON)
            .order_by("computed_until", "convention_id")
            .values_list("convention_id", "computed_until")
            .distinct()
        )
        found.update(pk for pk, _until in oldest[:quota])
    return RefreshPlan(ids=sorted(found), full=False, day=on, started_at=started_at, since=last)


def refresh_run_record(plan: RefreshPlan, *, count: int) -> RefreshRun:
    """Record a nightly refresh done (or queued to the workers, chunk by chunk)."""
    return RefreshRun.objects.create(
        started_at=plan.started_at,
        finished_at=timezone.now(),
        day=plan.day,
        full=plan.full,
        conventions=count,
    )


def obligations_refresh_nightly(*, on: date, full: bool = False) -> RefreshRun:
    """The nightly refresh in this process: ``refresh_plan``, then its conventions
    recomputed ``REFRESH_CHUNK`` at a time (``obligations_refresh_ids``), then the run
    recorded. ``full``: every convention (``pacte manage obligations_refresh --all``)."""
    plan = refresh_plan(on=on, full=full)
    count = obligations_refresh_ids(plan.ids, on=on)
    return refresh_run_record(plan, count=count)


def _refresh_chunk(chunk: list[int], on: date, until: date, now: Any) -> None:
    if not chunk:
        return
    calendars = obligations_for(Convention.objects.filter(pk__in=chunk), on=on, until=until)
    _calendars_write(
        [
            (
                c,
                len(c.convention.amendment_records.all()),
                {p.key: p.organisation_id for p in c.convention.parties.all()},
            )
            for c in calendars
        ],
        replaced=chunk,
        until=until,
        now=now,
    )


def obligations_refresh_stored(stored: Sequence[Any], *, on: date) -> None:
    """Compute and store the calendars of conventions just written by
    ``conventions_store`` (each a ``StoredConvention``: row, terms, created), from the
    terms in memory instead of reading the conventions back.

    A convention just created has no follow-up record: its events are the signature
    date its terms state. One stored again keeps its records (payments, avenants…),
    read for the whole batch in one query per kind. The caller holds the lock of every
    convention replaced (``conventions_store`` takes it).
    """
    until = on + OBLIGATIONS_HORIZON
    replaced = [item.convention.pk for item in stored if not item.created]
    records = (
        {
            row.pk: row
            for row in Convention.objects.filter(pk__in=replaced).prefetch_related(
                *FOLLOWUP_PREFETCH
            )
        }
        if replaced
        else {}
    )
    calendars = []
    for item in stored:
        if item.created:
            signed_on = item.convention.signed_on
            events = Events(signatures=(signed_on,) if signed_on else ())
            amendments: list[Amendment] = []
        else:
            row = records[item.convention.pk]
            events = events_for(row, signers=signers_of(item.terms))
            amendments = list(row.amendment_records.all())
        terms = apply_amendments(item.terms, amendments, events)
        calendar = ConventionCalendar(
            convention=item.convention,
            terms=terms,
            events=events,
            obligations=obligations(terms, events, on=on, until=until),
        )
        partners = {key: party.organisation_id for key, party in item.children.parties.items()}
        calendars.append((calendar, len(amendments), partners))
    _calendars_write(calendars, replaced=replaced, until=until, now=timezone.now())


def calendars_ensure(conventions: QuerySet[Convention], *, on: date, ahead: timedelta) -> int:
    """Refresh the conventions whose stored calendar stops before ``on`` + ``ahead``
    (``selectors.todo.calendars_stale``); returns the number refreshed.

    Run after a migration, when the server starts, every night, and when a user asks
    for it from a page that found stale calendars: never during a read.
    """
    stale = calendars_stale(conventions, on=on, ahead=ahead)
    if not stale.exists():
        return 0
    return obligations_refresh_many(stale, on=on)


def calendars_stale_refresh(*, using: str = "default") -> int:
    """Refresh every stale calendar of the register, for « À faire »'s horizon; 0 when
    the database is not fully migrated (a migration run backwards, or to a past state).

    Called after ``migrate`` and when the server starts."""
    from django.db import DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[using]
    try:
        with transaction.atomic(using=using):
            if not Convention.objects.using(using).exists():
                return 0
    except DatabaseError:  # the register's tables are not there (yet)
        return 0
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return 0
    return calendars_ensure(Convention.objects.all(), on=timezone.localdate(), ahead=AHEAD)


def obligations_refresh(*, convention: Convention, on: date) -> None:
    """Recompute and store one convention's obligations (horizon: ``on`` + two years).

    Called by ``convention_store`` and by every record service below, so that « À faire »
    reads rows instead of computing calendars.
    """
    obligations_refresh_many(Convention.objects.filter(pk=convention.pk), on=on)
