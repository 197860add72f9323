"""Recognisers on invented snippets shaped like real acts (eleventh round): substitute
members present « avec voix délibérative » under a label of their own, a single payment
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
