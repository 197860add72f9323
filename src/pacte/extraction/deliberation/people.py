"""Names of members in a deliberation: civility-led names, labelled names, keys."""

from __future__ import annotations

import re

from pacte.extraction.names import bare_names, trim_name
from pacte.extraction.parties import person_from_name
from pacte.extraction.result import Found, Span
from pacte.extraction.text import clean, fold

_CIVILITY = r"(?:M\.|MM\.|Mme|Mmes|Mlle|Melle|Monsieur|Madame|Mademoiselle|Mr\.?|Dr\.?)"
_NAME = re.compile(
    rf"\b{_CIVILITY}[ \t]+(?:[A-ZÀ-Ý][\w'’-]*\.?[ \t]+){{0,3}}?[A-ZÀ-Ý][A-ZÀ-Ý'’ -]*[A-ZÀ-Ý]\b(?:[ \t]+[A-ZÀ-Ý][\w'’-]+)?"
)
_NAME_ANY = re.compile(
    rf"\b{_CIVILITY}[ \t]+[A-ZÀ-Ý][\w'’-]*(?:[ \t]+(?!{_CIVILITY}[ \t])(?:de |du |d'|le |la )?[A-ZÀ-Ý][\w'’-]*){{0,3}}"
)


def _names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    segment = text[start:end]
    found = []
    for match in _NAME_ANY.finditer(segment):
        name = trim_name(clean(match.group()).rstrip(" -,;"))
        found.append((start + match.start(), start + match.start() + len(name), name))
    return found


def _listed_names(
    text: str, start: int, end: int, *, givers: bool = False
) -> list[tuple[int, int, str]]:
    """Names of a list: with their civilities (« M. X, Mme Y »), or without when that
    reads more of them (« PILLET Gérard ; BODIC Bernard », « Anne BAILLY - Paul ROUX »)."""
    named = _names(text, start, end)
    bare = bare_names(text, start, end, givers=givers)
    return bare if len(bare) > len(named) else named


def _key(person: object) -> str:
    return fold(str((person or {}).get("last_name", ""))) if isinstance(person, dict) else ""


def _span(start: int, end: int) -> Span:
    return Span(start, end, 0.8)


def _labelled_name(
    found: Found, text: str, folded: str, path: str, label: str, start: int, end: int
) -> None:
    match = re.search(label + r"\s*:\s*", folded[start:end])
    if not match:
        return
    begin = start + match.end()
    names = _names(text, begin, min(end, begin + 120))
    if names and names[0][0] - begin < 3:
        name_start, name_end, name = names[0]
        found.put(path, person_from_name(name), name_start, name_end)
