"""Recognisers on invented snippets shaped like real acts (tenth round): members excused
« ayant remis un pouvoir », a proxy said « X mandataire Y », the only excused member
glued to the prose after the list, elisions whose apostrophe a PDF's text layer lost,
and party blocks that open on an office (« Le Président du Conseil général … agissant
au nom et pour le compte du Département », « Le Président M Paul X agissant au nom et
pour le compte de l'association … »).

Every snippet is invented; the shapes are those of acts published by authorities.
"""

from __future__ import annotations

import pytest

from pacte.extraction.pipeline import extract_text
from pacte.extraction.readers import normalise
from pacte.extraction.readers.normalised import apostrophes_restored

HEAD = (
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL DU MARDI 12 MARS 2024\n"
    "Le mardi 12 mars 2024 à 18h00, le Conseil Municipal, légalement convoqué, s'est réuni "
    "sous la présidence de Monsieur Paul ROCHE, Maire.\n"
)
TAIL = (
    "\nMadame GAUTIER est nommée secrétaire de séance.\n"
    "Objet : subvention à l'association Les Amis du Lavoir\n"
    "Après en avoir délibéré, le Conseil Municipal, à l'unanimité, approuve.\n"
)

ATTENDANCE = [
    (
        # members excused who handed in a proxy are excused and gave a proxy
        "Etaient présents : Paul ROCHE, Anne MARCHAND, Louis PERRIN, Sophie GAUTIER\n"
        "Absent(s) excusé(s) ayant remis un pouvoir : Julie BRUN à Paul ROCHE, Henri LEROUX à "
        "Anne MARCHAND\nAbsent(s) non excusé(s): Nadia BENALI\nAbsent(s) excusé(s): Pierre COLAS",
        {"members_present": 4, "members_excused": 3, "proxies": 2, "members_absent": 1},
    ),
    (
        # the same, flattened: the only name of the last list glued to the prose after it
        "Etaient présents : Paul ROCHE, Anne MARCHAND, Louis PERRIN, Sophie GAUTIER "
        "Absent(s) excusé(s) ayant remis leur pouvoir : Julie BRUN à Paul ROCHE "
        "Absent(s) excusé(s): Pierre COLAS formant la majorité des membres en exercice.",
        {"members_present": 4, "members_excused": 2, "proxies": 1},
    ),
    (
        # « X mandataire Y »: one proxy, held by Y
        "Etaient présents :\n\nM. Paul ROCHE, Maire, Mme Anne MARCHAND, M. Louis PERRIN, "
        "Mme Sophie GAUTIER\n\nEtait absente représentée :\n\n"
        "Mme Julie BRUN mandataire M. Paul ROCHE\n",
        {"members_present": 4, "proxies": 1},
    ),
]


@pytest.mark.parametrize(("attendance", "expected"), ATTENDANCE)
def test_attendance(attendance: str, expected: dict[str, int]) -> None:
    terms = extract_text(HEAD + attendance + TAIL).key_terms

    assert {key: terms[key] for key in expected} == expected


APOSTROPHES = [
    (
        "Entre la Commune d Yerres, représentée par son Maire, d une part, ET L Association "
        "Les Amis, d autre part. Il a été convenu ce qui suit : l article 1 précise qu il…",
        "Entre la Commune d Yerres, représentée par son Maire, d'une part, ET L'Association "
        "Les Amis, d'autre part. Il a été convenu ce qui suit : l'article 1 précise qu'il…",
    ),
    # a text with its apostrophes: unchanged
    ("Entre la Commune, d'une part, et l'association, d'autre part", None),
    # one or two lone letters are no evidence (a list item, a unit after a figure)
    ("Point d) : l une des deux, à 4 l eau, 3 m environ", None),
    # after a figure, a letter is a unit, whatever else the text lost
    ("d une part, l article, qu il verse 5 l eau", "d'une part, l'article, qu'il verse 5 l eau"),
]


@pytest.mark.parametrize(("text", "expected"), APOSTROPHES)
def test_lost_apostrophes_are_put_back(text: str, expected: str | None) -> None:
    restored = apostrophes_restored(text)

    assert restored == (expected or text)
    assert len(restored) == len(text)  # offsets hold


def test_a_convention_whose_apostrophes_were_lost_keeps_its_second_party() -> None:
    text = normalise(
        "Convention de partenariat entre la Commune de Lorval et l Association Les Amis "
        "ENTRE La Commune de Lorval, Hôtel de Ville, 1 place de la Mairie, 29000 LORVAL, "
        "représentée par son Maire, Paul ROCHE, agissant au nom et pour le compte de la "
        "Commune, ci-après dénommée «la Commune», d une part, ET L Association Les Amis du "
        "Lavoir, ayant son siège 3 rue Haute, 29000 LORVAL, et représentée par Madame Anne "
        "MARCHAND, sa Présidente, ci-après dénommée «l Association», d autre part, Il a été "
        "convenu et arrêté ce qui suit : ARTICLE 1 OBJET La présente convention détermine les "
        "conditions du partenariat entre la Commune et l Association. ARTICLE 2 DURÉE La "
        "convention est conclue pour une durée d un an."
    )

    parties = extract_text(text).key_terms["parties"]

    assert [(p["role"], p["representative"]) for p in parties] == [
        ("public_authority", "Paul ROCHE"),
        ("beneficiary", "Anne MARCHAND"),
    ]


OFFICE_FIRST = (
    "CONVENTION\nENTRE\n"
    "Le Président du Conseil Départemental de la Lozère agissant au\n"
    "nom et pour le compte du Département en vertu d'une délibération en date du 19\n"
    "novembre 2022,\nd'une part\nET\n"
    "Le Président M Paul ROCHE agissant au nom et pour le compte du\n"
    "Comité d'Entraide du Personnel conformément à l'habilitation délivrée par son conseil\n"
    "d'administration le 6 octobre 2022 et ci-après désigné par les termes : l'association\n"
    "d'autre part,\nIL EST ARRETE ET CONVENU CE QUI SUIT :\n"
    "ARTICLE 1 : Objet de la convention.\nLe Département soutient l'association.\n"
    "ARTICLE 2 : Subvention.\nLe Département octroie à l'association une subvention de "
    "12 000 €.\n"
)


def test_party_blocks_opening_on_an_office() -> None:
    parties = extract_text(OFFICE_FIRST).key_terms["parties"]

    assert parties == [
        {
            "name": "Conseil Départemental de la Lozère",
            "role": "public_authority",
            "representative": None,
        },
        {
            "name": "Comité d'Entraide du Personnel",
            "role": "beneficiary",
            "representative": "Paul ROCHE",
        },
    ]


def test_an_office_of_a_commune_names_the_commune() -> None:
    text = OFFICE_FIRST.replace(
        "Le Président du Conseil Départemental de la Lozère agissant au\n"
        "nom et pour le compte du Département",
        "Le Maire de la Commune de Lorval, agissant au nom et pour le compte de la Commune",
    )

    parties = extract_text(text).key_terms["parties"]

    assert parties[0]["name"] == "Commune de Lorval"
    assert parties[0]["role"] == "public_authority"


def test_the_heading_presidence_de_names_the_chair() -> None:
    """« Présidence de X » heads the extract; the convener named below with another
    spelling (« convocation adressée par Mme X-Y, Maire ») is the same person, written as
    the heading writes her."""
    text = (
        "EXTRAIT DU REGISTRE DES DELIBERATIONS\nDU CONSEIL MUNICIPAL DE LA VILLE DE LORVAL\n"
        "Séance publique du\n29 juin 2015\n\nPrésidence de Marie DURAND LEFORT\n"
        "Maire de Lorval\n\nOBJET : VIE CULTURELLE - ATTRIBUTION DE SUBVENTIONS\n"
        "Le 29 juin 2015 à 17h00, le Conseil Municipal s'est réuni sur la convocation qui lui "
        "a été adressée par Mme Marie DURAND-LEFORT, Maire, le 23/06/2015.\n"
        "Etaient Présents :\nMonsieur Paul ROCHE, Madame Anne MARCHAND\n"
    )

    assert extract_text(text).key_terms["president"] == "Marie DURAND LEFORT"


GROUPS = (
    "La Commission permanente du Conseil régional s'est réunie en séance ordinaire le "
    "vendredi 21 octobre 2016, sous la présidence de Monsieur Paul ROCHE, président du "
    "Conseil régional.\n\n"
    "Sont présents :\n"
    "Monsieur Marc GRIS, Madame Anne MARCHAND, Monsieur Louis PERRIN, Vice-présidents, "
    "membres de la Commission permanente.\n"
    "Monsieur Guy LEBLANC, Monsieur Jean NOIR, membres de la Commission permanente.\n\n"
    "Assistent sans voix délibérative :\n"
    "Monsieur Pierre ROUX, Madame Estelle COCHARD, Présidents de commission\n\n"
    "Sont excusés :\n"
    "Monsieur Paul GRAND (pouvoir à M. GRIS à partir de 11 H 00)\n\n"
    "Madame Isabelle GAUDRON (pouvoir à Mme MARCHAND), Monsieur Mohamed MOULAY (pouvoir à "
    "M. PERRIN), Vice-présidents\n\n"
    "Madame Claude GREFF (pouvoir à M. LEBLANC), membres de la Commission permanente\n\n"
    "Madame Tania ANDRE, Monsieur Olivier FREZOT\n\n"
    "Mme Claire ORLIAC, représentante de la Région au conseil d'administration de "
    "l'association, n'a pris part ni au débat ni au vote.\n"
)


def test_lists_made_of_groups_with_their_role_go_on() -> None:
    """Members listed by groups, each closed by its role (« …, Vice-présidents, membres de
    la Commission permanente. »), and excused members in several paragraphs: one list each,
    up to the next label; a paragraph of prose about a member is not part of it."""
    terms = extract_text(GROUPS).key_terms

    assert terms["members_present"] == 5 + 1  # the president included
    assert terms["members_excused"] == 6
    assert terms["proxies"] == 4


def test_a_report_then_the_councils_deliberation_is_a_deliberation() -> None:
    """An old département's act, OCR'd and flattened: « I - RAPPORT DU PRÉSIDENT … II -
    DÉLIBÉRATION DU CONSEIL », its rapporteur named; nothing else says what it is."""
    text = (
        "SEANCE DU 10 JOIN\n1 SEANCE DU 10 JOIN IiI A 1 Demande de subvention presentee par "
        "l'ecole publique du Bourg pour l'amelioration du fonctionnement de la classe I - "
        "RAPPORT DU PRESIDENT Depuis plus d'un an fonctionne a l'ecole une classe unique. Le "
        "directeur envisage l'acquisition de materiel. Il vous appartient de vous prononcer "
        "sur le montant de la subvention. II - DELIBERATION DU CONSEIL M. Durand, rapporteur "
        "Dans son rapport, le President expose la demande."
    )

    extraction = extract_text(text)

    assert extraction.doc_type == "deliberation", extraction.doc_type_reason
