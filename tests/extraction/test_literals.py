"""Searching from the literals matches start with (``pacte.extraction.literals``) or from
the expression without its opening assertions (``pacte.extraction.heads``): the same
matches as the compiled expression, for every expression of the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_lazy_patterns import PATTERNS

from pacte.extraction import branches as branches_module
from pacte.extraction import heads as heads_module
from pacte.extraction import literals as literals_module
from pacte.extraction.branches import branch_starts
from pacte.extraction.heads import stripped_head
from pacte.extraction.lazy import _by_starts
from pacte.extraction.literals import MIN_TEXT, find_all, find_first, start_literals
from pacte.extraction.text import fold

DOCUMENTS = Path(__file__).parent / "documents"


def _texts() -> list[str]:
    """Deliberations and conventions (60 kB), as written and folded without line breaks."""
    raw = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCUMENTS.glob("*.txt")))
    raw = raw[:30_000] + raw[-30_000:]
    return [raw, fold(raw).replace("\n", " ")]


TEXTS = _texts()
WITH_LITERALS = [
    (where, pattern)
    for where, pattern in PATTERNS
    if start_literals(pattern.pattern, int(pattern._flags)) is not None
]


def test_many_expressions_start_with_literals() -> None:
    assert len(WITH_LITERALS) > 100


@pytest.mark.parametrize("where, pattern", WITH_LITERALS, ids=[w for w, _ in WITH_LITERALS])
def test_the_literals_find_what_the_expression_finds(where: str, pattern, monkeypatch) -> None:
    compiled = pattern.compiled
    literals = start_literals(pattern.pattern, int(pattern._flags))
    assert literals is not None
    search, finditer = _by_starts(compiled, literals, literals_module)
    for text in TEXTS:
        for pos, endpos in ((0, len(text)), (137, len(text) - 911), (-5, 10**9)):
            expected = [(m.span(), m.groups()) for m in compiled.finditer(text, pos, endpos)]
            assert [(m.span(), m.groups()) for m in finditer(text, pos, endpos)] == expected
            first = compiled.search(text, pos, endpos)
            got = search(text, pos, endpos)
            assert _seen(got) == _seen(first)
            # the literals' search alone, with no fallback, and with one at once
            low, high = max(pos, 0), min(endpos, len(text))
            for cost in (1, 10**6):
                monkeypatch.setattr(literals_module, "CANDIDATE_COST", cost)
                found = find_all(compiled, literals, text, low, high)
                assert [(m.span(), m.groups()) for m in found] == expected
                first_found = find_first(compiled, literals, text, low, high)
                assert _seen(first_found) == _seen(first)
            monkeypatch.undo()


def _seen(match: re.Match[str] | None) -> object:
    return match and (match.span(), match.groups())


def test_the_literals_of_an_expression() -> None:
    assert start_literals(r"\bd'une part\b", 0) == ("d'une pa",)
    assert start_literals(r"(?:^|\n)le maire", re.MULTILINE) == ("\nle mair", "le maire")
    # cut shorter where that makes them fewer
    assert start_literals(r"\b(?:le|la) (?:conseil|commission)", 0) == ("la co", "le co")
    assert start_literals(r"\b(?:adopte|vote)e?s? a l", 0) == ("adop", "vote")
    assert start_literals(r"\b[ab]cd", 0) == ("acd", "bcd")
    assert start_literals(r"[ab]c", 0) is None  # the matcher skips to [ab] itself
    assert start_literals(r"(?:ab)+x", 0) == ("ab",)
    assert start_literals(r"(?:ab)*xy", 0) == ("ab", "xy")
    assert start_literals(r"(?:ab)*x", 0) is None  # « x » alone: too short to help
    assert start_literals(r"a?", 0) is None  # may be empty
    assert start_literals(r"[^a]bc", 0) is None
    assert start_literals(r"(?i:ab)c", 0) is None


def test_a_short_text_is_searched_as_usual() -> None:
    compiled = re.compile(r"\bd'une part\b")
    search, finditer = _by_starts(compiled, ("d'une part",), literals_module)
    text = "x d'une part" + " " * (MIN_TEXT - 20)
    assert search(text).span() == (2, 12)
    assert [m.span() for m in finditer(text)] == [(2, 12)]


WITH_HEADS = [
    (where, pattern)
    for where, pattern in PATTERNS
    if start_literals(pattern.pattern, int(pattern._flags)) is None
    and stripped_head(pattern.pattern, int(pattern._flags)) is not None
]


def test_some_expressions_are_searched_from_their_head() -> None:
    assert len(WITH_HEADS) > 10


@pytest.mark.parametrize("where, pattern", WITH_HEADS, ids=[w for w, _ in WITH_HEADS])
def test_the_head_finds_what_the_expression_finds(where: str, pattern, monkeypatch) -> None:
    compiled = pattern.compiled
    head = stripped_head(pattern.pattern, int(pattern._flags))
    assert head is not None
    for text in TEXTS:
        for pos, endpos in ((0, len(text)), (137, len(text) - 911)):
            expected = [(m.span(), m.groups()) for m in compiled.finditer(text, pos, endpos)]
            first = compiled.search(text, pos, endpos)
            for cost in (1, 10**6):  # no fallback, then at once
                monkeypatch.setattr(heads_module, "CANDIDATE_COST", cost)
                found = heads_module.find_all(compiled, head, text, pos, endpos)
                assert [(m.span(), m.groups()) for m in found] == expected
                assert _seen(heads_module.find_first(compiled, head, text, pos, endpos)) == _seen(
                    first
                )
            monkeypatch.undo()


def test_the_head_of_an_expression() -> None:
    head = stripped_head(r"(?:^|(?<=\s))(\d{1,3}) membres", re.MULTILINE)
    assert head is not None and head.search("a 12 membres").span() == (2, 12)
    assert stripped_head(r"\b(a|b)x\1", 0) is None  # the group would be referred to unset
    assert stripped_head(r"^\s*abc", 0) is None  # tried at the start only
    assert stripped_head(r"(?<=x)\s*", 0) is None  # may match empty


def test_a_lookbehind_of_literals_tells_where_a_match_starts() -> None:
    assert start_literals(r"(?<=ab)\s*cd|\befgh", 0) == ("efgh", "ab\x00")
    compiled = re.compile(r"(?<=delibere,)\s*a la majorite\b|\bvotes?\s*:\s*majorite")
    literals = start_literals(compiled.pattern, 0)
    assert literals is not None
    text = ("apres en avoir delibere, a la majorite " * 40) + "vote : majorite"
    expected = [m.span() for m in compiled.finditer(text, 30, len(text))]
    assert [m.span() for m in find_all(compiled, literals, text, 30, len(text))] == expected
    assert start_literals(r"(?<=x)y?", 0) is None  # may match empty


WITH_BRANCHES = [
    (where, pattern)
    for where, pattern in PATTERNS
    if start_literals(pattern.pattern, int(pattern._flags)) is None
    and stripped_head(pattern.pattern, int(pattern._flags)) is None
    and branch_starts(pattern.pattern, int(pattern._flags)) is not None
]


def test_some_expressions_are_searched_alternative_by_alternative() -> None:
    assert len(WITH_BRANCHES) > 10


@pytest.mark.parametrize("where, pattern", WITH_BRANCHES, ids=[w for w, _ in WITH_BRANCHES])
def test_the_alternatives_find_what_the_expression_finds(where: str, pattern, monkeypatch) -> None:
    compiled = pattern.compiled
    starts = branch_starts(pattern.pattern, int(pattern._flags))
    assert starts is not None
    for text in TEXTS:
        for pos, endpos in ((0, len(text)), (137, len(text) - 911)):
            expected = [(m.span(), m.groups()) for m in compiled.finditer(text, pos, endpos)]
            first = compiled.search(text, pos, endpos)
            for cost in (1, 10**6):  # no fallback, then at once
                monkeypatch.setattr(branches_module, "CANDIDATE_COST", cost)
                monkeypatch.setattr(literals_module, "CANDIDATE_COST", cost)
                found = branches_module.find_all(compiled, starts, text, pos, endpos)
                assert [(m.span(), m.groups()) for m in found] == expected
                first_found = branches_module.find_first(compiled, starts, text, pos, endpos)
                assert _seen(first_found) == _seen(first)
                present = branches_module.present(starts, text, pos, endpos)
                assert present or first is None
            monkeypatch.undo()
