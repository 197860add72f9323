"""Ranking candidate territories for a PTCE (pôle territorial de coopération économique).

Each candidate (an EPCI, a custom perimeter…) gets a score out of 100: a weighted mean of
indicators, each rescaled between the candidates (0 for the lowest value, 1 for the
highest; the other way round for a negative weight). Indicators come from the observatory
(ESS density, ESS share of private employment…) or from a CSV the user loads (territory,
indicator, value, year, source: unemployment, RSA beneficiaries, population change). Every
score shows its components: value, year, source, rescaled value, weight, contribution.

>>> ranked = rank(
...     ["epci:1", "epci:2"],
...     {"epci:1": {"chomage": Value(9.0, "2025", "INSEE")}, "epci:2": {"chomage": Value(6.0, "2025", "INSEE")}},
...     {"chomage": 1.0},
... )
>>> [(r["territory"], r["score"]) for r in ranked]
[('epci:1', 100.0), ('epci:2', 0.0)]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from pacte.observatory.errors import ObservatoryError

OBSERVATORY_INDICATORS: dict[str, str] = {
    "ess_density": "Établissements de l'ESS pour 10 000 habitants",
    "ess_share_establishments": "Part de l'ESS dans les établissements privés (%)",
    "ess_share_employees": "Part de l'ESS dans les salariés du privé (%, estimation)",
    "ess_establishments": "Établissements actifs de l'ESS",
    "ess_employees": "Salariés de l'ESS (estimation)",
}
DEFAULT_WEIGHTS = {"ess_density": 1.0, "ess_share_employees": 1.0}


@dataclass(frozen=True)
class Value:
    value: float
    year: str
    source: str
    read_at: str = field(default="", compare=False)
    """Where a user's value was read: « indicateurs.csv, ligne 3 » (empty otherwise)."""
    written: str = field(default="", compare=False)
    """The territory as the user's file wrote it (« 246700488 » for ``epci:246700488``)."""


_SIREN = re.compile(r"^\d{9}$")


def territory_key(text: str) -> str:
    """A territory of a user's file as the ranking names candidates: ``epci:246700488``.

    A bare code is read by its length: 9 digits a SIREN (EPCI), 5 characters an INSEE
    commune code, 2 or 3 a département; the level is lower-cased, the code upper-cased
    (but a perimeter's name).

    >>> [territory_key(t) for t in ("246700488", "67482", "2a", "974", "EPCI:1", "France")]
    ['epci:246700488', 'com:67482', 'dep:2A', 'dep:974', 'epci:1', 'fr:FR']
    """
    raw = text.strip()
    if raw.lower() in ("fr", "france", "fr:fr"):
        return "fr:FR"
    level, colon, code = raw.partition(":")
    if not colon:
        if _SIREN.match(raw):
            return f"epci:{raw}"
        if len(raw) == 5:
            return f"com:{raw.upper()}"
        if 2 <= len(raw) <= 3:
            return f"dep:{raw.upper()}"
        return raw
    level, code = level.strip().lower(), code.strip()
    return f"{level}:{code if level == 'perimeter' else code.upper()}"


def observatory_values(result: dict[str, Any]) -> dict[str, Value]:
    """The observatory's indicators of one territory (from ``Store.indicators``)."""
    year = result["snapshot"]
    source = f"SIRENE (INSEE), millésime {year}, calcul Pacte"
    found = {
        "ess_establishments": result["total_ess"]["establishments"],
        "ess_employees": result["total_ess"]["employees"]["estimate"],
        "ess_density": result["per_10000_inhabitants"],
        "ess_share_establishments": _percent(result["share"]["establishments"]),
        "ess_share_employees": _percent(result["share"]["employees"]),
    }
    return {name: Value(float(v), year, source) for name, v in found.items() if v is not None}


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 2)


_COLUMNS = {
    "territory": ("territoire", "territory"),
    "indicator": ("indicateur", "indicator"),
    "value": ("valeur", "value"),
    "year": ("annee", "année", "year"),
    "source": ("source",),
}


def read_indicators(text: str, *, source: str) -> dict[str, dict[str, Value]]:
    """User indicators from a CSV (territoire, indicateur, valeur, annee, source): territory
    (``territory_key``) → indicator → value, each value knowing its line. A missing column or
    a value that is not a number stops with its line."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    if "\x00" in text:
        raise ObservatoryError(f"{source} : fichier illisible (caractère nul) : un CSV est attendu")
    # strict: a quote left open is an error whatever the process's csv.field_size_limit
    # (which libraries raise), not a field that swallows the rest of the file
    reader = csv.DictReader(io.StringIO(text), dialect=dialect, strict=True)
    try:
        return _read(reader, source=source)
    except csv.Error:
        raise ObservatoryError(
            f"{source}, ligne {reader.line_num + 1} : ligne CSV illisible (guillemets mal fermés ?)"
        ) from None


def _read(reader: csv.DictReader[str], *, source: str) -> dict[str, dict[str, Value]]:
    header = {name.strip().lower().lstrip("\ufeff"): name for name in reader.fieldnames or []}
    columns = {}
    for key, names in _COLUMNS.items():
        found = next((header[n] for n in names if n in header), None)
        if found is None:
            raise ObservatoryError(f"{source} : colonne « {names[0]} » absente")
        columns[key] = found
    values: dict[str, dict[str, Value]] = {}
    for number, row in enumerate(reader, start=2):
        territory = (row[columns["territory"]] or "").strip()
        name = (row[columns["indicator"]] or "").strip()
        raw = (row[columns["value"]] or "").strip().replace("\u202f", "").replace(" ", "")
        if not territory and not name:
            continue
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            raise ObservatoryError(
                f"{source}, ligne {number}, colonne « valeur » : « {raw} » n'est pas un nombre"
            ) from None
        if name in OBSERVATORY_INDICATORS:
            raise ObservatoryError(
                f"{source}, ligne {number} : « {name} » est un indicateur de l'observatoire, "
                "choisir un autre nom"
            )
        values.setdefault(territory_key(territory), {})[name] = Value(
            value,
            (row[columns["year"]] or "").strip(),
            (row[columns["source"]] or "").strip(),
            read_at=f"{source}, ligne {number}",
            written=territory,
        )
    return values


def unmatched(user: dict[str, dict[str, Value]], keys: dict[str, str]) -> list[str]:
    """French warnings for the user's territories that match no candidate (their values
    would be dropped in silence): the file, the lines and the territory as written.
    ``keys`` maps a user territory to the candidate it designates."""
    found = []
    for territory, values in user.items():
        if territory in keys:
            continue
        places: dict[str, list[str]] = {}
        written = territory
        for value in values.values():
            where, _, line = value.read_at.rpartition(", ligne ")
            if where:
                places.setdefault(where, []).append(line)
            written = value.written or written
        lines = "; ".join(
            f"{where}, ligne{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}"
            for where, numbers in places.items()
        )
        found.append(
            f"{lines or 'Indicateurs'} : territoire « {written} » absent des territoires "
            "candidats, valeur(s) non prises en compte (écrire epci:SIREN, com:CODE, dep:CODE "
            "ou perimeter:NOM d'un candidat)"
        )
    return found


def parse_weights(items: list[str]) -> dict[str, float]:
    """``NAME=WEIGHT`` items (a negative weight favours low values)."""
    weights: dict[str, float] = {}
    for item in items:
        name, _, raw = item.partition("=")
        try:
            weights[name.strip()] = float(raw.replace(",", "."))
        except ValueError:
            raise ObservatoryError(
                f"poids « {item} » invalide : écrire NOM=POIDS, par exemple ess_density=2 ou chomage=-1"
            ) from None
    if not weights or not any(weights.values()):
        raise ObservatoryError("au moins un poids non nul est nécessaire")
    return weights


def rank(
    candidates: list[str],
    values: dict[str, dict[str, Value]],
    weights: dict[str, float],
    labels: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The candidates by score, highest first, each with its components."""
    labels = labels or {}
    total = sum(abs(w) for w in weights.values())
    scored: list[dict[str, Any]] = []
    for candidate in candidates:
        components = []
        score = 0.0
        for name, weight in weights.items():
            known = [values[c][name].value for c in candidates if name in values.get(c, {})]
            item = values.get(candidate, {}).get(name)
            if item is None:
                components.append(
                    {
                        "indicator": name,
                        "label": OBSERVATORY_INDICATORS.get(name, name),
                        "value": None,
                        "weight": weight,
                        "scaled": None,
                        "contribution": 0.0,
                        "note": "valeur manquante : compte pour 0",
                    }
                )
                continue
            low, high = min(known), max(known)
            scaled = 1.0 if high == low else (item.value - low) / (high - low)
            if weight < 0:
                scaled = 1.0 - scaled
            contribution = abs(weight) * scaled / total * 100
            score += contribution
            components.append(
                {
                    "indicator": name,
                    "label": OBSERVATORY_INDICATORS.get(name, name),
                    "value": item.value,
                    "year": item.year,
                    "source": item.source,
                    "weight": weight,
                    "scaled": round(scaled, 4),
                    "contribution": round(contribution, 2),
                }
            )
        scored.append(
            {
                "territory": candidate,
                "name": labels.get(candidate, candidate),
                "score": round(score, 1),
                "components": components,
            }
        )
    scored.sort(key=lambda s: (-float(s["score"]), str(s["territory"])))
    for position, entry in enumerate(scored, start=1):
        entry["rank"] = position
    return scored
