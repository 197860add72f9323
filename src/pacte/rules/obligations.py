"""The obligations calendar: what is due, when, by whom, and why.

Every obligation carries its reason: the clause it comes from (article and quoted words)
or the legal reference. Pure: the date ``on`` is always given, never read from a clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from pacte.rules.events import Events, Payment
from pacte.rules.facts import grant_figures
from pacte.rules.money import Balance, YearAmount, split
from pacte.rules.parameters import parameter
from pacte.rules.term import (
    ONE_DAY,
    Period,
    Schedule,
    add_length,
    notice_deadline,
    schedule,
    start_date,
)
from pacte.rules.workdays import previous_working_day
from pacte.terms import (
    CadenceBasis,
    Convention,
    DocumentKind,
    Frequency,
    GoverningBody,
    Grant,
    Instalment,
    InstalmentKind,
    PartyRole,
    Place,
    Quantity,
    RenewalKind,
    SupportingDocument,
    TriggerKind,
    Unit,
    format_amount_fr,
    format_date_fr,
    format_percent_fr,
)

SOON = timedelta(days=30)
"""An obligation whose due date is within this delay is « à échéance » (status due)."""

MINUTES_DELAY = timedelta(days=30)
"""Minutes are expected within a month of a meeting, unless the convention says otherwise."""


class ObligationKind(StrEnum):
    PAYMENT = "payment"
    SUPPORTING_DOCUMENT = "supporting_document"
    FINANCIAL_REPORT = "financial_report"
    MEETING = "meeting"
    MINUTES = "minutes"
    NOTICE_DEADLINE = "notice_deadline"
    RENEWAL = "renewal"
    RENEWAL_DECISION = "renewal_decision"
    END = "end"
    MILESTONE = "milestone"
    OPEN_DATA = "open_data"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ObligationKind.PAYMENT: "versement",
    ObligationKind.SUPPORTING_DOCUMENT: "pièce justificative",
    ObligationKind.FINANCIAL_REPORT: "compte rendu financier",
    ObligationKind.MEETING: "réunion d'instance",
    ObligationKind.MINUTES: "procès-verbal",
    ObligationKind.NOTICE_DEADLINE: "date limite de dénonciation",
    ObligationKind.RENEWAL: "reconduction",
    ObligationKind.RENEWAL_DECISION: "décision de reconduction",
    ObligationKind.END: "fin de la convention",
    ObligationKind.MILESTONE: "échéance d'étape",
    ObligationKind.OPEN_DATA: "publication en données ouvertes",
}


class Status(StrEnum):
    PENDING = "pending"
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"
    WAIVED = "waived"
    VOID = "void"

    @property
    def label(self) -> str:
        return {
            "pending": "en attente",
            "upcoming": "à venir",
            "due": "à échéance",
            "overdue": "en retard",
            "done": "fait",
            "waived": "sans objet",
            "void": "caduc (convention terminée)",
        }[self.value]


@dataclass(frozen=True)
class Reason:
    """Why an obligation exists: an explanation, the clause and its words, or the law."""

    text: str
    article: str | None = None
    quote: str | None = None
    legal: str | None = None

    def __str__(self) -> str:
        parts = [self.text]
        if self.article:
            parts.insert(0, f"article {self.article}")
        if self.quote:
            parts.append(f"« {self.quote} »")
        if self.legal:
            parts.append(self.legal)
        return " — ".join(parts)


@dataclass(frozen=True)
class Obligation:
    """One dated item of the calendar."""

    kind: ObligationKind
    title: str
    due: date | None
    act_by: date | None
    amount: Decimal | None
    party: str | None
    status: Status
    reason: Reason
    done_on: date | None = None
    grant: str | None = None
    """For a payment: the key of its grant."""
    waiting_for: str | None = None
    """While the status is pending: what the obligation waits for (« la signature de la
    convention », « le bilan d'activité »…); its due date is then unknown or only planned."""

    @property
    def status_label(self) -> str:
        """The status in French, said for what it means for this obligation: a notice
        deadline passed without a letter means the tacit renewal is acquired; an express
        renewal not decided means the convention ends at its term.

        >>> from datetime import date
        >>> item = Obligation(ObligationKind.NOTICE_DEADLINE, "Dénoncer", date(2026, 12, 1),
        ...     None, None, None, Status.WAIVED, Reason("préavis de trois mois"))
        >>> item.status_label
        'passée : reconduction tacite acquise'
        """
        if self.status is Status.WAIVED:
            if self.kind is ObligationKind.NOTICE_DEADLINE:
                return "passée : reconduction tacite acquise"
            if self.kind is ObligationKind.RENEWAL_DECISION:
                return "non décidée : la convention prend fin à son terme"
        return self.status.label

    @property
    def when(self) -> str:
        """The due date in French, or what it waits for when it has none yet."""
        if self.due is not None and self.status is not Status.PENDING:
            return format_date_fr(self.due)
        waiting = f"en attente de {self.waiting_for}" if self.waiting_for else "date non connue"
        if self.due is not None:
            return f"prévu le {format_date_fr(self.due)}, {waiting}"
        return waiting

    def as_json(self) -> dict[str, str | None]:
        return {
            "kind": self.kind.value,
            "due": self.due.isoformat() if self.due else None,
            "act_by": self.act_by.isoformat() if self.act_by else None,
            "amount": f"{self.amount:.2f}" if self.amount is not None else None,
            "party": self.party,
            "status": self.status.value,
            "waiting_for": self.waiting_for,
            "reason": str(self.reason),
        }


_DECISIONS = frozenset({ObligationKind.NOTICE_DEADLINE, ObligationKind.RENEWAL_DECISION})
"""Deadlines to decide something: once passed without a decision, they are waived."""

SIGNATURE = "la signature de la convention"
"""What every obligation of a convention not yet signed waits for."""


def obligation_status(
    on: date,
    *,
    kind: ObligationKind,
    due: date | None,
    done_on: date | None,
    settled: Status | None = None,
) -> Status:
    """The status of one obligation on a day: the single rule every view applies.

    ``settled`` is a status the events decided (void after a termination, waived,
    pending while the trigger has not happened); it holds unless the obligation is done.
    An obligation without a due date waits for its trigger: it is pending, never late.
    A notice deadline passed without a letter is waived (the convention renews), and so
    is an express renewal not decided by the end (the convention has ended).

    >>> d = date(2026, 6, 1)
    >>> obligation_status(d, kind=ObligationKind.PAYMENT, due=None, done_on=None).value
    'pending'
    >>> obligation_status(d, kind=ObligationKind.PAYMENT, due=date(2026, 5, 31), done_on=None).value
    'overdue'
    >>> obligation_status(d, kind=ObligationKind.NOTICE_DEADLINE, due=date(2026, 5, 31), done_on=None).value
    'waived'
    >>> obligation_status(d, kind=ObligationKind.PAYMENT, due=date(2026, 6, 1), done_on=None).value
    'due'
    """
    if done_on is not None and done_on <= on:
        return Status.DONE
    if settled is not None:
        return settled
    if due is None:
        return Status.PENDING
    if due < on:
        # a deadline to decide that has passed is moot: the convention renewed or ended
        return Status.WAIVED if kind in _DECISIONS else Status.OVERDUE
    if due <= on + SOON:
        return Status.DUE
    return Status.UPCOMING


def _reason(text: str, place: Place | None, quote: str | None = None) -> Reason:
    return Reason(
        text=text,
        article=place.article if place else None,
        quote=quote or (place.quote if place else None),
    )


@dataclass(frozen=True)
class _Planned:
    """One payment of a grant's year as the clause plans it."""

    title: str
    due: date | None
    amount: Decimal
    reason: Reason
    how: str
    """The trigger in the clause's words (« à la signature », « sur présentation de : … »)."""
    waiting: str | None
    """What it still waits for, or ``None`` once the trigger has happened."""


class _Calendar:
    """Builds the obligations of one convention; one method per kind of obligation."""

    def __init__(self, terms: Convention, events: Events, on: date, until: date) -> None:
        self.terms = terms
        self.events = events
        self.on = on
        self.until = until
        self.plan: Schedule = schedule(terms, events, until)
        self.start = start_date(terms, events)
        signed = events.signed_on
        self.signed_on = signed if signed is not None and signed <= on else None
        """The day the convention was signed, if it was by ``on``: before it nothing is due."""
        authorities = terms.parties_with_role(PartyRole.PUBLIC_AUTHORITY)
        self.department = authorities[0].organisation.department if authorities else None
        self.items: list[Obligation] = []
        self._slices: dict[str, list[tuple[date, date]]] = {}
        self._figures: dict[str, tuple[YearAmount, ...]] | None = None

    # -- helpers -----------------------------------------------------------------------
    def party_name(self, key: str | None, role: PartyRole | None = None) -> str | None:
        if key:
            try:
                return self.terms.party(key).name
            except KeyError:
                return key
        if role:
            found = self.terms.parties_with_role(role)
            return found[0].name if found else None
        return None

    def add(
        self,
        kind: ObligationKind,
        title: str,
        due: date | None,
        reason: Reason,
        *,
        amount: Decimal | None = None,
        party: str | None = None,
        done_on: date | None = None,
        waiting: str | None = None,
        informative: bool = False,
        grant: str | None = None,
    ) -> None:
        """Add one obligation; ``waiting`` names the trigger it waits for when it has not
        happened. Before the signature every obligation waits for it, except the
        ``informative`` dates of the term (renewal, end) that no one has to act on."""
        if waiting is None and self.signed_on is None and not informative:
            waiting = SIGNATURE
        if done_on is None and kind is not ObligationKind.PAYMENT and self.taken_over(due):
            done_on = due
            reason = Reason(
                f"{reason.text} ; réputé fait : reprise d'historique",
                reason.article,
                reason.quote,
                reason.legal,
            )
        act_by = previous_working_day(due, self.department) if due else None
        settled = self.settled(kind, due, waiting)
        status = obligation_status(self.on, kind=kind, due=due, done_on=done_on, settled=settled)
        self.items.append(
            Obligation(
                kind=kind,
                title=title,
                due=due,
                act_by=act_by,
                amount=amount,
                party=party,
                status=status,
                reason=reason,
                done_on=done_on,
                grant=grant,
                waiting_for=waiting if status is Status.PENDING else None,
            )
        )

    def taken_over(self, due: date | None) -> bool:
        """Whether a reprise d'historique deems an obligation due that day met."""
        settled = self.events.settled_until
        return bool(due and settled and due <= settled)

    def settled(self, kind: ObligationKind, due: date | None, waiting: str | None) -> Status | None:
        """The status the events decide, whatever the day: void once the convention was
        terminated before the due date, pending while the trigger has not happened."""
        ends_on = self.plan.ends_on
        if self.plan.terminated and ends_on and due and due > ends_on:
            return Status.VOID
        if waiting is not None:
            return Status.PENDING
        return None

    def years_of(self, grant: Grant) -> tuple[YearAmount, ...]:
        """The grant's financed years and amounts (``facts.grant_figures``: the initial term)."""
        if self._figures is None:
            self._figures = {
                figures.key: figures.years for figures in grant_figures(self.terms, self.events)
            }
        return self._figures.get(grant.key, ())

    def last_known_end(self) -> date | None:
        if self.plan.ends_on:
            return self.plan.ends_on
        return self.plan.periods[-1].end if self.plan.periods else None

    # -- governance --------------------------------------------------------------------
    def body_slices(self, body: GoverningBody) -> list[tuple[date, date]]:
        """The spans in which the body must meet once, per its cadence (computed once)."""
        if body.key not in self._slices:
            self._slices[body.key] = self._compute_slices(body)
        return self._slices[body.key]

    def _compute_slices(self, body: GoverningBody) -> list[tuple[date, date]]:
        if body.cadence is None or self.start is None:
            return []
        per_year = {
            Frequency.YEARLY: 1,
            Frequency.HALF_YEARLY: 2,
            Frequency.QUARTERLY: 4,
            Frequency.MONTHLY: 12,
        }.get(body.cadence.frequency)
        end = self.last_known_end()
        if per_year is None or end is None:
            return []
        step = Quantity(value=12 // per_year, unit=Unit.MONTH)
        anchor = self.start
        if body.cadence.basis is CadenceBasis.CALENDAR_YEAR:
            anchor = date(self.start.year, 1, 1)
        slices: list[tuple[date, date]] = []
        index = 0
        while True:
            begin = add_length(anchor, step, index)
            finish = add_length(anchor, step, index + 1) - ONE_DAY
            if begin > end or begin > self.until:
                break
            if finish > end and slices:
                # a last span shorter than the cadence joins the previous one
                slices[-1] = (slices[-1][0], end)
            else:
                slices.append((max(begin, self.start), min(finish, end)))
            index += 1
        return slices

    def meeting_due(self, body_key: str | None, around: date) -> date | None:
        """When the body's meeting covering ``around`` is due (the end of its span)."""
        if body_key is None:
            return None
        try:
            body = self.terms.body(body_key)
        except KeyError:
            return None
        for begin, finish in self.body_slices(body):
            if begin <= around <= finish:
                return finish
        return None

    def governance(self) -> None:
        for body in self.terms.governing_bodies:
            place = body.place
            cadence = body.cadence.text if body.cadence and body.cadence.text else None
            for begin, finish in self.body_slices(body):
                held = [
                    m
                    for m in self.events.meetings
                    if m.body == body.key and begin <= m.on <= finish
                ]
                self.add(
                    ObligationKind.MEETING,
                    f"Réunir le {body.name} (période du {format_date_fr(begin)} au {format_date_fr(finish)})",
                    finish,
                    _reason(
                        f"{body.name} : {body.cadence.frequency.label if body.cadence else ''}",
                        place,
                        cadence,
                    ),
                    party=self.party_name(body.secretariat_party, PartyRole.PUBLIC_AUTHORITY),
                    done_on=held[0].on if held else None,
                )
            for meeting in (m for m in self.events.meetings if m.body == body.key):
                self.add(
                    ObligationKind.MINUTES,
                    f"Procès-verbal du {body.name} réuni le {format_date_fr(meeting.on)}",
                    meeting.on + MINUTES_DELAY,
                    Reason(
                        f"procès-verbal attendu après la réunion (délai d'usage de {MINUTES_DELAY.days} jours)",
                        article=place.article if place else None,
                    ),
                    party=self.party_name(body.secretariat_party, PartyRole.PUBLIC_AUTHORITY),
                    done_on=meeting.minutes_on,
                )

    # -- money -------------------------------------------------------------------------
    def document_received(self, document: SupportingDocument, year: int) -> date | None:
        dates = [
            d.on
            for d in self.events.documents
            if d.kind is document.kind and d.year in (None, year)
        ]
        if document.kind is DocumentKind.MINUTES and document.approved_by:
            dates += [
                m.minutes_on
                for m in self.events.meetings
                if m.body == document.approved_by and m.minutes_on and m.on.year >= year
            ]
        if not dates and self.events.settled_until:
            expected = self.expected_documents_date([document], year)
            if self.taken_over(expected):
                return expected
        return min(dates) if dates else None

    def expected_documents_date(
        self, documents: list[SupportingDocument], year: int
    ) -> date | None:
        """When the named documents are expected: the approving body's meeting, or year end."""
        around = max(self.start, date(year, 1, 1)) if self.start else date(year, 1, 1)
        for document in documents:
            due = self.meeting_due(document.approved_by, around)
            if due:
                return due
        end = self.last_known_end()
        year_end = date(year, 12, 31)
        return min(year_end, end) if end else year_end

    def instalment_due(
        self, instalment: Instalment, year: int
    ) -> tuple[date | None, str, str | None]:
        """When an instalment of a year is payable, how the clause says it, and what it
        still waits for (``None`` once its trigger has happened).

        A payment is never due before the convention is signed: a date that falls
        earlier moves to the signature.
        """
        trigger = instalment.trigger
        first_year = self.start.year if self.start else year
        signed = self.signed_on
        if trigger.kind is TriggerKind.ON_SIGNATURE:
            if year == first_year or signed is None:
                if signed is None:
                    return None, "à la signature", SIGNATURE
                return signed, "à la signature", None
            return (
                max(date(year, 1, 1), signed),
                f"à la signature, puis chaque année au 1er janvier {year}",
                None,
            )
        if trigger.kind is TriggerKind.ON_DATE:
            how = f"à date fixe ({format_date_fr(trigger.date)})" if trigger.date else "à date fixe"
            if signed is None:
                return trigger.date, how, SIGNATURE
            return (max(trigger.date, signed) if trigger.date else signed), how, None
        if trigger.kind is TriggerKind.ON_APPROVAL:
            name = self._body_name(trigger.body)
            how = f"après approbation par {name}"
            around = max(self.start, date(year, 1, 1)) if self.start else date(year, 1, 1)
            held = self.meeting_held(trigger.body, year, around)
            if signed is None:
                return None, how, f"{SIGNATURE}, puis l'approbation par {name}"
            if held is None:
                return None, how, f"l'approbation par {name}"
            return max(held, signed), how, None
        documents = trigger.documents
        names = ", ".join(d.label or d.kind.label for d in documents) or "pièces justificatives"
        how = f"sur présentation de : {names}"
        received = [self.document_received(d, year) for d in documents]
        if signed is None:
            return None, how, f"{SIGNATURE}, puis : {names}"
        if documents and all(received):
            return max(max(d for d in received if d), signed), f"{how} (reçues)", None
        missing = [
            d.label or d.kind.label for d, on in zip(documents, received, strict=True) if not on
        ]
        return None, how, ", ".join(missing) or names

    def _body_name(self, key: str | None) -> str:
        if key is None:
            return "l'instance"
        try:
            return f"le {self.terms.body(key).name}"
        except KeyError:
            return f"l'instance « {key} »"

    def meeting_held(self, body: str | None, year: int, around: date) -> date | None:
        """The first meeting of ``body`` recorded in ``year`` (on or after ``around``)."""
        held = [m.on for m in self.events.meetings if m.body == body and m.on.year == year]
        later = [day for day in held if day >= around]
        if not held and self.events.settled_until:
            expected = self.meeting_due(body, around)
            return expected if self.taken_over(expected) else None
        return min(later or held) if held else None

    def grant_payments(self, grant: Grant) -> None:
        grantor = self.party_name(grant.grantor, PartyRole.PUBLIC_AUTHORITY)
        beneficiary = self.party_name(grant.beneficiary, PartyRole.BENEFICIARY)
        paid = sorted(
            (p for p in self.events.payments if p.grant in (None, grant.key)), key=lambda p: p.on
        )
        remaining = [(p.on, p.amount) for p in paid]
        for amount in self.years_of(grant):
            for planned in self.year_payments(grant, amount):
                done_on = None
                need = money = planned.amount
                while need > 0 and remaining:
                    pay_on, available = remaining[0]
                    used = min(need, available)
                    need -= used
                    if used == available:
                        remaining.pop(0)
                    else:
                        remaining[0] = (pay_on, available - used)
                    done_on = pay_on
                self.add(
                    ObligationKind.PAYMENT,
                    planned.title,
                    planned.due,
                    planned.reason,
                    amount=money,
                    party=grantor,
                    done_on=done_on if need == 0 else None,
                    waiting=planned.waiting,
                    grant=grant.key,
                )
            self.documents_for_year(grant, amount.year, beneficiary)
        self.renewal_documents(grant, beneficiary)
        self.financial_reports(grant, beneficiary)

    def renewal_documents(self, grant: Grant, beneficiary: str | None) -> None:
        """Documents that condition the grant of each renewed period (« sur présentation du PV »)."""
        for period in self.plan.periods[1:]:
            for document in grant.renewal_documents:
                previous = period.start - ONE_DAY
                due = self.meeting_due(document.approved_by, previous) or previous
                self.add(
                    ObligationKind.SUPPORTING_DOCUMENT,
                    f"Fournir : {document.label or document.kind.label} — conditionne la subvention de la période {period.number}",
                    due,
                    _reason(
                        f"la reconduction de la subvention pour la période {period.number} dépend de cette pièce",
                        grant.place,
                        grant.renewal_condition,
                    ),
                    party=beneficiary,
                    done_on=self.document_received(document, period.start.year - 1),
                )

    def year_payments(self, grant: Grant, amount: YearAmount) -> Iterator[_Planned]:
        instalments = [i for i in grant.instalments if i.year in (None, amount.year)]
        described = f"{format_amount_fr(amount.amount)} pour {amount.year} ({amount.how})"
        if amount.difference:
            described += f" [{amount.difference}]"
        if not instalments:
            due: date | None = date(amount.year, 1, 1)
            if self.start and due and self.start > due:
                due = self.start
            if self.signed_on is not None and due and self.signed_on > due:
                due = self.signed_on
            yield _Planned(
                f"Subvention {amount.year} : {format_amount_fr(amount.amount)}",
                due,
                amount.amount,
                _reason(
                    f"{described}, versée pour l'année (date non précisée : début de la période financée)",
                    grant.place,
                ),
                "au début de la période financée",
                SIGNATURE if self.signed_on is None else None,
            )
            return
        percents = [i.percent for i in instalments if i.percent is not None]
        shares = iter(split(amount.amount, percents))
        for instalment in instalments:
            money = (
                next(shares)
                if instalment.percent is not None
                else (instalment.amount or Decimal(0))
            )
            when, how, waiting = self.instalment_due(instalment, amount.year)
            measure = (
                format_percent_fr(instalment.percent)
                if instalment.percent is not None
                else format_amount_fr(money)
            )
            yield _Planned(
                f"{instalment.kind.label.capitalize()} {amount.year} ({measure}) : {format_amount_fr(money)}",
                when,
                money,
                _reason(
                    f"{instalment.kind.label} de {measure} de {described}, {how}",
                    grant.place,
                    instalment.trigger.text,
                ),
                how,
                waiting,
            )

    def documents_for_year(self, grant: Grant, year: int, beneficiary: str | None) -> None:
        seen: set[tuple[str, str | None]] = set()
        for instalment in grant.instalments:
            if instalment.trigger.kind is not TriggerKind.ON_DOCUMENTS or instalment.year not in (
                None,
                year,
            ):
                continue
            for document in instalment.trigger.documents:
                if (document.kind, document.label) in seen:
                    continue
                seen.add((document.kind, document.label))
                self.add(
                    ObligationKind.SUPPORTING_DOCUMENT,
                    f"Fournir : {document.label or document.kind.label} ({year})",
                    self.expected_documents_date([document], year),
                    _reason(
                        f"pièce qui conditionne le versement du {instalment.kind.label} {year}",
                        grant.place,
                        instalment.trigger.text,
                    ),
                    party=beneficiary,
                    done_on=self.document_received(document, year),
                )

    def financial_reports(self, grant: Grant, beneficiary: str | None) -> None:
        if not grant.earmarked:
            return
        delay = parameter("financial_report_delay")
        for amount in self.years_of(grant):
            year_end = date(amount.year, 12, 31)
            value = delay.at(year_end)
            if value is None:
                continue
            due = (
                add_length(year_end + ONE_DAY, Quantity(value=int(value.value), unit=Unit.MONTH))
                - ONE_DAY
            )
            received = [
                d.on
                for d in self.events.documents
                if d.kind is DocumentKind.FINANCIAL_REPORT and d.year in (None, amount.year)
            ]
            self.add(
                ObligationKind.FINANCIAL_REPORT,
                f"Compte rendu financier de la subvention {amount.year}",
                due,
                Reason(
                    f"subvention affectée : compte rendu financier dans les {value.value} mois suivant la fin de l'exercice {amount.year}",
                    legal=value.reference.text,
                ),
                party=beneficiary,
                done_on=min(received) if received else None,
            )

    def open_data(self) -> None:
        signed = self.events.signed_on
        if signed is None:
            return
        threshold = parameter("open_data_threshold").at(signed)
        delay = parameter("open_data_delay").at(signed)
        if threshold is None or delay is None:
            return
        for grant in self.terms.grants:
            amounts = self.years_of(grant)
            if not any(a.amount > threshold.value for a in amounts):
                continue
            due = add_length(signed, Quantity(value=int(delay.value), unit=Unit.MONTH))
            self.add(
                ObligationKind.OPEN_DATA,
                "Publier les données essentielles de la convention (SCDL Subventions)",
                due,
                Reason(
                    f"subvention de plus de {format_amount_fr(threshold.value)} par an : publication dans les {delay.value} mois suivant la signature",
                    legal=delay.reference.text,
                ),
                party=self.party_name(grant.grantor, PartyRole.PUBLIC_AUTHORITY),
            )
            return

    # -- term --------------------------------------------------------------------------
    def term(self) -> None:
        renewal = self.terms.renewal
        termination = self.terms.termination
        kind = renewal.kind if renewal else RenewalKind.NONE
        periods = list(self.plan.periods)
        notice = termination.notice if termination else None
        for period in periods:
            if kind is RenewalKind.TACIT and notice is not None:
                self.notice(period, notice)
            if kind is RenewalKind.TACIT and period.is_renewal:
                self.add(
                    ObligationKind.RENEWAL,
                    f"Reconduction tacite : période {period.number} du {format_date_fr(period.start)} au {format_date_fr(period.end)}",
                    period.start,
                    _reason(
                        "reconduction tacite pour une période de même durée, faute de dénonciation",
                        renewal.place if renewal else None,
                    ),
                    done_on=period.start,
                    informative=True,
                )
        if kind is RenewalKind.EXPRESS and periods:
            last = periods[-1]
            decided = [d.on for d in self.events.renewals if last.start <= d.on <= last.end]
            condition = f" ({renewal.condition})" if renewal and renewal.condition else ""
            self.add(
                ObligationKind.RENEWAL_DECISION,
                f"Décider la reconduction expresse avant le {format_date_fr(last.end)}",
                last.end,
                _reason(
                    f"reconduction expresse : sans décision, la convention prend fin{condition}",
                    renewal.place if renewal else None,
                ),
                party=self.party_name(None, PartyRole.PUBLIC_AUTHORITY),
                done_on=min(decided) if decided else None,
            )
        if self.plan.ends_on is not None:
            words = self.plan.ended_by
            place = self.terms.term.place if self.terms.term else None
            self.add(
                ObligationKind.END,
                f"Fin de la convention ({words}) le {format_date_fr(self.plan.ends_on)}",
                self.plan.ends_on,
                _reason(f"dernier jour de validité ({words})", place),
                done_on=self.plan.ends_on,
                informative=True,
            )

    def notice(self, period: Period, notice: Quantity) -> None:
        termination = self.terms.termination
        deadline = notice_deadline(period.end, notice)
        if deadline < period.start:
            return
        received = [n.on for n in self.events.notices if period.start <= n.on <= deadline]
        form = termination.form.label if termination else ""
        self.add(
            ObligationKind.NOTICE_DEADLINE,
            f"Dernier jour pour dénoncer la convention avant le terme du {format_date_fr(period.end)}",
            deadline,
            _reason(
                f"préavis de {notice.label} avant la fin de la période {period.number} ({form}) ; sinon reconduction le {format_date_fr(period.end + ONE_DAY)}",
                termination.place if termination else None,
            ),
            done_on=min(received) if received else None,
        )

    # -- workstreams -------------------------------------------------------------------
    def milestones(self) -> None:
        for workstream in self.terms.workstreams:
            for step in workstream.steps:
                milestone = step.milestone
                if milestone is None or (milestone.due is None and milestone.not_before is None):
                    continue
                keys = step.parties or workstream.parties
                party = ", ".join(self.party_name(k) or k for k in keys) or None
                condition = f" ; condition : {milestone.condition}" if milestone.condition else ""
                due: date | None
                if milestone.due:
                    title = f"{workstream.label}, étape {step.number} : {step.title}"
                    due = milestone.due
                    text = f"échéance de l'étape {step.number}{condition}"
                else:
                    title = f"{workstream.label}, étape {step.number} (peut débuter) : {step.title}"
                    due = milestone.not_before
                    text = f"début possible de l'étape {step.number}{condition}"
                self.add(
                    ObligationKind.MILESTONE,
                    title,
                    due,
                    _reason(text, workstream.place, milestone.quote),
                    party=party,
                )

    def build(self) -> list[Obligation]:
        self.term()
        for grant in self.terms.grants:
            self.grant_payments(grant)
        self.governance()
        self.milestones()
        self.open_data()
        return self.items


def obligations(
    terms: Convention,
    events: Events | None = None,
    *,
    on: date,
    until: date,
    since: date | None = None,
) -> list[Obligation]:
    """The calendar of a convention evaluated ``on`` a date, up to ``until``.

    Obligations dated after ``until`` are left out, as are those before ``since`` when
    given; an obligation without a known date is kept (its trigger has not happened).
    """
    items = _Calendar(terms, events or Events(), on, until).build()
    kept = [
        o for o in items if o.due is None or ((since is None or o.due >= since) and o.due <= until)
    ]
    return sorted(kept, key=lambda o: (o.due is None, o.due or date.max, o.kind.value))


def unmet_conditions(terms: Convention, events: Events, payment: Payment) -> list[Obligation]:
    """The instalments a payment would settle while their condition is not met yet.

    A balance « sur présentation du bilan » paid before the bilan was received, an
    advance « à la signature » paid before the convention is signed: each is returned
    with what it was waiting for, so the payment can be refused unless a reason to
    override is given.
    """
    on = payment.on
    until = date(max(payment.year or on.year, on.year) + 1, 12, 31)
    before = {
        (o.grant, o.title): o
        for o in obligations(terms, events, on=on, until=until)
        if o.kind is ObligationKind.PAYMENT
    }
    after = obligations(
        terms, replace(events, payments=(*events.payments, payment)), on=on, until=until
    )
    unmet = []
    for item in after:
        earlier = before.get((item.grant, item.title))
        if (
            item.kind is ObligationKind.PAYMENT
            and item.status is Status.DONE
            and earlier is not None
            and earlier.status is Status.PENDING
        ):
            unmet.append(earlier)
    return unmet


@dataclass(frozen=True)
class Takeover:
    """What a reprise d'historique settles when a running or finished convention is
    taken over on a day: the obligations deemed met and the payments to record."""

    on: date
    deemed: tuple[Obligation, ...]
    payments: tuple[Obligation, ...]
    """Past payments, to record as paid on their due date."""

    @property
    def amount(self) -> Decimal:
        return sum((p.amount or Decimal(0) for p in self.payments), Decimal(0))

    @property
    def count(self) -> int:
        return len(self.deemed) + len(self.payments)


def history_takeover(terms: Convention, events: Events, on: date) -> Takeover:
    """Everything due before ``on`` that the takeover deems met (``Events.settled_until``
    the day before), and the past payments it records; what is due from ``on`` stays open.
    """
    if events.settled_until is not None:
        return Takeover(on, (), ())  # taken over already: once per convention
    settled = replace(events, settled_until=on - ONE_DAY)
    items = obligations(terms, settled, on=on, until=on)
    before = {
        (o.kind, o.title)
        for o in obligations(terms, events, on=on, until=on)
        if o.status is Status.DONE
    }
    deemed = tuple(
        o
        for o in items
        if o.status is Status.DONE
        and o.kind is not ObligationKind.PAYMENT
        and (o.kind, o.title) not in before
        and o.kind not in (ObligationKind.RENEWAL, ObligationKind.END)
    )
    payments = tuple(
        o for o in items if o.kind is ObligationKind.PAYMENT and o.status is Status.OVERDUE
    )
    return Takeover(on, deemed, payments)


def balances(terms: Convention, events: Events | None = None, *, until: date) -> list[Balance]:
    """Per grant: the amounts of the financed years up to ``until``'s year, and what was paid.

    Payments recorded without a grant key count for the convention's only grant (or the
    first one).
    """
    events = events or Events()
    calendar = _Calendar(terms, events, until, until)
    result = []
    for index, grant in enumerate(terms.grants):
        years = [a for a in calendar.years_of(grant) if a.year <= until.year]
        expected = sum((a.amount for a in years), Decimal(0))
        paid = sum(
            (
                p.amount
                for p in events.payments
                if p.on <= until and (p.grant == grant.key or (p.grant is None and index == 0))
            ),
            Decimal(0),
        )
        result.append(Balance(grant.key, expected, paid))
    return result


@dataclass(frozen=True)
class GrantPayment:
    """One payment of a grant for a budget year: its due date (``None`` while its trigger
    has not happened and cannot be foreseen), its amount and why."""

    grant: str
    year: int
    number: int
    """Rank of the payment within the grant's year, from 1."""
    count: int
    """How many payments the grant's year has (1: « unique », more: « échelonné »)."""
    kind: InstalmentKind
    title: str
    due: date | None
    amount: Decimal
    reason: str
    year_amount: YearAmount
    how: str = ""
    """The trigger as the clause states it (« à la signature », « sur présentation de : … »)."""
    waiting_for: str | None = None
    """What the payment still waits for; ``None`` once its trigger has happened."""

    @property
    def when(self) -> str:
        """Its date in French once known, else its trigger in the clause's words.

        A date not known yet is never replaced by another payment's wording."""
        if self.due is not None and self.waiting_for is None:
            return format_date_fr(self.due)
        return self.how or "date non connue"


def grant_payments(
    terms: Convention,
    events: Events,
    *,
    grant: Grant | None = None,
    until: date | None = None,
) -> list[GrantPayment]:
    """Every payment of the convention's grants (or of ``grant``), by grant, year and rank.

    ``until`` bounds the periods of a tacit renewal; by default only the first period
    counts (the grant decided with the convention).
    """
    start = start_date(terms, events)
    horizon = until or start or date.min
    # the signature counts whatever the horizon: a payment is planned from it
    on = max(horizon, events.signed_on) if events.signed_on else horizon
    calendar = _Calendar(terms, events, on, horizon)
    result: list[GrantPayment] = []
    for item in [grant] if grant is not None else terms.grants:
        for amount in calendar.years_of(item):
            instalments = [i for i in item.instalments if i.year in (None, amount.year)]
            kinds = [i.kind for i in instalments] or [InstalmentKind.SINGLE]
            planned = list(calendar.year_payments(item, amount))
            for number, (plan, kind) in enumerate(zip(planned, kinds, strict=True), start=1):
                result.append(
                    GrantPayment(
                        grant=item.key,
                        year=amount.year,
                        number=number,
                        count=len(planned),
                        kind=kind,
                        title=plan.title,
                        due=plan.due,
                        amount=plan.amount,
                        reason=str(plan.reason),
                        year_amount=amount,
                        how=plan.how,
                        waiting_for=plan.waiting,
                    )
                )
    return result
