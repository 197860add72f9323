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
    agents_in_charge_of,
    amount_years,
    amounts_per_partner,
    amounts_per_state,
    amounts_per_year,
    kept_amount_years,
    kept_amounts_per_partner,
    kept_amounts_per_state,
    kept_amounts_per_year,
    schemes_of,
)
from pacte.rules.term import State
from pacte.terms import format_amount_fr
from pacte.web.forms.dashboard import DashboardFilterForm
from pacte.web.views.choices import organisation_choices
from pacte.web.views.todo import counted_for

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
    ticks: tuple[str, ...] = ()
    """The scale under the bars: five amounts from 0 to the chart's top, evenly spaced."""


def _percent(value: Decimal, top: Decimal) -> int:
    if top <= 0 or value <= 0:
        return 0
    return max(1, round(value * 100 / top))


TICKS = 4
"""Intervals of a chart's scale (five graduations, a grid line at each quarter)."""


def scale_top(value: Decimal) -> Decimal:
    """The end of a chart's scale: the smallest 1, 2, 2.5 or 5 × 10ⁿ × ``TICKS`` at least
    ``value``, so that each quarter is a round amount.

    >>> [str(scale_top(Decimal(v))) for v in ("4000", "74000", "12500", "1", "100000")]
    ['4000', '80000', '20000', '4', '100000']
    """
    if value <= 0:
        return ZERO
    step = Decimal(1)
    while step * TICKS * 10 < value:
        step *= 10
    while step * TICKS > value * 10:
        step /= 10
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if step * factor * TICKS >= value:
            return (step * factor * TICKS).normalize() + 0
    raise AssertionError("unreachable")


def _tick(amount: Decimal) -> str:
    """A graduation: ``25 000 €`` (no cents on round amounts)."""
    text = format_amount_fr(amount)
    return text.replace(",00 €", " €")


def _chart(key: str, title: str, heading: str, rows: dict[str, list[Decimal]]) -> Chart:
    top = scale_top(max((max(c, p) for c, p in rows.values()), default=ZERO))
    bars = [Bar(label, c, p, _percent(c, top), _percent(p, top)) for label, (c, p) in rows.items()]
    ticks = tuple(_tick(top * i / TICKS) for i in range(TICKS + 1)) if top else ()
    return Chart(key, title, heading, bars, ticks)


PARTNERS_SHOWN = 30
"""Partners shown one by one, by amount committed; the others are added up on one line."""


def dashboard_data(
    conventions,
    *,
    on: date,
    organisation_id: int | None = None,
    year: int | None = None,
    partner: int | None = None,
    agent: int | None = None,
    scheme: str | None = None,
    counted: int | None = None,
) -> list[Chart]:
    """The three charts for these conventions; ``organisation_id`` keeps one partner only
    in the chart per partner (a partner's own grants). Filters: ``year``, one budget year;
    ``partner``, the grants one organisation receives (then no chart per partner);
    ``agent``, the conventions one agent is in charge of; ``scheme``, the grants of one
    dispositif d'aide (a policy).

    The amounts are those stored with each calendar (``StoredAmount``: the grants' amounts
    per budget year with the avenants applied, the payments recorded), added up in the
    database (``followup.selectors.dashboard``): three queries, whatever the register.
    ``counted``: the organisation whose kept sums (``followup.sums``) are exactly these
    conventions' (``counted_organisation``); read instead when no filter is chosen.
    """
    filtered = any(v is not None for v in (organisation_id, year, partner, agent, scheme))
    kept = None if filtered else counted
    per_year = (
        kept_amounts_per_year(kept)
        if kept is not None
        else amounts_per_year(conventions, year=year, partner=partner, agent=agent, scheme=scheme)
    )
    years = {str(each): [committed, paid] for each, committed, paid in per_year}
    top, (others, committed, paid) = (
        kept_amounts_per_partner(kept, first=PARTNERS_SHOWN)
        if kept is not None
        else amounts_per_partner(
            conventions,
            organisation_id=organisation_id,
            first=PARTNERS_SHOWN,
            year=year,
            agent=agent,
            scheme=scheme,
        )
    )
    partners = {name or "non indiqué": [c, p] for name, c, p in top}
    if others:
        label = "autre partenaire" if others == 1 else f"{others} autres partenaires"
        partners[label] = [committed, paid]
    statuses = {
        State(state).label: [committed, paid]
        for state, committed, paid in (
            kept_amounts_per_state(kept, on=on)
            if kept is not None
            else amounts_per_state(
                conventions, on=on, year=year, partner=partner, agent=agent, scheme=scheme
            )
        )
    }
    charts = [_chart("annee", "Montants engagés et versés par année", "Année", years)]
    if organisation_id is None and partner is None:  # one organisation: its only bar
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
    counted = counted_for(request)
    form = DashboardFilterForm(
        request.GET or None,
        years=kept_amount_years(counted) if counted is not None else amount_years(conventions),
        agents=None if partner else agents_in_charge_of(conventions),
        schemes=schemes_of(conventions),
        partners=None
        if partner
        else organisation_choices(
            request, conventions, "partenaire", authority=False, counted=counted
        ),
    )
    valid = form.is_valid() if request.GET else True
    chosen = form.cleaned_data if request.GET and valid else {}
    charts = dashboard_data(
        conventions,
        on=today,
        organisation_id=membership.organisation_id if partner else None,
        year=chosen.get("annee"),
        partner=chosen.get("partenaire"),
        agent=chosen.get("agent"),
        scheme=chosen.get("dispositif") or None,
        counted=counted,
    )
    labels = dict(form.fields["partenaire"].choices) if "partenaire" in form.fields else {}
    agents = dict(form.fields["agent"].choices) if "agent" in form.fields else {}
    return render(
        request,
        "web/dashboard.html",
        {
            "title": "Tableau de bord",
            "today": today,
            "form": form,
            "valid": valid,
            "year": chosen.get("annee"),
            "partner_name": labels.get(chosen.get("partenaire"), ""),
            "agent_name": agents.get(chosen.get("agent"), ""),
            "scheme": chosen.get("dispositif", ""),
            "filtered": bool(
                chosen.get("annee") or chosen.get("partenaire") or chosen.get("agent")
            ),
            "charts": charts,
            "empty": not any(chart.bars for chart in charts),
            "totals": totals(charts),
            "partner": partner,
            "organisation": membership.organisation.name if membership else "",
            "has_role": membership is not None or is_admin(request.user),
        },
    )
