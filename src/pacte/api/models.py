"""Personal API tokens: only a hash is stored; the token itself is shown once."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A bearer token of one user, e.g. « Jeton « tableur » de lea » ; revoked, never deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        # a token is personal: it goes with its account
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("nom", max_length=100, blank=True)
    prefix = models.CharField("début du jeton", max_length=12)
    token_hash = models.CharField("empreinte SHA-256", max_length=64, unique=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Jeton {self.prefix}… de {self.user}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotencyKey(models.Model):
    """A write already answered, kept under the key its client sent with it.

    API clients send an ``Idempotency-Key`` header with a write; a retry with the same
    key and the same request gets the stored answer, and nothing is written twice. The
    web forms use it too, with a one-time token of the form (``web:…`` endpoints).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        # a key belongs to its user's requests: it goes with the account
        on_delete=models.CASCADE,
        related_name="idempotency_keys",
    )
    key = models.CharField("clé", max_length=255)
    endpoint = models.CharField("adresse de la requête", max_length=255)
    request_hash = models.CharField("empreinte SHA-256 de la requête", max_length=64)
    status = models.PositiveSmallIntegerField("code de la réponse")
    body = models.JSONField("corps de la réponse", null=True, blank=True)
    created_at = models.DateTimeField("reçue le", auto_now_add=True)

    class Meta:
        verbose_name = "clé d'idempotence"
        verbose_name_plural = "clés d'idempotence"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_user_key")
        ]
        indexes = [models.Index(fields=["created_at"], name="api_idempotency_created")]

    def __str__(self) -> str:
        return f"{self.key} ({self.endpoint})"
