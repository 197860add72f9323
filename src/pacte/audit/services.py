"""Recording writes in the journal; called by every write service, inside its transaction."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from pacte.audit.enums import AuditAction
from pacte.audit.models import AuditEntry


def audit_record(
    *,
    action: AuditAction,
    object_type: str,
    object_ref: str,
    by: AbstractBaseUser | None = None,
    summary: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one journal entry, e.g. ``audit_record(action=AuditAction.CREATED,
    object_type="convention", object_ref="demo-1", by=user)``."""
    actor = by if by is not None and by.is_authenticated else None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=object_type,
        object_ref=object_ref,
        summary=summary or {},
    )


def audit_record_many(
    entries: list[dict[str, Any]], *, by: AbstractBaseUser | None = None
) -> list[AuditEntry]:
    """Write many journal entries by ``by`` in one ``INSERT``; each entry gives
    ``action``, ``object_type``, ``object_ref`` and ``summary`` as ``audit_record`` takes them."""
    actor = by if by is not None and by.is_authenticated else None
    return AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            action=entry["action"],
            object_type=entry["object_type"],
            object_ref=entry["object_ref"],
            summary=entry.get("summary") or {},
        )
        for entry in entries
    )
