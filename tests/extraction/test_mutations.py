"""Mutated real-shaped text never crashes the extraction: case changes, lost line breaks,
OCR-spaced letters, clause fragments pasted anywhere (the longer run is bench/fuzz_extraction.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacte.extraction.pipeline import extract_text
from pacte.extraction.readers import normalise, read_document

DOCUMENTS = Path(__file__).parent / "documents"
TEXTS = [path.read_text(encoding="utf-8") for path in sorted(DOCUMENTS.glob("*.txt"))]
FRAGMENTS = [
    "Ces données portent sur le nombre de bénévoles, les publics et les actions.",
    "La présente convention est conclue pour une durée de 3 (trois) ans.",
    "Elle prend effet le 1er janvier 2025 et s'achève le 31 décembre 2027.",
    "Le montant de la subvention s'élève à 120 000 euros, soit 5 600 € (70 %).",
    "Séance du 14 mars 2023\nEn exercice : 19 Présents : 15 Votants : 17",
    "Pouvoirs : M. DURAND à Mme PETIT ; M. MARTIN à M. LEROY",
    "sous la présidence de son Maire, Paul MARTIN,",
    "ci-après dénommée « la Ville »,",
    "La convention peut être dénoncée par l'une ou l'autre des parties avec un préavis de trois mois.",
    "Le comité de pilotage se réunit au moins deux fois par an.",
    "L'association s'engage à transmettre à la Ville les données d'activité.",
    "Fait à Lyon, le 3 mai 2011, en deux exemplaires.",
    "Article 4 : Durée\n\nARTICLE 5 - MONTANT",
]


def regression_convention(verb: str) -> str:
    """A convention whose observation clause says « {verb} » (« PORTENT SUR » crashed)."""
    base = (DOCUMENTS / "01_departement_fondation_partenariat.txt").read_text(encoding="utf-8")
    clause = (
        "Article 12 : Observation\n\n"
        "La Fondation Rivages Solidaires s'attache à faire part au Département des données "
        "dont elle dispose, permettant une meilleure connaissance des parcours dans la Nièvre. "
        f"Ces données {verb} le nombre de jeunes accompagnés, les sorties en emploi "
        "et la durée des parcours.\n\n"
    )
    at = base.index("Fait à")
    return base[:at] + clause + base[at:]


@pytest.mark.parametrize("verb", ["portent sur", "PORTENT SUR", "Portent Sur", "portent SUR"])
def test_observation_clause_is_read_in_any_case(verb: str) -> None:
    result = extract_text(regression_convention(verb), "convention.txt")
    duties = result.data["reporting_duties"]
    assert duties[0]["indicators"] == [
        "nombre de jeunes accompagnés",
        "sorties en emploi",
        "durée des parcours",
    ]
    assert duties[0]["place"] == {"article": "12"}


def test_capital_observation_clause_is_read_through_the_reader() -> None:
    data = regression_convention("PORTENT SUR").upper().encode("utf-8")
    document = read_document(data, "CONVENTION.TXT")
    extract_text(document.text, document.filename).as_json()


def _mutate(text: str, kind: str, start: int, length: int, fragment: str) -> str:
    start = min(start, len(text))
    end = min(len(text), start + length)
    piece = text[start:end]
    if kind == "upper":
        piece = piece.upper()
    elif kind == "lower":
        piece = piece.lower()
    elif kind == "title":
        piece = piece.title()
    elif kind == "swapcase":
        piece = piece.swapcase()
    elif kind == "no_breaks":
        piece = piece.replace("\n", " ")
    elif kind == "glued":
        piece = piece.replace("\n", "")
    elif kind == "spaced":
        piece = " ".join(piece)
    elif kind == "fragment":
        piece = fragment + piece
    elif kind == "delete":
        piece = ""
    elif kind == "double_spaces":
        piece = piece.replace(" ", "  ")
    return text[:start] + piece + text[end:]


KINDS = [
    "upper",
    "lower",
    "title",
    "swapcase",
    "no_breaks",
    "glued",
    "spaced",
    "fragment",
    "delete",
    "double_spaces",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_documents_extract_without_error(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(TEXTS), label="document")
    if data.draw(st.booleans(), label="flattened"):
        text = text.replace("\n", " ")
    for _ in range(data.draw(st.integers(min_value=1, max_value=8), label="mutations")):
        text = _mutate(
            text,
            data.draw(st.sampled_from(KINDS)),
            data.draw(st.integers(min_value=0, max_value=len(text))),
            data.draw(st.integers(min_value=0, max_value=400)),
            data.draw(st.sampled_from(FRAGMENTS)),
        )
    result = extract_text(normalise(text), "document.txt")
    assert isinstance(result.key_terms, dict)
    result.as_json()
