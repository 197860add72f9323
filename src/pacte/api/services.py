"""API tokens: create (the clear token is returned once), revoke, authenticate; audited.

Example: ``token, clear = api_token_create(user=lea, name="tableur")``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import string
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from pacte.api.models import ApiToken, IdempotencyKey
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


KEY_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_.:~+/=")


class IdempotencyRefused(Exception):
    """A key that cannot be used: ``status`` 400 (malformed) or 422 (used for another request)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def request_hash(*parts: Any) -> str:
    """The fingerprint of a request: its parts as canonical JSON, hashed.

    >>> request_hash("POST /x", {"b": 1, "a": "2"}) == request_hash("POST /x", {"a": "2", "b": 1})
    True
    """
    canonical = json.dumps(parts, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def idempotency_key_check(key: str) -> str:
    """A key as clients send it: 1 to 255 characters among letters, digits and ``-_.:~+/=``."""
    if not 1 <= len(key) <= 255 or not set(key) <= KEY_CHARACTERS:
        raise IdempotencyRefused(
            400,
            "En-tête Idempotency-Key invalide : de 1 à 255 caractères parmi les lettres sans "
            "accent, les chiffres et - _ . : ~ + / = (un UUID convient).",
        )
    return key


def _replay(stored: IdempotencyKey, *, endpoint: str, digest: str) -> tuple[int, Any]:
    if stored.endpoint != endpoint or stored.request_hash != digest:
        raise IdempotencyRefused(
            422,
            f"La clé d'idempotence « {stored.key} » a déjà servi le "
            f"{timezone.localtime(stored.created_at):%d/%m/%Y à %H:%M} pour une autre requête "
            "(adresse ou contenu différents) : rien n'a été enregistré. Utilisez une nouvelle "
            "clé pour une nouvelle requête.",
        )
    return stored.status, stored.body


def idempotent_call(
    *,
    user: AbstractBaseUser,
    key: str,
    endpoint: str,
    digest: str,
    call: Callable[[], tuple[int, Any]],
) -> tuple[int, Any, bool]:
    """Run ``call`` (a write) once per ``key`` of ``user``: ``(status, body, replayed)``.

    The key is stored in the write's own transaction, with the answer: if the write
    fails, nothing is kept and the client may retry with the same key. Two requests with
    the same key at the same instant: the second waits on the key's unique index, then
    gets the first one's answer. The body must be JSON-serialisable.
    """
    stored = IdempotencyKey.objects.filter(user=user, key=key).first()
    if stored is not None:
        return (*_replay(stored, endpoint=endpoint, digest=digest), True)
    try:
        with transaction.atomic():
            record = IdempotencyKey.objects.create(
                user=user, key=key, endpoint=endpoint, request_hash=digest, status=0
            )
            status, body = call()
            record.status, record.body = status, body
            record.save(update_fields=["status", "body"])
    except IntegrityError:
        stored = IdempotencyKey.objects.filter(user=user, key=key).first()
        if stored is None:
            raise
        return (*_replay(stored, endpoint=endpoint, digest=digest), True)
    return status, body, False


class DuplicateSubmission(Exception):
    """A form posted a second time (double click, page sent again): nothing recorded."""


def submission_claim(*, user: AbstractBaseUser, token: str, endpoint: str) -> None:
    """Consume a form's one-time token, inside the caller's transaction (which must then
    write the record): a second claim raises ``DuplicateSubmission``."""
    try:
        with transaction.atomic():
            IdempotencyKey.objects.create(
                user=user,
                key=f"web:{token}",
                endpoint=endpoint,
                request_hash=request_hash(endpoint),
                status=200,
            )
    except IntegrityError:
        raise DuplicateSubmission(token) from None


def idempotency_keys_purge(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Forget the keys older than ``older_than`` (a client retries within minutes)."""
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
