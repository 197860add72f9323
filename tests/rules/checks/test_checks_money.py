"""money.*: instalments, prorata and rounding, deliberation amount, budgets, grant total."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pacte.rules.checks import Finding, Severity

Codes = Callable[[dict[str, Any]], list[str]]
Found = Callable[[dict[str, Any], str], Finding]


def _grant(data: dict[str, Any]) -> dict[str, Any]:
    grant: dict[str, Any] = data["grants"][0]
    return grant


def test_instalments_short_of_100_percent(data: dict[str, Any], found: Found) -> None:
    _grant(data)["instalments"][1]["percent"] = 20
    finding = found(data, "money.instalments_total")
    assert finding.severity is Severity.ERROR
    assert "total de 90 % : il manque 10 %" in finding.message
    assert finding.location.path == "grants[0].instalments"


def test_instalments_in_euros_short_of_the_year_amount(data: dict[str, Any], found: Found) -> None:
    _grant(data)["instalments"] = [
        {"amount": 2800, "year": 2026, "trigger": {"kind": "on_signature"}},
        {"amount": 1000, "year": 2026, "trigger": {"kind": "on_date", "date": "2026-10-01"}},
    ]
    assert (
        "3 800 € pour une subvention de 4 000 €" in found(data, "money.instalments_total").message
    )


def test_instalments_per_year_adding_up(data: dict[str, Any], codes: Codes) -> None:
    _grant(data)["years"].append({"year": 2027, "amount": 1000})
    _grant(data)["instalments"] = [
        {"percent": 100, "year": 2026, "trigger": {"kind": "on_signature"}},
        {"amount": 1000, "year": 2027, "trigger": {"kind": "on_date", "date": "2027-01-15"}},
    ]
    assert codes(data) == []


def _prorata(data: dict[str, Any], amount: str, rounding: str | None = None) -> None:
    grant = _grant(data)
    grant["annual_amount"] = 10000
    grant["prorata"] = {"basis": "months", **({"rounding": rounding} if rounding else {})}
    grant["years"] = [{"year": 2026, "amount": amount, "months": 2}]


def test_prorata_truncated_to_the_euro(data: dict[str, Any], codes: Codes, found: Found) -> None:
    _prorata(data, "1666")
    assert codes(data) == ["money.prorata_rounded"]
    finding = found(data, "money.prorata_rounded")
    assert finding.severity is Severity.INFO
    assert "tronqué à l'euro" in finding.message and "1 666,67 €" in finding.message


def test_prorata_rounded_to_the_nearest_euro(data: dict[str, Any], found: Found) -> None:
    _prorata(data, "1667")
    assert "arrondi à l'euro le plus proche" in found(data, "money.prorata_rounded").message


def test_exact_prorata(data: dict[str, Any], codes: Codes) -> None:
    _prorata(data, "1666.67")
    assert codes(data) == []


def test_rounding_stated_by_the_convention(data: dict[str, Any], codes: Codes) -> None:
    _prorata(data, "1666", rounding="euro_down")
    assert codes(data) == []


def test_amount_that_is_not_the_prorata(data: dict[str, Any], codes: Codes, found: Found) -> None:
    _prorata(data, "1500")
    assert codes(data) == ["money.prorata_mismatch"]
    assert "écart de 166,67 €" in found(data, "money.prorata_mismatch").message


def test_amount_against_the_stated_rounding(data: dict[str, Any], found: Found) -> None:
    _prorata(data, "1667", rounding="euro_down")
    assert "règle d'arrondi de la convention" in found(data, "money.prorata_mismatch").message


def test_full_year_amount_differing_from_the_annual_amount(
    data: dict[str, Any], found: Found
) -> None:
    data["term"].update(start="2026-01-01", end="2026-12-31")
    _grant(data).update(annual_amount=10000, years=[{"year": 2026, "amount": 9000}])
    assert "montant en année pleine (10 000 €)" in found(data, "money.prorata_mismatch").message


def test_partial_year_without_prorata_rule_is_not_judged(
    data: dict[str, Any], codes: Codes
) -> None:
    _grant(data).update(annual_amount=10000, years=[{"year": 2026, "amount": 7500}])
    assert codes(data) == []


def test_deliberation_amount_differs(data: dict[str, Any], found: Found) -> None:
    data["deliberation"] = {
        "session": {"body": "Conseil municipal", "date": "2026-03-02"},
        "object": "Jardins partagés",
        "decisions": [{"number": 2, "text": "attribuer 5 000 €", "amount": 5000}],
    }
    finding = found(data, "money.deliberation_amount")
    assert finding.severity is Severity.ERROR
    assert "attribue 5 000 € (décision 2)" in finding.message
    assert "4 000 € pour 2026" in finding.message
    assert finding.location.path == "deliberation.decisions[0].amount"


def test_deliberation_amount_agrees(data: dict[str, Any], codes: Codes) -> None:
    data["deliberation"] = {
        "session": {"body": "Conseil municipal", "date": "2026-03-02"},
        "object": "Jardins partagés",
        "decisions": [{"number": 1, "text": "attribuer 4 000 €", "amount": 4000}],
    }
    assert codes(data) == []


def test_unbalanced_action_sheet_budget(data: dict[str, Any], found: Found) -> None:
    data["action_sheets"][0]["budget"]["lines"][1]["amount"] = 800
    finding = found(data, "money.budget_unbalanced")
    assert finding.location.label == "fiche action 1"
    assert "1 000 € de dépenses pour 800 € de recettes" in finding.message


def test_budget_stated_only_in_words(data: dict[str, Any], codes: Codes) -> None:
    data["action_sheets"][0]["budget"] = {"note": "Budget propre de l'association"}
    assert codes(data) == []


def test_grant_total_not_the_sum_of_its_years(data: dict[str, Any], found: Found) -> None:
    _grant(data)["total_amount"] = 5000
    assert "font 4 000 €" in found(data, "money.grant_total_mismatch").message


def test_grant_total_equal_to_the_sum_of_its_years(data: dict[str, Any], codes: Codes) -> None:
    _grant(data)["total_amount"] = 4000
    assert codes(data) == []
