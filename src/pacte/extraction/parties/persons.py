"""A person's name as parties and lists write it: civility, first names, last name."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.text import clean, fold

_CIVILITY = r"(?:monsieur|madame|mademoiselle|m\.|mme|mlle|mr)"
_NAME_WORD = r"[A-ZÀ-Ý][\w'’-]*"
_PERSON = lazy(rf"^(?:({_CIVILITY})\s+)?((?:{_NAME_WORD}[ \t]+)*)({_NAME_WORD})$", re.IGNORECASE)


_OFFICE_WORD = lazy(
    r"^(?:vice-|co-)?(?:maire|president|presidente|prefet|prefete|directeur|directrice|adjoint|adjointe)$"
)


_CUT_HYPHEN = lazy(r"(?<=[a-zß-ÿ])- (?=[A-ZÀ-Ý])")


def person_from_name(name: str) -> dict[str, str] | None:
    """Split « Monsieur Jean-Louis Dupont » / « Guy-Dominique DURAND » into civility, names.

    >>> person_from_name("Madame Anne-Marie de La Tour")
    {'civility': 'Madame', 'first_name': 'Anne-Marie', 'last_name': 'de La Tour'}
    """
    # « Marie- Christine »: a compound first name cut at its hyphen by a line break
    words = _CUT_HYPHEN.sub("-", clean(name)).strip(" ,.;").split()
    if not words:
        return None
    person: dict[str, str] = {}
    if re.fullmatch(_CIVILITY, fold(words[0])):
        person["civility"] = words.pop(0)
        # « Monsieur le Maire Paul DURAND »: the office between the civility and the name
        office = False
        while (
            len(words) > 1 and fold(words[0]) in ("le", "la") and _OFFICE_WORD.match(fold(words[1]))
        ):
            words, office = words[2:], True
        if office and (not words or fold(words[0]) in ("du", "de", "des", "d'")):
            # « Monsieur le Maire », « M. le Président du Conseil départemental »: an office
            return None
    if not words:
        return None
    # the last name starts at the first particle or the first all-capitals word
    if all(w.isupper() or w in ("de", "du", "d'") for w in words):
        return {**person, "last_name": " ".join(words)}
    split = len(words) - 1
    for index, word in enumerate(words[1:], start=1):
        if fold(word) in ("de", "du", "des", "d'", "le", "la", "van", "von", "el", "ben") or (
            word.isupper() and len(word) > 1
        ):
            split = index
            break
    if split > 0:
        person["first_name"] = " ".join(words[:split])
    person["last_name"] = " ".join(words[split:])
    return person


_NOT_NAMES = lazy(
    r"^(?:president|presidente|maire|directeur|directrice|conseil|general|generale|departement|"
    r"region|ville|commune|chambre|association|delegue|deleguee|adjoint|adjointe|secretaire|tresorier|"
    r"vice-president|vice-presidente|le|la|les|son|sa|ses|leur|pour)$"
)


def looks_like_person(text: str) -> bool:
    """Two to five capitalised words (particles allowed), none of them a title or an office."""
    words = clean(text).split()
    if not 1 < len(words) <= 5 or any(
        _NOT_NAMES.match(fold(w)) and not (w.isupper() and fold(w) in ("le", "la")) for w in words
    ):
        return False
    return all(rx.fullmatch(r"[A-ZÀ-Ý][\w'’-]*\.?|de|du|des|d'|van|el", w) for w in words)
