"""Activity domains: the sections of NAF 2008 (rév. 2) and NAF 2025, with French labels.

NAF 2025 (built on NACE Rév. 2.1) becomes the official nomenclature on 1 January 2027;
SIRENE carries it in ``activitePrincipaleNAF25Etablissement`` beside the NAF 2008 code.
Its sections differ from NAF 2008 from J on (information is split, letters shift).

>>> section_of("88.10A", "naf2008")
'Q'
>>> section_of("88.10Y", "naf2025")
'R'
>>> section_of("", "naf2008") is None
True
"""

from __future__ import annotations

NOMENCLATURES = ("naf2008", "naf2025")

_DIVISIONS_2008: dict[str, tuple[int, int]] = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
    "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68),
    "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93),
    "S": (94, 96), "T": (97, 98), "U": (99, 99),
}  # fmt: skip
_DIVISIONS_2025: dict[str, tuple[int, int]] = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
    "G": (46, 47), "H": (49, 53), "I": (55, 56), "J": (58, 60), "K": (61, 63), "L": (64, 66),
    "M": (68, 68), "N": (69, 75), "O": (77, 82), "P": (84, 84), "Q": (85, 85), "R": (86, 88),
    "S": (90, 93), "T": (94, 96), "U": (97, 98), "V": (99, 99),
}  # fmt: skip

SECTION_LABELS: dict[str, dict[str, str]] = {
    "naf2008": {
        "A": "Agriculture, sylviculture et pêche",
        "B": "Industries extractives",
        "C": "Industrie manufacturière",
        "D": "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
        "E": "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
        "F": "Construction",
        "G": "Commerce ; réparation d'automobiles et de motocycles",
        "H": "Transports et entreposage",
        "I": "Hébergement et restauration",
        "J": "Information et communication",
        "K": "Activités financières et d'assurance",
        "L": "Activités immobilières",
        "M": "Activités spécialisées, scientifiques et techniques",
        "N": "Activités de services administratifs et de soutien",
        "O": "Administration publique",
        "P": "Enseignement",
        "Q": "Santé humaine et action sociale",
        "R": "Arts, spectacles et activités récréatives",
        "S": "Autres activités de services",
        "T": "Activités des ménages en tant qu'employeurs",
        "U": "Activités extra-territoriales",
    },
    "naf2025": {
        "A": "Agriculture, sylviculture et pêche",
        "B": "Industries extractives",
        "C": "Industrie manufacturière",
        "D": "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
        "E": "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
        "F": "Construction",
        "G": "Commerce de gros et de détail",
        "H": "Transports et entreposage",
        "I": "Hébergement et restauration",
        "J": "Édition, diffusion, production et distribution de contenus",
        "K": "Télécommunications, programmation, conseil informatique, infrastructures et autres services d'information",
        "L": "Activités financières et d'assurance",
        "M": "Activités immobilières",
        "N": "Activités spécialisées, scientifiques et techniques",
        "O": "Activités de services administratifs et de soutien",
        "P": "Administration publique et défense ; sécurité sociale obligatoire",
        "Q": "Enseignement",
        "R": "Santé humaine et action sociale",
        "S": "Arts, sports et activités récréatives",
        "T": "Autres activités de services",
        "U": "Activités des ménages en tant qu'employeurs",
        "V": "Activités extraterritoriales",
    },
}
UNCLASSIFIED = "?"
UNCLASSIFIED_LABEL = "Activité non classée (code absent ou d'une ancienne nomenclature)"


def division_sections(nomenclature: str) -> dict[str, str]:
    """Every two-digit division of a nomenclature and its section letter."""
    table = _DIVISIONS_2008 if nomenclature == "naf2008" else _DIVISIONS_2025
    return {
        f"{division:02d}": section
        for section, (first, last) in table.items()
        for division in range(first, last + 1)
    }


def section_of(code: str | None, nomenclature: str) -> str | None:
    """The section of an activity code (``88.10A``), or ``None`` when it has none."""
    return division_sections(nomenclature).get((code or "").strip()[:2])


def section_label(section: str | None, nomenclature: str) -> str:
    if not section or section == UNCLASSIFIED:
        return UNCLASSIFIED_LABEL
    return SECTION_LABELS[nomenclature].get(section, UNCLASSIFIED_LABEL)
