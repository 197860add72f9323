"""Writes for sessions and deliberations.

Deliberations are written as part of a convention (see ``pacte.conventions.services``),
which records the audit entry.
"""

from pacte.deliberations.models import Deliberation, Session


def deliberation_delete_if_unused(*, deliberation_id: int) -> bool:
    """Delete a deliberation no convention refers to any more, and its session if left empty.

    Returns whether the deliberation was deleted.
    """
    deliberation = (
        Deliberation.objects.filter(pk=deliberation_id, conventions__isnull=True)
        .select_related("session")
        .first()
    )
    if deliberation is None:
        return False
    session_id = deliberation.session_id
    deliberation.delete()
    Session.objects.filter(pk=session_id, deliberations__isnull=True).delete()
    return True
