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


def test_parties_after_a_title_naming_them_and_act_referred_to_in_the_visas() -> None:
    # the title « … entre la Région … et l'Association … » is not the parties block;
    # « habilitée par la délibération de la Commission permanente susvisée » is dated in
    # the visas
    key = _key_terms("conv-region-pluriannuelle.txt")
    assert key["parties"] == [
        {
            "name": "Région Loire-Océan",
            "role": "public_authority",
            "representative": "Gwenaëlle LE BIHAN-ROCHE",
        },
        {
            "name": "Association régionale pour le développement de l'économie solidaire Loire-Océan",
            "role": "beneficiary",
            "representative": "Thibault ROUANET",
        },
    ]
    assert sorted(key["authorising_deliberation_dates"]) == ["2025-02-18", "2025-03-07"]


def test_parties_in_a_list_followed_by_numbered_headings() -> None:
    key = _key_terms("conv-sans-dates-precises.txt")
    assert key["parties"] == [
        {
            "name": "Ville de Roquebrune-les-Aulnes",
            "role": "public_authority",
            "representative": "Philippe ESCANDE",
        },
        {
            "name": "Les Ateliers du Quartier Neuf",
            "role": "beneficiary",
            "representative": "Inès BENSALEM",
        },
    ]
    # « dûment mandatée par le conseil d'administration collégial » gives no date
    assert key["authorising_deliberation_dates"] == ["2025-02-10"]


CONVENTION = """CONVENTION DE PARTENARIAT

Entre

{first}

et

{second}

Il est convenu ce qui suit :

Article 1 - Objet

La présente convention a pour objet un partenariat.
"""


def _parties(first: str, second: str) -> list[dict]:  # type: ignore[type-arg]
    text = CONVENTION.format(first=first, second=second)
    return extract_text(text, "convention.txt").key_terms["parties"]  # type: ignore[no-any-return]


def test_name_on_its_own_line_above_the_address_is_not_joined_to_it() -> None:
    parties = _parties(
        "La Communauté d'agglomération du Val de Lanterne et de la Haute-Sorne\n"
        "Hôtel de communauté, 3 rue des Tanneurs\n"
        "représentée par son Président, Monsieur Marc VIDAL,",
        "L'association « Les Amis du Moulin », représentée par Mme Lucie BRUN, Présidente,",
    )
    assert parties == [
        {
            "name": "Communauté d'agglomération du Val de Lanterne et de la Haute-Sorne",
            "role": "public_authority",
            "representative": "Marc VIDAL",
        },
        {"name": "Les Amis du Moulin", "role": "beneficiary", "representative": "Lucie BRUN"},
    ]


def test_capitals_kept_when_the_document_has_no_other_spelling() -> None:
    parties = _parties(
        "La COMMUNE DE SAINT-PIERRE-DU-LAC, représentée par son Maire, M. Jean MARTIN,",
        "L'ASSOCIATION SPORTIVE DU LAC, représentée par son Président, M. Luc PETIT,",
    )
    assert [p["name"] for p in parties] == [
        "COMMUNE DE SAINT-PIERRE-DU-LAC",
        "ASSOCIATION SPORTIVE DU LAC",
    ]
