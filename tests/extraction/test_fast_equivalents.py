"""Hand-made fast paths of the extraction give what the expressions they stand for give,
on random texts made of the pieces that matter."""

from __future__ import annotations

import random
import re

from pacte.extraction.deliberation.acts import _REPORT, _committee_report
from pacte.extraction.sentences import _first_standalone


def _texts(pieces: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def test_the_committee_report_is_the_expressions_first_match() -> None:
    pieces = [
        "M. Jean DUPONT",
        ", ",
        ",",
        " ",
        "\n",
        "au nom de la commission des finances",
        "AU NOM DES commissions réunies",
        " expose :",
        "expose:",
        "x" * 70,
        "Mme Lé",
        ";",
        "au nom du",
        "Au Nom De La ",
        "commission",
        " et ",
        "İ",
    ]
    for text in _texts(pieces, 5000, 3):
        expected, got = _REPORT.search(text), _committee_report(text)
        assert (got and (got.span(), got.groups())) == (
            expected and (expected.span(), expected.groups())
        ), text


def test_a_name_standing_alone_is_found_where_the_expression_finds_it() -> None:
    pieces = ["la ville", " ", "de", "_", "é", "villes", "2", "'", "-", "la villela ville"]
    for text in _texts(pieces, 5000, 4):
        for name in ("la ville", "ville", "e", "la villela"):
            expected = re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text)
            assert _first_standalone(name, text) == (expected and expected.start()), (name, text)


def test_a_long_text_folded_by_its_characters_is_folded_as_a_whole(monkeypatch) -> None:
    from pacte.extraction.french import base

    alphabet = (
        "abcdeéèêëàâäôöîïùûüçÉÈÊÀÂÔÎÛÇœŒæÆ’‘–—\u00a0\u202f ,.;:!?\n0123456789ABCXYZ"
        "ſßẞİıΣσςΑΒάÅÅǅǄﬁﬀ①²ᵉʳ\u0301\u0327ⅣⅫ\u0f73\u0f71Ǆǆ"
    )
    rng = random.Random(5)
    texts = []
    for _ in range(1500):
        chosen = rng.sample(alphabet, rng.randint(3, 30))
        texts.append("".join(rng.choice(chosen) for _ in range(rng.choice((400, 1000)))))
    by_chars = [base.fold(text) for text in texts]
    assert sum(base._fold_by_chars(text) is not None for text in texts) > 300
    monkeypatch.setattr(base, "_LONG", 10**9)  # the whole text folded at once
    assert by_chars == [base.fold(text) for text in texts]


def test_dates_without_an_o_by_a_figure_are_left_as_they_are() -> None:
    from pacte.extraction import layout

    pieces = [
        "14/O3/2O23",
        "O2/ 02/2O23",
        "1 4 MARS ",
        "MARS 2O23",
        "mars 2023",
        "OO/12/2023",
        "12.O1.1999",
        " ",
        "\n",
        "BERTELOOT",
        "O",
        "2",
        "/",
        ".",
        "3O/11/2O2O",
        "O1/O1/2OOO",
        "2O24",
    ]
    for text in _texts(pieces, 5000, 9):
        every, checked = list(text), list(text)
        layout._ocr_dates(every, text)
        layout._ocr_dates(checked, text, layout._O_BY_FIGURE.search(text) is not None)
        assert every == checked, text
