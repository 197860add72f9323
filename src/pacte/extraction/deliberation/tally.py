"""A vote stated by its counts alone: « par 15 voix pour et 2 abstentions », « Vote : Pour 15
- Contre 1 - Abstention 1 », « Contre : 2 Abstention : 1 Pour : 14 ».

Real acts often give the counts without « adopté » or « à l'unanimité », in any order, with
or without colons, the names of the members between brackets. Works on the folded text
(lowercase, no accents, same offsets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pacte.extraction.lazy import lazy

_KIND = r"(pour|contre|abstentions?)"
_LABEL_FIRST = rf"(?:(?:votes?|voix)\s+)?{_KIND}\s*:?\s*(\d{{1,3}}|neant)\b(?!\s*(?:%|ans?\b|mois\b|jours?\b|€|euros?\b))"
_NUMBER_FIRST = rf"(?<![\d/.,])(\d{{1,3}})\s+(?:voix\s+|votes?\s+|suffrages?\s+)?{_KIND}\b"
_ITEM = rf"(?:{_LABEL_FIRST}|{_NUMBER_FIRST})(?:\s*\([^()\n]{{0,120}}\))?"
_JOIN = r"\s*[-–,;/]?\s*(?:et\s+)?"
TALLY = lazy(
    rf"(?:\bpar\s+(?=\d))?{_ITEM}(?:{_JOIN}{_ITEM})+"
    rf"|(?:\bpar|\bvotes?\s*:)\s*(\d{{1,3}})\s+voix\s+pour\b"
)
"""Two counts or more in a row, or « par N voix pour » (« Vote : N voix pour ») alone; a council counts fewer than a
thousand votes (« … du 6 mars 2023 Abstention : 0 »: 2023 is a year)."""
_ONE = lazy(_ITEM)
_KEYWORD = lazy(
    r"\d\s+(?:(?:voix|votes?|suffrages?)\s+)?(?:pour|contre|abstention)"
    r"|\b(?:pour|contre|abstentions?)\s*:?\s*(?:\d|neant)"
)
"""A count's word beside a figure: where a run may be (« pour » alone is everywhere)."""
_LEAD = 40
"""A run starts at most this far before its first « pour », « contre » or « abstention »
(« par 15 voix pour », « votes pour : 15 »)."""
_NAMES = {"pour": "votes_for", "contre": "votes_against", "abstention": "abstentions"}


@dataclass(frozen=True)
class Tally:
    """The counts read, each with its span, and the result they give."""

    counts: dict[str, tuple[int, int, int]]
    result: str


def read_tally(folded: str, match: re.Match[str]) -> Tally | None:
    """The counts of a ``TALLY`` match; ``None`` when a kind is counted twice (two votes
    run together) or nothing is counted.

    >>> text = "par 14 voix pour et 3 abstentions, decide"
    >>> read_tally(text, TALLY.search(text))
    Tally(counts={'votes_for': (14, 4, 6), 'abstentions': (3, 20, 21)}, result='majority')
    >>> text = "vote : pour 17 - contre 0 - abstention 0."
    >>> read_tally(text, TALLY.search(text)).result
    'unanimous'
    >>> text = "rejetee : contre 10, pour 7"
    >>> read_tally(text, TALLY.search(text)).result
    'rejected'
    """
    counts: dict[str, tuple[int, int, int]] = {}
    if match.group(match.re.groups) is not None:
        group = match.re.groups
        return Tally(
            {"votes_for": (int(match.group(group)), match.start(group), match.end(group))},
            "majority",
        )
    for item in _ONE.finditer(folded, match.start(), match.end()):
        kind, number, index = (
            (item.group(1), item.group(2), 2)
            if item.group(1) is not None
            else (item.group(4), item.group(3), 3)
        )
        key = _NAMES["abstention" if kind.startswith("abstention") else kind]
        if key in counts:
            return None
        value = int(number) if number.isdigit() else 0
        counts[key] = (value, item.start(index), item.end(index))
    if not counts:
        return None
    stated = {key: counts[key][0] if key in counts else None for key in _NAMES.values()}
    against, abstaining, voting_for = (
        stated[k] for k in ("votes_against", "abstentions", "votes_for")
    )
    if voting_for is not None and against is not None and against > voting_for:
        result = "rejected"
    elif (against or 0) == 0 and (abstaining or 0) == 0 and (against == 0 or abstaining == 0):
        result = "unanimous"
    else:
        result = "majority"
    return Tally(counts, result)


def tallies(folded: str, start: int, end: int) -> list[re.Match[str]]:
    """Every run of counts in ``folded[start:end]`` that reads as a tally, in order.

    The pattern is only tried near the words of a count: on a long text, trying it at
    every position costs more than the rest of the vote.
    """
    found: list[re.Match[str]] = []
    position = start
    for keyword in _KEYWORD.finditer(folded, start, end):
        if keyword.start() < position:
            continue
        match = TALLY.search(
            folded, max(position, keyword.start() - _LEAD), min(end, keyword.end() + 400)
        )
        if match is None or match.start() > keyword.start():
            continue
        position = match.end()
        if read_tally(folded, match) is not None:
            found.append(match)
    return found
