"""The ESS perimeter as dated rules with their sources.

A legal unit is in the ESS when its SIRENE flag says so (``economieSocialeSolidaireUniteLegale
= O``), or its SIREN is in a list the user loads, or its legal category is in the family
table — and it is private, and the establishment's activity is not excluded (public
administration, employers' organisations, unions, religious and political organisations).
The category table and the exclusions are dated values (``parameters/*.yaml``), read at
the date of the snapshot, like the legal parameters of ``pacte.rules``.

>>> rules = ess_rules(date(2026, 1, 1))
>>> rules.family_of("9220"), rules.family_of("5710"), rules.family_of("9299")
('association', None, None)
>>> rules.is_unknown("9299"), rules.is_unknown("5710"), rules.is_unknown("")
(True, False, True)
>>> rules.is_excluded("94.20Z"), rules.is_excluded("84.11Z"), rules.is_excluded("88.10A")
(True, True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pacte.observatory.errors import ObservatoryError

_FOLDER = Path(__file__).parent / "parameters"

FAMILIES = ("association", "cooperative", "mutual", "foundation", "ess_company", "other")
"""Families of the ESS, in the order they are shown; ``other`` holds the units in the ESS
by their SIRENE flag or the loaded list whose category is neither a family nor a company."""
FAMILY_LABELS = {
    "association": "Associations",
    "cooperative": "Coopératives",
    "mutual": "Mutuelles",
    "foundation": "Fondations",
    "ess_company": "Sociétés commerciales de l'ESS",
    "other": "Autres structures de l'ESS",
}
KNOWN_GROUPS = frozenset(
    [
        "00",
        "10",
        "21",
        "22",
        "23",
        "24",
        "27",
        "28",
        "29",
        "31",
        "32",
        "41",
        "51",
        "52",
        "53",
        "54",
        "55",
        "56",
        "57",
        "58",
        "61",
        "62",
        "63",
        "64",
        "65",
        "69",
        "71",
        "72",
        "73",
        "74",
        "81",
        "82",
        "83",
        "84",
        "85",
        "91",
        "92",
        "93",
        "99",
    ]
)
"""Level II of INSEE's legal categories: a code outside them is unknown."""
PUBLIC_GROUPS = ("4", "7")
"""Legal persons of public law (level I 4 and 7): outside the private sector."""
_CATEGORY = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Reference:
    text: str
    url: str | None = None


@dataclass(frozen=True)
class EssRules:
    """The ESS rules in force on a date."""

    on: date
    families: dict[str, str]
    """Legal category → family."""
    category_labels: dict[str, str]
    outside: frozenset[str]
    reviewed_groups: frozenset[str]
    ess_company: bool
    excluded: dict[str, dict[str, str]]
    """Nomenclature → activity code prefix → label."""
    references: tuple[Reference, ...]

    def family_of(self, category: str) -> str | None:
        return self.families.get(category.strip())

    def is_unknown(self, category: str) -> bool:
        """True for a category that no rule knows: empty, malformed, of an unknown level
        II group, or of a reviewed group (associations, mutuals…) and not in the table."""
        code = category.strip()
        if not _CATEGORY.match(code) or code[:2] not in KNOWN_GROUPS:
            return True
        return (
            code[:2] in self.reviewed_groups
            and code not in self.families
            and code not in self.outside
        )

    def is_excluded(self, activity: str, nomenclature: str = "naf2008") -> bool:
        return any(activity.strip().startswith(p) for p in self.excluded[nomenclature])


def _dated(name: str, on: date) -> dict[str, Any]:
    data = yaml.safe_load((_FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))
    current = None
    for item in sorted(data["values"], key=lambda v: v["since"]):
        if item["since"] <= on:
            current = item
    if current is None:
        first = min(v["since"] for v in data["values"])
        raise ObservatoryError(
            f"aucune règle du périmètre de l'ESS ({data['description'].lower()}) "
            f"avant le {first:%d/%m/%Y} : choisir un millésime postérieur"
        )
    return dict(current)


@cache
def ess_rules(on: date) -> EssRules:
    """The category table and the excluded activities in force on ``on``."""
    families_item = _dated("ess_families", on)
    excluded_item = _dated("ess_excluded_activities", on)
    value = families_item["value"]
    families = {str(code): family for family, codes in value["families"].items() for code in codes}
    labels = {
        str(code): label for codes in value["families"].values() for code, label in codes.items()
    }
    return EssRules(
        on=on,
        families=families,
        category_labels=labels,
        outside=frozenset(str(code) for code in value.get("outside", {})),
        reviewed_groups=frozenset(value["reviewed_groups"]),
        ess_company=bool(value.get("ess_company", False)),
        excluded={
            nomenclature: {str(k): v for k, v in codes.items()}
            for nomenclature, codes in excluded_item["value"].items()
        },
        references=(
            Reference(**families_item["reference"]),
            Reference(**excluded_item["reference"]),
        ),
    )
