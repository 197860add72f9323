"""Building blocks shared by every part of the terms: base model, amounts, dates, quantities.

Amounts are ``Decimal`` with two places, never floats:

>>> Quantity(value=3, unit="month").label
'3 mois'
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
)

from pacte.terms.enums import Unit
from pacte.terms.formats import _FRENCH_MONTHS

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_FRENCH_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _parse_date(value: Any) -> Any:
    """Accept ``date``, ISO ``YYYY-MM-DD`` or French ``JJ/MM/AAAA``; explain impossible dates."""
    if isinstance(value, date) or value is None:
        return value
    if not isinstance(value, str):
        raise ValueError(f"date attendue (AAAA-MM-JJ), reçu « {value} »")
    text = value.strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _FRENCH_NUMERIC.match(text)
        if not match:
            raise ValueError(f"date illisible « {text} » : écrire AAAA-MM-JJ (ex. 2009-03-30)")
        day, month, year = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"date impossible « {text} » : il n'y a pas de mois {month}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            f"date impossible « {text} » : le {day} {_FRENCH_MONTHS[month - 1]} {year} n'existe pas"
        ) from None


def _parse_amount(value: Any) -> Any:
    """Accept ints, decimal strings (dot or comma, spaces, €) and Decimals; refuse the rest."""
    if isinstance(value, bool):
        raise ValueError("montant attendu, reçu un booléen")
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        text = re.sub(r"[\s\u00a0\u202f€]", "", value).replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"montant illisible « {value} » (ex. 4000 ou 1666.67)") from None
    else:
        raise ValueError(f"montant attendu, reçu « {value} »")
    if not number.is_finite():
        raise ValueError(f"montant illisible « {value} »")
    if number < 0:
        raise ValueError(f"montant négatif ({value}) : un montant est positif ou nul")
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _parse_percent(value: Any) -> Any:
    number = _parse_amount(str(value).rstrip("% ") if isinstance(value, str) else value)
    if number > 100:
        raise ValueError(f"pourcentage supérieur à 100 ({value})")
    return number


def _decimal_str(value: Decimal) -> str:
    return f"{value:.2f}"


TermsDate = Annotated[date, BeforeValidator(_parse_date)]
"""A calendar date; accepts ISO or JJ/MM/AAAA, refuses impossible dates in French."""

Amount = Annotated[
    Decimal,
    BeforeValidator(_parse_amount),
    PlainSerializer(_decimal_str, return_type=str, when_used="json"),
]
"""A non-negative amount in euros, two decimals."""

Percent = Annotated[
    Decimal,
    BeforeValidator(_parse_percent),
    PlainSerializer(_decimal_str, return_type=str, when_used="json"),
]
"""A percentage between 0 and 100."""

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
"""A short identifier used to refer to an item inside the same convention (``ville``, ``cress``)."""


class TermsModel(BaseModel):
    """Base of every terms object: unknown fields are errors, values are validated on change.

    A blank text in an optional field means "not stated", like an absent one.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and not value.strip() and info.field_name:
            field = cls.model_fields[info.field_name]
            if not field.is_required() and field.default is None:
                return None
        return value


class Quantity(TermsModel):
    """A stated length of time: ``{value: 3, unit: month}`` for « trois mois »."""

    value: int = Field(gt=0)
    unit: Unit

    @property
    def label(self) -> str:
        if self.unit is Unit.MONTH:
            return f"{self.value} mois"
        word = {Unit.YEAR: "an", Unit.DAY: "jour"}[self.unit]
        return f"{self.value} {word}{'s' if self.value > 1 else ''}"


class Place(TermsModel):
    """Where a value is stated in the source document: article and quoted words."""

    article: str | None = None
    quote: str | None = None
