"""French forms of dates, amounts, percentages and names: plain Python, no pydantic.

Kept apart from the typed models so that a command needing only these forms (the
extraction's report) does not pay for building the models.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def format_date_fr(value: date) -> str:
    """French long form of a date.

    >>> format_date_fr(date(2012, 11, 1))
    '1er novembre 2012'
    """
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_FRENCH_MONTHS[value.month - 1]} {value.year}"


def format_amount_fr(value: Decimal) -> str:
    """French form of an amount in euros.

    >>> format_amount_fr(Decimal("1666.67"))
    '1 666,67 €'
    """
    units, cents = f"{value:.2f}".split(".")
    sign = "-" if units.startswith("-") else ""
    digits = units.lstrip("-")
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{' '.join(groups)},{cents} €"


def format_percent_fr(value: Decimal) -> str:
    """French form of a percentage, without useless decimals.

    >>> format_percent_fr(Decimal("70.00")), format_percent_fr(Decimal("33.33"))
    ('70 %', '33,33 %')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} %"


# The head word of an organisation's name gives its gender (« la Ville », « le Département »):
# a table of words, not rules. "p" marks a plural head (« les Restos », « des statuts »).
# A name whose head is not listed is a proper name and takes no article (« Marzelle Agglo »).
NAME_HEADS: dict[str, str] = (
    dict.fromkeys(
        [
            "agence",
            "agglomération",
            "assemblée",
            "association",
            "banque",
            "caisse",
            "chambre",
            "cité",
            "collectivité",
            "commune",
            "communauté",
            "compagnie",
            "confédération",
            "coopérative",
            "coordination",
            "cress",
            "délégation",
            "délibération",
            "décision",
            "direction",
            "école",
            "entreprise",
            "fédération",
            "fondation",
            "ligue",
            "maison",
            "métropole",
            "mission",
            "mutuelle",
            "mutualité",
            "plateforme",
            "préfecture",
            "région",
            "régie",
            "république",
            "scic",
            "scop",
            "société",
            "union",
            "université",
            "ville",
        ],
        "f",
    )
    | dict.fromkeys(
        [
            "atelier",
            "cabinet",
            "ccas",
            "centre",
            "cias",
            "club",
            "collectif",
            "comité",
            "comptoir",
            "conseil",
            "département",
            "epci",
            "espace",
            "établissement",
            "fonds",
            "foyer",
            "gip",
            "groupement",
            "hôpital",
            "hôtel",
            "incubateur",
            "institut",
            "laboratoire",
            "ministère",
            "mouvement",
            "musée",
            "observatoire",
            "office",
            "parc",
            "pays",
            "pôle",
            "réseau",
            "secrétariat",
            "service",
            "sivom",
            "sivu",
            "syndicat",
            "territoire",
            "théâtre",
            "tiers-lieu",
            "état",
        ],
        "m",
    )
    | dict.fromkeys(["amis", "ateliers", "jardins", "restos", "statuts"], "p")
)

_ARTICLES = {"la": "f", "le": "m", "les": "p", "l'": "", "l’": ""}
_VOWELS = "aàâäeéèêëiîïoôöuùûüyhAÀÂÄEÉÈÊËIÎÏOÔÖUÙÛÜYH"
# words starting with h where the article is not elided (« le Haut-Rhin »)
_ASPIRATED_H = ("haut", "hameau", "hall", "handi", "hangar")


def name_gender(name: str) -> str | None:
    """« f », « m » or « p » (plural) from the head word of an organisation's name, or None.

    >>> name_gender("Ville de Lorval"), name_gender("Département de la Vère")
    ('f', 'm')
    >>> name_gender("Les Jardins partagés"), name_gender("Marzelle Agglo")
    ('p', None)
    """
    words = name.strip().split()
    if not words:
        return None
    first = words[0].lower()
    if _ARTICLES.get(first):
        return _ARTICLES[first]
    if first.startswith(("l'", "l’")):
        first = first[2:]
    return NAME_HEADS.get(first.strip(",;:"))


def _elides(word: str) -> bool:
    return bool(word) and word[0] in _VOWELS and not word.lower().startswith(_ASPIRATED_H)


def with_article(name: str, form: str = "definite", *, capital: bool = False) -> str:
    """An organisation's name with its article, as a sentence needs it.

    ``form`` is ``definite`` (« la Ville de Lorval »), ``de`` (« de la Ville de Lorval »,
    « du Département », « des Jardins »), ``à`` (« à la Ville », « au Département ») or
    ``pour`` (« Pour la Ville de Lorval », the signature line). A name whose head word is
    not in ``NAME_HEADS`` is a proper name: no article (« Pour Marzelle Agglo »), « d' »
    before a vowel. A name already starting with its article keeps it, contracted after
    « de » and « à » (« du Relais », « des Jardins »). ``capital`` starts with a capital.

    >>> with_article("Ville de Lorval")
    'la Ville de Lorval'
    >>> with_article("Département de la Vère", "de")
    'du Département de la Vère'
    >>> with_article("Association Les Jardins partagés", "de")
    "de l'Association Les Jardins partagés"
    >>> with_article("Chambre régionale de l'ESS", "pour")
    "Pour la Chambre régionale de l'ESS"
    >>> with_article("Syndicat mixte du Blavet", "à"), with_article("Le Relais", "de")
    ('au Syndicat mixte du Blavet', 'du Relais')
    >>> with_article("Les Jardins partagés", "à"), with_article("La Ruche", "de")
    ('aux Jardins partagés', 'de La Ruche')
    >>> with_article("Marzelle Agglo", "pour"), with_article("Emmaüs Lorval", "de")
    ('Pour Marzelle Agglo', "d'Emmaüs Lorval")
    >>> with_article("établissement public", capital=True)
    "L'établissement public"
    """
    name = " ".join(name.split())
    if not name:
        return name
    first, _, rest = name.partition(" ")
    lowered = first.lower()
    if lowered in ("le", "les") and rest:  # the name carries a contractible article
        contracted = {"de": {"le": "du", "les": "des"}, "à": {"le": "au", "les": "aux"}}
        kept = {"definite": first, "pour": lowered}
        text = f"{kept[form] if form in kept else contracted[form][lowered]} {rest}"
    elif lowered in ("la", "l'", "l’") or lowered.startswith(("l'", "l’")):
        text = {"definite": name, "pour": name, "de": f"de {name}", "à": f"à {name}"}[form]
    else:
        head = name_gender(name)
        if head is None:  # a proper name
            if form == "de":
                text = f"d'{name}" if _elides(name) else f"de {name}"
            else:
                text = {"definite": name, "pour": name, "à": f"à {name}"}[form]
        else:
            if head == "p":
                article = "les "
            elif _elides(name):
                article = "l'"
            else:
                article = "la " if head == "f" else "le "
            if form == "de":
                article = {"le ": "du ", "les ": "des "}.get(article, "de " + article)
            elif form == "à":
                article = {"le ": "au ", "les ": "aux "}.get(article, "à " + article)
            text = article + name
    if form == "pour":
        text = f"Pour {text}"
    elif capital:
        text = text[0].upper() + text[1:]
    return text


def agree(masculine: str, gender: str | None) -> str:
    """A participle agreed with an organisation's gender; ``(e)`` only when it is unknown.

    >>> agree("représenté", "f"), agree("représenté", "m"), agree("désigné", "p")
    ('représentée', 'représenté', 'désignés')
    """
    return masculine + {"f": "e", "m": "", "p": "s"}.get(gender or "", "(e)")


def civility_gender(civility: str | None) -> str | None:
    """« f » or « m » from a person's civility (« Mme », « Monsieur »…), None when unknown.

    >>> civility_gender("Mme"), civility_gender("M."), civility_gender(None)
    ('f', 'm', None)
    """
    word = (civility or "").strip().rstrip(".").lower()
    if word in ("mme", "madame", "mlle", "mademoiselle"):
        return "f"
    if word in ("m", "monsieur", "mr"):
        return "m"
    return None
