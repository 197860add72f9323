"""French wording helpers of the checker, and the folding used to compare names.

>>> fold_words("Chambre Régionale de l'Économie")
['chambre', 'regionale', 'de', 'l', 'economie']
>>> euros(Decimal("2500")), euros(Decimal("2833.33"))
('2 500 €', '2 833,33 €')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pacte.terms import format_amount_fr, format_date_fr

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_SMALL_NUMBERS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
)


def fold(text: str) -> str:
    """Lower case, without accents: « Économie » and « Economie » fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Word:
    """A word of a text, folded for comparison, with its place in the original text."""

    folded: str
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The words of ``text`` (punctuation and apostrophes separate them)."""
    return [Word(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def fold_words(text: str) -> list[str]:
    return [w.folded for w in words(text)]


def euros(value: Decimal) -> str:
    """An amount in French, without cents when it is a whole number of euros."""
    if value == value.to_integral_value():
        return format_amount_fr(value).replace(",00 €", " €")
    return format_amount_fr(value)


def number_fr(value: int) -> str:
    """Small numbers in words (« trois »), larger ones in digits."""
    return _SMALL_NUMBERS[value] if 0 <= value < len(_SMALL_NUMBERS) else str(value)


def join_fr(items: list[str]) -> str:
    """« a », « a et b », « a, b et c ».

    >>> join_fr(["2012", "2013", "2014"])
    '2012, 2013 et 2014'
    """
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"


def span_fr(start: date, end: date) -> str:
    return f"du {format_date_fr(start)} au {format_date_fr(end)}"


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(value: int) -> str:
    """Roman numeral of a positive number.

    >>> roman(4), roman(9), roman(14)
    ('IV', 'IX', 'XIV')
    """
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)
