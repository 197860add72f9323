"""The organisations a page's filter offers (Registre, « À faire », tableau de bord)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from pacte.conventions.models import Convention
from pacte.followup.selectors.register import register_organisations
from pacte.web.forms.register import LISTED, Choices


def organisation_choices(
    request: HttpRequest,
    visible: QuerySet[Convention],
    name: str,
    *,
    authority: bool,
    counted: int | None = None,
) -> Choices:
    """The organisations a filter offers, or, when there are more than ``LISTED``, the
    one chosen alone (its link from elsewhere still works). ``counted``: the
    organisation whose conventions ``visible`` are exactly, if known
    (``counted_organisation``)."""
    listed = register_organisations(visible, authority=authority, first=LISTED + 1, counted=counted)
    if len(listed) <= LISTED:
        return Choices(listed)
    chosen = request.GET.get(name, "")
    if not chosen.isdigit():
        return Choices([], cut=True)
    return Choices(
        register_organisations(visible, authority=authority, only=int(chosen), counted=counted),
        cut=True,
    )
