"""The sections of « À faire », in page order, with their French headings.

The web page, the weekly e-mail digest and the alerts group obligations the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacte.followup.models import SECTIONS
from pacte.rules.obligations import ObligationKind


@dataclass(frozen=True)
class Group:
    """One section of « À faire »; the partner's wording differs where they are the ones waiting."""

    key: str
    slug: str
    """In the section page's address: ``/a-faire/<slug>/``."""
    title: str
    partner_title: str

    @property
    def kinds(self) -> frozenset[ObligationKind]:
        return frozenset(kind for kind, section in SECTIONS.items() if section == self.key)

    def heading(self, *, partner: bool) -> str:
        return self.partner_title if partner else self.title


GROUPS = (
    Group("payments", "versements", "Versements à effectuer", "Versements attendus"),
    Group("documents", "documents", "Documents à réclamer", "Documents à fournir"),
    Group("meetings", "instances", "Instances à réunir", "Instances à réunir"),
    Group(
        "notices", "denonciations", "Dates limites de dénonciation", "Dates limites de dénonciation"
    ),
    Group("renewals", "reconductions", "Reconductions", "Reconductions"),
    Group("ends", "fins", "Fins de convention", "Fins de convention"),
    Group("milestones", "etapes", "Étapes des dispositifs", "Étapes des dispositifs"),
    Group(
        "open_data",
        "donnees-ouvertes",
        "Publications en données ouvertes",
        "Publications en données ouvertes",
    ),
)
"""In the order of the page; every section of ``followup.models.SECTIONS`` has one."""

SECTION_TITLES = {group.key: group for group in GROUPS}
