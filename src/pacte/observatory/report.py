"""The indicators of one territory, as ``pacte observatory indicators --json`` prints them.

One function computes, three show: the command line, the « Observatoire » screen and the
API all call ``indicators_for`` on the same store, so that they cannot disagree.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from pacte.observatory.errors import ObservatoryError
from pacte.observatory.indicators import COMPARED_MAX, Store, change, rows
from pacte.observatory.ptce import (
    DEFAULT_WEIGHTS,
    OBSERVATORY_INDICATORS,
    Value,
    observatory_values,
    rank,
    read_indicators,
    territory_key,
    unmatched,
)
from pacte.observatory.store import DEFAULT_MEMORY_LIMIT
from pacte.observatory.territories import (
    Territory,
    TerritoryReference,
    TerritorySpec,
    parse_territory,
)


def reference_of(folder: Path) -> TerritoryReference:
    """The territory reference of an observatory folder (its own, else the shipped one)."""
    return TerritoryReference.load(folder / "referentiel")


def territory_of(folder: Path, text: str) -> Territory:
    """``dep:67``, ``epci:SIREN``, ``perimeter:NOM``… → the territory (French error if unknown)."""
    return reference_of(folder).territory(parse_territory(text), folder / "perimetres")


def indicators_for(
    folder: Path,
    territory: str,
    *,
    snapshot: str | None = None,
    compare_to: str | None = None,
    nomenclature: str = "naf2008",
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    compare_with: list[str] | None = None,
) -> dict[str, Any]:
    """The full result of a territory (see ``docs/observatoire.md``, « Le JSON »):
    figures per family, shares, density, domains, largest employers, comparison with the
    département, the région and France, and with the territories of ``compare_with``
    (``epci:SIREN``…, in ``compared_with``); ``change`` between two snapshots with
    ``compare_to``."""
    reference = reference_of(folder)
    place = reference.territory(parse_territory(territory), folder / "perimetres")
    others = compared_territories(folder, compare_with or [], reference)
    with Store(folder, snapshot, memory_limit=memory_limit) as store:
        result = store.indicators(
            place,
            reference=reference,
            nomenclature=nomenclature,
            perimeters=folder / "perimetres",
            compare_with=others,
        )
    if compare_to:
        with Store(folder, compare_to, memory_limit=memory_limit) as previous:
            before = previous.indicators(
                place, reference=reference, nomenclature=nomenclature, compare=False
            )
        result["change"] = (
            change(result, before)
            if before["snapshot"] <= result["snapshot"]
            else change(before, result)
        )
    return result


def compared_territories(
    folder: Path, texts: list[str], reference: TerritoryReference | None = None
) -> list[Territory]:
    """The territories to compare with (``epci:SIREN``, ``dep:67``…; blanks skipped); an
    unknown one stops with a French error naming it."""
    reference = reference or reference_of(folder)
    wanted = [text.strip() for text in texts if text.strip()]
    if len(wanted) > COMPARED_MAX:
        raise ObservatoryError(f"{len(wanted)} territoires à comparer : {COMPARED_MAX} au plus")
    found = []
    for text in wanted:
        try:
            found.append(reference.territory(parse_territory(text), folder / "perimetres"))
        except ObservatoryError as error:
            raise ObservatoryError(f"territoire à comparer « {text} » : {error}") from None
    return found


def csv_bytes(result: dict[str, Any]) -> bytes:
    """The indicators as a CSV table (separator ``;``, UTF-8), French headers."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows(result))
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(result: dict[str, Any]) -> bytes:
    """The indicators as a workbook: sheet « Indicateurs », then « Sources »."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Indicateurs"
    for number, row in enumerate(rows(result)):
        sheet.append(row)
        if number == 0:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
    sources = book.create_sheet("Sources")
    sources.append(["Millésime", result["snapshot"]])
    sources.append(["Importé le", result["sources"]["imported_at"]])
    sources.append(["Référentiel des territoires", result["sources"]["territory_reference"]])
    for text in result["sources"]["ess_rules"]:
        sources.append(["Règle du périmètre de l'ESS", text])
    for warning in result["warnings"]:
        sources.append(["Attention", warning])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ptce_for(
    folder: Path,
    *,
    candidates: list[str] | None = None,
    within: str | None = None,
    weights: dict[str, float] | None = None,
    user_indicators: dict[str, dict[str, Value]] | None = None,
    snapshot: str | None = None,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
) -> dict[str, Any]:
    """Rank candidate territories for a PTCE (``pacte.observatory.ptce``): the EPCI of a
    département (``within="dep:67"``) and/or a list; observatory indicators of the
    snapshot, plus the user's (``read_indicators``). Returns the snapshot, the weights, the
    ranking (each score with its components and sources) and ``warnings``: the user's
    territories that match no candidate (``ptce.unmatched``)."""
    reference = reference_of(folder)
    specs = [parse_territory(text) for text in candidates or []]
    if within:
        inside = parse_territory(within)
        if inside.level != "dep":
            raise ObservatoryError("--within prend un département : --within dep:67")
        reference.territory(inside)
        specs += [TerritorySpec("epci", code) for code in reference.epcis_of(inside.code)]
    if len(specs) < 2:
        raise ObservatoryError(
            "au moins deux territoires candidats : --candidates epci:SIREN perimeter:NOM… "
            "ou --within dep:67 (les EPCI du département)"
        )
    user = user_indicators or {}
    chosen = dict(weights) if weights else dict(DEFAULT_WEIGHTS)
    known = set(OBSERVATORY_INDICATORS) | {name for values in user.values() for name in values}
    unknown = sorted(set(chosen) - known)
    if unknown:
        raise ObservatoryError(
            f"indicateur « {unknown[0]} » inconnu : indicateurs de l'observatoire "
            f"({', '.join(OBSERVATORY_INDICATORS)}) ou du fichier --indicators"
        )
    if not any(chosen.values()):
        raise ObservatoryError("au moins un poids non nul est nécessaire")
    values: dict[str, dict[str, Value]] = {}
    labels: dict[str, str] = {}
    keys: list[str] = []
    territories = []
    for spec in specs:
        territory = reference.territory(spec, folder / "perimetres")
        key = f"{territory.level}:{territory.code}"
        if key not in keys:
            keys.append(key)
            territories.append(territory)
    matched = _matched(folder, reference, user, keys)
    mine: dict[str, dict[str, Value]] = {}
    for written, key in matched.items():
        mine.setdefault(key, {}).update(user[written])
    with Store(folder, snapshot, memory_limit=memory_limit) as store:
        for key, territory in zip(keys, territories, strict=True):
            labels[key] = territory.name
            result = store.indicators(territory, reference=reference, compare=False)
            values[key] = {**observatory_values(result), **mine.get(key, {})}
        used = store.snapshot
    return {
        "snapshot": used,
        "weights": chosen,
        "ranking": rank(keys, values, chosen, labels),
        "warnings": unmatched(user, matched),
    }


def _matched(
    folder: Path,
    reference: TerritoryReference,
    user: dict[str, dict[str, Value]],
    keys: list[str],
) -> dict[str, str]:
    """The user's territories that designate a candidate → its key: as written, or through
    the reference (an old commune code is today's commune)."""
    found = {}
    for written in user:
        key = territory_key(written)
        if key not in keys:
            try:
                territory = reference.territory(parse_territory(key), folder / "perimetres")
            except ObservatoryError:
                continue
            key = f"{territory.level}:{territory.code}"
        if key in keys:
            found[written] = key
    return found


__all__ = [
    "compared_territories",
    "csv_bytes",
    "indicators_for",
    "ptce_for",
    "read_indicators",
    "xlsx_bytes",
]
