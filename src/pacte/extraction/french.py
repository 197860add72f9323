"""French-language parsing primitives: dates, years, numbers, amounts, percents, durations.

Administrative acts write the same value in many ways: "1er novembre 2012",
"1^{er} novembre 2012", "9/04/09", "- 7 AVR. 2009", "L'an deux mil vingt-trois, le
jeudi 30 novembre"; "4 000 €", "4000 €", "quatre mille euros", "15 k€". Every ``find_*``
function returns :class:`Found` values carrying their character span in the *given*
text, so a later stage can tell what surrounds them (a date inside "loi n° 2000-321 du
12 avril 2000" belongs to the law, not to the convention).

All regular expressions run on :func:`fold` of the text, which has the same length as
the text, so spans map back one to one. The functions are pure and need no Django.

>>> [f.value.value.isoformat() for f in find_dates("du 1^{er} novembre 2012 au 31 décembre 2014")]
['2012-11-01', '2014-12-31']
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Generic, TypeVar

__all__ = [
    "DateKind",
    "DateValue",
    "Found",
    "Unit",
    "find_amounts",
    "find_dates",
    "find_durations",
    "find_numbers",
    "find_percents",
    "find_years",
    "fold",
    "parse_amount",
    "parse_date",
    "parse_number",
]

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
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


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
    lower = text.lower()
    if len(lower) == len(text) and not _COMBINING.search(text):
        # Fast path: strip the marks NFD splits off, then fold what is left over.
        stripped = _COMBINING.sub("", unicodedata.normalize("NFD", lower))
        if len(stripped) == len(text):
            return _NON_ASCII.sub(_fold_run, stripped)
    return "".join(map(_fold_char, text))  # _fold_char always gives one character


@lru_cache(maxsize=16)
def _folded(text: str) -> str:
    # The find_* functions are often called in turn on the same text.
    return fold(text)


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
_WORD_TOKEN = re.compile(r"[a-z]+")

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


_DIGITS_NUMBER = re.compile(r"\d{1,3}(?: \d{3})+|\d{1,18}")
_DIGITS_MULTIPLIED = re.compile(r"(\d{1,15}(?:[ .]\d{3})*)\s+(mille|millions?|milliards?)")


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
        count = int(re.sub(r"[ .]", "", multiplied.group(1)))
        return count * _MULTIPLIERS[_SPELLINGS.get(multiplied.group(2), multiplied.group(2))]
    if not re.fullmatch(_WORDS, folded):
        return None
    return _value(_tokens(folded, 0, len(folded)))


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


_DIGIT_RUN = re.compile(r"[0-9](?<![0-9][0-9])[0-9]*")


# --- numbers -------------------------------------------------------------------------

_HONORIFIC_BEFORE = re.compile(r"(?:\b(?:m|mme|mlle|me|mr|dr)\.?|madame|monsieur|mademoiselle)\s+$")
_NUMBER_WORDS = re.compile(_WORDS)
_DIGITS = re.compile(
    r"[0-9](?<![0-9,.a-z][0-9])(?:[0-9]{0,2}(?: [0-9]{3})+|[0-9]{0,17})(?![0-9]|[,.][0-9])"
)
_PHONE = re.compile(r"(?:\+33\s?|0)[1-9](?:[ .-]?[0-9]{2}){4}(?![0-9])")


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


# --- years ---------------------------------------------------------------------------

_NOT_MONEY = r"(?!\d|[.,]\d| \d{3}(?!\d)|\s*(?:€|%|euros?(?![a-z])|eur(?![a-z])|k€|m€))"
_YEAR_DIGITS = re.compile(rf"[12](?<![0-9][12])(?<![0-9],[12])[0-9]{{3}}{_NOT_MONEY}")
_NOT_A_YEAR_BEFORE = re.compile(r"\b(?:bp|cs|cedex|tel|n°|no|numero)\.?\s*$")
_YEAR_WORDS = [re.compile(rf"{lead}\s+(?P<w>{_WORDS})") for lead in ("l'an", "annee", "exercice")]


def _year_words(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """(year, end) of a year written in words at the start of folded[start:end]."""
    tokens = _tokens(folded, start, end)
    prefix = _longest_prefix(tokens)
    if prefix is None or not 1800 <= prefix[0] <= 2199:
        return None
    return prefix[0], tokens[prefix[1] - 1][2]


def find_years(text: str, start: int = 0, end: int | None = None) -> list[Found[int]]:
    """Years 1800–2199 in digits ("2012 – 2014" gives both) or in words after "l'an", "année".

    Numbers followed by a currency or a percent sign, postal box numbers and parts of
    larger numbers are not years.

    >>> [f.value for f in find_years("Convention 2012 – 2014 : 4000 € pour l'année 2012, 2000 €.")]
    [2012, 2014, 2012]
    """
    start, end = _bounds(text, start, end)
    folded = _folded(text)
    found = [
        _found(text, int(m.group()), m.start(), m.end())
        for m in _YEAR_DIGITS.finditer(folded, start, end)
        if 1800 <= int(m.group()) <= 2199
        and not _NOT_A_YEAR_BEFORE.search(folded, max(0, m.start() - 8), m.start())
    ]
    for pattern in _YEAR_WORDS:
        for m in pattern.finditer(folded, start, end):
            if m.start() > 0 and folded[m.start() - 1].isalpha():
                continue
            year = _year_words(folded, m.start("w"), m.end("w"))
            if year:
                found.append(_found(text, year[0], m.start("w"), year[1]))
    return sorted(found, key=lambda f: f.start)


# --- dates ---------------------------------------------------------------------------

_MONTHS = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?![a-z])"
_MONTH_ANCHOR = re.compile(_MONTH)
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DAY = (
    r"(?:(?P<first>(?<![\d,.])1\s?(?:er|\^\{?er\}?)|(?<![a-z])premier)(?![a-z])"
    rf"|(?P<dnum>(?<![\d,.])\d{{1,2}})|(?P<dword>{_WORDS}))"
)
_TEXTUAL = re.compile(
    rf"(?:(?<![a-z]){_WEEKDAY}\s+)?(?:{_DAY}\s*,?\s*)?(?<![a-z])(?P<month>{_MONTH})\.?"
    rf"(?:\s*,?\s*(?:(?P<year>(?<!\d)\d{{4}}(?!\d))|(?P<yword>(?<![a-z])(?:deux|mille?)[\s-]+{_WORDS})))?"
)
_LAN_BEFORE = re.compile(
    rf"(?<![a-z])l'an\s+(?P<y>{_WORDS})\s*,?\s*(?:et\s+)?(?:le\s+)?(?:{_WEEKDAY}\s+)?$"
)
_NUMERIC = re.compile(
    r"(?<![\d/.,-])(?P<d>\d{1,2})(?P<sep>/|\s/\s|[.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?!\d|[/.-]\d)"
)
_ISO = re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d|-\d)")
_SPACED = re.compile(
    r"(?<![\d/.,-])(?P<d>\d{1,2}) ?/ ?(?P<m>\d{1,2}) ?/ ?(?P<y>\d{4})(?!\d|[/.-]\d)"
)
"""A date whose slashes the OCR spaced (« 02/ 02/2023 »): with a year of four digits."""
_YEAR_AT = re.compile(rf"\d{{4}}{_NOT_MONEY}")
_YEAR_TRIGGER = re.compile(
    r"(?<![a-z'])(?:"
    r"(?P<end>(?:(?:(?:d'ici|avant|au\s+plus\s+tard|jusqu'a|pour|a)\s+)?(?:la\s+)?fin\s+"
    r"(?:(?:de\s+l'annee|de\s+l'exercice|d'annee|d'exercice|de\s+l'an|de)\s+)?"
    r"|jusqu'en\s+(?:l'annee\s+)?))"
    r"|(?P<from>(?:a\s+partir\s+de|a\s+compter\s+de|a\s+dater\s+de|(?P<des>des)|depuis)\s+"
    r"(?:(?:l'annee|l'exercice|l'an)\s+)?))$"
)
_YEAR_TRIGGER_WORDS = ("fin", "jusqu", "partir", "compter", "dater", "des", "depuis")
_TRIGGER = re.compile(
    r"(?<![a-z'])(?:(?P<from>a\s+partir\s+(?:du|de|d')|a\s+compter\s+(?:du|de|d')|a\s+dater\s+du"
    r"|(?P<des>des)(?:\s+le)?|depuis(?:\s+le)?)"
    r"|(?P<deadline>jusqu'(?:au|a\s+la\s+date\s+du|a|en)|au\s+plus\s+tard(?:\s+(?:le|au|en|a\s+la\s+date\s+du))?"
    r"|avant(?:\s+(?:le|la\s+date\s+du))?|d'ici(?:\s+(?:le|au|a|en))?|date\s+limite\s*:?(?:\s*le)?)"
    r"|(?P<end>(?:(?:au\s+plus\s+tard|avant|d'ici|jusqu'a|a\s+la)\s+)?fin(?:\s+du\s+mois)?(?:\s+de)?))"
    r"\s*$"
)


def _day_of_month(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _two_digit_year(year: str) -> int:
    value = int(year)
    if len(year) == 2:
        return 2000 + value if value < 50 else 1900 + value
    return value


@dataclass(frozen=True)
class _Core:
    """A date expression before its trigger ("jusqu'au", "à partir du") is looked at."""

    start: int
    end: int
    year: int | None
    month: int
    day: int | None


def _textual_core(folded: str, match: re.Match[str]) -> _Core | None:
    month = _MONTHS[match.group("month")]
    start, end = match.start(), match.end()
    day: int | None = None
    if match.group("first"):
        day = 1
    elif match.group("dnum"):
        day = int(match.group("dnum"))
    elif match.group("dword"):
        tokens = _tokens(folded, match.start("dword"), match.end("dword"))
        suffix = _shortest_suffix(tokens)
        if suffix is None or not 1 <= suffix[0] <= 31:
            return None
        if start == match.start("dword"):
            start = tokens[suffix[1]][1]
        day = suffix[0]
    if day is None:  # a weekday before a month alone is not part of it
        start = match.start("month")
    year: int | None = None
    if match.group("year"):
        year = int(match.group("year"))
    elif match.group("yword"):
        words = _year_words(folded, match.start("yword"), match.end("yword"))
        if words:
            year, end = words
    if year is None:
        end = match.end("month")
        if (
            folded[end : end + 1] == "."
            and len(match.group("month")) <= 4
            and match.group("month") not in ("mai", "juin", "mars")
        ):
            end += 1  # "7 avr." keeps its dot; "le 1er mai." does not
        if day is None:
            return None
    elif not 1000 <= year <= 2999:
        return None
    return _Core(start, end, year, month, day)


def _textual_cores(folded: str, start: int, end: int) -> Iterator[_Core]:
    anchors = _word_anchors([_MONTH_ANCHOR], folded, start, end)
    months = {anchor_start for anchor_start, _ in anchors}
    for match in _near(_TEXTUAL, folded, anchors, (start, end), 40, 40):
        if match.start("month") not in months:
            continue
        core = _textual_core(folded, match)
        if core is None:
            continue
        if core.year is None:  # "L'an deux mil vingt-trois, le jeudi 30 novembre"
            lan = _LAN_BEFORE.search(folded, max(start, core.start - 60), core.start)
            year = _year_words(folded, lan.start("y"), lan.end("y")) if lan else None
            if lan and year:
                core = _Core(lan.start(), core.end, year[0], core.month, core.day)
        yield core


def _has_grave(text: str, start: int) -> bool:
    """Whether "des" at ``start`` is written "dès" (folding loses the accent)."""
    return text[start + 1 : start + 2] in ("è", "È")


def _inferred_year(years: list[Found[int]], position: int) -> int | None:
    before = [f.value for f in years if f.end <= position]
    if before:
        return before[-1]
    after = [f.value for f in years if f.start >= position]
    return after[0] if after else None


def _year_only(text: str, folded: str, run: re.Match[str], start: int) -> Found[DateValue] | None:
    """ "fin 2013", "d'ici la fin de l'année 2013", "à partir de 2014", "dès 2014"."""
    window = max(start, run.start() - 50)
    if not any(word in folded[window : run.start()] for word in _YEAR_TRIGGER_WORDS):
        return None
    trigger = _YEAR_TRIGGER.search(folded, window, run.start())
    if trigger is None or not _YEAR_AT.match(folded, run.start()):
        return None
    if trigger.group("des") and not _has_grave(text, trigger.start("des")):
        return None
    year = int(run.group())
    if trigger.group("end"):
        value = DateValue(date(year, 12, 31), DateKind.END_OF_YEAR)
    else:
        value = DateValue(date(year, 1, 1), DateKind.FROM)
    return _found(text, value, trigger.start(), run.end())


_ACT_NUMBER = re.compile(r"(?:\bn[°o]|\bnº|\bnumero|\bref\.?)\s*:?\s*$")
"""What introduces an act's number (« délibération n° 2024-07-05 »)."""


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[Found[DateValue]]:
    """Date expressions in ``text[start:end]``, with their kind; longest wins on overlap.

    The span includes a trigger that changes the kind ("jusqu'au 30 juin 2013" is a
    deadline, "à partir de 2014" a start). Impossible days (31/02/2013) are left out; a
    day without year takes the nearest year written before it.

    >>> [(f.text, f.value.kind.value) for f in find_dates("Séance du 30 mars 2009, jusqu'au 30 juin 2013")]
    [('30 mars 2009', 'exact'), ("jusqu'au 30 juin 2013", 'deadline')]

    A number written like a date after « n° », « numéro » or « réf. » is not a date:

    >>> [f.text for f in find_dates("délibération n° 2024-07-05 du 4 juillet 2024")]
    ['4 juillet 2024']
    """
    start, end = _bounds(text, start, end)
    folded = _folded(text)
    candidates: list[Found[DateValue]] = []
    cores = list(_textual_cores(folded, start, end))
    for run in _DIGIT_RUN.finditer(folded, start, end):
        numeric = (
            _NUMERIC.match(folded, run.start(), end)
            or _ISO.match(folded, run.start(), end)
            or _SPACED.match(folded, run.start(), end)
        )
        if numeric:
            numbers = (int(numeric.group("m")), int(numeric.group("d")))
            full_year = _two_digit_year(numeric.group("y"))
            cores.append(_Core(numeric.start(), numeric.end(), full_year, *numbers))
        elif len(run.group()) == 4:
            year_only = _year_only(text, folded, run, start)
            if year_only:
                candidates.append(year_only)
    years: list[Found[int]] | None = None
    for core in cores:
        if _ACT_NUMBER.search(folded, max(start, core.start - 12), core.start):
            continue  # « délibération n° 2024-07-05 »: the act's number, not a date
        trigger = _TRIGGER.search(folded, max(start, core.start - 40), core.start)
        if trigger and trigger.group("des") and not _has_grave(text, trigger.start("des")):
            trigger = None
        if trigger and trigger.group("end") and core.day is not None:
            trigger = None  # "fin" goes with a month: "fin juin 2013"
        inferred = core.year is None
        if core.year is None and years is None:
            years = find_years(text)
        year = core.year if core.year is not None else _inferred_year(years or [], core.start)
        if year is None:
            continue
        kind = DateKind.EXACT if core.day is not None else DateKind.MONTH
        if trigger:
            kind = DateKind.FROM if trigger.group("from") else DateKind.DEADLINE
        if core.day is not None:
            day = core.day
        else:  # a month: its last day for a deadline, else its first
            day = calendar.monthrange(year, core.month)[1] if kind is DateKind.DEADLINE else 1
        value = _day_of_month(year, core.month, day)
        if value is None:
            continue
        begin = trigger.start() if trigger else core.start
        candidates.append(_found(text, DateValue(value, kind, inferred), begin, core.end))
    return _longest_first(candidates)


def _alone(text: str, finder: Callable[[str], list[Found[T]]], extra: str = "") -> T | None:
    """The value of the one expression making up ``text`` (spaces and punctuation aside)."""
    found = finder(text)
    if len(found) != 1:
        return None
    rest = fold(text[: found[0].start] + " " + text[found[0].end :])
    if re.fullmatch(rf"[\s,.;:()\-]*(?:{extra})?[\s,.;:()\-]*", rest) is None:
        return None
    return found[0].value


def parse_date(text: str) -> date | None:
    """The day written by one date expression, else None (also for impossible days).

    >>> parse_date("1er novembre 2012"), parse_date("9/04/09"), parse_date("31/02/2013")
    (datetime.date(2012, 11, 1), datetime.date(2009, 4, 9), None)
    """
    value = _alone(text, find_dates, r"le|du|en|au")
    if value is None or value.year_inferred:
        return None
    return value.value


# --- amounts, percents, durations ----------------------------------------------------

# 4 000 | 4.000 | 4000 | 4 000,50 | 4 000 ,50 | 1,5 | 12.5
_NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:[ .]\d{3})+|\d{1,15})(?:\s?,\d{1,2}|\.\d{1,2})?(?!\d)"
_CURRENCY = r"(?:€|(?:d')?euros?(?![a-z])|eur(?![a-z]))"
_CURRENCY_ANCHORS = [re.compile("€"), re.compile(r"eur(?:os?)?(?![a-z])")]
_SCALES = {
    "k": 1_000,
    "m": 1_000_000,
    "md": 1_000_000_000,
    "mds": 1_000_000_000,
    "mille": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
}
_AMOUNT_DIGITS = re.compile(
    rf"(?P<num>{_NUMBER})\s*(?:(?P<scale>k|mds|md|m|mille|millions?|milliards?)\s*)?{_CURRENCY}"
)
_AMOUNT_WORDS = re.compile(
    rf"(?P<words>{_WORDS})(?:\s*\(\s*(?P<paren>{_NUMBER})\s*(?:€|euros?)?\s*\))?\s*{_CURRENCY}"
    rf"(?:\s+et\s+(?P<cents>{_WORDS}|\d{{1,2}})\s+centimes?(?![a-z]))?"
)
_LONGEST_WORDS = 200  # "deux millions cinq cent soixante-dix-sept mille quatre cent…"


def _decimal(number: str) -> Decimal:
    """Decimal of a matched ``_NUMBER``: spaces and dots group thousands, comma is decimal."""
    number = number.replace(" ", "")
    if "," in number:
        whole, fraction = number.split(",")
        return Decimal(whole.replace(".", "") + "." + fraction)
    if re.search(r"\.\d{1,2}$", number):
        return Decimal(number)
    return Decimal(number.replace(".", ""))


def _words_before(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """(value, start) of the number in words ending at ``end`` (the longest that is one)."""
    tokens = _tokens(folded, start, end)
    suffix = _shortest_suffix(tokens)
    return (suffix[0], tokens[suffix[1]][1]) if suffix else None


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[Found[Decimal]]:
    """Sums of money in euros: a number with "€", "euros", "EUR", "k€", "million d'euros".

    Numbers without a currency are not amounts. When words and digits are both given
    ("quatre mille (4 000) euros") the words count, as they do in law.

    >>> [(f.value, f.text) for f in find_amounts("une subvention de 4 000€ au titre de 2009, soit 70 %")]
    [(Decimal('4000'), '4 000€')]
    """
    start, end = _bounds(text, start, end)
    folded = _folded(text)
    anchors = _word_anchors(_CURRENCY_ANCHORS, folded, start, end)
    found: list[Found[Decimal]] = []
    for m in _near(_AMOUNT_DIGITS, folded, anchors, (start, end), 40, 10):
        value = _decimal(m.group("num")) * _SCALES.get(m.group("scale") or "", 1)
        if m.group("scale") and value == value.to_integral_value():
            value = value.quantize(Decimal(1))  # 1,5 million → 1500000, not 1500000.0
        found.append(_found(text, value, m.start(), m.end()))
    for m in _near(_AMOUNT_WORDS, folded, anchors, (start, end), _LONGEST_WORDS, 40):
        words = _words_before(folded, m.start("words"), m.end("words"))
        if words is None:
            continue
        value = Decimal(words[0])
        if m.group("cents"):
            cents = parse_number(m.group("cents"))
            if cents is None or cents > 99:
                continue
            value += Decimal(cents) / 100
        found.append(_found(text, value, words[1], m.end()))
    return _longest_first(found)


def parse_amount(text: str) -> Decimal | None:
    """The sum written in ``text`` (currency optional here), else None.

    >>> parse_amount("1 666,67 EUR"), parse_amount("quatre mille euros"), parse_amount("4 000")
    (Decimal('1666.67'), Decimal('4000'), Decimal('4000'))
    """
    value = _alone(text, find_amounts)
    if value is not None:
        return value
    folded = fold(text).strip()
    if re.fullmatch(_NUMBER, folded):
        return _decimal(folded)
    number = parse_number(folded)
    return None if number is None else Decimal(number)


_PERCENT_ANCHORS = [
    re.compile("%"),
    re.compile(r"pour\s*cents?(?![a-z])"),
    re.compile(r"p\.\s?100(?!\d)"),
]
_PERCENT_DIGITS = re.compile(rf"(?P<num>{_NUMBER})\s*(?:%|pour\s*cents?(?![a-z])|p\.\s?100(?!\d))")
_PERCENT_WORDS = re.compile(rf"(?P<words>{_WORDS})\s+pour\s*cents?(?![a-z])")


def find_percents(text: str, start: int = 0, end: int | None = None) -> list[Found[Decimal]]:
    """Percentages: "70 %", "12,5 %", "soixante-dix pour cent", "5 p. 100".

    >>> [(f.value, f.text) for f in find_percents("Un acompte de 70 % puis les 30 % restants.")]
    [(Decimal('70'), '70 %'), (Decimal('30'), '30 %')]
    """
    start, end = _bounds(text, start, end)
    folded = _folded(text)
    anchors = _word_anchors(_PERCENT_ANCHORS, folded, start, end)
    found = [
        _found(text, _decimal(m.group("num")), m.start(), m.end())
        for m in _near(_PERCENT_DIGITS, folded, anchors, (start, end), 30, 0)
    ]
    for m in _near(_PERCENT_WORDS, folded, anchors, (start, end), _LONGEST_WORDS, 0):
        words = _words_before(folded, m.start("words"), m.end("words"))
        if words:
            found.append(_found(text, Decimal(words[0]), words[1], m.end()))
    return _longest_first(found)


_UNITS_OF_TIME = {
    "an": (Unit.YEAR, 1),
    "ans": (Unit.YEAR, 1),
    "annee": (Unit.YEAR, 1),
    "annees": (Unit.YEAR, 1),
    "mois": (Unit.MONTH, 1),
    "jour": (Unit.DAY, 1),
    "jours": (Unit.DAY, 1),
    "semaine": (Unit.DAY, 7),
    "semaines": (Unit.DAY, 7),
}
_TIME_ANCHORS = [
    re.compile(r"an(?:nees?|s)?(?![a-z])"),
    re.compile(r"mois(?![a-z])"),
    re.compile(r"jours?(?![a-z])"),
    re.compile(r"semaines?(?![a-z])"),
]
# At most one line break between the number and its unit: "fiche action 2\n\nMois de…"
_ONE_BREAK = r"[^\S\n]*\n?[^\S\n]*"
_DURATION = re.compile(
    rf"(?:(?P<num>(?<![\d,.])\d{{1,5}})|(?P<words>{_WORDS}))(?:\s*\(\s*(?:(?P<paren>\d{{1,5}})|[a-z' -]{{2,40}})\s*\))?{_ONE_BREAK}"
    r"(?P<unit>annees|annee|ans|an|mois|jours|jour|semaines|semaine)(?![a-z])"
)


def find_durations(
    text: str, start: int = 0, end: int | None = None
) -> list[Found[tuple[int, Unit]]]:
    """Lengths of time: "trois mois", "d'un an" (→ 1 year), "36 mois", "un (1) an".

    Weeks are given in days ("deux semaines" → 14 days).

    >>> [(f.value, f.text) for f in find_durations("pour une période d'un an, préavis de trois mois")]
    [((1, <Unit.YEAR: 'year'>), 'un an'), ((3, <Unit.MONTH: 'month'>), 'trois mois')]
    >>> [f.value for f in find_durations("une durée de 3 (trois) ans")]
    [(3, <Unit.YEAR: 'year'>)]
    """
    start, end = _bounds(text, start, end)
    folded = _folded(text)
    anchors = _word_anchors(_TIME_ANCHORS, folded, start, end)
    found: list[Found[tuple[int, Unit]]] = []
    for m in _near(_DURATION, folded, anchors, (start, end), _LONGEST_WORDS, 0):
        unit, factor = _UNITS_OF_TIME[m.group("unit")]
        if m.group("num"):
            count, begin = int(m.group("num")), m.start()
        else:
            words = _words_before(folded, m.start("words"), m.end("words"))
            if words is None:
                if not m.group("paren"):
                    continue
                words = (int(m.group("paren")), m.start("paren"))
            count, begin = words
        found.append(_found(text, (count * factor, unit), begin, m.end()))
    return _longest_first(found)
