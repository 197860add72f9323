"""Years and dates in all their written forms (« 1er novembre 2012 », « 9/04/09 »,
« - 7 AVR. 2009 », « L'an deux mil vingt-trois, le jeudi 30 novembre », « jusqu'au 30
juin 2013 », « à partir de 2014 »)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from pacte.extraction.french.base import (
    _DIGIT_RUN,
    DateKind,
    DateValue,
    Found,
    T,
    _bounds,
    _folded,
    _found,
    _longest_first,
    _near,
    _word_anchors,
    fold,
)
from pacte.extraction.french.numbers import (
    _WORDS,
    _longest_prefix,
    _shortest_suffix,
    _tokens,
)
from pacte.extraction.lazy import lazy

# --- years ---------------------------------------------------------------------------

_NOT_MONEY = r"(?!\d|[.,]\d| \d{3}(?!\d)|\s*(?:€|%|euros?(?![a-z])|eur(?![a-z])|k€|m€))"
_YEAR_DIGITS = lazy(rf"[12](?<![0-9][12])(?<![0-9],[12])[0-9]{{3}}{_NOT_MONEY}")
_NOT_A_YEAR_BEFORE = lazy(r"\b(?:bp|cs|cedex|tel|n°|no|numero)\.?\s*$")
_YEAR_WORDS = [lazy(rf"{lead}\s+(?P<w>{_WORDS})") for lead in ("l'an", "annee", "exercice")]


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
_MONTH_ANCHOR = lazy(_MONTH)
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DAY = (
    r"(?:(?P<first>(?<![\d,.])1\s?(?:(?:er|\^\{?er\}?|e['’])(?![a-z])|[″°])"
    r"|(?<![a-z])premier(?![a-z]))"
    rf"|(?P<dnum>(?<![\d,.])\d{{1,2}})|(?P<dword>{_WORDS}))"
)
_TEXTUAL = lazy(
    rf"(?:(?<![a-z]){_WEEKDAY}\s+)?(?:{_DAY}\s*,?\s*)?(?<![a-z])(?P<month>{_MONTH})\.?"
    rf"(?:\s*,?\s*(?:(?P<year>(?<!\d)\d{{4}}(?!\d))|(?P<yword>(?<![a-z])(?:deux|mille?)[\s-]+{_WORDS})))?"
)
_LAN_BEFORE = lazy(
    rf"(?<![a-z])l'an\s+(?P<y>{_WORDS})\s*,?\s*(?:et\s+)?(?:le\s+)?(?:{_WEEKDAY}\s+)?$"
)
_NUMERIC = lazy(
    r"(?<![\d/.,-])(?P<d>\d{1,2})(?P<sep>/|\s/\s|[.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?!\d|[/.-]\d)"
)
_ISO = lazy(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d|-\d)")
_SPACED = lazy(r"(?<![\d/.,-])(?P<d>\d{1,2}) ?/ ?(?P<m>\d{1,2}) ?/ ?(?P<y>\d{4})(?!\d|[/.-]\d)")
"""A date whose slashes the OCR spaced (« 02/ 02/2023 »): with a year of four digits."""
_YEAR_AT = lazy(rf"\d{{4}}{_NOT_MONEY}")
_YEAR_TRIGGER = lazy(
    r"(?<![a-z'])(?:"
    r"(?P<end>(?:(?:(?:d'ici|avant|au\s+plus\s+tard|jusqu'a|pour|a)\s+)?(?:la\s+)?fin\s+"
    r"(?:(?:de\s+l'annee|de\s+l'exercice|d'annee|d'exercice|de\s+l'an|de)\s+)?"
    r"|jusqu'en\s+(?:l'annee\s+)?))"
    r"|(?P<from>(?:a\s+partir\s+de|a\s+compter\s+de|a\s+dater\s+de|(?P<des>des)|depuis)\s+"
    r"(?:(?:l'annee|l'exercice|l'an)\s+)?))$"
)
_YEAR_TRIGGER_WORDS = ("fin", "jusqu", "partir", "compter", "dater", "des", "depuis")
_TRIGGER = lazy(
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
    if not 1800 <= year <= 2199:
        return None  # « dès 0000 »: no year
    if trigger.group("end"):
        value = DateValue(date(year, 12, 31), DateKind.END_OF_YEAR)
    else:
        value = DateValue(date(year, 1, 1), DateKind.FROM)
    return _found(text, value, trigger.start(), run.end())


_ACT_NUMBER = lazy(r"(?:\bn[°o]|\bnº|\bnumero|\bref\.?)\s*:?\s*$")
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
