"""Every test document with a ``NAME.expected.json`` gives exactly those key terms.

The expectations were written by hand, from the documents only (see
``bench/eval_key_terms.py``, which prints the same comparison member by member). The free
wording of an instalment's trigger and of an amount's label is not compared.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pacte.extraction.pipeline import extract

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from eval_key_terms import DEFAULT, comparable, documents  # noqa: E402

PAIRS = documents([DEFAULT])
CONVENTIONS = [
    (path, expected)
    for path, expected in PAIRS
    if "convention" in json.loads(expected.read_text(encoding="utf-8"))["doc_type"]
]


def test_the_documents_are_found() -> None:
    assert len(PAIRS) >= 6


@pytest.mark.parametrize(("path", "expected_path"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_key_terms_as_expected(path: Path, expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    got = extract(path.read_bytes(), path.name).key_terms
    assert set(got) == set(expected)
    for member, value in expected.items():
        assert comparable(member, got[member]) == comparable(member, value), member


@pytest.mark.parametrize(
    ("path", "expected_path"), CONVENTIONS, ids=[p.name for p, _ in CONVENTIONS]
)
def test_a_convention_gives_valid_terms(path: Path, expected_path: Path) -> None:
    """Masked identifiers are left out with a note, a title is found: the terms validate."""
    result = extract(path.read_bytes(), path.name)
    terms = result.terms()
    assert terms.title and terms.parties
