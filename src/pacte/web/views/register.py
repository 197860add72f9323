"""Registre: the conventions the user may see, filtered, searched, sorted, exported.

Filters (partner, authority, state today, year, amount range, renewal), the text search
and the sort run in the database. The state is read from the spans the rules computed
and stored with the obligations (``StoredState``, amendments applied).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import DecimalField, F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pacte.accounts.selectors import conventions_visible_to
from pacte.conventions.models import Convention, Party
from pacte.conventions.selectors import convention_list
from pacte.followup.models import StoredFigures
from pacte.followup.selectors import in_state, states_of
from pacte.followup.services import calendars_ensure
from pacte.organisations.models import Organisation
from pacte.outputs.spreadsheets import REGISTER_COLUMNS, register_rows, write_csv, write_xlsx
from pacte.terms import PartyRole, format_amount_fr, format_date_fr
from pacte.web.forms.register import SORTS, RegisterFilterForm

PAGE_SIZE = 25
MONEY = DecimalField(max_digits=16, decimal_places=2)


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


def with_amount(conventions: QuerySet[Convention]) -> QuerySet[Convention]:
    """Annotate ``amount_total``, ``start`` and ``end``: the figures the rules computed
    (``StoredFigures``, from ``rules.facts``), which the Registre shows, sorts and filters
    on. The Registre ensures every convention's figures are stored before reading them."""
    return conventions.annotate(
        amount_total=F("stored_figures__amount"),
        figures_start=F("stored_figures__start"),
        figures_end=F("stored_figures__end"),
    )


def _organisations(visible: QuerySet[Convention], *, authority: bool) -> list[tuple[int, str]]:
    parties = Party.objects.filter(convention__in=visible)
    parties = (
        parties.filter(role=PartyRole.PUBLIC_AUTHORITY)
        if authority
        else parties.exclude(role=PartyRole.PUBLIC_AUTHORITY)
    )
    return list(
        Organisation.objects.filter(pk__in=parties.values("organisation_id"))
        .order_by("name")
        .values_list("pk", "name")
    )


def _parties_of(organisation: int, *, authority: bool) -> QuerySet[Party]:
    parties = Party.objects.filter(organisation_id=organisation)
    if authority:
        return parties.filter(role=PartyRole.PUBLIC_AUTHORITY)
    return parties.exclude(role=PartyRole.PUBLIC_AUTHORITY)


def filtered(
    request: HttpRequest,
) -> tuple[RegisterFilterForm, QuerySet[Convention], tuple[str, str], bool]:
    """The filter form, the conventions it keeps, their order, and whether it was valid."""
    visible = conventions_visible_to(request.user)
    today = timezone.localdate()
    # the stored states and figures (avenants applied) must reach today
    calendars_ensure(visible, on=today, ahead=timedelta(0))
    form = RegisterFilterForm(
        request.GET or None,
        partners=_organisations(visible, authority=False),
        authorities=_organisations(visible, authority=True),
    )
    conventions = with_amount(Convention.objects.filter(pk__in=visible.values("pk")))
    valid = form.is_valid() if request.GET else True
    data = form.cleaned_data if request.GET and valid else {}
    if query := (data.get("q") or "").strip():
        matching = Party.objects.filter(organisation__name__icontains=query)
        conventions = conventions.filter(
            Q(title__icontains=query)
            | Q(reference__icontains=query)
            | Q(pk__in=matching.values("convention_id"))
        )
    if data.get("partenaire"):
        parties = _parties_of(data["partenaire"], authority=False)
        conventions = conventions.filter(pk__in=parties.values("convention_id"))
    if data.get("collectivite"):
        parties = _parties_of(data["collectivite"], authority=True)
        conventions = conventions.filter(pk__in=parties.values("convention_id"))
    if data.get("reconduction"):
        conventions = conventions.filter(renewal_kind=data["reconduction"])
    if (year := data.get("annee")) is not None:
        conventions = conventions.filter(
            (
                Q(figures_start__lte=date(year, 12, 31))
                & (Q(figures_end__isnull=True) | Q(figures_end__gte=date(year, 1, 1)))
            )
            | Q(figures_start__isnull=True, signed_on__year=year)
        )
    if data.get("montant_min") is not None:
        conventions = conventions.filter(amount_total__gte=data["montant_min"])
    if data.get("montant_max") is not None:
        conventions = conventions.filter(amount_total__lte=data["montant_max"])
    if data.get("etat"):
        conventions = in_state(conventions, data["etat"], today)
    order, _ = SORTS.get(data.get("tri") or "reference", SORTS["reference"])
    return form, conventions, (order, "reference"), valid


@login_required
def register_view(request: HttpRequest) -> HttpResponse:
    form, conventions, order, valid = filtered(request)
    page = Paginator(conventions.order_by(*order).values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    ids = list(page.object_list)
    rows = {c.pk: c for c in convention_list().filter(pk__in=ids).select_related("stored_figures")}
    states = states_of(ids, timezone.localdate())
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
        },
    )


@login_required
def register_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered register as a spreadsheet: ``registre/export.csv`` or ``.xlsx``."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Formats d'export proposés : CSV et XLSX.")
    _, conventions, order, _ = filtered(request)
    queryset = with_amount(convention_list().filter(pk__in=conventions.values("pk")))
    queryset = queryset.order_by(*order)
    name = f"registre-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        text = io.StringIO()
        write_csv(register_rows(queryset), REGISTER_COLUMNS, text)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        binary = io.BytesIO()
        write_xlsx(register_rows(queryset), REGISTER_COLUMNS, binary)
        response = HttpResponse(
            binary.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
