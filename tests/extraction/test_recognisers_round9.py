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
        "Municipal s'est réuni sous la présidence de Monsieur Y. HUON, Maire.\n\nMEMBRES EN "
        "EXERCICE : 15\n\nÉtaient présents : Y. HUON, A. PINSON, D. DUPRÉ\n\nOrdre du jour "
        ":\n1. Finances"
    )

    assert extract_text(text).key_terms["president"] == "Y. HUON"


def test_an_empty_excused_label_then_the_proxies_given() -> None:
    """« Excusé(e)s : » left empty, then « Dépôt de pouvoir : X à Y, … »: nobody is called
    excused; the members who gave a proxy count in the proxies only."""
    text = (
        "Conseil Municipal Séance publique 17/12/25\n\nDélibération n° 2025/18\n\nConvention "
        "d'objectifs avec le club de handball\n\nNombre de conseillers municipaux en exercice : "
        "33 Nombre de présents : 30\n\nPrésidente : Mme Michèle PICOT\n\nPrésent(e)s : Mme "
        "Michèle PICOT, M. Pierre MILLET, Mme Véronique CALLOT, M. Serge TRUSCO\n\n"
        "Absent(e)s : M. Nasser DJAD\n\nExcusé(e)s :\n\nDépôt de pouvoir : Mme Amina MADI à Mme "
        "Véronique CALLOT, Mme Paula ALCAR à M. Pierre MILLET\n\nLe Conseil municipal, après en "
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


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Conseil municipal du 10 juillet 2025\n\nL'AN DEUX MIL VINGT-CINQ, LE DIX JUILLET, LE "
            "CONSEIL MUNICIPAL, légalement convoqué le 4 juillet, s'est réuni sous la présidence "
            "de M. Alfred RECOUR, Maire.\n\nETAIENT PRESENTS :\n\nMesdames Chantal MORAN, "
            "Madeleine SIMONE\n\nSECRETAIRE DE SEANCE : Mme Madeleine SIMONE\n\n1. Marché – "
            "travaux pour la reconversion de l'ancienne gare",
            "minutes",
        ),
        (
            "Conseil communautaire – 25 février 2025 – CHAMPENOUX\n\nORDRE DU JOUR\n\nDE N°1 "
            "Renouvellement du contrat carte bancaire\n\nLe conseil communautaire, après en avoir "
            "délibéré, approuve le renouvellement.\n\nDE N°2 Création de la commission "
            "intercommunale des impôts directs\n\nLe conseil communautaire, après en avoir "
            "délibéré, approuve la liste.",
            "minutes",
        ),
        (
            "CONSEIL MUNICIPAL DU 12 MARS 2025\n\nDÉLIBÉRATION N° 2025-12\n\nNombre de "
            "conseillers en exercice : 19 Présents : 15 Votants : 17\n\nObjet : subvention à "
            "l'association Les Amis\n\nLe conseil municipal, après en avoir délibéré, à "
            "l'unanimité, décide d'attribuer une subvention de 500 euros.\n\nPour extrait conforme.",
            "deliberation",
        ),
    ],
)
def test_a_session_as_the_title_or_numbered_items(text: str, kind: str) -> None:
    assert extract_text(text).key_terms["doc_type"] == kind


PARTIES = [
    (
        "Entre, d'une part, la Ville de Lorval, représentée par le Maire, agissant en vertu "
        "d'une délibération du Conseil Municipal en date du 20 octobre 2025,\net, d'autre part, "
        "l'Association LES JARDINS, constituée le 30 mai 2011, représentée par sa présidente "
        "Isabelle Leblanc, ci-après dénommée « l'Association ».\nIl est exposé et convenu ce qui "
        "suit :",
        [("Ville de Lorval", None), ("Association LES JARDINS", "Isabelle Leblanc")],
    ),
    (
        "Entre :\n\nLe Département de Lorval représenté par la Présidente du Conseil "
        "départemental, agissant en vertu d'une délibération du 25 septembre 2025.\n\nCi-après "
        "désigné « le Département »,\n\nEt\n\nL'Association\n\nSecours solidaire 98 rue Didot\n\n"
        "75694 PARIS Cedex 14\n\nreprésentée par M. Frédéric BOYAT ayant tout pouvoir à l'effet "
        "des présentes en vertu de sa qualité de directeur,\n\nIl est convenu ce qui suit :",
        [("Département de Lorval", None), ("Secours solidaire", "Frédéric BOYAT")],
    ),
    (
        "Entre\n\nLa Métropole de Lorval représentée par son Président habilité aux fins des "
        "présentes par délibération en date du 28 avril 2025\n\nCi-après dénommée la métropole "
        "ET\n\nL'association d'insertion EVOLIS, dont le siège est situé à Aubagne représentée "
        "par M. Paul ROUX, son Président en exercice\n\nCi-après dénommée l'association\n\nIl est "
        "convenu ce qui suit :",
        [("Métropole de Lorval", None), ("association d'insertion EVOLIS", "Paul ROUX")],
    ),
    (
        "Entre les soussignés :\n- la Commune de Lorval, représentée par son Maire en "
        "exercice, et désignée\nsous l'appellation «la commune», d'une part\nl'association "
        "«Comité de Jumelage du Pays de Lorval , déclarée en Préfecture\nle 31 juillet 2002, "
        "représentée par son président en exercice, d'autre part.",
        [("Commune de Lorval", None), ("Comité de Jumelage du Pays de Lorval", None)],
    ),
    (
        "CONCLUE ENTRE :\nLa Ville de LORVAL, représentée par son Maire, Monsieur Paul MARTIN, "
        "ci-après « la Ville », d'une part,\net\nl'Association dénommée Association des "
        "Centres Sociaux de Lorval, association régie par la loi du 1er juillet 1901, "
        "représentée par sa présidente,\n« Association », d'autre part,",
        [("Ville de LORVAL", "Paul MARTIN"), ("Association des Centres Sociaux de Lorval", None)],
    ),
]


@pytest.mark.parametrize(("block", "parties"), PARTIES)
def test_parties_introduced_by_their_part_or_named_on_the_next_line(block, parties) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"CONVENTION DE PARTENARIAT\n\n{block}\n\nArticle 1 – Objet\n\nLa présente convention "
        "fixe le soutien apporté à l'association pour son projet."
    )

    got = extract_text(text).key_terms["parties"]

    assert [(p["name"], p["representative"]) for p in got] == parties


def test_a_legal_threshold_is_no_sum_granted() -> None:
    text = (
        "CONVENTION D'OBJECTIFS\n\nEntre :\n\nla Commune de Lorval, représentée par son Maire,\n\n"
        "Et :\n\nl'association Les Amis, représentée par sa Présidente,\n\nVu le décret n° "
        "2001-495 du 6 juin 2001 relatif à la transparence financière des aides octroyées par "
        "les personnes publiques, qui fait obligation, lors de l'octroi d'une subvention "
        "publique dont le montant excède un seuil fixé à 23 000 euros, de conclure une "
        "convention ;\n\nIl est convenu ce qui suit :\n\nArticle 1 – Objet\n\nLa Commune "
        "soutient le projet de l'association."
    )

    assert extract_text(text).key_terms["amounts"] == []


def test_presided_by_the_mayor_named_after_a_bare_m() -> None:
    text = (
        "Extrait du Registre des Délibérations du Conseil Municipal de la Commune de LORVAL\n"
        "Séance du 20 octobre 2025\nLa réunion a débuté le 20 octobre 2025 à 19h00 sous la "
        "présidence du Maire, M ADAMS Bernard.\nPrésents : Mme ACKERT Marie, M ADAMS Bernard, "
        "M BUGNON Pierre\nObjet : Avenant à la convention\nAprès en avoir délibéré, le conseil "
        "municipal approuve à l'unanimité."
    )

    assert extract_text(text).key_terms["president"] == "ADAMS Bernard"


def test_the_between_of_a_title_is_not_the_parties() -> None:
    """« … CONTRAT … ENTRE L'ETAT ET LE DEPARTEMENT DE LORVAL 2025-2027 Contrat … Entre Le
    Département …, représenté par … » flattened: the parties open at the second « Entre »."""
    text = (
        "Conseil départemental du 5 mars 2025 Annexe n° 1 à la délibération n° 6/01 1 CONTRAT "
        "DEPARTEMENTAL LECTURE ITINERANCE (CDLI) ENTRE L'ETAT ET LE DEPARTEMENT DE LORVAL "
        "2025-2027 Contrat départemental lecture itinérance Entre Le Département de Lorval, "
        "représenté par son Président en exercice, Monsieur Patrick SEPTIME, agissant en vertu "
        "d'une décision du Conseil départemental en date du 5 mars 2025, ci-après nommé « le "
        "Département » ; Et L'Etat - Ministère de la Culture (Direction régionale des Affaires "
        "culturelles) représentée par Marc GUILLOT, préfet de la Région, ci-après nommé « l'Etat "
        "» ; PREAMBULE Pour l'Etat le ministère de la Culture est historiquement engagé aux côtés "
        "des collectivités dans le soutien à la lecture publique." + " Les parties coopèrent." * 20
    )

    names = [p["name"] for p in extract_text(text).key_terms["parties"]]

    assert names[0] == "Département de Lorval"
    assert len(names) == 2


def test_unicode_hyphens_read_as_hyphens() -> None:
    from pacte.extraction.readers import normalise

    assert normalise("ci\u2010après dénommée, 2016\u20112017") == "ci-après dénommée, 2016-2017"


def test_excused_by_their_own_request_with_a_vote_delegated() -> None:
    text = (
        "COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL Réunion du 19 novembre 2025 RELEVÉ DES "
        "DÉCISIONS La Commission permanente s'est réunie le 19 novembre 2025 sous la présidence "
        "de Jean ARTUS, Président du Conseil départemental. ÉTAIENT PRÉSENTS : Michel ANGOS, "
        "Marc BERNOT, Claude BOITEL, S'ÉTAIENT FAIT EXCUSER : Élisabeth DOINET (délégation de "
        "vote à Jean ARTUS), Marie MORIN, Les décisions prises par la Commission permanente "
        "sont récapitulées ci-après : 1 Action citoyenneté santé : adopté à l'unanimité."
    )

    terms = extract_text(text).key_terms

    assert terms["members_excused"] == 2
    assert terms["proxies"] == 1


def test_proxies_listed_on_across_blank_lines() -> None:
    text = (
        "COMPTE-RENDU SOMMAIRE DU CONSEIL MUNICIPAL Séance du 11 décembre 2025\n\nLe Conseil "
        "Municipal s'est réuni sous la présidence de Monsieur Y. HUON, Maire.\n\nMEMBRES EN "
        "EXERCICE : 15\n\nÉtaient présents : Y. HUON, A. PINSON, D. DUPRÉ, G. GRIGNON, "
        "S. MOSS, S. DOREL, N. POUNEM\n\nEtaient absents excusés : B. VAGNER a donné "
        "pouvoir à G. GRIGNON\n\nE. LESAGIER a donné pouvoir à A. PINSON\n\nL. FOURNIER a donné "
        "pouvoir à N. POUNEM Secrétaire de séance : A. PINSON\n\nOrdre du jour :\n\n1. "
        "Finances"
    )

    assert extract_text(text).key_terms["proxies"] == 3


def test_a_group_of_names_goes_on_after_a_blank_line() -> None:
    """« Etaient présents : Mesdames : … » then, after a blank line, « Messieurs : … »."""
    text = (
        "COMPTE RENDU DU CONSEIL MUNICIPAL Séance du 3 mai 2025\nLe conseil s'est réuni sous "
        "la présidence de M. Paul MARTIN, Maire.\nEtaient présents : Mesdames : Anne ROUX, "
        "Marie PETIT,\n\nMessieurs : Paul MARTIN, Luc NOIR, Jean BLANC,\n\nSecrétaire de "
        "séance : Anne ROUX\n\n1. Budget : adopté à l'unanimité."
    )

    assert extract_text(text).key_terms["members_present"] == 5
