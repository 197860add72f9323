"""Roles and visibility shared by the web tests (see the table in ``conftest``)."""

from __future__ import annotations

from datetime import date

from pacte.accounts.enums import Role

TODAY = date(2026, 11, 22)
GWENAEL = "ville-saint-gwenael-misb-2026"
VERE = "departement-vere-cress-2025-2027"
MARZELLE = "agglo-marzelle-terres-tables-2026"

ROLES = {
    # name: (role, SIRET of the organisation), None for the administrator
    "agent": (Role.AGENT, "21560947000012"),  # Ville de Saint-Gwenaël-sur-Blavet
    "partner_x": (Role.PARTNER, "84136275900018"),  # Maison des Initiatives Solidaires
    "partner_y": (Role.PARTNER, "88275314800015"),  # CRESS de Vère
    "reader": (Role.READER, "22819047600017"),  # Département de Vère
    "admin": None,
}
VISIBLE = {
    "anonymous": set(),
    "agent": {GWENAEL},
    "partner_x": {GWENAEL},
    "partner_y": {VERE},
    "reader": {VERE},
    "admin": {GWENAEL, VERE, MARZELLE},
}
