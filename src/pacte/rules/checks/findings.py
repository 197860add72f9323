"""What the checker reports: a finding with its code, severity, French message and place.

>>> finding = Finding(
...     code="numbering.article_missing",
...     severity=Severity.WARNING,
...     message="Il n'y a pas d'article 3.",
...     location=Location(article="4", path="articles[2]"),
... )
>>> finding.severity.label, finding.location.label
('avertissement', 'article 4')
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pacte.terms import article_ordinal


class Severity(StrEnum):
    """How serious a finding is; the order of the members is the order of display."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def heading(self) -> str:
        """The plural French heading a list of findings of this severity goes under."""
        return _LABELS[self][1]

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


_LABELS = {
    Severity.ERROR: ("erreur", "Erreurs"),
    Severity.WARNING: ("avertissement", "Avertissements"),
    Severity.INFO: ("information", "Informations"),
}


@dataclass(frozen=True)
class Location:
    """Where a finding is in the convention.

    ``article`` is the number as written (« VI », « 1er »), ``action_sheet`` the number of a
    fiche action, ``path`` the place in the terms (``grants[0].years[0]``) and ``quote``
    the words of the document the finding is about, when known.
    """

    article: str | None = None
    action_sheet: int | None = None
    path: str | None = None
    quote: str | None = None

    @property
    def label(self) -> str:
        """Short French form: « article VI », « fiche action 2 », or the terms path.

        >>> Location(article="II.1", action_sheet=4).label
        'article II.1, fiche action 4'
        >>> Location(path="grants[0].years[0]").label, Location().label
        ('grants[0].years[0]', 'convention')
        """
        parts = []
        if self.article:
            parts.append(f"article {self.article}")
        if self.action_sheet is not None:
            parts.append(f"fiche action {self.action_sheet}")
        if parts:
            return ", ".join(parts)
        return self.path or "convention"

    @property
    def sort_key(self) -> tuple[int, int, str, int, str]:
        """Articles first in their numeric order, then action sheets, then the rest."""
        if self.article:
            head = self.article.split(".")[0].strip()
            ordinal = article_ordinal(head)
            return (0, ordinal if ordinal is not None else 10_000, self.article, 0, "")
        if self.action_sheet is not None:
            return (1, self.action_sheet, "", 0, self.path or "")
        return (2 if self.path else 3, 0, "", 0, self.path or "")


@dataclass(frozen=True)
class Finding:
    """One thing a careful reader would point out, with what to do about it."""

    code: str
    severity: Severity
    message: str
    location: Location

    def as_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.label,
        }
