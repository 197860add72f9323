"""Parties listed without « Entre … et … »: a name on its line, « représenté(e) par … » below.

A framework convention signed by many bodies often sets its parties as a list on the
cover page (« Région X, / représentée par son Président, Monsieur … ») with no « Entre »
before them, or with the word after them. Each pair of lines is one party's block.
"""

from __future__ import annotations

from pacte.extraction.lazy import lazy
from pacte.extraction.parties.common import PartyBlock
from pacte.extraction.text import fold, lines

_REPRESENTED_LINE = lazy(r"^[ \t*•·-]*represente(?:e)?s?[ \t]+(?:par|en[ \t]+la[ \t]+personne)\b")
_NAME_LINE = lazy(r"^[ \t*•·-]*[A-ZÀ-Ý][^\n]{1,90},[ \t]*$")
_PERSON_START = lazy(r"^[ \t*•·-]*(?:monsieur|madame|mademoiselle|m\.|mme|mlle|mr)\s")
_SEARCHED = 8000
"""How far into the text such a list is looked for (a cover page, or the page after it)."""


def listed_blocks(text: str, start: int = 0) -> list[PartyBlock]:
    """Blocks of at least two parties listed as « Name, » then « représenté(e) par … ».

    >>> text = "Région Nord,\\n\\nreprésentée par son Président, M. Paul DURAND\\n\\n" \\
    ...        "Caisse d'Allocations Familiales du Nord,\\nreprésentée par sa Présidente, Mme Eve LE GALL\\n"
    >>> [text[b.start : b.end].split(",")[0] for b in listed_blocks(text)]
    ['Région Nord', "Caisse d'Allocations Familiales du Nord"]
    """
    filled = [line for line in lines(text, start, min(len(text), start + _SEARCHED)) if line.clean]
    pairs = [
        index
        for index in range(1, len(filled))
        if _REPRESENTED_LINE.match(fold(filled[index].clean))
        and _NAME_LINE.match(filled[index - 1].clean)
        and not _PERSON_START.match(fold(filled[index - 1].clean))
        and not _REPRESENTED_LINE.match(fold(filled[index - 1].clean))
    ]
    runs: list[list[PartyBlock]] = []
    for position, index in enumerate(pairs):
        # a run goes on when the previous party's block (two lines, or three when its
        # representative wraps) ends right above this name
        previous = pairs[position - 1] if position else None
        if previous is None or index - previous not in (2, 3):
            runs.append([])
        elif index - previous == 3:
            last = runs[-1][-1]
            runs[-1][-1] = PartyBlock(last.start, filled[index - 2].end)
        runs[-1].append(PartyBlock(filled[index - 1].start, filled[index].end))
    best = max(runs, key=len, default=[])
    return best if len(best) >= 2 else []
