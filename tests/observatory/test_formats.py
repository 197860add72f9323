"""CSV, zipped CSV and Parquet give the same store; NAF 2025 is read when present."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest
from sirene_samples import ESTABLISHMENT_HEADER, establishment_rows, write_csv, write_samples

from pacte.observatory.errors import ObservatoryError
from pacte.observatory.indicators import Store
from pacte.observatory.store import import_snapshot
from pacte.observatory.territories import TerritoryReference, TerritorySpec


def _result(
    folder: Path, reference: TerritoryReference, territory: str = "fr", **options: str
) -> dict[str, object]:
    level, _, code = territory.partition(":")
    with Store(folder) as store:
        return store.indicators(
            reference.territory(TerritorySpec(level, code or "FR")),
            reference=reference,
            compare=False,
            **options,
        )


def _zip(path: Path) -> Path:
    archive = path.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(path, path.name)
    return archive


def _parquet(path: Path, *, typed: bool = False) -> Path:
    """The CSV as Parquet; ``typed`` stores commune codes as integers (zeros lost), as a
    careless conversion does."""
    target = path.with_suffix(".parquet")
    source = f"read_csv('{path}', all_varchar = true)"
    if typed:
        source = (
            "(SELECT * REPLACE (CASE WHEN regexp_full_match(codeCommuneEtablissement, '\\d+') "
            "THEN CAST(codeCommuneEtablissement AS INTEGER) END AS codeCommuneEtablissement) "
            f"FROM {source})"
        )
    duckdb.sql(f"COPY (SELECT * FROM {source}) TO '{target}' (FORMAT PARQUET)")
    return target


def _without_volatile(result: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in result.items() if k not in ("sources", "warnings")}


@pytest.mark.parametrize("kind", ["zip", "parquet", "parquet-typed"])
def test_every_format_gives_the_same_indicators(
    tmp_path: Path, reference: TerritoryReference, kind: str
) -> None:
    sites, units = write_samples(tmp_path)
    import_snapshot(
        establishments=sites, legal_units=units, folder=tmp_path / "csv", snapshot="2026-01"
    )
    if kind == "zip":
        other_sites, other_units = _zip(sites), _zip(units)
    else:
        other_sites, other_units = _parquet(sites, typed=kind == "parquet-typed"), _parquet(units)
    import_snapshot(
        establishments=other_sites,
        legal_units=other_units,
        folder=tmp_path / kind,
        snapshot="2026-01",
    )
    if kind == "parquet-typed":
        # an integer column cannot hold 2A004: Corsica is lost, but 01001 keeps its zero
        for territory in ("dep:01", "dep:67"):
            expected = _without_volatile(_result(tmp_path / "csv", reference, territory))
            assert _without_volatile(_result(tmp_path / kind, reference, territory)) == expected
        return
    expected = _without_volatile(_result(tmp_path / "csv", reference))
    assert _without_volatile(_result(tmp_path / kind, reference)) == expected
    with Store(tmp_path / kind) as store:
        assert store.meta["files"]["establishments"]["format"] == kind.split("-")[0]
        # the SIREN with a leading zero and Corsica's letters came through as text
        assert store.con.execute(
            "SELECT count(*) FROM ess_establishments WHERE siren = '014000014' AND dep IN ('2A', '2B')"
        ).fetchone() == (3,)


def test_naf_2025_domains_and_exclusions(tmp_path: Path, reference: TerritoryReference) -> None:
    header = [*ESTABLISHMENT_HEADER, "activitePrincipaleNAF25Etablissement"]
    rows = []
    for row in establishment_rows():
        naf = row[ESTABLISHMENT_HEADER.index("activitePrincipaleEtablissement")]
        rows.append([*row, naf[:5] + "Y" if naf.endswith("Z") else naf])
    # a NAF 2025 code alone (no NAF 2008 code): the exclusion still applies
    extra = list(rows[0])
    extra[2] = extra[0] + "09999"
    extra[header.index("activitePrincipaleEtablissement")] = ""
    extra[-1] = "94.91Y"
    rows.append(extra)
    sites = write_csv(tmp_path / "etab.csv", header, rows)
    _, units = write_samples(tmp_path / "units")
    import_snapshot(
        establishments=sites, legal_units=units, folder=tmp_path / "s", snapshot="2026-01"
    )
    result = _result(tmp_path / "s", reference, nomenclature="naf2025")
    labels = {d["section"]: d["label"] for d in result["domains"]}  # type: ignore[union-attr]
    assert labels["R"] == "Santé humaine et action sociale"  # 86–88 moved from Q to R
    # 16: without the loaded list, E11 is not ESS; the extra row (94.91Y) is excluded
    # (+ E33 and E35, associations of the Haut-Rhin and Haute-Savoie)
    assert result["total_ess"]["establishments"] == 18  # type: ignore[index]
    assert result["total_private"]["establishments"] == 32  # type: ignore[index]


def test_a_naf_2025_code_in_the_main_column_is_read_as_naf_2025(
    tmp_path: Path, reference: TerritoryReference
) -> None:
    sites, units = write_samples(tmp_path)
    import_snapshot(
        establishments=sites, legal_units=units, folder=tmp_path / "s", snapshot="2026-01"
    )
    with Store(tmp_path / "s") as store:
        assert store.con.execute(
            "SELECT naf, naf25, section, section25 FROM ess_establishments "
            "WHERE siren = '100000026'"
        ).fetchall() == [(None, "88.91A", None, "R")]
        # a code without its dot is given one (E33: 8810A)
        assert store.con.execute(
            "SELECT naf, section FROM ess_establishments WHERE siren = '100000024'"
        ).fetchall() == [("88.10A", "Q")]


def test_naf_2025_is_refused_when_the_file_has_no_such_column(
    tmp_path: Path, reference: TerritoryReference
) -> None:
    _, units = write_samples(tmp_path)
    nomenclature = ESTABLISHMENT_HEADER.index("nomenclatureActivitePrincipaleEtablissement")
    rows = [row for row in establishment_rows() if row[nomenclature] != "NAF2025"]
    sites = write_csv(tmp_path / "etab.csv", ESTABLISHMENT_HEADER, rows)
    import_snapshot(
        establishments=sites, legal_units=units, folder=tmp_path / "s", snapshot="2026-01"
    )
    with pytest.raises(ObservatoryError, match="activitePrincipaleNAF25Etablissement"):
        _result(tmp_path / "s", reference, nomenclature="naf2025")


def test_a_reference_in_the_data_folder_replaces_the_shipped_one(
    tmp_path: Path, reference: TerritoryReference
) -> None:
    folder = tmp_path / "s"
    local = folder / "referentiel"
    shutil.copytree(reference.folder, local, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    # a newer reference where Wissembourg has absorbed Strasbourg's code (for the test)
    (local / "MILLESIME.txt").write_text("Référentiel local de test\n", encoding="utf-8")
    codes = (local / "codes.csv").read_text(encoding="utf-8")
    (local / "codes.csv").write_text(codes + "99999,67544,ancien\n", encoding="utf-8")
    header = ESTABLISHMENT_HEADER
    rows = establishment_rows()
    extra = list(rows[0])
    extra[header.index("nic")] = "77777"
    extra[header.index("siret")] = extra[0] + "77777"
    extra[header.index("codeCommuneEtablissement")] = "99999"
    sites = write_csv(tmp_path / "etab.csv", header, [*rows, extra])
    _, units = write_samples(tmp_path / "units")
    summary = import_snapshot(
        establishments=sites, legal_units=units, folder=folder, snapshot="2026-01"
    )
    assert summary.mapped_codes.get("ancien", 0) >= 1
    with Store(folder) as store:
        vintage = store.con.execute(
            "SELECT value FROM meta WHERE key = 'territory_reference'"
        ).fetchone()
        assert vintage == ('"Référentiel local de test"',)
        assert store.con.execute(
            "SELECT commune FROM ess_establishments WHERE siret = ?", [extra[0] + "77777"]
        ).fetchall() == [("67544",)]


def test_a_file_without_nic_gives_the_same_sirets(tmp_path: Path) -> None:
    """The SIRET is rebuilt from SIREN and NIC when the file has both, else read whole."""
    at = ESTABLISHMENT_HEADER.index("nic")
    header = [c for i, c in enumerate(ESTABLISHMENT_HEADER) if i != at]
    rows = [[c for i, c in enumerate(row) if i != at] for row in establishment_rows()]
    without = write_csv(tmp_path / "sans-nic.csv", header, rows)
    with_nic, units = write_samples(tmp_path / "in")
    found = []
    for name, sites in (("a", with_nic), ("b", without)):
        import_snapshot(
            establishments=sites, legal_units=units, folder=tmp_path / name, snapshot="2026-01"
        )
        with Store(tmp_path / name) as store:
            found.append(
                store.con.execute(
                    "SELECT siret FROM ess_establishments UNION ALL "
                    "SELECT siret FROM public_heads ORDER BY 1"
                ).fetchall()
            )
    assert found[0] == found[1]
    assert ("10000000100001",) in found[0]  # E1: SIREN 100000001, row 1
