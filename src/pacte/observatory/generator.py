"""SIRENE-layout files for tests, the demonstration and benchmarks.

``generate`` writes ``StockEtablissement`` and ``StockUniteLegale`` with INSEE's column
names and realistic shares: legal categories (individual entrepreneurs, companies,
associations, cooperatives, mutuals, foundations, public bodies, a few unknown codes),
the ESS flag, headcount bands, NAF codes by kind of unit, closed units and
establishments, communes weighted by population with the arrondissements of Paris, Lyon
and Marseille, old commune codes and establishments abroad. DuckDB writes the rows (ten
million in about a minute); every draw is a hash of the row number and the seed, so the
same call gives the same files.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     sites, units = generate(Path(folder), establishments=200, departements=["67"])
...     sites.name, units.name
('StockEtablissement_utf8.csv', 'StockUniteLegale_utf8.csv')
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pacte.observatory.territories import SHIPPED

# (legal category, share of legal units, ESS flag share)
CATEGORIES: tuple[tuple[str, float, float], ...] = (
    ("1000", 0.55, 0.0),  # entrepreneur individuel
    ("5710", 0.13, 0.01),  # SAS (a few with the ESS status)
    ("5720", 0.03, 0.0),  # SASU
    ("5499", 0.09, 0.002),  # SARL
    ("5599", 0.008, 0.0),  # SA
    ("6540", 0.07, 0.0),  # SCI
    ("6599", 0.01, 0.0),  # autre société civile
    ("9220", 0.065, 0.7),  # association déclarée
    ("9230", 0.001, 0.8),  # association reconnue d'utilité publique
    ("9260", 0.002, 0.7),  # association de droit local
    ("9210", 0.001, 0.3),  # association non déclarée
    ("9240", 0.0003, 0.5),  # congrégation
    ("5458", 0.0015, 0.9),  # SCOP SARL
    ("5560", 0.0005, 0.9),  # SA coopérative
    ("6317", 0.0015, 0.8),  # coopérative agricole
    ("6316", 0.0015, 0.8),  # CUMA
    ("5192", 0.0002, 0.9),  # banque populaire
    ("8210", 0.0006, 0.9),  # mutuelle
    ("6411", 0.0002, 0.9),  # société d'assurance à forme mutuelle
    ("9300", 0.0004, 0.9),  # fondation
    ("7210", 0.003, 0.0),  # commune
    ("7346", 0.001, 0.0),  # établissement public administratif
    ("4110", 0.0008, 0.0),  # EPIC
    ("9900", 0.002, 0.0),  # autre personne morale de droit privé
    ("9299", 0.0001, 0.0),  # unknown to the rules (reviewed group)
    ("8888", 0.0001, 0.0),  # unknown group
)
_KINDS = {
    "9220": "association", "9230": "association", "9260": "association", "9210": "association",
    "9240": "association", "9300": "association", "5458": "cooperative", "5560": "cooperative",
    "6317": "agricultural", "6316": "agricultural", "5192": "finance", "8210": "mutual",
    "6411": "finance", "7210": "public", "7346": "public", "4110": "public",
}  # fmt: skip
# activity codes by kind of unit, with weights
ACTIVITIES: dict[str, tuple[tuple[str, float], ...]] = {
    "association": (
        ("94.99Z", 0.45), ("88.99B", 0.08), ("93.12Z", 0.1), ("85.59A", 0.06), ("90.01Z", 0.05),
        ("88.10A", 0.04), ("87.90B", 0.02), ("88.91A", 0.03), ("93.29Z", 0.05), ("85.51Z", 0.03),
        ("94.91Z", 0.03), ("94.20Z", 0.02), ("94.11Z", 0.01), ("86.90D", 0.02), ("55.20Z", 0.01),
    ),
    "cooperative": (
        ("43.22A", 0.2), ("62.02A", 0.15), ("71.12B", 0.15), ("47.11B", 0.15), ("41.20A", 0.1),
        ("56.10A", 0.1), ("49.41A", 0.15),
    ),
    "agricultural": (("01.61Z", 0.4), ("01.11Z", 0.3), ("46.21Z", 0.2), ("11.02B", 0.1)),
    "mutual": (("65.12Z", 0.6), ("86.21Z", 0.2), ("47.78A", 0.2)),
    "finance": (("64.19Z", 0.8), ("65.12Z", 0.2)),
    "public": (("84.11Z", 0.7), ("85.20Z", 0.15), ("84.13Z", 0.1), ("36.00Z", 0.05)),
    "company": (
        ("47.11F", 0.05), ("56.10A", 0.07), ("68.20B", 0.1), ("70.22Z", 0.08), ("62.01Z", 0.05),
        ("43.22A", 0.05), ("86.21Z", 0.04), ("96.02A", 0.05), ("49.32Z", 0.03), ("01.11Z", 0.05),
        ("47.71Z", 0.04), ("45.20A", 0.03), ("41.20A", 0.04), ("74.10Z", 0.05), ("85.59A", 0.04),
        ("68.10Z", 0.05), ("10.71C", 0.02), ("55.10Z", 0.02), ("90.01Z", 0.03), ("66.22Z", 0.03),
        ("46.90Z", 0.04), ("81.21Z", 0.03),
    ),
}  # fmt: skip
BANDS: tuple[tuple[str, float], ...] = (
    ("NN", 0.70), ("00", 0.05), ("01", 0.10), ("02", 0.05), ("03", 0.03), ("11", 0.03),
    ("12", 0.02), ("21", 0.008), ("22", 0.005), ("31", 0.001), ("32", 0.002), ("41", 0.001),
    ("42", 0.0005), ("51", 0.0002), ("52", 0.00005), ("53", 0.00001),
)  # fmt: skip
CLOSED_UNITS = 0.35
CLOSED_ESTABLISHMENTS = 0.40
OLD_CODES = 0.02
ABROAD = 0.003
OLD_NOMENCLATURE = 0.02


def _distribution(
    con: duckdb.DuckDBPyConnection, name: str, rows: Sequence[tuple[str, float]], group: str = ""
) -> None:
    total = sum(weight for _, weight in rows)
    cumulated = 0.0
    values = []
    for value, weight in rows:
        values.append((group, value, cumulated / total))
        cumulated += weight
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (grp VARCHAR, value VARCHAR, low DOUBLE)")
    con.executemany(f"INSERT INTO {name} VALUES (?, ?, ?)", values)


def _draw(salt: str, seed: int) -> str:
    """A number in [0, 1) from the row number ``i``, the seed and a salt."""
    return f"(hash(i, {seed}, '{salt}') % 1000000007) / 1000000007.0"


def generate(
    folder: Path,
    *,
    establishments: int,
    seed: int = 1,
    departements: Sequence[str] | None = None,
    format: str = "csv",
    naf25: bool = False,
    memory_limit: str = "2GB",
) -> tuple[Path, Path]:
    """Write the two stock files in ``folder``; ``format`` is csv, zip or parquet."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET temp_directory = '{folder / '.generation'}'")
    units = max(1, int(establishments * 0.75))
    _distribution(con, "category_dist", [(c, share) for c, share, _ in CATEGORIES])
    con.execute("CREATE TEMP TABLE flag_share (category VARCHAR, share DOUBLE, kind VARCHAR)")
    con.executemany(
        "INSERT INTO flag_share VALUES (?, ?, ?)",
        [(c, flag, _KINDS.get(c, "company")) for c, _, flag in CATEGORIES],
    )
    for kind, rows in ACTIVITIES.items():
        _distribution(con, "activity_dist", rows, kind)
    _distribution(con, "band_dist", BANDS)
    communes = str(SHIPPED / "communes.csv").replace("'", "''")
    codes = str(SHIPPED / "codes.csv").replace("'", "''")
    chosen = ""
    if departements:
        chosen = "WHERE departement IN (" + ", ".join(f"'{d}'" for d in departements) + ")"
    con.execute(
        f"""
        CREATE TEMP TABLE commune_dist AS
        SELECT code, (sum(weight) OVER (ORDER BY code) - weight) / sum(weight) OVER () AS low
        FROM (SELECT code, greatest(TRY_CAST(population AS DOUBLE), 1) AS weight
              FROM read_csv('{communes}', all_varchar = true) {chosen})
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE old_code AS
        SELECT commune, min(code) AS old FROM read_csv('{codes}', all_varchar = true)
        WHERE nature = 'ancien' GROUP BY commune
        """
    )

    def d(salt: str) -> str:
        return _draw(salt, seed)

    con.execute(
        f"""
        CREATE TEMP TABLE unit AS
        WITH drawn AS (
            SELECT i, lpad(CAST(100000000 + i AS VARCHAR), 9, '0') AS siren,
                   {d("category")} AS r_category, {d("flag")} AS r_flag, {d("closed")} AS r_closed
            FROM range({units}) t(i)
        )
        SELECT drawn.i, siren, c.value AS category, f.kind,
               CASE WHEN r_flag < f.share THEN 'O' WHEN r_flag < 0.9 THEN 'N' ELSE '' END AS flag,
               CASE WHEN r_closed < {CLOSED_UNITS} THEN 'C' ELSE 'A' END AS state
        FROM drawn ASOF JOIN category_dist c ON drawn.r_category >= c.low
        JOIN flag_share f ON f.category = c.value
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE site AS
        WITH drawn AS (
            SELECT i, CASE WHEN i < {units} THEN i ELSE hash(i, {seed}, 'unit') % {units} END AS u,
                   {d("commune")} AS r_commune, {d("activity")} AS r_activity,
                   {d("band")} AS r_band, {d("closed_site")} AS r_closed, {d("old")} AS r_old,
                   {d("abroad")} AS r_abroad, {d("year")} AS r_year, {d("arr")} AS r_arr,
                   {d("created")} AS r_created, {d("nomenclature")} AS r_nomenclature
            FROM range({establishments}) t(i)
        ), placed AS (
            SELECT drawn.*, c.code AS commune FROM drawn ASOF JOIN commune_dist c ON drawn.r_commune >= c.low
        ), with_unit AS (
            SELECT placed.*, unit.siren, unit.kind, unit.state AS unit_state
            FROM placed JOIN unit ON unit.i = placed.u
        ), with_activity AS (
            SELECT w.*, a.value AS activity
            FROM with_unit w ASOF JOIN activity_dist a ON w.kind = a.grp AND w.r_activity >= a.low
        )
        SELECT w.i, w.siren, lpad(CAST(w.i % 99999 + 1 AS VARCHAR), 5, '0') AS nic,
               CASE
                   WHEN w.r_abroad < {ABROAD} THEN ''
                   WHEN w.commune = '75056' THEN CAST(75101 + CAST(floor(w.r_arr * 20) AS INTEGER) AS VARCHAR)
                   WHEN w.commune = '69123' THEN CAST(69381 + CAST(floor(w.r_arr * 9) AS INTEGER) AS VARCHAR)
                   WHEN w.commune = '13055' THEN CAST(13201 + CAST(floor(w.r_arr * 16) AS INTEGER) AS VARCHAR)
                   WHEN w.r_old < {OLD_CODES} AND o.old IS NOT NULL THEN o.old
                   ELSE w.commune
               END AS commune,
               CASE WHEN w.r_nomenclature < {OLD_NOMENCLATURE} THEN '85.3K' ELSE w.activity END AS activity,
               CASE WHEN w.r_nomenclature < {OLD_NOMENCLATURE} THEN 'NAFRev1' ELSE 'NAFRev2' END AS nomenclature,
               b.value AS band,
               CASE WHEN b.value = 'NN' THEN '' WHEN w.r_year < 0.2 THEN '2022' ELSE '2023' END AS band_year,
               CASE WHEN b.value = 'NN' THEN 'N' ELSE 'O' END AS employer,
               CASE WHEN w.unit_state = 'C' OR w.r_closed < {CLOSED_ESTABLISHMENTS} THEN 'F' ELSE 'A' END AS state,
               CASE WHEN w.i < {units} THEN 'true' ELSE 'false' END AS head,
               strftime(DATE '1970-01-01' + CAST(floor(w.r_created * 20000) AS INTEGER), '%Y-%m-%d') AS created
        FROM with_activity w
        ASOF JOIN band_dist b ON w.r_band >= b.low
        LEFT JOIN old_code o ON o.commune = w.commune
        """
    )
    naf25_column = (
        ", CASE WHEN nomenclature = 'NAFRev2' THEN regexp_replace(activity, 'Z$', 'Y') END "
        "AS activitePrincipaleNAF25Etablissement"
        if naf25
        else ""
    )
    sites_query = f"""
        SELECT siren, nic, siren || nic AS siret, 'O' AS statutDiffusionEtablissement,
               created AS dateCreationEtablissement, band AS trancheEffectifsEtablissement,
               nullif(band_year, '') AS anneeEffectifsEtablissement, head AS etablissementSiege,
               nullif(commune, '') AS codeCommuneEtablissement, state AS etatAdministratifEtablissement,
               activity AS activitePrincipaleEtablissement,
               nomenclature AS nomenclatureActivitePrincipaleEtablissement,
               employer AS caractereEmployeurEtablissement{naf25_column}
        FROM site ORDER BY i
    """
    units_query = """
        SELECT siren, 'O' AS statutDiffusionUniteLegale,
               CASE WHEN category <> '1000' THEN 'Unité ' || siren END AS denominationUniteLegale,
               CAST(NULL AS VARCHAR) AS sigleUniteLegale, category AS categorieJuridiqueUniteLegale,
               nullif(flag, '') AS economieSocialeSolidaireUniteLegale, state AS etatAdministratifUniteLegale,
               CASE WHEN kind = 'association' THEN 'W' || substr(siren, 2) END
                   AS identifiantAssociationUniteLegale
        FROM unit ORDER BY i
    """
    suffix = ".parquet" if format == "parquet" else ".csv"
    sites_path = folder / f"StockEtablissement_utf8{suffix}"
    units_path = folder / f"StockUniteLegale_utf8{suffix}"
    options = "FORMAT PARQUET" if format == "parquet" else "HEADER, DELIMITER ','"
    for query, path in ((sites_query, sites_path), (units_query, units_path)):
        target = str(path).replace("'", "''")
        con.execute(f"COPY ({query}) TO '{target}' ({options})")
    con.close()
    if format == "zip":
        zipped = []
        for path in (sites_path, units_path):
            archive = path.with_suffix(".zip")
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
                out.write(path, path.name)
            path.unlink()
            zipped.append(archive)
        return zipped[0], zipped[1]
    return sites_path, units_path
