"""Recognisers on invented snippets shaped like real acts (ninth round): the minutes of a
session told as it happens (the roll call, the previous minutes adopted), the members
present counted in a sentence, a combined « Absents et procurations » figure.

Every snippet is invented; the shapes are those of acts published by authorities and of
web pages that transcribe them (navigation lines on top, the act cut after a few items).
"""

from __future__ import annotations

import pytest

from pacte.extraction.pipeline import extract_text

NARRATED = (
    "Attribution des subventions aux associations\n\ntélécharger 172 Kb.\npage 1/4\n"
    "Conseil Municipal du 15 avril 2025\n\n"
    "M. le Maire ouvre à 20h30 la séance du Conseil Municipal, convoqué le 8 avril 2025. A "
    "la demande de M. le Maire, M. DURAND, directeur général des services, procède à l'appel "
    "des présents. Avec 29 membres présents, le quorum est atteint.\n"
    "M. Yves LE GALL est élu secrétaire de l'assemblée.\n"
    "Le procès verbal de la séance du 11 février 2025 est adopté à l'unanimité.\n"
    "ATTRIBUTION DES SUBVENTIONS AUX ASSOCIATIONS\n"
    "M. Damien ROUX, Adjoint aux Finances, propose au Conseil Municipal de se prononcer sur "
    "l'attribution des subventions pour l'année 2025."
)


def test_a_session_told_as_it_happens_is_minutes() -> None:
    terms = extract_text(NARRATED).key_terms

    assert terms["doc_type"] == "minutes"
    assert terms["session_date"] == "2025-04-15"
    assert terms["members_present"] == 29


DELIBERATION = (
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 3 mai 2024\n"
    "Le conseil municipal s'est réuni sous la présidence de M. Paul MARTIN, Maire. Nombre de "
    "conseillers en exercice : 27. {attendance}\nObjet : subvention à l'association Les Amis\n"
    "Après en avoir délibéré, le conseil municipal, à l'unanimité, décide d'attribuer une "
    "subvention de 500 euros."
)


@pytest.mark.parametrize(
    ("attendance", "present"),
    [
        ("Avec 23 membres présents, le quorum est atteint.", 23),
        ("23 conseillers présents.", 23),
        ("Le quorum est fixé à 14 présents.", None),
    ],
)
def test_members_present_counted_in_a_sentence(attendance: str, present: int | None) -> None:
    terms = extract_text(DELIBERATION.format(attendance=attendance)).key_terms

    assert terms["doc_type"] == "deliberation"
    assert terms["members_present"] == present


def test_absent_and_proxies_together_are_neither_alone() -> None:
    """« Absents et procurations : 4 » counts the absent members and the proxies together:
    not four proxies."""
    text = (
        "Extrait du registre des délibérations du conseil municipal de LORVAL Séance du 05 "
        "janvier 2024 OBJET : Zones d'accélération Présents : 15 Anne MARTIN Paul DURAND "
        "Absents et procurations : 4 Sandrine LEROY excusée Nicolas PETIT excusé Agnès ROUX "
        "excusée Caroline BLANC Pouvoir à Anne MARTIN Le Président a ouvert la séance. "
        "Après en avoir délibéré à l'unanimité des présents, le conseil municipal approuve."
        + " Le conseil prend acte de cette information."
        * 12
    )

    terms = extract_text(text).key_terms

    assert terms["members_present"] == 15
    assert terms["proxies"] != 4


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Convention objectifs CSC\n\nTranscription\n\n23\nDélibération au Conseil Municipal du "
            "lundi 25 mars 2024\nConventions pluriannuelles d'objectifs sur la période 2024 - "
            "2027 entre la Ville de Lorval et les centres socioculturels.\nI.\nPRÉAMBULE\nLa "
            "Ville de Lorval entretient depuis de nombreuses années des relations étroites avec "
            "les centres socioculturels du territoire.",
            "deliberation",
        ),
        (
            "CONVENTION DE PARTENARIAT\nEntre :\nla Commune de Lorval, représentée par son Maire, "
            "agissant en vertu d'une délibération du conseil municipal du 3 mai 2024,\nEt :\n"
            "l'association Les Amis, représentée par sa Présidente,\nIl est convenu ce qui suit "
            ":\nArticle 1 – Objet\nLa présente convention fixe le soutien de la Commune.",
            "convention",
        ),
    ],
)
def test_a_deliberation_named_in_its_heading(text: str, kind: str) -> None:
    assert extract_text(text).key_terms["doc_type"] == kind


def test_a_president_named_with_an_initial() -> None:
    text = (
        "COMPTE-RENDU SOMMAIRE DU CONSEIL MUNICIPAL Séance du 11 décembre 2025\n\nLe Conseil "
        "Municipal s'est réuni sous la présidence de Monsieur Y. HUAUMÉ, Maire.\n\nMEMBRES EN "
        "EXERCICE : 15\n\nÉtaient présents : Y. HUAUMÉ, A. PINÇON, D. DUPERRIN\n\nOrdre du jour "
        ":\n1. Finances"
    )

    assert extract_text(text).key_terms["president"] == "Monsieur Y. HUAUMÉ"


def test_an_empty_excused_label_then_the_proxies_given() -> None:
    """« Excusé(e)s : » left empty, then « Dépôt de pouvoir : X à Y, … »: nobody is called
    excused; the members who gave a proxy count in the proxies only."""
    text = (
        "Conseil Municipal Séance publique 17/12/25\n\nDélibération n° 2025/18\n\nConvention "
        "d'objectifs avec le club de handball\n\nNombre de conseillers municipaux en exercice : "
        "33 Nombre de présents : 30\n\nPrésidente : Mme Michèle PICARD\n\nPrésent(e)s : Mme "
        "Michèle PICARD, M. Pierre MILLET, Mme Véronique CALLUT, M. Serge TRUSCO\n\n"
        "Absent(e)s : M. Nasser DJAD\n\nExcusé(e)s :\n\nDépôt de pouvoir : Mme Amina MADI à Mme "
        "Véronique CALLUT, Mme Paula ALCAR à M. Pierre MILLET\n\nLe Conseil municipal, après en "
        "avoir délibéré, approuve la convention à l'unanimité."
    )

    terms = extract_text(text).key_terms

    assert terms["members_excused"] in (0, None)
    assert terms["proxies"] == 2


def test_names_grouped_under_mesdames_and_messieurs_with_a_colon() -> None:
    text = (
        "SYNDICAT MIXTE DU CONSERVATOIRE\n\nCompte-rendu\n\ndu Comité Syndical du jeudi 22 mai "
        "2025\n\nLe comité syndical s'est réuni sous la présidence de Paul BARRAL, Président.\n\n"
        "Etaient présents :\n\nMesdames : Pascale BORDE-PLANTIN (titulaire), Christine FOURN "
        "(titulaire),\n\nMessieurs : Paul BARRAL (Président), Pierre-Yves CUNAT (titulaire), "
        "Olivier PEVEREL (suppléant),\n\nSecrétaire de séance : Christine FOURN\n\n"
        "1. Budget : adopté à l'unanimité."
    )

    assert extract_text(text).key_terms["members_present"] == 5


@pytest.mark.parametrize(
    "filing",
    [
        "Vu les statuts révisés de l'association Conservatoire des jardins de Lorval, dit CJL, "
        "déposés en préfecture le 4 août 2010 ;",
        "Vu la déclaration de l'association, déclarée à la préfecture de la Loire le 3 mai 1999 ;",
    ],
)
def test_an_association_filed_at_the_prefecture_is_no_stamp_of_the_act(filing: str) -> None:
    text = (
        "CONVENTION DE SUBVENTION ANNUELLE 2025\n\nVu le Code général des collectivités "
        f"territoriales ;\n\n{filing}\n\nEntre :\n\nle Département de Lorval, représenté par "
        "son Président,\n\nEt :\n\nl'association Les Jardins, représentée par sa Présidente,"
        "\n\nIl est convenu ce qui suit :\n\nArticle 1 – Objet\n\nLe Département soutient "
        "l'association."
    )

    assert extract_text(text).key_terms["prefecture_date"] is None
