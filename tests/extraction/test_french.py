"""French parsing primitives: table-driven cases from real acts, spans, properties."""

from __future__ import annotations

import doctest
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacte.extraction import french
from pacte.extraction.french import (
    DateKind,
    Found,
    Unit,
    find_amounts,
    find_dates,
    find_durations,
    find_numbers,
    find_percents,
    find_years,
    fold,
    parse_amount,
    parse_date,
    parse_number,
)

EXACT, DEADLINE, END_OF_YEAR, FROM, MONTH = (
    DateKind.EXACT,
    DateKind.DEADLINE,
    DateKind.END_OF_YEAR,
    DateKind.FROM,
    DateKind.MONTH,
)


def spans_hold(text: str, found: Sequence[Found[Any]]) -> bool:
    """Every span is the text it claims, in range, sorted and not overlapping."""
    previous_end = 0
    for f in found:
        if not (previous_end <= f.start < f.end <= len(text)) or text[f.start : f.end] != f.text:
            return False
        previous_end = f.end
    return True


# --- a French number-words writer, for the round trip ---------------------------------

_UNITS = [
    *("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
    *("dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"),
]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_100(n: int, final: bool) -> list[str]:
    if n < 17:
        return [_UNITS[n]]
    if n < 20:
        return ["dix", _UNITS[n - 10]]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        head = ["soixante"] if tens == 7 else ["quatre", "vingt"]
        return [*head, "et", "onze"] if n == 71 else [*head, *_below_100(10 + unit, final)]
    if tens == 8:
        return (
            ["quatre", "vingts" if final else "vingt"]
            if unit == 0
            else ["quatre", "vingt", _UNITS[unit]]
        )
    if unit == 0:
        return [_TENS[tens]]
    return [_TENS[tens], "et", "un"] if unit == 1 else [_TENS[tens], _UNITS[unit]]


def _below_1000(n: int, final: bool) -> list[str]:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_100(rest, final)
    head = (
        ["cent"]
        if hundreds == 1
        else [_UNITS[hundreds], "cents" if rest == 0 and final else "cent"]
    )
    return head if rest == 0 else [*head, *_below_100(rest, final)]


def french_words(n: int, joiner: str = "-") -> str:
    """0 ≤ n < 1 000 000 in words; ``joiner`` " " writes the old spacing, "-" the 1990 one."""
    thousands, rest = divmod(n, 1000)
    words = (
        []
        if thousands == 0
        else ["mille"]
        if thousands == 1
        else [*_below_1000(thousands, False), "mille"]
    )
    if rest or not words:
        words += _below_1000(rest, True)
    return joiner.join(words)


def test_the_writer_writes_french() -> None:
    assert french_words(80) == "quatre-vingts"
    assert french_words(71, " ") == "soixante et onze"
    assert french_words(200_000, " ") == "deux cent mille"
    assert french_words(91) == "quatre-vingt-onze"


# --- fold -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Économie Sociale d’Alsace", "economie sociale d'alsace"),
        ("DÉCEMBRE", "decembre"),
        ("10\u00a0000\u202f€", "10 000 €"),
        ("2012 – 2014", "2012 - 2014"),
        ("1ᵉʳ novembre", "1er novembre"),
        ("œuvre ŒUVRE", "œuvre œuvre"),
        ("ÇA, À, ÈS", "ca, a, es"),
        ("İstanbul", "istanbul"),
        ("e\u0301te\u0301", "e\u0301te\u0301"),  # decomposed accents stay, length kept
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@given(st.text())
def test_fold_keeps_the_length(text: str) -> None:
    assert len(fold(text)) == len(text)


# --- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("deux cent cinquante", 250),
        ("trois", 3),
        ("un", 1),
        ("une", 1),
        ("12", 12),
        ("4 000", 4000),
        ("quatre mille", 4000),
        ("dix-huit", 18),
        ("dix-sept", 17),
        ("soixante-dix", 70),
        ("soixante et onze", 71),
        ("soixante-dix-sept", 77),
        ("quatre-vingts", 80),
        ("quatre-vingt-onze", 91),
        ("quatre vingt dix neuf", 99),
        ("vingt et un", 21),
        ("vingt-et-un", 21),
        ("cent", 100),
        ("cent un", 101),
        ("mille", 1000),
        ("deux mil vingt-trois", 2023),
        ("deux mille neuf", 2009),
        ("mille neuf cent quatre-vingt-dix-neuf", 1999),
        ("un million", 1_000_000),
        ("deux millions trois cent mille", 2_300_000),
        ("un milliard", 1_000_000_000),
        ("12 millions", 12_000_000),
        ("zéro", 0),
        ("Quatre Mille", 4000),
        ("septante", 70),
        ("nonante-neuf", 99),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "deux trois", "un mille", "cent cents", "milliard", "vingt zéro", "12,5"]
)
def test_parse_number_refuses(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_round_trips_every_number_below_2100() -> None:
    for n in range(2100):
        assert parse_number(french_words(n)) == n, french_words(n)
        assert parse_number(french_words(n, " ")) == n, french_words(n, " ")


@settings(max_examples=400)
@given(st.integers(0, 999_999), st.sampled_from(["-", " "]))
def test_parse_number_round_trips_the_writer(n: int, joiner: str) -> None:
    assert parse_number(french_words(n, joiner)) == n


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elle compte deux cent cinquante organisations", [("deux cent cinquante", 250)]),
        ("Comme les 18 autres CRESS", [("18", 18)]),
        ("Article 3 : Financement", [("3", 3)]),
        ("10 000 habitants", [("10 000", 10000)]),
        ("vingt et un membres", [("vingt et un", 21)]),
        ("trois quatre", [("trois", 3), ("quatre", 4)]),
        ("un comité, une fois par an", []),  # articles, not numbers
        ("Mme MILLE - M. CENT", []),  # names
        ("Tél. 03 80 74 51 51", []),
        ("+33 3 80 74 51 51", []),
        ("12,5 et 3.5", []),  # decimals are not whole numbers
        ("fonds FD2I", []),
        ("en 2009 300 personnes", [("2009", 2009), ("300", 300)]),
    ],
)
def test_find_numbers(text: str, expected: list[tuple[str, int]]) -> None:
    found = find_numbers(text)
    assert [(f.text, f.value) for f in found] == expected
    assert spans_hold(text, list(found))


# --- years ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009", [2009]),
        ("pour l'année 2009", [2009]),
        ("au titre de 2009", [2009]),
        ("Convention 2012 – 2014", [2012, 2014]),
        ("2009-2010", [2009, 2010]),
        ("association loi 1901", [1901]),
        ("Territoires 2030", [2030]),
        ("le 30.03.2009", [2009]),
        ("Fait à Dijon, le/...../2009", [2009]),
        ("L'an deux mil vingt-trois", [2023]),
        ("l'année deux mille neuf", [2009]),
        ("une subvention de 2000 €", []),
        ("2000 euros", []),
        ("21000 Dijon", []),
        ("BP 2010", []),
        ("loi n° 2000-321", []),  # an identifier
        ("1 666 €", []),
        ("12,2009", []),
        ("1799", []),
    ],
)
def test_find_years(text: str, expected: list[int]) -> None:
    found = find_years(text)
    assert [f.value for f in found] == expected
    assert spans_hold(text, list(found))


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1er novembre 2012", date(2012, 11, 1)),
        ("1^{er} novembre 2012", date(2012, 11, 1)),
        ("1ER NOVEMBRE 2012", date(2012, 11, 1)),
        ("premier novembre 2012", date(2012, 11, 1)),
        ("1ᵉʳ novembre 2012", date(2012, 11, 1)),
        ("1er\nnovembre 2012", date(2012, 11, 1)),
        ("9/04/09", date(2009, 4, 9)),
        ("1/1/99", date(1999, 1, 1)),
        ("- 7 AVR. 2009", date(2009, 4, 7)),
        ("30.03.2009", date(2009, 3, 30)),
        ("30-03-2009", date(2009, 3, 30)),
        ("12 / 04 / 2013", date(2013, 4, 12)),
        ("2009-03-30", date(2009, 3, 30)),
        ("le jeudi 30 novembre 2023", date(2023, 11, 30)),
        ("L'an deux mil vingt-trois, le jeudi 30 novembre", date(2023, 11, 30)),
        ("L'an deux mille neuf, le trente mars", date(2009, 3, 30)),
        ("trente mars deux mille neuf", date(2009, 3, 30)),
        ("le trente et un décembre deux mil quatorze", date(2014, 12, 31)),
        ("le vingt et un mai 2012", date(2012, 5, 21)),
        ("15 janv. 2013", date(2013, 1, 15)),
        ("15 févr. 2013", date(2013, 2, 15)),
        ("15 fev 2013", date(2013, 2, 15)),
        ("3 juil. 2014", date(2014, 7, 3)),
        ("12 sept. 2012", date(2012, 9, 12)),
        ("4 oct. 2012", date(2012, 10, 4)),
        ("5 nov. 2012", date(2012, 11, 5)),
        ("6 déc. 2012", date(2012, 12, 6)),
        ("6 decembre 2012", date(2012, 12, 6)),
        ("1er août 2012", date(2012, 8, 1)),
        ("le 29 février 2012", date(2012, 2, 29)),
        ("jusqu'au 30 juin 2013", date(2013, 6, 30)),
        ("fin 2013", date(2013, 12, 31)),
        ("à partir de 2014", date(2014, 1, 1)),
        ("novembre 2012", date(2012, 11, 1)),
        ("31/02/2013", None),
        ("le 29 février 2013", None),
        ("32 mars 2013", None),
        ("avant le 1er juillet", None),  # no year to take
        ("Article 3", None),
        ("Tél. 03 80 74 51 51", None),
        ("mars", None),
        ("séance du 30 mars 2009", None),  # more than a date
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Séance du 30 mars 2009", [("30 mars 2009", date(2009, 3, 30), EXACT)]),
        ("PUBLIÉ LE 9/04/09", [("9/04/09", date(2009, 4, 9), EXACT)]),
        ("Déposé le :\n\n- 7 AVR. 2009", [("7 AVR. 2009", date(2009, 4, 7), EXACT)]),
        (
            "du 1^{er} novembre 2012 au 31 décembre 2014",
            [
                ("1^{er} novembre 2012", date(2012, 11, 1), EXACT),
                ("31 décembre 2014", date(2014, 12, 31), EXACT),
            ],
        ),
        (
            "La 1^{ère} étape, jusqu'au 30 juin 2013,",
            [("jusqu'au 30 juin 2013", date(2013, 6, 30), DEADLINE)],
        ),
        (
            "au plus tard le 31 mars 2014",
            [("au plus tard le 31 mars 2014", date(2014, 3, 31), DEADLINE)],
        ),
        (
            "date limite : 15 mars 2013",
            [("date limite : 15 mars 2013", date(2013, 3, 15), DEADLINE)],
        ),
        ("fin juin 2013", [("fin juin 2013", date(2013, 6, 30), DEADLINE)]),
        (
            "au plus tard fin juin 2013",
            [("au plus tard fin juin 2013", date(2013, 6, 30), DEADLINE)],
        ),
        ("jusqu'en juin 2013", [("jusqu'en juin 2013", date(2013, 6, 30), DEADLINE)]),
        (
            "d'ici la fin de l'année 2013.",
            [("d'ici la fin de l'année 2013", date(2013, 12, 31), END_OF_YEAR)],
        ),
        ("fin 2013", [("fin 2013", date(2013, 12, 31), END_OF_YEAR)]),
        (
            "avant la fin de l'année 2013",
            [("avant la fin de l'année 2013", date(2013, 12, 31), END_OF_YEAR)],
        ),
        ("jusqu'en 2014", [("jusqu'en 2014", date(2014, 12, 31), END_OF_YEAR)]),
        ("à partir de 2014.", [("à partir de 2014", date(2014, 1, 1), FROM)]),
        (
            "à compter du 1er janvier 2015",
            [("à compter du 1er janvier 2015", date(2015, 1, 1), FROM)],
        ),
        ("dès 2014", [("dès 2014", date(2014, 1, 1), FROM)]),
        ("dès le 1er janvier 2013", [("dès le 1er janvier 2013", date(2013, 1, 1), FROM)]),
        (
            "à compter de l'exercice 2015",
            [("à compter de l'exercice 2015", date(2015, 1, 1), FROM)],
        ),
        ("à partir de janvier 2015", [("à partir de janvier 2015", date(2015, 1, 1), FROM)]),
        ("depuis le 1er mars 2010", [("depuis le 1er mars 2010", date(2010, 3, 1), FROM)]),
        ("publiée par la CRES en novembre 2011.", [("novembre 2011", date(2011, 11, 1), MONTH)]),
        # "des" without its accent is the article: the date stays exact, the year alone is none.
        ("des le 1er janvier 2013", [("1er janvier 2013", date(2013, 1, 1), EXACT)]),
        ("des 2014 conventions", []),
        (
            "loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens",
            [("12 avril 2000", date(2000, 4, 12), EXACT)],
        ),
        ("Tél. 03 80 74 51 51", []),
        ("01.02.03.04.05", []),
        ("Article 3 - Financement", []),
        ("31/02/2013", []),
        ("la décision du maire, Mme MAI", []),
        ("le mois de novembre", []),
        ("2012 – 2014", []),  # years alone are not dates (see find_years)
        ("4 000 € en 2009", []),
    ],
)
def test_find_dates(text: str, expected: list[tuple[str, date, DateKind]]) -> None:
    found = find_dates(text)
    assert [(f.text, f.value.value, f.value.kind) for f in found] == expected
    assert spans_hold(text, list(found))


def test_a_day_without_year_takes_the_year_written_before() -> None:
    text = "Pour 2013, le bilan est remis avant le 1er juillet. Le 30 novembre 2014, fin."
    found = find_dates(text)
    assert [(f.text, f.value.value, f.value.kind, f.value.year_inferred) for f in found] == [
        ("avant le 1er juillet", date(2013, 7, 1), DEADLINE, True),
        ("30 novembre 2014", date(2014, 11, 30), EXACT, False),
    ]


def test_find_dates_reports_offsets_in_the_whole_text() -> None:
    text = "Séance du 30 mars 2009. Déposé le 7 AVR. 2009."
    found = find_dates(text, 20)
    assert [(f.start, f.end, f.text) for f in found] == [(34, 45, "7 AVR. 2009")]
    # Cut before its year, "30 mars" takes the nearest year of the whole text.
    [cut] = find_dates(text, 0, 20)
    assert (cut.text, cut.value.year_inferred) == ("30 mars", True)
    assert [f.text for f in find_dates(text, 0, 22)] == ["30 mars 2009"]


def test_longest_expression_wins() -> None:
    [found] = find_dates("L'an deux mil vingt-trois, le jeudi 30 novembre")
    assert found.start == 0 and found.value.value == date(2023, 11, 30)


# --- amounts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("à hauteur de 4000 € en 2009", [("4000 €", "4000")]),
        ("une subvention de 4 000€ au titre de 2009", [("4 000€", "4000")]),
        ("de fonctionnement de 10 000 €.", [("10 000 €", "10000")]),
        ("s'élève donc à 1 666 €.", [("1 666 €", "1666")]),
        ("4 000,50 €", [("4 000,50 €", "4000.50")]),
        ("4 000 ,50 €", [("4 000 ,50 €", "4000.50")]),
        ("4.000 €", [("4.000 €", "4000")]),
        ("12.50 €", [("12.50 €", "12.50")]),
        ("4 000 euros", [("4 000 euros", "4000")]),
        ("5 EUROS", [("5 EUROS", "5")]),
        ("1 666,67 EUR", [("1 666,67 EUR", "1666.67")]),
        ("15 k€", [("15 k€", "15000")]),
        ("12,5 M€", [("12,5 M€", "12500000")]),
        ("1,5 million d'euros", [("1,5 million d'euros", "1500000")]),
        ("2 millions d'euros", [("2 millions d'euros", "2000000")]),
        ("1 500 000,00 €", [("1 500 000,00 €", "1500000.00")]),
        ("0,50 €", [("0,50 €", "0.50")]),
        ("quatre mille euros", [("quatre mille euros", "4000")]),
        ("deux millions d'euros", [("deux millions d'euros", "2000000")]),
        ("vingt mille euros", [("vingt mille euros", "20000")]),
        ("un euro symbolique", [("un euro", "1")]),
        ("quatre mille (4 000) euros", [("quatre mille (4 000) euros", "4000")]),
        (
            "quatre mille euros et cinquante centimes",
            [("quatre mille euros et cinquante centimes", "4000.5")],
        ),
        (
            "la somme de quatre mille euros (4 000 €)",
            [("quatre mille euros", "4000"), ("4 000 €", "4000")],
        ),
        (
            "Total des dépenses\t3 000 €\tTotal des recettes\t3 000 €",
            [("3 000 €", "3000"), ("3 000 €", "3000")],
        ),
        ("pour 2009, 40 € par mois", [("40 €", "40")]),
        ("Un acompte de 70 %", []),
        ("association loi 1901", []),
        ("Tél. 03 80 74 51 51", []),
        ("la valeur de leur euro", []),
        ("deux cent cinquante organisations", []),
    ],
)
def test_find_amounts(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_amounts(text)
    assert [(f.text, f.value) for f in found] == [(t, Decimal(v)) for t, v in expected]
    assert spans_hold(text, list(found))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4 000 €", "4000"),
        ("1 666,67 EUR", "1666.67"),
        ("quatre mille euros", "4000"),
        ("4 000", "4000"),
        ("4 000,50", "4000.50"),
        ("deux cent cinquante", "250"),
        ("15 k€", "15000"),
        ("environ 4 000 € et 3 000 €", None),
        ("beaucoup", None),
    ],
)
def test_parse_amount(text: str, value: str | None) -> None:
    assert parse_amount(text) == (None if value is None else Decimal(value))


# --- percents -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Un acompte de 70 % sera versé", [("70 %", "70")]),
        ("70%", [("70%", "70")]),
        ("les 30 % restants", [("30 %", "30")]),
        ("soixante-dix pour cent", [("soixante-dix pour cent", "70")]),
        ("vingt-cinq pour cent", [("vingt-cinq pour cent", "25")]),
        ("cent pour cent", [("cent pour cent", "100")]),
        ("12,5 %", [("12,5 %", "12.5")]),
        ("0,5%", [("0,5%", "0.5")]),
        ("5 p. 100", [("5 p. 100", "5")]),
        ("100 pourcent", [("100 pourcent", "100")]),
        ("70 % puis 30 %", [("70 %", "70"), ("30 %", "30")]),
        ("4 000 €", []),
        ("les 18 autres", []),
    ],
)
def test_find_percents(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_percents(text)
    assert [(f.text, f.value) for f in found] == [(t, Decimal(v)) for t, v in expected]
    assert spans_hold(text, list(found))


# --- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dans un délai de trois mois précédant", [("trois mois", (3, Unit.MONTH))]),
        ("pour une période d'un an renouvelable", [("un an", (1, Unit.YEAR))]),
        ("pour une durée de 3 ans, c'est-à-dire", [("3 ans", (3, Unit.YEAR))]),
        ("une durée de 36 mois", [("36 mois", (36, Unit.MONTH))]),
        ("deux années", [("deux années", (2, Unit.YEAR))]),
        ("une année", [("une année", (1, Unit.YEAR))]),
        ("quinze jours", [("quinze jours", (15, Unit.DAY))]),
        ("trente et un jours", [("trente et un jours", (31, Unit.DAY))]),
        ("quatre-vingt-dix jours", [("quatre-vingt-dix jours", (90, Unit.DAY))]),
        ("1 an", [("1 an", (1, Unit.YEAR))]),
        ("un (1) an", [("un (1) an", (1, Unit.YEAR))]),
        ("trois (3) mois", [("trois (3) mois", (3, Unit.MONTH))]),
        ("vingt-quatre (24) mois", [("vingt-quatre (24) mois", (24, Unit.MONTH))]),
        ("dix-huit mois", [("dix-huit mois", (18, Unit.MONTH))]),
        ("deux semaines", [("deux semaines", (14, Unit.DAY))]),
        ("12mois", [("12mois", (12, Unit.MONTH))]),
        ("fiche action 2\n\nMois de l'économie sociale", []),
        ("L'an deux mil vingt-trois", []),
        ("le mois de novembre", []),
        ("les deux derniers mois", []),
        ("chaque année", []),
    ],
)
def test_find_durations(text: str, expected: list[tuple[str, tuple[int, Unit]]]) -> None:
    found = find_durations(text)
    assert [(f.text, f.value) for f in found] == expected
    assert spans_hold(text, list(found))


# --- the seeds ------------------------------------------------------------------------


@pytest.mark.seeds
def test_dijon_seed(shared_seeds: Path) -> None:
    text = (shared_seeds / "000_79e629759667edb2.txt").read_text(encoding="utf-8")
    dates = [(f.text, f.value.value, f.value.kind) for f in find_dates(text)]
    assert dates == [
        ("30 mars 2009", date(2009, 3, 30), EXACT),
        ("9/04/09", date(2009, 4, 9), EXACT),
        ("7 AVR. 2009", date(2009, 4, 7), EXACT),
        ("30 mars 2009", date(2009, 3, 30), EXACT),
        ("dès 2005", date(2005, 1, 1), FROM),
    ]
    assert [f.value for f in find_amounts(text)][:3] == [Decimal(4000)] * 3
    assert [f.text for f in find_percents(text)] == ["70 %", "30 %"]
    assert [f.value for f in find_durations(text)][:2] == [(1, Unit.YEAR), (3, Unit.MONTH)]
    assert 250 in [f.value for f in find_numbers(text)]


@pytest.mark.seeds
def test_bas_rhin_seed(shared_seeds: Path) -> None:
    text = (shared_seeds / "002_f17edaa4ee8fdfa6.txt").read_text(encoding="utf-8")
    dates = [(f.text, f.value.value, f.value.kind) for f in find_dates(text)]
    assert dates == [
        ("22 octobre 2012", date(2012, 10, 22), EXACT),
        ("13 septembre 2012", date(2012, 9, 13), EXACT),
        ("d'ici la fin de l'année 2013", date(2013, 12, 31), END_OF_YEAR),
        ("à partir de 2014", date(2014, 1, 1), FROM),
        ("novembre 2011", date(2011, 11, 1), MONTH),
        ("jusqu'au 30 juin 2013", date(2013, 6, 30), DEADLINE),
        ("1^{er} novembre 2012", date(2012, 11, 1), EXACT),
        ("31 décembre 2014", date(2014, 12, 31), EXACT),
    ]
    assert [(f.text, f.value) for f in find_amounts(text)] == [
        ("10 000 €", Decimal(10000)),
        ("1 666 €", Decimal(1666)),
    ]
    assert [f.value for f in find_years(text)][:2] == [2012, 2014]
    assert [f.value for f in find_durations(text)] == [(3, Unit.YEAR)]


@pytest.mark.seeds
def test_every_finder_runs_on_the_seeds(shared_seeds: Path) -> None:
    """A smoke run on the full texts; speed is reported by hand, never asserted."""
    for path in sorted(shared_seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for finder in FINDERS:
            assert spans_hold(text, list(finder(text)))


# --- properties -----------------------------------------------------------------------

FINDERS = [find_dates, find_years, find_amounts, find_percents, find_durations]
_FRENCHISH = st.lists(
    st.sampled_from(
        [
            *"0123456789 /.-,:'’\n%€()^{}éèàûçÉ",
            "er",
            "1er",
            "mars",
            "avr.",
            "fin",
            "dès",
            "jusqu'au ",
            "à partir de ",
            "l'an ",
            "deux ",
            "mille ",
            "vingt",
            "-et-un",
            " euros",
            " mois",
            " an",
            "pour cent",
            "2009",
            "k€",
            "un ",
            "le ",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300)
@given(
    st.one_of(st.text(max_size=200), _FRENCHISH),
    st.integers(-5, 90),
    st.one_of(st.none(), st.integers(-5, 90)),
)
def test_finders_never_raise_and_keep_spans_in_range(
    text: str, start: int, end: int | None
) -> None:
    low = max(0, min(start, len(text)))
    high = len(text) if end is None else max(low, min(max(end, 0), len(text)))
    for finder in [*FINDERS, find_numbers]:
        found = list(finder(text, start, end))
        assert all(
            low <= f.start < f.end <= high and text[f.start : f.end] == f.text for f in found
        )
        assert [f.start for f in found] == sorted(f.start for f in found)
    for finder in FINDERS:  # numbers may touch ("2009", "300"), the others never overlap
        assert spans_hold(text, list(finder(text, start, end)))


@settings(max_examples=200)
@given(st.one_of(st.text(max_size=60), _FRENCHISH))
def test_parsers_never_raise(text: str) -> None:
    parse_date(text)
    parse_amount(text)
    parse_number(text)


def test_doctests() -> None:
    # the package and each of its modules (base, numbers, dates, quantities)
    import importlib
    import pkgutil

    modules = [french] + [
        importlib.import_module(info.name)
        for info in pkgutil.iter_modules(french.__path__, prefix=f"{french.__name__}.")
    ]
    assert len(modules) == 5
    assert all(doctest.testmod(module).failed == 0 for module in modules)


def test_a_date_spaced_by_the_ocr() -> None:
    from pacte.extraction.french import find_dates

    assert [d.value.value.isoformat() for d in find_dates("mise en ligne : 02/ 02/2023")] == [
        "2023-02-02"
    ]
