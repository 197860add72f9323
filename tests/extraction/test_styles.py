"""Documents written for Pacte in other styles than the seeds: generality of the extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacte.extraction.pipeline import extract_text
from pacte.terms import TermsError

DOCUMENTS = Path(__file__).parent / "documents"


def _extract(name: str):  # type: ignore[no-untyped-def]
    return extract_text((DOCUMENTS / name).read_text(encoding="utf-8"), name)


def test_convention_with_article_premier_and_amount_in_words() -> None:
    result = _extract("convention-article-premier.txt")
    key = result.key_terms
    assert key["doc_type"] == "convention"
    assert key["parties"] == [
        {
            "name": "Commune de Saint-Aubin-des-Landes",
            "role": "public_authority",
            "representative": "Hélène Le Goff",
        },
        {
            "name": "Les Ateliers du Vélo Solidaire",
            "role": "beneficiary",
            "representative": "Karim Benali",
        },
    ]
    # the law of 2000 and the previous convention of 2021 are not this convention's dates
    assert key["authorising_deliberation_dates"] == ["2024-02-14"]
    assert key["signature_date"] == "2024-04-02"
    assert key["duration"] == {"value": 2, "unit": "year"}
    assert key["renewal"] == "express"
    assert key["termination_notice"] == {"value": 2, "unit": "month"}
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [("15000.00", 2024)]
    assert key["installments"] == [
        {"percent": "50", "trigger": "à la signature de la présente convention"},
        {"percent": "50", "trigger": "sur production du compte rendu financier"},
    ]
    assert key["steering_committee_frequency"] == "half-yearly"
    terms = result.terms()
    assert [a.number for a in terms.articles] == ["1", "2", "3", "4", "5"]
    assert terms.articles[0].title == "OBJET"
    assert terms.parties[1].organisation.siret == "12345678200010"
    assert terms.parties[1].designation == "l'Association"
    assert terms.grants[0].instalments[1].trigger.documents[0].kind.value == "financial_report"
    assert terms.termination.form.value == "registered_letter"


def test_deliberation_alone_with_attendance_in_columns() -> None:
    result = _extract("deliberation-colonnes.txt")
    key = result.key_terms
    assert key["doc_type"] == "deliberation"
    assert (
        key["session_date"] == "2023-11-30"
    )  # « L'an deux mil vingt-trois, le jeudi 30 novembre »
    assert key["president"] == "Jean-Pierre DUVAL"
    assert (
        key["members_present"],
        key["members_excused"],
        key["proxies"],
        key["members_absent"],
    ) == (13, 3, 2, 2)
    assert key["vote"] == {"result": "majority", "for": 13, "against": 1, "abstention": 1}
    assert (key["publication_date"], key["prefecture_date"]) == ("2023-12-05", "2023-12-04")
    assert key["amounts"][0]["amount"] == "2500.00"  # « deux mille cinq cents euros »
    assert key["parties"] == [] and key["duration"] is None
    deliberation = result.deliberation()
    assert deliberation is not None
    assert len(deliberation.session.present) == 13
    assert deliberation.session.figures.in_office == 19
    assert deliberation.session.secretary.last_name == "MARTIN"
    assert deliberation.rapporteur.last_name == "BERNARD"
    assert [d.number for d in deliberation.decisions] == [1, 2]
    assert deliberation.object.startswith("Attribution d'une subvention")
    with pytest.raises(TermsError):
        result.terms()  # a deliberation alone is not a convention


def test_regional_convention_with_start_date_and_breach_clause() -> None:
    result = _extract("convention-region.txt")
    key = result.key_terms
    assert [p["name"] for p in key["parties"]] == [
        "Région Bretagne-Sud",
        "Union régionale des Scop de l'Ouest",
    ]
    assert [p["representative"] for p in key["parties"]] == [
        "Loïc LE GALL",
        "Anne-Sophie MORVAN-DUVAL",
    ]
    # the law cited in the « Vu » is not a mandate
    assert key["authorising_deliberation_dates"] == ["2024-01-12", "2024-02-05"]
    assert (key["signature_date"], key["start_date"], key["end_date"]) == (
        "2024-02-15",
        "2024-01-01",
        None,
    )
    assert key["duration"] == {"value": 1, "unit": "year"}
    assert key["renewal"] == "express"
    assert (
        key["termination_notice"] is None
    )  # a delay after formal notice for breach is no notice period
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [("25000.00", 2024)]
    assert [(i["percent"], i["trigger"]) for i in key["installments"]] == [
        ("50", "à la notification de la présente convention"),
        ("50", "sur présentation du compte rendu financier et du bilan d'activité"),
    ]
    assert key["steering_committee_frequency"] == "yearly"
    terms = result.terms()
    assert terms.parties[1].organisation.rna == "W353001234"
    assert terms.parties[1].mandate.kind.value == "board_decision"
    assert terms.parties[0].organisation.kind.value == "region"


def test_departmental_deliberation_with_president_in_the_list() -> None:
    key = _extract("deliberation-departement.txt").key_terms
    assert key["doc_type"] == "deliberation"
    assert key["session_date"] == "2024-03-15"
    assert key["president"] == "Claire DUMONT"
    assert (
        key["members_present"],
        key["members_excused"],
        key["proxies"],
        key["members_absent"],
    ) == (10, 2, 1, 1)
    assert key["vote"] == {"result": "majority", "for": 9, "against": 1, "abstention": 1}
    assert (key["publication_date"], key["prefecture_date"]) == ("2024-03-20", "2024-03-18")
    assert key["amounts"][0]["amount"] == "18000.00"


def test_minutes_of_a_whole_session() -> None:
    key = _extract("proces-verbal.txt").key_terms
    assert key["doc_type"] == "minutes"
    assert key["session_date"] == "2024-01-08"
    assert key["president"] == "Odile FERRAND"
    assert (
        key["members_present"],
        key["members_excused"],
        key["proxies"],
        key["members_absent"],
    ) == (7, 1, 1, 0)
    # the counts of a later vote are not given to the first one
    assert key["vote"] == {"result": "unanimous", "for": None, "against": None, "abstention": None}


def test_convention_without_parties_block_keeps_its_articles() -> None:
    result = _extract("convention-sans-preambule.txt")
    assert result.doc_type == "convention"
    assert result.data["title"] == "CONVENTION D'OBJECTIFS"
    assert [a["number"] for a in result.data["articles"]] == ["1", "2"]
    assert result.key_terms["duration"] == {"value": 3, "unit": "year"}
    assert "les parties" in result.missing()


def test_representative_named_after_the_office_and_split_payment() -> None:
    result = _extract("convention-representant-apres-fonction.txt")
    assert [(p["name"], p["representative"]) for p in result.key_terms["parties"]] == [
        ("Commune de Belle-Rive", "Paul DURAND"),
        ("Les Jardins partagés", "Lise ROY"),
    ]
    terms = result.terms()
    assert [p.key for p in terms.parties] == ["commune", "association"]
    assert terms.parties[0].representative.title == "Maire"
    assert [(i.kind.value, i.trigger.text) for i in terms.grants[0].instalments] == [
        ("advance", "à la signature de la convention"),
        ("balance", "à la réception du bilan d'activité"),
    ]
