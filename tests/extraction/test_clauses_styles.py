"""Convention clauses written in styles the seeds do not use: term, renewal, notice, money,
instalments and committees (documents in tests/extraction/documents, conv-*.txt)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pacte.extraction.pipeline import Extraction, extract_text

DOCUMENTS = Path(__file__).parent / "documents"


def _extract(name: str) -> Extraction:
    return extract_text((DOCUMENTS / name).read_text(encoding="utf-8"), name)


def _amounts(key: dict[str, Any]) -> list[tuple[str, int | None]]:
    return [(a["amount"], a["year"]) for a in key["amounts"]]


def test_fixed_dates_in_a_sentence_after_the_duration() -> None:
    # « conclue pour une durée de trois (3) ans. Elle prend effet le 1er janvier 2025 et
    # s'achève le 31 décembre 2027. »
    key = _extract("conv-commune-asso-sport.txt").key_terms
    assert key["start_date"] == "2025-01-01"
    assert key["end_date"] == "2027-12-31"
    assert key["duration"] == {"value": 3, "unit": "year"}
    assert key["termination_notice"] == {"value": 3, "unit": "month"}  # not the mise en demeure


def test_renewal_that_cannot_be_tacit_is_none() -> None:
    assert _extract("conv-commune-asso-sport.txt").key_terms["renewal"] == "none"


def test_yearly_amounts_in_bullets_and_half_split() -> None:
    key = _extract("conv-commune-asso-sport.txt").key_terms
    assert _amounts(key) == [("12400.00", 2025), ("12800.00", 2026), ("13150.00", 2027)]
    assert [i["percent"] for i in key["installments"]] == ["50", "50"]
    assert key["steering_committee_frequency"] == "yearly"


def test_region_dates_renewal_by_amendment_and_notice_in_days() -> None:
    key = _extract("conv-region-pluriannuelle.txt").key_terms
    assert key["start_date"] == "2025-01-01"
    assert key["end_date"] == "2027-12-31"
    # « aucune reconduction tacite » then « pourra être renouvelée par avenant exprès »
    assert key["renewal"] == "express"
    # termination for a breach, « moyennant un préavis de soixante (60) jours »
    assert key["termination_notice"] == {"value": 60, "unit": "day"}


def test_amounts_of_a_text_table_without_its_total_nor_the_programme_cost() -> None:
    result = _extract("conv-region-pluriannuelle.txt")
    assert _amounts(result.key_terms) == [
        ("85000.00", 2025),
        ("88000.00", 2026),
        ("90500.00", 2027),
    ]
    grant = result.data["grants"][0]
    assert "coût" not in grant["place"]["quote"]
    assert "total_amount" not in grant


def test_committee_cadence_stated_after_it_is_set_up() -> None:
    # « Il est institué un comité de pilotage … » then « Le comité de pilotage se réunit une
    # fois par trimestre » (and « revue annuelle » later does not make it yearly)
    key = _extract("conv-region-pluriannuelle.txt").key_terms
    assert key["steering_committee_frequency"] == "quarterly"


def test_one_year_convention_renewed_tacitly_with_notice_before_anniversary() -> None:
    key = _extract("conv-epci-scic-tacite.txt").key_terms
    assert key["duration"] == {"value": 1, "unit": "year"}
    assert key["renewal"] == "tacit"
    # « au moins deux (2) mois avant la date anniversaire »
    assert key["termination_notice"] == {"value": 2, "unit": "month"}
    assert key["start_date"] is None
    assert key["end_date"] is None


def test_numbered_paragraphs_are_clauses_and_one_payment_of_100_percent() -> None:
    # « 3.1 La Communauté attribue … 27 500 € » is a paragraph, not a heading
    result = _extract("conv-epci-scic-tacite.txt")
    grant = result.data["grants"][0]
    assert grant["total_amount"] == "27500.00"  # not the SCIC's capital
    assert grant["years"] == []
    assert [i["percent"] for i in result.key_terms["installments"]] == ["100"]
    assert grant["instalments"][0]["trigger"]["kind"] == "on_signature"
    assert result.key_terms["steering_committee_frequency"] == "half-yearly"


def test_convention_with_roman_numbered_parts() -> None:
    # « I. - OBJET », « II. - MONTANT DE LA SUBVENTION » … « VI. - DURÉE »
    result = _extract("conv-sans-dates-precises.txt")
    key = result.key_terms
    assert key["duration"] == {"value": 18, "unit": "month"}
    assert key["start_date"] is None
    assert key["renewal"] is None
    assert key["termination_notice"] is None
    grant = result.data["grants"][0]
    # the amount in capitals and figures, not the other funders of the financing plan
    assert grant["total_amount"] == "22750.00"
    assert grant["kind"] == "investment"
    # « versée en totalité, en un versement unique, à la notification »; « 35 % du coût »
    # is no instalment
    assert [i["percent"] for i in key["installments"]] == ["100"]
    assert grant["instalments"][0]["trigger"]["kind"] == "on_signature"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("La présente convention ne peut être reconduite tacitement.", "none"),
        ("La présente convention est reconduite tacitement chaque année.", "tacit"),
        ("Elle pourra être renouvelée par avenant.", "express"),
        ("La convention n'est pas renouvelable par tacite reconduction.", "none"),
    ],
)
def test_renewal_wordings(sentence: str, kind: str) -> None:
    text = (
        "CONVENTION DE PARTENARIAT\n\nEntre la Commune de Brive et l'association Alpha\n\n"
        f"Article 1 - Durée\n\nLa présente convention est conclue pour une durée d'un an. {sentence}\n"
    )
    assert extract_text(text, "essai.txt").key_terms["renewal"] == kind


def test_budget_with_a_year_is_not_a_grant() -> None:
    text = (
        "CONVENTION DE PARTENARIAT\n\nEntre la Commune de Brive et l'association Alpha\n\n"
        "Article 1 - Subvention\n\nLe budget prévisionnel de l'association pour 2025 s'élève à "
        "61 300 €.\n\nLa Commune attribue à l'association une subvention de 5 000 € pour "
        "l'année 2025.\n"
    )
    assert _amounts(extract_text(text, "essai.txt").key_terms) == [("5000.00", 2025)]
