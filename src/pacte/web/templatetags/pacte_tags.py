"""Small template helpers of the web application."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone

from pacte.terms import format_date_fr

register = template.Library()


@register.filter
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    """``{{ party_names|lookup:commitment.party }}``: the value for a key, or the key itself."""
    return mapping.get(key, key)


@register.filter
def article(name: str, form: str = "definite") -> str:
    """``{{ organisation.name|article:"de" }}``: « de la Ville de Lorval », « du Département »
    (see ``pacte.terms.base.with_article``)."""
    from pacte.terms.formats import with_article

    return with_article(str(name), form)


@register.filter
def date_fr(value: Any) -> str:
    """« 1er mars 2027 »: the French long date, with the ordinal of the first day."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date_fr(value)


@register.filter
def datetime_fr(value: Any) -> str:
    """« 1er mars 2027 à 14:05 », in the local time zone."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date_fr(local.date())} à {local:%H:%M}"


@register.filter
def euros(value: Any) -> str:
    """« 12 500,00 € » (``pacte.terms.format_amount_fr``); empty for no amount."""
    from decimal import Decimal

    from pacte.terms.formats import format_amount_fr

    if value is None or value == "":
        return ""
    return format_amount_fr(Decimal(value))
