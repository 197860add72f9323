"""A user's reminder settings, and the reminders already sent (never twice)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


def _token() -> str:
    return secrets.token_urlsafe(32)


class ReminderSettings(models.Model):
    """What a user wants by e-mail; created with the defaults when first needed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        on_delete=models.CASCADE,
        related_name="reminder_settings",
    )
    weekly_digest = models.BooleanField("récapitulatif hebdomadaire", default=True)
    alerts = models.BooleanField("alertes avant une échéance", default=True)
    alert_days = models.CharField(
        "jours d'avance des alertes", max_length=60, default="30, 7", blank=True
    )
    unsubscribe_token = models.CharField(
        "jeton de désabonnement", max_length=64, unique=True, default=_token
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "préférences de rappel"
        verbose_name_plural = "préférences de rappel"

    def __str__(self) -> str:
        return f"Rappels de {self.user}"


class ReminderState(models.TextChoices):
    CLAIMED = "claimed", "en cours d'envoi"
    SENT = "sent", "envoyé"


class ReminderSent(models.Model):
    """One reminder to one user, claimed before it is sent: the unique key makes a second
    run (or a run after a crash) skip it, so nobody gets the same reminder twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="destinataire",
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    kind = models.CharField("nature", max_length=10)
    key = models.CharField("clé", max_length=200)
    subject = models.CharField("objet", max_length=300)
    state = models.CharField(
        "état", max_length=10, choices=ReminderState.choices, default=ReminderState.CLAIMED
    )
    claimed_at = models.DateTimeField("réservé le", auto_now_add=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.user}"
