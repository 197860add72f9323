"""The generator writes SIRENE-layout files with realistic shares, the same for a seed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pacte.observatory.generator import CATEGORIES, generate
from pacte.observatory.indicators import Store
from pacte.observatory.sirene import ESTABLISHMENT_COLUMNS, LEGAL_UNIT_COLUMNS
from pacte.observatory.store import import_snapshot
from pacte.observatory.territories import TerritoryReference, TerritorySpec

ROWS = 20000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return generate(tmp_path_factory.mktemp("gen"), establishments=ROWS, seed=7)


def test_files_have_insee_columns_and_text_codes(generated: tuple[Path, Path]) -> None:
    sites, units = generated
    header = sites.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(ESTABLISHMENT_COLUMNS) <= set(header)
    assert set(LEGAL_UNIT_COLUMNS) <= set(
        units.read_text(encoding="utf-8").splitlines()[0].split(",")
    )
    count = duckdb.sql(f"SELECT count(*) FROM read_csv('{sites}', all_varchar = true)").fetchall()
    assert count == [(ROWS,)]


def test_shares_are_realistic(generated: tuple[Path, Path]) -> None:
    sites, units = generated
    read = f"read_csv('{sites}', all_varchar = true)"
    closed, arrondissements, abroad, corsica = duckdb.sql(
        f"""SELECT avg(CASE WHEN etatAdministratifEtablissement = 'F' THEN 1 ELSE 0 END),
                   count(*) FILTER (WHERE codeCommuneEtablissement SIMILAR TO '(751|6938|132)\\d+'),
                   count(*) FILTER (WHERE codeCommuneEtablissement IS NULL),
                   count(*) FILTER (WHERE codeCommuneEtablissement LIKE '2A%' OR codeCommuneEtablissement LIKE '2B%')
            FROM {read}"""
    ).fetchall()[0]
    assert 0.5 < closed < 0.7  # as in the national stock: most rows are closed
    assert arrondissements > ROWS * 0.02  # Paris, Lyon and Marseille weigh ~4 % of France
    assert 0 < abroad < ROWS * 0.01
    assert corsica > 0
    shares = dict(
        duckdb.sql(
            f"SELECT categorieJuridiqueUniteLegale, count(*) / sum(count(*)) OVER () "
            f"FROM read_csv('{units}', all_varchar = true) GROUP BY 1"
        ).fetchall()
    )
    expected = {c: share for c, share, _ in CATEGORIES}
    total = sum(expected.values())
    for category in ("1000", "5710", "9220"):
        assert shares[category] == pytest.approx(expected[category] / total, rel=0.15)


def test_same_seed_same_files(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", establishments=500, seed=3, departements=["67", "2A"])
    second = generate(tmp_path / "b", establishments=500, seed=3, departements=["67", "2A"])
    other = generate(tmp_path / "c", establishments=500, seed=4, departements=["67", "2A"])
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert first[0].read_bytes() != other[0].read_bytes()


def test_generated_files_import_with_every_level_and_old_codes(
    generated: tuple[Path, Path], tmp_path: Path
) -> None:
    sites, units = generated
    summary = import_snapshot(
        establishments=sites, legal_units=units, folder=tmp_path, snapshot="2026-01"
    )
    assert summary.mapped_codes["arrondissement"] > 0 and summary.mapped_codes["ancien"] > 0
    assert {"8888"} <= {c for c, _, _ in summary.unknown_categories} <= {"8888", "9299"}
    reference = TerritoryReference.load()
    with Store(tmp_path) as store:
        france = store.indicators(
            reference.territory(TerritorySpec("fr", "FR")), reference=reference, compare=False
        )
    assert 0.05 < france["share"]["establishments"] < 0.25
    assert all(
        france[f]["establishments"] > 0 for f in ("association", "cooperative", "ess_company")
    )


@pytest.mark.parametrize("form", ["zip", "parquet"])
def test_zip_and_parquet(tmp_path: Path, form: str) -> None:
    sites, units = generate(tmp_path, establishments=300, format=form, naf25=True)
    assert sites.suffix == f".{form}" and units.suffix == f".{form}"
    summary = import_snapshot(
        establishments=sites, legal_units=units, folder=tmp_path / "s", snapshot="2026-01"
    )
    assert summary.establishments > 0
