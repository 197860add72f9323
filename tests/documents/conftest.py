"""Fixtures of the import tests: a private MEDIA_ROOT and small documents written here."""

from __future__ import annotations

from pathlib import Path

import pytest

CONVENTION = """CONVENTION DE PARTENARIAT
entre la Commune de Saint-Aubin et l'association Les Jardins partagés

ENTRE
La Commune de Saint-Aubin, représentée par son Maire, Monsieur Paul DURAND, dûment habilité par délibération du conseil municipal du 12 janvier 2024,
ci-après dénommée « la Commune »,

ET
L'association Les Jardins partagés, représentée par sa Présidente, Madame Claire MARTIN,
ci-après dénommée « l'Association »,

IL EST CONVENU CE QUI SUIT :

Article 1 – Objet
La présente convention a pour objet de définir les conditions dans lesquelles la Commune soutient l'action de l'Association en faveur des jardins partagés.

Article 2 – Durée
La présente convention est conclue pour une durée d'un an à compter de sa signature.

Article 3 – Montant de la subvention
La Commune attribue à l'Association une subvention de 2 500 € pour l'année 2024.

Article 4 – Résiliation
Chaque partie peut dénoncer la présente convention par lettre recommandée avec accusé de réception, moyennant un préavis de trois mois.

Fait à Saint-Aubin, le 1er février 2024
"""

DELIBERATION = """VILLE DE SAINT-AUBIN
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL

Séance du 12 janvier 2024

Président : M. DURAND
Secrétaire de séance : Mme PETIT

Membres présents : M. DURAND - Mme PETIT - M. LEROY - Mme MOREAU

OBJET : Subvention à l'association Les Jardins partagés

Le Conseil municipal, après en avoir délibéré, décide :
1. d'attribuer une subvention de 2 500 € à l'association Les Jardins partagés pour l'année 2024.

ADOPTÉ À L'UNANIMITÉ
"""

# Instalments of 70 % and 50 %: the draft is kept, and confirming it says what to complete.
INCOMPLETE = CONVENTION.replace(
    "pour l'année 2024.",
    "pour l'année 2024. Elle est versée pour 70 % à la signature de la convention "
    "et pour 50 % à la réception du bilan d'activité.",
)


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    """A MEDIA_ROOT of the test's own, empty."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


@pytest.fixture
def convention_text() -> str:
    """A convention in French: parties, « Article 1 – Objet », duration, amount, notice."""
    return CONVENTION


@pytest.fixture
def deliberation_text() -> str:
    """An extract of a council's register with no convention."""
    return DELIBERATION


@pytest.fixture
def incomplete_text() -> str:
    """The convention above whose instalments add up to 120 %."""
    return INCOMPLETE


@pytest.fixture
def files_in():
    """The files stored under a folder (e.g. MEDIA_ROOT), sorted."""
    return stored_files
