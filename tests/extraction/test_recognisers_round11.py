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


@pytest.mark.parametrize(("attendance", "expected"), ATTENDANCE + NAMES)
def test_attendance(attendance: str, expected: dict[str, int]) -> None:
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


# --- lists cut by the end of the text; « Dont un pouvoir de : » --------------------------


def test_list_cut_by_the_end_of_the_text_counts_nothing() -> None:
    text = (
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 12 décembre 2019\n"
        "Le Conseil municipal s'est réuni sous la présidence de M. Paul ROCHE, Maire.\n"
        "Présent(e)s : M. Paul ROCHE, Mme Anne MARCHAND, M. Louis PERRIN, Mme Sophie GAUTIER.\n"
        "Absent(e)s : M. Marc GIRAUD.\nDépôt de pouvoir : Mme Julie BRUN à M. Paul ROCHE, "
        "M. Henri LEROUX à Mme Anne MARCHAND, Mme Nadia BENALI à M. Lou"
    )
    terms = extract_text(text).key_terms
    assert (terms["members_present"], terms["members_absent"], terms["proxies"]) == (4, 1, None)


def test_list_of_names_ended_by_the_signature_is_not_cut() -> None:
    text = (
        "COMPTE RENDU DU CONSEIL MUNICIPAL DU 3 AVRIL 2023\nPrésents : Paul ROCHE, Anne "
        "MARCHAND, Louis PERRIN.\nAbsents : Marc GIRAUD, Julie BRUN\nLa séance est levée à "
        "21 h 45.\nLe Maire, Paul ROCHE"
    )
    assert extract_text(text).key_terms["members_absent"] == 2


def test_proxies_listed_under_dont_un_pouvoir_de() -> None:
    text = (
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE\n"
        "Séance du 14 mars 2022\n\nEn exercice : 40 Présents : 35 Votants : 38\n\n"
        "Dont un pouvoir de :\n\nM. Jean-Luc FOURRE à M. Eric PANNAUD\n\n"
        "Mme Claudine BRUNET à M. Francis GRELLIER Mme Evelyne PARIS à M. Bruno DRAPRON\n\n"
        "Objet : subvention à l'association Les Amis du Lavoir\n"
        "Après en avoir délibéré, le Conseil, à l'unanimité, approuve.\n"
    )
    assert extract_text(text).key_terms["proxies"] == 3


# --- more party shapes of real conventions ----------------------------------------------

PARTY_SHAPES = [
    (
        # the mandate after the name, when the office comes first; the receipt stamp on top
        "Reçu au Contrôle de légalité le 16 novembre 2016\n\nCONVENTION\n\nEntre La Métropole "
        "de Lorval, représentée par son Vice-Président, Monsieur Paul ROCHE dûment autorisé par "
        "délibération du Bureau de la Métropole, dont le siège est fixé au 58 Bd Carnot\n\n"
        "ci-après dénommée « la Métropole »,\n\nEt l'Association pour l'Initiative Locale (AIL) "
        "31 rue Mazenod, représentée par sa Présidente, Anne GIRAUD, dont le siège est fixé au "
        "139 Boulevard Voltaire\n\nci-après dénommée AIL Il a été convenu ce qui suit :\n\n"
        "Article 1 : Missions\n\nL'AIL accompagne les créateurs d'entreprise.\n",
        [
            ("Métropole de Lorval", "public_authority", "Paul ROCHE"),
            ("Association pour l'Initiative Locale (AIL)", "beneficiary", "Anne GIRAUD"),
        ],
    ),
    (
        # « …, ci-après désigné(e) « X », Et Bordeaux Métropole, … »: no article before it
        "CONVENTION FINANCIERE 2019 Entre les soussignés L'Atelier du Port, association régie "
        "par la loi du 1er juillet 1901, dont le siège social est situé 6 rue Jules Guesde, "
        "représentée par sa Présidente Madame Anne GIRAUD, dûment habilitée aux fins des "
        "présentes, ci-après désigné(e) « L'Atelier du Port », Et Lorval Métropole, dont le "
        "siège social est situé Esplanade Charles de Gaulle, représentée par son Président, "
        "Paul ROCHE, dûment habilité aux fins des présentes par délibération du Conseil de "
        "Lorval Métropole, ci-après désigné(e) « Lorval Métropole » PREAMBULE L'association "
        "L'Atelier du Port, créée en février 2001, propose un service d'aide au déménagement "
        "pour les personnes à faibles revenus et lutte contre la précarité des ménages.",
        [
            ("L'Atelier du Port", "beneficiary", "Anne GIRAUD"),
            ("Lorval Métropole", "public_authority", "Paul ROCHE"),
        ],
    ),
    (
        # « Entre, d'une part, la Ville …, et, d'autre part, l'Association … »
        "CONVENTION D'OCCUPATION POUR LA GESTION D'UN JARDIN PARTAGE PREAMBULE La Ville "
        "souhaite favoriser l'échange autour d'un jardin partagé collectif de quartier, lieu de "
        "vie ouvert sur le quartier, convivial, propice aux rencontres intergénérationnelles. "
        "Entre, d'une part, la Ville de Lorval, représentée par le Maire, domicilié 14, Place "
        "Henri Barbusse, agissant en vertu d'une délibération du Conseil Municipal en date du 20 "
        "octobre 2011, et, d'autre part, l'Association LES JARDINIERS, constituée le 30 mai "
        "2011, représentée par sa présidente Anne GIRAUD et domiciliée 2 rue Jules Ferry, "
        "ci-après dénommée « l'Association ». Il est exposé et convenu ce qui suit : Article 1 : "
        "OBJET La présente convention précise les modalités de mise à disposition du jardin.",
        [
            ("Ville de Lorval", "public_authority", None),
            ("Association LES JARDINIERS", "beneficiary", "Anne GIRAUD"),
        ],
    ),
    (
        # « Le groupement d'employeurs dénommé « X » »: the name is what the quotes hold
        "CONVENTION DE SUBVENTION\n\nENTRE\n\nLe Département de la Marne-Haute, représenté par "
        "Monsieur Paul ROCHE, Président du Département, dûment habilité par décision de la "
        "commission permanente en date du 30 mars 2018.\n\nCi-après dénommé le Département\n\n"
        "ET\n\nLe groupement d'employeurs dénommé « Sport Emploi 52 », régie par la loi du 1er "
        "juillet 1901, représentée par son Président, Monsieur Luc GIRAUD, ayant tous pouvoirs "
        "à l'effet des présentes.\n\nCi-après dénommé le Cocontractant\n\n"
        "Vu le code du sport,\n\nArticle 1 : Objet\n",
        [
            ("Département de la Marne-Haute", "public_authority", "Paul ROCHE"),
            ("Sport Emploi 52", "beneficiary", "Luc GIRAUD"),
        ],
    ),
    (
        # « d'une part ET La Région … »: no comma after « part »
        "CONVENTION CADRE Vu le Contrat de Plan Etat-Région, ENTRE L'Etat, représenté par "
        "Monsieur Paul ROCHE, Préfet de la Région, d'une part ET La Région Marne-Haute, "
        "représentée par Monsieur Luc GIRAUD, Président du Conseil Régional, d'autre part, ET "
        "Le Département de la Marne-Haute, représenté par Madame Anne PETIT, Présidente du "
        "Conseil départemental, d'autre part, IL A ETE CONVENU CE QUI SUIT I - Une ambition "
        "partagée Les signataires de la présente convention-cadre s'engagent à conjuguer leurs "
        "efforts pour mettre en œuvre un plan régional de développement de l'économie sociale "
        "et solidaire, élément important de l'économie régionale.",
        [
            ("Etat", "public_authority", "Paul ROCHE"),
            ("Région Marne-Haute", "public_authority", "Luc GIRAUD"),
            ("Département de la Marne-Haute", "public_authority", "Anne PETIT"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARTY_SHAPES)
def test_party_shapes(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _parties(text) == expected


def test_receipt_at_the_control_of_legality_dates_the_convention() -> None:
    terms = extract_text(PARTY_SHAPES[0][0]).key_terms
    assert terms["prefecture_date"] == "2016-11-16"


def test_quorum_reminder_is_no_count_of_the_present() -> None:
    text = (
        "DECISION DU BUREAU COMMUNAUTAIRE Séance du Jeudi 13 Février 2020\n\n"
        "+ Rappel du quorum : il est atteint avec 17 membres présents\n\n"
        "PRESIDENT DE SEANCE : M. PAUL ROCHE\n\nPRESENTS : M. PAUL ROCHE, M. LUC GIRAUD, "
        "MME ANNE PETIT, M. MARC DUBOIS\n\nLe Bureau communautaire délibère à l'unanimité\n\n"
        "OBJET : DESIGNATION DES REPRESENTANTS\n"
    )
    assert extract_text(text).key_terms["members_present"] == 4


# --- sessions: proxies after initials, surnames in small letters, agenda told -----------


def test_session_told_with_its_agenda_and_proxies_after_initials() -> None:
    text = (
        "Assemblée Générale de la Communauté de Communes du Val de Lorre mercredi 23 février "
        "2023 Etaient présents : Mesdames et Messieurs : AUBERT J., BARRE B., DUMONT A., "
        "GIRAUD C., PERRIN JL., ROCHE D. Délégués excusés : CHARRET T. (pouvoir à C. GIRAUD), "
        "MORANNE L., DUCHIER C. (pouvoir à D. ROCHE), L'ordre du jour était le suivant : "
        "✓ Débat d'Orientation Budgétaire ✓ Baignade biologique : tarifs et horaires ✓ "
        "Personnel : proposition de la commission du personnel ✓ Questions diverses"
    )
    terms = extract_text(text).key_terms
    assert terms["doc_type"] == "minutes"
    assert (terms["members_present"], terms["members_excused"], terms["proxies"]) == (6, 3, 2)


def test_surnames_in_small_letters_after_a_plural_civility() -> None:
    text = (
        "SYNDICAT INTERCOMMUNAL DES EAUX DU LORRE\n\nCOMPTE RENDU DE LA REUNION DU 10 DECEMBRE "
        "2019\n\nEtaient présents : Messieurs Leynaud, Chabal, Madame Pollard-Boulogne\n\n"
        "Excusés : Mesdames Bacconier, Audouard, Messieurs Leclere, Cotta, Tonkens.\n\n"
        "Le quorum étant atteint, la Présidente déclare la séance ouverte.\n"
    )
    terms = extract_text(text).key_terms
    assert (terms["members_present"], terms["members_excused"]) == (3, 5)


def test_one_deliberation_stating_its_present_twice_is_no_minutes() -> None:
    text = (
        "SEANCE DU CONSEIL COMMUNAUTAIRE DU JEUDI 25 JUIN 2009 Convocations adressées le 18 "
        "juin 2009 Nombre de délégués titulaires présents : 5 Nombre de délégués votants : 6 "
        "Nombre de délégués titulaires en exercice: 7 Pour extrait conforme, Le Président, "
        "Paul ROCHE Etaient présents: En tant que délégués titulaires : Monsieur ROCHE, "
        "Président, Madame BEAUFILS, Messieurs LE BRETON, GATARD, MICHEL, délégués "
        "communautaires. En tant que titulaires absents excusés : Monsieur BRIAND, donne "
        "pouvoir à Monsieur GATARD, Monsieur CHALON. En tant que délégués suppléants, étaient "
        "présents : Madame ATTEYE. Objet : Attribution d'un fonds de concours à la commune."
    )
    assert extract_text(text).key_terms["doc_type"] == "deliberation"


def test_guests_listed_after_ainsi_que_end_the_proxies() -> None:
    text = (
        "PROCES VERBAL DU COMITÉ SYNDICAL Séance du 11 février 2016 Le Comité Syndical s'est "
        "réuni le 11 février 2016 sous la présidence de Monsieur Paul ROCHE. Étaient présents : "
        "Monsieur Paul ROCHE (Artenay), Madame Anita BENIER (Baccon), Monsieur David FAUCON "
        "(Beaugency), Avait donné pouvoir : Madame Pascale MINIERE (Boulay) à Monsieur David "
        "FAUCON (Beaugency), Ainsi que : Monsieur Pierre MANCHON (Rouvray), Madame Michèle "
        "DUMAS (Saint Péravy), Monsieur Marc LEBLOND (Patay), Étaient absents excusés : "
        "Madame Brigitte LASNE (Baule). Secrétaire de séance : Madame Anita BENIER."
    )
    terms = extract_text(text).key_terms
    assert (terms["members_present"], terms["proxies"]) == (3, 1)


# --- sessions: kinds of documents, groups of surnames, a rule of majority quoted ----------

DOC_TYPES = [
    (
        # « Vote de délibérations n°… à n°… »: several deliberations of one session
        "Vendredi 1er juillet 2022 à 19 h 00 Le Conseil Municipal de la commune de Lorval s'est "
        "réuni sous la Présidence de Paul ROCHE, Maire. Présents : Anne PETIT ; Luc GIRAUD ; "
        "Paul ROCHE Secrétaire : Anne PETIT Vote de délibérations n°2022 07 01/30 à n°2022 07 "
        "01/39 Exercice : 12 Présents : 9 Votants : 10 Pour : 10 Contre : 0 Abstentions : 0 "
        "Délibération n°30 – Création d'un cabinet médical",
        "minutes",
    ),
    (
        # the session's agenda listed as it opens
        "Le Conseil Municipal s'est réuni mercredi 6 novembre 2024 en salle du conseil autour "
        "des points à l'ordre du jour suivants :\n\n  • Nomination d'un conseiller municipal\n"
        "  • Assurance statutaire\n  • Attribution d'une subvention exceptionnelle\n",
        "minutes",
    ),
    (
        # « CONSEIL MUNICIPAL Séance du … » as the title, no object of one deliberation
        "Mairie\n\nCONSEIL MUNICIPAL Séance du 22 février 2021\n\nL'an deux mil vingt et un, le "
        "vingt-deux février à 19 heures, le Conseil Municipal de la Commune de LORVAL, dûment "
        "convoqué, s'est réuni en session ordinaire à la Mairie, sous la présidence de M. Paul "
        "ROCHE, Maire.\n\nPrésents : MMES PETIT – GIRAUD\n\nMM. ROCHE – DUBOIS\n\n"
        "Secrétaire de séance : Mme PETIT.\n",
        "minutes",
    ),
    (
        # « PROCES VERBAL INTEGRAL » under the heading of the register
        "COMMUNAUTE DE COMMUNES DU LORRE EXTRAIT DU REGISTRE DES DELIBERATIONS SEANCE DU 23 "
        "JUIN 2015 PROCES VERBAL INTEGRAL L'an deux mil quinze, le vingt-trois juin à 18 heures, "
        "le Conseil Communautaire, légalement convoqué, s'est réuni en séance ordinaire, sous la "
        "présidence de Monsieur Paul ROCHE. Présents : MM. Paul ROCHE, Luc GIRAUD.",
        "minutes",
    ),
    (
        # a decision told in an excerpt of the debates
        "M. Rouyer fait la lecture du courrier et de la convention qui fait état des missions de "
        "la commission intercommunale pour l'accessibilité.\nA cette écoute, le conseil décide à "
        "l'unanimité d'adhérer à la commission et d'autoriser le maire à signer la convention.\n",
        "deliberation",
    ),
]


@pytest.mark.parametrize(("text", "kind"), DOC_TYPES)
def test_kind_of_document(text: str, kind: str) -> None:
    assert extract_text(text).key_terms["doc_type"] == kind


def test_session_date_of_a_council_met_on_a_weekday_and_groups_of_surnames() -> None:
    terms = extract_text(DOC_TYPES[1][0]).key_terms
    assert terms["session_date"] == "2024-11-06"
    terms = extract_text(DOC_TYPES[2][0]).key_terms
    assert terms["members_present"] == 4


def test_particle_ending_a_line_keeps_the_surname_whole() -> None:
    text = (
        "COMMISSION PERMANENTE\nséance du 05/06/2015\nPROCÈS-VERBAL\nLa Commission permanente "
        "s'est réunie sous la présidence de M. Paul ROCHE.\nÉtaient présents :\n"
        "M. ROCHE, M. BILLARD (VP), Mme de LA\nRAUDIERE (VP), M. LEMOINE (VP), Mme de\n"
        "SOUANCE\nAbsent(s) non représenté(s) :\nMme DORANGE\n"
    )
    assert extract_text(text).key_terms["members_present"] == 5


def test_rule_of_majority_quoted_is_no_vote() -> None:
    text = (
        "CONSEIL MUNICIPAL Séance du 22 février 2021\n\nPrésents : Paul ROCHE, Anne PETIT, Luc "
        "GIRAUD\n\nMonsieur le Maire rappelle les dispositions de l'article L.2121-18 du code "
        "général des collectivités territoriales qui prévoient que « Les séances des conseils "
        "municipaux sont publiques. Néanmoins, sur la demande de trois membres ou du maire, le "
        "conseil municipal peut décider, sans débat, à la majorité absolue des membres présents "
        "ou représentés, qu'il se réunit à huis clos. ».\n\nDélibération adoptée à l'unanimité\n"
    )
    assert extract_text(text).key_terms["vote"]["result"] == "unanimous"


def test_subsidies_listed_before_the_decision_that_votes_them() -> None:
    text = (
        "COMPTE RENDU DU CONSEIL MUNICIPAL DU 12 MARS 2015\n\nSubventions aux associations\n\n"
        "Il est donc proposé au Conseil de voter les subventions suivantes :\n\n"
        "  • Les Frênes : 150 €\n  • Club de gym : 332 €\n  • AMAP du Moulin : 318 €\n\n"
        "Après en avoir délibéré, le Conseil municipal vote les subventions proposées par 8 voix "
        "pour et 2 abstentions.\n"
    )
    amounts = extract_text(text).key_terms["amounts"]
    assert [(a["amount"], a["label"]) for a in amounts] == [
        ("150.00", "Les Frênes"),
        ("332.00", "Club de gym"),
        ("318.00", "AMAP du Moulin"),
    ]


# --- bulleted parties, « 1er » read by the OCR, « X procuration Y » ---------------------


def test_parties_listed_with_bullets() -> None:
    text = (
        "CONVENTION CONSTITUTIVE DE GROUPEMENTS DE COMMANDE.\n\nEntre,\n\n"
        "- La Communauté de Communes du Val de Lorre, représentée par sa Présidente en "
        "exercice, Madame Anne PETIT, agissant en exécution d'une délibération du Conseil "
        "Communautaire, ci-après dénommée la CCVL,\n\n"
        "- La Ville de Lorval représentée par son maire en exercice, Monsieur Paul ROCHE, ci- "
        "après dénommée Lorval,\n\n"
        "- La Ville de Marzelle représentée par son maire en exercice, Madame Julie BRUN, ci- "
        "après dénommée Marzelle,\n\nIL EST PREALABLEMENT EXPOSE CE QUI SUIT\n"
    )
    assert _parties(text) == [
        ("Communauté de Communes du Val de Lorre", "public_authority", "Anne PETIT"),
        ("Ville de Lorval", "public_authority", "Paul ROCHE"),
        ("Ville de Marzelle", "public_authority", "Julie BRUN"),
    ]


@pytest.mark.parametrize("written", ["1ᵉ’ juillet 2022", "1″juillet 2022", "1° juillet 2022"])
def test_first_of_the_month_as_the_ocr_reads_it(written: str) -> None:
    from pacte.extraction.french import find_dates

    dates = find_dates(f"Vendredi {written} à 19 h 00")
    assert [(d.value.value.isoformat(), d.value.kind.value) for d in dates] == [
        ("2022-07-01", "exact")
    ]


def test_proxy_written_without_a_preposition() -> None:
    text = (
        "Le Conseil Municipal de la commune de Lorval s'est réuni sous la Présidence de Paul "
        "ROCHE, Maire, le 1er juillet 2022. Présents : Anne PETIT ; Luc GIRAUD ; Paul ROCHE "
        "Absents excusés : Maud BLANC ; Marc JOUVE procuration Anne PETIT ; Émilie BERNARD "
        "Secrétaire : Anne PETIT. Le conseil municipal, à l'unanimité, approuve."
    )
    terms = extract_text(text).key_terms
    assert (terms["members_excused"], terms["proxies"]) == (3, 1)


def test_proxies_held_by_present_members() -> None:
    text = (
        "COMMUNAUTE DE COMMUNES DU LORRE EXTRAIT DU REGISTRE DES DELIBERATIONS SEANCE DU 23 "
        "JUIN 2015 L'an deux mil quinze, le vingt-trois juin à 18 heures, le Conseil "
        "Communautaire s'est réuni sous la présidence de Monsieur Paul ROCHE. Présents / "
        "Membres titulaires : MM. Paul ROCHE (a reçu pouvoir de Anne PETIT), Luc GIRAUD, "
        "Julie BRUN (a reçu pouvoir de Marc DUBOIS), Nadia BENALI. Secrétaire de séance : "
        "Luc GIRAUD. Le Conseil, à l'unanimité, approuve."
    )
    terms = extract_text(text).key_terms
    assert (terms["members_present"], terms["proxies"]) == (4, 2)


@pytest.mark.parametrize("text", ["à partir de 0000", "dès 0000", "fin 0000"])
def test_a_year_of_zeros_is_no_year(text: str) -> None:
    from pacte.extraction.french import find_dates

    assert find_dates(text) == []


# --- lot of conventions and sessions in capitals ----------------------------------------


def test_session_written_in_capitals_with_proxies_after_commas() -> None:
    text = (
        "COMMUNE DE LORVAL COMPTE-RENDU CONSEIL MUNICIPAL DU MERCREDI 22 JUIN 2011 L an deux "
        "mille onze, le vingt deux juin, s est réuni en séance publique le Conseil Municipal, "
        "sous la présidence de Monsieur Paul ROCHE, Maire. PRESENTS : PAUL ROCHE, ANNE PETIT, "
        "LUC GIRAUD, JULIE BRUN. EXCUSES REPRESENTES PAR POUVOIR : CLAUDE AUVRAY, POUVOIR A "
        "PAUL ROCHE ; LEONOR SERRE, POUVOIR A ANNE PETIT. ABSENTS : FARID ECHEIKR, SANDRINE "
        "BOISSIER. Julie BRUN est élue secrétaire de séance à l unanimité."
    )
    terms = extract_text(text).key_terms
    assert (
        terms["members_present"],
        terms["members_excused"],
        terms["proxies"],
        terms["members_absent"],
    ) == (4, 2, 2, 2)


def test_family_fund_and_commune_without_a_word_between_them() -> None:
    text = (
        "CONVENTION D'OBJECTIFS ET DE FINANCEMENT Relative à : l'accueil de loisirs Entre : La "
        "CAISSE D'ALLOCATIONS FAMILIALES DE LA MARNE-HAUTE représentée par son Directeur, "
        'Monsieur Paul ROCHE ci-après désignée "la Caf". LA COMMUNE DE LORVAL représenté(e) '
        'par son Maire, Monsieur Luc GIRAUD ci-après désigné(e) "le gestionnaire" pour son '
        "établissement accueil de loisirs Préambule : Les Caisses d'allocations familiales "
        "poursuivent une politique d'action sociale familiale articulée autour de deux "
        "finalités : améliorer la vie quotidienne des familles, par une offre adaptée de "
        "services et d'équipements, et mieux accompagner les familles, en particulier lorsqu'elles "
        "sont confrontées à des difficultés."
    )
    assert _parties(text) == [
        ("CAISSE D'ALLOCATIONS FAMILIALES DE LA MARNE-HAUTE", "public_authority", "Paul ROCHE"),
        ("COMMUNE DE LORVAL", "beneficiary", "Luc GIRAUD"),
    ]


# --- « all present but », groups of delegates, titles of minutes -------------------------


def test_all_present_but_those_named() -> None:
    text = (
        "CONSEIL MUNICIPAL SEANCE DU 18 NOVEMBRE 2011 COMPTE-RENDU Conseillers municipaux en "
        "exercice : 22 Le conseil municipal, légalement convoqué, s'est assemblé en session "
        "ordinaire, le vendredi 18 novembre 2011, sous la présidence de monsieur Paul ROCHE, "
        "maire. Etaient présents tous les conseillers en exercice, à l'exception de Messieurs "
        "Xavier QUEMERE et Dominique HUET, absents excusés. Le quorum étant atteint, le maire "
        "ouvre la séance."
    )
    terms = extract_text(text).key_terms
    assert (terms["members_present"], terms["members_excused"]) == (20, 2)


def test_present_delegates_in_groups_and_a_mixed_label() -> None:
    text = (
        "COMPTE-RENDU DU COMITE SYNDICAL DU SYNDICAT MIXTE DU VAL SÉANCE DU 15 DECEMBRE 2020\n\n"
        "Nombre de membres en exercice : 32\n\nEtaient présents :\n\n"
        "Délégués de la Communauté de Communes du Val : Mmes ALLAIRE, RIBOUILLEAULT, MM ABRAHAM, "
        "BIGNON.\n\nDélégués de la Communauté de Communes du Sud : Mmes GEORGET, LEGER et MM AMY, "
        "LE BOUFFANT, LORIOT.\n\nEtaient excusés/absents : Mmes BOURMAULT, MANCEAU, MM BOUGAS.\n\n"
        "Secrétaires de séance : Monsieur LORIOT et Madame LEGER\n\nORDRE DU JOUR\n"
    )
    terms = extract_text(text).key_terms
    assert (terms["members_present"], terms["members_excused"]) == (9, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Commune de LORVAL Séance du Conseil Municipal du 03 Décembre 2019\n\nLe 03 décembre "
        "2019, à 20 heures, le Conseil Municipal, régulièrement convoqué, s'est réuni sous la "
        "présidence de Monsieur Paul ROCHE, Maire.\n\nPrésents : Anne PETIT, Luc GIRAUD.\n",
        "1 Extrait du Registre des Délibérations Séance du 15 juillet 2020 Nombre des Membres en "
        "exercice : 77 OBJET : PROCES VERBAL DE REUNION DATE DE CONVOCATION : 08 JUILLET 2020 Le "
        "Conseil Communautaire, régulièrement convoqué, s'est réuni ce jour sous la présidence "
        "de Monsieur Paul ROCHE, Président. Etaient présents : ROCHE Paul, PETIT Anne.",
    ],
)
def test_minutes_by_their_title(text: str) -> None:
    assert extract_text(text).key_terms["doc_type"] == "minutes"


def test_convocation_to_a_session_is_no_minutes() -> None:
    text = (
        "Mmes et MM. les membres du Conseil Municipal Objet : Convocation à la séance du Conseil "
        "Municipal du 26 juin 2023 Cher(e) Collègue, le Conseil Municipal se réunira en séance "
        "publique le lundi 26 juin 2023 à 18h00."
    )
    assert extract_text(text).key_terms["doc_type"] != "minutes"


def test_figures_of_a_session_stated_in_a_sentence() -> None:
    text = (
        "PROCES-VERBAL DU COMITE SYNDICAL Séance du 12 mars 2019 Membres en exercice : 265 "
        "Quorum : 133 délégués A l'ouverture de la séance, 182 délégués étaient présents ; 2 "
        "avaient donné pouvoir écrit de voter en leur nom à un autre délégué. Délégués présents "
        "ou représentés : ANGLIERS : Alain RIGAUD ANTRAN : Patrick CABARET"
    )
    terms = extract_text(text).key_terms
    assert (terms["members_present"], terms["proxies"]) == (182, 2)


def test_label_of_proxies_citing_the_law_at_length() -> None:
    text = (
        "CONSEIL DE MÉTROPOLE Séance du 18 décembre 2014 sous la présidence de Monsieur Paul "
        "ROCHE. Nombre de membres en exercice : 92 Présents : Paul ROCHE, Anne PETIT, Luc GIRAUD, "
        "Julie BRUN. Absent(es) ayant voté par procuration en application des articles L. "
        "2121-20 et L.5211-1 du Code général des collectivités territoriales: Rosy BUONO, Henri "
        "DUBOIS. Le Conseil, à l'unanimité, approuve."
    )
    terms = extract_text(text).key_terms
    assert (terms["members_present"], terms["proxies"]) == (4, 2)


def test_unanimity_after_apres_deliberation() -> None:
    text = (
        "Commune de LORVAL Séance du Conseil Municipal du 03 Décembre 2019\n\nPrésents : Anne "
        "PETIT, Luc GIRAUD, Paul ROCHE.\n\n2019 – 054 – Indemnités de conseil allouées au "
        "comptable Le conseil municipal décide de reconduire l'indemnité.\n\nAprès délibération, "
        "à l'unanimité, l'indemnité calculée selon"
    )
    assert extract_text(text).key_terms["vote"] == {
        "result": "unanimous",
        "for": None,
        "against": None,
        "abstention": None,
    }


def test_present_at_the_opening_of_the_session_and_a_chair_named_by_first_name() -> None:
    text = (
        "Commune de LORVAL Séance du Conseil Municipal du 03 Décembre 2019\n\nNombre de "
        "conseillers présents à l'ouverture de la séance : 3\n\nLe Conseil Municipal s'est réuni "
        "sous la présidence de Monsieur Jean-Michel , Maire de la Commune.\n\nPrésents : Anne "
        "PETIT, Luc GIRAUD, Jean-Michel LAPRUGNE.\n\nSecrétaire de séance : Anne PETIT\n"
    )
    assert extract_text(text).key_terms["members_present"] == 3
    listed = text.replace("Nombre de conseillers présents à l'ouverture de la séance : 3", "")
    assert extract_text(listed).key_terms["members_present"] == 3


# --- register « aux » délibérations, figures in square brackets, « Présent-e-s » ---------


def test_register_aux_deliberations_and_figures_in_brackets() -> None:
    text = (
        "EXTRAIT DU REGISTRE AUX DÉLIBERATIONS DU CONSEIL COMMUNAUTAIRE DU 26 SEPTEMBRE 2014 "
        "Date de la convocation : 19 Septembre 2014. Le Conseil s'est réuni sous la présidence "
        "de M. Paul ROCHE, Président.\nPRESENTS [4] : Paul ROCHE, Anne PETIT, Luc GIRAUD, "
        "Julie BRUN.\nABSENTS EXCUSES AYANT DONNE MANDAT DE VOTE [1]: Marc DUBOIS a donné "
        "pouvoir à Paul ROCHE\nSECRETAIRE DE SEANCE : Anne PETIT\n"
    )
    terms = extract_text(text).key_terms
    assert terms["doc_type"] == "deliberation"
    assert (terms["members_present"], terms["members_excused"], terms["proxies"]) == (4, 1, 1)


def test_inclusive_label_with_hyphens_and_figures_before_their_labels() -> None:
    text = (
        "EXTRAIT du registre des délibérations du Conseil municipal Séance du lundi 17 février "
        "2020 Président : M. Paul ROCHE Présent-e-s : M. Paul ROCHE, Mme Anne PETIT, M. Luc "
        "GIRAUD. Objet : garantie d'emprunt. Le conseil, à l'unanimité, approuve."
    )
    assert extract_text(text).key_terms["members_present"] == 3
    text = (
        "Le 11 juillet, les conseillers communautaires se sont réunis sous la présidence de "
        "Monsieur Paul ROCHE.\n\n79 conseillers en exercice : 67 présents 10 pouvoirs 2 "
        "excusés\n\nLe Conseil désigne Monsieur Luc GIRAUD comme secrétaire de séance.\n"
    )
    assert extract_text(text).key_terms["members_present"] == 67


def test_parties_separated_by_semicolons_and_names_cleaned() -> None:
    text = (
        "CONVENTION PLURIANNUELLE D'OBJECTIFS 2008 - 2009 - 2010 Vu le Code Général des "
        "Collectivités Territoriales, Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits "
        "des citoyens dans leurs relations avec les administrations et notamment son article "
        "10, Entre d'une part : Lorre-Trégor Agglomération représentée par Monsieur Paul ROCHE, "
        "Président et signataire, agissant en vertu de la délibération du Conseil de Communauté "
        "du 24 juin 2008 ; Le Département de la Marne-Haute, représenté par Madame Marie- "
        "Christine PETIT, Présidente du Conseil départemental ; Et d'autre part : la société "
        "par actions simplifiée CAPS, représentée par Madame Julie BRUN, sa présidente. Il a été "
        "convenu ce qui suit : Article 1 : Objet de la convention."
    )
    assert _parties(text) == [
        ("Lorre-Trégor Agglomération", "public_authority", "Paul ROCHE"),
        ("Département de la Marne-Haute", "public_authority", "Marie-Christine PETIT"),
        ("CAPS", "beneficiary", "Julie BRUN"),
    ]


def test_deliberation_opened_by_its_number_and_date_above_a_convention_title() -> None:
    text = (
        "Délibération 5-6 du Jeudi 4 avril 2019\n\nVILLE DE LORVAL - CONSEIL MUNICIPAL - SEANCE "
        "DU 4 AVRIL 2019\n\nRAPPORT AU CONSEIL MUNICIPAL\n\nCENTRE SOCIAL DU PORT\n\n"
        "CONVENTION DE MISE A DISPOSITION\n\nAUTORISATION\n\nMme Anne PETIT, Adjointe,\n\n"
        "présente le rapport suivant :\n\nMESDAMES,\n\nMESSIEURS,\n\nLa Ville de LORVAL est "
        "propriétaire du Centre Social du Port.\n"
    )
    terms = extract_text(text).key_terms
    assert (terms["doc_type"], terms["session_date"]) == ("deliberation", "2019-04-04")
