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
from pacte.observatory.indicators import Store, change, rows
from pacte.observatory.ptce import (
    DEFAULT_WEIGHTS,
    OBSERVATORY_INDICATORS,
    Value,
    observatory_values,
    rank,
    read_indicators,
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
) -> dict[str, Any]:
    """The full result of a territory (see ``docs/observatoire.md``, « Le JSON »):
    figures per family, shares, density, domains, largest employers, comparison with the
    département, the région and France; ``change`` between two snapshots with ``compare_to``."""
    reference = reference_of(folder)
    place = reference.territory(parse_territory(territory), folder / "perimetres")
    with Store(folder, snapshot, memory_limit=memory_limit) as store:
        result = store.indicators(
            place, reference=reference, nomenclature=nomenclature, perimeters=folder / "perimetres"
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
    snapshot, plus the user's (``read_indicators``). Returns the snapshot, the weights and
    the ranking (each score with its components and sources)."""
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
    with Store(folder, snapshot, memory_limit=memory_limit) as store:
        for spec in specs:
            territory = reference.territory(spec, folder / "perimetres")
            key = f"{territory.level}:{territory.code}"
            if key in keys:
                continue
            keys.append(key)
            labels[key] = territory.name
            result = store.indicators(territory, reference=reference, compare=False)
            values[key] = {**observatory_values(result), **user.get(key, {})}
        used = store.snapshot
    return {"snapshot": used, "weights": chosen, "ranking": rank(keys, values, chosen, labels)}


__all__ = ["csv_bytes", "indicators_for", "ptce_for", "read_indicators", "xlsx_bytes"]
