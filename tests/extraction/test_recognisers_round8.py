"""Recognisers on invented snippets shaped like real acts (eighth round): one table per
failure class.

What a document is: the « relevé de décisions » of a council (the minutes of a whole
session) even under the heading of the register; a session told as a narrative (the
chair welcoming a guest); the deliberation of a council that is neither municipal nor
communautaire by name, known by its posting stamp and its draft (« Délibération affichée
… », « Vu le projet de délibération »). A text decoded with the wrong encoding
(« D�lib�ration », « l?Etat »); the posting stamp is not the session; a stamp whose lines
are separated by blank lines. Every snippet is invented; the shapes are those of real
acts (line breaks in odd places, one flattened line, blank lines between every line).
"""

from __future__ import annotations

import pytest

from pacte.extraction.pipeline import extract, extract_text

# --- what the document is -------------------------------------------------------------

DOC_TYPES = [
    (
        "REGISTRE DES DÉLIBERATIONS DU CONSEIL COMMUNAUTAIRE ---------- COMMUNAUTÉ DE "
        "COMMUNES DU VAL D'ARGENS OBJET : RELEVE DE DECISIONS L'an deux mille vingt, le "
        "douze mars à 18 heures, le Conseil Communautaire s'est réuni sous la présidence de "
        "Paul MERCIER. Nombre de Conseillers : En exercice : 30 Présents : 22 Votants : 25 "
        "Désignation d'un secrétaire de séance : Anne ROUX 1. FINANCES Adopté à l'unanimité",
        "minutes",
    ),
    (
        "1 SEANCE DU 3 MARS 2015 L an deux mil quinze et le trois mars à 20 heures, le "
        "Conseil Communautaire, régulièrement convoqué, s est réuni sous la présidence de "
        "Monsieur Jean BESSE. Nombre de conseillers En exercice 20 Présents 18 Votants 18 "
        "Secrétaire de séance : Marc PONS - Piscine intercommunale : o Bilan de la saison "
        "J. Besse souhaite la bienvenue à Madame L. Durand, directrice de la piscine, et lui "
        "cède la parole pour la présentation du bilan.",
        "minutes",
    ),
    (
        "Subvention à l'association « Les Amis du Verger » (12e). M. Luc ARNAUD, rapporteur."
        "\n\n\nDélibération affichée à l'Hôtel de Ville\net transmise au représentant de "
        "l'Etat le 5 mai 2004.\n\nLe Conseil, siégeant en formation plénière,\nVu le projet "
        "de délibération, en date du 2 avril 2004, par lequel le Maire lui propose "
        "l'attribution d'une subvention ;\n\nDélibère :\n\nArticle premier.- Une subvention "
        "de 12.500 euros est attribuée à l'association « Les Amis du Verger ».\n",
        "deliberation",
    ),
]


@pytest.mark.parametrize(("text", "kind"), DOC_TYPES)
def test_doc_type(text: str, kind: str) -> None:
    assert extract_text(text, "document.txt").doc_type == kind


# --- a text decoded with the wrong encoding ---------------------------------------------

MOJIBAKE = (
    "Subvention � l?Association des Jardins Partag�s. M. Luc ARNAUD, rapporteur.\n\n\n"
    "D�lib�ration affich�e � l?H�tel de Ville\n\n"
    "et transmise au repr�sentant de l?Etat le 14 novembre 2011.\n\n"
    "Re�ue par le repr�sentant de l?Etat le 14 novembre 2011.\n\n"
    "Le Conseil, si�geant en formation pl�ni�re,\n\n"
    "Vu le projet de d�lib�ration, en date du 20 octobre 2011, par lequel le Maire lui "
    "propose l?attribution d?une subvention ;\n\n"
    "D�lib�re :\n\n"
    "Article 1 : Une subvention de 8.000 euros est attribu�e � l?Association des Jardins "
    "Partag�s.\n"
)


def test_mojibake_read_as_french() -> None:
    result = extract(MOJIBAKE.encode("utf-8"), "acte.txt")
    assert result.doc_type == "deliberation"
    assert "Délibération affichée à l'H" in result.text
    assert result.key_terms["publication_date"] == "2011-11-14"
    assert result.key_terms["prefecture_date"] == "2011-11-14"


# --- the posting stamp is not the session -------------------------------------------------

STAMP_NOT_SESSION = [
    DOC_TYPES[2][0],
    DOC_TYPES[2][0].replace("\n", " "),
]


@pytest.mark.parametrize("text", STAMP_NOT_SESSION)
def test_posting_stamp_is_not_the_session(text: str) -> None:
    terms = extract_text(text, "document.txt").key_terms
    assert terms["session_date"] is None
    assert terms["authorising_deliberation_dates"] == []
    assert terms["publication_date"] == "2004-05-05"


# --- the parties ----------------------------------------------------------------------------

PARTY_TAIL = (
    "\n\nPREAMBULE\n\nLa Commune soutient la vie associative.\n\n"
    "ARTICLE 1 : OBJET\n\nLa présente convention a pour objet de définir le partenariat.\n"
)

PARTIES = [
    # « Vu, … » (a comma after Vu) closes the parties; an office after the surname in
    # capitals, without a comma, is not part of the name
    (
        "CONVENTION DE PARTENARIAT 2022 entre le Département de la Lozère et la Chambre des "
        "Métiers de la Lozère\n\nEntre les soussignés ci-après :\n\nLe Département de la "
        "Lozère, représenté par Madame Hélène CASTAGNET-ROUX Présidente du Conseil "
        "départemental en exercice, dûment habilitée par délibération n°12 de la Commission "
        "permanente du 7 mars 2022,\n\nd'une part,\n\nET,\n\nLa Chambre des Métiers de la "
        "Lozère, établissement public, dont le siège est 3 rue du Pont – 48000 Mende, "
        "représentée par son Président Monsieur Luc FABRE,\n\nd'autre part,\n\nVu, l'article "
        "L.3211-1 du Code Général des Collectivités Territoriales,\n\nVu, la délibération n°3 "
        "du Conseil départemental du 10 janvier 2022," + PARTY_TAIL,
        [
            ("Département de la Lozère", "public_authority", "Hélène CASTAGNET-ROUX"),
            ("Chambre des Métiers de la Lozère", "beneficiary", "Luc FABRE"),
        ],
    ),
    # « L'Association dénommée « X» », a page number « (2) » after « D'autre part. »
    (
        "CONVENTION D'OBJECTIFS ET DE MOYENS 2021\n\nEntre\n\nLa Commune de Vernègues\n\n"
        "Sise 1, place de la Mairie - 13116 Vernègues, représentée par son Maire, Monsieur "
        "Alain TESTE ;\n\nDésignée sous le terme « La Commune », D'une part,\n\nEt\n\n"
        "L'Association dénommée « Festival des Collines du Sud»\n\nAssociation régie par la "
        "loi du 1er juillet 1901, dont le siège social est situé 2 rue Haute – 13116 "
        "Vernègues, représentée par sa Présidente, Madame Irène BOYER;\n\nDésignée sous le "
        "terme l'« association»,\n\nD'autre part.\n\n(2)" + PARTY_TAIL,
        [
            ("Commune de Vernègues", "public_authority", "Alain TESTE"),
            ("Festival des Collines du Sud", "beneficiary", "Irène BOYER"),
        ],
    ),
    # a text layer with one word on each line; the authority second
    (
        "Convention\nEntre\nL'association Les Nuits Sonores, dont le siège social est situé 4 "
        "rue Neuve,\n33000 Bordeaux, représentée par son président,\nM. Hugo MARTY, dûment "
        "habilité par les statuts de l'association,\nci-après dénommée « L'association »,\n"
        "Et\nLa\nCommunauté\nd'agglomération\ndu\nLibournais,\ndont\nle\nsiège\nest\nsitué\n"
        "42 rue Président Doumer, 33500 Libourne, représentée par son président,\nM. Paul "
        "GALLEY, dûment habilité par la délibération du Conseil communautaire du 3 mai 2019,\n"
        "ci-après dénommée « La Communauté »\nIl est préalablement exposé ce qui suit :\n"
        "L'association organise des concerts.\nArticle 1 – Objet de la convention\nLa "
        "présente convention a pour objet le soutien de la Communauté.\n",
        [
            ("Les Nuits Sonores", "beneficiary", "Hugo MARTY"),
            ("Communauté d'agglomération du Libournais", "public_authority", "Paul GALLEY"),
        ],
    ),
    # « Et : L'association … » on one line, its representative on the next
    (
        "CONVENTION D'OBJECTIFS\nANNEE 2012\nEntre :\nLa Communauté Urbaine de Nancy, "
        "Etablissement Public de Coopération Intercommunale, sise 2 rue du\nPont, 54000 Nancy, "
        "représentée par son Président, Monsieur André ROSSI, agissant en\napplication de la "
        "délibération du Conseil de Communauté du 22 juin 2012,\nDésignée sous les termes "
        "« CUGN », d'une part\ner\nEt : L'association Atelier Création Emploi, association "
        "régie par la loi du 1 juillet 1901, dont le siège social\nest situé 8 rue Haute à "
        "Nancy, représentée par son Président, Monsieur Jean LE BIHAN,\ndésignée sous les "
        "termes ACE, d'autre part,\nPREAMBULE\nL'association accompagne des créateurs.\n"
        "Article 1 – Objet\nLa présente convention a pour objet le soutien de la Communauté.\n",
        [
            ("Communauté Urbaine de Nancy", "public_authority", "André ROSSI"),
            ("Atelier Création Emploi", "beneficiary", "Jean LE BIHAN"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "parties"), PARTIES)
def test_parties(text: str, parties: list[tuple[str, str, str | None]]) -> None:
    terms = extract_text(text, "convention.txt").key_terms
    assert [(p["name"], p["role"], p["representative"]) for p in terms["parties"]] == parties


# --- the sums a deliberation grants ----------------------------------------------------------

GRANT_HEAD = (
    "Subvention à l'Union des Jardiniers (UJ). M. Paul LEROY, rapporteur.\n\n"
    "Délibération affichée à l'Hôtel de Ville\net transmise au représentant de l'Etat le "
    "9 juin 2011.\n\nLe Conseil, siégeant en formation plénière,\n\nVu le projet de "
    "délibération, en date du 12 mai 2011, par lequel le Maire lui propose l'attribution "
    "d'une subvention ;\n\nDélibère :\n\n"
)

AMOUNTS = [
    # the sum restated by the article authorising the signature: one sum; the year of the
    # article charging the expense, the only one stated
    (
        GRANT_HEAD + "Article 1 : Le Maire est autorisé à signer l'avenant ci-joint en vue de "
        "l'attribution d'une subvention de 42.000 euros pour le projet Jardins.\n\nArticle 2 : "
        "Une subvention d'un montant de 42.000 euros est attribuée à l'Union des Jardiniers."
        "\n\nArticle 3 : La dépense correspondante sera imputée au chapitre 65 du budget de "
        "fonctionnement, exercice 2011.\n",
        [("42000.00", 2011)],
    ),
    (
        (
            GRANT_HEAD + "Article 1 : Le Maire est autorisé à signer l'avenant ci-joint en vue "
            "de l'attribution d'une subvention de 42.000 euros pour le projet Jardins.\n\n"
            "Article 2 : Une subvention d'un montant de 42.000 euros est attribuée à l'Union "
            "des Jardiniers.\n\nArticle 3 : La dépense correspondante sera imputée au "
            "chapitre 65 du budget de fonctionnement, exercice 2011.\n"
        ).replace("\n", " "),
        [("42000.00", 2011)],
    ),
]


@pytest.mark.parametrize(("text", "amounts"), AMOUNTS)
def test_granted_amounts(text: str, amounts: list[tuple[str, int | None]]) -> None:
    terms = extract_text(text, "deliberation.txt").key_terms
    assert [(a["amount"], a["year"]) for a in terms["amounts"]] == amounts


# --- the session date is not a stamp's nor a cited act's --------------------------------------

NO_SESSION = [
    "Accusé de réception en préfecture\n077-200000000-20120306-05-2012-DE\nDate de signature "
    ": Date de réception : 14/03/2012\nOBJET: SUBVENTIONS 2012 AUX ASSOCIATIONS\nLE BUREAU,"
    "\nVU le Code Général des Collectivités Territoriales\nVU la délibération n° 8.3 du "
    "Conseil du 10 mai 2009 décidant de déléguer au Bureau\nl'attribution des subventions,\n"
    "APRES EN AVOIR DELIBERE\n1. APPROUVE le versement d'une subvention de 2 100 € à "
    "l'association Les Mains Vertes pour l'année 2012,\n",
]


@pytest.mark.parametrize("text", NO_SESSION)
def test_no_session_date(text: str) -> None:
    terms = extract_text(text, "deliberation.txt").key_terms
    assert terms["doc_type"] == "deliberation"
    assert terms["session_date"] is None


# --- attendance -----------------------------------------------------------------------------

ATTENDANCE = [
    # labels in capitals alone on their line, without a colon, the names under them
    (
        "Compte rendu du conseil municipal du 12 mars 2019\n\nL'an deux mil dix-neuf, le "
        "douze mars à vingt heures, le Conseil Municipal légalement convoqué s'est réuni en "
        "séance publique sous la présidence de Monsieur Yves CARON, Maire.\n\n"
        "ETAIENT PRÉSENTS :\n\nYves CARON\nLucie BERT\nMarc DOLET\nSophie ANTIER\n\n"
        "ETAIT REPRESENTEE\n           Odile FAURE par Lucie BERT\n           \n"
        "ETAIENT ABSENTS\n           Henri GALL\n           Rémi VIDAL\n           \n"
        "INVITEE PERMANENTE\n           Chantal ROY\n\nMadame Lucie BERT est élue secrétaire "
        "de séance.\n\nN°2019/03/01 : TRAVAUX DE VOIRIE\n\nLe Conseil Municipal, après en "
        "avoir délibéré, approuve les travaux à l'unanimité.\n",
        {"members_present": 4, "proxies": 1, "members_absent": 2},
    ),
    # a flattened heading: « Excusé(e)s » then initials, up to the next field of the heading
    (
        "1 SEANCE DU 4 MAI 2016 L an deux mil seize et le quatre mai à 20 heures, le Conseil "
        "Communautaire, régulièrement convoqué, s est réuni sous la présidence de Monsieur "
        "Paul RIEU. Nombre de conseillers En exercice 20 Présents 17 Votants 17 Excusé(e)s "
        "A. Mas, J. Roques, P. Vidal Date de la convocation 26 avril 2016 Date d affichage "
        "5 mai 2016 Secrétaire de séance : Jean Bru. C. Rieu souhaite la bienvenue aux "
        "délégués.",
        {"members_excused": 3, "members_present": 17},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ATTENDANCE)
def test_attendance(text: str, expected: dict[str, int]) -> None:
    terms = extract_text(text, "compte-rendu.txt").key_terms
    assert {key: terms[key] for key in expected} == expected


# --- a convention's own dates: its title, its publication, its transmission ---------------

STATE_AVENANT = (
    "JORF n°0201 du 30 août 2016\n\nAvenant n°3 du 26 août 2016\n\nEntre :\nL'Etat, "
    "représenté par le Premier ministre et le ministre de l'économie, ci-après dénommé "
    "l'« Etat »,\nEt :\nL'Agence nationale des jardins (ANJ), établissement public créé par "
    "la loi n° 95-12 du 3 janvier 1995 (publiée au JO du 5 janvier 1995), représentée par sa "
    "présidente, Mme Alice MOREAU,\nIl a été préalablement exposé ce qui suit :\nLe présent "
    "avenant a pour objet de modifier la convention du 2 mai 2011 publiée au JO du 4 mai "
    "2011.\nCeci exposé, il a été convenu ce qui suit :\n\nArticle 1er\nModification de "
    "l'article 2\n"
)

CERTIFIED_SENT = (
    "CONVENTION CADRE DE PARTENARIAT 2023 entre le Département de l'Aude et la Chambre "
    "d'Agriculture de l'Aude\n\nEntre les soussignés ci-après :\n\nLe Département de l'Aude, "
    "représenté par Madame Claire VIDAL, Présidente du Conseil départemental,\n\nd'une part,"
    "\n\nET,\n\nLa Chambre d'Agriculture de l'Aude, établissement public, représentée par son "
    "Président Monsieur Marc BOU,\n\nd'autre part,\n\nVu, l'article L.3211-1 du Code Général "
    "des Collectivités Territoriales, modifié par la loi du 7 août 2015,\n\nCertifié transmis "
    "au représentant de l'Etat le 14 Avril 2023.\n\nPREAMBULE\n\nLe Département soutient "
    "l'agriculture.\n\nARTICLE 1 : OBJET\n\nLa présente convention définit le partenariat.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            STATE_AVENANT,
            {
                "signature_date": "2016-08-26",
                "publication_date": "2016-08-30",
                "prefecture_date": None,
            },
        ),
        (
            CERTIFIED_SENT,
            {"signature_date": None, "publication_date": None, "prefecture_date": "2023-04-14"},
        ),
    ],
)
def test_convention_dates(text: str, expected: dict[str, str | None]) -> None:
    terms = extract_text(text, "convention.txt").key_terms
    assert terms["doc_type"] == "convention"
    assert {key: terms[key] for key in expected} == expected


# --- minutes: the sums of the item voted, not a sum granted before; the urgency voted --------

MINUTES_HEAD = (
    "Au Conseil Municipal\n\nL'an deux mille vingt et un, le huit avril, à vingt heures, le "
    "Conseil Municipal, légalement convoqué, s'est réuni à la Mairie en séance publique sous "
    "la présidence de Monsieur GIRAUD Paul, Maire.\n\nEtaient présents : MM. GIRAUD, LENOIR, "
    "Mmes BRUN, FAVRE formant la majorité des membres en exercice.\n\nNombre de conseillers "
    "votants : 4\n\nSecrétaire de séance : M. LENOIR\n\nLe précédent compte rendu est lu, "
    "approuvé et signé par tous les membres sans observation.\n\n\n"
)

MINUTES_AMOUNTS = [
    # one vote only in the session: its item (the subsidy told before it) is read
    (
        MINUTES_HEAD + "Subvention : Après en avoir délibéré, le Conseil Municipal décide "
        "d'attribuer une subvention de 800€ pour l'année 2021 à l'association « Les Amis du "
        "Lavoir».\n\nLes crédits nécessaires sont prévus au Budget Primitif 2021.\n\n \n\n"
        "Délibération portant sur le temps de travail d'un poste d'adjoint : Après en avoir "
        "délibéré, à l'unanimité le conseil municipal décide :\n\n1)    De fixer la durée "
        "hebdomadaire à 20 heures.\n",
        [("800.00", 2021)],
    ),
    # a sum granted at an earlier session, told before the item is cut: nothing granted
    (
        "Compte rendu du conseil municipal du 3 mars 2011\n\nL'an deux mil onze, le trois "
        "mars, le Conseil Municipal s'est réuni en séance publique sous la présidence de "
        "Monsieur Jean FORT, Maire.\n\nETAIENT PRÉSENTS :\n\nJean FORT\nAnne PIC\nLuc "
        "ROCHE\n\nMadame Anne PIC est élue secrétaire de séance.\n\nMonsieur le Maire expose "
        "l'urgence de convoquer un conseil municipal extraordinaire. Celle-ci est constatée "
        "à l'unanimité.\n\nN°2011/03/01 : SUBVENTION SUPPLEMENTAIRE A L'ASSOCIATION « LES "
        "PETITS PAS »\n\nLe Conseil Municipal, lors de sa séance du 2 février 2011, a accordé "
        "à l'association « Les Petits Pas » une subvention de 40 000 €.\n\nLe 20 février "
        "2011, le Conseil Municipal a approuvé la décision modificative",
        [],
    ),
]


@pytest.mark.parametrize(("text", "amounts"), MINUTES_AMOUNTS)
def test_minutes_amounts(text: str, amounts: list[tuple[str, int | None]]) -> None:
    terms = extract_text(text, "compte-rendu.txt").key_terms
    assert terms["doc_type"] == "minutes"
    assert [(a["amount"], a["year"]) for a in terms["amounts"]] == amounts


def test_urgency_noted_unanimously_is_a_vote() -> None:
    terms = extract_text(MINUTES_AMOUNTS[1][0], "compte-rendu.txt").key_terms
    assert terms["vote"] is not None and terms["vote"]["result"] == "unanimous"


# --- attendance: excused « et non représenté », namesakes, a list cut short -----------------

MORE_ATTENDANCE = [
    # « Absent excusé et non représenté » is excused, not a proxy
    (
        "CONSEIL DÉPARTEMENTAL Réunion du 17 juin 2022 OBJET : Convention de partenariat "
        "Effectif de conseillers départementaux en exercice : 10 Présents : M. Paul ABEL, "
        "Mme Rose BLOT, M. Yves CRAS, Mme Léa DUC, M. Marc EON, Mme Iris FAY Quorum : 6 "
        "Absents ayant donné procuration : M. Jean GAL à Mme Rose BLOT M. Luc HUE à M. Yves "
        "CRAS Mme Eva IRA à M. Paul ABEL Absent excusé et non représenté : Mme Nina JOLY Vu "
        "le code général des collectivités territoriales, Après en avoir délibéré, DÉCIDE "
        "d'approuver la convention. Adopté à l'unanimité.",
        {"proxies": 3, "members_excused": 1},
    ),
    # an absent member who shares a last name with one who gave a proxy is still absent;
    # « Procurations : 3 » stated above a list the text cuts after two names
    (
        "Conseil communautaire du 12 avril 2021\nPROCES-VERBAL DE SEANCE\n\nL'an deux mille "
        "vingt et un, le 12 avril, le Conseil Communautaire s'est réuni sous la présidence de "
        "M. Alain ROUX.\n      Nombre de conseillers en exercice : 12\n      Nombre de "
        "conseillers présents : 6                Nombre de votants : 9\n"
        "                                     Procurations : 3\n\nEtaient présents :\n"
        "M. Alain ROUX, Mme Claire MAHE, M. Paul TANGUY, Mme Odile KERVEN, M. Jean GUEGAN, "
        "M. Luc MORVAN.\n\nAbsents :M. Régis LE GALL, M. Yann PRIGENT, M. Loïc BOTREL.\n\n"
        "Procurations :\nMme Marie LE GALL à M. Paul TANGUY\nM. Eric CADIOU à M. Alain ROUX\n",
        {"members_absent": 3, "proxies": 3},
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_ATTENDANCE)
def test_more_attendance(text: str, expected: dict[str, int]) -> None:
    terms = extract_text(text, "deliberation.txt").key_terms
    assert {key: terms[key] for key in expected} == expected


# --- the deliberation a convention is made under, in its title ---------------------------------

UNDER_DELIBERATION = (
    "Association Festival du Court\n\nCONVENTION D'OBJECTIFS ET DE MOYENS 2018\n\nSELON "
    "DELIBERATION N° DU BUREAU DE LA COMMUNAUTE DU 14 MARS 2018\n\nEntre\n\nLa Communauté "
    "d'agglomération du Pays de Grasse\n\nSise 57, avenue Pierre Sémard - 06130 Grasse, "
    "représentée par …... ;\n\nDésignée sous le terme « La Communauté », D'une part,\n\nEt\n\n"
    "L'Association dénommée « Festival du Court»\n\nAssociation régie par la loi du 1er "
    "juillet 1901, représentée par son Président, Monsieur Hugo LANDI;\n\nDésignée sous le "
    "terme l'« association»,\n\nD'autre part.\n\nPréambule\n\nLa Communauté soutient la "
    "culture.\n\nARTICLE 1 – OBJET DE LA CONVENTION\n\nLe festival.\n"
)


def test_deliberation_in_the_title_authorises() -> None:
    terms = extract_text(UNDER_DELIBERATION, "convention.txt").key_terms
    assert terms["authorising_deliberation_dates"] == ["2018-03-14"]


# --- names as written, where the source writes both apostrophes ---------------------------------

MIXED_APOSTROPHES = (
    "Convention de partenariat\n\nde mise à disposition de locaux à l'Association « Jardin "
    "d'Orbe »\n\nEntre :\n\nLa Ville d’Orbe, représentée par Monsieur Paul RIVES, Maire "
    "d’Orbe, agissant en vertu d’une décision n° 21-12 du 3 mars 2021,\n\nci-après dénommée "
    '« La Ville »,\n\nd’une part,\n\nEt :\n\nL’Association "Jardin d\'Orbe", dont le siège '
    "social est situé à Orbe, représentée par Anne LORIN, Présidente,\n\nci-après dénommée "
    "« L’Association»,\n\nd’autre part,\n\nPréambule\n\nL’Association cultive un jardin.\n\n"
    "Article 1 – Objet\n\nLa Ville met un local à disposition.\n"
)


def test_names_keep_their_apostrophes() -> None:
    terms = extract(MIXED_APOSTROPHES.encode("utf-8"), "convention.txt").key_terms
    assert [p["name"] for p in terms["parties"]] == ["Ville d’Orbe", "Jardin d'Orbe"]


# --- a convention cut inside its parties: the association of its title, the grant of its visas --

CUT_CONVENTION = (
    "DEVI – SEA\n\nAssociation Les Hirondelles – Convention annuelle 2020\n\n1/5 Convention "
    "annuelle 2020\n\nrelative au soutien départemental apporté à l'association Les "
    "Hirondelles du Sundgau\n\nVu le Code Général des Collectivités Territoriales,\n\nVu la "
    "délibération n° CP-2020-3-1-2 du 14 février 2020 accordant une subvention d'un montant "
    "de 4 200 euros à l'association Les Hirondelles au titre du programme d'éducation à "
    "l'environnement\n\nVu la demande de subvention présentée par l'association au titre de "
    "l'exercice 2020,\n\nEntre\n\nLe Département du Haut-Rhin, représenté par la Présidente du "
    "Conseil départemental, dûment habilitée par délibération de la Commission Permanente "
    "en date du …...\n\nsis 100 avenue d'Alsace - 68006 COLMAR CEDEX,\n\nci-après désigné "
    "sous le terme « le Département », d'une part,\n\nEt\n"
)


def test_convention_cut_inside_its_parties() -> None:
    terms = extract_text(CUT_CONVENTION, "convention.txt").key_terms
    assert [(p["name"], p["role"]) for p in terms["parties"]] == [
        ("Département du Haut-Rhin", "public_authority"),
        ("Les Hirondelles du Sundgau", "beneficiary"),
    ]
    assert [(a["amount"], a["year"]) for a in terms["amounts"]] == [("4200.00", 2020)]


# --- the same shapes flattened to one line -------------------------------------------------------

FLATTENED = [
    # « Entre les soussignés ci-après : », « d'une part,  ET,  La … », « Vu, l'article »
    (
        PARTIES[0][0].replace("\n", " "),
        {
            "parties": [
                ("Département de la Lozère", "public_authority", "Hélène CASTAGNET-ROUX"),
                ("Chambre des Métiers de la Lozère", "beneficiary", "Luc FABRE"),
            ]
        },
    ),
    # « JORF n° … du … Avenant n°3 du … Entre : … » on one line
    (STATE_AVENANT.replace("\n", " "), {"signature_date": "2016-08-26"}),
]


@pytest.mark.parametrize(("text", "expected"), FLATTENED)
def test_flattened(text: str, expected: dict[str, object]) -> None:
    terms = extract_text(text, "convention.txt").key_terms
    got = {
        key: [(p["name"], p["role"], p["representative"]) for p in terms[key]]
        if key == "parties"
        else terms[key]
        for key in expected
    }
    assert got == expected


def test_one_word_per_line_with_blank_lines() -> None:
    """The third case of ``PARTIES`` with a blank line between every line (a PDF text
    layer): the name runs over the single words, the person follows the office across a
    blank line."""
    text = PARTIES[2][0].replace("\n", "\n\n")
    terms = extract_text(text, "convention.txt").key_terms
    assert [(p["name"], p["role"], p["representative"]) for p in terms["parties"]] == PARTIES[2][1]


# --- a convention with the State: its public operator is no beneficiary ------------------------


def test_state_operator_is_other() -> None:
    terms = extract_text(STATE_AVENANT, "avenant.txt").key_terms
    assert [(p["name"], p["role"]) for p in terms["parties"]] == [
        ("Etat", "public_authority"),
        ("Agence nationale des jardins (ANJ)", "other"),
    ]
