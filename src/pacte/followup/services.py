"""Writes of the follow-up: one service per thing that happens, each atomic and audited.

Every service refuses bad input with a ``FollowupError`` whose message is French and
names the field, e.g.::

    payment_record(convention=c, amount=Decimal("2800"), paid_on=date(2026, 3, 20), by=agent)

Dates after today are refused: the follow-up records what happened, not what is planned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.conventions.inserts import rows_insert, values_insert
from pacte.conventions.models import Convention
from pacte.conventions.rows_to_terms import TERMS_PREFETCH
from pacte.conventions.services import ConventionGone, convention_lock, conventions_lock
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
    terms_with_amendments,
)
from pacte.followup.selectors.todo import AHEAD, calendars_stale
from pacte.followup.uploads import UploadError, check_upload
from pacte.rules.events import Events
from pacte.rules.events import Payment as RulesPayment
from pacte.rules.facts import GrantFigures, grant_figures, grants_total, term_dates
from pacte.rules.obligations import (
    Obligation,
    Status,
    Takeover,
    balances,
    obligations,
    unmet_conditions,
)
from pacte.rules.obligations import history_takeover as history_takeover_of
from pacte.rules.term import ONE_DAY, start_date, state_timeline
from pacte.terms import Convention as Terms
from pacte.terms import DocumentKind, PartyRole, format_amount_fr, format_date_fr


class FollowupError(ValueError):
    """A record refused; ``field`` names the form field at fault (None: the whole record)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _locked(convention: Convention) -> None:
    """First statement of every record below: lock the convention's row (see
    ``conventions.services.convention_lock``), so that what is checked next (numbers
    taken, amounts already paid) cannot change before the record is stored."""
    try:
        convention_lock(convention)
    except ConventionGone as gone:
        raise FollowupError(str(gone)) from None


def _not_future(day: date, *, field: str, what: str) -> None:
    today = timezone.localdate()
    if day > today:
        raise FollowupError(
            f"{what} ({format_date_fr(day)}) est postérieure à aujourd'hui "
            f"({format_date_fr(today)}) : on n'enregistre que ce qui a eu lieu.",
            field=field,
        )


def _not_before(day: date, earlier: date, *, field: str, what: str, reference: str) -> None:
    if day < earlier:
        raise FollowupError(
            f"{what} ({format_date_fr(day)}) précède {reference} ({format_date_fr(earlier)}).",
            field=field,
        )


def _party(convention: Convention, key: str, *, field: str = "party") -> str:
    names = dict(convention.parties.values_list("key", "organisation__name"))
    if key not in names:
        known = ", ".join(f"« {k} » ({n})" for k, n in names.items())
        raise FollowupError(
            f"La partie « {key} » n'est pas partie à la convention {convention.reference} ; "
            f"parties connues : {known}.",
            field=field,
        )
    return names[key]


def _recorded(
    *,
    object_type: str,
    convention: Convention,
    by: AbstractBaseUser | None,
    description: str,
    created: bool = True,
    **details: Any,
) -> None:
    """What every record ends with: its audit entry, then the convention's stored
    obligations recomputed (a record always changes what is due)."""
    audit_record(
        action=AuditAction.CREATED if created else AuditAction.UPDATED,
        object_type=object_type,
        object_ref=convention.reference,
        by=by,
        summary={"description": description, **details},
    )
    obligations_refresh(convention=convention, on=timezone.localdate())


def _store_file(
    upload: UploadedFile | None, *, field: str
) -> tuple[UploadedFile | None, str, str, int | None]:
    if upload is None:
        return None, "", "", None
    try:
        kind = check_upload(upload)
    except UploadError as error:
        raise FollowupError(str(error), field=field) from None
    return upload, upload.name or "", kind.content_type, upload.size


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
) -> StoredFigures:
    dates = term_dates(calendar.terms, calendar.events)
    return StoredFigures(
        convention=calendar.convention,
        amount=grants_total(figures),
        start=dates.start,
        end=dates.end,
        amendments=amendments,
    )


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
    figures: list[StoredFigures] = []
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
    # the counts and sums kept per organisation move in the same transaction as the rows
    delta.subtract(tallies.stored_contributions(replaced, models_of=_COUNTED))
    tallies.counts_apply(delta)
    sums.sums_merge(sums_delta, sums.stored_sum_contributions(replaced, models_of=_COUNTED), -1)
    sums.sums_apply(sums_delta)
    tallies.authorities_replace(authorities, replaced=replaced)
    if replaced:
        StoredObligation.objects.filter(convention_id__in=replaced).delete()
        StoredState.objects.filter(convention_id__in=replaced).delete()
        StoredFigures.objects.filter(convention_id__in=replaced).delete()
        StoredAmount.objects.filter(convention_id__in=replaced).delete()
    values_insert(StoredObligation, rows)
    values_insert(StoredState, states)
    rows_insert(figures)
    values_insert(StoredAmount, amounts)


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


@transaction.atomic
def signature_record(
    *, convention: Convention, party: str, signed_on: date, by: AbstractBaseUser | None
) -> Signature:
    """Record that ``party`` signed on a date (a second record for it corrects the date)."""
    _locked(convention)
    name = _party(convention, party)
    _not_future(signed_on, field="signed_on", what="La date de signature")
    signature, created = Signature.objects.update_or_create(
        convention=convention,
        party_key=party,
        defaults={"signed_on": signed_on, "recorded_by": by},
    )
    _recorded(
        object_type="signature",
        convention=convention,
        by=by,
        created=created,
        description=f"Signature de {name} le {format_date_fr(signed_on)}",
        party=party,
        signed_on=signed_on.isoformat(),
    )
    return signature


def _grant_key(convention: Convention, grant: str | None) -> str:
    keys = list(convention.grants.values_list("key", flat=True))
    if not keys:
        raise FollowupError(
            f"La convention {convention.reference} ne prévoit aucune subvention : aucun "
            "versement ne peut y être rattaché.",
            field="grant",
        )
    if not grant:
        if len(keys) > 1:
            raise FollowupError(
                "La convention prévoit plusieurs subventions ("
                + ", ".join(f"« {k} »" for k in keys)
                + ") : précisez celle que ce versement concerne.",
                field="grant",
            )
        return keys[0]
    if grant not in keys:
        raise FollowupError(
            f"La subvention « {grant} » n'existe pas dans la convention "
            f"{convention.reference} ; subventions connues : "
            + ", ".join(f"« {k} »" for k in keys)
            + ".",
            field="grant",
        )
    return grant


def _recorded_terms(convention: Convention) -> tuple[Terms, Events]:
    """The convention read afresh (inside the caller's lock): its terms with the avenants
    applied, and everything recorded so far, as the rules take them."""
    fresh = Convention.objects.prefetch_related(*TERMS_PREFETCH, *FOLLOWUP_PREFETCH).get(
        pk=convention.pk
    )
    events = events_for(fresh)
    return terms_with_amendments(fresh, events), events


def _overpaid(convention: Convention, *, grant: str, until: date) -> Decimal:
    terms, events = _recorded_terms(convention)
    for balance in balances(terms, events, until=until):
        if balance.grant == grant:
            return balance.overpaid
    return Decimal(0)


@transaction.atomic
def payment_record(
    *,
    convention: Convention,
    amount: Decimal,
    paid_on: date,
    grant: str | None = None,
    year: int | None = None,
    reference: str = "",
    by: AbstractBaseUser | None,
    override_reason: str = "",
) -> Payment:
    """Record money paid under a grant.

    A payment beyond the amounts expected up to its year is recorded all the same (the
    money has left) but flagged: ``payment.overpaid`` holds the excess.

    A payment that would settle an instalment whose condition is not met (a balance
    « sur présentation du bilan » with no bilan received, an advance « à la signature »
    before the signature) is refused with ``ConditionError``, which names what is
    missing, unless ``override_reason`` says why it is paid anyway; the reason and the
    unmet conditions are kept in the journal.
    """
    _locked(convention)
    if amount <= 0:
        raise FollowupError(
            f"Le montant d'un versement doit être positif (saisi : {format_amount_fr(amount)}).",
            field="amount",
        )
    _not_future(paid_on, field="paid_on", what="La date du versement")
    key = _grant_key(convention, grant)
    if year is not None and not 1990 <= year <= timezone.localdate().year + 10:
        raise FollowupError(
            f"L'année financée {year} n'est pas plausible : indiquez l'année du budget "
            "subventionné (par exemple 2026).",
            field="year",
        )
    unmet = _unmet(convention, key=key, amount=amount, paid_on=paid_on, year=year)
    override_reason = override_reason.strip()
    if unmet and not override_reason:
        raise ConditionError(unmet)
    payment = Payment.objects.create(
        convention=convention,
        grant_key=key,
        year=year,
        amount=amount,
        paid_on=paid_on,
        reference=reference.strip(),
        recorded_by=by,
    )
    until = date(max(year or paid_on.year, paid_on.year), 12, 31)
    excess = min(_overpaid(convention, grant=key, until=until), amount)
    if excess > 0:
        payment.overpaid = excess
        payment.save(update_fields=["overpaid"])
    description = f"Versement de {format_amount_fr(amount)} le {format_date_fr(paid_on)}"
    if excess > 0:
        description += f" (trop-perçu de {format_amount_fr(excess)})"
    if unmet:
        description += f" — condition non remplie, versé quand même : {override_reason}"
    _recorded(
        object_type="payment",
        convention=convention,
        by=by,
        description=description,
        grant=key,
        year=year,
        amount=f"{amount:.2f}",
        paid_on=paid_on.isoformat(),
        reference=payment.reference,
        overpaid=f"{excess:.2f}",
        unmet_conditions=[f"{o.title} : en attente de {o.waiting_for}" for o in unmet],
        override_reason=override_reason if unmet else "",
    )
    return payment


class ConditionError(FollowupError):
    """A payment whose condition is not met, refused until a reason is given (French)."""

    def __init__(self, unmet: list[Obligation]) -> None:
        self.unmet = unmet
        listed = " ; ".join(f"{o.title} attend : {o.waiting_for}" for o in unmet)
        super().__init__(
            f"Condition non remplie : {listed}. Pour enregistrer ce versement quand même, "
            "indiquez pourquoi (raison gardée au journal).",
            field="override_reason",
        )


def _unmet(
    convention: Convention, *, key: str, amount: Decimal, paid_on: date, year: int | None
) -> list[Obligation]:
    """The instalments this payment would settle before their condition is met."""
    terms, events = _recorded_terms(convention)
    payment = RulesPayment(on=paid_on, amount=amount, grant=key, year=year)
    return unmet_conditions(terms, events, payment)


@transaction.atomic
def document_receive(
    *,
    convention: Convention,
    kind: DocumentKind,
    received_on: date,
    year: int | None = None,
    file: UploadedFile | None = None,
    by: AbstractBaseUser | None,
    file_required: bool = False,
    override_reason: str = "",
) -> DocumentReceived:
    """Record a supporting document received, with its file (checked: type and size).

    ``file_required`` (a partner declaring its own document) refuses a declaration
    without the file unless ``override_reason`` says why; the reason goes in the journal.
    """
    _locked(convention)
    kind = DocumentKind(kind)
    override_reason = override_reason.strip()
    if file_required and file is None and not override_reason:
        raise FollowupError(
            f"Joignez le fichier du document « {kind.label} » déclaré reçu, ou indiquez "
            "pourquoi il n'est pas joint (raison gardée au journal).",
            field="file",
        )
    _not_future(received_on, field="received_on", what="La date de réception")
    upload, file_name, content_type, size = _store_file(file, field="file")
    document = DocumentReceived(
        convention=convention,
        kind=kind.value,
        year=year,
        received_on=received_on,
        file_name=file_name,
        content_type=content_type,
        size=size,
        uploaded_by=by,
    )
    if upload is not None:
        document.file.save(upload.name or "document", upload, save=False)
    document.save()
    described = kind.label + (f" {year}" if year else "")
    _recorded(
        object_type="document",
        convention=convention,
        by=by,
        description=f"Document reçu : {described} le {format_date_fr(received_on)}"
        + (f" (fichier « {file_name} »)" if file_name else "")
        + (f" — sans fichier : {override_reason}" if not file_name and override_reason else ""),
        kind=kind.value,
        year=year,
        received_on=received_on.isoformat(),
        file=file_name,
        override_reason=override_reason if not file_name else "",
    )
    return document


@transaction.atomic
def meeting_record(
    *,
    convention: Convention,
    body: str,
    held_on: date,
    minutes_received_on: date | None = None,
    minutes: UploadedFile | None = None,
    by: AbstractBaseUser | None,
) -> Meeting:
    """Record a meeting of a governing body, and its minutes when received.

    Recording the same body and day again completes the meeting (minutes received later).
    """
    _locked(convention)
    names = dict(convention.governing_bodies.values_list("key", "name"))
    if body not in names:
        known = ", ".join(f"« {k} » ({n})" for k, n in names.items()) or "aucune"
        raise FollowupError(
            f"L'instance « {body} » n'existe pas dans la convention {convention.reference} ; "
            f"instances prévues : {known}.",
            field="body",
        )
    _not_future(held_on, field="held_on", what="La date de la réunion")
    if minutes is not None and minutes_received_on is None:
        minutes_received_on = timezone.localdate()
    if minutes_received_on is not None:
        _not_future(
            minutes_received_on, field="minutes_received_on", what="La date de réception du PV"
        )
        _not_before(
            minutes_received_on,
            held_on,
            field="minutes_received_on",
            what="La réception du procès-verbal",
            reference="la réunion",
        )
    upload, file_name, _, _ = _store_file(minutes, field="minutes")
    meeting, created = Meeting.objects.get_or_create(
        convention=convention, body_key=body, held_on=held_on, defaults={"recorded_by": by}
    )
    fields = []
    if minutes_received_on is not None:
        meeting.minutes_received_on = minutes_received_on
        fields.append("minutes_received_on")
    if upload is not None:
        meeting.minutes_file.save(upload.name or "pv", upload, save=False)
        meeting.minutes_file_name = file_name
        fields += ["minutes_file", "minutes_file_name"]
    if fields:
        meeting.save(update_fields=fields)
    description = f"Réunion du {names[body]} le {format_date_fr(held_on)}"
    if minutes_received_on:
        description += f", procès-verbal reçu le {format_date_fr(minutes_received_on)}"
    _recorded(
        object_type="meeting",
        convention=convention,
        by=by,
        created=created,
        description=description,
        body=body,
        held_on=held_on.isoformat(),
        minutes_received_on=minutes_received_on.isoformat() if minutes_received_on else None,
        file=file_name,
    )
    return meeting


@transaction.atomic
def notice_record(
    *,
    convention: Convention,
    party: str,
    sent_on: date,
    received_on: date | None = None,
    by: AbstractBaseUser | None,
) -> NoticeSent:
    """Record a termination letter; it takes effect from its receipt (date of the AR).

    Recording the same party and sending day again adds the date of receipt.
    """
    _locked(convention)
    name = _party(convention, party)
    _not_future(sent_on, field="sent_on", what="La date d'envoi")
    if received_on is not None:
        _not_future(received_on, field="received_on", what="La date de réception")
        _not_before(
            received_on,
            sent_on,
            field="received_on",
            what="La réception de la lettre",
            reference="son envoi",
        )
    notice, created = NoticeSent.objects.get_or_create(
        convention=convention, party_key=party, sent_on=sent_on, defaults={"recorded_by": by}
    )
    if received_on is not None and notice.received_on != received_on:
        notice.received_on = received_on
        notice.save(update_fields=["received_on"])
    description = f"Lettre de dénonciation de {name} envoyée le {format_date_fr(sent_on)}"
    if received_on:
        description += f", reçue le {format_date_fr(received_on)}"
    _recorded(
        object_type="notice",
        convention=convention,
        by=by,
        created=created,
        description=description,
        party=party,
        sent_on=sent_on.isoformat(),
        received_on=received_on.isoformat() if received_on else None,
    )
    return notice


@transaction.atomic
def renewal_record(
    *, convention: Convention, decided_on: date, note: str = "", by: AbstractBaseUser | None
) -> RenewalDecision:
    """Record an express renewal decided on a date: a new period follows the current one."""
    _locked(convention)
    _not_future(decided_on, field="decided_on", what="La date de la décision")
    decision = RenewalDecision.objects.create(
        convention=convention, decided_on=decided_on, note=note.strip(), recorded_by=by
    )
    _recorded(
        object_type="renewal",
        convention=convention,
        by=by,
        description=f"Reconduction décidée le {format_date_fr(decided_on)}",
        decided_on=decided_on.isoformat(),
        note=decision.note,
    )
    return decision


@transaction.atomic
def termination_record(
    *, convention: Convention, terminated_on: date, reason: str, by: AbstractBaseUser | None
) -> Termination:
    """Record the early end of a convention (a second record corrects it)."""
    _locked(convention)
    reason = reason.strip()
    if not reason:
        raise FollowupError(
            "Indiquez le motif de la résiliation (par exemple « d'un commun accord »).",
            field="reason",
        )
    _not_future(terminated_on, field="terminated_on", what="La date de résiliation")
    start = start_date(convention.to_terms(), events_for(convention))
    if start is not None:
        _not_before(
            terminated_on,
            start,
            field="terminated_on",
            what="La date de résiliation",
            reference="le début de la convention",
        )
    termination, created = Termination.objects.update_or_create(
        convention=convention,
        defaults={"terminated_on": terminated_on, "reason": reason, "recorded_by": by},
    )
    _recorded(
        object_type="termination",
        convention=convention,
        by=by,
        created=created,
        description=f"Résiliation au {format_date_fr(terminated_on)} : {reason}",
        terminated_on=terminated_on.isoformat(),
        reason=reason,
    )
    return termination


@transaction.atomic
def amendment_record(
    *,
    convention: Convention,
    signed_on: date,
    summary: str,
    number: int | None = None,
    grant: str | None = None,
    year: int | None = None,
    amount: Decimal | None = None,
    ends_on: date | None = None,
    file: UploadedFile | None = None,
    by: AbstractBaseUser | None,
) -> Amendment:
    """Record a signed avenant: a grant's new amount for a year and/or a new end date.

    The rules read it at once (``terms_with_amendments``). ``number`` defaults to the
    next one; recording the same number again is refused (an avenant is not rewritten).
    """
    _locked(convention)
    summary = summary.strip()
    if not summary:
        raise FollowupError(
            "Indiquez l'objet de l'avenant (par exemple « montant 2026 porté à 15 000 € »).",
            field="summary",
        )
    if amount is None and ends_on is None:
        raise FollowupError(
            "Un avenant enregistré ici change le montant d'une subvention ou la date de fin : "
            "indiquez l'un ou l'autre.",
            field=None,
        )
    _not_future(signed_on, field="signed_on", what="La date de signature de l'avenant")
    terms, events = _recorded_terms(convention)
    key = ""
    if amount is not None:
        if amount <= 0:
            raise FollowupError(
                f"Le nouveau montant doit être positif (saisi : {format_amount_fr(amount)}).",
                field="amount",
            )
        key = _grant_key(convention, grant)
        listed = next(g for g in terms.grants if g.key == key).years
        if year is None and len(listed) == 1:
            year = listed[0].year
        if year is None:
            raise FollowupError(
                "Précisez l'année budgétaire dont le montant change (par exemple 2026).",
                field="year",
            )
        if not 1990 <= year <= timezone.localdate().year + 10:
            raise FollowupError(
                f"L'année {year} n'est pas plausible : indiquez l'année du budget subventionné.",
                field="year",
            )
    if ends_on is not None:
        start = start_date(terms, events)
        if start is not None:
            _not_before(
                ends_on,
                start,
                field="ends_on",
                what="La nouvelle date de fin",
                reference="le début de la convention",
            )
    taken = set(convention.amendment_records.values_list("number", flat=True))
    number = number or max(taken, default=0) + 1
    if number in taken:
        raise FollowupError(
            f"L'avenant n° {number} est déjà enregistré pour la convention {convention.reference}.",
            field="number",
        )
    upload, file_name, _, _ = _store_file(file, field="file")
    amendment = Amendment(
        convention=convention,
        number=number,
        signed_on=signed_on,
        summary=summary,
        grant_key=key,
        year=year if amount is not None else None,
        amount=amount,
        ends_on=ends_on,
        file_name=file_name,
        recorded_by=by,
    )
    if upload is not None:
        amendment.file.save(upload.name or "avenant", upload, save=False)
    amendment.save()
    changes = []
    if amount is not None:
        changes.append(f"subvention « {key} » {year} portée à {format_amount_fr(amount)}")
    if ends_on is not None:
        changes.append(f"fin au {format_date_fr(ends_on)}")
    _recorded(
        object_type="amendment",
        convention=convention,
        by=by,
        description=f"Avenant n° {number} signé le {format_date_fr(signed_on)} : "
        + ", ".join(changes),
        number=number,
        signed_on=signed_on.isoformat(),
        summary=summary,
        grant=key,
        year=amendment.year,
        amount=f"{amount:.2f}" if amount is not None else None,
        ends_on=ends_on.isoformat() if ends_on else None,
        file=file_name,
    )
    return amendment


TAKEOVER_REFERENCE = "reprise d'historique"
"""The reference of the payments a reprise d'historique records."""


def history_takeover_preview(*, convention: Convention, on: date) -> Takeover:
    """What ``history_takeover`` would settle on ``on`` (nothing is written)."""
    terms, events = _recorded_terms(convention)
    return history_takeover_of(terms, events, on)


@transaction.atomic
def history_takeover(*, convention: Convention, on: date, by: AbstractBaseUser | None) -> Takeover:
    """Take over a running or finished convention with its past (reprise d'historique).

    Every obligation due before ``on`` is settled: the past payments are recorded as paid
    on their due date (reference « reprise d'historique »), the rest is deemed met
    (``Events.settled_until``); what is due from ``on`` stays open. Done once per
    convention; the journal keeps what was settled.
    """
    locked = Convention.objects.select_for_update().get(pk=convention.pk)
    if HistoryTakeover.objects.filter(convention=locked).exists():
        raise FollowupError(
            f"La reprise d'historique de la convention {locked.reference} a déjà été faite.",
            field="until",
        )
    _not_future(on, field="until", what="La date de reprise")
    takeover = history_takeover_preview(convention=locked, on=on)
    HistoryTakeover.objects.create(convention=locked, until=on - ONE_DAY, recorded_by=by)
    for item in takeover.payments:
        Payment.objects.create(
            convention=locked,
            grant_key=item.grant or "",
            amount=item.amount or Decimal(0),
            paid_on=item.due or on,
            reference=TAKEOVER_REFERENCE,
            recorded_by=by,
        )
    _recorded(
        object_type="convention",
        convention=locked,
        by=by,
        description=(
            f"Reprise d'historique au {format_date_fr(on)} : {len(takeover.deemed)} "
            f"obligation(s) réputée(s) faite(s), {len(takeover.payments)} versement(s) "
            f"passé(s) enregistré(s) pour {format_amount_fr(takeover.amount)}"
        ),
        created=False,
        until=(on - ONE_DAY).isoformat(),
        deemed=[o.title for o in takeover.deemed],
        payments=[f"{o.title} le {o.due}" for o in takeover.payments],
    )
    return takeover
