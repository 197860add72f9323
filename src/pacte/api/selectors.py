"""Reads of the API's own tables: a user's tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from pacte.api.models import ApiToken


def api_tokens_of(user_id: int) -> QuerySet[ApiToken]:
    """The API tokens of one user (revoked ones too, marked so)."""
    return ApiToken.objects.filter(user_id=user_id)


def api_token_of(user_id: int, pk: int) -> ApiToken | None:
    """One of this user's tokens by its number, or None (another user's is not found)."""
    return api_tokens_of(user_id).filter(pk=pk).first()
