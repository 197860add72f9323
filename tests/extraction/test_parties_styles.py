"""Parties of conventions written in other styles: names, representatives, mandates.

Names stop at their apposition (« , association régie par… », « , établissement
public… ») or their acronym in brackets, may wrap over two lines, and keep the
spelling the document uses; representatives' names may wrap too.
"""

from __future__ import annotations

from pathlib import Path

from pacte.extraction.pipeline import extract_text

DOCUMENTS = Path(__file__).parent / "documents"


def _key_terms(name: str) -> dict:  # type: ignore[type-arg]
    return extract_text((DOCUMENTS / name).read_text(encoding="utf-8"), name).key_terms


def test_name_before_the_apposition_and_representative_over_two_lines() -> None:
    key = _key_terms("conv-commune-asso-sport.txt")
    assert key["parties"] == [
        {
            "name": "Commune de Verneuil-sur-Aubrelle",
            "role": "public_authority",
            "representative": "Nadine FOURCADE",
        },
        {
            "name": "Association Sportive Verneuillaise",
            "role": "beneficiary",
            "representative": "Jérôme LAPIERRE",
        },
    ]
    # « dûment mandaté … par décision du conseil d'administration en date du … »
    assert sorted(key["authorising_deliberation_dates"]) == ["2024-11-28", "2024-12-09"]


def test_name_in_capitals_spelt_as_elsewhere_in_the_document() -> None:
    key = _key_terms("conv-epci-scic-tacite.txt")
    assert key["parties"] == [
        {
            "name": "Communauté de communes Terres de Vaucelle",
            "role": "public_authority",
            "representative": "Claire-Hélène MARSAC",
        },
        {
            "name": "SCIC LA FABRIQUE CIRCULAIRE",
            "role": "beneficiary",
            "representative": "Yannick BOUVERESSE",
        },
    ]
    assert sorted(key["authorising_deliberation_dates"]) == ["2024-11-21", "2024-12-05"]
