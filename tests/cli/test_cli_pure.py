"""``pacte show`` on a file and the French argument errors need no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacte.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def test_show_file_prints_a_french_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SEEDS / "dijon-2009.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Article VI — Durée de la convention" in out
    assert "acompte de 70 % : à la signature" in out
    assert "2009 : 4 000,00 €" in out
    assert "préavis de 3 mois (lettre recommandée avec accusé de réception)" in out
    assert "53 présents, 2 excusés (2 pouvoirs), 0 absents" in out
    assert "Fiche action 2 : Mois de l'économie sociale et solidaire — dépenses 3 000,00 €" in out


def test_show_file_with_errors_names_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "reference: x\ntitle: T\nparties:\n  - key: a\n    role: sponsor\n"
        "    organisation: {name: A}\n",
        encoding="utf-8",
    )
    assert main(["show", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "ligne 5" in err and "parties[0].role" in err and "« sponsor » inconnue" in err


def test_load_refuses_missing_and_unsupported_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "convention.docx"
    other.write_bytes(b"PK")
    assert main(["load", str(tmp_path / "absent.yaml"), str(other)]) == 1
    err = capsys.readouterr().err
    assert "absent.yaml : fichier introuvable" in err
    assert "format non pris en charge" in err
    assert "Rien n'a été enregistré." in err


def test_argument_errors_are_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([])
    assert "arguments obligatoires manquants" in capsys.readouterr().err
