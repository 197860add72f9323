"""The journal of every write: who did what, when, to which object."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from pacte.audit.enums import AuditAction


class AuditEntry(models.Model):
    """One write, e.g. ``updated`` convention ``demo-1`` by alice, with a summary.

    The object is named by type and reference, not by foreign key, so the entry
    outlives the object it describes.
    """

    at = models.DateTimeField("date", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        # the journal outlives user accounts
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    action = models.CharField("action", max_length=20, choices=AuditAction.choices)
    object_type = models.CharField("type d'objet", max_length=100)
    object_ref = models.CharField("référence de l'objet", max_length=255)
    summary = models.JSONField("résumé", default=dict, blank=True)

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_ref"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.object_ref}"
