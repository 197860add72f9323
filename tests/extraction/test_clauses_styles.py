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


def _convention(body: str, signed: str = "") -> dict[str, Any]:
    text = (
        "CONVENTION DE PARTENARIAT\n\nEntre la Commune de Brive et l'association Alpha\n\n"
        f"Il est convenu ce qui suit :\n\n{body}\n\n{signed}"
    )
    return extract_text(text, "essai.txt").key_terms


def test_a_sentence_going_on_with_annexe_is_not_an_annex() -> None:
    # « … décrite dans le dossier de demande\nannexé. » must not end the convention there
    key = _convention(
        "Article 1 - Objet\n\nLa présente convention fixe les conditions décrites dans le "
        "dossier\nannexé.\n\nArticle 2 - Montant\n\nLa Commune attribue une subvention d'un "
        "montant de 84.600,00 € à l'association.",
        "Fait à Brive, le 03/06/2024, en deux exemplaires.\n",
    )
    assert key["signature_date"] == "2024-06-03"
    assert _amounts(key) == [("84600.00", None)]


def test_signature_date_in_words_on_the_line_after_fait_a() -> None:
    key = _convention(
        "Article 1 - Objet\n\nLa Commune soutient l'association.",
        "Fait à Brive, en deux exemplaires originaux,\nle vingt-six août deux mille "
        "vingt-quatre\n\nPour la Commune,\n",
    )
    assert key["signature_date"] == "2024-08-26"


def test_paragraph_sign_headings_grouped_under_titres() -> None:
    key = _convention(
        "TITRE I - MOYENS\n\n§ 1 - Suivi\n\nUn comité de suivi, composé des parties, se réunit "
        "chaque mois.\n\nTITRE II - DISPOSITIONS GÉNÉRALES\n\n§ 2 - Durée\n\nLa présente "
        "convention est conclue pour une durée d'un (1) an à compter du 1er septembre 2024. "
        "Elle est renouvelable chaque année par tacite reconduction.\n\n§ 3 - Dénonciation\n\n"
        "Chacune des parties peut dénoncer la présente convention sous réserve d'un préavis "
        "d'un mois."
    )
    assert key["steering_committee_frequency"] == "monthly"
    assert key["start_date"] == "2024-09-01"
    assert key["duration"] == {"value": 1, "unit": "year"}
    assert key["renewal"] == "tacit"
    assert key["termination_notice"] == {"value": 1, "unit": "month"}


def test_numbered_paragraph_on_one_line_with_yearly_amounts_in_one_sentence() -> None:
    key = _convention(
        "Article 1 - Durée\n\nLa présente convention prend effet au 1er janvier 2025 pour "
        "s'achever le 31 décembre 2027.\n\nArticle 2 - Contribution financière\n\n"
        "2.1 – Le coût total éligible du programme est évalué à 900 000 €.\n\n"
        "2.2 – La Commune contribue financièrement au programme pour un montant de 30 000 € en "
        "2025, 31 500 € en 2026 et 33 000 € en 2027.\n\nArticle 3 - Suivi\n\n"
        "3.1 – Un comité de suivi, composé des deux parties, se réunit deux fois par an, en juin "
        "et en décembre."
    )
    assert key["end_date"] == "2027-12-31"
    assert _amounts(key) == [("30000.00", 2025), ("31500.00", 2026), ("33000.00", 2027)]
    assert key["steering_committee_frequency"] == "half-yearly"


def test_end_date_in_another_sentence_of_the_article_on_the_term() -> None:
    key = _convention(
        "Article 1 - Durée de la convention\n\nLa présente convention prend effet à compter "
        "de sa notification. Elle demeure en vigueur jusqu'au versement du solde, et au plus "
        "tard jusqu'au 31/12/2026."
    )
    assert key["end_date"] == "2026-12-31"


@pytest.mark.parametrize(
    ("clause", "percents"),
    [
        # a cap on cumulated payments is no instalment
        (
            "La subvention est versée selon l'échéancier suivant :\n  a) une avance de 20 %, "
            "à la notification ;\n  b) un acompte de 50 %, sur présentation des factures ;\n"
            "  c) le solde de 30 %, à l'achèvement de l'opération.\n\nLe cumul de l'avance "
            "et de l'acompte ne peut excéder 70 % du montant de la subvention.",
            ["20", "50", "30"],
        ),
        (
            "La subvention est versée en deux versements de 50 % :\n  - le premier dans le "
            "mois suivant la signature ;\n  - le second (solde) en janvier 2025, sur "
            "présentation du compte rendu financier.",
            ["50", "50"],
        ),
        # bullets whose payment words are in the sentence that introduces them
        (
            "La participation est versée en deux fois :\n   - 80 % au cours du premier "
            "trimestre de l'année ;\n   - le solde, soit 20 %, après production du bilan.",
            ["80", "20"],
        ),
        # « le solde » without a percentage is what remains
        (
            "La subvention est versée à hauteur de 70 % à la notification, le solde sur "
            "présentation du bilan.",
            ["70", "30"],
        ),
        (
            "La subvention est versée comme suit :\n  - une avance de 60 % à la signature ;\n"
            "  - le solde sur présentation du compte rendu financier.",
            ["60", "40"],
        ),
    ],
)
def test_instalment_wordings(clause: str, percents: list[str]) -> None:
    key = _convention(
        "Article 1 - Montant\n\nLa Commune attribue une subvention de 10 000 €.\n\n"
        f"Article 2 - Versement\n\n{clause}"
    )
    assert [i["percent"] for i in key["installments"]] == percents


@pytest.mark.parametrize(
    ("sentence", "frequency"),
    [
        ("se réunit en tant que de besoin, à l'initiative des parties", "as_needed"),
        ("se réunit chaque mois", "monthly"),
        ("se réunit deux fois par an", "half-yearly"),
        ("se réunit selon un rythme semestriel", "half-yearly"),
    ],
)
def test_committee_cadences(sentence: str, frequency: str) -> None:
    key = _convention(f"Article 1 - Suivi\n\nUn comité de suivi, composé des parties, {sentence}.")
    assert key["steering_committee_frequency"] == frequency


def test_notice_in_words_and_figures() -> None:
    key = _convention(
        "Article 1 - Résiliation\n\nChacune des parties peut résilier la présente convention "
        "par lettre recommandée, moyennant un préavis de quatre-vingt-dix (90) jours."
    )
    assert key["termination_notice"] == {"value": 90, "unit": "day"}


_PARTIES = (
    "CONVENTION DE PARTENARIAT\n\nENTRE :\n\nLa Commune de Brive, représentée par son Maire, "
    "M. Jean DUPONT,\nci-après dénommée « la Commune »,\n\nET :\n\nL'association Alpha, "
    "association régie par la loi du 1er juillet 1901, représentée par sa Présidente, "
    "Mme Anne MARTIN,\nci-après dénommée « l'Association »,\n\nIl est convenu ce qui suit :\n\n"
)


def test_another_funders_share_is_not_granted() -> None:
    text = (
        f"{_PARTIES}Article 1 - Montant\n\nLa Commune attribue une subvention de 10 000 € pour "
        "2024. La Région apporte 20 000 € en 2024 et l'État 15 000 € en 2025.\n"
    )
    assert _amounts(extract_text(text, "essai.txt").key_terms) == [("10000.00", 2024)]


@pytest.mark.parametrize(
    "clause",
    [
        "La subvention est versée en deux versements égaux, le premier à la signature, le "
        "second sur présentation du bilan.",
        "La subvention est versée par moitié :\n - à la signature ;\n - sur présentation du bilan.",
    ],
)
def test_equal_shares_in_words(clause: str) -> None:
    text = (
        f"{_PARTIES}Article 1 - Montant\n\nLa Commune attribue une subvention de 12 000 € pour "
        f"2024.\n\nArticle 2 - Versement\n\n{clause}\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    assert [i["percent"] for i in key["installments"]] == ["50", "50"]


def test_paragraphs_numbered_without_the_word_article() -> None:
    # « 1. Objet », « 2. Montant » … alone between blank lines, numbered from 1; a numbered
    # list inside a paragraph is not taken for headings
    text = (
        f"{_PARTIES}1. Objet\n\nLa présente convention fixe les objectifs suivants :\n"
        "1. accueillir des foyers ;\n2. organiser des ateliers.\n\n"
        "2. Montant\n\nPour l'année 2024, la Commune attribue une subvention de 5 000 euros.\n\n"
        "3. Durée\n\nLa présente convention est conclue pour une durée d'un an. Elle prend effet "
        "le 1er janvier 2024 et prend fin le 31 décembre 2024.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    assert _amounts(key) == [("5000.00", 2024)]
    assert key["start_date"] == "2024-01-01"
    assert key["duration"] == {"value": 1, "unit": "year"}


def test_numbers_out_of_order_are_not_headings() -> None:
    text = (
        f"{_PARTIES}2. Objet\n\nTexte.\n\n5. Montant\n\nLa Commune attribue une subvention de "
        "5 000 euros.\n\n3. Durée\n\nTexte.\n"
    )
    assert extract_text(text, "essai.txt").data.get("articles") is None


def test_period_covered_by_the_convention() -> None:
    # « Elle couvre la période du … au … » in the article on the term, without « durée »
    text = (
        f"{_PARTIES}Article 1 - Durée\n\nLa présente convention est conclue pour trois ans. "
        "Elle couvre la période du 1er janvier 2025 au 31 décembre 2027.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    assert (key["start_date"], key["end_date"]) == ("2025-01-01", "2027-12-31")


def test_yearly_rows_with_their_period_in_brackets() -> None:
    # « Exercice 2027 (du 1er janvier 2027 au 31 mars 2028) … 30 000 € » is the row of 2027
    text = (
        f"{_PARTIES}Article 1 - Montant\n\nLa Commune attribue une subvention ainsi qu'il suit :"
        "\n\n   Exercice 2025 (du 1er avril au 31 décembre 2025) ...... 18 000,00 €\n"
        "   Exercice 2026 ...... 24 000,00 €\n"
        "   Exercice 2027 (du 1er janvier 2027 au 31 mars 2028) ...... 30 000,00 €\n"
    )
    assert _amounts(extract_text(text, "essai.txt").key_terms) == [
        ("18000.00", 2025),
        ("24000.00", 2026),
        ("30000.00", 2027),
    ]


def test_committee_meeting_once_a_semester() -> None:
    text = (
        f"{_PARTIES}Article 1 - Suivi\n\nUn comité de suivi se réunit une fois par semestre.\n\n"
        "Un point d'étape technique mensuel réunit les services.\n"
    )
    assert extract_text(text, "essai.txt").key_terms["steering_committee_frequency"] == (
        "half-yearly"
    )


@pytest.mark.parametrize(
    "sentence", ["Elle n'est pas reconductible.", "Elle n'est pas renouvelable."]
)
def test_renewal_excluded_without_the_word_tacit(sentence: str) -> None:
    text = (
        f"{_PARTIES}Article 1 - Durée\n\nLa présente convention est conclue pour une durée de "
        f"cent vingt jours à compter de sa notification. {sentence}\n"
    )
    assert extract_text(text, "essai.txt").key_terms["renewal"] == "none"


@pytest.mark.parametrize(
    "decoy",
    [
        "Cette subvention s'ajoute à l'aide annuelle de fonctionnement de trois mille euros "
        "prévue par la convention-cadre, qui n'est pas modifiée.",
        "L'aide de 3 000 € prévue par la convention du 4 janvier 2024 reste due.",
    ],
)
def test_amount_of_another_agreement_is_not_granted(decoy: str) -> None:
    text = (
        f"{_PARTIES}Article 1 - Montant\n\nLa Commune attribue à l'Association une subvention "
        f"exceptionnelle de deux mille cinq cents euros au titre de l'exercice 2025.\n\n{decoy}\n"
    )
    assert _amounts(extract_text(text, "essai.txt").key_terms) == [("2500.00", 2025)]


def test_amount_set_by_this_convention_is_granted() -> None:
    text = (
        f"{_PARTIES}Article 1 - Montant\n\nUne subvention de 4 000 € prévue par la présente "
        "convention est versée à l'Association pour 2025.\n"
    )
    assert _amounts(extract_text(text, "essai.txt").key_terms) == [("4000.00", 2025)]


def test_semicolon_inside_brackets_does_not_end_the_sentence() -> None:
    from pacte.extraction.sentences import sentences

    text = (
        "Un comité de suivi (Commune : service des sports ; Association : bureau) "
        "se réunit deux fois par an. Il examine le bilan ; Il propose les avenants."
    )
    assert [s.text for s in sentences(text, 0, len(text))] == [
        "Un comité de suivi (Commune : service des sports ; Association : bureau) "
        "se réunit deux fois par an.",
        "Il examine le bilan ;",
        "Il propose les avenants.",
    ]


def test_term_of_a_convention_concluded_in_the_first_person() -> None:
    text = (
        "CONVENTION DE PARTENARIAT\n\nEntre :\n- la Commune de Belval, représentée par son "
        "Maire, M. Paul DURANDEAU ;\n\net :\n- l'Association Les Jardins, représentée par sa "
        "présidente, Mme Léa MARCHAND.\n\nARTICLE 1 – COMBIEN DE TEMPS\nNous concluons la "
        "présente convention pour deux ans, du 1er mars 2027 au 28 février 2029.\n"
    )
    key = extract_text(text, "nous.txt").key_terms
    assert (key["start_date"], key["end_date"], key["duration"]) == (
        "2027-03-01",
        "2029-02-28",
        {"value": 2, "unit": "year"},
    )


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Elle ne fera l'objet d'aucune reconduction, ni tacite ni expresse.", "none"),
        ("La convention n'est renouvelable ni expressément ni tacitement.", "none"),
        ("Elle ne fera l'objet d'aucune reconduction.", "none"),
        (
            "Aucune reconduction tacite n'est possible ; elle peut être renouvelée par avenant.",
            "express",
        ),
    ],
)
def test_renewal_excluded_in_every_form(sentence: str, kind: str) -> None:
    from pacte.extraction.clauses.renewal import _renewal_kind
    from pacte.extraction.text import fold

    assert _renewal_kind(fold(sentence)) == kind
