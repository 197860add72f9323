"""Amounts (« 4 000 € », « quatre mille euros », « 15 k€ »), percentages and durations
(« trois mois », « d'un an »)."""

from __future__ import annotations

import re
from decimal import Decimal

from pacte.extraction import rx
from pacte.extraction.french.base import (
    Found,
    Unit,
    _bounds,
    _folded,
    _found,
    _longest_first,
    _near,
    _word_anchors,
    fold,
)
from pacte.extraction.french.dates import (
    _alone,
)
from pacte.extraction.french.numbers import (
    _WORDS,
    _shortest_suffix,
    _tokens,
    parse_number,
)
from pacte.extraction.lazy import lazy

# --- amounts, percents, durations ----------------------------------------------------

# 4 000 | 4.000 | 4000 | 4 000,50 | 4 000 ,50 | 1,5 | 12.5
_NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:[ .]\d{3})+|\d{1,15})(?:\s?,\d{1,2}|\.\d{1,2})?(?!\d)"
_CURRENCY = r"(?:€|(?:d')?euros?(?![a-z])|eur(?![a-z]))"
_CURRENCY_ANCHORS = [lazy("€"), lazy(r"eur(?:os?)?(?![a-z])")]
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
_AMOUNT_DIGITS = lazy(
    rf"(?P<num>{_NUMBER})\s*(?:(?P<scale>k|mds|md|m|mille|millions?|milliards?)\s*)?{_CURRENCY}"
)
_AMOUNT_WORDS = lazy(
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
    if rx.search(r"\.\d{1,2}$", number):
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
    lazy("%"),
    lazy(r"pour\s*cents?(?![a-z])"),
    lazy(r"p\.\s?100(?!\d)"),
]
_PERCENT_DIGITS = lazy(rf"(?P<num>{_NUMBER})\s*(?:%|pour\s*cents?(?![a-z])|p\.\s?100(?!\d))")
_PERCENT_WORDS = lazy(rf"(?P<words>{_WORDS})\s+pour\s*cents?(?![a-z])")


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
    lazy(r"an(?:nees?|s)?(?![a-z])"),
    lazy(r"mois(?![a-z])"),
    lazy(r"jours?(?![a-z])"),
    lazy(r"semaines?(?![a-z])"),
]
# At most one line break between the number and its unit: "fiche action 2\n\nMois de…"
_ONE_BREAK = r"[^\S\n]*\n?[^\S\n]*"
_DURATION = lazy(
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
