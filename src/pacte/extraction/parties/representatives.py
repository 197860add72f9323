"""A party's representative: « représentée par son Maire, M. Paul DURAND », « représentée
par Mme Claire DUPONT, Présidente », « représentée en vertu d'une délibération …, par … »."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.names import trim_name
from pacte.extraction.parties.common import PartyBlock, _clause_end
from pacte.extraction.parties.persons import (
    _CIVILITY,
    _OFFICE_WORD,
    looks_like_person,
    person_from_name,
)
from pacte.extraction.result import Found
from pacte.extraction.text import clean, fold

_REPRESENTED = lazy(
    r"represente(?:e|\(e\))?s?\s+(?:(?:en\s+vertu|en\s+application|conformement)\b[^.;,]{0,160},\s*)?"
    r"(?:par|en la personne de)\s+"
)
"""« représentée par », also past a mandate put first (« représentée en vertu d'une
délibération … du 3 mars 2020, par Madame … »)."""
_QUALITY = lazy(r"en (?:sa|leur) qualite de\s+")

_SURNAME_AFTER_BLANK = lazy(
    r"\n[ \t]*\n[ \t]*[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)*(?=[ \t]*,)"
)
"""« Monsieur Paul\n\nDURAND, … »: a surname in capitals pushed past a blank line (a PDF
text layer with a blank line between every line)."""


_LABEL_AFTER = lazy(
    r"\s*\n[ \t]*(?:ci-?apres|(?:designe|denomme|appele)e?s?\b|d'une part|d'autre part)"
    r"|[ \t]+ci-?apres[ \t]+(?:designe|denomme|appele)"
)
"""« M. Paul DURAND\nci-après dénommée « la Commune » »: the label of the party, on the
next line or on the same one, ends the clause of its representative."""


def _name_clause_end(text: str, start: int, end: int) -> int:
    """End of a clause naming a person: ``_clause_end``, across a blank line before a
    surname, and before the party's label on the next line."""
    stop = _clause_end(text, start, end)
    carried = _SURNAME_AFTER_BLANK.match(text, stop, end)
    stop = carried.end() if carried else stop
    folded = fold(text[start:stop])
    label = next((m for m in _LABEL_AFTER.finditer(folded)), None)
    return start + label.start() if label else stop


_OFFICE = lazy(
    r"(?:(?:monsieur|madame|m\.|mme) )?(?:sa |son |leur |le |la )?(?:co-?|vice-)?(?:president|presidente|maire|directeur|directrice|gerant|gerante|"
    r"secretaire|tresorier|tresoriere|delegue|deleguee|adjoint|adjointe|administrateur|administratrice|"
    r"prefet|prefete)\b"
)


_MANDATE_NEXT = lazy(
    r"(?:dument|agissant|habilite|autorise|mandate|en vertu|en application|conformement)\b"
)
_DESIGNATION_NEXT = lazy(r"(?:ci-?apres|dont|sise?|situee?|domiciliee?)\b|$")
"""What follows an office without being part of it: its mandate, or the designation and
address that end the search for the person."""


_OFFICE_THEN_NAME = lazy(
    r"^(?:son|sa|leur|le|la)\s+((?:[Vv]ice-)?[A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ]+(?:\s+d[ée]l[ée]gu[ée]e?)?"
    r"(?:\s+en\s+(?:exercice|activit[ée]|fonction))?)\s+"
    r"(?:(?:Monsieur|Madame|M\.|Mme|Mr)\s+)?"
    r"((?:[A-ZÀ-Ý][\w'’-]*\s+){0,3}[A-ZÀ-Ý][\w'’-]*)(?:\s+[a-zà-ÿ].*)?$"
)
"""« son Maire Jean DURAND », « son Président Monsieur Paul LE GOFF élu par … »: an office
then a name, without a comma between them (a participle may follow the name)."""


def _office_after_name(phrase: str) -> tuple[str, str | None]:
    """« Madame Anne DURAND-PETIT Présidente du Conseil départemental »: the name, and the
    office written after the surname in capitals without a comma (else the phrase whole).

    >>> _office_after_name("Madame Anne DURAND-PETIT Présidente du Conseil départemental")
    ('Madame Anne DURAND-PETIT', 'Présidente du Conseil départemental')
    >>> _office_after_name("Monsieur Paul LE GOFF")
    ('Monsieur Paul LE GOFF', None)
    """
    words = phrase.split()
    for index in range(2, len(words)):
        before = words[index - 1].strip(",")
        if (
            _OFFICE_WORD.match(fold(words[index]))
            and not words[index].isupper()
            and before.isupper()
            and len(before) > 1
        ):
            return " ".join(words[:index]), " ".join(words[index:])
    return phrase, None


def _representative(found: Found, text: str, folded: str, block: PartyBlock, base: str) -> None:
    match = _REPRESENTED.search(folded, block.start, block.end)
    if not match:
        return
    stop = _name_clause_end(text, match.end(), block.end)
    phrase = clean(text[match.end() : stop].replace("\n", " "))
    person = None
    trimmed = trim_name(phrase)
    office_first = _OFFICE_THEN_NAME.match(phrase)
    if re.match(_CIVILITY + r"\s", fold(phrase)) or looks_like_person(phrase):
        # « M. René DURAND agissant en qualité de Président »: the participle trimmed first
        named, title = _office_after_name(trimmed if looks_like_person(trimmed) else phrase)
        stated = rx.search(r"en qualit[ée] de\s+(.+)$", phrase)
        if title is None and stated and trimmed != phrase:
            title = stated.group(1)
        person = person_from_name(named)
        if person and title:
            person = {**person, "title": title}
    elif trimmed != phrase and (
        re.match(_CIVILITY + r"\s", fold(trimmed)) or looks_like_person(trimmed)
    ):
        # « Marie PETIT agissant en qualité de présidente »: the title trimmed
        person = person_from_name(trimmed)
        stated = rx.search(r"en qualit[ée] de\s+(.+)$", phrase)
        if person and stated:
            person = {**person, "title": stated.group(1)}
    elif office_first and looks_like_person(office_first.group(2)):
        # « représentée par son Maire Jean DURAND »: the office, then the name, no comma
        person = person_from_name(office_first.group(2))
        if person:
            person = {**person, "title": office_first.group(1)}
    quality = _QUALITY.search(folded, stop, block.end)
    if person:
        found.put(f"{base}.representative", person, match.end(), stop)
        if quality and quality.start() - stop < 4:
            end = quality.end()
            while end < block.end and text[end] not in ",;\n":
                end += 1
            found.put(f"{base}.representative.title", clean(text[quality.end() : end]))
            found.put(f"{base}.capacity", clean(text[quality.start() : end]), quality.start(), end)
        elif stop < block.end and text[stop] == ",":
            # « Mme Claire DUPONT, Présidente, … »: the office follows the name
            end = _clause_end(text, stop + 1, block.end)
            office = clean(text[stop + 1 : end].replace("\n", " "))
            if _OFFICE.match(fold(office)) and len(office.split()) <= 6:
                title = rx.sub(r"^(?:sa|son|leur)\s+", "", office, flags=re.IGNORECASE)
                found.put(f"{base}.representative.title", title)
                found.put(f"{base}.capacity", office, stop + 1, end)
    else:
        found.put(f"{base}.capacity", phrase, match.end(), stop)
        # « représentée par son Maire, Monsieur Paul DURAND, … »: the person follows the office,
        # which may itself run over commas (« sa Vice-Présidente déléguée à l'économie sociale
        # et solidaire, au commerce de proximité et à l'emploi, Mme … »)
        office_end = stop
        following = stop + 1
        mandate_seen = False
        for _ in range(4):
            while following < block.end and text[following].isspace():
                following += 1  # « son président,\n\nM. Paul DURAND »: a blank line between
            if following >= block.end:
                break
            end = _name_clause_end(text, following, block.end)
            named = clean(text[following:end].replace("\n", " "))
            if re.match(_CIVILITY + r"\s", fold(named)) or looks_like_person(named):
                # « Monsieur Gérard X dûment autorisé par délibération … »: the mandate trimmed
                # (not « Monsieur le Maire Arnaud X », where the title comes first)
                trimmed = trim_name(named)
                person = person_from_name(trimmed if looks_like_person(trimmed) else named)
                if person:
                    office = clean(text[match.end() : office_end].replace("\n", " "))
                    office = rx.sub(
                        r"^(?:son|sa|leur|le|la|l')\s*", "", office, flags=re.IGNORECASE
                    )
                    found.put(f"{base}.representative", {**person, "title": office}, following, end)
                break
            if not _OFFICE.match(fold(phrase)) or _DESIGNATION_NEXT.match(fold(named)):
                break
            if not mandate_seen and not _MANDATE_NEXT.match(fold(named)):
                office_end = end  # the office goes on
            else:
                mandate_seen = True  # « dûment habilité à cet effet, M. … »: not the office
            following = end + 1
