"""Reads for conventions."""

from django.db.models import Prefetch, Q, QuerySet

from pacte import terms
from pacte.conventions.models import Convention, Grant, Party
from pacte.conventions.rows_to_terms import TERMS_PREFETCH, convention_to_terms
from pacte.deliberations.models import Deliberation


def convention_list() -> QuerySet[Convention]:
    """Conventions for a list page: parties with their organisations, grants with their years.

    Three queries whatever the number of conventions.
    """
    return Convention.objects.prefetch_related(
        Prefetch("parties", Party.objects.select_related("organisation")),
        Prefetch("grants", Grant.objects.prefetch_related("years")),
    )


def convention_get(*, reference: str) -> Convention:
    """The convention with this reference; raises ``Convention.DoesNotExist``."""
    return Convention.objects.get(reference=reference)


def convention_terms(*, reference: str) -> terms.Convention:
    """The typed description of a stored convention; raises ``Convention.DoesNotExist``."""
    convention = Convention.objects.prefetch_related(*TERMS_PREFETCH).get(reference=reference)
    return convention_to_terms(convention)


def deliberation_conventions(deliberation: Deliberation) -> list[str]:
    """References of the conventions the act approves: those stored with it, and those it names."""
    named = list(deliberation.convention_references)
    rows = Convention.objects.filter(Q(deliberation=deliberation) | Q(reference__in=named))
    return sorted({*rows.values_list("reference", flat=True), *named})


def conventions_in_charge_of(
    conventions: QuerySet[Convention], user_id: int | None
) -> QuerySet[Convention]:
    """Among ``conventions``, those whose agent in charge is this user (« Mes conventions »)."""
    return conventions.filter(agent_in_charge_id=user_id)
