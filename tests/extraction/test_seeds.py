"""Extraction of the two seed documents: the whole terms, field by field, and the key terms.

The fixtures in tests/fixtures/seeds hold every fact of each document, reviewed by hand;
the extraction must give each of them (it may give more, never less or other).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pacte.extraction.pipeline import extract_text
from pacte.terms import Convention

pytestmark = pytest.mark.seeds

SEEDS = {"dijon": "000_79e629759667edb2.txt", "bas_rhin": "002_f17edaa4ee8fdfa6.txt"}


def _leaves(node: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(node, dict):
        return [
            leaf
            for key, value in node.items()
            for leaf in _leaves(value, f"{path}.{key}" if path else key)
        ]
    if isinstance(node, list):
        return [
            leaf for index, value in enumerate(node) for leaf in _leaves(value, f"{path}[{index}]")
        ]
    return [(path, node)]


def _at(node: Any, path: str) -> Any:
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        try:
            node = node[int(index)] if index else node[name]
        except (KeyError, IndexError, TypeError):
            return "<absent>"
    return node


@pytest.mark.parametrize("name", SEEDS)
def test_extraction_gives_every_fact_of_the_fixture(
    name: str, shared_seeds: Path, request: pytest.FixtureRequest
) -> None:
    expected: Convention = request.getfixturevalue(name)
    text = (shared_seeds / SEEDS[name]).read_text(encoding="utf-8")
    extracted = extract_text(text, SEEDS[name]).terms()
    want = expected.model_dump(mode="json", exclude_defaults=True)
    got = extracted.model_dump(mode="json", exclude_defaults=True)
    leaves = [(path, value) for path, value in _leaves(want) if path != "reference"]
    assert len(leaves) > 150
    wrong = [(path, value, _at(got, path)) for path, value in leaves if _at(got, path) != value]
    assert wrong == []


def test_dijon_key_terms(shared_seeds: Path) -> None:
    key = extract_text((shared_seeds / SEEDS["dijon"]).read_text(encoding="utf-8")).key_terms
    assert key["doc_type"] == "deliberation+convention"
    assert key["session_date"] == "2009-03-30"
    assert key["president"] == "REBSAMEN"
    assert (
        key["members_present"],
        key["members_excused"],
        key["proxies"],
        key["members_absent"],
    ) == (53, 2, 2, 0)
    assert key["vote"] == {"result": "unanimous", "for": None, "against": None, "abstention": None}
    assert (key["publication_date"], key["prefecture_date"]) == ("2009-04-09", "2009-04-07")
    assert key["parties"] == [
        {
            "name": "Ville de Dijon",
            "role": "public_authority",
            "representative": "François Rebsamen",
        },
        {
            "name": "Chambre Régionale de l'Economie Sociale et Solidaire de Bourgogne",
            "role": "beneficiary",
            "representative": "Jean-Louis Cabrespines",
        },
    ]
    assert key["authorising_deliberation_dates"] == ["2009-03-30"]
    assert (key["signature_date"], key["start_date"], key["end_date"]) == (None, None, None)
    assert key["duration"] == {"value": 1, "unit": "year"}
    assert key["renewal"] == "tacit"
    assert key["termination_notice"] == {"value": 3, "unit": "month"}
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [("4000.00", 2009)]
    assert [i["percent"] for i in key["installments"]] == ["70", "30"]
    assert key["installments"][0]["trigger"].startswith("à la signature")
    assert key["steering_committee_frequency"] == "yearly"


def test_bas_rhin_key_terms(shared_seeds: Path) -> None:
    key = extract_text((shared_seeds / SEEDS["bas_rhin"]).read_text(encoding="utf-8")).key_terms
    assert key["doc_type"] == "convention"
    assert [p["representative"] for p in key["parties"]] == [
        "Guy-Dominique KENNEL",
        "Frédéric DECK",
    ]
    assert key["authorising_deliberation_dates"] == ["2012-09-13", "2012-10-22"]
    assert (key["start_date"], key["end_date"]) == ("2012-11-01", "2014-12-31")
    assert key["duration"] == {"value": 3, "unit": "year"}
    assert key["renewal"] == "express"
    assert key["termination_notice"] is None
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [
        ("10000.00", None),
        ("1666.00", 2012),
    ]
    assert key["installments"] == []
    assert key["steering_committee_frequency"] == "yearly"
    assert key["session_date"] is None and key["vote"] is None and key["members_present"] is None
