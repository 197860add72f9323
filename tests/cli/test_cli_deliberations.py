"""``pacte load`` of a council session, ``pacte show seance:…`` and ``pacte export deliberations``."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import pytest

from pacte.cli import main
from pacte.cli.deliberations import run_export_deliberations
from pacte.deliberations.models import Deliberation, Session
from pacte.samples import sample_paths, session_sample_paths

pytestmark = pytest.mark.django_db(transaction=True)

SESSION = str(session_sample_paths()[0])
CONVENTION = str(next(p for p in sample_paths() if "saint-gwenael" in p.name))


def test_load_session_then_show_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", SESSION, CONVENTION]) == 0
    out = capsys.readouterr().out
    assert "Séance « seance:2026-02-09:21560947000012 » créée" in out
    assert "3 délibération(s)" in out
    assert main(["load", SESSION]) == 0
    assert "mise à jour" in capsys.readouterr().out
    assert (Session.objects.count(), Deliberation.objects.count()) == (1, 3)

    assert main(["show", "seance:2026-02-09"]) == 0
    out = capsys.readouterr().out
    assert "Présents : 17 (président : Mme Soazig Le Goff" in out
    assert "Excusés : 3, pouvoirs : 2" in out
    assert "Quorum : quorum atteint : 17 présents pour 23 membres en exercice" in out
    assert "CGCT, article L2121-17" in out
    assert "Vote : à la majorité (15 pour, 3 contre, 1 abstention)" in out
    assert "Conventions approuvées : ville-saint-gwenael-misb-2026" in out
    assert "Exécutoire : 12/02/2026" in out
    assert main(["show", "seance:2026-02-09:21560947000012"]) == 0
    capsys.readouterr()


def test_show_a_session_file_and_unknown_session(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", SESSION]) == 0
    assert "Délibération n° DCM-2026-013" in capsys.readouterr().out
    assert main(["show", "seance:2026-02-10"]) == 1
    assert "aucune séance le 10/02/2026" in capsys.readouterr().err


def test_show_prints_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = Path(SESSION).read_text(encoding="utf-8")
    bad = tmp_path / "seance.yaml"
    bad.write_text(
        text.replace(
            "proxy_to: {civility: M., last_name: Le Bihan}",
            "proxy_to: {civility: Mme, last_name: Jégou}",
        ),
        encoding="utf-8",
    )
    assert main(["show", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "[erreur] Mme Jégou détient 2 pouvoirs" in out


def test_bad_session_file_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "seance.yaml"
    bad.write_text(
        Path(SESSION).read_text(encoding="utf-8").replace("in_office: 23", "in_office: -1"),
        encoding="utf-8",
    )
    assert main(["load", CONVENTION, str(bad)]) == 1
    err = capsys.readouterr().err
    assert "seance.yaml, ligne 55, session.figures.in_office : valeur -1 hors limites" in err
    assert "Rien n'a été enregistré." in err
    assert Session.objects.count() == 0


def test_session_file_where_a_convention_is_expected(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", SESSION]) == 1
    assert "ce fichier décrit une séance du conseil, pas une convention" in capsys.readouterr().err


def test_export_deliberations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["load", SESSION])
    capsys.readouterr()
    target = tmp_path / "deliberations.csv"

    args = argparse.Namespace(year=2026, authority="21560947000012", output=str(target))
    assert run_export_deliberations(args) == 0

    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["DELIB_ID"] for r in rows] == ["DCM-2026-012", "DCM-2026-013", "DCM-2026-014"]
    assert "3 délibération(s) de 2026 exportée(s)" in capsys.readouterr().err
    assert run_export_deliberations(argparse.Namespace(year=2026, authority=None, output="-")) == 0
    assert capsys.readouterr().out.startswith("COLL_NOM,COLL_SIRET,DELIB_ID")
    assert run_export_deliberations(argparse.Namespace(year=None, authority=None, output=None)) == 1
    assert "--year AAAA" in capsys.readouterr().err
