"""The store of a snapshot (millésime): one compact DuckDB file per snapshot.

``import_snapshot`` reads the two stock files in place, keeps the active establishments,
places each one in today's commune, EPCI, département and région, classifies its legal
unit (ESS or not, family, on which basis), turns its headcount band into employee bounds
and writes ``sirene-AAAA-MM.duckdb`` in the observatory folder: the figures of every
commune × family × private or public × band year × NAF section (``cube``, and
``cube_dep`` by département), the ESS establishments and legal units (largest employers),
the head offices of public legal units (``public_heads``: the SIRET of an authority),
what could not be classified (``unknown_categories``, ``unplaced_communes``,
``unknown_bands``) and ``meta`` (files, rules and their sources, reference vintage). It builds a temporary file
and renames it at the end: a refused file or an interrupted import leaves the previous
snapshot as it was. Memory is bounded by ``memory_limit`` (DuckDB spills to disk beyond).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from pacte.observatory.bands import BANDS
from pacte.observatory.errors import ObservatoryError
from pacte.observatory.naf import division_sections
from pacte.observatory.perimeter import KNOWN_GROUPS, PUBLIC_GROUPS, EssRules, ess_rules
from pacte.observatory.sirene import Source, open_source, read_error
from pacte.observatory.territories import (
    TerritoryReference,
    reference_folder,
    reference_vintage,
)

DEFAULT_MEMORY_LIMIT = "2GB"
NAF2025_NAMES = ("NAF2025", "NAFRev2025", "NAF25")
"""Values of ``nomenclatureActivitePrincipaleEtablissement`` read as NAF 2025."""
_SNAPSHOT = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_MEMORY = re.compile(r"^\s*\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)
STORE_VERSION = 3
"""Raised when the store's tables change: an older store must be imported again."""


@dataclass
class ImportSummary:
    snapshot: str
    path: Path
    establishments: int
    ess_establishments: int
    without_legal_unit: int
    seconds: float
    unknown_categories: list[tuple[str, int, int]] = field(default_factory=list)
    """(category, legal units, active establishments) for categories no rule knows."""
    unplaced_communes: list[tuple[str, int]] = field(default_factory=list)
    unknown_bands: list[tuple[str, int]] = field(default_factory=list)
    mapped_codes: dict[str, int] = field(default_factory=dict)
    ess_list_size: int | None = None


def snapshot_date(snapshot: str) -> date:
    match = _SNAPSHOT.match(snapshot)
    if not match:
        raise ObservatoryError(f"millésime « {snapshot} » invalide : écrire AAAA-MM (ex. 2026-01)")
    return date(int(match.group(1)), int(match.group(2)), 1)


def store_path(folder: Path, snapshot: str) -> Path:
    snapshot_date(snapshot)
    return folder / f"sirene-{snapshot}.duckdb"


def snapshots(folder: Path) -> list[str]:
    """The snapshots in the store, oldest first."""
    if not folder.is_dir():
        return []
    found = (p.stem.removeprefix("sirene-") for p in folder.glob("sirene-*.duckdb"))
    return sorted(s for s in found if _SNAPSHOT.match(s))


def check_memory_limit(text: str) -> str:
    if not _MEMORY.match(text):
        raise ObservatoryError(
            f"limite de mémoire « {text} » invalide : écrire par exemple 2GB, 512MB ou 8GB"
        )
    return text.replace(" ", "").upper()


def connect(
    path: Path | str, *, memory_limit: str, temp: Path | None, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute(f"SET memory_limit = '{check_memory_limit(memory_limit)}'")
    con.execute("SET preserve_insertion_order = false")
    if temp is not None:
        con.execute(f"SET temp_directory = '{str(temp).replace(chr(39), chr(39) * 2)}'")
    return con


def _values(rows: Sequence[tuple[object, ...]]) -> str:
    def literal(value: object) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int | float):
            return repr(value)
        return "'" + str(value).replace("'", "''") + "'"

    return ", ".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)


def _load_rules(con: duckdb.DuckDBPyConnection, rules: EssRules) -> None:
    # every legal category the rules know (a category absent from it is unknown), with its
    # family: read by one join, the rules being those of ``EssRules.is_unknown``
    known = [
        (code, rules.families.get(code))
        for group in sorted(KNOWN_GROUPS)
        for code in (f"{group}{n:02d}" for n in range(100))
        if not rules.is_unknown(code)
    ]
    con.execute("CREATE TEMP TABLE category_rule (category VARCHAR PRIMARY KEY, family VARCHAR)")
    con.execute(f"INSERT INTO category_rule VALUES {_values(known)}")
    con.execute(
        "CREATE TEMP TABLE bands (band VARCHAR, low INTEGER, high INTEGER, estimate DOUBLE)"
    )
    con.execute(
        "INSERT INTO bands VALUES "
        + _values([(b.code, b.low, b.high, b.estimate) for b in BANDS.values()])
    )
    for nomenclature in ("naf2008", "naf2025"):
        table = division_sections(nomenclature)
        con.execute(
            f"CREATE TEMP TABLE sections_{nomenclature} (division VARCHAR, section VARCHAR)"
        )
        con.execute(f"INSERT INTO sections_{nomenclature} VALUES {_values(list(table.items()))}")


def _excluded_sql(rules: EssRules, column: str, nomenclature: str) -> str:
    prefixes = sorted(rules.excluded[nomenclature])
    return "(" + " OR ".join(f"starts_with({column}, '{p}')" for p in prefixes) + ")"


def _load_ess_list(con: duckdb.DuckDBPyConnection, path: Path | None) -> int | None:
    con.execute("CREATE TEMP TABLE ess_list (siren VARCHAR PRIMARY KEY)")
    if path is None:
        return None
    if not path.is_file():
        raise ObservatoryError(f"{path} : liste de SIREN introuvable")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = list(csv.reader(handle, dialect))
    if not rows:
        raise ObservatoryError(f"{path} : liste de SIREN vide")
    header = [h.strip().lower() for h in rows[0]]
    column = header.index("siren") if "siren" in header else 0
    body = rows[1:] if not rows[0][column].strip().isdigit() else rows
    sirens: set[str] = set()
    for number, row in enumerate(body, start=len(rows) - len(body) + 1):
        value = row[column].strip().replace(" ", "") if column < len(row) else ""
        if not value:
            continue
        if len(value) == 14 and value.isdigit():  # a SIRET: its SIREN
            value = value[:9]
        if not (len(value) == 9 and value.isdigit()):
            raise ObservatoryError(
                f"{path}, ligne {number}, colonne « siren » : « {value} » n'est pas un SIREN "
                "(9 chiffres)"
            )
        sirens.add(value)
    if sirens:
        con.executemany("INSERT INTO ess_list VALUES (?)", [(s,) for s in sorted(sirens)])
    return len(sirens)


def _activity(column: str) -> str:
    """An activity code with its dot (8810A → 88.10A), as SIRENE writes it."""
    return (
        f"CASE WHEN length({column}) = 5 AND NOT contains({column}, '.') "
        f"THEN {column}[1:2] || '.' || {column}[3:5] ELSE {column} END"
    )


def _load_reference(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    def read(name: str) -> str:
        path = str(folder / name).replace("'", "''")
        return f"read_csv('{path}', header = true, all_varchar = true, delim = ',', quote = '\"')"

    con.execute(
        "CREATE TEMP TABLE place AS "
        f"SELECT code, code AS commune, departement AS dep, region AS reg, "
        f"nullif(epci, '') AS epci, 'commune' AS nature FROM {read('communes.csv')} "
        "UNION ALL "
        f"SELECT c.code, c.commune, m.departement, m.region, nullif(m.epci, ''), c.nature "
        f"FROM {read('codes.csv')} c JOIN {read('communes.csv')} m ON m.code = c.commune"
    )
    # today's commune → its EPCI, département and région (joined after the aggregates)
    con.execute(
        "CREATE TEMP TABLE commune_territory AS SELECT DISTINCT commune, dep, reg, epci FROM place"
    )


def import_snapshot(
    *,
    establishments: Path,
    legal_units: Path,
    folder: Path,
    snapshot: str,
    ess_list: Path | None = None,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    reference: TerritoryReference | None = None,
    progress: Callable[[str], None] = lambda _: None,
    threads: int | None = None,
) -> ImportSummary:
    """Build the store of ``snapshot`` from the two stock files; see the module."""
    started = time.perf_counter()
    on = snapshot_date(snapshot)
    memory_limit = check_memory_limit(memory_limit)
    rules = ess_rules(on)
    # the import reads the reference's files in DuckDB: its Python tables are not needed
    if reference is not None:
        territories, vintage = reference.folder, reference.vintage
    else:
        territories = reference_folder(folder / "referentiel")
        vintage = reference_vintage(territories)
    folder.mkdir(parents=True, exist_ok=True)
    final = store_path(folder, snapshot)
    token = f"{os.getpid()}-{time.monotonic_ns()}"
    building = folder / f".sirene-{snapshot}.{token}.construction"
    workdir = folder / f".travail-{token}"
    try:
        workdir.mkdir(parents=True)
        con = connect(building, memory_limit=memory_limit, temp=workdir)
        try:
            # DuckDB would otherwise build the hash tables of the outer joins on the stream of
            # establishments (its size is unknown before reading) instead of the small lookup
            # tables: past a few million rows the import ran out of its memory limit
            with contextlib.suppress(duckdb.Error):  # a DuckDB without this optimizer
                con.execute("SET disabled_optimizers = 'build_side_probe_side'")
            # DuckDB's own bar, on a terminal only (a long step shows its progress)
            con.execute(f"SET enable_progress_bar = {'true' if sys.stdout.isatty() else 'false'}")
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            summary = _build(
                con,
                establishments=establishments,
                legal_units=legal_units,
                snapshot=snapshot,
                rules=rules,
                territories=territories,
                vintage=vintage,
                ess_list=ess_list,
                workdir=workdir,
                progress=progress,
            )
            progress("4/4 Écriture du millésime…")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        building.replace(final)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        for leftover in (building, building.with_name(building.name + ".wal")):
            leftover.unlink(missing_ok=True)
    summary.path = final
    summary.seconds = time.perf_counter() - started
    return summary


def _build(
    con: duckdb.DuckDBPyConnection,
    *,
    establishments: Path,
    legal_units: Path,
    snapshot: str,
    rules: EssRules,
    territories: Path,
    vintage: str,
    ess_list: Path | None,
    workdir: Path,
    progress: Callable[[str], None],
) -> ImportSummary:
    progress("1/4 Vérification des fichiers…")
    units = open_source(con, legal_units, "legal_units", workdir=workdir, progress=progress)
    sites = open_source(con, establishments, "establishments", workdir=workdir, progress=progress)
    sources = [units, sites]
    listed = _load_ess_list(con, ess_list)
    _load_rules(con, rules)
    _load_reference(con, territories)
    public = " OR ".join(f"starts_with(category, '{g}')" for g in PUBLIC_GROUPS)
    ess_company = "TRUE" if rules.ess_company else "FALSE"
    try:
        # a view: the legal units are read in the same pass as the establishments; names
        # and association numbers are carried for the ESS candidates only
        con.execute(
            f"""
            CREATE TEMP VIEW unit AS
            SELECT siren, category, by_flag, by_list, category_family, category_unknown, private,
                   CASE WHEN by_flag OR by_list OR category_family IS NOT NULL
                        THEN association_id END AS association_id,
                   CASE WHEN by_flag OR by_list OR category_family IS NOT NULL
                        THEN name END AS name
            FROM (
            SELECT u.siren,
                   u.category,
                   u.flag = 'O' AS by_flag,
                   l.siren IS NOT NULL AS by_list,
                   r.family AS category_family,
                   r.category IS NULL AS category_unknown,
                   u.category <> '' AND NOT ({public}) AS private,
                   u.association_id,
                   u.name
            FROM (
                SELECT siren,
                       coalesce(categorieJuridiqueUniteLegale, '') AS category,
                       economieSocialeSolidaireUniteLegale AS flag,
                       nullif(identifiantAssociationUniteLegale, '') AS association_id,
                       -- a unit whose diffusion is restricted (statut P) is never named
                       CASE WHEN coalesce(statutDiffusionUniteLegale, 'O') <> 'P'
                            THEN coalesce(nullif(denominationUniteLegale, ''), nullif(sigleUniteLegale, ''))
                       END AS name
                FROM {units.relation}
            ) u
            LEFT JOIN category_rule r USING (category)
            LEFT JOIN ess_list l USING (siren)
            )
            """
        )
        step = time.perf_counter()
        progress("2/4 Lecture des deux fichiers, classement des établissements actifs…")
        commune = "upper(codeCommuneEtablissement)"
        con.execute(
            f"""
            -- a temporary table: spilled to the workdir past the memory limit, never stored
            CREATE TEMP TABLE establishments AS
            WITH site AS (
                SELECT {"nic" if "nic" in sites.columns else "siret"} AS ident,
                       siren,
                       -- a spreadsheet or an integer column dropped the zero (1001 → 01001)
                       CASE WHEN length({commune}) = 4 THEN '0' || {commune}
                            ELSE coalesce({commune}, '') END AS code,
                       -- the activity as written (with or without its dot): its first two
                       -- characters give the division, the dot is put back for the ESS
                       CASE WHEN nomenclatureActivitePrincipaleEtablissement = 'NAFRev2'
                            THEN nullif(activitePrincipaleEtablissement, '') END AS naf,
                       -- NAF 2025: its own column, else the main one when its nomenclature
                       -- says NAF 2025 (INSEE's files after 1 January 2027)
                       coalesce(nullif(activitePrincipaleNAF25Etablissement, ''),
                                CASE WHEN nomenclatureActivitePrincipaleEtablissement
                                          IN ({", ".join(f"'{n}'" for n in NAF2025_NAMES)})
                                     THEN nullif(activitePrincipaleEtablissement, '') END)
                           AS naf25,
                       coalesce(nullif(trancheEffectifsEtablissement, ''), 'NN') AS band,
                       nullif(anneeEffectifsEtablissement, '') AS band_year,
                       caractereEmployeurEtablissement = 'O' AS employer,
                       etablissementSiege IN ('true', 'TRUE', 'O', '1') AS head
                FROM {sites.relation}
                WHERE etatAdministratifEtablissement = 'A'
            )
            , joined AS (
                SELECT s.ident, s.siren, s.code, p.commune, p.nature AS placed_by, s.naf, n8.section AS section, s.naf25, n25.section AS section25,
                       -- the band is kept only when no rule knows it (for the checks)
                       CASE WHEN b.band IS NULL THEN s.band END AS band,
                       coalesce(b.low, 0) AS low, coalesce(b.high, 0) AS high,
                       coalesce(b.estimate, 0) AS estimate,
                       s.band_year, s.employer,
                       -- the head office of a public legal unit (a commune, a département…):
                       -- its SIRET identifies the authority in SCDL exports
                       s.head AND starts_with(coalesce(u.category, ''), '7') AS public_head,
                       coalesce(u.category, '') AS category,
                       coalesce(u.private, FALSE) AS private,
                       coalesce(u.by_flag, FALSE) AS by_flag,
                       coalesce(u.by_list, FALSE) AS by_list,
                       u.category_family IS NOT NULL AS by_category,
                       u.category_family,
                       coalesce(u.category_unknown, FALSE) AS category_unknown,
                       u.name,
                       u.association_id,
                       u.siren IS NOT NULL AS unit_found
                -- the hash table is built on the active establishments, fewer than the
                -- legal units (a RIGHT join: every establishment kept)
                FROM unit u
                RIGHT JOIN site s ON s.siren = u.siren
                LEFT JOIN place p ON p.code = s.code
                LEFT JOIN bands b ON b.band = s.band
                LEFT JOIN sections_naf2008 n8 ON n8.division = substr(s.naf, 1, 2)
                LEFT JOIN sections_naf2025 n25 ON n25.division = substr(s.naf25, 1, 2)
            )
            , classified AS (
                SELECT * EXCLUDE (category_family),
                       -- the exclusions are read for the candidates only (one in ten)
                       CASE WHEN (by_flag OR by_list OR by_category) AND private
                                 AND NOT coalesce(
                                     CASE WHEN naf IS NOT NULL
                                          THEN {_excluded_sql(rules, _activity("naf"), "naf2008")}
                                          ELSE {_excluded_sql(rules, _activity("naf25"), "naf2025")}
                                     END,
                                     FALSE)
                            THEN coalesce(category_family,
                                          CASE WHEN {ess_company} AND starts_with(category, '5')
                                               THEN 'ess_company' ELSE 'other' END)
                       END AS family
                FROM joined
            )
            -- what only the ESS establishments, or the checks, need is kept for them alone:
            -- the table stays small enough for the memory limit
            SELECT * EXCLUDE (ident) REPLACE (
                       CASE WHEN family IS NOT NULL OR category_unknown OR public_head
                            THEN siren END AS siren,
                       CASE WHEN family IS NOT NULL OR category_unknown OR public_head
                            THEN category END AS category,
                       CASE WHEN family IS NOT NULL THEN name END AS name,
                       CASE WHEN family IS NOT NULL THEN association_id END AS association_id,
                       CASE WHEN family IS NOT NULL THEN {_activity("naf")} END AS naf,
                       CASE WHEN family IS NOT NULL THEN {_activity("naf25")} END AS naf25,
                       CASE WHEN commune IS NULL THEN code END AS code),
                   -- the SIRET, rebuilt from SIREN and NIC, for the rows that keep it
                   CASE WHEN family IS NOT NULL OR public_head
                        THEN {"siren || ident" if "nic" in sites.columns else "ident"} END AS siret
            FROM classified
            """
        )
        active = con.execute("SELECT count(*) FROM establishments").fetchone()[0]  # type: ignore[index]
        progress(f"   {_n(active)} établissements actifs ({_s(step)})")
        step = time.perf_counter()
        progress("3/4 Unités de l'ESS, agrégats par commune, contrôles…")
        con.execute(
            """
            CREATE TABLE ess_units AS
            SELECT siren, any_value(name) AS name, any_value(category) AS category,
                   any_value(family) AS family, bool_or(by_flag) AS by_flag,
                   bool_or(by_list) AS by_list, bool_or(by_category) AS by_category,
                   any_value(association_id) AS association_id
            FROM establishments WHERE family IS NOT NULL
            GROUP BY siren
            """
        )
        # the ESS establishments are kept (largest employers, later details); the others
        # live on only in the aggregates below
        con.execute(
            """
            CREATE TABLE ess_establishments AS
            SELECT siret, siren, commune, t.dep, t.reg, t.epci, family, employer, low, high,
                   estimate, band_year, naf, section, naf25, section25
            FROM establishments JOIN commune_territory t USING (commune)
            WHERE family IS NOT NULL
            """
        )
        # the head offices of public legal units (communes, EPCI, départements, régions…)
        con.execute(
            """
            CREATE TABLE public_heads AS
            SELECT siren, siret, category, commune, t.dep, t.reg
            FROM establishments LEFT JOIN commune_territory t USING (commune)
            WHERE public_head
            """
        )
        # the figures of every commune, family, domain: what the indicators add up
        con.execute(
            """
            CREATE TABLE cube AS
            SELECT c.commune, t.dep, t.reg, t.epci, c.* EXCLUDE (commune)
            FROM (
                SELECT commune, family, private,
                       CASE WHEN high > 0 THEN band_year END AS year, section, section25,
                       count(*) AS n, count(*) FILTER (WHERE employer) AS n_employer,
                       sum(low) AS low, sum(high) AS high, sum(estimate) AS estimate
                FROM establishments WHERE commune IS NOT NULL
                GROUP BY ALL
            ) c
            JOIN commune_territory t USING (commune)
            """
        )
        # the same by département: départements, régions and France are read from it
        con.execute(
            """
            CREATE TABLE cube_dep AS
            SELECT dep, reg, family, private, year, section, section25,
                   sum(n) AS n, sum(n_employer) AS n_employer,
                   sum(low) AS low, sum(high) AS high, sum(estimate) AS estimate
            FROM cube GROUP BY ALL
            """
        )
        con.execute(
            """
            CREATE TABLE unknown_categories AS
            SELECT category, count(DISTINCT siren) AS legal_units, count(*) AS establishments
            FROM establishments
            WHERE unit_found AND category_unknown
            GROUP BY category ORDER BY establishments DESC, category
            """
        )
        con.execute(
            """
            CREATE TABLE unplaced_communes AS
            SELECT code, count(*) AS establishments FROM establishments WHERE commune IS NULL
            GROUP BY code ORDER BY establishments DESC, code
            """
        )
        con.execute(
            """
            CREATE TABLE unknown_bands AS
            SELECT band, count(*) AS establishments FROM establishments WHERE band IS NOT NULL
            GROUP BY band ORDER BY establishments DESC, band
            """
        )
        # the counts of the summary, in one pass: per way of placing (today's commune, an
        # arrondissement, an old code; none), establishments without a legal unit, of the
        # ESS, with a NAF 2025 activity
        missing_units = ess_count = has_naf25 = 0
        mapped: dict[str, int] = {}
        for placed_by, count, without_unit, ess, naf25 in con.execute(
            """
            SELECT placed_by, count(*), count(*) FILTER (WHERE NOT unit_found),
                   count(*) FILTER (WHERE family IS NOT NULL),
                   count(*) FILTER (WHERE section25 IS NOT NULL)
            FROM establishments GROUP BY placed_by
            """
        ).fetchall():
            if placed_by is not None and placed_by != "commune":
                mapped[placed_by] = count
            missing_units += without_unit
            ess_count += ess
            has_naf25 += naf25
        con.execute(f"CREATE TABLE totals AS SELECT CAST({int(active)} AS BIGINT) AS active")
        meta = {
            "version": STORE_VERSION,
            "snapshot": snapshot,
            "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": {
                "establishments": _describe(sites),
                "legal_units": _describe(units),
                "ess_list": {"path": str(ess_list), "sirens": listed} if ess_list else None,
            },
            "rules_on": rules.on.isoformat(),
            "references": [r.text for r in rules.references],
            "excluded_activities": rules.excluded,
            "territory_reference": vintage,
            "naf2025": has_naf25 > 0,
            "establishments_without_legal_unit": missing_units,
        }
        con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [(k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()],
        )
        progress(f"   ({_s(step)})")
    except duckdb.Error as error:
        raise read_error(error, sources) from None
    return ImportSummary(
        snapshot=snapshot,
        path=Path(),
        establishments=active,
        ess_establishments=ess_count,
        without_legal_unit=int(missing_units),
        seconds=0.0,
        unknown_categories=[
            (str(c), int(u), int(e))
            for c, u, e in con.execute("FROM unknown_categories").fetchall()
        ],
        unplaced_communes=[
            (str(c), int(n)) for c, n in con.execute("FROM unplaced_communes").fetchall()
        ],
        unknown_bands=[(str(b), int(n)) for b, n in con.execute("FROM unknown_bands").fetchall()],
        mapped_codes={str(k): int(v) for k, v in mapped.items()},
        ess_list_size=listed,
    )


def _n(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def _s(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s".replace(".", ",")


def _describe(source: Source) -> dict[str, object]:
    stat = source.path.stat()
    return {
        "path": str(source.path),
        "format": source.format,
        "bytes": stat.st_size,
        "modified": datetime.fromtimestamp(stat.st_mtime, UTC).isoformat(timespec="seconds"),
        "optional_columns": list(source.columns),
    }
