"""Choices of the documents app.

>>> DraftStatus.PENDING.label
'à relire'
"""

from django.db import models


class DraftStatus(models.TextChoices):
    PENDING = "pending", "à relire"
    CONFIRMED = "confirmed", "confirmé"
    REJECTED = "rejected", "rejeté"
