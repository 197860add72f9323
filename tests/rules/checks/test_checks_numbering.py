"""numbering.*: articles missing or repeated, action sheets missing or never referenced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pacte.rules.checks import Finding

Codes = Callable[[dict[str, Any]], list[str]]
Found = Callable[[dict[str, Any], str], Finding]


def test_the_clean_convention_has_no_finding(data: dict[str, Any], codes: Codes) -> None:
    assert codes(data) == []


def test_article_missing_in_arabic_numbering(data: dict[str, Any], found: Found) -> None:
    del data["articles"][2]  # 1, 2, 4
    finding = found(data, "numbering.article_missing")
    assert finding.location.label == "article 4"
    assert "il n'y a pas d'article 3" in finding.message


def test_article_missing_in_roman_numbering_names_it_in_roman(
    data: dict[str, Any], found: Found
) -> None:
    data["articles"] = [{"number": n} for n in ("I", "II", "V")]
    finding = found(data, "numbering.article_missing")
    assert "de l'article II à l'article V : il manque les articles III et IV" in finding.message


def test_first_article_missing(data: dict[str, Any], found: Found) -> None:
    data["articles"] = [{"number": "2"}, {"number": "3"}]
    assert "commence à l'article 2" in found(data, "numbering.article_missing").message


def test_numbering_from_premier_is_complete(data: dict[str, Any], codes: Codes) -> None:
    data["articles"] = [{"number": n} for n in ("1er", "2", "3")]
    assert codes(data) == []


def test_article_repeated(data: dict[str, Any], codes: Codes, found: Found) -> None:
    data["articles"].append({"number": "4"})
    assert codes(data) == ["numbering.article_repeated"]
    assert found(data, "numbering.article_repeated").location.path == "articles[4]"


def test_action_sheet_referenced_but_absent(data: dict[str, Any], found: Found) -> None:
    data["commitments"][0]["action_sheets"] = [1, 4]
    finding = found(data, "numbering.action_sheet_missing")
    assert finding.location.label == "article 2, fiche action 4"
    assert "fiche action 4, qui n'est pas annexée" in finding.message


def test_action_sheet_never_referenced(data: dict[str, Any], codes: Codes, found: Found) -> None:
    data["action_sheets"].append({"number": 2, "title": "Compost"})
    assert codes(data) == ["numbering.action_sheet_unreferenced"]
    assert found(data, "numbering.action_sheet_unreferenced").location.label == "fiche action 2"


def test_a_reference_from_the_communication_clause_counts(
    data: dict[str, Any], codes: Codes
) -> None:
    data["action_sheets"].append({"number": 2, "title": "Compost"})
    data["communication"] = [{"text": "logos", "action_sheets": [2]}]
    assert codes(data) == []
