"""Tableau de bord: money committed and paid per year, per partner and per status.

Every figure comes from the stored conventions through the rules, with their avenants
applied: committed is the sum of the grants' amounts per budget year
(``year_amounts``), paid the payments recorded.
Each chart is drawn here as plain HTML bars, with the same figures in a table beside it.
The conventions are read once with their follow-up prefetched (a fixed number of queries).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pacte.accounts.enums import Role
from pacte.accounts.selectors import conventions_visible_to, is_admin, membership_of
from pacte.followup.selectors import events_for, terms_with_amendments, with_followup
from pacte.rules.facts import grant_figures
from pacte.rules.term import state_on
from pacte.terms import PartyRole, format_amount_fr

ZERO = Decimal(0)


@dataclass(frozen=True)
class Bar:
    """One line of a chart: its label, the two amounts and their widths in percent."""

    label: str
    committed: Decimal
    paid: Decimal
    committed_pct: int
    paid_pct: int

    @property
    def committed_fr(self) -> str:
        return format_amount_fr(self.committed)

    @property
    def paid_fr(self) -> str:
        return format_amount_fr(self.paid)

    @property
    def remaining(self) -> Decimal:
        """Committed and not paid yet (nothing when more was paid)."""
        return max(self.committed - self.paid, ZERO)

    @property
    def remaining_fr(self) -> str:
        return format_amount_fr(self.remaining)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    heading: str
    bars: list[Bar]


def _percent(value: Decimal, top: Decimal) -> int:
    if top <= 0 or value <= 0:
        return 0
    return max(1, round(value * 100 / top))


def _chart(key: str, title: str, heading: str, rows: dict[str, list[Decimal]]) -> Chart:
    top = max((max(c, p) for c, p in rows.values()), default=ZERO)
    bars = [Bar(label, c, p, _percent(c, top), _percent(p, top)) for label, (c, p) in rows.items()]
    return Chart(key, title, heading, bars)


def dashboard_data(conventions, *, on: date, organisation_id: int | None = None) -> list[Chart]:
    """The three charts for these conventions; ``organisation_id`` keeps one partner only."""
    per_year: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    per_partner: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    per_status: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for convention in with_followup(conventions):
        events = events_for(convention)
        terms = terms_with_amendments(convention, events)  # the avenants signed apply
        figures = grant_figures(terms, events)
        state, _period = state_on(terms, events, on)
        parties = {p.key: p for p in terms.parties}
        own = {p.key for p in convention.parties.all() if p.organisation_id == organisation_id}
        for index, grant in enumerate(terms.grants):
            beneficiary = parties.get(grant.beneficiary or "")
            if beneficiary is None:
                beneficiary = next(
                    (p for p in terms.parties if p.role != PartyRole.PUBLIC_AUTHORITY), None
                )
            partner = beneficiary.organisation.name if beneficiary else "non indiqué"
            committed = {a.year: a.amount for a in figures[index].years}
            paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
            for payment in events.payments:
                if payment.grant == grant.key or (payment.grant is None and index == 0):
                    paid[payment.year or payment.on.year] += payment.amount
            for year in sorted(set(committed) | set(paid)):
                per_year[str(year)][0] += committed.get(year, ZERO)
                per_year[str(year)][1] += paid.get(year, ZERO)
            total_c, total_p = sum(committed.values(), ZERO), sum(paid.values(), ZERO)
            if organisation_id is None or (beneficiary and beneficiary.key in own):
                per_partner[partner][0] += total_c
                per_partner[partner][1] += total_p
            per_status[state.label][0] += total_c
            per_status[state.label][1] += total_p
    years = dict(sorted(per_year.items()))
    partners = dict(sorted(per_partner.items(), key=lambda item: (-item[1][0], item[0])))
    statuses = dict(sorted(per_status.items()))
    charts = [_chart("annee", "Montants engagés et versés par année", "Année", years)]
    if organisation_id is None:  # a partner's own organisation is its only bar
        charts.append(
            _chart(
                "partenaire", "Montants engagés et versés par partenaire", "Partenaire", partners
            )
        )
    charts.append(
        _chart("etat", "Montants engagés et versés selon l'état de la convention", "État", statuses)
    )
    return charts


def totals(charts: list[Chart]) -> Bar:
    """Committed, paid and still to pay in all: the sum of the chart by year."""
    bars = charts[0].bars if charts else []
    committed = sum((b.committed for b in bars), ZERO)
    paid = sum((b.paid for b in bars), ZERO)
    return Bar("Total", committed, paid, 100, _percent(paid, committed))


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    membership = membership_of(request.user)
    partner = membership is not None and membership.role == Role.PARTNER
    conventions = conventions_visible_to(request.user)
    charts = dashboard_data(
        conventions, on=today, organisation_id=membership.organisation_id if partner else None
    )
    return render(
        request,
        "web/dashboard.html",
        {
            "title": "Tableau de bord",
            "today": today,
            "charts": charts,
            "empty": not any(chart.bars for chart in charts),
            "totals": totals(charts),
            "partner": partner,
            "organisation": membership.organisation.name if membership else "",
            "has_role": membership is not None or is_admin(request.user),
        },
    )
