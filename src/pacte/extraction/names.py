"""People named without a civility, in lists as real documents write them.

« Présents : PILLET Gérard ; BODIC Bernard », « Présents : Franck RAYNAL - Pascale
PAVONE », « Mesdames Anne BAILLY, Katia HARS, Messieurs Paul MOINE »: each item is a
name when it holds one to five words, each capitalised, at least one of them in
capitals or two of them capitalised. Offsets are those of the text.

>>> [n for _, _, n in bare_names("Présents : PILLET Gérard ; BODIC Bernard ; LE FUR Michel.", 11, 57)]
['PILLET Gérard', 'BODIC Bernard', 'LE FUR Michel']
>>> [n for _, _, n in bare_names("Mesdames Anne BAILLY (à partir du point 2), Katia HARS", 0, 55)]
['Anne BAILLY', 'Katia HARS']
>>> trim_name("M. Paul HEINTZ Liste"), trim_name("Anne LEROY, Maire")
('M. Paul HEINTZ', 'Anne LEROY')
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(
    r"\s*(?:;|,|•|\s[-–]\s|\bet\b|\n|(?:(?<=[a-zà-ÿA-ZÀ-Ý]{2})|(?<=\d))\.(?:\s|$))\s*"
)
"""Between two items: « ; », « , », « • », « - », « et », a line end or the end of a
sentence (after a word or a number: « … à partir de la délibération n°1. Jean DURAND »)."""
_PARENTHESIS = re.compile(r"\([^()]{0,80}\)")
_GROUP = re.compile(
    r"^(?:mesdames|messieurs|mesdames et messieurs|mmes|mm\.|mrs|mme|m\.|monsieur|madame)\s+",
    re.IGNORECASE,
)
_PARTICLES = {"de", "du", "des", "d'", "le", "la", "van", "von", "el", "ben", "di", "da"}
_WORD = re.compile(r"^[A-ZÀ-Ý][\w'’-]*$|^[A-ZÀ-Ý]\.$")
_TITLE_WORDS = (
    r"liste|maire|adjointe?|pr[ée]sidente?|vice-pr[ée]sidente?|conseill[eè]re?|secr[ée]taire|"
    r"agissant|repr[ée]sent[ée]e?|d[ée]l[ée]gu[ée]e?|en qualit[ée]"
)
_TITLES = re.compile(
    rf"(?:\s*,\s*(?i:{_TITLE_WORDS})\b.*|\s+(?:Liste|Maire|Adjointe?|Pr[ée]sidente?|"
    rf"Vice-[Pp]r[ée]sidente?|Conseill[eè]re?|Secr[ée]taire|agissant|repr[ée]sent[ée]e?)\b.*)$"
)
"""A title after a name (« Anne LEROY, Maire », « X agissant en qualité de … »)."""
_PART_TIME = re.compile(
    r"\s*[,(]?\s*(?:(?:à|a) partir d[ue']|jusqu['’ ]|(?:arrivée?|parti(?:e)?|sortie?) (?:à|a|au|apr[eè]s)\b|"
    r"(?:à|a) compter d[ue']|pour (?:le|les) points?\b|du point\b).*$",
    re.IGNORECASE,
)
"""A member present for part of the session (« Paul ROUX à partir du point n°7 »): the
name before it is counted."""
_TITLE_RUN = re.compile(
    r"^(?:(?:conseill[eè]re?s?|municipa(?:l|le|les|ux)|d[ée]l[ée]gu[ée]e?s?|adjointe?s?|"
    r"communautaires?|titulaires?|suppl[ée]ante?s?|maires?|vice-pr[ée]sidente?s?)(?:\s+|$))+"
    r"(?:(?:mesdames|messieurs|mmes|mm\.|mme|m\.|monsieur|madame)\s+)?",
    re.IGNORECASE,
)
"""Titles heading the next names of a list (« …, Adjoints, Monsieur X », « Conseillères
Municipales Messieurs José CARDOSO »): not a name, dropped before the name that follows."""
_SURNAME = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý]$")
"""One surname in capitals (« Présents : Mesdames et Messieurs JUBERT, THOMAS, BARRE »)."""
_GIVES = re.compile(
    r"\s+(?:\(?a donn[ée] pouvoir\)?\s+)?(?:à|a|À|pour|par|donne pouvoir à|pouvoir à)\s+\S.*$"
)


def trim_name(name: str) -> str:
    """A name without the title or the word that follows it (« Anne LEROY, Maire »)."""
    return _TITLES.sub("", name).strip(" ,;.-")


def is_name(item: str) -> bool:
    """Whether a list item reads as a person's name (no verb, no sentence)."""
    words = item.split()
    if not 1 <= len(words) <= 6:
        return False
    capital = 0
    upper = 0
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not _WORD.match(word):
            return False
        capital += 1
        upper += word.replace("-", "").replace("'", "").isupper() and len(word) > 1
    return (upper >= 1 and capital >= 2) or (capital >= 2 and len(words) <= 3)


def bare_names(
    text: str, start: int, end: int, *, givers: bool = False
) -> list[tuple[int, int, str]]:
    """The names of a list without civilities in ``text[start:end]``; with ``givers``, the
    items are proxies (« Georges BLAVIEZ à Sébastien MOINE ») and the giver is kept.

    >>> [n for _, _, n in bare_names("Jean DUPONT à Luc MARTIN, Anne PETIT à Paul ROUX", 0, 48,
    ...                              givers=True)]
    ['Jean DUPONT', 'Anne PETIT']
    """
    found = []
    field = _PARENTHESIS.sub(lambda m: " " * len(m.group()), text[start:end])
    items = []
    position = 0
    for separator in [*_SEPARATOR.finditer(field), None]:
        stop = separator.start() if separator else len(field)
        item = field[position:stop]
        lead = len(item) - len(item.lstrip())
        item = item.strip().rstrip(".")
        titles = _TITLE_RUN.match(item)
        if titles:
            lead += titles.end()
            item = item[titles.end() :]
        group = _GROUP.match(item)
        if group:
            lead += group.end()
            item = item[group.end() :]
        if givers:
            item = _GIVES.sub("", item)
        item = trim_name(_PART_TIME.sub("", item))
        items.append((start + position + lead, item))
        position = separator.end() if separator else len(field)
    # surnames alone count when the list is made of them (three at least)
    surnames = sum(1 for _, item in items if _SURNAME.match(item) and len(item) > 2)
    for begin, item in items:
        if item and (is_name(item) or (surnames >= 3 and _SURNAME.match(item) and len(item) > 2)):
            found.append((begin, begin + len(item), item))
        elif found and len(item.split()) >= 4:
            break  # prose after the list: the list has ended
    return found


def holder(text: str, name_end: int, end: int) -> str | None:
    """Who holds the proxy of the member named just before ``name_end``
    (« Jean DUPONT à Luc MARTIN », « … donne pouvoir à Luc MARTIN »).

    >>> holder("Jean DUPONT à Luc MARTIN, Anne PETIT", 11, 36)
    'Luc MARTIN'
    >>> holder("Jean DUPONT (pouvoir à Luc MARTIN jusqu'au point 6), Anne PETIT", 11, 60)
    'Luc MARTIN'
    """
    match = re.match(
        r"\s*\(\s*(?:a donn[ée] |donne )?(?i:pouvoir|procuration)\s+(?:(?:à|a)\s+)?([^,;()\n]+)\)"
        r"|\s*(?:\([^()]{0,60}\)\s*)?(?:a donn[ée] |donne )?(?:pouvoir |procuration )?(?:à|a|À|pour|par)\s+"
        r"([^,;()\n]+)",
        text[name_end:end],
    )
    if not match:
        return None
    # the holder's name ends with its sentence (« X pour Y. Z pour W »)
    held = re.sub(r"(?<=[^\W\d_]{2})\.(?:\s.*)?$", "", match.group(1) or match.group(2), flags=re.S)
    held = _PART_TIME.sub("", held)
    name = trim_name(re.sub(r"^(?:M\.|Mme|Monsieur|Madame)\s+", "", held.strip()))
    return name if is_name(name) else None
