"""legal.*: above the dated threshold, purpose, amount and conditions of use; financial report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pacte.rules.checks import Finding, Severity

Codes = Callable[[dict[str, Any]], list[str]]
Found = Callable[[dict[str, Any], str], Finding]


def _above(data: dict[str, Any]) -> dict[str, Any]:
    grant: dict[str, Any] = data["grants"][0]
    grant["years"] = [{"year": 2026, "amount": 30000}]
    return grant


def test_above_the_threshold_with_everything_stated(data: dict[str, Any], codes: Codes) -> None:
    _above(data)
    assert codes(data) == []


def test_above_the_threshold_without_conditions_of_use(data: dict[str, Any], found: Found) -> None:
    _above(data).pop("conditions_of_use")
    finding = found(data, "legal.conditions_missing")
    assert finding.severity is Severity.ERROR
    assert "30 000 € en 2026) dépasse 23 000 € par an" in finding.message
    assert "décret n° 2001-495" in finding.message
    assert finding.location.label == "article 3"


def test_below_the_threshold_conditions_are_not_required(
    data: dict[str, Any], codes: Codes
) -> None:
    data["grants"][0].pop("conditions_of_use")
    assert codes(data) == []


def test_threshold_is_the_parameter_in_force_on_the_day(data: dict[str, Any], codes: Codes) -> None:
    # before the décret of 6 June 2001 there is no threshold to apply
    grant = _above(data)
    grant.pop("conditions_of_use")
    grant["years"] = [{"year": 2000, "amount": 30000}]
    data.pop("signed_on")
    for signature in data["signatures"]:
        signature.pop("date")
    assert codes(data) == []


def test_above_the_threshold_without_purpose(data: dict[str, Any], codes: Codes) -> None:
    _above(data).pop("purpose")
    data["objectives"] = []
    data["articles"][0]["title"] = "Préambule"
    assert codes(data) == ["legal.purpose_missing"]


def test_purpose_stated_by_an_article_objet(data: dict[str, Any], codes: Codes) -> None:
    _above(data).pop("purpose")
    data["objectives"] = []
    data["articles"][0]["title"] = "Objet de la convention"
    assert codes(data) == []


def test_voted_above_the_threshold_but_no_amount_in_the_convention(
    data: dict[str, Any], found: Found
) -> None:
    data["grants"][0]["years"] = [{"year": 2026}]
    data["deliberation"] = {
        "session": {"body": "Conseil municipal", "date": "2026-03-02"},
        "object": "Jardins partagés",
        "decisions": [{"number": 1, "text": "attribuer 30 000 €", "amount": 30000}],
    }
    finding = found(data, "legal.amount_missing")
    assert "30 000 €" in finding.message
    assert finding.location.path == "grants[0].years"


def test_no_amount_and_nothing_voted(data: dict[str, Any], codes: Codes) -> None:
    data["grants"][0]["years"] = [{"year": 2026}]
    assert codes(data) == []


def test_earmarked_grant_without_financial_report(data: dict[str, Any], found: Found) -> None:
    data["grants"][0]["earmarked"] = True
    finding = found(data, "legal.financial_report_missing")
    assert finding.severity is Severity.WARNING
    assert "dans les 6 mois suivant la fin de l'exercice" in finding.message


def test_earmarked_grant_with_a_financial_report_document(
    data: dict[str, Any], codes: Codes
) -> None:
    grant = data["grants"][0]
    grant["earmarked"] = True
    grant["instalments"][1]["trigger"]["documents"].append({"kind": "financial_report"})
    assert codes(data) == []


def test_earmarked_grant_with_a_financial_report_clause(data: dict[str, Any], codes: Codes) -> None:
    data["grants"][0]["earmarked"] = True
    data["articles"][2]["text"] = "Le bénéficiaire produit un compte-rendu financier."
    assert codes(data) == []
