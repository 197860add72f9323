"""Reads of the Registre: the conventions kept by its filters, its search and its sort.

Filters (partner, authority, state on a day, year, amount range, renewal) and the text
search run in the database, on the figures the rules computed and stored
(``StoredFigures``, ``StoredState``, avenants applied). Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import BigIntegerField, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from pacte.conventions.models import Convention, Party
from pacte.conventions.selectors import convention_list
from pacte.followup.selectors import in_state, spans_on
from pacte.followup.selectors.counts import OTHER_ROLES
from pacte.followup.tallies import REGISTER, StoredCount
from pacte.organisations.models import Organisation
from pacte.terms import PartyRole


def with_amount(conventions: QuerySet[Convention]) -> QuerySet[Convention]:
    """Annotate ``amount_total``, ``figures_start`` and ``figures_end``: the figures the
    rules computed (``StoredFigures``, from ``rules.facts``), which the Registre shows,
    sorts and filters on."""
    return conventions.annotate(
        amount_total=F("stored_figures__amount"),
        figures_start=F("stored_figures__start"),
        figures_end=F("stored_figures__end"),
    )


def register_organisations(
    visible: QuerySet[Convention],
    *,
    authority: bool,
    first: int | None = None,
    only: int | None = None,
    counted: int | None = None,
) -> list[tuple[int, str]]:
    """The authorities (or the partners) party to these conventions, by name: the
    filters' choices. ``first``: at most that many, not the first by name (enough to
    know there are more, without sorting them all); ``only``: this organisation alone
    (if it is one of them). ``counted``: the organisation whose conventions these are
    exactly (``selectors.counts.counted_organisation``): the parties are then read from
    its own, instead of listing the conventions, and the authorities from its counts."""
    ids: Any = None
    if counted is not None and authority:  # kept with the counts (``tallies``)
        kept = StoredCount.objects.filter(organisation=counted, fact="authority", count__gt=0)
        ids = kept.order_by().values(of=Cast("key", output_field=BigIntegerField()))
    elif counted not in (None, REGISTER) and first and only is None:
        ids = _partners_streamed(counted, first)  # None: too many rows, listed below
    if ids is None:
        if counted is None:
            parties = Party.objects.filter(convention__in=visible)
        elif counted == REGISTER:
            parties = Party.objects.all()
        else:
            parties = Party.objects.filter(convention__parties__organisation_id=counted)
        parties = (
            parties.filter(role=PartyRole.PUBLIC_AUTHORITY)
            if authority
            else parties.filter(role__in=OTHER_ROLES)
        )
        ids = parties.order_by().values("organisation_id").distinct()
    organisations = Organisation.objects.filter(pk__in=ids[:first] if first else ids)
    if only is not None:
        organisations = organisations.filter(pk=only)
    return list(organisations.order_by("name").values_list("pk", "name"))


STREAMED = 2000
"""How many party rows ``_partners_streamed`` reads before it counts them all instead."""


def _partners_streamed(organisation: int, first: int) -> list[int] | None:
    """Up to ``first`` partners of an organisation's conventions, read from its own
    parties on their index and the other parties of each convention, without a
    ``DISTINCT`` over all of them: the first ``STREAMED`` rows, or None when they hold
    fewer than ``first`` partners and there are more rows (the caller then lists them
    all)."""
    rows = list(
        Party.objects.filter(
            convention__parties__organisation_id=organisation, role__in=OTHER_ROLES
        )
        .order_by()
        .values_list("organisation_id", flat=True)[:STREAMED]
    )
    found = list(dict.fromkeys(rows))
    if len(found) >= first or len(rows) < STREAMED:
        return found[:first]
    return None


def conventions_with(conventions: QuerySet[Convention], organisation: int) -> QuerySet[Convention]:
    """These conventions, those an organisation is party to."""
    parties = Party.objects.filter(organisation_id=organisation)
    return conventions.filter(pk__in=parties.values("convention_id"))


def _parties_of(organisation: int, *, authority: bool) -> QuerySet[Party]:
    parties = Party.objects.filter(organisation_id=organisation)
    if authority:
        return parties.filter(role=PartyRole.PUBLIC_AUTHORITY)
    return parties.exclude(role=PartyRole.PUBLIC_AUTHORITY)


def _probed(counted: int) -> QuerySet[Convention]:
    """The conventions an organisation is party to (all for ``REGISTER``), each probed
    for a party of it: a page read in the register's order stops at its last line
    instead of listing every convention first."""
    if counted == REGISTER:
        return Convention.objects.all()
    own = Party.objects.filter(convention_id=OuterRef("pk"), organisation_id=counted)
    return Convention.objects.filter(Exists(own))


def register_filtered(
    visible: QuerySet[Convention],
    data: Mapping[str, Any],
    *,
    on: date,
    counted: int | None = None,
) -> QuerySet[Convention]:
    """The visible conventions kept by the register's cleaned filters ``data`` (keys of
    ``web.forms.register.RegisterFilterForm``), with their stored figures annotated.
    ``counted``: the organisation whose conventions ``visible`` are exactly
    (``selectors.counts.counted_organisation``), if known."""
    if counted is not None:
        conventions = with_amount(_probed(counted))
    else:
        conventions = with_amount(Convention.objects.filter(pk__in=visible.values("pk")))
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
    if data.get("etat") and counted is not None:
        spans = spans_on(on).filter(convention_id=OuterRef("pk"), state=data["etat"])
        conventions = conventions.filter(Exists(spans))
    elif data.get("etat"):
        conventions = in_state(conventions, data["etat"], on)
    return conventions


def register_page(conventions: QuerySet[Convention], order: tuple[str, ...]) -> QuerySet[Any]:
    """The kept conventions' ids in the register's order (what the pages slice)."""
    return conventions.order_by(*order).values_list("pk", flat=True)


ORDERED_BY_REFERENCE = ("reference", "-reference")
"""The orders ``register_page_of`` reads on the parties' index."""


def register_page_of(
    organisation: int, order: str, *, state: str | None, on: date
) -> QuerySet[Any]:
    """``register_page`` of the conventions an organisation is party to (in a ``state``
    on ``on``, when given), in reference ``order`` (``ORDERED_BY_REFERENCE``): read on the
    parties' index by organisation and reference (``party_organisation_order``), so that
    a page stops at its last line wherever the organisation's references fall in the
    register's order. One row per convention: the organisation's first party in it."""
    if order not in ORDERED_BY_REFERENCE:
        raise ValueError(f"ordre non lu sur l'index des parties : {order}")
    parties = Party.objects.filter(organisation_id=organisation).exclude(
        Exists(
            Party.objects.filter(
                organisation_id=organisation,
                convention_id=OuterRef("convention_id"),
                position__lt=OuterRef("position"),
            )
        )
    )
    if state:
        spans = spans_on(on).filter(convention_id=OuterRef("convention_id"), state=state)
        parties = parties.filter(Exists(spans))
    return parties.order_by(order).values_list("convention_id", flat=True)


def register_rows_of(ids: list[int]) -> dict[int, Convention]:
    """The conventions of one page, with their parties, grants and stored figures."""
    return {c.pk: c for c in convention_list().filter(pk__in=ids).select_related("stored_figures")}


def register_export_rows(
    conventions: QuerySet[Convention], order: tuple[str, ...]
) -> QuerySet[Convention]:
    """The kept conventions for an export, in the register's order."""
    queryset = with_amount(convention_list().filter(pk__in=conventions.values("pk")))
    return queryset.order_by(*order)
