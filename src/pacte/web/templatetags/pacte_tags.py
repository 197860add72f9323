"""Small template helpers of the web application."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    """``{{ party_names|lookup:commitment.party }}``: the value for a key, or the key itself."""
    return mapping.get(key, key)


@register.filter
def article(name: str, form: str = "definite") -> str:
    """``{{ organisation.name|article:"de" }}``: « de la Ville de Lorval », « du Département »
    (see ``pacte.terms.base.with_article``)."""
    from pacte.terms.base import with_article

    return with_article(str(name), form)
