"""SCDL Subventions export: schema columns, frictionless validation, checks it does not do."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from factories import ConventionFactory, TermsFactory
from pacte.cli import main
from pacte.outputs.scdl import (
    COLUMNS,
    ScdlRow,
    conventions_dated,
    grant_rows,
    payment_period,
    register_scdl_rows,
    write_scdl,
)
from pacte.terms import Convention
from pacte.terms.identifiers import siren_is_valid


def frictionless_errors(path: Path, schema_path: Path) -> list[list[object]]:
    from frictionless import Resource, Schema, system, validate

    schema = Schema.from_descriptor(json.loads(schema_path.read_text(encoding="utf-8")))
    with system.use_context(trusted=True):
        report = validate(Resource(path=str(path), schema=schema))
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_columns_are_the_schema_fields_in_order(scdl_folder: Path) -> None:
    schema = json.loads((scdl_folder / "schema.json").read_text(encoding="utf-8"))
    assert tuple(f["name"] for f in schema["fields"]) == COLUMNS


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2025, 2026])
def test_sample_export_is_valid(
    stored_samples: list[Convention], scdl_folder: Path, tmp_path: Path, year: int
) -> None:
    target = tmp_path / f"subventions-{year}.csv"
    assert main(["export", "subventions", "--year", str(year), "-o", str(target)]) == 0
    assert frictionless_errors(target, scdl_folder / "schema.json") == []
    raw = target.read_bytes()
    assert raw.decode("utf-8").startswith(",".join(COLUMNS) + "\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert rows
    for row in rows:
        # what frictionless does not check
        assert siren_is_valid(row["idAttribuant"])
        assert not row["idBeneficiaire"] or siren_is_valid(row["idBeneficiaire"])
        assert row["idBeneficiaire"] or row["rnaBeneficiaire"]
        assert row["conditionsVersement"] in ("unique", "échelonné")
        assert row["notificationUE"] in ("oui", "non")
        assert date.fromisoformat(row["dateConvention"]).year == year


@pytest.mark.django_db
def test_sample_rows_follow_the_payment_schedule(
    stored_samples: list[Convention], sample: Callable[[str], Convention]
) -> None:
    rows = list(register_scdl_rows(conventions_dated(year=2026)))
    by_authority = {r.nom_attribuant: r for r in rows}
    ville = sample("ville").parties[0].organisation
    row = by_authority[ville.name]
    assert row.id_attribuant == ville.siret
    assert row.montant == Decimal("12500")
    # 70 % at signature, 30 % on the committee's PV, not received yet: the period runs
    # from the signature to the end of the financed year
    assert (row.conditions_versement, row.dates_periode_versement) == (
        "échelonné",
        "2026-03-02/2026-12-31",
    )
    multi_year = list(register_scdl_rows(conventions_dated(year=2025)))
    assert [r.montant for r in multi_year] == [Decimal(20000), Decimal(24000), Decimal(24000)]
    assert [r.conditions_versement for r in multi_year] == ["unique", "échelonné", "échelonné"]
    assert multi_year[0].dates_periode_versement == multi_year[0].date_convention.isoformat()


@pytest.mark.django_db
def test_authority_filter(
    stored_samples: list[Convention],
    capsys: pytest.CaptureFixture[str],
    sample: Callable[[str], Convention],
) -> None:
    siret = sample("ville").parties[0].organisation.siret
    assert main(["export", "subventions", "--year", "2026", "--authority", str(siret)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and f",{siret}," in lines[1]
    assert main(["export", "subventions", "--year", "2026", "--authority", "00000000000000"]) == 0
    assert capsys.readouterr().out.splitlines() == [",".join(COLUMNS)]


@pytest.mark.django_db
def test_convention_dated_by_its_start_when_unsigned(
    capsys: pytest.CaptureFixture[str], sample: Callable[[str], Convention]
) -> None:
    terms = sample("departement")
    assert terms.term is not None and terms.term.start == date(2025, 3, 1)
    signed_before = TermsFactory(
        sample=terms, keep_reference=True, signed_on=date(2024, 12, 20), signatures=[]
    )
    ConventionFactory(terms=signed_before)
    assert [c.reference for c in conventions_dated(year=2024)] == [terms.reference]
    assert list(conventions_dated(year=2025)) == []
    ConventionFactory(terms=TermsFactory(sample=terms, keep_reference=True, unsigned=True))
    assert [c.reference for c in conventions_dated(year=2025)] == [terms.reference]


@pytest.mark.django_db
def test_grant_without_identifiers_is_left_out_and_said(
    capsys: pytest.CaptureFixture[str], sample: Callable[[str], Convention]
) -> None:
    terms = sample("ville")
    terms.parties[0].organisation.siret = None
    ConventionFactory(terms=terms)
    assert main(["export", "subventions", "--year", "2026"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [",".join(COLUMNS)]
    assert "l'attribuant n'a pas de SIRET" in captured.err
    assert f"convention « {terms.reference} »" in captured.err


def test_missing_year_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "subventions"]) == 1
    assert "--year AAAA est obligatoire" in capsys.readouterr().err


def test_deliberations_dispatch_when_not_yet_available(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pacte.cli.deliberations", None)
    assert main(["export", "deliberations", "--year", "2026"]) == 1
    assert "pas encore disponible" in capsys.readouterr().err


def test_deliberations_dispatch_calls_the_engineer_function(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys
    import types

    seen = {}
    module = types.ModuleType("pacte.cli.deliberations")

    def run_export_deliberations(args: object) -> int:
        seen["args"] = args
        return 0

    module.run_export_deliberations = run_export_deliberations  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pacte.cli.deliberations", module)
    assert main(["export", "deliberations", "--year", "2026", "-o", "-"]) == 0
    args = seen["args"]
    assert (args.year, args.authority, args.output) == (2026, None, "-")  # type: ignore[attr-defined]


def test_writer_streams_rows_it_is_given() -> None:
    def rows():  # a generator: the writer never holds more than one row
        for index in range(3):
            yield ScdlRow(
                nom_attribuant="Ville",
                id_attribuant="21560947000012",
                date_convention=date(2026, 1, index + 1),
                reference_decision="",
                nom_beneficiaire="Asso, « quoted »",
                id_beneficiaire="",
                rna_beneficiaire="W563012345",
                objet="Objet",
                montant=Decimal("47800.20"),
                nature="aide en numéraire",
                conditions_versement="unique",
                dates_periode_versement="2026-02-01",
            )

    out = io.StringIO()
    assert write_scdl(rows(), out) == 3
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert parsed[0]["nomBeneficiaire"] == "Asso, « quoted »"
    assert parsed[0]["montant"] == "47800.2"


def test_payment_period_with_unknown_dates(sample: Callable[[str], Convention]) -> None:
    terms = sample("agglo")
    rows, skipped = grant_rows(terms)
    assert not skipped
    [row] = rows
    # advance at signature, interim on 15 December, balance on documents not yet foreseeable
    assert row.dates_periode_versement == f"{terms.signed_on}/2026-12-31"
    assert payment_period([], 2026, date(2026, 6, 30)) == "2026-01-01/2026-06-30"
