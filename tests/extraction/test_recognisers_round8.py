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
