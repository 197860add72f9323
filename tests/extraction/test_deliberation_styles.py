"""Deliberations written in other styles: stated figures, represented members, vote, dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pacte.extraction.pipeline import extract_text

DOCUMENTS = Path(__file__).parent / "documents"


def _key_terms(name: str) -> dict[str, Any]:
    return extract_text((DOCUMENTS / name).read_text(encoding="utf-8"), name).key_terms


def _attendance(key: dict[str, Any]) -> tuple[Any, ...]:
    return (
        key["members_present"],
        key["members_excused"],
        key["proxies"],
        key["members_absent"],
    )


def test_municipal_deliberation_with_figures_beside_dates_and_counted_majority() -> None:
    key = _key_terms("delib-conseil-municipal.txt")
    assert key["doc_type"] == "deliberation" and key["parties"] == []
    assert key["session_date"] == "2025-03-20"
    assert key["president"] == "M. Thierry VALADOUX"
    # « présents : 18 » beside « … : 13/03/2025 »: the year of a date is no figure
    assert _attendance(key) == (18, 3, 2, 2)
    assert key["vote"] == {"result": "majority", "for": 17, "against": 2, "abstention": 1}
    # transmitted to the « représentant de l'État », published on the website; the posting
    # of the convocation and the delay to appeal are no dates of the act
    assert (key["publication_date"], key["prefecture_date"]) == ("2025-03-26", "2025-03-24")
    # the amount granted, not last year's nor the one requested in the report
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [("8500.00", 2025)]
    assert [i["percent"] for i in key["installments"]] == ["60", "40"]
    assert key["installments"][0]["trigger"] == "à la signature de la convention"
    # the deliberation authorises the mayor to sign: it is its own authorising deliberation
    assert key["authorising_deliberation_dates"] == ["2025-03-20"]


def test_departmental_deliberation_with_dotted_figures_and_represented_members() -> None:
    key = _key_terms("delib-cd-unanime.txt")
    assert key["doc_type"] == "deliberation" and key["parties"] == []
    # « s'est réunie le seize juin … », not the committee « réunie le 2 juin » of a « Vu »
    assert key["session_date"] == "2025-06-16"
    assert key["president"] == "Mme Anne-Laure VIGOUROUX"
    # « présents ........ 31 »; « Absents représentés » gave proxies without being excused
    assert _attendance(key) == (31, 2, 4, 1)
    assert key["vote"] == {"result": "unanimous", "for": 34, "against": 0, "abstention": 0}
    assert (key["publication_date"], key["prefecture_date"]) == ("2025-06-23", "2025-06-20")
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [
        ("32000.00", 2025),
        ("13500.00", 2025),
    ]
    assert key["amounts"][0]["label"].startswith("subvention de fonctionnement")
    assert key["installments"] == []
    assert key["authorising_deliberation_dates"] == ["2025-06-16"]


def test_unanimous_vote_with_stated_voters_counts_them_for() -> None:
    text = (
        "CONSEIL MUNICIPAL\nSéance du 3 février 2025\n\n"
        "Nombre de conseillers : en exercice .... 15\n"
        "                        présents ....... 12\n"
        "                        votants ........ 14\n\n"
        "Présents : M. Paul DURAND, Mme Anne PETIT\n\n"
        "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n"
        "- d'attribuer une subvention de 1 200 € au titre de l'année 2025 ;\n\n"
        "Adopté à l'unanimité.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    assert key["members_present"] == 12
    assert key["vote"] == {"result": "unanimous", "for": 14, "against": 0, "abstention": 0}
    # no authorisation to sign: the deliberation is no signatory's mandate
    assert key["authorising_deliberation_dates"] == []


def test_proxies_listed_with_a_mere_a() -> None:
    text = (
        "CONSEIL MUNICIPAL\nSéance du 3 février 2025\n\n"
        "Présents : M. Paul DURAND, Mme Anne PETIT, M. Luc MOREL\n\n"
        "Pouvoirs : Mme Julie BOSC à M. Paul DURAND, M. Marc ROUX à Mme Anne PETIT\n\n"
        "Excusée : Mme Inès FAURE\n\n"
        "Adopté à l'unanimité.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    assert _attendance(key) == (3, 1, 2, None)  # no « Absents » stated
