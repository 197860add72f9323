"""Recognisers on invented snippets shaped like real acts (eleventh round): substitute
members present « avec voix délibérative » under a label of their own, a list of
initials and surnames where one initial is « M. », a single payment
« après signature de la présente convention ».

Every snippet is invented; the shapes are those of acts published by authorities.
"""

from __future__ import annotations

import pytest

from pacte.extraction.pipeline import extract_text

SESSION = (
    "PROCES-VERBAL DU CONSEIL COMMUNAUTAIRE\nSéance du jeudi 9 mars 2023\n\n"
    "Le Conseil communautaire s'est réuni le 9 mars 2023 à 18h30, sous la présidence de "
    "Mme Claire VASSEUR, Présidente.\n\n"
)
SESSION_TAIL = (
    "\nSecrétaire de séance : Sophie BARRE\n\n"
    "1. Approbation du procès-verbal de la séance du 2 février 2023\n"
    "Le procès-verbal est adopté à l'unanimité.\n"
)

ATTENDANCE = [
    (
        # titular members, then substitutes sitting with a vote: both are present
        "Membres titulaires présents : Jean AUBERT, Sophie BARRE, Luc CHEVALIER, Claire VASSEUR\n"
        "Membres suppléants présents avec voix délibérative : Odile MASSON (suppléante de "
        "Paul NOEL)\nMembres absents excusés : Alain RENAUD, Julie SIMON\n"
        "Membres absents : Didier TESSIER\n",
        {"members_present": 5, "members_excused": 2, "members_absent": 1},
    ),
    (
        # the same labels in a flattened text
        "Délégués titulaires présents : Jean AUBERT, Sophie BARRE, Claire VASSEUR "
        "Délégué suppléant présent avec voix délibérative : Odile MASSON "
        "Membres absents excusés : Alain RENAUD ",
        {"members_present": 4, "members_excused": 1},
    ),
    (
        # initials before surnames: « M. DUBOIS » is Michel or Marc DUBOIS, a member too
        "Présents : J. AUBERT, M. DUBOIS, A. LEFEBVRE, C. VASSEUR, S. BARRE. "
        "Excusés : N. LEROY (pouvoir à J. AUBERT).\n",
        {"members_present": 5, "members_excused": 1, "proxies": 1},
    ),
]


@pytest.mark.parametrize(("attendance", "expected"), ATTENDANCE)
def test_attendance(attendance: str, expected: dict[str, int]) -> None:
    terms = extract_text(SESSION + attendance + SESSION_TAIL).key_terms

    assert {key: terms[key] for key in expected} == expected


CONVENTION = (
    "CONVENTION DE PARTENARIAT 2023\nENTRE : Le Département de la Marne-Haute, représenté par "
    "le Président du Conseil départemental, Monsieur Jean-Luc MARCHAND, ci-après dénommé « le "
    "Département », ET : L'Association Régie de Quartier Sud, représentée par son Président, "
    "M. Ali BENSAÏD, ci-après dénommée « l'Association »,\nIL EST CONVENU CE QUI SUIT :\n"
    "ARTICLE 1 : MONTANT\nLe Département attribue à l'Association une subvention de 30 000 € "
    "au titre de l'année 2023.\nARTICLE 2 : VERSEMENT\n"
)

INSTALMENTS = [
    (
        "La subvention sera versée en une seule fois après signature de la présente convention.",
        [{"percent": "100", "trigger": "après signature de la présente convention"}],
    ),
    (
        "La subvention est versée en totalité dès notification de la présente convention.",
        [{"percent": "100", "trigger": "dès notification de la présente convention"}],
    ),
]


@pytest.mark.parametrize(("clause", "expected"), INSTALMENTS)
def test_single_payment_trigger(clause: str, expected: list[dict[str, str]]) -> None:
    assert extract_text(CONVENTION + clause + "\n").key_terms["installments"] == expected


# --- names of members: initials, dashes, a sub-label -------------------------------------

NAMES = [
    (
        # compound initials after the surname, « -- » and a dash glued to the initial
        "Etaient présents : AUBERT R. – BARRE S. – DUMONT J.P. – ESNAULT M.A. - FERRAND J.-L. "
        "-- GIRAUD P. - VASSEUR C.\nEtaient absents : HENRI G.– ISNARD S. – JOLY B.\n",
        {"members_present": 7, "members_absent": 3},
    ),
    (
        # « Etaient présents : Membres titulaires : X, Y » (the first name after the sub-label)
        "Etaient présents : Membres titulaires : AUBERT Jean, BARRE Sophie, DUMONT Luc, "
        "VASSEUR Claire.\nMembres titulaires absents, excusés : ESNAULT Marie, FERRAND Paul.\n",
        {"members_present": 4, "members_excused": 2},
    ),
]


@pytest.mark.parametrize(("attendance", "expected"), NAMES)
def test_names_of_members(attendance: str, expected: dict[str, int]) -> None:
    terms = extract_text(SESSION + attendance + SESSION_TAIL).key_terms

    assert {key: terms[key] for key in expected} == expected


# --- deliberations: the heading's date, a sum in the title, a vote as a field -----------


def test_session_date_from_the_heading_not_from_an_earlier_session() -> None:
    text = (
        "Délibération n° 4 du 18 DECEMBRE 2008\n\n"
        "Objet : COMPTE-RENDU DE DELEGATIONS Dans le cadre des délégations consenties au Maire "
        "par le Conseil Municipal lors de la séance du 16 mars 2008, il est proposé de PRENDRE "
        "ACTE des décisions intervenues depuis la dernière séance. LE CONSEIL MUNICIPAL, PREND "
        "ACTE des décisions qui lui sont présentées.\n"
    )
    assert extract_text(text).key_terms["session_date"] == "2008-12-18"


def test_sum_announced_in_the_title_of_the_deliberation() -> None:
    text = (
        "SEANCE DU 19 SEPTEMBRE 2011 2011/1234 - ATTRIBUTION DE SUBVENTIONS DE FONCTIONNEMENT "
        "A DES STRUCTURES DE CREATION ET DE DIFFUSION ARTISTIQUE POUR UN MONTANT GLOBAL DE "
        "52 000 EUROS - APPROBATION DE CONVENTIONS Le Conseil Municipal, Vu le rapport en date "
        "du 6 septembre 2011 par lequel M. le Maire expose ce qui suit : « La Ville est "
        "sollicitée chaque année par de nombreuses associations culturelles. »\n"
    )
    amounts = extract_text(text).key_terms["amounts"]
    assert [(a["amount"], a["label"]) for a in amounts] == [
        (
            "52000.00",
            "SUBVENTIONS DE FONCTIONNEMENT A DES STRUCTURES DE CREATION ET DE DIFFUSION ARTISTIQUE",
        )
    ]


def test_attribution_named_in_a_list_of_items_grants_nothing() -> None:
    text = (
        "COMPTE RENDU DU CONSEIL MUNICIPAL DU 3 MARS 2021\nOrdre du jour :\n"
        "12 - Approbation d'une convention d'objectifs avec le Club Omnisports pour "
        "l'attribution d'une subvention de 38 900 € (fonctionnement).\n"
        "13 - Tarifs de la restauration scolaire.\n"
    )
    assert extract_text(text).key_terms["amounts"] == []


def test_vote_stated_as_a_field_makes_a_deliberation() -> None:
    text = (
        "N°05 - Autoriser Monsieur le Maire à signer une convention avec le Comité des fêtes\n\n"
        "Mme ROUX : Le Comité bénéficiant d'une subvention supérieure à 23 000 euros, il est "
        "proposé d'autoriser Monsieur le Maire à signer la convention jointe.\n\n"
        "M. PERRIN : Nous voterons cette subvention.\n\nVOTE\nUNANIMITÉ\n"
    )
    terms = extract_text(text).key_terms
    assert terms["doc_type"] == "deliberation"
    assert terms["vote"] == {
        "result": "unanimous",
        "for": None,
        "against": None,
        "abstention": None,
    }


# --- parties of conventions -------------------------------------------------------------


def _parties(text: str) -> list[tuple[str, str, str | None]]:
    terms = extract_text(text).key_terms
    return [(p["name"], p["role"], p["representative"]) for p in terms["parties"]]


def test_party_after_a_receipt_stamp_and_the_stamp_dated() -> None:
    text = (
        "Accusé de réception - Ministère de l'Intérieur 033-213300000-20160315-150316-21-DE "
        "Convention pluriannuelle de partenariat avec l'association Les Archers du Lac "
        "Entre les soussignés : Accusé certifié exécutoire Réception par le préfet : 21/03/2016 "
        "La ville de Lorval représentée par le Maire Paul ROCHE, dûment habilité par délibération "
        "en date du 15 mars 2016 et désignée sous le terme « ville », d'une part Et "
        "l'Association Les Archers du Lac, régie par la loi de 1901, représentée par son "
        "Président Marc GIRAUD, et désignée sous le terme « association », d'autre part Il a "
        "été arrêté et convenu ce qui suit ARTICLE 1 - OBJET DE LA CONVENTION Par la présente "
        "convention, la ville et l'association concourent aux objectifs mentionnés.\n"
    )
    terms = extract_text(text).key_terms
    assert terms["parties"][0]["name"] == "ville de Lorval"
    assert terms["prefecture_date"] == "2016-03-21"


def test_first_party_on_the_line_of_entre_and_its_representative_below() -> None:
    text = (
        "CONVENTION PLURIANNUELLE D'OBJECTIFS 2020 – 2022\n\n"
        "Entre les soussignés : La Mairie de Lorval\n\n"
        "Représentée par son Maire, Paul ROCHE, agissant en vertu de la délibération du Conseil "
        "Municipal du 5 février 2020.\n\net\n\n"
        "L'Association Les Archers du Lac, association régie par la loi du 1er juillet 1901, "
        "représentée par sa Présidente Anne GIRAUD\n\nPréambule\n\nLa Ville soutient le tir.\n"
    )
    assert _parties(text) == [
        ("Mairie de Lorval", "public_authority", "Paul ROCHE"),
        ("Association Les Archers du Lac", "beneficiary", "Anne GIRAUD"),
    ]


def test_parties_opened_by_entre_without_a_convention_heading() -> None:
    text = (
        "COMMUNE DE LORVAL CONTRAT SOCIAL DE TERRITOIRE 2012 – 2014 Entre Le Département de la "
        "Marne-Haute, Représenté par le Président du Conseil départemental, d'une part, et La "
        "Commune de Lorval, Représentée par le Maire d'autre part - Vu le Code Général des "
        "Collectivités Territoriales ; - Vu la délibération du Conseil départemental en date du "
        "3 février 2012, approuvant le présent contrat et autorisant M. le Président à le "
        "signer, Il a été convenu ce qui suit PREAMBULE Considérant le diagnostic social partagé "
        "élaboré entre le Département et la commune, Considérant les axes prioritaires dégagés "
        "de la démarche engagée avec le cocontractant, à savoir l'accès à l'emploi des jeunes."
    )
    assert _parties(text) == [
        ("Département de la Marne-Haute", "public_authority", None),
        ("Commune de Lorval", "public_authority", None),
    ]


def test_acronym_kept_and_office_trimmed_from_the_representative() -> None:
    text = (
        "CONVENTION-CADRE POUR LA MISE EN COMMUN DES DONNÉES ENTRE le Syndicat Départemental "
        "des Energies de la Marne-Haute (SDEMH), dont le siège est situé 1, rue Claude Bernard, "
        "représenté par M. Pierre ROCHE en qualité de Président dûment habilité aux présentes, "
        "par délibération n° 2022-28 du comité syndical du 06 avril 2022, ci-après dénommé « le "
        "SDEMH » ET la Commune de Lorval, représentée par son Maire, Anne GIRAUD, ci-après "
        "dénommée « la Commune » IL EST CONVENU CE QUI SUIT : ARTICLE 1 - OBJET La présente "
        "convention a pour objet la mise en commun des données géographiques et des ressources "
        "des deux parties. ARTICLE 2 - DURÉE La présente convention prend effet à sa signature."
    )
    assert _parties(text)[0] == (
        "Syndicat Départemental des Energies de la Marne-Haute (SDEMH)",
        "public_authority",
        "Pierre ROCHE",
    )
