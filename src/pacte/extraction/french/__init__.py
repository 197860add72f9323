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

from pacte.extraction.french.base import DateKind, DateValue, Found, Unit, fold
from pacte.extraction.french.dates import find_dates, find_years, parse_date
from pacte.extraction.french.numbers import find_numbers, parse_number
from pacte.extraction.french.quantities import (
    find_amounts,
    find_durations,
    find_percents,
    parse_amount,
)

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
