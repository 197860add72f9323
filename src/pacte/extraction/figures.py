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
_AFTER = re.compile(
    rf"({_FIGURES})\s+(?:nombre de (?:conseillers|membres)\s+)?"
    rf"((?:{_LABEL}\b\s*){{2,6}})"
)
"""Figures, then their labels."""
_BEFORE = re.compile(rf"((?:{_LABEL}\s*:\s*-?\s*){{2,6}})({_FIGURES})")
"""Labels each with an empty colon, then their figures."""


def table_figures(
    folded: str, start: int = 0, end: int | None = None
) -> list[tuple[str, int, int, int]]:
    """(key, value, start, end) of each figure of the first flattened table found."""
    stop = len(folded) if end is None else end
    for pattern, figures_group, labels_group in ((_AFTER, 1, 2), (_BEFORE, 2, 1)):
        for match in pattern.finditer(folded, start, stop):
            labels = re.findall(_LABEL, match.group(labels_group))
            numbers = list(re.finditer(r"\d+", match.group(figures_group)))
            if len(labels) != len(numbers) or len(set(labels)) != len(labels):
                continue
            offset = match.start(figures_group)
            return [
                (_KEYS[label], int(number.group()), offset + number.start(), offset + number.end())
                for label, number in zip(labels, numbers, strict=True)
            ]
    return []
