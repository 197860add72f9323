"""Benchmark: the observatory on a generated SIRENE stock, against hand-written DuckDB SQL.

Run by hand (``make bench`` or ``.venv/bin/python bench/bench_observatory.py [N]``, N
establishment rows, 1 000 000 by default); figures go to docs/benchmarks.md. Never part
of the test suite. Each phase runs in its own process, timed by ``/usr/bin/time`` for its
peak memory (maximum resident set size):

1. ``generate``: ``pacte.observatory.generator`` writes StockEtablissement and
   StockUniteLegale (CSV) with N establishments, 0.75 N legal units;
2. ``import``: ``pacte observatory import`` builds the snapshot store (2 GB memory limit);
3. ``every département``: the indicators of every département from the store, in one pass
   (``Store.indicators_by_level("dep")``), then each one alone with its comparisons
   (département, région, France) as ``pacte observatory indicators`` computes it;
4. ``hand-written SQL``: one DuckDB query over the same two CSV files giving the same
   figures per département and family (same joins, rules written out by hand), with the
   same memory limit — the yardstick for 2 + 3.

The figures of the two ways are compared: they must be equal.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PACTE = str(Path(sys.executable).parent / "pacte")
REFERENCE = ROOT / "src" / "pacte" / "observatory" / "reference"
MEMORY = os.environ.get("PACTE_OBSERVATORY_MEMORY_LIMIT", "2GB")

GENERATE = """
import sys
from pathlib import Path
from pacte.observatory.generator import generate
generate(Path(sys.argv[1]), establishments=int(sys.argv[2]))
"""

EVERY_DEPARTEMENT = """
import json, statistics, sys, time
from pathlib import Path
from pacte.observatory.indicators import Store
from pacte.observatory.territories import TerritoryReference, TerritorySpec
reference = TerritoryReference.load()
started, cpu = time.perf_counter(), time.process_time()
with Store(Path(sys.argv[1])) as store:
    every = store.indicators_by_level("dep", reference=reference)
    batch, batch_cpu = time.perf_counter() - started, time.process_time() - cpu
    single = []
    for code in sorted(every):
        one = time.perf_counter()
        store.indicators(reference.territory(TerritorySpec("dep", code)), reference=reference)
        single.append(time.perf_counter() - one)
figures = {
    code: {name: [r[name]["establishments"], r[name]["employees"]["estimate"]]
           for name in ("association", "cooperative", "mutual", "foundation", "ess_company",
                        "other", "total_ess", "total_private")}
    for code, r in every.items()
}
json.dump({"batch": batch, "batch_cpu": batch_cpu, "single": single, "figures": figures},
          open(sys.argv[2], "w"))
"""

HAND_SQL = r"""
import json, sys, time
import duckdb
sites, units, reference, out, memory = sys.argv[1:6]
con = duckdb.connect()
con.execute(f"SET memory_limit = '{memory}'")
con.execute("SET preserve_insertion_order = false")
con.execute("SET enable_progress_bar = false")
started = time.perf_counter()
con.execute(f'''
CREATE TEMP TABLE classified AS
WITH place AS (
    SELECT code, departement AS dep FROM read_csv('{reference}/communes.csv', all_varchar = true)
    UNION ALL
    SELECT c.code, m.departement FROM read_csv('{reference}/codes.csv', all_varchar = true) c
    JOIN read_csv('{reference}/communes.csv', all_varchar = true) m ON m.code = c.commune
), band(code, low, high, estimate) AS (VALUES
    ('NN', 0, 0, 0.0), ('00', 0, 0, 0.0), ('01', 1, 2, 1.5), ('02', 3, 5, 4.0),
    ('03', 6, 9, 7.5), ('11', 10, 19, 14.5), ('12', 20, 49, 34.5), ('21', 50, 99, 74.5),
    ('22', 100, 199, 149.5), ('31', 200, 249, 224.5), ('32', 250, 499, 374.5),
    ('41', 500, 999, 749.5), ('42', 1000, 1999, 1499.5), ('51', 2000, 4999, 3499.5),
    ('52', 5000, 9999, 7499.5), ('53', 10000, 20000, 10000.0)
), unit AS (
    SELECT siren, categorieJuridiqueUniteLegale AS category,
           economieSocialeSolidaireUniteLegale = 'O' AS flag,
           CASE WHEN categorieJuridiqueUniteLegale IN ('9210','9220','9221','9222','9223','9230','9240','9260') THEN 'association'
                WHEN categorieJuridiqueUniteLegale IN ('5191','5192','5193','5194','5195','5196','5443','5451','5453','5454','5455','5458','5459','5460','5543','5547','5551','5552','5553','5554','5555','5558','5559','5560','5643','5647','5651','5652','5653','5654','5655','5658','5659','5660','6100','6316','6317','6318') THEN 'cooperative'
                WHEN categorieJuridiqueUniteLegale IN ('6411','6412','6413','8210','8250','8290') THEN 'mutual'
                WHEN categorieJuridiqueUniteLegale = '9300' THEN 'foundation' END AS family,
           coalesce(categorieJuridiqueUniteLegale, '') <> ''
               AND substr(categorieJuridiqueUniteLegale, 1, 1) NOT IN ('4', '7') AS private,
           denominationUniteLegale AS name
    FROM read_csv('{units}', all_varchar = true)
), site AS (
    SELECT p.dep, e.siren, u.name, u.family AS unit_family, u.flag, u.private, u.category,
           e.caractereEmployeurEtablissement = 'O' AS employer,
           CASE WHEN nomenclatureActivitePrincipaleEtablissement = 'NAFRev2'
                THEN activitePrincipaleEtablissement END AS naf,
           coalesce(b.low, 0) AS low, coalesce(b.high, 0) AS high, coalesce(b.estimate, 0) AS estimate
    FROM read_csv('{sites}', all_varchar = true) e
    JOIN place p ON p.code = CASE WHEN length(e.codeCommuneEtablissement) = 4
                                  THEN '0' || e.codeCommuneEtablissement ELSE e.codeCommuneEtablissement END
    LEFT JOIN unit u USING (siren)
    LEFT JOIN band b ON b.code = coalesce(e.trancheEffectifsEtablissement, 'NN')
    WHERE e.etatAdministratifEtablissement = 'A'
), section(division, section) AS (
    SELECT lpad(CAST(d AS VARCHAR), 2, '0'),
           CASE WHEN d <= 3 THEN 'A' WHEN d <= 9 THEN 'B' WHEN d <= 33 THEN 'C' WHEN d = 35 THEN 'D'
                WHEN d <= 39 THEN 'E' WHEN d <= 43 THEN 'F' WHEN d <= 47 THEN 'G' WHEN d <= 53 THEN 'H'
                WHEN d <= 56 THEN 'I' WHEN d <= 63 THEN 'J' WHEN d <= 66 THEN 'K' WHEN d = 68 THEN 'L'
                WHEN d <= 75 THEN 'M' WHEN d <= 82 THEN 'N' WHEN d = 84 THEN 'O' WHEN d = 85 THEN 'P'
                WHEN d <= 88 THEN 'Q' WHEN d <= 93 THEN 'R' WHEN d <= 96 THEN 'S' WHEN d <= 98 THEN 'T'
                ELSE 'U' END
    FROM range(1, 100) t(d)
)
SELECT s.dep, s.siren, s.name, s.private, s.employer, s.low, s.high, s.estimate,
       coalesce(x.section, '?') AS section,
       CASE WHEN (flag OR unit_family IS NOT NULL) AND private
                     AND NOT coalesce(naf LIKE '84%' OR naf[1:5] IN ('94.11', '94.20', '94.91', '94.92'), FALSE)
                THEN coalesce(unit_family, CASE WHEN category LIKE '5%' THEN 'ess_company' ELSE 'other' END)
           END AS family
FROM site s LEFT JOIN section x ON x.division = s.naf[1:2]
''')
rows = con.execute('''
SELECT dep, coalesce(family, CASE WHEN private THEN 'private' ELSE 'public' END) AS grp,
       count(*), count(*) FILTER (WHERE employer), sum(low), sum(high), sum(estimate)
FROM classified GROUP BY ALL
''').fetchall()
domains = con.execute('''
SELECT dep, section, family, count(*), count(*) FILTER (WHERE employer), sum(low), sum(high),
       sum(estimate)
FROM classified WHERE private GROUP BY ALL
''').fetchall()
employers = con.execute('''
SELECT * FROM (
    SELECT dep, siren, any_value(name) AS name, count(*) AS n, sum(low), sum(high),
           sum(estimate) AS estimate
    FROM classified WHERE family IS NOT NULL GROUP BY dep, siren
)
QUALIFY row_number() OVER (PARTITION BY dep ORDER BY estimate DESC, n DESC, siren) <= 10
''').fetchall()
seconds = time.perf_counter() - started
figures = {}
for dep, group, count, _, _, _, estimate in rows:
    figures.setdefault(dep, {}).setdefault(group, [0, 0.0])
    figures[dep][group] = [count, float(estimate)]
json.dump({"seconds": seconds, "figures": figures}, open(out, "w"))
"""


CPU: dict[str, float] = {}
"""Processor time (user + system, s) of each phase: steadier than wall time on shared cores."""


def timed(
    arguments: list[str], env: dict[str, str] | None = None, *, name: str = ""
) -> tuple[float, float, str]:
    """Wall time (s), peak memory (MB) and output of a command run under /usr/bin/time."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M %U %S", *arguments],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode:
        sys.exit(
            f"échec de {' '.join(arguments[1:2])}… :\n{result.stdout}\n{result.stderr[-3000:]}"
        )
    seconds, kilobytes, user, system = result.stderr.strip().splitlines()[-1].split()
    CPU[name] = float(user) + float(system)
    return float(seconds), int(kilobytes) / 1024, result.stdout


def hand_totals(figures: dict[str, dict[str, list[float]]]) -> dict[str, dict[str, list[float]]]:
    """The hand-written SQL's figures in the shape of the pipeline's."""
    families = ("association", "cooperative", "mutual", "foundation", "ess_company", "other")
    found = {}
    for dep, groups in figures.items():
        entry = {f: [int(groups.get(f, [0, 0])[0]), groups.get(f, [0, 0.0])[1]] for f in families}
        entry["total_ess"] = [
            sum(entry[f][0] for f in families),
            sum(entry[f][1] for f in families),
        ]
        private = groups.get("private", [0, 0.0])
        entry["total_private"] = [
            entry["total_ess"][0] + private[0],
            entry["total_ess"][1] + private[1],
        ]
        found[dep] = {k: [v[0], int(v[1] + 0.5)] for k, v in entry.items()}
    return found


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    work = Path(tempfile.mkdtemp(prefix="pacte-bench-observatoire-"))
    try:
        print(f"{rows:,} établissements générés dans {work}".replace(",", " "), flush=True)
        seconds, memory, _ = timed([PYTHON, "-c", GENERATE, str(work / "in"), str(rows)])
        sites = work / "in" / "StockEtablissement_utf8.csv"
        units = work / "in" / "StockUniteLegale_utf8.csv"
        size = (sites.stat().st_size + units.stat().st_size) / 1e6
        print(f"generate            {seconds:8.1f} s  {memory:7.0f} Mo  ({size:.0f} Mo de CSV)")
        env = {
            **os.environ,
            "PACTE_VAR_DIR": str(work / "var"),
            "PACTE_OBSERVATORY_MEMORY_LIMIT": MEMORY,
        }
        imported, import_memory, output = timed(
            [PACTE, "observatory", "import", "--establishments", str(sites),
             "--legal-units", str(units), "--snapshot", "2026-01"],
            env, name="import",
        )  # fmt: skip
        active = next(line for line in output.splitlines() if "enregistré" in line)
        store = work / "var" / "observatoire"
        store_size = (store / "sirene-2026-01.duckdb").stat().st_size / 1e6
        print(
            f"import              {imported:8.1f} s  {import_memory:7.0f} Mo  (magasin {store_size:.0f} Mo ; "
            f"processeur {CPU['import']:.1f} s)"
        )
        print(f"  {active}")
        every, every_memory, _ = timed(
            [PYTHON, "-c", EVERY_DEPARTEMENT, str(store), str(work / "every.json")],
            env,
            name="every",
        )
        measured = json.loads((work / "every.json").read_text())
        single = measured["single"]
        print(
            f"every département   {every:8.1f} s  {every_memory:7.0f} Mo  (en une passe "
            f"{measured['batch']:.2f} s ; un seul avec comparaisons : médiane "
            f"{statistics.median(single) * 1000:.0f} ms, max {max(single) * 1000:.0f} ms, "
            f"{len(single)} départements)"
        )
        hand, hand_memory, _ = timed(
            [
                PYTHON,
                "-c",
                HAND_SQL,
                str(sites),
                str(units),
                str(REFERENCE),
                str(work / "hand.json"),
                MEMORY,
            ],
            name="hand",
        )
        reference = json.loads((work / "hand.json").read_text())
        print(
            f"hand-written SQL    {hand:8.1f} s  {hand_memory:7.0f} Mo  (requêtes seules "
            f"{reference['seconds']:.1f} s ; processeur {CPU['hand']:.1f} s)"
        )
        pipeline = imported + measured["batch"]
        print(
            f"import + every département in one pass: {pipeline:.1f} s, "
            f"{pipeline / hand:.2f}× the hand-written SQL (process {hand:.1f} s) ; "
            f"processeur : {CPU['import'] + measured['batch_cpu']:.1f} s contre "
            f"{CPU['hand']:.1f} s"
        )
        expected = hand_totals(reference["figures"])
        got = measured["figures"]
        differing = [d for d in sorted(set(expected) | set(got)) if expected.get(d) != got.get(d)]
        if differing:
            first = differing[0]
            sys.exit(f"chiffres différents pour {len(differing)} départements, dont {first} : "
                     f"{got.get(first)} contre {expected.get(first)}")  # fmt: skip
        print(f"mêmes chiffres des deux côtés pour les {len(got)} départements")
    finally:
        if "--keep" not in sys.argv:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
