"""The « Extrait du registre des délibérations »: DOCX parsed back, PDF when LibreOffice is there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from pacte.deliberations.extract_document import (
    PDF_UNAVAILABLE,
    ExtractError,
    extract_docx,
    extract_pdf,
)
from pacte.extraction.pipeline import extract_text
from pacte.terms import CouncilSession


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_docx_of_the_sample_act(council: CouncilSession, tmp_path: Path) -> None:
    act = council.acts()[2]

    path = extract_docx(act, authority=council.authority, target=tmp_path / "extrait.docx")

    text = _text(path)
    assert "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS" in text
    assert "VILLE DE SAINT-GWENAËL-SUR-BLAVET" in text
    assert "Séance du 9 février 2026 (séance ordinaire)" in text
    assert "Membres : en exercice : 23, présents : 17, votants : 19" in text
    assert "Membres excusés : M. Le Roux (pouvoir à Mme Jégou)" in text
    assert "Quorum atteint : 17 présents pour 23 membres en exercice" in text
    assert "Délibération n° DCM-2026-014" in text
    assert "OBJET : Économie sociale et solidaire – Convention de partenariat" in text
    assert "Mme Maëlle Jégou, au nom de : Commission Solidarités" in text
    assert "4 - attribuer à la Maison des Initiatives Solidaires du Blavet" in text
    assert "(12 500,00 €)" in text
    assert "Vote : à l'unanimité (19 pour, 0 contre, 0 abstention)" in text
    assert "Pour extrait conforme\nPour extrait conforme, la Maire, Soazig Le Goff" in text
    assert "Publié le 12 février 2026" in text
    assert "Transmis en préfecture (Préfecture du Morbihan) le 11 février 2026" in text
    assert "Accusé de réception n° 056-215609470-20260209-DCM-2026-014-DE" in text
    assert "Acte exécutoire le 12 février 2026" in text


@pytest.mark.seeds
def test_docx_of_the_dijon_act(shared_seeds: Path, tmp_path: Path) -> None:
    text = (shared_seeds / "000_79e629759667edb2.txt").read_text(encoding="utf-8")
    act = extract_text(text).deliberation()
    assert act is not None

    out = _text(extract_docx(act, target=tmp_path / "dijon.docx"))

    assert "Séance du 30 mars 2009" in out
    assert "présents : 53, votants : 55" in out
    assert "Vote : à l'unanimité (55 pour, 0 contre, 0 abstention)" in out
    assert "Acte exécutoire le 9 avril 2009" in out


def test_pdf_without_libreoffice_says_so(
    council: CouncilSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = extract_docx(council.acts()[0], target=tmp_path / "extrait.docx")
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(ExtractError, match="LibreOffice n'est pas installé"):
        extract_pdf(docx)
    assert PDF_UNAVAILABLE.endswith("le DOCX est disponible")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_pdf_is_produced(council: CouncilSession, tmp_path: Path) -> None:
    docx = extract_docx(
        council.acts()[2], authority=council.authority, target=tmp_path / "extrait.docx"
    )
    pdf = extract_pdf(docx)
    assert pdf.read_bytes().startswith(b"%PDF")
