"""What kind of organisation a name denotes, and its département (for local holidays).

>>> organisation_kind("Communauté d'agglomération du Pays de Marzelle")
'epci'
>>> department_code("Conseil départemental de la Haute-Garonne", None)
'31'
"""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.text import fold

_KINDS = (
    (
        "epci",
        r"\b(communaute (de communes|d'agglomeration|urbaine)|metropole|etablissement public territorial|pays de .* \(pays\)"
        r"|syndicat (mixte|intercommunal|departemental|communautaire|de communes)|sivu|sivom"
        r"|agglomeration|agglo)\b",
    ),
    ("commune", r"^(la )?(ville|commune|mairie)\b|\bville de\b|\bcommune de\b"),
    ("departement", r"\b(departement|conseil (general|departemental))\b"),
    ("region", r"\b(region|conseil regional|collectivite (territoriale|europeenne) de)\b"),
    ("state", r"\b(etat|prefecture|prefet|ministere|direction (regionale|departementale))\b"),
    ("cress", r"\bchambre regionale de l'economie sociale\b|\bcres{1,2}\b"),
    ("cooperative", r"\b(cooperative|scic|scop|cae)\b"),
    ("mutual", r"\bmutuelle\b"),
    ("foundation", r"\bfondation\b"),
    (
        "association",
        r"\b(association|federation|union|collectif|maison des|centre social|comite)\b",
    ),
    ("company", r"\b(sarl|sas|sa|eurl|entreprise|societe)\b"),
)

AUTHORITY_KINDS = ("commune", "departement", "region", "epci", "state")

# INSEE codes of the départements, by folded name (general data, not tied to any document).
_DEPARTMENTS = {
    "ain": "01",
    "aisne": "02",
    "allier": "03",
    "alpes-de-haute-provence": "04",
    "hautes-alpes": "05",
    "alpes-maritimes": "06",
    "ardeche": "07",
    "ardennes": "08",
    "ariege": "09",
    "aube": "10",
    "aude": "11",
    "aveyron": "12",
    "bouches-du-rhone": "13",
    "calvados": "14",
    "cantal": "15",
    "charente": "16",
    "charente-maritime": "17",
    "cher": "18",
    "correze": "19",
    "corse-du-sud": "2A",
    "haute-corse": "2B",
    "cote-d'or": "21",
    "cotes-d'armor": "22",
    "creuse": "23",
    "dordogne": "24",
    "doubs": "25",
    "drome": "26",
    "eure": "27",
    "eure-et-loir": "28",
    "finistere": "29",
    "gard": "30",
    "haute-garonne": "31",
    "gers": "32",
    "gironde": "33",
    "herault": "34",
    "ille-et-vilaine": "35",
    "indre": "36",
    "indre-et-loire": "37",
    "isere": "38",
    "jura": "39",
    "landes": "40",
    "loir-et-cher": "41",
    "loire": "42",
    "haute-loire": "43",
    "loire-atlantique": "44",
    "loiret": "45",
    "lot": "46",
    "lot-et-garonne": "47",
    "lozere": "48",
    "maine-et-loire": "49",
    "manche": "50",
    "marne": "51",
    "haute-marne": "52",
    "mayenne": "53",
    "meurthe-et-moselle": "54",
    "meuse": "55",
    "morbihan": "56",
    "moselle": "57",
    "nievre": "58",
    "nord": "59",
    "oise": "60",
    "orne": "61",
    "pas-de-calais": "62",
    "puy-de-dome": "63",
    "pyrenees-atlantiques": "64",
    "hautes-pyrenees": "65",
    "pyrenees-orientales": "66",
    "bas-rhin": "67",
    "haut-rhin": "68",
    "rhone": "69",
    "haute-saone": "70",
    "saone-et-loire": "71",
    "sarthe": "72",
    "savoie": "73",
    "haute-savoie": "74",
    "paris": "75",
    "seine-maritime": "76",
    "seine-et-marne": "77",
    "yvelines": "78",
    "deux-sevres": "79",
    "somme": "80",
    "tarn": "81",
    "tarn-et-garonne": "82",
    "var": "83",
    "vaucluse": "84",
    "vendee": "85",
    "vienne": "86",
    "haute-vienne": "87",
    "vosges": "88",
    "yonne": "89",
    "territoire de belfort": "90",
    "essonne": "91",
    "hauts-de-seine": "92",
    "seine-saint-denis": "93",
    "val-de-marne": "94",
    "val-d'oise": "95",
    "guadeloupe": "971",
    "martinique": "972",
    "guyane": "973",
    "la reunion": "974",
    "reunion": "974",
    "mayotte": "976",
}
_DEPARTMENT_NAME = lazy(
    r"\b(?:departement|conseil (?:general|departemental))\s+(?:du |de la |de l'|des |de |d')?([a-z' -]+)"
)


def organisation_kind(name: str) -> str:
    """The ``OrganisationKind`` value a name suggests (``other`` when nothing does): the
    kind its head noun says, the first one written (« Fédération des associations pour le
    développement de la région de X » is an association, not a région).

    >>> organisation_kind("Fédération des associations pour le développement de la région de Matam")
    'association'
    """
    folded = fold(name)
    found = [
        (match.start(), index, kind)
        for index, (kind, pattern) in enumerate(_KINDS)
        if (match := re.search(pattern, folded))
    ]
    return min(found)[2] if found else "other"


_SOCIAL_SECURITY = lazy(
    r"\bcaisse (?:d'allocations familiales|primaire d'assurance maladie|d'assurance retraite|"
    r"(?:nationale|generale) de securite sociale|de mutualite sociale agricole)\b|"
    r"\bmutualite sociale agricole\b|\b(?:caf|cpam|carsat|cnaf|cnav|msa|urssaf)\b"
)


def is_social_security(name: str) -> bool:
    """Whether a name is that of a social security body (CAF, MSA, CPAM, CARSAT, URSSAF):
    a public-service body which is neither the public authority nor a beneficiary.

    >>> is_social_security("Caisse d'Allocations Familiales du Gard"), is_social_security("CARSAT Centre")
    (True, True)
    """
    return bool(_SOCIAL_SECURITY.search(fold(name)))


def department_code(name: str, postcode: str | None) -> str | None:
    """The INSEE département code from a département's name, else from a postcode."""
    match = _DEPARTMENT_NAME.search(fold(name))
    if match:
        words = match.group(1).strip()
        for size in range(len(words), 0, -1):
            code = _DEPARTMENTS.get(words[:size].strip(" -"))
            if code and (size == len(words) or not words[size].isalpha()):
                return code
    if postcode and rx.fullmatch(r"\d{5}", postcode):
        if postcode.startswith("97"):
            return postcode[:3]
        if postcode.startswith("20"):
            return "2A" if int(postcode) < 20200 else "2B"
        return postcode[:2]
    return None
