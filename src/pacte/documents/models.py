"""Source documents and import drafts.

A file given to ``pacte import`` (or uploaded) is stored once, named by the SHA-256 of
its bytes, e.g. ``sources/3f/3f2a…9c.pdf`` under ``MEDIA_ROOT``; what the extraction
read from it is kept as an ``ImportDraft`` until a person confirms it (it becomes a
convention of the register) or rejects it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from pacte.documents.enums import DraftStatus


def source_path(sha256: str, extension: str) -> str:
    """Where a source file is stored, relative to ``MEDIA_ROOT``.

    >>> source_path("3f2a" + "0" * 60, ".pdf")
    'sources/3f/3f2a000000000000000000000000000000000000000000000000000000000000.pdf'
    """
    return f"sources/{sha256[:2]}/{sha256}{extension}"


class SourceDocument(models.Model):
    """A file as received: its bytes are stored once, whatever name it was given."""

    original_filename = models.CharField("nom du fichier", max_length=255)
    file = models.FileField("fichier", max_length=255)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, unique=True)
    size = models.PositiveBigIntegerField("taille (octets)")
    format = models.CharField("format", max_length=10)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="importé par",
        # the document stays when the account that brought it is removed
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_documents",
    )
    created_at = models.DateTimeField("importé le", default=timezone.now)

    class Meta:
        verbose_name = "document source"
        verbose_name_plural = "documents sources"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.original_filename


class ImportDraft(models.Model):
    """What the extraction read from a source document, waiting for review.

    ``data`` has the shape of ``pacte.terms.Convention`` (plain JSON); ``spans`` maps a
    terms path to where its value was read (``start``, ``end``, ``confidence``, ``page``,
    ``text``); ``missing`` names what a convention usually states and the document was
    not found to state (« la durée »); ``problems`` lists, in French, what must be completed before the draft
    can be confirmed.
    """

    source = models.ForeignKey(
        SourceDocument,
        verbose_name="document source",
        # a draft means nothing without the file it was read from
        on_delete=models.CASCADE,
        related_name="drafts",
    )
    status = models.CharField(
        "état", max_length=10, choices=DraftStatus.choices, default=DraftStatus.PENDING
    )
    doc_type = models.CharField("type de document", max_length=40, blank=True)
    data = models.JSONField("termes extraits", default=dict, blank=True)
    key_terms = models.JSONField("termes clés", default=dict, blank=True)
    spans = models.JSONField("emplacements", default=dict, blank=True)
    notes = models.JSONField("remarques", default=list, blank=True)
    missing = models.JSONField("non trouvé", default=list, blank=True)
    problems = models.JSONField("à compléter", default=list, blank=True)
    convention = models.ForeignKey(
        "conventions.Convention",
        verbose_name="convention",
        # deleting the convention leaves the trace of its import
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_drafts",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="confirmé par",
        # the draft outlives the account that confirmed it
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="confirmed_drafts",
    )
    confirmed_at = models.DateTimeField("confirmé le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)

    class Meta:
        verbose_name = "brouillon d'import"
        verbose_name_plural = "brouillons d'import"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status"], name="import_draft_status")]

    def __str__(self) -> str:
        return f"Brouillon n° {self.pk} ({self.source})"
