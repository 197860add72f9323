"""Checksums of the SIRENE identifiers: plain Python, no pydantic (the extraction uses them
without loading the typed models)."""

from __future__ import annotations


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char) * (2 if index % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def siren_is_valid(value: str) -> bool:
    """SIREN (9 digits) or SIRET (14 digits) checksum (Luhn; La Poste's SIRETs excepted).

    >>> siren_is_valid("12345678200010")
    True
    """
    if value.startswith("356000000") and len(value) == 14:
        return sum(int(c) for c in value) % 5 == 0
    return _luhn_ok(value)
