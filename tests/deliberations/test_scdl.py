"""SCDL « Délibérations » export: columns, rows, and validation against the official schema."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pacte.deliberations.scdl import (
    SCDL_COLUMNS,
    scdl_row,
    scdl_row_problems,
    write_scdl_csv,
)
from pacte.observatory.authorities import AuthorityIdentity
from pacte.terms import CouncilSession, Organisation

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT.parent / "shared" / "schemas" / "scdl-deliberations" / "schema.json"


def _export(council: CouncilSession) -> str:
    stream = io.StringIO(newline="")
    report = write_scdl_csv(((council.authority, act) for act in council.acts()), stream)
    assert report.skipped == []
    assert report.written == len(council.deliberations)
    return stream.getvalue()


def test_rows_of_the_sample_session(council: CouncilSession) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(council))))

    assert [r["DELIB_ID"] for r in rows] == ["DCM-2026-012", "DCM-2026-013", "DCM-2026-014"]
    budget = rows[0]
    assert budget["COLL_SIRET"] == "21560947000012"
    assert budget["DELIB_DATE"] == "2026-02-09"
    assert (budget["DELIB_MATIERE_CODE"], budget["DELIB_MATIERE_NOM"]) == (
        "7.1",
        "finances locales/décisions budgétaires",
    )
    assert (budget["PREF_ID"], budget["PREF_DATE"]) == ("PREF056", "2026-02-11")
    votes = [budget[c] for c in ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE")]
    assert votes == ["23", "19", "15", "3"]
    assert rows[2]["DELIB_URL"].endswith("DCM-2026-014.pdf")
    assert all(scdl_row_problems(row) == [] for row in rows)


def test_header_is_the_schema_columns_in_order(council: CouncilSession) -> None:
    header = _export(council).splitlines()[0]
    assert header == ",".join(SCDL_COLUMNS)
    if SCHEMA.is_file():
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        assert tuple(f["name"] for f in schema["fields"]) == SCDL_COLUMNS


def test_unanimous_act_without_counts_counts_every_voter(council: CouncilSession) -> None:
    act = council.acts()[2]
    act.vote.votes_for = act.vote.votes_against = act.vote.abstentions = None
    row = scdl_row(council.authority, act)
    assert [row[c] for c in SCDL_COLUMNS[11:16]] == ["23", "19", "19", "0", "0"]


def test_act_the_schema_cannot_describe_is_reported() -> None:
    council = CouncilSession.model_validate(
        {
            "authority": {"name": "Ville de Lorval", "kind": "commune"},
            "session": {"body": "Conseil municipal", "date": "2026-03-02"},
            "deliberations": [{"object": "Vœu"}],
        }
    )
    stream = io.StringIO()
    report = write_scdl_csv(((council.authority, a) for a in council.acts()), stream)
    assert report.written == 0
    assert report.skipped == ["Ville de Lorval : SIRET de la collectivité non renseigné"]
    authority = Organisation(name="Ville de Lorval", siret="12345678200010")
    with pytest.raises(ValueError, match="code matière ACTES absent"):
        scdl_row(authority, council.acts()[0])


def test_extra_rules_catch_bad_rows(council: CouncilSession) -> None:
    row = scdl_row(council.authority, council.acts()[0])
    bad = {
        **row,
        "COLL_SIRET": "21560947000013",
        "DELIB_MATIERE_NOM": "jardinage/potager",
        "VOTE_REEL": "20",
        "PREF_DATE": "2026-01-01",
    }
    problems = scdl_row_problems(bad)
    assert len(problems) == 5
    assert problems[0] == "COLL_SIRET 21560947000013 : clé de contrôle invalide"


def test_export_validates_with_frictionless(council: CouncilSession, tmp_path: Path) -> None:
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas absent (clone seul) : test ignoré")
    frictionless = pytest.importorskip("frictionless")
    path = tmp_path / "deliberations.csv"
    path.write_text(_export(council), encoding="utf-8", newline="")

    schema = frictionless.Schema.from_descriptor(json.loads(SCHEMA.read_text(encoding="utf-8")))
    resource = frictionless.Resource(path=path.name, basepath=str(tmp_path), schema=schema)
    report = frictionless.validate(resource)

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 3


def test_an_authority_named_without_siret_gets_the_one_found() -> None:
    """The same function as the subsidies export: the stated SIRET, else the one found
    (territory reference + SIRENE head office), else the SIREN in the message."""
    council = CouncilSession.model_validate(
        {
            "authority": {"name": "Ville de Strasbourg", "kind": "commune"},
            "session": {"body": "Conseil municipal", "date": "2026-03-02"},
            "deliberations": [{"object": "Subvention", "acts_subject_code": "7.5"}],
        }
    )
    act = next(iter(council.acts()))

    def found(siret: str | None) -> Callable[[object], AuthorityIdentity]:
        return lambda _organisation: AuthorityIdentity(
            "216704825", siret, "com:67482", "Strasbourg", "référentiel des territoires"
        )

    row = scdl_row(council.authority, act, identify=found("21670482500019"))
    assert row["COLL_SIRET"] == "21670482500019"
    with pytest.raises(
        ValueError, match="son SIREN 216704825 est connu du référentiel des territoires"
    ):
        scdl_row(council.authority, act, identify=found(None))
    stated = council.authority.model_copy(update={"siret": "21670482500027"})
    assert scdl_row(stated, act, identify=found("21670482500019"))["COLL_SIRET"] == (
        "21670482500027"
    )
