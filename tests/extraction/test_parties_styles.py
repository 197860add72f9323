"""Parties of conventions written in other styles: names, representatives, mandates.

Names stop at their apposition (« , association régie par… », « , établissement
public… ») and keep the acronym in brackets written right after them (as the annotators
of real acts write them), may wrap over two lines, and keep the spelling the document
uses; representatives' names may wrap too.
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
            "name": "Association Sportive Verneuillaise (A.S.V.)",
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


def _extract(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text, "convention.txt")


def test_representative_named_before_the_organisation_acts_on_its_behalf() -> None:
    # « Madame X, Présidente du Conseil …, agissant au nom et pour le compte de la Commune »:
    # the organisation is the one acted for, not the office's body, nor the person
    parties = _parties(
        "Madame Jeanne LEROUX, Maire de la commune, agissant au nom et pour le compte de la "
        "Commune de Saint-Arnoult, dûment habilitée par délibération du conseil municipal\n"
        "en date du 3 février 2025,",
        "Monsieur Éric BLANC, agissant en qualité de Président de l'Association Vélo\n"
        "Pour Tous, association régie par la loi du 1er juillet 1901,",
    )
    assert parties == [
        {
            "name": "Commune de Saint-Arnoult",
            "role": "public_authority",
            "representative": "Jeanne LEROUX",
        },
        {
            "name": "Association Vélo Pour Tous",
            "role": "beneficiary",
            "representative": "Éric BLANC",
        },
    ]


def test_representative_named_before_the_office_of_the_organisation() -> None:
    result = _extract(
        CONVENTION.format(
            first="Monsieur Marc VIDAL, Président du Conseil départemental de la Sarthe,",
            second="Madame Lucie BRUN, Présidente de la Fondation du Moulin Vert, "
            "dont le siège est situé 2 rue Haute, 72000 Le Mans,",
        )
    )
    assert result.key_terms["parties"] == [
        {
            "name": "Conseil départemental de la Sarthe",
            "role": "public_authority",
            "representative": "Marc VIDAL",
        },
        {
            "name": "Fondation du Moulin Vert",
            "role": "beneficiary",
            "representative": "Lucie BRUN",
        },
    ]
    assert result.data["parties"][0]["representative"]["title"] == (
        "Président du Conseil départemental de la Sarthe"
    )


def test_act_number_written_like_a_date_is_not_the_mandate_date() -> None:
    for reference in ("n° 2025-02-03 en date du", "2025-02-03 du", "n°12/03/2025 du"):
        result = _extract(
            CONVENTION.format(
                first="La Commune de Lanvic, représentée par son Maire, Monsieur Paul ROY, "
                f"agissant en vertu de la délibération {reference} 6 février 2025,",
                second="L'association Les Amis, représentée par sa Présidente, Madame Lise ROY,",
            )
        )
        assert result.key_terms["authorising_deliberation_dates"] == ["2025-02-06"], reference


VISAS = """CONVENTION D'OBJECTIFS

Vu le code général des collectivités territoriales ;
Vu la loi n° 2000-321 du 12 avril 2000 ;
Vu la délibération du conseil municipal du 14 mars 2019 relative aux subventions ;
Vu la délibération n° 25-118 du conseil municipal du 2 avril 2025 approuvant la présente
convention et autorisant le Maire à la signer ;
Vu la décision du bureau de l'association du 20 mars 2025 autorisant sa Présidente à signer
la présente convention ;

Entre

La Commune de Lanvic, représentée par son Maire, Monsieur Paul ROY,
ci-après dénommée « la Commune »,

et

L'association Les Amis du Lavoir, représentée par sa Présidente, Madame Lise ROY,
ci-après dénommée « l'Association »,

Il est convenu ce qui suit :

Article 1 - Objet

La présente convention a pour objet un partenariat.
"""


def test_visas_authorising_the_signature_give_the_mandates() -> None:
    result = _extract(VISAS)
    # the other acts in the visas (a law, an older deliberation) are not mandates
    assert result.key_terms["authorising_deliberation_dates"] == ["2025-03-20", "2025-04-02"]
    commune, association = result.data["parties"]
    assert commune["mandate"]["date"] == "2025-04-02"
    assert commune["mandate"]["kind"] == "deliberation"
    assert association["mandate"]["date"] == "2025-03-20"
    assert association["mandate"]["kind"] == "board_decision"


def test_visa_mandate_not_added_to_a_party_whose_block_states_one() -> None:
    text = VISAS.replace(
        "Monsieur Paul ROY,\n", "Monsieur Paul ROY, habilité par délibération du 9 avril 2025,\n"
    )
    result = _extract(text)
    assert result.key_terms["authorising_deliberation_dates"] == ["2025-03-20", "2025-04-09"]


def test_organisation_acted_for_stops_before_the_mandate() -> None:
    parties = _parties(
        "Monsieur Paul ROY, habilité à signer au nom de la Commune de Lanvic par délibération "
        "du conseil municipal du 6 février 2025,",
        "Madame Lise ROY, agissant pour le compte de l'association Les Amis du Lavoir,",
    )
    assert parties == [
        {"name": "Commune de Lanvic", "role": "public_authority", "representative": "Paul ROY"},
        {"name": "Les Amis du Lavoir", "role": "beneficiary", "representative": "Lise ROY"},
    ]


def test_office_over_several_commas_before_the_representative() -> None:
    result = _extract(
        CONVENTION.format(
            first="La Métropole de Nulle-Part, représentée par sa Vice-Présidente déléguée à "
            "l'économie sociale, au commerce et à l'emploi, Mme Jeanne LEROUX, dûment habilitée "
            "par délibération du 3 février 2025,",
            second="L'association Alpha, représentée par son Président, M. Luc PETIT,",
        )
    )
    assert [p["representative"] for p in result.key_terms["parties"]] == [
        "Jeanne LEROUX",
        "Luc PETIT",
    ]
    assert result.data["parties"][0]["representative"]["title"] == (
        "Vice-Présidente déléguée à l'économie sociale, au commerce et à l'emploi"
    )


def test_representative_named_after_the_mandate_of_the_office() -> None:
    result = _extract(
        CONVENTION.format(
            first="La Commune de Brive, représentée par son Maire en exercice, dûment habilité à "
            "cet effet, M. Jean DUPONT,",
            second="L'association Alpha, représentée par son Président, M. Luc PETIT,",
        )
    )
    assert result.key_terms["parties"][0]["representative"] == "Jean DUPONT"
    assert result.data["parties"][0]["representative"]["title"] == "Maire en exercice"


def test_generic_noun_kept_when_written_with_a_capital() -> None:
    # « l'association Les Amis » names « Les Amis »; « L'Association Les Tréteaux » is the name
    parties = _parties(
        "La Commune de Brive, représentée par son Maire, M. Jean DUPONT,",
        "L'Association Les Tréteaux du Lac, association régie par la loi du 1er juillet 1901, "
        "représentée par M. Luc PETIT, co-président,",
    )
    assert parties[1]["name"] == "Association Les Tréteaux du Lac"


_FIRST_PERSON = """CONVENTION DE PARTENARIAT 2027-2029

Nous, soussignés,

la Commune de Belval, dont le siège est 1 place de la Mairie, 12000 Belval, représentée par son Maire, M. Paul DURANDEAU, autorisé par délibération du conseil municipal du 3 mars 2027,

et

l'Association Les Jardins de Belval, dont le siège est 4 rue Haute, 12000 Belval, représentée par sa présidente, Mme Léa MARCHAND,

exposons ce qui suit.

Nous travaillons ensemble depuis longtemps.

IL A ÉTÉ CONVENU CE QUI SUIT :

1. Objet

Nous, Commune, versons à l'association une subvention de 5 000 € en 2027.

Fait à Belval, le 20 mars 2027.
"""


def test_convention_written_in_the_first_person_plural() -> None:
    extraction = extract_text(_FIRST_PERSON, "nous.txt")
    assert extraction.doc_type == "convention"
    assert [(p["name"], p["representative"]) for p in extraction.key_terms["parties"]] == [
        ("Commune de Belval", "Paul DURANDEAU"),
        ("Association Les Jardins de Belval", "Léa MARCHAND"),
    ]
    assert extraction.key_terms["signature_date"] == "2027-03-20"


_SIGNED_IN_COLUMNS = """CONVENTION DE PARTENARIAT

Entre :
- la Commune de Belval, représentée par son Maire, M. Paul DURANDEAU ;

et :
- l'Association Les Jardins de Belval, représentée par sa Présidente, ci-après « l'Association ».

ARTICLE 1 – OBJET
La Commune soutient le projet de l'Association.

Fait à Belval, le 20 mars 2027.

Pour la Commune,                      Pour l'Association,
Le Maire,                             La Présidente,
Paul DURANDEAU                        Léa MARCHAND
"""


def test_representative_named_only_in_a_signature_block_in_columns() -> None:
    key = extract_text(_SIGNED_IN_COLUMNS, "colonnes.txt").key_terms
    assert [p["representative"] for p in key["parties"]] == ["Paul DURANDEAU", "Léa MARCHAND"]


def test_bureau_communautaire_in_the_visas_authorises_the_authority() -> None:
    text = _SIGNED_IN_COLUMNS.replace(
        "CONVENTION DE PARTENARIAT\n",
        "CONVENTION DE PARTENARIAT\n\nVU la délibération du Bureau communautaire n° B-2027-12 "
        "du 2 mars 2027 autorisant le Président à signer la présente convention ;\n",
    )
    key = extract_text(text, "bureau.txt").key_terms
    assert key["authorising_deliberation_dates"] == ["2027-03-02"]
