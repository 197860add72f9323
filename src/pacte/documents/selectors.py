"""Reads of the import pipeline."""

from django.db.models import QuerySet

from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft


def draft_list(status: DraftStatus | str | None = None) -> QuerySet[ImportDraft]:
    """Drafts, newest first, with their source document and convention (one query)."""
    drafts = ImportDraft.objects.select_related("source", "convention")
    return drafts if status is None else drafts.filter(status=status)


def draft_get(*, pk: int) -> ImportDraft:
    """The draft with this number; raises ``ImportDraft.DoesNotExist``."""
    return ImportDraft.objects.select_related("source", "convention").get(pk=pk)
