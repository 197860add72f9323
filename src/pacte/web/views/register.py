"""Registre: every convention the user may see, with a text search."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pacte.accounts.selectors import conventions_visible_to
from pacte.conventions.models import Convention
from pacte.conventions.selectors import convention_list
from pacte.terms import PartyRole, format_amount_fr, format_date_fr

PAGE_SIZE = 25


@dataclass(frozen=True)
class RegisterRow:
    """What one line of the register shows, computed from the prefetched rows only."""

    reference: str
    title: str
    authorities: str
    partners: str
    period: str
    renewal: str
    amount: str


def _period(convention: Convention) -> str:
    if convention.term_start and convention.term_end:
        return (
            f"du {format_date_fr(convention.term_start)} au {format_date_fr(convention.term_end)}"
        )
    if convention.term_duration_value:
        unit = convention.get_term_duration_unit_display()
        start = "dès la signature" if convention.term_start_rule == "on_signature" else ""
        return f"{convention.term_duration_value} {unit} {start}".strip()
    return "non indiquée"


def _amount(convention: Convention) -> str:
    stated = Decimal(0)
    annual: list[Decimal] = []
    for grant in convention.grants.all():
        stated += sum((y.amount for y in grant.years.all() if y.amount is not None), Decimal(0))
        if grant.annual_amount is not None:
            annual.append(grant.annual_amount)
    if annual:
        return f"{format_amount_fr(sum(annual, Decimal(0)))} par an"
    return format_amount_fr(stated) if stated else "—"


def _row(convention: Convention) -> RegisterRow:
    parties = list(convention.parties.all())
    return RegisterRow(
        reference=convention.reference,
        title=convention.title,
        authorities=", ".join(
            p.organisation.name for p in parties if p.role == PartyRole.PUBLIC_AUTHORITY
        ),
        partners=", ".join(
            p.organisation.name for p in parties if p.role != PartyRole.PUBLIC_AUTHORITY
        ),
        period=_period(convention),
        renewal=convention.get_renewal_kind_display() or "non indiquée",
        amount=_amount(convention),
    )


@login_required
def register_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    visible = conventions_visible_to(request.user)
    conventions = convention_list().filter(pk__in=visible.values("pk"))
    if query:
        conventions = conventions.filter(
            Q(title__icontains=query)
            | Q(reference__icontains=query)
            | Q(parties__organisation__name__icontains=query)
        ).distinct()
    page = Paginator(conventions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/register.html",
        {
            "title": "Registre des conventions",
            "query": query,
            "page": page,
            "rows": [_row(c) for c in page.object_list],
        },
    )
