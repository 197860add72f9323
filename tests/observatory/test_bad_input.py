"""Bad input gets a French message naming the file and the column, and the previous
snapshot stays as it was (the store is built in a temporary file, renamed at the end)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import pytest
from sirene_samples import (
    ESTABLISHMENT_HEADER,
    UNIT_HEADER,
    establishment_rows,
    unit_rows,
    write_csv,
    write_samples,
)

from pacte.observatory.errors import ObservatoryError
from pacte.observatory.indicators import Store
from pacte.observatory.store import import_snapshot, store_path


@pytest.fixture
def good(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The sample files and a store holding the 2026-01 snapshot built from them."""
    sites, units = write_samples(tmp_path / "in")
    folder = tmp_path / "observatoire"
    import_snapshot(establishments=sites, legal_units=units, folder=folder, snapshot="2026-01")
    return sites, units, folder


def _refused(folder: Path, *, sites: Path, units: Path, match: str) -> None:
    path = store_path(folder, "2026-01")
    before = path.read_bytes()
    with pytest.raises(ObservatoryError, match=match):
        import_snapshot(establishments=sites, legal_units=units, folder=folder, snapshot="2026-01")
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["sirene-2026-01.duckdb"]
    with Store(folder) as store:
        assert store.con.execute("SELECT active FROM totals").fetchone() == (35,)


def test_missing_column(good: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _sites, units, folder = good
    column = ESTABLISHMENT_HEADER.index("trancheEffectifsEtablissement")
    header = [h for i, h in enumerate(ESTABLISHMENT_HEADER) if i != column]
    rows = [[c for i, c in enumerate(row) if i != column] for row in establishment_rows()]
    broken = write_csv(tmp_path / "sans-tranche.csv", header, rows)
    _refused(
        folder,
        sites=broken,
        units=units,
        match=r"sans-tranche\.csv : colonne « trancheEffectifsEtablissement » absente",
    )


def test_column_with_the_wrong_case_is_named(good: tuple[Path, Path, Path], tmp_path: Path) -> None:
    sites, _units, folder = good
    header = [h if h != "siren" else "SIREN" for h in UNIT_HEADER]
    broken = write_csv(tmp_path / "unites.csv", header, unit_rows())
    _refused(folder, sites=sites, units=broken, match="« SIREN » au lieu de « siren »")


def test_wrong_separator(good: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _sites, units, folder = good
    broken = write_csv(tmp_path / "tableur.csv", ESTABLISHMENT_HEADER, establishment_rows(), ";")
    _refused(
        folder,
        sites=broken,
        units=units,
        match=r"tableur\.csv : colonne « siret » introuvable — le fichier est séparé par des point-virgules",
    )


def test_truncated_zip(good: tuple[Path, Path, Path], tmp_path: Path) -> None:
    sites, units, folder = good
    archive = tmp_path / "StockEtablissement_utf8.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(sites, sites.name)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    _refused(
        folder,
        sites=archive,
        units=units,
        match=r"StockEtablissement_utf8\.zip : archive zip tronquée",
    )


def test_parquet_of_another_schema(good: tuple[Path, Path, Path], tmp_path: Path) -> None:
    sites, _units, folder = good
    other = tmp_path / "autre.parquet"
    duckdb.sql(f"COPY (SELECT 1 AS siren, 'x' AS nom) TO '{other}' (FORMAT PARQUET)")
    _refused(
        folder,
        sites=sites,
        units=other,
        match=r"autre\.parquet : colonnes « categorieJuridiqueUniteLegale », .* absentes du fichier des unités légales",
    )


def test_damaged_parquet(good: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _sites, units, folder = good
    damaged = tmp_path / "abime.parquet"
    damaged.write_bytes(b"PAR1 pas vraiment du parquet")
    _refused(
        folder, sites=damaged, units=units, match=r"abime\.parquet : fichier Parquet illisible"
    )


def test_a_line_with_too_many_fields_is_named(
    good: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _sites, units, folder = good
    rows = establishment_rows()
    rows[4] = [*rows[4], "en trop"]
    broken = write_csv(tmp_path / "ligne.csv", ESTABLISHMENT_HEADER, rows)
    _refused(
        folder, sites=broken, units=units, match=r"ligne\.csv, ligne 6 : 14 colonnes au lieu de 13"
    )


def test_missing_file_empty_file_and_bad_snapshot(
    good: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    sites, units, folder = good
    _refused(
        folder,
        sites=tmp_path / "absent.csv",
        units=units,
        match=r"absent\.csv : fichier introuvable",
    )
    empty = tmp_path / "vide.csv"
    empty.write_text("", encoding="utf-8")
    _refused(folder, sites=empty, units=units, match=r"vide\.csv : fichier vide")
    with pytest.raises(ObservatoryError, match="millésime « 2026-13 » invalide"):
        import_snapshot(establishments=sites, legal_units=units, folder=folder, snapshot="2026-13")


def test_bad_ess_list_names_its_line(good: tuple[Path, Path, Path], tmp_path: Path) -> None:
    sites, units, folder = good
    listed = tmp_path / "liste.csv"
    listed.write_text("siren\n100000009\n12345\n", encoding="utf-8")
    path = store_path(folder, "2026-01")
    before = path.read_bytes()
    with pytest.raises(
        ObservatoryError, match=r"liste\.csv, ligne 3, colonne « siren » : « 12345 »"
    ):
        import_snapshot(
            establishments=sites,
            legal_units=units,
            folder=folder,
            snapshot="2026-01",
            ess_list=listed,
        )
    assert path.read_bytes() == before


def test_a_good_import_replaces_the_snapshot(good: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _sites, units, folder = good
    rows = establishment_rows()[:5]
    fewer = write_csv(tmp_path / "moins.csv", ESTABLISHMENT_HEADER, rows)
    import_snapshot(establishments=fewer, legal_units=units, folder=folder, snapshot="2026-01")
    with Store(folder) as store:
        assert store.con.execute("SELECT active FROM totals").fetchone() == (5,)
    assert sorted(p.name for p in folder.iterdir()) == ["sirene-2026-01.duckdb"]
