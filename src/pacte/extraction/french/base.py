"""The values read (``Found``, dates, units), accent folding that keeps offsets, and the
helpers every reader shares (bounds, anchors, the longest candidate first)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Generic, TypeVar

from pacte.extraction.lazy import lazy

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value read in a text, with where it was read: ``text == source[start:end]``.

    >>> Found(2009, 3, 7, "2009")
    Found(value=2009, start=3, end=7, text='2009')
    """

    value: T
    start: int
    end: int
    text: str


class DateKind(StrEnum):
    """What a date expression says about its day (an exact day, a deadline, a start…)."""

    EXACT = "exact"
    DEADLINE = "deadline"
    END_OF_YEAR = "end_of_year"
    FROM = "from"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class DateValue:
    """The day a date expression stands for, and how to read it.

    End of year → 31 December; "à partir de 2014" → 1 January 2014; a month alone → its
    first day ("jusqu'en juin 2013", a deadline, → its last day). ``year_inferred`` is
    true when the expression had no year ("avant le 1er juillet") and the year was taken
    from the nearest year written before it (or after it, when there is none before).

    >>> DateValue(date(2013, 12, 31), DateKind.END_OF_YEAR).kind.value
    'end_of_year'
    """

    value: date
    kind: DateKind
    year_inferred: bool = False


class Unit(StrEnum):
    """The unit of a duration; weeks are counted in days."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


# --- folding -------------------------------------------------------------------------

_SPECIAL_FOLDS = {
    **dict.fromkeys("’‘‚‛ʼʻ`´′", "'"),
    **dict.fromkeys("\u00a0\u202f\u2007\u2009\u2002\u2003\u2004\u2005\u2006\u2008\u200a", " "),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}
_FOLD_RANGES = ((0x80, 0x250), (0x2B0, 0x300), (0x1D00, 0x1DC0), (0x1E00, 0x1F00))
_COMBINING = lazy("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII = lazy(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character folded: special ones first, else its lowercase base letter."""
    if char in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[char]
    lower = char.lower()
    if len(lower) != 1:
        lower = char
    base = _COMBINING.sub("", unicodedata.normalize("NFKD", lower))
    if len(base) == 1:
        return base.lower() if len(base.lower()) == 1 else base
    return lower


_FOLD_TABLE: dict[int, str] = {ord(c): _fold_char(c) for c in _SPECIAL_FOLDS}
for _low, _high in _FOLD_RANGES:
    for _code in range(_low, _high):
        if _fold_char(chr(_code)) != chr(_code):
            _FOLD_TABLE[_code] = _fold_char(chr(_code))


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD_TABLE)


def fold(text: str) -> str:
    """Lowercase, accents removed, ’ → ', dashes → -, odd spaces → space; same length.

    Accents already decomposed in the input ("e" + U+0301) are kept, since removing them
    would shift offsets: normalise texts to NFC when they enter the system.

    >>> fold("Économie d’Alsace – 1ᵉʳ\u00a0NOVEMBRE")
    "economie d'alsace - 1er novembre"
    """
    if text.isascii():
        return text.lower()
    if len(text) >= _LONG:
        folded = _fold_by_chars(text)
        if folded is not None:
            return folded
    lower = text.lower()
    if len(lower) == len(text) and not _COMBINING.search(text):
        # Fast path: strip the marks NFD splits off, then fold what is left over.
        stripped = _COMBINING.sub("", unicodedata.normalize("NFD", lower))
        if len(stripped) == len(text):
            return _NON_ASCII.sub(_fold_run, stripped)
    return "".join(map(_fold_char, text))  # _fold_char always gives one character


_LONG = 32
"""Texts this long are folded from their lowered copy when that is the same."""


def _fold_by_chars(text: str) -> str | None:
    """``fold(text)`` made from the lowered text, each distinct character left outside
    ASCII folded alone, when that is what folding the whole text gives: each character
    lowered to one, none combining, each one's base a single starter (so that the
    decomposition of the whole text orders nothing across characters) and no capital
    sigma (lowered by its place in a word); ``None`` otherwise."""
    lower = text.lower()
    if len(lower) != len(text) or "\u03a3" in text:
        return None
    out = lower
    for char in set("".join(_NON_ASCII.findall(lower))):
        folded = _CHAR_FOLDS.get(char, "")
        if folded == "":
            folded = _CHAR_FOLDS[char] = _char_fold(char)
        if folded is None:
            return None
        if folded != char:
            out = out.replace(char, folded)
    return out


_CHAR_FOLDS: dict[str, str | None] = {}
"""A lowered character folded alone (``None``: not alone), computed once per character."""


def _char_fold(char: str) -> str | None:
    if _COMBINING.match(char):
        return None
    base = _COMBINING.sub("", unicodedata.normalize("NFD", char))
    if len(base) != 1 or unicodedata.combining(base):
        return None
    folded = base.translate(_FOLD_TABLE)
    return folded if len(folded) == 1 and (folded.isascii() or folded == char) else None


@lru_cache(maxsize=16)
def _folded(text: str) -> str:
    # The find_* functions are often called in turn on the same text.
    return fold(text)


# --- helpers -------------------------------------------------------------------------
#
# Speed: a regular expression that starts with a lookbehind or a character class is
# tried at every position of the text (about 0.3 ms on 20 kB each). So each finder
# scans the text once or twice for cheap anchors (a literal such as "€", "mois", a
# month name, a digit), then runs its detailed expressions in small windows around them.


def _bounds(text: str, start: int, end: int | None) -> tuple[int, int]:
    stop = len(text) if end is None else min(max(end, 0), len(text))
    return min(max(start, 0), stop), stop


def _found(text: str, value: T, start: int, end: int) -> Found[T]:
    return Found(value, start, end, text[start:end])


def _longest_first(candidates: Iterable[Found[T]]) -> list[Found[T]]:
    """Non-overlapping candidates, longer ones winning, in text order."""
    starts: list[int] = []
    chosen: list[Found[T]] = []
    for candidate in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        i = bisect_right(starts, candidate.start)
        if (i > 0 and chosen[i - 1].end > candidate.start) or (
            i < len(chosen) and chosen[i].start < candidate.end
        ):
            continue
        starts.insert(i, candidate.start)
        chosen.insert(i, candidate)
    return chosen


def _word_anchors(
    patterns: Iterable[re.Pattern[str]], folded: str, start: int, end: int
) -> list[tuple[int, int]]:
    """Spans of the (literal-led) anchor patterns that do not continue a word."""
    return sorted(
        m.span()
        for pattern in patterns
        for m in pattern.finditer(folded, start, end)
        if not (m.group()[0].isalpha() and m.start() > 0 and folded[m.start() - 1].isalpha())
    )


def _near(
    pattern: re.Pattern[str],
    folded: str,
    anchors: list[tuple[int, int]],
    bounds: tuple[int, int],
    before: int,
    after: int,
) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` containing an anchor, looked for only in windows around anchors.

    Every pattern used here contains its anchor, so scanning the merged windows finds
    what scanning the whole text would, in a fraction of the time.
    """
    windows: list[list[int]] = []
    for anchor_start, anchor_end in anchors:
        low, high = max(bounds[0], anchor_start - before), min(bounds[1], anchor_end + after)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    starts = [anchor_start for anchor_start, _ in anchors]
    for low, high in windows:
        for match in pattern.finditer(folded, low, high):
            i = bisect_left(starts, match.start())
            if i < len(anchors) and anchors[i][1] <= match.end():
                yield match


_DIGIT_RUN = lazy(r"[0-9](?<![0-9][0-9])[0-9]*")
