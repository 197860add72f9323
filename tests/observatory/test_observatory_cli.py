"""``pacte observatory``: import, indicators (text, JSON, CSV, XLSX), perimeter, snapshots."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sirene_samples import (
    ESTABLISHMENT_HEADER,
    establishment_rows,
    write_csv,
    write_ess_list,
    write_samples,
)

from pacte.cli import main


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of its own, holding the 2026-01 snapshot of the sample."""
    monkeypatch.setenv("PACTE_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("PACTE_OBSERVATORY_MEMORY_LIMIT", raising=False)
    sites, units = write_samples(tmp_path / "in")
    code = main(
        [
            "observatory",
            "import",
            "--establishments",
            str(sites),
            "--legal-units",
            str(units),
            "--snapshot",
            "2026-01",
            "--ess-list",
            str(write_ess_list(tmp_path / "in")),
            "--memory-limit",
            "512MB",
        ]
    )
    assert code == 0
    return tmp_path


def test_import_reports_what_it_did(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    out = capsys.readouterr().out
    assert "mémoire limitée à 512MB" in out
    assert "Millésime 2026-01 enregistré : 35 établissements actifs, dont 20 de l'ESS" in out
    assert "3 par arrondissement municipal, 2 par ancien code de commune" in out
    assert "« 9299 » : 1 unité(s), 1 établissement(s)" in out
    assert "« vide » (1)" in out
    assert (data / "var" / "observatoire" / "sirene-2026-01.duckdb").is_file()
    assert main(["observatory", "snapshots"]) == 0
    assert capsys.readouterr().out.strip() == "2026-01"


def test_indicators_json_has_the_shape_of_the_issue(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["observatory", "indicators", "--territory", "dep:67", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    for key in (
        "association",
        "cooperative",
        "mutual",
        "foundation",
        "ess_company",
        "total_ess",
        "total_territory",
    ):
        assert set(result[key]) == {"establishments", "employer_establishments", "employees"}
        assert set(result[key]["employees"]) == {"low", "high", "estimate", "band_year"}
    assert result["territory"] == {
        "code": "67",
        "name": "Bas-Rhin",
        "level": "dep",
        "population": result["territory"]["population"],
    }
    assert result["snapshot"] == "2026-01"
    assert result["share"]["establishments"] == 0.5882
    assert isinstance(result["per_10000_inhabitants"], float)
    assert result["domains"][0]["section"] == "Q"
    assert result["total_ess"]["employees"] == {
        "low": 437,
        "high": 876,
        "estimate": 657,
        "band_year": "2023",
    }


def test_indicators_as_french_text(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["observatory", "indicators", "--territory", "com:67482"]) == 0
    out = capsys.readouterr().out
    assert "Strasbourg (67482, com) — millésime SIRENE 2026-01" in out
    assert "Part de l'ESS dans le privé : 50,0 % des établissements, 94,7 % des salariés" in out
    assert "Bas-Rhin" in out and "Grand Est" in out and "France" in out


def test_perimeter_then_csv_and_xlsx(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    communes = data / "antenne.csv"
    communes.write_text("code_insee\n67447\n67007\n", encoding="utf-8")
    assert main(["observatory", "perimeter", "Antenne-Nord", "--communes", str(communes)]) == 0
    out = capsys.readouterr().out
    assert "67007 (ancien code) compté dans la commune 67544" in out
    assert "Périmètre « Antenne-Nord » enregistré : 2 commune(s)" in out
    target = data / "antenne-indicateurs.csv"
    assert (
        main(
            [
                "observatory",
                "indicators",
                "--territory",
                "perimeter:Antenne-Nord",
                "--csv",
                str(target),
            ]
        )
        == 0
    )
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["territoire", "niveau", "millésime", "rubrique"]
    total = next(row for row in rows if row[4] == "total_ess")
    assert total[6:11] == ["2", "2", "256", "508", "382"]  # E2 (03) and E11 (32)
    workbook = data / "antenne.xlsx"
    assert (
        main(
            [
                "observatory",
                "indicators",
                "--territory",
                "perimeter:Antenne-Nord",
                "--xlsx",
                str(workbook),
            ]
        )
        == 0
    )
    book = load_workbook(workbook)
    assert book.sheetnames == ["Indicateurs", "Sources"]
    sheet = book["Indicateurs"]
    assert [c.value for c in sheet[1]][:3] == ["territoire", "niveau", "millésime"]
    assert any(row[4] == "total_ess" and row[6] == 2 for row in sheet.iter_rows(values_only=True))


def test_change_between_two_snapshots(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sites, units = write_samples(data / "in")
    lines = sites.read_text(encoding="utf-8").splitlines()
    sites.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")  # E1 and E2 only
    assert (
        main(
            [
                "observatory",
                "import",
                "--establishments",
                str(sites),
                "--legal-units",
                str(units),
                "--snapshot",
                "2025-01",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (
        main(
            [
                "observatory",
                "indicators",
                "--territory",
                "dep:67",
                "--compare-to",
                "2025-01",
                "--json",
            ]
        )
        == 0
    )
    change = json.loads(capsys.readouterr().out)["change"]
    assert (change["from"], change["to"]) == ("2025-01", "2026-01")
    assert change["total_ess"]["establishments"] == 10 - 2
    assert change["association"]["establishments"] == 4 - 2
    assert change["association"]["establishments_rate"] == 1.0
    assert change["total_ess"]["employees_estimate"] == 657 - 42


def test_csv_carries_population_density_and_change(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CSV (and the XLSX, same rows) has the territory's population, the ESS
    establishments per 10 000 inhabitants and, with --compare-to, the change per row."""
    sites, units = write_samples(data / "in")
    lines = sites.read_text(encoding="utf-8").splitlines()
    sites.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")  # E1 and E2 only
    arguments = ["--establishments", str(sites), "--legal-units", str(units)]
    assert main(["observatory", "import", *arguments, "--snapshot", "2025-01"]) == 0
    target = data / "bas-rhin.csv"
    command = ["observatory", "indicators", "--territory", "dep:67", "--csv", str(target)]
    assert main([*command, "--compare-to", "2025-01"]) == 0
    content = target.read_bytes()
    header = content.split(b"\n", 1)[0]
    assert header.endswith(
        ";part des salariés du privé;population;établissements de l'ESS pour 10 000 "
        "habitants;évolution depuis;évolution des établissements;taux d'évolution des "
        "établissements;évolution des salariés (estimation)".encode()
    )
    population = json.loads(
        _run_json(capsys, ["observatory", "indicators", "--territory", "dep:67", "--json"])
    )["territory"]["population"]
    assert population > 1_000_000
    # total ESS: 10 establishments (2 a year before: +8, rate 4.0), 657 employees (42: +615);
    # 10 × 10 000 / population rounds to 0.1
    assert (
        f"Bas-Rhin (67);dep;2026-01;total;total_ess;Ensemble de l'ESS;10;7;437;876;657;2023;"
        f"0.5882;0.9894;{population};0.1;2025-01;8;4.0;615\n".encode()
    ) in content
    assert (
        f"Bas-Rhin (67);dep;2026-01;famille;association;Associations;4;2;26;58;42;2023;;;"
        f"{population};;2025-01;2;1.0;0\n".encode()
    ) in content
    # a family absent a year before has no rate; a row the change does not cover, none at all
    assert (
        b";Coop\xc3\xa9ratives;1;1;10;19;15;2023;;;"
        + str(population).encode()
        + (b";;2025-01;1;;15\n")
        in content
    )
    assert (
        f";Santé humaine et action sociale;3;3;126;257;192;;1.0;1.0;{population};;;;;\n".encode()
        in content
    )
    # without --compare-to the change columns stay empty; the comparison has its density
    assert main(command) == 0
    plain = target.read_bytes()
    assert f";0.5882;0.9894;{population};0.1;;;;\n".encode() in plain
    assert b"France (FR);fr;2026-01;comparaison;total_ess;" in plain
    workbook = data / "bas-rhin.xlsx"
    assert main([*command[:-2], "--xlsx", str(workbook), "--compare-to", "2025-01"]) == 0
    sheet = load_workbook(workbook)["Indicateurs"]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[4] == "total_ess")
    assert total[14:] == (population, 0.1, "2025-01", 8, 4, 615)


def _run_json(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> str:
    capsys.readouterr()
    assert main(arguments) == 0
    return capsys.readouterr().out


def test_compare_with_chosen_territories(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--compare adds territories to the comparison (JSON ``compared_with``, text, CSV):
    the territory itself or a parent is not repeated."""
    arguments = ["observatory", "indicators", "--territory", "epci:246700488"]
    chosen = ["--compare", "epci:246700926", "--compare", "dep:2a", "--compare", "dep:67"]
    result = json.loads(_run_json(capsys, [*arguments, *chosen, "--json"]))
    compared = result["compared_with"]
    assert [(c["territory"]["level"], c["territory"]["code"]) for c in compared] == [
        ("epci", "246700926"),
        ("dep", "2A"),
    ]  # dep:67 is already there, as the département
    assert [c["territory"]["code"] for c in result["comparison"]] == ["67", "44", "FR"]
    wissembourg = compared[0]
    assert wissembourg["territory"]["name"] == "CC du Pays de Wissembourg"
    assert wissembourg["total_ess"]["establishments"] == 1
    assert wissembourg["share"] == {"establishments": 1.0, "employees": 1.0}
    assert wissembourg["per_10000_inhabitants"] is not None
    text = _run_json(capsys, [*arguments, *chosen])
    assert "CC du Pays de Wissembourg" in text and "Corse-du-Sud" in text
    target = data / "strasbourg.csv"
    assert main([*arguments, *chosen, "--csv", str(target)]) == 0
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    chosen_rows = [r for r in rows if r[3] == "comparaison choisie"]
    assert [r[0] for r in chosen_rows] == [
        "CC du Pays de Wissembourg (246700926)",
        "Corse-du-Sud (2A)",
    ]
    assert chosen_rows[0][6] == "1" and chosen_rows[0][14] == str(
        wissembourg["territory"]["population"]
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["indicators", "--territory", "dep:99"], "Erreur : département « 99 » inconnu"),
        (
            ["indicators", "--territory", "dep:67", "--compare", "epci:123"],
            "territoire à comparer « epci:123 » : EPCI « 123 » inconnu",
        ),
        (
            ["indicators", "--territory", "dep:67", "--compare", "246700926"],
            "territoire à comparer « 246700926 » : territoire « 246700926 » non reconnu",
        ),
        (
            ["indicators", "--territory", "dep:67"]
            + [f"--compare=dep:{n}" for n in ("01", "02", "03", "04", "05", "06", "07")],
            "7 territoires à comparer : 6 au plus",
        ),
        (
            ["indicators", "--territory", "dep:67", "--snapshot", "2020-01"],
            "millésime « 2020-01 » absent ; millésimes importés : 2026-01",
        ),
        (["indicators", "--territory", "perimeter:Absent"], "périmètre « Absent » inconnu"),
        (
            ["indicators", "--territory", "dep:67", "--csv", "/nulle/part/x.csv"],
            "le dossier « /nulle/part » n'existe pas",
        ),
        (
            [
                "import",
                "--establishments",
                "absent.csv",
                "--legal-units",
                "x.csv",
                "--snapshot",
                "2026-01",
                "--memory-limit",
                "beaucoup",
            ],
            "limite de mémoire « beaucoup » invalide",
        ),
    ],
)
def test_errors_are_french_and_name_what_is_wrong(
    data: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    capsys.readouterr()
    assert main(["observatory", *arguments]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_naf_2025_is_refused_for_a_snapshot_without_naf_2025_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACTE_VAR_DIR", str(tmp_path / "var"))
    _, units = write_samples(tmp_path / "in")
    nomenclature = ESTABLISHMENT_HEADER.index("nomenclatureActivitePrincipaleEtablissement")
    rows = [row for row in establishment_rows() if row[nomenclature] != "NAF2025"]
    sites = write_csv(tmp_path / "in" / "etab.csv", ESTABLISHMENT_HEADER, rows)
    arguments = ["--establishments", str(sites), "--legal-units", str(units)]
    assert main(["observatory", "import", *arguments, "--snapshot", "2026-01"]) == 0
    capsys.readouterr()
    assert (
        main(["observatory", "indicators", "--territory", "dep:67", "--nomenclature", "naf2025"])
        == 1
    )
    err = capsys.readouterr().err
    assert "activitePrincipaleNAF25Etablissement" in err and "Traceback" not in err


def test_the_memory_limit_is_read_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACTE_VAR_DIR", str(tmp_path / "var"))
    sites, units = write_samples(tmp_path / "in")
    arguments = ["--establishments", str(sites), "--legal-units", str(units)]
    monkeypatch.setenv("PACTE_OBSERVATORY_MEMORY_LIMIT", "beaucoup")
    assert main(["observatory", "import", *arguments, "--snapshot", "2026-01"]) == 1
    assert "limite de mémoire « beaucoup » invalide" in capsys.readouterr().err
    monkeypatch.setenv("PACTE_OBSERVATORY_MEMORY_LIMIT", "300MB")
    assert main(["observatory", "import", *arguments, "--snapshot", "2026-01"]) == 0
    out = capsys.readouterr().out
    assert "mémoire limitée à 300MB" in out and "4/4 Écriture du millésime" in out
    # --memory-limit wins over the environment
    assert (
        main(
            ["observatory", "import", *arguments, "--snapshot", "2026-02", "--memory-limit", "1GB"]
        )
        == 0
    )
    assert "mémoire limitée à 1GB" in capsys.readouterr().out


def test_no_snapshot_yet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACTE_VAR_DIR", str(tmp_path))
    assert main(["observatory", "indicators", "--territory", "fr"]) == 1
    assert "aucun millésime SIRENE importé" in capsys.readouterr().err


def test_the_command_starts_without_loading_duckdb() -> None:
    code = (
        "import sys\n"
        "from pacte.cli import build_parser\n"
        "build_parser().parse_args(['observatory', 'snapshots'])\n"
        "print('duckdb' in sys.modules, 'django' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"


def test_an_unwritable_data_folder_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PACTE_VAR_DIR", str(blocker / "var"))
    sites, units = write_samples(tmp_path / "in")
    arguments = [
        "--establishments",
        str(sites),
        "--legal-units",
        str(units),
        "--snapshot",
        "2026-01",
    ]
    assert main(["observatory", "import", *arguments]) == 1
    err = capsys.readouterr().err
    assert "un élément du chemin est un fichier, pas un dossier" in err
    assert "Traceback" not in err
