"""A party's block that opens on a person or an office: « Monsieur Paul X, Président de
… », « Le Président du Conseil départemental, agissant au nom et pour le compte du
Département … », « Le Président M. Paul X agissant au nom et pour le compte de
l'association … »; and where a party's name stops."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.parties.common import PartyBlock, _clause_end
from pacte.extraction.parties.persons import _CIVILITY, looks_like_person, person_from_name
from pacte.extraction.text import clean, fold

_NAME_END = lazy(
    r",|;|[ \t]\(|[ \t](?:represente(?:e)?s?|dont le siege|sise?|situee?|domiciliee?|ayant son siege)\b"
    r"|[ \t]\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t](?:rue|avenue|av\.|boulevard|bd|place|chemin|allee|route|"
    r"quai|impasse|cours)\b"
)
"""Where a party's name stops: the apposition (« , association régie par… »), the acronym
in brackets, or the representative and address that follow the name."""
_BULLET = lazy(r"[ \t*•·–—-]*(?:(?:\d{1,2}[.)]|[a-z]\))[ \t]+)?")
_ADDRESS_START = lazy(
    r"^[ \t]*(?:\d|(?:bp|cs|tsa)\b|(?:rue|avenue|av\.|boulevard|bd|place|quai|allee|chemin|route|"
    r"cours|impasse|square|parvis|esplanade|hotel|mairie|maison|immeuble|espace|centre|parc|zone|za|zi|"
    r"palais|chateau|residence|batiment|domicilie|sis|situe|dont|represente|ayant|ci-apres|denomme|"
    r"designe)\b)"
)
_GENERIC_NOUN = lazy(
    r"^(?:association|cooperative|fondation|mutuelle|federation|organisme|structure"
    r"|societe(?: par actions simplifiee| anonyme| a responsabilite limitee| cooperative"
    r"(?: d'interet collectif)?)?)\s+"
)
_NAMED = lazy(r"(?:denommee?|appelee?|intitulee?|nommee?)\s*(?::\s*)?")


def _name_end(folded: str, start: int, end: int) -> int | None:
    """The first place in ``[start, end)`` where a name stops, outside « quotes » (a quote
    left open on the line, « l'association «Comité des fêtes , déclarée … », is no quote)."""
    opened = folded.count("«", start, end) + folded.count("“", start, end)
    closed = folded.count("»", start, end) + folded.count("”", start, end)
    if opened > closed:
        return next(
            (p for p in range(start, end) if _NAME_END.match(folded, p)),
            None,
        )
    depth = 0
    for position in range(start, end):
        char = folded[position]
        if char in "«“":
            depth += 1
        elif char in "»”" and depth:
            depth -= 1
        elif depth == 0 and _NAME_END.match(folded, position):
            return position
    return None


_ON_BEHALF = lazy(
    r"\bpour\s+le\s+compte\s+(?:du\s+|de\s+la\s+|de\s+l'|des\s+|de\s+|d')"
    r"|\bau\s+nom\s+(?:du\s+|de\s+la\s+|de\s+l'|des\s+|d')"
)
"""« agissant au nom et pour le compte du Département … »: the organisation the person acts for."""
_OFFICE_OF = lazy(
    r"(?:(?:agissant\s+)?en\s+(?:sa\s+|leur\s+)?qualite\s+de\s+)?(?:(?:le|la|l')\s*)?(?:co-?|vice-)?"
    r"(?:president|presidente|maire|directeur|directrice|gerant|gerante|delegue|deleguee|"
    r"administrateur|administratrice|prefet|prefete|representant|representante)"
    r"(?:\s+(?:general|generale|delegue|deleguee|executif|executive))?\s+"
    r"(?:du\s+|de\s+la\s+|de\s+l'|des\s+|de\s+|d')"
)
"""« Président du Conseil départemental de la … », « agissant en qualité de Présidente de
l'association … »: an office followed by the organisation it is held in."""


_BARE_NOUN = lazy(r"[a-z]+(?=\s*(?:,|;|$|\n|\s(?:en\s+vertu|conformement|dument|agissant)\b))")
"""« au nom et pour le compte de la Commune en vertu de … »: a bare noun, which names the
organisation less well than the office before it (« Maire de la Commune de Lussac »)."""
_LEADING_NAME_END = lazy(
    r"\n[ \t]*\n|\s+(?:par|en\s+vertu|conformement|(?:dument\s+)?(?:habilite|autorise|mandate)e?|"
    r"agissant|en\s+date|en\s+application|ci-?apres)\b"
)


@dataclass(frozen=True)
class LeadingPerson:
    """A block opening on the person who signs (« Monsieur Paul X, Président de … ») or on
    their office (« Le Président du Conseil départemental … »: ``person`` ``None``)."""

    person: dict[str, str] | None
    start: int
    end: int
    organisation: tuple[int, int] | None
    office: tuple[int, int] | None


def _leading_person(text: str, folded: str, block: PartyBlock) -> LeadingPerson | None:
    """The person a block opens on, and the organisation they act for (else ``None``).

    The organisation is the one the person acts « au nom et pour le compte de », else the
    one named after their office (« Président du Conseil départemental de … »,
    « agissant en qualité de Président de la Fondation … »).
    """
    bullet = _BULLET.match(text, block.start, block.end)
    start = bullet.end() if bullet else block.start
    stop = _clause_end(text, start, block.end)
    phrase = clean(text[start:stop].replace("\n", " "))
    if not (re.match(_CIVILITY + r"\s", fold(phrase)) and looks_like_person(phrase)):
        return _leading_office(text, folded, block, start)
    person = person_from_name(phrase)
    if person is None or stop >= block.end or text[stop] != ",":
        return None
    organisation = office = None
    on_behalf = _ON_BEHALF.search(folded, stop, block.end)
    after = stop
    while after < block.end and folded[after] in ", \t\n":
        after += 1
    office_of = _OFFICE_OF.match(folded, after)
    if office_of:
        office_end = _name_end(folded, office_of.end(), block.end) or block.end
        office = (office_of.start(), office_end)
    if on_behalf and not (office_of and _BARE_NOUN.match(folded, on_behalf.end())):
        name_from = on_behalf.end()
    elif office_of:
        name_from = office_of.end()
    else:
        return LeadingPerson(person, start, stop, None, office)
    name_to = _name_end(folded, name_from, block.end) or block.end
    # the name stops at a blank line, or where the mandate or the capacity goes on
    tail = _LEADING_NAME_END.search(folded, name_from, name_to)
    name_to = tail.start() if tail else name_to
    if text[name_from:name_to].strip():
        organisation = (name_from, name_to)
    return LeadingPerson(person, start, stop, organisation, office)


_OFFICE_FIRST = lazy(
    r"(?:(?:monsieur|madame)\s+)?(?:le|la|l')\s*(?:co-?|vice-)?"
    r"(?:president|presidente|maire|directeur|directrice|prefet|prefete)"
    r"(?:\s+(?:general|generale|delegue|deleguee))?\b"
)
"""A block opening on an office: « Le Président du Conseil général … », « Le Maire de … »."""
_COMPLEMENT = lazy(r"[ \t\n]+(?:du\s+|de\s+la\s+|de\s+l'|des\s+|de\s+|d')")
_HOLDER = lazy(rf"[ \t\n]*,?[ \t\n]*((?:{_CIVILITY}|m)\.?[ \t]+[^,\n]+?)(?=[ \t\n,]+agissant\b)")
"""« Le Président M Alain COSTA agissant … »: the holder of the office, named after it."""


def _leading_office(text: str, folded: str, block: PartyBlock, start: int) -> LeadingPerson | None:
    """A block opening on an office, and the organisation it is held in (« Le Président du
    Conseil général des Landes agissant au nom et pour le compte du Département … »), or
    the one its holder, named after it, acts for (« Le Président M. Paul X agissant au
    nom et pour le compte de l'association … »)."""
    office = _OFFICE_FIRST.match(folded, start, block.end)
    if office is None:
        return None
    on_behalf = _ON_BEHALF.search(folded, office.end(), block.end)
    if on_behalf is None:
        # « Madame la Maire de Valmont, …, ci-après dénommée « La Ville de Valmont » »:
        # the block's name and label say more than the office
        return None
    complement = _COMPLEMENT.match(folded, office.end(), block.end)
    person = None
    if complement:
        name_from = complement.end()
        office_span = (office.start(), complement.start())
        stop = complement.start()
    else:
        holder = _HOLDER.match(folded, office.end(), block.end)
        if holder is None:
            return None
        # « M Alain COSTA »: the civility's dot lost
        named = rx.sub(r"^M(?=[ \t])", "M.", clean(text[holder.start(1) : holder.end(1)]))
        person = person_from_name(named)
        if person is None:
            return None
        name_from, office_span, stop = (
            on_behalf.end(),
            (office.start(), office.end()),
            holder.end(1),
        )
    name_to = _name_end(folded, name_from, block.end) or block.end
    tail = _LEADING_NAME_END.search(folded, name_from, name_to)
    name_to = tail.start() if tail else name_to
    if not text[name_from:name_to].strip():
        return None
    return LeadingPerson(person, start, stop, (name_from, name_to), office_span)
