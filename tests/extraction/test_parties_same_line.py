"""Parties written on the « Entre » and « Et » lines themselves, each followed by its
« ci-après dénommée » line: the label line is never taken for a party."""

from __future__ import annotations

import pytest

from pacte.extraction.pipeline import extract

TEXT = """CONVENTION DE PARTENARIAT

Entre la Commune de Plouzévet, représentée par son Maire, M. Erwan LE DUFF, dûment autorisé par délibération du conseil municipal du 3 février 2025,
ci-après dénommée « la Commune »,

Et l'association Vélo Solidaire, représentée par sa Présidente, Mme Nolwenn PRIGENT,
ci-après dénommée « l'Association »,

Il est convenu ce qui suit :

Article 1 – Objet
La présente convention soutient l'atelier de réparation de l'Association.

Article 2 – Durée
La présente convention est conclue pour une durée d'un an à compter de sa signature.
"""

TITLE_THEN_PARTIES = """CONVENTION DE PARTENARIAT
entre la Commune de Plouzévet et l'association Vélo Solidaire

ENTRE
La Commune de Plouzévet, représentée par son Maire, M. Erwan LE DUFF,
ci-après dénommée « la Commune »,
ET
L'association Vélo Solidaire, représentée par sa Présidente, Mme Nolwenn PRIGENT,
ci-après dénommée « l'Association »,

Il est convenu ce qui suit :

Article 1 – Objet
La présente convention soutient l'atelier de réparation de l'Association.
"""


@pytest.mark.parametrize("text", [TEXT, TITLE_THEN_PARTIES], ids=["same-line", "title-entre"])
def test_parties_on_the_entre_and_et_lines(text: str) -> None:
    parties = extract(text.encode(), "convention.txt").key_terms["parties"]
    assert [(p["name"], p["role"], p["representative"]) for p in parties] == [
        ("Commune de Plouzévet", "public_authority", "Erwan LE DUFF"),
        ("Vélo Solidaire", "beneficiary", "Nolwenn PRIGENT"),
    ]
