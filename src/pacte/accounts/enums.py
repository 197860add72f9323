from django.db import models


class Role(models.TextChoices):
    """What a user does in Pacte; the administrator is a Django superuser, not a role here."""

    AGENT = "agent", "agent de la collectivité"
    PARTNER = "partner", "partenaire"
    READER = "reader", "lecteur (élu, direction)"
