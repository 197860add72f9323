"""Attendance figures of a table flattened by a PDF or OCR: labels and figures apart.

« 27 16 3 19 Nombre de conseillers en exercice Présents Procurations Votants » or
« présents : - représentés : 24 6 »: a run of figures and a run of labels, in the same
order. Each recogniser returns candidates (key, value, span of the figure); the table
is read only when it has as many figures as labels.

>>> [(k, v) for k, v, _, _ in table_figures(
...     "27 16 3 19 nombre de conseillers en exercice presents procurations votants")]
[('in_office', 27), ('present', 16), ('represented', 3), ('voters', 19)]
>>> [(k, v) for k, v, _, _ in table_figures("presents : - representes : 24 6 objet")]
[('present', 24), ('represented', 6)]
"""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.lazy import lazy

_KEYS = {
    "en exercice": "in_office",
    "afferents": "in_office",
    "presents": "present",
    "presentes": "present",
    "procurations": "represented",
    "pouvoirs": "represented",
    "representes": "represented",
    "votants": "voters",
    "absents": "absent",
    "excuses": "excused",
}
_LABEL = r"(?:en exercice|afferents|presente?s|procurations|pouvoirs|representes|votants|absents|excuses)"
_FIGURES = r"(?<![\d/.,])(?:\d{1,3}\s+){1,5}\d{1,3}(?![\d/.,])"
_AFTER = lazy(
    rf"({_FIGURES})\s+(?:(?:nombre de )?(?:conseillers|membres)(?: municipaux| communautaires)?\s+)?"
    rf"((?:{_LABEL}\b\s*){{2,6}})"
)
"""Figures, then their labels."""
_BEFORE = lazy(rf"((?:{_LABEL}\b\s*:?\s*-?\s*){{2,6}})({_FIGURES})")
"""Labels each with an empty colon or none, then their figures (« En exercice Présents
Votants 19 15 17 »: a table whose header row and figures row were flattened)."""


_RANGE = r"\d{1,4}\s*(?:a|-|–)\s*\d{1,4}"
_BY_RANGES = lazy(
    rf"((?:{_LABEL}\b\s*){{2,6}})((?:{_RANGE}(?:\s+\d{{1,3}}\b(?!\s*(?:a|-|–)\s*\d)){{2,6}}\s*){{1,12}})"
)
"""Labels, then a row of figures for each range of deliberations (« N° de délibération
Présents Absents représentés Votants 1746 à 1753 51 19 22 73 1754 à 1817 49 19 24 73 »)."""
_OWN_NUMBER = lazy(r"\bdeliberation\s*(?:n[°o]?|numero)\s*[:.]?\s*((?:[\w/.-]+\s?){1,3})")


def _by_ranges(folded: str, start: int, stop: int) -> list[tuple[str, int, int, int]]:
    """The row of a table per range of deliberations that holds this act's number (the
    « Délibération n° … » of its head), else the first row (the start of the session)."""
    for match in _BY_RANGES.finditer(folded, start, stop):
        labels = re.findall(_LABEL, match.group(1))
        if len(set(labels)) != len(labels):
            continue
        row = lazy(r"(\d{1,4})\s*(?:a|-|–)\s*(\d{1,4})" + r"\s+(\d{1,3})\b" * len(labels))
        rows = list(row.finditer(folded, match.start(2), match.end(2)))
        if not rows:
            continue
        own = _OWN_NUMBER.search(folded, 0, min(len(folded), 1500))
        numbers = {int(n) for n in rx.findall(r"\d+", own.group(1))} if own else set()
        chosen = next(
            (r for r in rows if any(int(r.group(1)) <= n <= int(r.group(2)) for n in numbers)),
            rows[0],
        )
        return [
            (_KEYS[label], int(chosen.group(3 + i)), chosen.start(3 + i), chosen.end(3 + i))
            for i, label in enumerate(labels)
        ]
    return []


def table_figures(
    folded: str, start: int = 0, end: int | None = None
) -> list[tuple[str, int, int, int]]:
    """(key, value, start, end) of each figure of the first flattened table found.

    >>> [(k, v) for k, v, _, _ in table_figures(
    ...     "deliberation n° 1786 objet … n° de deliberation presents absents representes "
    ...     "votants 1746 a 1753 51 19 22 73 1754 a 1817 49 19 24 73")]
    [('present', 49), ('absent', 19), ('represented', 24), ('voters', 73)]
    """
    stop = len(folded) if end is None else end
    ranges = _by_ranges(folded, start, stop)
    if ranges:
        return ranges
    for pattern, figures_group, labels_group in ((_AFTER, 1, 2), (_BEFORE, 2, 1)):
        for match in pattern.finditer(folded, start, stop):
            labels = re.findall(_LABEL, match.group(labels_group))
            numbers = list(rx.finditer(r"\d+", match.group(figures_group)))
            if len(labels) != len(numbers) or len(set(labels)) != len(labels):
                continue
            offset = match.start(figures_group)
            return [
                (_KEYS[label], int(number.group()), offset + number.start(), offset + number.end())
                for label, number in zip(labels, numbers, strict=True)
            ]
    return []
