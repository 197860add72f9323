"""Registre: the conventions the user may see, filtered, searched, sorted, exported.

Filters (partner, authority, state today, year, amount range, renewal), the text search
and the sort run in the database. The state is read from the spans the rules computed
and stored with the obligations (``StoredState``, amendments applied).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone

from pacte.accounts.selectors import conventions_visible_to, may_assign
from pacte.conventions.models import Convention
from pacte.conventions.selectors import conventions_in_charge_of
from pacte.followup.models import StoredFigures
from pacte.followup.selectors import states_of
from pacte.followup.selectors.counts import kept_state_count, visible_count
from pacte.followup.selectors.register import (
    ORDERED_BY_REFERENCE,
    register_export_rows,
    register_filtered,
    register_page,
    register_page_of,
    register_rows_of,
)
from pacte.followup.tallies import REGISTER
from pacte.outputs.spreadsheets import REGISTER_COLUMNS, csv_lines, register_rows, write_xlsx
from pacte.terms import PartyRole, format_amount_fr, format_date_fr
from pacte.web.forms.register import SORTS, RegisterFilterForm
from pacte.web.views.choices import organisation_choices
from pacte.web.views.paging import CountedPaginator
from pacte.web.views.todo import counted_for, stale_count

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
    state: str
    """Today's state (``StoredState``), empty if it was never computed."""


def _figures(convention: Convention) -> StoredFigures | None:
    """The figures the rules computed (``rules.facts``, avenants applied), if stored."""
    try:
        figures: StoredFigures = convention.stored_figures  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None
    return figures


def _period(convention: Convention, figures: StoredFigures | None) -> str:
    """The initial term as the rules computed it: from the signature when it starts then."""
    start = figures.start if figures else convention.term_start
    end = figures.end if figures else convention.term_end
    amended = " (avenant)" if figures and figures.amendments and end != convention.term_end else ""
    if start and end:
        return f"du {format_date_fr(start)} au {format_date_fr(end)}{amended}"
    if end:
        return f"jusqu'au {format_date_fr(end)}{amended}"
    if convention.term_duration_value:
        unit = convention.get_term_duration_unit_display()
        if convention.term_start_rule == "on_signature":
            return f"{convention.term_duration_value} {unit} dès la signature (non signée)"
        return f"{convention.term_duration_value} {unit}"
    return "non indiquée"


def _amount(convention: Convention, figures: StoredFigures | None) -> str:
    """The grants' total (``rules.facts.grants_total``), with the full-year amount if any."""
    annual = [g.annual_amount for g in convention.grants.all() if g.annual_amount is not None]
    per_year = f"{format_amount_fr(sum(annual, Decimal(0)))} par an" if annual else ""
    if figures is None or figures.amount is None:
        return per_year or "—"
    total = format_amount_fr(figures.amount)
    if figures.amendments:
        total += " (avenant)"
    return f"{total} ({per_year} en année pleine)" if per_year else total


def _row(convention: Convention, state: str = "") -> RegisterRow:
    parties = list(convention.parties.all())
    figures = _figures(convention)
    return RegisterRow(
        reference=convention.reference,
        title=convention.title,
        authorities=", ".join(
            p.organisation.name for p in parties if p.role == PartyRole.PUBLIC_AUTHORITY
        ),
        partners=", ".join(
            p.organisation.name for p in parties if p.role != PartyRole.PUBLIC_AUTHORITY
        ),
        period=_period(convention, figures),
        renewal=convention.get_renewal_kind_display() or "non indiquée",
        amount=_amount(convention, figures),
        state=state,
    )


def filtered(
    request: HttpRequest, counted: int | None = None
) -> tuple[RegisterFilterForm, QuerySet[Convention], tuple[str, str], bool]:
    """The filter form, the conventions it keeps, their order, and whether it was valid;
    ``counted``: the organisation whose conventions the user sees (``counted_for``)."""
    visible = conventions_visible_to(request.user)
    form = RegisterFilterForm(
        request.GET or None,
        partners=organisation_choices(
            request, visible, "partenaire", authority=False, counted=counted
        ),
        authorities=organisation_choices(
            request, visible, "collectivite", authority=True, counted=counted
        ),
        mine_offered=may_assign(request.user),
    )
    valid = form.is_valid() if request.GET else True
    data = form.cleaned_data if request.GET and valid else {}
    conventions = register_filtered(visible, data, on=timezone.localdate(), counted=counted)
    if data.get("miens"):
        conventions = conventions_in_charge_of(conventions, request.user.pk)
    order, _ = SORTS.get(data.get("tri") or "reference", SORTS["reference"])
    return form, conventions, (order, "reference"), valid


KEPT_FILTERS = frozenset({"etat", "tri"})
"""The only filters whose count is kept (``followup.tallies``): the state, and the sort."""


def kept_total(
    form: RegisterFilterForm, counted: int | None, *, valid: bool, on: date
) -> int | None:
    """How many conventions the page lists, from the counts kept for the organisation
    whose conventions the user sees, when only the state filters them; else None
    (counted as they are read)."""
    data = form.cleaned_data if form.is_bound and valid else {}
    if counted is None or (form.is_bound and not valid):
        return None
    if any(value for key, value in data.items() if key not in KEPT_FILTERS):
        return None
    if data.get("etat"):
        return kept_state_count(counted, state=data["etat"], on=on)
    return visible_count(counted)


def visible_count_of(form: RegisterFilterForm, known: int | None, *, valid: bool) -> int | None:
    """The number of conventions the user sees, when ``known`` (``kept_total``) is it:
    no state chosen."""
    data = form.cleaned_data if form.is_bound and valid else {}
    return known if known is not None and not data.get("etat") else None


def _page_ids(
    form: RegisterFilterForm,
    conventions: QuerySet[Convention],
    order: tuple[str, str],
    counted: int | None,
    *,
    valid: bool,
    on: date,
) -> QuerySet[Any]:
    """The listed conventions' ids in order: read on the parties' index when the user sees
    one organisation's conventions (``counted``), sorted by reference, filtered by state at
    most (``register_page_of``); else ``register_page``."""
    data = form.cleaned_data if form.is_bound and valid else {}
    if (
        counted not in (None, REGISTER)
        and not (form.is_bound and not valid)
        and not any(value for key, value in data.items() if key not in KEPT_FILTERS)
        and order[0] in ORDERED_BY_REFERENCE
    ):
        return register_page_of(counted, order[0], state=data.get("etat") or None, on=on)
    return register_page(conventions, order)


@login_required
def register_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    counted = counted_for(request)
    form, conventions, order, valid = filtered(request, counted)
    known = kept_total(form, counted, valid=valid, on=today)
    paginator = CountedPaginator(
        _page_ids(form, conventions, order, counted, valid=valid, on=today), PAGE_SIZE, known=known
    )
    page = paginator.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    rows = register_rows_of(ids)
    states = states_of(ids, today)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "web/register.html",
        {
            "title": "Registre des conventions",
            "form": form,
            "valid": valid,
            "query": form.cleaned_data.get("q", "") if valid and request.GET else "",
            "filtered": bool(request.GET and any(v for k, v in params.items() if k != "tri")),
            "params": params.urlencode(),
            "page": page,
            "rows": [_row(rows[pk], states.get(pk, "")) for pk in ids],
            "stale": stale_count(
                conventions_visible_to(request.user),
                on=today,
                counted=counted,
                visible=visible_count_of(form, known, valid=valid),
            ),
            "partner_chosen": form.cleaned_data.get("partenaire")
            if valid and request.GET
            else None,
        },
    )


@login_required
def register_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered register as a spreadsheet: ``registre/export.csv`` or ``.xlsx``."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Formats d'export proposés : CSV et XLSX.")
    _, conventions, order, _ = filtered(request)
    queryset = register_export_rows(conventions, order)
    name = f"registre-{timezone.localdate().isoformat()}.{fmt}"
    response: HttpResponseBase
    if fmt == "csv":
        # streamed: the rows are read 500 at a time while the download goes on, so a
        # register of any size starts at once and never sits whole in memory
        lines = (
            line.encode("utf-8") for line in csv_lines(register_rows(queryset), REGISTER_COLUMNS)
        )
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    else:
        # a workbook is a zip written at the end (compressed: about 50 bytes a row)
        binary = io.BytesIO()
        write_xlsx(register_rows(queryset), REGISTER_COLUMNS, binary)
        response = HttpResponse(
            binary.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
