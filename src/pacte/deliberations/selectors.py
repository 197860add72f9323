"""Reads for sessions and deliberations."""

from django.db.models import QuerySet

from pacte.deliberations.models import Deliberation


def deliberation_list() -> QuerySet[Deliberation]:
    """Deliberations, newest session first, with their session and authority."""
    return Deliberation.objects.select_related("session", "session__authority")
