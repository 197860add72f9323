"""Attendance as a table of members, each with a status: « NOM Prénom Présent A donné
pouvoir à … », flattened (« ACHTERGAELE Nadège Présent P … ALTMAN Sylvie Repr. Mme X P »).

Large councils print one row per member with a column of status; a PDF's text layer or
the OCR runs the rows together, with the rules of the table left as « | » or « _ ». Read
only under a header naming the status column, and only when the rows are many: the
members present, absent and represented are then counted row by row.
"""

from __future__ import annotations

from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.text import fold  # noqa: F401 (the doctest)

_HEADER = lazy(
    r"\bnom\b[^.\n]{0,40}?\bpresente?s?\b|\bpresente?s?\s*\|?\s*(?:absente?s?|excusee?s?|a donne pouvoir)\b"
)
_SEP = r"[\s|_.,:;'‘’\"=-]{1,8}"
_ROW = lazy(
    r"\b[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:[ -][A-ZÀ-Ý][A-ZÀ-Ý'’-]+)*"
    rf"(?:{_SEP}[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:[ -][A-ZÀ-Ý]?[a-zà-ÿ'’-]+)?)?"
    rf"{_SEP}(Présente?|PRÉSENTE?|Absente?|ABSENTE?|Excusée?|EXCUSÉE?|Repr\.|Représentée?|Pouvoir)(?:\b|(?<=\.))"
)
_KINDS = {
    "pre": "present",
    "abs": "absent",
    "exc": "excused",
    "rep": "represented",
    "pou": "represented",
}
_ENOUGH = 8
"""Rows at least: fewer are names in prose, not a table."""
_REACH = 8000


def status_counts(text: str, folded: str, start: int, end: int) -> dict[str, int]:
    """Members per status in the first table of members under its header, or nothing.

    >>> t = ("Titre NOM Prénom Présent A donné pouvoir à " +
    ...      " ".join(f"M. NOM{chr(65 + i)} Jean {s}" for i, s in enumerate(
    ...          ["Présent", "Présent", "Absent", "Repr. Mme X", "Présent", "Présent",
    ...           "Présent", "Absent", "Présent"])))
    >>> status_counts(t, fold(t), 0, len(t))
    {'present': 6, 'absent': 2, 'represented': 1}
    """
    header = _HEADER.search(folded, start, end)
    if header is None:
        return {}
    counts: dict[str, int] = {}
    rows = 0
    for row in _ROW.finditer(text, header.end(), min(end, header.end() + _REACH)):
        kind = _KINDS[row.group(1)[:3].lower().replace("é", "e")]
        counts[kind] = counts.get(kind, 0) + 1
        rows += 1
    return counts if rows >= _ENOUGH else {}


def _statuses(found: Found, text: str, folded: str, start: int, end: int) -> None:
    counts = status_counts(text, folded, start, end)
    for kind, count in counts.items():
        found.put(f"deliberation.session.statuses.{kind}", count)
