"""Tableau de bord: money committed and paid per year, per partner and per status.

Every figure comes from the stored conventions through the rules, with their avenants
applied: committed is the sum of the grants' amounts per budget year
(``year_amounts``), paid the payments recorded; both are stored with each calendar
(``StoredAmount``) and added up in the database, so the page costs the same few
queries whatever the size of the register. The chart per partner shows the first
``PARTNERS_SHOWN`` partners and adds up the others on one line.
Each chart is drawn here as plain HTML bars, with the same figures in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pacte.accounts.selectors import conventions_visible_to, is_admin, is_partner, membership_of
from pacte.followup.selectors.dashboard import (
    amounts_per_partner,
    amounts_per_state,
    amounts_per_year,
)
from pacte.rules.term import State
from pacte.terms import format_amount_fr

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


PARTNERS_SHOWN = 30
"""Partners shown one by one, by amount committed; the others are added up on one line."""


def dashboard_data(conventions, *, on: date, organisation_id: int | None = None) -> list[Chart]:
    """The three charts for these conventions; ``organisation_id`` keeps one partner only
    in the chart per partner (a partner's own grants).

    The amounts are those stored with each calendar (``StoredAmount``: the grants' amounts
    per budget year with the avenants applied, the payments recorded), added up in the
    database (``followup.selectors.dashboard``): three queries, whatever the register.
    """
    years = {
        str(year): [committed, paid] for year, committed, paid in amounts_per_year(conventions)
    }
    top, (others, committed, paid) = amounts_per_partner(
        conventions, organisation_id=organisation_id, first=PARTNERS_SHOWN
    )
    partners = {name or "non indiqué": [c, p] for name, c, p in top}
    if others:
        label = "autre partenaire" if others == 1 else f"{others} autres partenaires"
        partners[label] = [committed, paid]
    statuses = {
        State(state).label: [committed, paid]
        for state, committed, paid in amounts_per_state(conventions, on=on)
    }
    charts = [_chart("annee", "Montants engagés et versés par année", "Année", years)]
    if organisation_id is None:  # a partner's own organisation is its only bar
        charts.append(
            _chart(
                "partenaire", "Montants engagés et versés par partenaire", "Partenaire", partners
            )
        )
    charts.append(
        _chart(
            "etat",
            "Montants engagés et versés selon l'état de la convention",
            "État",
            dict(sorted(statuses.items())),
        )
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
    partner = is_partner(request.user)
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
