"""``pacte check`` on files: findings grouped by severity, JSON, exit status. No database."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pacte.cli import main
from pacte.samples import sample_paths
from pacte.terms import dump_convention_yaml, load_convention_yaml

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def test_check_groups_findings_under_french_headings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEEDS / "bas-rhin-2012.yaml")]) == 0
    out = capsys.readouterr().out
    assert "0 erreur, 2 avertissements, 1 information." in out
    assert "Erreurs" not in out
    warnings, infos = out.index("\nAvertissements\n"), out.index("\nInformations\n")
    assert warnings < out.index("- article 4 : La durée indiquée (3 ans)") < infos
    assert infos < out.index("2012 : le montant indiqué (1 666 €)")
    assert "[parties.name_mismatch]" in out


def test_check_json_lists_code_severity_message_location(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(SEEDS / "dijon-2009.yaml"), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [set(f) for f in findings] == [{"code", "severity", "message", "location", "path"}] * 2
    assert [(f["code"], f["severity"], f["location"], f["path"]) for f in findings] == [
        ("numbering.article_missing", "warning", "article VI", "articles[4]"),
        ("parties.mandate_missing", "info", "partie 2", "parties[1].mandate"),
    ]


def test_check_exits_1_when_there_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    terms = load_convention_yaml((SEEDS / "dijon-2009.yaml").read_text(encoding="utf-8"))
    balance = terms.grants[0].instalments[-1]
    assert balance.percent == 30
    balance.percent = Decimal(20)
    wrong = tmp_path / "versements.yaml"
    wrong.write_text(dump_convention_yaml(terms), encoding="utf-8")
    assert main(["check", str(wrong)]) == 1
    out = capsys.readouterr().out
    # the only grant is « la subvention », never its internal key
    assert "\nErreurs\n- article IV : La subvention est versée" in out
    assert "il manque 10 %" in out
    assert main(["check", str(wrong), "--json"]) == 1


def test_check_clean_sample(capsys: pytest.CaptureFixture[str]) -> None:
    clean = next(p for p in sample_paths() if p.name.startswith("ville-"))
    assert main(["check", str(clean)]) == 0
    assert "Aucune incohérence relevée." in capsys.readouterr().out


def test_check_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "absente.yaml")]) == 1
    assert "absente.yaml : fichier introuvable" in capsys.readouterr().err
