"""Recognisers on invented snippets shaped like real acts (second round): one case per rule.

Document type from generic cues (OCR-split headings, running page headers, items of one
session, a decision of the mayor alone), attendance and votes of flattened minutes.
"""

from __future__ import annotations

import pytest

from pacte.extraction.doctype import classify

VOTED = " Le point est adopté à l'unanimité. Point suivant."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the hyphen of « PROCÈS-VERBAL » lost with its « S » by OCR
        (
            "VILLE DE SAINT-PIERRE CONSEIL MUNICIPAL DU 9 JANVIER 2023 PROCE VERBAL M. le "
            "maire ouvre la séance. VU le Code général des collectivités territoriales, le "
            "conseil municipal, après en avoir délibéré, à l'unanimité, DÉCIDE :",
            "minutes",
        ),
        # no heading kept, but the running header of the pages names the minutes
        (
            "CONSEIL MUNICIPAL DU 2 MARS 2023 Nombre de conseillers en exercice : 19 Présents : "
            "15 Après en avoir délibéré, le conseil municipal décide : Procès-verbal 2/12 "
            "Conseil municipal du 2 mars 2023",
            "minutes",
        ),
        # a session opened, then its items
        (
            "Commune de Villefranche Séance du 17 mars 2023 Le Conseil Municipal s'est réuni "
            "en session ordinaire. Présents : DUPONT Jean, MARTIN Paul Le quorum étant "
            "atteint, Monsieur le Maire ouvre la séance. Budget primitif 2023",
            "minutes",
        ),
        # three items each with its outcome
        ("Conseil municipal du 3 mai 2023. Ordre du jour." + VOTED * 3, "minutes"),
        # a decision of the mayor under delegated powers is no deliberation
        (
            "DECISION DU MAIRE PRISE LE 29 MARS 2023 EN APPLICATION DE LA DELEGATION DU "
            "CONSEIL MUNICIPAL Le Maire de Villeneuve, VU le code général des collectivités "
            "territoriales, VU la délibération du 25 mai 2020, DECIDE : Article 1 : "
            "inscrite au registre des délibérations du conseil municipal",
            "arrete",
        ),
        (
            "Date de réception préfecture : 15/12/2022 DEC 54.2022 Le Maire d'Ambly, Vu "
            "l'article L. 2122-22 du code général des collectivités territoriales, Vu la "
            "délibération du conseil municipal, DECIDE Article 1 : de solliciter une "
            "subvention. Article 2 : inscrite au registre des délibérations du conseil "
            "municipal",
            "arrete",
        ),
    ],
)
def test_document_type_from_generic_cues(text: str, kind: str) -> None:
    assert classify(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        # one outcome, twice: still one deliberation
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS Séance du 3 mai 2023" + VOTED * 2,
        # a deliberation citing a decision of the mayor in its visas
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS Séance du 3 mai 2023 Vu la décision du maire "
        "n° 2023-12, le conseil municipal, après en avoir délibéré, DÉCIDE :",
    ],
)
def test_a_deliberation_stays_a_deliberation(text: str) -> None:
    assert classify(text).kind == "deliberation"
