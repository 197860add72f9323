"""``check --deploy``: the footer's legal pages need to know who runs the instance."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

REQUIRED = {
    "name": "PACTE_OPERATOR",
    "address": "PACTE_OPERATOR_ADDRESS",
    "director": "PACTE_PUBLICATION_DIRECTOR",
    "host": "PACTE_HOST",
    "contact": "PACTE_CONTACT_EMAIL",
    "dpo": "PACTE_DPO_EMAIL",
}


@register(Tags.security, deploy=True)
def legal_pages_filled(app_configs: Any, **kwargs: Any) -> list[Warning]:
    operator = getattr(settings, "PACTE_OPERATOR", {})
    missing = [variable for key, variable in REQUIRED.items() if not operator.get(key, "").strip()]
    if not missing:
        return []
    return [
        Warning(
            "Mentions légales et données personnelles incomplètes : "
            + ", ".join(missing)
            + " non renseigné(s).",
            hint="Définir ces variables d'environnement (voir docs/production.md).",
            id="pacte.W001",
        )
    ]
