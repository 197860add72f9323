"""Organisation names in a French sentence: article, contraction, gender agreement."""

from __future__ import annotations

import pytest

from pacte.terms.formats import agree, civility_gender, name_gender, with_article


@pytest.mark.parametrize(
    ("name", "definite", "of", "for_"),
    [
        (
            "Ville de Lorval",
            "la Ville de Lorval",
            "de la Ville de Lorval",
            "Pour la Ville de Lorval",
        ),
        (
            "Département du Morbihan",
            "le Département du Morbihan",
            "du Département du Morbihan",
            "Pour le Département du Morbihan",
        ),
        (
            "Chambre régionale de l'ESS",
            "la Chambre régionale de l'ESS",
            "de la Chambre régionale de l'ESS",
            "Pour la Chambre régionale de l'ESS",
        ),
        (
            "Association Les Jardins",
            "l'Association Les Jardins",
            "de l'Association Les Jardins",
            "Pour l'Association Les Jardins",
        ),
        (
            "Communauté de communes du Blavet",
            "la Communauté de communes du Blavet",
            "de la Communauté de communes du Blavet",
            "Pour la Communauté de communes du Blavet",
        ),
        (
            "Syndicat mixte de la Vère",
            "le Syndicat mixte de la Vère",
            "du Syndicat mixte de la Vère",
            "Pour le Syndicat mixte de la Vère",
        ),
        (
            "Conseil Général du Bas-Rhin",
            "le Conseil Général du Bas-Rhin",
            "du Conseil Général du Bas-Rhin",
            "Pour le Conseil Général du Bas-Rhin",
        ),
        (
            "Établissement public foncier",
            "l'Établissement public foncier",
            "de l'Établissement public foncier",
            "Pour l'Établissement public foncier",
        ),
        (
            "Région Bretagne",
            "la Région Bretagne",
            "de la Région Bretagne",
            "Pour la Région Bretagne",
        ),
        (
            "CRESS Garonne-Causses",
            "la CRESS Garonne-Causses",
            "de la CRESS Garonne-Causses",
            "Pour la CRESS Garonne-Causses",
        ),
        (
            "SCIC Terres & Tables",
            "la SCIC Terres & Tables",
            "de la SCIC Terres & Tables",
            "Pour la SCIC Terres & Tables",
        ),
        # proper names: no article
        ("Marzelle Agglo", "Marzelle Agglo", "de Marzelle Agglo", "Pour Marzelle Agglo"),
        ("Emmaüs Lorval", "Emmaüs Lorval", "d'Emmaüs Lorval", "Pour Emmaüs Lorval"),
        # the article belongs to the name
        ("Le Relais", "Le Relais", "du Relais", "Pour le Relais"),
        (
            "Les Jardins partagés",
            "Les Jardins partagés",
            "des Jardins partagés",
            "Pour les Jardins partagés",
        ),
        ("La Ruche", "La Ruche", "de La Ruche", "Pour La Ruche"),
    ],
)
def test_with_article(name: str, definite: str, of: str, for_: str) -> None:
    assert with_article(name) == definite
    assert with_article(name, "de") == of
    assert with_article(name, "pour") == for_


def test_with_article_to_and_capital() -> None:
    assert with_article("Département du Morbihan", "à") == "au Département du Morbihan"
    assert with_article("Ville de Lorval", "à") == "à la Ville de Lorval"
    assert with_article("Ville de Lorval", capital=True) == "La Ville de Lorval"
    assert with_article("  Ville   de Lorval ") == "la Ville de Lorval"
    assert with_article("") == ""


def test_gender_and_agreement() -> None:
    assert [name_gender(n) for n in ("Ville de X", "Département de Y", "Terres & Tables")] == [
        "f",
        "m",
        None,
    ]
    assert agree("représenté", name_gender("Association X")) == "représentée"
    assert agree("représenté", name_gender("Syndicat X")) == "représenté"
    assert agree("représenté", None) == "représenté(e)"
    assert [civility_gender(c) for c in ("Madame", "Mme.", "M.", "Monsieur", "Dr")] == [
        "f",
        "f",
        "m",
        "m",
        None,
    ]
