"""The one way views reach a convention: through what the user may see."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from pacte.accounts.selectors import conventions_visible_to
from pacte.conventions.models import Convention


def visible_convention(request: HttpRequest, reference: str) -> Convention:
    """The convention if this user may see it; 404 otherwise (its existence is not revealed)."""
    convention = conventions_visible_to(request.user).filter(reference=reference).first()
    if convention is None:
        raise Http404(f"Aucune convention de référence « {reference} ».")
    return convention
