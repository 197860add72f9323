"""Every test document with a ``NAME.expected.json`` gives those key terms, member by member.

The expectations were written by hand, from the documents only (``bench/eval_key_terms.py``
prints the same comparison). The free wording of an instalment's trigger and of an
amount's label is not compared. ``KNOWN_MISSES`` lists what the extraction still gets
wrong: each is an expected failure (strict), so fixing one makes its test fail until the
line is removed here.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

import pytest

from pacte.extraction.pipeline import Extraction, extract

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from eval_key_terms import DEFAULT, comparable, documents  # noqa: E402

PAIRS = documents([DEFAULT])
KNOWN_MISSES: set[tuple[str, str]] = {
    ("set4-03_cc_scic_ressourcerie_nous", "authorising_deliberation_dates"),
    ("set4-03_cc_scic_ressourcerie_nous", "amounts"),
}


def _expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _extracted(path: Path) -> Extraction:
    return extract(path.read_bytes(), path.name)


CASES = [
    pytest.param(
        path,
        expected_path,
        member,
        id=f"{path.stem}-{member}",
        marks=[pytest.mark.xfail(strict=True, reason="pas encore lu")]
        if (path.stem, member) in KNOWN_MISSES
        else [],
    )
    for path, expected_path in PAIRS
    for member in _expected(expected_path)
]
KNOWN_INVALID: set[str] = {
    "set4-06_agglo_scop_investissement",
}
"""Conventions whose extracted terms do not validate yet (expected failures, strict)."""
CONVENTIONS = [
    pytest.param(
        path,
        expected,
        id=path.name,
        marks=[pytest.mark.xfail(strict=True, reason="termes incomplets")]
        if path.stem in KNOWN_INVALID
        else [],
    )
    for path, expected in PAIRS
    if "convention" in _expected(expected)["doc_type"]
]


def test_the_documents_are_found() -> None:
    assert len(PAIRS) >= 12
    assert all(set(_expected(e)) == set(_extracted(p).key_terms) for p, e in PAIRS)


@pytest.mark.parametrize(("path", "expected_path", "member"), CASES)
def test_key_term_as_expected(path: Path, expected_path: Path, member: str) -> None:
    expected = _expected(expected_path)[member]
    got = _extracted(path).key_terms[member]
    assert comparable(member, got) == comparable(member, expected)


@pytest.mark.parametrize(("path", "expected_path"), CONVENTIONS)
def test_a_convention_gives_valid_terms(path: Path, expected_path: Path) -> None:
    """Masked identifiers are left out with a note, a title is found: the terms validate."""
    terms = _extracted(path).terms()
    assert terms.title and terms.parties
