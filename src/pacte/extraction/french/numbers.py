"""Numbers, in digits (« 4 000 ») or in words (« deux mille trois cent douze »)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pacte.extraction import rx
from pacte.extraction.french.base import (
    Found,
    _bounds,
    _folded,
    _found,
    fold,
)
from pacte.extraction.lazy import lazy

# --- number words --------------------------------------------------------------------

_UNITS = {
    "zero": 0,
    "un": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
}
_TEENS = {
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
}
_TENS = {
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
_MULTIPLIERS = {"mille": 1_000, "million": 1_000_000, "milliard": 1_000_000_000}
_SPELLINGS = {
    "une": "un",
    "vingts": "vingt",
    "cents": "cent",
    "mil": "mille",
    "millions": "million",
    "milliards": "milliard",
}
_NUMBER_WORD = (
    r"(?:quatorze|cinquante|quarante|soixante|septante|huitante|octante|nonante|milliards?"
    r"|millions?|treize|quatre|quinze|trente|vingts?|cents?|douze|trois|seize|mille|deux"
    r"|cinq|sept|huit|neuf|onze|zero|six|dix|mil|une?)(?![a-z])"
)
# A run of number words: "deux cent cinquante", "quatre-vingt-onze", "vingt et un".
_WORDS = rf"(?<![a-z0-9]){_NUMBER_WORD}(?:(?:[\s-]+et)?[\s-]+{_NUMBER_WORD})*"
_WORD_TOKEN = lazy(r"[a-z]+")

Tokens = list[tuple[str, int, int]]  # (normalised word, start, end)


def _small(words: list[str], i: int, limit: int) -> tuple[int, int] | None:
    """1..limit (at most 19) written from ``words[i]``: "sept", "dix-neuf", "onze"."""
    if i >= len(words):
        return None
    word = words[i]
    if word == "dix" and i + 1 < len(words) and words[i + 1] in ("sept", "huit", "neuf"):
        value, end = 10 + _UNITS[words[i + 1]], i + 2
    elif word in _TEENS:
        value, end = _TEENS[word], i + 1
    elif word in _UNITS and word != "zero":
        value, end = _UNITS[word], i + 1
    else:
        return None
    return (value, end) if value <= limit else None


def _below_100(words: list[str], i: int) -> tuple[int, int] | None:
    if i >= len(words):
        return None
    word = words[i]
    if word == "quatre" and i + 1 < len(words) and words[i + 1] == "vingt":
        tail = _small(words, i + 2, 19)
        return (80 + tail[0], tail[1]) if tail else (80, i + 2)
    if word in _TENS:
        tail = _small(words, i + 1, 19 if word == "soixante" else 9)
        return (_TENS[word] + tail[0], tail[1]) if tail else (_TENS[word], i + 1)
    if word == "zero":
        return (0, i + 1) if len(words) == 1 else None
    return _small(words, i, 19)


def _below_1000(words: list[str], i: int) -> tuple[int, int] | None:
    hundreds = None
    if i + 1 < len(words) and words[i + 1] == "cent" and _UNITS.get(words[i], 0) >= 2:
        hundreds, i = _UNITS[words[i]] * 100, i + 2
    elif i < len(words) and words[i] == "cent":
        hundreds, i = 100, i + 1
    if hundreds is None:
        return _below_100(words, i)
    rest = _below_100(words, i)
    return (hundreds + rest[0], rest[1]) if rest and rest[0] > 0 else (hundreds, i)


def _number_prefix(words: list[str]) -> tuple[int, int] | None:
    """(value, word count) of the longest number that normalised ``words`` start with.

    French numbers read left to right greedily: groups below a thousand, each followed
    by a larger multiplier than the next ("deux millions trois cent mille").
    """
    total, i, last = 0, 0, 10**12
    best: tuple[int, int] | None = None
    while i < len(words):
        group = _below_1000(words, i)
        count, i = group if group else (None, i)
        if count is not None:
            best = (total + count, i)
        if i >= len(words) or words[i] not in _MULTIPLIERS:
            break
        multiplier = _MULTIPLIERS[words[i]]
        if multiplier >= last or count == 0:
            break
        if count is None:
            if multiplier != 1_000:
                break  # "million" needs its count: "un million"
            count = 1
        elif count == 1 and multiplier == 1_000:
            break  # "un mille" is not French
        total, last, i = total + count * multiplier, multiplier, i + 1
        best = (total, i)
    return best


def _words_value(words: list[str]) -> int | None:
    """The number written by all of normalised ``words``, or None."""
    prefix = _number_prefix(words)
    return prefix[0] if prefix and prefix[1] == len(words) else None


def _tokens(folded: str, start: int, end: int) -> Tokens:
    return [
        (_SPELLINGS.get(m.group(), m.group()), m.start(), m.end())
        for m in _WORD_TOKEN.finditer(folded, start, end)
        if m.group() != "et"
    ]


def _value(tokens: Tokens) -> int | None:
    return _words_value([word for word, _, _ in tokens])


# The longest number worth reading ("sept cent soixante-dix-sept millions sept cent…")
# has fewer words; the cap keeps a page of number words from costing a cubic time.
_MAX_WORDS = 24


def _longest_prefix(tokens: Tokens) -> tuple[int, int] | None:
    """(value, token count) of the longest run of leading tokens that is a number."""
    return _number_prefix([word for word, _, _ in tokens[:_MAX_WORDS]])


def _shortest_suffix(tokens: Tokens) -> tuple[int, int] | None:
    """(value, first token) of the longest run of trailing tokens that is a number."""
    for first in range(max(0, len(tokens) - _MAX_WORDS), len(tokens)):
        value = _value(tokens[first:])
        if value is not None:
            return value, first
    return None


_DIGITS_NUMBER = lazy(r"\d{1,3}(?: \d{3})+|\d{1,18}")
_DIGITS_MULTIPLIED = lazy(r"(\d{1,15}(?:[ .]\d{3})*)\s+(mille|millions?|milliards?)")


def parse_number(text: str) -> int | None:
    """The whole number written in ``text``, in digits or in French words, else None.

    >>> parse_number("deux cent cinquante"), parse_number("4 000"), parse_number("deux mil vingt-trois")
    (250, 4000, 2023)
    """
    folded = fold(text).strip()
    if _DIGITS_NUMBER.fullmatch(folded):
        return int(folded.replace(" ", ""))
    multiplied = _DIGITS_MULTIPLIED.fullmatch(folded)
    if multiplied:
        count = int(rx.sub(r"[ .]", "", multiplied.group(1)))
        return count * _MULTIPLIERS[_SPELLINGS.get(multiplied.group(2), multiplied.group(2))]
    if not re.fullmatch(_WORDS, folded):
        return None
    return _value(_tokens(folded, 0, len(folded)))


# --- numbers -------------------------------------------------------------------------

_HONORIFIC_BEFORE = lazy(r"(?:\b(?:m|mme|mlle|me|mr|dr)\.?|madame|monsieur|mademoiselle)\s+$")
_NUMBER_WORDS = lazy(_WORDS)
_DIGITS = lazy(
    r"[0-9](?<![0-9,.a-z][0-9])(?:[0-9]{0,2}(?: [0-9]{3})+|[0-9]{0,17})(?![0-9]|[,.][0-9])"
)
_PHONE = lazy(r"(?:\+33\s?|0)[1-9](?:[ .-]?[0-9]{2}){4}(?![0-9])")


def _word_numbers(folded: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(value, start, end) of each number written in words, split where a run is not one."""
    for match in _NUMBER_WORDS.finditer(folded, start, end):
        tokens = _tokens(folded, match.start(), match.end())
        i = 0
        while i < len(tokens):
            prefix = _longest_prefix(tokens[i:])
            if prefix is None:
                i += 1
                continue
            value, count = prefix
            yield value, tokens[i][1], tokens[i + count - 1][2]
            i += count


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Found[int]]:
    """Whole numbers in digits or in words; not decimals, phone numbers, nor a lone "un"/"une".

    A lone "un"/"une" is nearly always an article, and a number word right after a
    title is a name ("Mme MILLE"); both are left out.

    >>> [(f.value, f.text) for f in find_numbers("Elle compte deux cent cinquante organisations et 18 CRESS.")]
    [(250, 'deux cent cinquante'), (18, '18')]
    """
    start, end = _bounds(text, start, end)
    folded = _folded(text)
    found: list[Found[int]] = []
    phone_end = -1
    for m in _DIGITS.finditer(folded, start, end):
        if m.start() < phone_end:
            continue
        at = m.start() - 1 if folded[m.start() - 1 : m.start()] == "+" else m.start()
        phone = _PHONE.match(folded, max(start, at), end) if folded[at] in "0+" else None
        if phone:
            phone_end = phone.end()
            continue
        found.append(_found(text, int(m.group().replace(" ", "")), m.start(), m.end()))
    for value, s, e in _word_numbers(folded, start, end):
        if folded[s:e] in ("un", "une"):
            continue
        if _HONORIFIC_BEFORE.search(folded, max(0, s - 14), s):
            continue
        found.append(_found(text, value, s, e))
    return sorted(found, key=lambda f: f.start)
