"""The president of the session: labelled, « sous la présidence de », first of the list, by title."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.deliberation.people import _key, _names
from pacte.extraction.lazy import lazy
from pacte.extraction.names import bare_names
from pacte.extraction.parties import person_from_name
from pacte.extraction.result import Found
from pacte.extraction.text import fold

_LEAD_CIVILITY = lazy(r"^\s*(?:(?i:monsieur|madame|m\.?|mme)\s+)?$")
"""Between « sous la présidence de » and the name: nothing, or a civility in any case."""


def _president_in_list(found: Found, text: str, folded: str, start: int, end: int) -> None:
    """« Étaient présents : Mme Claire DUMONT, Présidente, M. … » names who chaired."""
    if found.get("deliberation.session.president") is not None:
        return
    for name_start, name_end, name in _names(text, start, end):
        after = folded[name_end : name_end + 16]
        if rx.match(r"\s*[,(]\s*(?:president|presidente|maire)\b", after):
            found.put(
                "deliberation.session.president", person_from_name(name), name_start, name_end
            )
            return


_CHAIR_BY_TITLE = lazy(
    r"\bsous la presidence de (?:monsieur|madame|m\.|mme) (?:le |la )?(maire|president)"
    r"|\b(?:monsieur|madame|m\.|mme)? ?(?:le |la )(maire|president)e? (?:ouvre|declare ouverte) la seance"
    r"|\bla seance est ouverte (?:par|sous la presidence de) (?:monsieur|madame|m\.|mme) "
    r"(?:le |la )?(maire|president)"
)
"""The chair named by their title only (« sous la présidence de Monsieur le maire »)."""


_NOT_NAMES = {"", "le", "la", "les", "maire", "president", "presidente", "adjoint", "adjointe"}


def _chair_by_title(found: Found, text: str, folded: str, start: int, end: int) -> None:
    """The person who bears the chair's title elsewhere in the text (« M. Paul MARTIN –
    maire de … », « Le Maire, Paul MARTIN »); a present member when the list is known."""
    if found.get("deliberation.session.president") is not None:
        return
    chair = _CHAIR_BY_TITLE.search(folded, start, end)
    if chair is None:
        return
    title = next(g for g in chair.groups() if g)
    after = lazy(rf"\s*(?:[,(–-]|\bdu\b)?\s*(?:le |la )?{title}e?\b")
    before = lazy(rf"\b(?:le |la ){title}e?\s*[,:]?\s*$")
    present = {_key(p) for p in found.get("deliberation.session.present") or []}
    candidates = []
    for name_start, name_end, name in _names(text, start, end):
        if after.match(folded, name_end) or before.search(
            folded, max(start, name_start - 16), name_start
        ):
            person = person_from_name(name)
            if person is not None and fold(str(person.get("last_name", ""))) not in _NOT_NAMES:
                candidates.append((_key(person) not in present, name_start, name_end, person))
    # « Le Maire, Philippe TAGUET » (a signature): the name without civility after the title
    for titled in re.finditer(rf"\b(?:le |la ){title}e?\s*,\s*", folded[start:end]):
        at = start + titled.end()
        for name_start, name_end, name in bare_names(text, at, min(end, at + 60))[:1]:
            person = person_from_name(name)
            if name_start - at < 2 and person is not None:
                candidates.append((_key(person) not in present, name_start, name_end, person))
    if candidates:
        # a president is a present member: one listed as present comes first
        _, name_start, name_end, person = min(
            candidates, key=lambda c: (c[0] and bool(present), c[1])
        )
        found.put("deliberation.session.president", person, name_start, name_end)


_PRESIDED = lazy(
    r"sous la presidence (?:de\s+|d['’]\s*|(?=du\s+(?:maire|president)))"
    r"(?:(?:(?:son|sa|leur)\s+|(?:monsieur|madame)\s+(?:le|la)\s+|du\s+)(?:maire|president|presidente)\s*,?\s*)?"
    r"|\bouverte par (?:son|sa|le|la) (?:maire|president|presidente)\s*,?\s*"
    r"|^[ \t]*presidence (?:de\s+|d['’]\s*)(?:(?:monsieur|madame)\s+(?:le|la)\s+"
    r"(?:maire|president|presidente)\s*,?\s*)?(?=(?:m\.|mme|monsieur|madame)?\s*[a-z])",
    re.MULTILINE,
)
"""Before the name of the chair: « sous la présidence de (son Maire,) », « de Monsieur le
Président, », « du Maire, M MARTIN Paul », « d’Étienne … », « séance … ouverte par son
président, Monsieur X »; a line « Présidence de Marie DURAND » (the heading of an
extract)."""


def _presided(found: Found, text: str, folded: str, start: int, end: int) -> None:
    """« sous la présidence de (son Maire,) M. Paul MARTIN »: the president, unless labelled."""
    presided = _PRESIDED.search(folded[start:end])
    if presided and found.get("deliberation.session.president") is None:
        at = start + presided.end()
        names = [
            n
            for n in _names(text, at, at + 80)[:1] + bare_names(text, at, at + 60)[:1]
            if _LEAD_CIVILITY.match(text[at : n[0]])
        ]
        if names:
            found.put(
                "deliberation.session.president",
                person_from_name(names[0][2]),
                names[0][0],
                names[0][1],
            )


_CHAIRS = lazy(
    r"\b(?:est (?:le |la )?presidente? de (?:la )?seance|preside la seance|ouvre la seance"
    r"|declare (?:la seance )?ouverte|presidant (?:la )?seance)"
)
"""What the chair does, after their name: « Patrick JUDE est Président de la séance »,
« M. VALLON ouvre la séance », « Paul MARTIN, Maire, présidant la séance »."""
_CONVENED = lazy(
    r"\b(?:convoquee?s?|convocation (?:qui leur a ete )?adressee) par (?:le |la |son |sa )"
    r"(?:maire|presidente?)\s*,\s*"
)
"""« convocation qui leur a été adressée par la Présidente, Mme X »: who convened the council."""
_BETWEEN = lazy(r"^\s*(?:,\s*[^,.;:]{1,30},)?\s*$")
"""Between the chair's name and what they do: nothing, or their title (« , Maire, »)."""


def _chair_named(found: Found, text: str, folded: str, start: int, end: int) -> None:
    """The chair named by what they do (« X est Président de la séance », « M. X ouvre la
    séance »), else by having convened the council (« convoqués par le Président, M. X »):
    when nothing else names the president."""
    if found.get("deliberation.session.president") is not None:
        return
    for chairs in _CHAIRS.finditer(folded, start, end):
        window = max(start, chairs.start() - 80)
        # the name opens its sentence or line (« … dont les noms suivent : Paul X, Maire, »)
        window = max(window, *(folded.rfind(c, window, chairs.start()) + 1 for c in ":\n.;"))
        names = _names(text, window, chairs.start()) + bare_names(text, window, chairs.start())
        before = [n for n in names if _BETWEEN.match(text[n[1] : chairs.start()])]
        if before:
            name_start, name_end, name = max(before, key=lambda n: n[0])
            person = person_from_name(name)
            if person is not None and fold(str(person.get("last_name", ""))) not in _NOT_NAMES:
                found.put("deliberation.session.president", person, name_start, name_end)
                return
    convened = _CONVENED.search(folded, start, end)
    if convened:
        at = convened.end()
        names = _names(text, at, min(end, at + 60)) + bare_names(text, at, min(end, at + 60))
        first = [n for n in names if n[0] - at < 2]
        if first:
            name_start, name_end, name = first[0]
            found.put(
                "deliberation.session.president", person_from_name(name), name_start, name_end
            )
