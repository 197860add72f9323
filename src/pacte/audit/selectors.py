"""Reads of the journal."""

from django.db.models import QuerySet

from pacte.audit.models import AuditEntry


def audit_entries_for(*, object_type: str, object_ref: str) -> QuerySet[AuditEntry]:
    """Entries about one object, newest first."""
    return AuditEntry.objects.filter(object_type=object_type, object_ref=object_ref).select_related(
        "actor"
    )
