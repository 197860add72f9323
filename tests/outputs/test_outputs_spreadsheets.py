"""Spreadsheets: register, payment schedule and obligations as XLSX and CSV, typed cells."""

from __future__ import annotations

import csv
import doctest
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pacte.cli import main
from pacte.conventions.selectors import convention_list
from pacte.outputs import documents, payments, scdl, scdl_import, spreadsheets
from pacte.outputs.spreadsheets import (
    AMOUNT,
    DATE,
    EURO_FORMAT,
    REGISTER_COLUMNS,
    Column,
    register_rows,
    write_csv,
    write_xlsx,
)
from pacte.terms import Convention


@pytest.mark.parametrize("module", [documents, payments, scdl, scdl_import, spreadsheets])
def test_doctests(module: object) -> None:
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert failures == 0


def test_xlsx_cells_are_typed(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    columns = [Column("Nom"), Column("Signée le", DATE), Column("Montant", AMOUNT)]
    assert write_xlsx([["Ville", date(2009, 3, 30), Decimal("4000")]], columns, target) == 1
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == ["Nom", "Signée le", "Montant"]
    _name, signed, amount = sheet[2]
    assert signed.value == datetime(2009, 3, 30) and signed.is_date
    assert amount.value == 4000 and amount.number_format == EURO_FORMAT
    assert sheet.freeze_panes == "A2"


def test_xlsx_to_a_stream() -> None:
    stream = io.BytesIO()
    write_xlsx([], ["A"], stream)
    assert stream.getvalue().startswith(b"PK")


@pytest.mark.django_db
def test_register_rows(stored_samples: list[Convention], tmp_path: Path) -> None:
    rows = list(register_rows(convention_list().order_by("reference")))
    assert len(rows) == 3 and all(len(r) == len(REGISTER_COLUMNS) for r in rows)
    by_reference = {r[0]: r for r in rows}
    ville = by_reference["ville-saint-gwenael-misb-2026"]
    assert ville[7] == date(2026, 3, 2) and ville[11] == Decimal("12500")
    assert ville[10] == "reconduction tacite"
    target = tmp_path / "r.csv"
    write_csv(rows, REGISTER_COLUMNS, target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("\ufeffRéférence;Intitulé;")
    assert ";02/03/2026;" in text and ";12500,00" in text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["registre", "echeancier", "obligations"])
def test_export_commands(
    stored_samples: list[Convention], tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = tmp_path / f"{kind}.xlsx"
    assert main(["export", kind, "-o", str(xlsx), "--on", "2026-09-01"]) == 0
    sheet = load_workbook(xlsx).active
    assert sheet.max_row > 1
    assert main(["export", kind, "--format", "csv", "--on", "2026-09-01"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == sheet.max_row


@pytest.mark.django_db
def test_schedule_of_a_year(
    stored_samples: list[Convention], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "echeancier", "--year", "2026"]) == 0
    rows = list(
        csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")), delimiter=";")
    )
    assert {r["Année"] for r in rows} == {"2026"}
    ville = [r for r in rows if r["Référence"] == "ville-saint-gwenael-misb-2026"]
    # the balance waits for the committee's PV: no date, what it waits for instead
    assert [(r["Échéance"], r["Montant"]) for r in ville] == [
        ("02/03/2026", "8750,00"),
        ("", "3750,00"),
    ]
    assert ville[0]["En attente de"] == ""
    assert "procès-verbal du comité de pilotage" in ville[1]["En attente de"]


def test_xlsx_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "registre", "--format", "xlsx"]) == 1
    assert "ajouter -o FICHIER.xlsx" in capsys.readouterr().err


def _ods_rows(path: Path) -> list[list[tuple[str | None, str | None, str]]]:
    """(value type, typed value, shown text) of each cell of an ODS sheet."""
    import zipfile
    from xml.etree import ElementTree

    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        root = ElementTree.fromstring(archive.read("content.xml"))
    rows = []
    for row in root.iter(f"{table}table-row"):
        cells = []
        for cell in row.iter(f"{table}table-cell"):
            kind = cell.get(f"{office}value-type")
            value = cell.get(f"{office}date-value") or cell.get(f"{office}value")
            cells.append((kind, value, "".join(cell.itertext())))
        rows.append(cells)
    return rows


def test_ods_cells_are_typed(tmp_path: Path) -> None:
    target = tmp_path / "t.ods"
    columns = [Column("Nom"), Column("Signée le", DATE), Column("Montant", AMOUNT)]
    rows = [["Ville & <Cie>", date(2009, 3, 30), Decimal("10000")], ["Vide", None, None]]
    assert spreadsheets.write_ods(rows, columns, target) == 2
    assert _ods_rows(target) == [
        [("string", None, "Nom"), ("string", None, "Signée le"), ("string", None, "Montant")],
        [
            ("string", None, "Ville & <Cie>"),
            ("date", "2009-03-30", "30/03/2009"),
            ("currency", "10000.00", "10 000,00 €"),
        ],
        [("string", None, "Vide"), (None, None, ""), (None, None, "")],
    ]


@pytest.mark.django_db
def test_export_to_ods(
    stored_samples: list[Convention], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "registre.ods"
    assert main(["export", "registre", "-o", str(target)]) == 0
    rows = _ods_rows(target)
    assert len(rows) == 4  # the header and the three samples
    assert rows[0][0] == ("string", None, "Référence")
    assert "3 ligne(s) écrite(s)" in capsys.readouterr().err


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["export", "registre", "-o", "{tmp}/absent/r.csv"],
            "le dossier « {tmp}/absent » n'existe pas",
        ),
        (
            ["export", "registre", "-o", "{tmp}/r.xls"],
            "format .xls non pris en charge ici (possibles : .csv, .xlsx, .ods)",
        ),
        (
            ["export", "registre", "--format", "xlsx", "-o", "{tmp}/r.csv"],
            "ne correspond pas au format demandé (--format xlsx)",
        ),
        (
            ["export", "subventions", "--year", "2026", "-o", "{tmp}/s.ods"],
            "format .ods non pris en charge ici (possibles : .csv)",
        ),
        (["export", "subventions", "--year", "2026", "-o", "{tmp}/absent/s.csv"], "n'existe pas"),
        (["export", "deliberations", "--year", "2026", "-o", "{tmp}/absent/d.csv"], "n'existe pas"),
        (
            [
                "document",
                "convention",
                "ville-saint-gwenael-misb-2026",
                "-o",
                "{tmp}/absent/c.docx",
            ],
            "n'existe pas",
        ),
        (
            ["document", "convention", "ville-saint-gwenael-misb-2026", "-o", "{tmp}/c.odt"],
            "format .odt non pris en charge ici (possibles : .docx, .pdf)",
        ),
        (["extrait", "seance:2026-03-30", "-o", "{tmp}/absent/e.docx"], "n'existe pas"),
    ],
)
def test_outputs_refused_in_french(
    stored_samples: list[Convention],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    """A file that cannot be written as asked is refused before anything is written, and no
    folder is created."""
    assert main([a.format(tmp=tmp_path) for a in arguments]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and message.format(tmp=tmp_path) in err
    assert list(tmp_path.iterdir()) == []
