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

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

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


PARTS = {
    "parties": "partie",
    "signatures": "signature",
    "grants": "subvention",
    "governing_bodies": "instance",
    "workstreams": "axe de travail",
    "reporting_duties": "compte rendu",
    "action_sheets": "fiche action",
    "commitments": "engagement",
    "communication": "communication",
    "articles": "article",
    "term": "durée",
    "renewal": "reconduction",
    "termination": "dénonciation",
    "deliberation": "délibération",
    "signed_on": "date de signature",
    "signed_at": "lieu de signature",
    "title": "intitulé",
    "reference": "référence",
    "excused": "membre excusé",
    "present": "membre présent",
    "absent": "membre absent",
    "items": "délibération",
}
"""The French name of each part of the terms, for a finding's place."""


def grant_label(grant: Any, grants: Sequence[Any]) -> str:
    """How a message names a grant: « subvention » when the convention has one, else by
    what it finances (« subvention « fonctionnement de l'observatoire » »), else by rank;
    never by its internal key.

    >>> from types import SimpleNamespace as G
    >>> one = G(key="subvention", purpose=None)
    >>> grant_label(one, [one])
    'subvention'
    >>> two = G(key="b", purpose="Animation du réseau des structures")
    >>> grant_label(two, [one, two]), grant_label(one, [one, two])
    ('subvention « Animation du réseau des structures »', 'subvention n° 1')
    """
    if len(grants) <= 1:
        return "subvention"
    if grant.purpose:
        purpose = " ".join(str(grant.purpose).split())
        return f"subvention « {purpose[:57] + '…' if len(purpose) > 60 else purpose} »"
    rank = next((i for i, g in enumerate(grants) if g is grant), 0) + 1
    return f"subvention n° {rank}"


def part_label(path: str | None) -> str:
    """« grants[0].years[1] » → « subvention 1 »: the first part of a path, numbered."""
    if not path:
        return "convention"
    if path.startswith("session."):  # a council session's part: « membre excusé 2 »
        path = path.removeprefix("session.")
    head = path.split(".", 1)[0]
    name, _, index = head.partition("[")
    label = PARTS.get(name, "convention")
    if index.rstrip("]").isdigit() and label != "convention":
        return f"{label} {int(index.rstrip(']')) + 1}"
    return label


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
        """Short French form: « article VI », « fiche action 2 », or the part of the
        convention (never the internal path, which stays in ``path`` for the JSON).

        >>> Location(article="II.1", action_sheet=4).label
        'article II.1, fiche action 4'
        >>> Location(path="grants[0].years[0]").label, Location().label
        ('subvention 1', 'convention')
        >>> Location(path="signatures[1].party_name").label
        'signature 2'
        >>> Location(path="session.excused[1].proxy_to").label
        'membre excusé 2'
        """
        parts = []
        if self.article:
            parts.append(f"article {self.article}")
        if self.action_sheet is not None:
            parts.append(f"fiche action {self.action_sheet}")
        if parts:
            return ", ".join(parts)
        return part_label(self.path)

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
            "path": self.location.path or "",
        }
