"""API tokens: create (the clear token is returned once), revoke, authenticate; audited.

Example: ``token, clear = api_token_create(user=lea, name="tableur")``.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from pacte.api.models import ApiToken
from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record

PREFIX = "pacte_"


def token_hash(clear: str) -> str:
    """>>> token_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(clear.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: AbstractBaseUser, name: str = "", by: AbstractBaseUser | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``: the row and the clear token (not stored, shown once)."""
    clear = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=clear[:12], token_hash=token_hash(clear)
    )
    audit_record(
        action=AuditAction.CREATED,
        object_type="api_token",
        object_ref=user.get_username(),
        by=by or user,
        summary={"description": f"Jeton d'API {token.prefix}… créé", "name": token.name},
    )
    return token, clear


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: AbstractBaseUser | None = None) -> bool:
    """Revoke a token (it stays listed); returns False if it already was."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        action=AuditAction.UPDATED,
        object_type="api_token",
        object_ref=token.user.get_username(),
        by=by or token.user,
        summary={"description": f"Jeton d'API {token.prefix}… révoqué"},
    )
    return True


def user_for_api_token(clear: str) -> AbstractBaseUser | None:
    """The active user a clear token belongs to, or None (unknown, revoked, inactive)."""
    if not clear:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(clear), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
