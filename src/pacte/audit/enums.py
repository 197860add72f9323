from django.db import models


class AuditAction(models.TextChoices):
    CREATED = "created", "création"
    UPDATED = "updated", "modification"
    DELETED = "deleted", "suppression"
