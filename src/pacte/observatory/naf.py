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
DIVISION_LABELS_2008: dict[str, str] = {
    "01": "Culture et production animale, chasse et services annexes",
    "02": "Sylviculture et exploitation forestière",
    "03": "Pêche et aquaculture",
    "05": "Extraction de houille et de lignite",
    "06": "Extraction d'hydrocarbures",
    "07": "Extraction de minerais métalliques",
    "08": "Autres industries extractives",
    "09": "Services de soutien aux industries extractives",
    "10": "Industries alimentaires",
    "11": "Fabrication de boissons",
    "12": "Fabrication de produits à base de tabac",
    "13": "Fabrication de textiles",
    "14": "Industrie de l'habillement",
    "15": "Industrie du cuir et de la chaussure",
    "16": "Travail du bois et fabrication d'articles en bois et en liège, à l'exception des "
    "meubles ; fabrication d'articles en vannerie et sparterie",
    "17": "Industrie du papier et du carton",
    "18": "Imprimerie et reproduction d'enregistrements",
    "19": "Cokéfaction et raffinage",
    "20": "Industrie chimique",
    "21": "Industrie pharmaceutique",
    "22": "Fabrication de produits en caoutchouc et en plastique",
    "23": "Fabrication d'autres produits minéraux non métalliques",
    "24": "Métallurgie",
    "25": "Fabrication de produits métalliques, à l'exception des machines et des équipements",
    "26": "Fabrication de produits informatiques, électroniques et optiques",
    "27": "Fabrication d'équipements électriques",
    "28": "Fabrication de machines et équipements n.c.a.",
    "29": "Industrie automobile",
    "30": "Fabrication d'autres matériels de transport",
    "31": "Fabrication de meubles",
    "32": "Autres industries manufacturières",
    "33": "Réparation et installation de machines et d'équipements",
    "35": "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
    "36": "Captage, traitement et distribution d'eau",
    "37": "Collecte et traitement des eaux usées",
    "38": "Collecte, traitement et élimination des déchets ; récupération",
    "39": "Dépollution et autres services de gestion des déchets",
    "41": "Construction de bâtiments",
    "42": "Génie civil",
    "43": "Travaux de construction spécialisés",
    "45": "Commerce et réparation d'automobiles et de motocycles",
    "46": "Commerce de gros, à l'exception des automobiles et des motocycles",
    "47": "Commerce de détail, à l'exception des automobiles et des motocycles",
    "49": "Transports terrestres et transport par conduites",
    "50": "Transports par eau",
    "51": "Transports aériens",
    "52": "Entreposage et services auxiliaires des transports",
    "53": "Activités de poste et de courrier",
    "55": "Hébergement",
    "56": "Restauration",
    "58": "Édition",
    "59": "Production de films cinématographiques, de vidéo et de programmes de télévision ; "
    "enregistrement sonore et édition musicale",
    "60": "Programmation et diffusion",
    "61": "Télécommunications",
    "62": "Programmation, conseil et autres activités informatiques",
    "63": "Services d'information",
    "64": "Activités des services financiers, hors assurance et caisses de retraite",
    "65": "Assurance",
    "66": "Activités auxiliaires de services financiers et d'assurance",
    "68": "Activités immobilières",
    "69": "Activités juridiques et comptables",
    "70": "Activités des sièges sociaux ; conseil de gestion",
    "71": "Activités d'architecture et d'ingénierie ; activités de contrôle et analyses techniques",
    "72": "Recherche-développement scientifique",
    "73": "Publicité et études de marché",
    "74": "Autres activités spécialisées, scientifiques et techniques",
    "75": "Activités vétérinaires",
    "77": "Activités de location et location-bail",
    "78": "Activités liées à l'emploi",
    "79": "Activités des agences de voyage, voyagistes, services de réservation et activités "
    "connexes",
    "80": "Enquêtes et sécurité",
    "81": "Services relatifs aux bâtiments et aménagement paysager",
    "82": "Activités administratives et autres activités de soutien aux entreprises",
    "84": "Administration publique et défense ; sécurité sociale obligatoire",
    "85": "Enseignement",
    "86": "Activités pour la santé humaine",
    "87": "Hébergement médico-social et social",
    "88": "Action sociale sans hébergement",
    "90": "Activités créatives, artistiques et de spectacle",
    "91": "Bibliothèques, archives, musées et autres activités culturelles",
    "92": "Organisation de jeux de hasard et d'argent",
    "93": "Activités sportives, récréatives et de loisirs",
    "94": "Activités des organisations associatives",
    "95": "Réparation d'ordinateurs et de biens personnels et domestiques",
    "96": "Autres services personnels",
    "97": "Activités des ménages en tant qu'employeurs de personnel domestique",
    "98": "Activités indifférenciées des ménages en tant que producteurs de biens et services "
    "pour usage propre",
    "99": "Activités des organisations et organismes extraterritoriaux",
}
"""The 88 divisions of NAF rév. 2 (2008) and their INSEE labels."""

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


def division_label(division: str | None, nomenclature: str) -> str:
    """The French label of a two-digit division (NAF 2008); for NAF 2025, whose division
    labels are not shipped yet, « Division NN (NAF 2025) ».

    >>> division_label("88", "naf2008")
    'Action sociale sans hébergement'
    >>> division_label("88", "naf2025")
    'Division 88 (NAF 2025)'
    """
    if not division:
        return UNCLASSIFIED_LABEL
    if nomenclature == "naf2008" and division in DIVISION_LABELS_2008:
        return DIVISION_LABELS_2008[division]
    return f"Division {division} ({'NAF 2025' if nomenclature == 'naf2025' else 'NAF'})"
