"""Reads of the follow-up: the bridge from the register to the rules, and the history.

``events_for(convention)`` gives the rules what happened; ``obligations_for`` computes
the calendars of many conventions in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from pacte import terms as t
from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.conventions.rows_to_terms import TERMS_PREFETCH, convention_to_terms
from pacte.followup.models import Amendment, DocumentReceived, Meeting, StoredState
from pacte.rules import events as ev
from pacte.rules.obligations import Obligation, obligations
from pacte.rules.term import State, schedule, start_date

FOLLOWUP_PREFETCH = [
    "signature_records",
    "payment_records",
    "document_records",
    "meeting_records",
    "notice_records",
    "renewal_records",
    "termination_record",
    "amendment_records",
    "history_takeover",
]
"""The records ``events_for`` (and ``terms_with_amendments``) read; prefetch them to read many conventions at once."""

_RECORDS: dict[str, Any] = {
    "document": DocumentReceived,
    "meeting": Meeting,
    "amendment": Amendment,
}

HISTORY_TYPES = (
    "convention",
    "signature",
    "payment",
    "document",
    "meeting",
    "notice",
    "renewal",
    "termination",
    "amendment",
    "ptce_choice",
)
"""Journal object types whose ``object_ref`` is a convention reference."""


def _signers(convention: Convention) -> set[str]:
    """The keys of the parties that must sign: those with a signature block, else all."""
    keys = {party.pk: party.key for party in convention.parties.all()}
    blocks = {
        keys[block.party_id] for block in convention.signatures.all() if block.party_id in keys
    }
    return blocks or set(keys.values())


def signers_of(terms: t.Convention) -> set[str]:
    """``_signers`` read from the terms: the parties with a signature block, else all."""
    return {block.party for block in terms.signatures} or {party.key for party in terms.parties}


def events_for(convention: Convention, *, signers: set[str] | None = None) -> ev.Events:
    """What happened to a convention, as the rules take it.

    Signatures come from the records once every party that must sign has one;
    before that, from the date the convention states (« fait le »), if any. A notice
    counts from its receipt, so a letter without its AR date is not an event yet.
    ``signers`` (``signers_of`` the terms) spares reading the parties.
    """
    signatures = list(convention.signature_records.all())
    if signatures and {s.party_key for s in signatures} >= (
        signers if signers is not None else _signers(convention)
    ):
        signed: tuple[date, ...] = tuple(sorted(s.signed_on for s in signatures))
    elif convention.signed_on:
        signed = (convention.signed_on,)
    else:
        signed = ()
    try:
        terminated_on = convention.termination_record.terminated_on
    except Convention.termination_record.RelatedObjectDoesNotExist:
        terminated_on = None
    try:
        settled_until = convention.history_takeover.until
    except Convention.history_takeover.RelatedObjectDoesNotExist:
        settled_until = None
    return ev.Events(
        signatures=signed,
        payments=tuple(
            ev.Payment(on=p.paid_on, amount=p.amount, grant=p.grant_key or None, year=p.year)
            for p in sorted(convention.payment_records.all(), key=lambda p: (p.paid_on, p.pk))
        ),
        documents=tuple(
            ev.DocumentReceived(kind=t.DocumentKind(d.kind), on=d.received_on, year=d.year)
            for d in sorted(convention.document_records.all(), key=lambda d: (d.received_on, d.pk))
        ),
        meetings=tuple(
            ev.Meeting(body=m.body_key, on=m.held_on, minutes_on=m.minutes_received_on)
            for m in sorted(convention.meeting_records.all(), key=lambda m: (m.held_on, m.pk))
        ),
        notices=tuple(
            ev.NoticeReceived(party=n.party_key or None, on=n.received_on)
            for n in sorted(convention.notice_records.all(), key=lambda n: (n.sent_on, n.pk))
            if n.received_on is not None
        ),
        renewals=tuple(
            ev.RenewalDecision(on=r.decided_on)
            for r in sorted(convention.renewal_records.all(), key=lambda r: r.decided_on)
        ),
        terminated_on=terminated_on,
        settled_until=settled_until,
    )


@dataclass(frozen=True)
class ConventionCalendar:
    """One convention, its terms, what happened, and its obligations."""

    convention: Convention
    terms: t.Convention
    events: ev.Events
    obligations: list[Obligation]


def with_followup(conventions: QuerySet[Convention]) -> QuerySet[Convention]:
    """Conventions with everything the terms and the events need, prefetched."""
    return conventions.prefetch_related(*TERMS_PREFETCH, *FOLLOWUP_PREFETCH)


def followup_relations() -> tuple[str, ...]:
    """The relations to read with a convention for its terms and its follow-up."""
    return (*TERMS_PREFETCH, *FOLLOWUP_PREFETCH)


def convention_with_followup(pk: int) -> Convention:
    """One convention read afresh with its terms and its follow-up (``with_followup``)."""
    return with_followup(Convention.objects.filter(pk=pk)).get()


def record_of(convention: Convention, kind: str, pk: int) -> Any:
    """One record of this convention (``document``, ``meeting`` or ``amendment``) by its
    number, or None: a number of another convention is not found either."""
    model = _RECORDS[kind]
    return model.objects.filter(convention=convention, pk=pk).first()


def records_in_order(convention: Convention, kind: str) -> QuerySet[Any]:
    """A convention's payments (``payment``) or documents received (``document``), in the
    order they happened."""
    if kind == "payment":
        return convention.payment_records.order_by("paid_on", "pk")  # type: ignore[attr-defined]
    return convention.document_records.order_by("received_on", "pk")  # type: ignore[attr-defined]


def obligations_for(
    conventions: QuerySet[Convention] | Iterable[Convention],
    *,
    on: date,
    until: date,
    since: date | None = None,
) -> list[ConventionCalendar]:
    """The obligations of many conventions, evaluated ``on`` a date up to ``until``.

    Given a queryset, its rows are fetched with ``with_followup``: about thirty queries
    whatever the number of conventions.
    """
    rows = with_followup(conventions) if isinstance(conventions, QuerySet) else list(conventions)
    result = []
    for convention in rows:
        events = events_for(convention)
        terms = terms_with_amendments(convention, events)
        result.append(
            ConventionCalendar(
                convention=convention,
                terms=terms,
                events=events,
                obligations=obligations(terms, events, on=on, until=until, since=since),
            )
        )
    return result


def history_for(convention: Convention) -> QuerySet[AuditEntry]:
    """Journal entries about a convention and its follow-up, newest first."""
    return AuditEntry.objects.filter(
        object_type__in=HISTORY_TYPES, object_ref=convention.reference
    ).select_related("actor")


def apply_amendments(
    terms: t.Convention, amendments: Iterable[Any], events: ev.Events | None = None
) -> t.Convention:
    """The terms as the signed avenants left them, in the order of their numbers.

    Pure: a copy (``model_copy``) is returned, ``terms`` is untouched. An amendment reads
    as ``grant_key``, ``year``, ``amount`` (the amount of a grant for a budget year) and
    ``ends_on`` (the new end of the first period, ``term.end``). A grant that lists no
    years (a full-year amount) gets its years written out first, from the start to the
    end the schedule gives, so that changing one year keeps the others.
    """
    events = events or ev.Events()
    for amendment in sorted(amendments, key=lambda a: (a.number, a.pk or 0)):
        if amendment.amount is not None and amendment.grant_key:
            grants = []
            for grant in terms.grants:
                if grant.key == amendment.grant_key:
                    grant = _grant_amended(terms, grant, amendment, events)
                grants.append(grant)
            terms = terms.model_copy(update={"grants": grants})
        if amendment.ends_on is not None:
            term = terms.term or t.Term(start_rule=t.StartRule.ON_SIGNATURE)
            terms = terms.model_copy(
                update={"term": term.model_copy(update={"end": amendment.ends_on})}
            )
    return terms


def _grant_amended(
    terms: t.Convention, grant: t.Grant, amendment: Any, events: ev.Events
) -> t.Grant:
    year = amendment.year
    years = list(grant.years)
    if not years and grant.annual_amount is not None:
        start = start_date(terms, events)
        if start is not None:
            plan = schedule(
                terms, events, until=date(max(year or start.year, start.year) + 5, 12, 31)
            )
            end = plan.ends_on or (plan.periods[-1].end if plan.periods else start)
            years = [t.GrantYear(year=y) for y in range(start.year, end.year + 1)]
    if year is None:
        year = years[0].year if len(years) == 1 else None
    if year is None:
        return grant
    listed = any(item.year == year for item in years)
    before = next((item.amount for item in years if item.year == year), None)
    if listed:
        years = [
            item.model_copy(update={"amount": amendment.amount}) if item.year == year else item
            for item in years
        ]
    else:
        years = sorted(
            [*years, t.GrantYear(year=year, amount=amendment.amount)], key=lambda i: i.year
        )
    update: dict[str, Any] = {"years": years}
    if grant.total_amount is not None and (before is not None or not listed):
        # the stated total moves by what the avenant changes for that year
        update["total_amount"] = grant.total_amount - (before or 0) + amendment.amount
    return grant.model_copy(update=update)


def terms_with_amendments(convention: Convention, events: ev.Events | None = None) -> t.Convention:
    """The terms the rules read: the stored convention with its avenants applied.

    Prefetch with ``with_followup`` to read many conventions in a fixed number of queries.
    """
    events = events if events is not None else events_for(convention)
    return apply_amendments(
        convention_to_terms(convention), convention.amendment_records.all(), events
    )


def spans_on(on: date) -> QuerySet[StoredState]:
    """The stored states whose span holds that day."""
    return StoredState.objects.filter(Q(start__isnull=True) | Q(start__lte=on)).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )


def states_of(ids: Iterable[int], on: date) -> dict[int, str]:
    """The French label of each convention's stored state on a day, by convention id."""
    return {
        convention: State(state).label
        for convention, state in spans_on(on)
        .filter(convention_id__in=list(ids))
        .values_list("convention_id", "state")
    }


def in_state(conventions: QuerySet[Convention], state: str, on: date) -> QuerySet[Convention]:
    """The conventions whose stored state on a day is ``state`` (``StoredState`` spans).

    The caller makes sure the stored calendars reach that day
    (``services.calendars_ensure``).
    """
    spans = spans_on(on).filter(state=state)
    return conventions.filter(pk__in=spans.values("convention_id"))
