"""Reads of the observatory for the screens and the API.

The figures come from ``pacte.observatory.report`` (the function the command line calls
too), on the snapshots imported under ``settings.PACTE_OBSERVATORY_DIR``; the PTCE choices
and the conventions' steps and reporting duties from the database, as far as the user
may see them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.db.models import QuerySet

from pacte import terms
from pacte.accounts.selectors import conventions_visible_to
from pacte.conventions.models import Convention, ReportingDuty, Step
from pacte.observation.models import PtceChoice
from pacte.observatory.authorities import (
    AUTHORITY_KINDS,
    AuthorityIdentity,
    HeadOffice,
    authority_identity,
)
from pacte.observatory.errors import ObservatoryError
from pacte.observatory.indicators import Store
from pacte.observatory.ptce import Value
from pacte.observatory.report import (
    compared_territories,
    indicators_for,
    ptce_for,
    reference_of,
)
from pacte.observatory.store import DEFAULT_MEMORY_LIMIT, snapshots, store_path
from pacte.observatory.territories import Found, Territory, TerritorySpec, parse_territory

MEMORY_ENV = "PACTE_OBSERVATORY_MEMORY_LIMIT"


def observatory_folder() -> Path:
    return Path(settings.PACTE_OBSERVATORY_DIR)


def _memory_limit() -> str:
    return os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY_LIMIT


_HEADS: dict[tuple[str, float], dict[str, HeadOffice]] = {}
_IDENTITIES: dict[tuple[Any, ...], AuthorityIdentity | None] = {}


def _public_heads() -> tuple[tuple[str, float] | None, dict[str, HeadOffice]]:
    """The head offices of public legal units in the latest snapshot, by SIREN, and the
    snapshot file they come from (None, {} with no snapshot); read once per file."""
    folder = observatory_folder()
    available = snapshots(folder)
    if not available:
        return None, {}
    path = store_path(folder, available[-1])
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        return None, {}
    if key not in _HEADS:
        try:
            with Store(folder, available[-1], memory_limit=_memory_limit()) as store:
                heads = store.public_heads()
        except (ObservatoryError, duckdb.Error):
            heads = {}
        _HEADS.clear()
        _HEADS[key] = heads
    return key, _HEADS[key]


def organisation_identity(organisation: terms.Organisation) -> AuthorityIdentity | None:
    """The SIREN and SIRET of an authority (commune, EPCI, département, région) from
    the territory reference and the latest SIRENE snapshot; None for any other kind of
    organisation, or a name the reference does not know without ambiguity."""
    if organisation.kind.value not in AUTHORITY_KINDS:
        return None
    address = organisation.address
    snapshot, heads = _public_heads()
    key = (
        organisation.kind.value,
        organisation.name,
        organisation.department,
        address.postcode if address else None,
        address.city if address else None,
        str(observatory_folder()),
        snapshot,
    )
    if key not in _IDENTITIES:  # an export asks again for every grant of the authority
        if len(_IDENTITIES) > 10_000:
            _IDENTITIES.clear()
        _IDENTITIES[key] = authority_identity(
            kind=key[0],
            name=key[1],
            reference=reference_of(observatory_folder()),
            heads=heads,
            department=key[2],
            postcode=key[3],
            city=key[4],
        )
    return _IDENTITIES[key]


def snapshots_imported() -> list[str]:
    """The snapshots imported, oldest first (empty: nothing imported yet)."""
    return snapshots(observatory_folder())


def territory_search(query: str, *, limit: int = 20) -> list[Found]:
    folder = observatory_folder()
    return reference_of(folder).search(query, folder / "perimetres", limit=limit)


def territory_named(text: str) -> Territory:
    """The territory of ``dep:67``, ``epci:SIREN``…; ``ObservatoryError`` (French) otherwise."""
    folder = observatory_folder()
    return reference_of(folder).territory(parse_territory(text), folder / "perimetres")


def departement_epcis(departement: str) -> list[Territory]:
    reference = reference_of(observatory_folder())
    return [
        reference.territory(TerritorySpec("epci", code)) for code in reference.epcis_of(departement)
    ]


def indicators(
    territory: str,
    *,
    snapshot: str | None = None,
    compare_to: str | None = None,
    nomenclature: str = "naf2008",
    compare_with: list[str] | None = None,
) -> dict[str, Any]:
    """The indicators of a territory: ``report.indicators_for`` on the application's store."""
    return indicators_for(
        observatory_folder(),
        territory,
        snapshot=snapshot,
        compare_to=compare_to,
        nomenclature=nomenclature,
        memory_limit=_memory_limit(),
        compare_with=compare_with,
    )


def compared_named(texts: list[str]) -> list[Territory]:
    """The territories to compare with; ``ObservatoryError`` (French) for an unknown one."""
    return compared_territories(observatory_folder(), texts)


def ptce_ranking(
    *,
    within: str | None,
    candidates: list[str],
    weights: dict[str, float] | None,
    user_indicators: dict[str, dict[str, Value]] | None,
    snapshot: str | None,
) -> dict[str, Any]:
    return ptce_for(
        observatory_folder(),
        candidates=candidates,
        within=within,
        weights=weights,
        user_indicators=user_indicators,
        snapshot=snapshot,
        memory_limit=_memory_limit(),
    )


def steps_visible_to(user: Any) -> QuerySet[Step]:
    """The workstream steps of the conventions this user may see (for a PTCE choice)."""
    return (
        Step.objects.filter(workstream__convention__in=conventions_visible_to(user))
        .select_related("workstream__convention")
        .order_by("workstream__convention__reference", "workstream__position", "number")
    )


def step_of(user: Any, reference: str, workstream: str, number: int) -> Step | None:
    return (
        steps_visible_to(user)
        .filter(
            workstream__convention__reference=reference, workstream__key=workstream, number=number
        )
        .first()
    )


def reporting_duties_visible_to(user: Any) -> QuerySet[ReportingDuty]:
    """The reporting duties (« données de cadrage »…) of the conventions this user sees."""
    return (
        ReportingDuty.objects.filter(convention__in=conventions_visible_to(user))
        .select_related("convention", "party__organisation")
        .order_by("convention__reference", "position")
    )


def ptce_choices_visible_to(user: Any) -> QuerySet[PtceChoice]:
    return PtceChoice.objects.filter(convention__in=conventions_visible_to(user)).select_related(
        "convention", "chosen_by"
    )


def ptce_choices_of(convention: Convention) -> list[PtceChoice]:
    return list(PtceChoice.objects.filter(convention=convention).select_related("chosen_by"))


def ptce_choice_visible_to(user: Any, pk: int) -> PtceChoice | None:
    return ptce_choices_visible_to(user).filter(pk=pk).first()


def departements_imported(snapshot: str | None = None) -> list[Territory]:
    """The départements a snapshot has establishments in (to offer them first)."""
    folder = observatory_folder()
    reference = reference_of(folder)
    try:
        with Store(folder, snapshot, memory_limit=_memory_limit()) as store:
            codes = store.departements()
    except ObservatoryError:  # the page that reads the snapshot says why
        return []
    found = []
    for code in codes:
        try:
            found.append(reference.territory(TerritorySpec("dep", code)))
        except ObservatoryError:
            continue
    return found
