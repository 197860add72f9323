"""SCDL Subventions import: the official example round-trips, errors name line and column,
nothing is half-stored, importing twice changes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from factories import OrganisationFactory
from pacte.audit.models import AuditEntry
from pacte.cli import main
from pacte.conventions.models import Convention, Grant, Party
from pacte.organisations.models import Organisation
from pacte.outputs.models import ScdlRecord
from pacte.outputs.scdl import COLUMNS, conventions_dated, register_scdl_rows, write_scdl
from pacte.outputs.scdl_import import EXAMPLE, check_header, check_row, scdl_import

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Convention, Party, Grant, Organisation, ScdlRecord, AuditEntry)
    )


def _write(path: Path, rows: list[dict[str, str]], header: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header])
    return path


def _export_all() -> list[dict[str, str]]:
    out = io.StringIO()
    write_scdl(register_scdl_rows(conventions_dated(year=None)), out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_official_example_imports_and_reexports_equal(
    scdl_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = scdl_folder / "exemple_valide.csv"
    assert main(["import", "subventions", str(example)]) == 0
    captured = capsys.readouterr()
    assert "29 subvention(s) créée(s)" in captured.out
    warnings = [line for line in captured.err.splitlines() if "avertissement" in line]
    assert warnings == [
        "exemple_valide.csv, ligne 24, colonne datesPeriodeVersement : avertissement : la période finit (2017-03-09) avant de commencer (2017-04-12) ; gardée telle qu'écrite",
        "exemple_valide.csv, ligne 25, colonne datesPeriodeVersement : avertissement : la période finit (2017-03-09) avant de commencer (2017-12-20) ; gardée telle qu'écrite",
        "exemple_valide.csv, ligne 27, colonne datesPeriodeVersement : avertissement : fin « 2017-30-05 » impossible (il n'y a pas de mois 30) ; gardée telle qu'écrite",
        "exemple_valide.csv, ligne 29, colonne datesPeriodeVersement : avertissement : la période finit (2017-01-10) avant de commencer (2017-03-02) ; gardée telle qu'écrite",
    ]
    original = list(csv.DictReader(io.StringIO(example.read_text(encoding="utf-8"))))
    exported = _export_all()
    assert len(exported) == len(original) == 29

    def key(row: dict[str, str]) -> tuple[str, str]:
        return row["referenceDecision"], row["nomBeneficiaire"]

    assert sorted(exported, key=key) == sorted(original, key=key)  # every field, as written
    # the authority is one organisation, matched by SIRET; the beneficiaries too
    assert Organisation.objects.filter(siret="21060004500392").count() == 1
    assert Organisation.objects.count() == 30
    # the oddity is kept as written, and so is the register's own view of the grant
    record = ScdlRecord.objects.get(written__datesPeriodeVersement="2017-03-02/2017-30-05")
    assert record.line == 27 and record.source == "exemple_valide.csv"


def test_official_example_year_export_is_valid(scdl_folder: Path, tmp_path: Path) -> None:
    from test_outputs_scdl_export import frictionless_errors

    scdl_import(path=scdl_folder / "exemple_valide.csv")
    target = tmp_path / "2017.csv"
    assert main(["export", "subventions", "--year", "2017", "-o", str(target)]) == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1 + 3
    assert frictionless_errors(target, scdl_folder / "schema.json") == []


def test_importing_twice_changes_nothing(scdl_folder: Path) -> None:
    first = scdl_import(path=scdl_folder / "exemple_valide.csv")
    assert (first.created, first.updated, first.unchanged) == (29, 0, 0)
    counts = _counts()
    stamps = sorted(Convention.objects.values_list("updated_at", flat=True))
    second = scdl_import(path=scdl_folder / "exemple_valide.csv")
    assert (second.created, second.updated, second.unchanged) == (0, 0, 29)
    assert _counts() == counts
    assert sorted(Convention.objects.values_list("updated_at", flat=True)) == stamps


def test_a_changed_amount_updates_the_grant(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", [EXAMPLE])
    scdl_import(path=path)
    changed = _write(tmp_path / "a.csv", [dict(EXAMPLE, montant="1500.50")])
    report = scdl_import(path=changed)
    assert (report.created, report.updated) == (0, 1)
    [row] = _export_all()
    assert row["montant"] == "1500.50"
    assert Convention.objects.count() == 1


def test_existing_organisation_is_matched_and_kept(tmp_path: Path) -> None:
    kept = OrganisationFactory(
        name="Association des Jardins",
        kind="association",
        rna=EXAMPLE["rnaBeneficiaire"],
        address_lines=["12, rue des Forges"],
        city="Lorient",
    )
    scdl_import(path=_write(tmp_path / "a.csv", [EXAMPLE]))
    kept.refresh_from_db()
    assert kept.city == "Lorient" and kept.name == "Association des Jardins"
    assert Party.objects.get(role="beneficiary").organisation == kept
    # the row's name was « Association »: the register's name is exported now
    [row] = _export_all()
    assert row["nomBeneficiaire"] == "Association des Jardins"


def test_bad_rows_store_nothing_and_are_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        EXAMPLE,
        dict(EXAMPLE, idAttribuant="21560947000013", objet="Autre"),
        dict(EXAMPLE, montant="1 000,50", objet="Encore", notificationUE="Oui"),
        dict(EXAMPLE, idBeneficiaire="", rnaBeneficiaire="", objet="Sans identifiant"),
        dict(EXAMPLE, dateConvention="2017-02-30", objet="Date"),
    ]
    path = _write(tmp_path / "bad.csv", rows)
    assert main(["import", "subventions", str(path)]) == 1
    err = capsys.readouterr().err
    assert (
        "bad.csv, ligne 3, colonne idAttribuant : SIRET « 21560947000013 » : clé de contrôle invalide"
        in err
    )
    assert "ligne 4, colonne montant : montant « 1 000,50 » illisible" in err
    assert "ligne 4, colonne notificationUE : « Oui » : « oui » ou « non » attendu" in err
    assert "ligne 5, colonne idBeneficiaire : le bénéficiaire n'a ni SIRET" in err
    assert (
        "ligne 6, colonne dateConvention : « 2017-02-30 » impossible (le 30 février 2017 n'existe pas)"
        in err
    )
    assert "Rien n'a été enregistré" in err
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_skip_invalid_stores_valid_rows_and_writes_rejected(tmp_path: Path) -> None:
    rows = [EXAMPLE, dict(EXAMPLE, pourcentageSubvention="45", objet="Part")]
    path = _write(tmp_path / "mixed.csv", rows)
    assert main(["import", "subventions", str(path), "--skip-invalid"]) == 1
    assert Convention.objects.count() == 1
    rejected = tmp_path / "mixed.rejets.csv"
    [row] = list(csv.DictReader(io.StringIO(rejected.read_text(encoding="utf-8"))))
    assert row["objet"] == "Part"
    assert row["erreurs"].startswith("pourcentageSubvention : « 45 » : nombre entre 0.01 et 1")
    # once corrected, the rejected file imports as is (its « erreurs » column is ignored)
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(
        rejected.read_text(encoding="utf-8").replace(",45,", ",0.45,"), encoding="utf-8"
    )
    report = scdl_import(path=fixed)
    assert not report.errors and report.created == 1


def test_rejected_file_can_be_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.csv", [dict(EXAMPLE, nature="en espèces")])
    target = tmp_path / "out" / "rejets.csv"
    target.parent.mkdir()
    report = scdl_import(path=path, skip_invalid=True, rejected_path=target)
    assert report.rejected == 1 and report.rejected_path == target and target.is_file()


def test_duplicate_row_is_an_error(tmp_path: Path) -> None:
    report = scdl_import(path=_write(tmp_path / "d.csv", [EXAMPLE, EXAMPLE]))
    assert [str(p) for p in report.errors] == [
        "ligne 3 : même subvention que la ligne 2 (attribuant, décision, date, objet et bénéficiaire identiques)"
    ]


def test_header_problems(tmp_path: Path) -> None:
    assert next(str(p) for p in check_header(["nomAttribuant;idAttribuant"])).startswith(
        "ligne 1 : les colonnes sont séparées par des points-virgules"
    )
    problems = [str(p) for p in check_header([c for c in COLUMNS if c != "montant"] + ["prix"])]
    assert problems == [
        "ligne 1, colonne prix : colonne inconnue du schéma SCDL Subventions",
        "ligne 1, colonne montant : colonne obligatoire absente de l'en-tête",
    ]
    path = _write(tmp_path / "h.csv", [EXAMPLE], header=tuple(c for c in COLUMNS if c != "idRAE"))
    report = scdl_import(path=path, skip_invalid=True)
    assert report.stored == 0 and "colonne idRAE" in str(report.errors[0])


def test_not_utf8_and_empty(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(",".join(COLUMNS).encode() + "\nVillé".encode("latin-1"))
    assert "n'est pas en UTF-8" in str(scdl_import(path=latin).errors[0])
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert "fichier vide" in str(scdl_import(path=empty).errors[0])


def test_wrong_cell_count(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text(",".join(COLUMNS) + "\nVille,21560947000012\n", encoding="utf-8")
    assert [str(p) for p in scdl_import(path=path).errors] == ["ligne 2 : 2 cellules au lieu de 16"]


def test_check_row_warnings_only_for_valid_patterns() -> None:
    assert check_row(2, EXAMPLE) == []
    [problem] = check_row(9, dict(EXAMPLE, datesPeriodeVersement="2017/03/02"))
    assert problem.is_error and problem.column == "datesPeriodeVersement"
    [problem] = check_row(9, dict(EXAMPLE, datesPeriodeVersement="2017-02-29"))
    assert not problem.is_error and "le 29 février 2017 n'existe pas" in str(problem)


def test_import_needs_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "subventions"]) == 1
    assert "un seul fichier CSV" in capsys.readouterr().err
    assert main(["import", "subventions", "/nonexistent.csv"]) == 1
    assert "fichier introuvable" in capsys.readouterr().err


# -- a grant already in the register is recognised, never doubled --------------------------


def _export_year(tmp_path: Path, name: str, year: int = 2026) -> Path:
    target = tmp_path / name
    assert main(["export", "subventions", "--year", str(year), "-o", str(target)]) == 0
    return target


def _rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_export_import_export_gives_the_same_rows(
    stored_samples: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _export_year(tmp_path, "avant.csv")
    conventions = Convention.objects.count()
    assert main(["import", "subventions", str(first)]) == 0
    out = capsys.readouterr().out
    rows = len(_rows_of(first))
    assert rows >= 2
    assert f"{rows} ligne(s) lue(s) ; 0 subvention(s) créée(s), 0 mise(s) à jour, " in out
    assert f"{rows} inchangée(s)" in out
    assert Convention.objects.count() == conventions
    assert ScdlRecord.objects.count() == 0  # the register's own conventions are not rewritten
    second = _export_year(tmp_path, "apres.csv")
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_importing_an_export_twice_keeps_the_count(stored_samples: object, tmp_path: Path) -> None:
    exported = _export_year(tmp_path, "a.csv")
    counts = _counts()
    for _ in range(2):
        report = scdl_import(path=exported)
        assert (report.created, report.updated) == (0, 0)
        assert report.unchanged == len(_rows_of(exported))
    assert _counts()[:5] == counts[:5]


def test_a_published_row_with_another_object_still_matches_the_grant(
    stored_samples: object, tmp_path: Path
) -> None:
    exported = _export_year(tmp_path, "a.csv")
    rows = _rows_of(exported)
    rows[0]["objet"] = "Intitulé réécrit par l'attribuant"
    conventions = Convention.objects.count()
    report = scdl_import(path=_write(tmp_path / "b.csv", rows))
    assert report.created == 0
    assert Convention.objects.count() == conventions
    [warning] = [str(p) for p in report.warnings]
    assert warning.startswith(
        "ligne 2 : avertissement : subvention déjà au registre (convention « "
    )
    assert "le registre fait foi pour : objet" in warning
    # the register's own text is what the next export publishes
    assert _export_year(tmp_path, "c.csv").read_text(encoding="utf-8") == exported.read_text(
        encoding="utf-8"
    )


def test_an_imported_grant_published_under_another_name_is_updated_not_doubled(
    tmp_path: Path,
) -> None:
    scdl_import(path=_write(tmp_path / "a.csv", [EXAMPLE]))
    renamed = dict(EXAMPLE, nomBeneficiaire="Association des Jardins", referenceDecision="D-12")
    report = scdl_import(path=_write(tmp_path / "b.csv", [renamed]))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    [row] = _export_all()
    assert (row["nomBeneficiaire"], row["referenceDecision"]) == ("Association", "D-12")
    assert Convention.objects.count() == 1
    again = scdl_import(path=_write(tmp_path / "b.csv", [renamed]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_two_lines_of_one_file_are_never_one_grant(tmp_path: Path) -> None:
    # the same sum the same day to the same association, for two objects: two grants
    second = dict(EXAMPLE, objet="Investissement")
    report = scdl_import(path=_write(tmp_path / "a.csv", [EXAMPLE, second]))
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    again = scdl_import(path=_write(tmp_path / "a.csv", [EXAMPLE, second]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Convention.objects.count() == 2


def test_another_amount_or_date_is_another_grant(tmp_path: Path) -> None:
    scdl_import(path=_write(tmp_path / "a.csv", [EXAMPLE]))
    other = dict(EXAMPLE, objet="Investissement", montant="2000")
    later = dict(EXAMPLE, objet="Fonctionnement (suite)", dateConvention="2018-01-05")
    report = scdl_import(path=_write(tmp_path / "b.csv", [other, later]))
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert Convention.objects.count() == 3


def test_id_attribution_recognises_the_grant(tmp_path: Path) -> None:
    header = (*COLUMNS, "idAttribution")
    first = dict(EXAMPLE, idAttribution="SUB-2017-0042")
    scdl_import(path=_write(tmp_path / "a.csv", [first], header=header))
    # the authority corrected the amount and the object: same grant by its identifier
    fixed = dict(first, montant="1200", objet="Fonctionnement général")
    report = scdl_import(path=_write(tmp_path / "b.csv", [fixed], header=header))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    [row] = _export_all()
    assert (row["montant"], row["objet"]) == ("1200", "Fonctionnement général")
    again = scdl_import(path=_write(tmp_path / "b.csv", [fixed], header=header))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
