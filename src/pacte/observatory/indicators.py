"""Indicators of the ESS of a territory, read from the store of a snapshot.

Per territory and snapshot: active establishments, employer establishments and employees
(low, high, estimate and the band year) for each family, the whole ESS, the territory's
private sector and all of it; the share of the private establishments and employees that
is ESS (same file, same method for the numerator and the denominator); ESS establishments
per 10 000 inhabitants; the activity domains (NAF sections); the largest ESS employers;
the same figures for the département, the région and France, and for the territories the
user chose to compare with; the change since another snapshot. ``indicators_by_level``
computes every territory of a level in one pass.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pacte.observatory.authorities import HeadOffice
from pacte.observatory.errors import ObservatoryError
from pacte.observatory.naf import UNCLASSIFIED, division_label, section_label
from pacte.observatory.perimeter import FAMILIES, FAMILY_LABELS
from pacte.observatory.store import (
    DEFAULT_MEMORY_LIMIT,
    STORE_VERSION,
    connect,
    snapshots,
    store_path,
)
from pacte.observatory.territories import (
    Territory,
    TerritoryReference,
    TerritorySpec,
)

LARGEST = 10
COMPARED_MAX = 6
"""Territories a user may add to the comparison (each one is an aggregate read)."""
_KEY_COLUMN = {"com": "commune", "epci": "epci", "dep": "dep", "reg": "reg"}


@dataclass
class _Scope:
    key: str
    """SQL giving the territory key of an establishment."""
    where: str
    params: list[object]
    cube: str = "cube"
    """The aggregate table read: by commune, or by département for the larger levels."""


class Store:
    """An open snapshot store (read only)."""

    def __init__(
        self, folder: Path, snapshot: str | None = None, *, memory_limit: str = DEFAULT_MEMORY_LIMIT
    ) -> None:
        available = snapshots(folder)
        if not available:
            raise ObservatoryError(
                "aucun millésime SIRENE importé : lancer d'abord « pacte observatory import "
                "--establishments StockEtablissement… --legal-units StockUniteLegale… »"
            )
        chosen = snapshot or available[-1]
        if chosen not in available:
            raise ObservatoryError(
                f"millésime « {chosen} » absent ; millésimes importés : {', '.join(available)}"
            )
        self.snapshot = chosen
        self.folder = folder
        self.con = connect(
            store_path(folder, chosen), memory_limit=memory_limit, temp=None, read_only=True
        )
        try:
            self.meta: dict[str, Any] = {
                k: json.loads(v)
                for k, v in self.con.execute("SELECT key, value FROM meta").fetchall()
            }
        except duckdb.Error:
            self.meta = {}
        if self.meta.get("version") != STORE_VERSION:
            self.con.close()
            raise ObservatoryError(
                f"le millésime {chosen} a été construit par une autre version de Pacte : "
                "le réimporter avec « pacte observatory import »"
            )

    def close(self) -> None:
        self.con.close()

    def public_heads(self) -> dict[str, HeadOffice]:
        """The head offices of the public legal units, by SIREN (empty for a snapshot
        imported before Pacte kept them)."""
        try:
            rows = self.con.execute(
                "SELECT siren, siret, category, commune, dep, reg FROM public_heads"
            ).fetchall()
        except duckdb.CatalogException:
            return {}
        return {row[0]: HeadOffice(*row) for row in rows}

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _scope(self, territory: Territory) -> _Scope:
        if territory.level == "fr":
            return _Scope("'FR'", "dep IS NOT NULL", [], "cube_dep")
        if territory.level == "perimeter":
            self.con.execute("CREATE OR REPLACE TEMP TABLE scope (commune VARCHAR)")
            if territory.communes:
                self.con.executemany(
                    "INSERT INTO scope VALUES (?)", [(c,) for c in territory.communes]
                )
            return _Scope("?", "commune IN (SELECT commune FROM scope)", [territory.code])
        column = _KEY_COLUMN[territory.level]
        cube = "cube_dep" if territory.level in ("dep", "reg") else "cube"
        return _Scope(column, f"{column} = ?", [territory.code], cube)

    def _aggregate(
        self, scope: _Scope, section: str, *, full: bool = True
    ) -> dict[str, dict[str, Any]]:
        """Figures per territory key: groups, and with ``full`` domains and largest employers.

        A scope has one parameter at most: in its key (a perimeter) or in its condition."""
        params = scope.params
        by_key: dict[str, dict[str, Any]] = defaultdict(
            lambda: {"groups": [], "domains": [], "employers": [], "divisions": []}
        )
        rows = self.con.execute(
            f"""
            SELECT {scope.key} AS key, family, private, year,
                   sum(n), sum(n_employer), sum(low), sum(high), sum(estimate)
            FROM {scope.cube} WHERE {scope.where}
            GROUP BY ALL
            """,
            params,
        ).fetchall()
        for key, *rest in rows:
            by_key[str(key)]["groups"].append(rest)
        if not full:
            return by_key
        rows = self.con.execute(
            f"""
            SELECT {scope.key} AS key, coalesce({section}, '{UNCLASSIFIED}') AS domain, family,
                   sum(n), sum(n_employer), sum(low), sum(high), sum(estimate)
            FROM {scope.cube} WHERE {scope.where} AND private
            GROUP BY ALL
            """,
            params,
        ).fetchall()
        for key, *rest in rows:
            by_key[str(key)]["domains"].append(rest)
        code = "naf25" if section == "section25" else "naf"
        rows = self.con.execute(
            f"""
            SELECT {scope.key} AS key, {section} AS domain, substr({code}, 1, 2) AS division,
                   count(*), count(*) FILTER (WHERE employer), sum(low), sum(high), sum(estimate)
            FROM ess_establishments WHERE {scope.where} AND {section} IS NOT NULL
            GROUP BY ALL
            """,
            params,
        ).fetchall()
        for key, *rest in rows:
            by_key[str(key)]["divisions"].append(rest)
        rows = self.con.execute(
            f"""
            WITH totals AS (
                SELECT {scope.key} AS key, siren, count(*) AS n,
                       count(*) FILTER (WHERE employer) AS n_employer,
                       sum(low) AS low, sum(high) AS high, sum(estimate) AS estimate
                FROM ess_establishments WHERE {scope.where}
                GROUP BY 1, 2
            ), ranked AS (
                SELECT * FROM totals
                QUALIFY row_number() OVER (
                    PARTITION BY key ORDER BY estimate DESC, n DESC, siren
                ) <= {LARGEST}
            )
            SELECT r.key, r.siren, u.name, u.family, u.category, r.n, r.n_employer, r.low, r.high, r.estimate
            FROM ranked r JOIN ess_units u USING (siren)
            WHERE r.estimate > 0
            ORDER BY r.key, r.estimate DESC, r.n DESC, r.siren
            """,
            params,
        ).fetchall()
        for key, *rest in rows:
            by_key[str(key)]["employers"].append(rest)
        return by_key

    def _result(
        self, territory: Territory, figures: dict[str, Any], nomenclature: str
    ) -> dict[str, Any]:
        groups: dict[str, _Totals] = {
            name: _Totals() for name in (*FAMILIES, "total_ess", "total_private", "total_territory")
        }
        for family, private, year, n, n_employer, low, high, estimate in figures["groups"]:
            targets = ["total_territory"]
            if private:
                targets.append("total_private")
            if family is not None:
                targets += [family, "total_ess"]
            for name in targets:
                groups[name].add(n, n_employer, low, high, estimate, year)
        ess, private = groups["total_ess"], groups["total_private"]
        domains: dict[str, dict[str, Any]] = {}
        for domain, family, n, n_employer, low, high, estimate in figures["domains"]:
            entry = domains.setdefault(
                domain, {"ess": _Totals(), "private": _Totals(), "families": Counter()}
            )
            entry["private"].add(n, n_employer, low, high, estimate, None)
            if family is not None:
                entry["ess"].add(n, n_employer, low, high, estimate, None)
                entry["families"][family] += n
        divisions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for domain, division, n, n_employer, low, high, estimate in figures.get("divisions", []):
            divisions[domain].append(
                {
                    "division": division,
                    "label": division_label(division, nomenclature),
                    "establishments": int(n),
                    "employer_establishments": int(n_employer),
                    "employees": _employees(low, high, estimate),
                }
            )
        domain_list = [
            {
                "section": domain,
                "label": section_label(domain, nomenclature),
                **entry["ess"].as_dict(with_year=False),
                "share": _share(entry["ess"], entry["private"]),
                "families": {f: entry["families"].get(f, 0) for f in FAMILIES},
                "divisions": sorted(
                    divisions.get(domain, []),
                    key=lambda d: (-d["establishments"], d["division"]),
                ),
            }
            for domain, entry in sorted(domains.items(), key=lambda d: (-d[1]["ess"].n, d[0]))
            if entry["ess"].n
        ]
        employers = [
            {
                "siren": siren,
                "name": name or f"(SIREN {siren})",
                "family": family,
                "legal_category": category,
                "establishments": int(n),
                "employer_establishments": int(n_employer),
                "employees": _employees(low, high, estimate),
            }
            for siren, name, family, category, n, n_employer, low, high, estimate in figures[
                "employers"
            ]
        ]
        result: dict[str, Any] = {
            "snapshot": self.snapshot,
            "territory": territory.as_dict(),
            "nomenclature": nomenclature,
        }
        for name, totals in groups.items():
            result[name] = totals.as_dict()
        result["share"] = _share(ess, private)
        result["per_10000_inhabitants"] = (
            round(ess.n * 10000 / territory.population, 1) if territory.population else None
        )
        result["domains"] = domain_list
        result["largest_employers"] = employers
        return result

    def indicators(
        self,
        territory: Territory,
        *,
        reference: TerritoryReference,
        nomenclature: str = "naf2008",
        compare: bool = True,
        perimeters: Path | None = None,
        compare_with: Sequence[Territory] = (),
    ) -> dict[str, Any]:
        """The indicators of one territory (see the module), with its comparisons: the
        fixed parents in ``comparison``, the territories chosen (``compare_with``) in
        ``compared_with`` — the territory itself, a parent or a repeat left out."""
        section = _section_column(nomenclature, self.meta)
        scope = self._scope(territory)
        key = str(scope.params[0]) if scope.params else "FR"
        empty: dict[str, Any] = {"groups": [], "domains": [], "employers": [], "divisions": []}
        figures = self._aggregate(scope, section).get(key, empty)
        result = self._result(territory, figures, nomenclature)
        if compare:
            parents = reference.parents(territory)
            result["comparison"] = [
                self._comparison(reference.territory(spec, perimeters), nomenclature)
                for spec in parents
            ]
            if len(compare_with) > COMPARED_MAX:
                raise ObservatoryError(
                    f"{len(compare_with)} territoires à comparer : {COMPARED_MAX} au plus"
                )
            seen = {(territory.level, territory.code)} | {(p.level, p.code) for p in parents}
            chosen = []
            for other in compare_with:
                if (other.level, other.code) not in seen:
                    seen.add((other.level, other.code))
                    chosen.append(self._comparison(other, nomenclature))
            result["compared_with"] = chosen
        result["sources"] = self.sources()
        result["warnings"] = self.warnings(territory)
        return result

    def _comparison(self, territory: Territory, nomenclature: str) -> dict[str, Any]:
        scope = self._scope(territory)
        key = str(scope.params[0]) if scope.params else "FR"
        empty: dict[str, Any] = {"groups": [], "domains": [], "employers": [], "divisions": []}
        figures = self._aggregate(scope, "section", full=False).get(key, empty)
        return _summary(self._result(territory, figures, nomenclature))

    def indicators_by_level(
        self, level: str, *, reference: TerritoryReference, nomenclature: str = "naf2008"
    ) -> dict[str, dict[str, Any]]:
        """The indicators of every territory of a level (com, epci, dep, reg) at once."""
        column = _KEY_COLUMN[level]
        figures = self._aggregate(
            _Scope(column, f"{column} IS NOT NULL", []), _section_column(nomenclature, self.meta)
        )
        results = {}
        for code, data in sorted(figures.items()):
            try:
                territory = reference.territory(TerritorySpec(level, code))
            except ObservatoryError:
                continue
            results[code] = self._result(territory, data, nomenclature)
        return results

    def departements(self) -> list[str]:
        """The départements that have establishments in this snapshot."""
        rows = self.con.execute(
            "SELECT DISTINCT dep FROM cube_dep WHERE dep IS NOT NULL ORDER BY dep"
        ).fetchall()
        return [str(row[0]) for row in rows]

    def sources(self) -> dict[str, Any]:
        return {
            "imported_at": self.meta["imported_at"],
            "files": self.meta["files"],
            "ess_rules": self.meta["references"],
            "ess_rules_on": self.meta["rules_on"],
            "territory_reference": self.meta["territory_reference"],
        }

    def warnings(self, territory: Territory) -> list[str]:
        """What the reader must know: unknown categories, unplaced establishments."""
        found = []
        unknown = self.con.execute(
            "SELECT category, legal_units, establishments FROM unknown_categories"
        ).fetchall()
        if unknown:
            listed = ", ".join(f"« {c or 'vide'} » ({u} unité(s))" for c, u, _ in unknown[:10])
            found.append(
                f"{len(unknown)} catégorie(s) juridique(s) inconnue(s) des règles, comptées hors "
                f"ESS sauf indicateur SIRENE ou liste : {listed}"
            )
        unplaced = self.con.execute(
            "SELECT count(*), sum(establishments) FROM unplaced_communes"
        ).fetchone()
        if unplaced and unplaced[0]:
            found.append(
                f"{int(unplaced[1])} établissement(s) actif(s) sans commune reconnue "
                f"({unplaced[0]} code(s) : étranger, code absent ou inconnu du référentiel) : "
                "comptés nulle part"
            )
        bands = self.con.execute("SELECT band, establishments FROM unknown_bands").fetchall()
        if bands:
            found.append(
                "tranche d'effectif inconnue, comptée 0 salarié : "
                + ", ".join(f"« {b} » ({n})" for b, n in bands)
            )
        if territory.level == "perimeter" and not territory.communes:
            found.append("périmètre sans commune")
        return found


def _section_column(nomenclature: str, meta: dict[str, Any]) -> str:
    if nomenclature == "naf2008":
        return "section"
    if nomenclature == "naf2025":
        if not meta.get("naf2025"):
            raise ObservatoryError(
                "ce millésime n'a pas la colonne activitePrincipaleNAF25Etablissement : "
                "domaines disponibles en NAF 2008 seulement (--nomenclature naf2008)"
            )
        return "section25"
    raise ObservatoryError(f"nomenclature « {nomenclature} » inconnue : naf2008 ou naf2025")


class _Totals:
    def __init__(self) -> None:
        self.n = 0
        self.n_employer = 0
        self.low = 0
        self.high = 0
        self.estimate = 0.0
        self.years: Counter[str] = Counter()

    def add(
        self, n: int, n_employer: int, low: float, high: float, estimate: float, year: str | None
    ) -> None:
        self.n += int(n)
        self.n_employer += int(n_employer)
        self.low += int(low or 0)
        self.high += int(high or 0)
        self.estimate += float(estimate or 0)
        if year:
            self.years[year] += int(n)

    def as_dict(self, *, with_year: bool = True) -> dict[str, Any]:
        employees = _employees(self.low, self.high, self.estimate)
        if with_year:
            employees["band_year"] = self.band_year()
        return {
            "establishments": self.n,
            "employer_establishments": self.n_employer,
            "employees": employees,
        }

    def band_year(self) -> str | None:
        """The year of most bands (SIRENE updates bands once a year, not all units)."""
        if not self.years:
            return None
        return sorted(self.years.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _employees(low: float, high: float, estimate: float) -> dict[str, Any]:
    # half up: a sum of band middles ends in .5, shown as the whole number above
    return {
        "low": int(low or 0),
        "high": int(high or 0),
        "estimate": math.floor(float(estimate or 0) + 0.5),
    }


def _share(part: _Totals, whole: _Totals) -> dict[str, float | None]:
    return {
        "establishments": round(part.n / whole.n, 4) if whole.n else None,
        "employees": round(part.estimate / whole.estimate, 4) if whole.estimate else None,
    }


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "territory": result["territory"],
        "total_ess": result["total_ess"],
        "total_private": result["total_private"],
        "share": result["share"],
        "per_10000_inhabitants": result["per_10000_inhabitants"],
    }


def change(current: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """What changed between two snapshots of the same territory, per family and in total."""
    found: dict[str, Any] = {"from": previous["snapshot"], "to": current["snapshot"]}
    for name in (*FAMILIES, "total_ess", "total_private"):
        before, after = previous[name], current[name]
        delta = after["establishments"] - before["establishments"]
        found[name] = {
            "establishments": delta,
            "establishments_rate": round(delta / before["establishments"], 4)
            if before["establishments"]
            else None,
            "employees_estimate": after["employees"]["estimate"] - before["employees"]["estimate"],
        }
    return found


def rows(result: dict[str, Any]) -> Iterable[list[object]]:
    """The indicators as table rows (CSV, XLSX), headers first, French labels."""
    yield [
        "territoire",
        "niveau",
        "millésime",
        "rubrique",
        "clé",
        "libellé",
        "établissements",
        "établissements employeurs",
        "salariés (bas)",
        "salariés (haut)",
        "salariés (estimation)",
        "année des tranches",
        "part des établissements privés",
        "part des salariés du privé",
        "population",
        "établissements de l'ESS pour 10 000 habitants",
        "évolution depuis",
        "évolution des établissements",
        "taux d'évolution des établissements",
        "évolution des salariés (estimation)",
    ]
    delta = result.get("change")
    place = [
        f"{result['territory']['name']} ({result['territory']['code']})",
        result["territory"]["level"],
        result["snapshot"],
    ]

    def line(
        kind: str,
        key: str,
        label: str,
        block: dict[str, Any],
        share: dict[str, Any] | None = None,
        density: float | None = None,
    ) -> list[object]:
        employees = block["employees"]
        moved = delta.get(key) if delta and kind in ("famille", "total") else None
        return [
            *place,
            kind,
            key,
            label,
            block["establishments"],
            block["employer_establishments"],
            employees["low"],
            employees["high"],
            employees["estimate"],
            employees.get("band_year") or "",
            "" if not share or share["establishments"] is None else share["establishments"],
            "" if not share or share["employees"] is None else share["employees"],
            result["territory"]["population"],
            "" if density is None else density,
            *_moved(delta, moved),
        ]

    for family in FAMILIES:
        yield line("famille", family, FAMILY_LABELS[family], result[family])
    yield line(
        "total",
        "total_ess",
        "Ensemble de l'ESS",
        result["total_ess"],
        result["share"],
        result["per_10000_inhabitants"],
    )
    yield line("total", "total_private", "Ensemble du secteur privé", result["total_private"])
    yield line(
        "total", "total_territory", "Ensemble des établissements actifs", result["total_territory"]
    )
    for domain in result["domains"]:
        yield line("domaine", domain["section"], domain["label"], domain, domain["share"])
    for employer in result["largest_employers"]:
        yield line("employeur", employer["siren"], employer["name"], employer)
    for kind, others in (
        ("comparaison", result.get("comparison", [])),
        ("comparaison choisie", result.get("compared_with", [])),
    ):
        yield from (_compared(kind, other, result["snapshot"]) for other in others)


def _moved(delta: dict[str, Any] | None, moved: dict[str, Any] | None) -> list[object]:
    """The change columns of a row: empty without a change, or for a row it does not cover."""
    if not delta or not moved:
        return ["", "", "", ""]
    rate = moved["establishments_rate"]
    return [
        delta["from"],
        moved["establishments"],
        "" if rate is None else rate,
        moved["employees_estimate"],
    ]


def _compared(kind: str, other: dict[str, Any], snapshot: str) -> list[object]:
    return [
        f"{other['territory']['name']} ({other['territory']['code']})",
        other["territory"]["level"],
        snapshot,
        kind,
        "total_ess",
        "Ensemble de l'ESS",
        other["total_ess"]["establishments"],
        other["total_ess"]["employer_establishments"],
        other["total_ess"]["employees"]["low"],
        other["total_ess"]["employees"]["high"],
        other["total_ess"]["employees"]["estimate"],
        other["total_ess"]["employees"].get("band_year") or "",
        "" if other["share"]["establishments"] is None else other["share"]["establishments"],
        "" if other["share"]["employees"] is None else other["share"]["employees"],
        other["territory"]["population"],
        "" if other["per_10000_inhabitants"] is None else other["per_10000_inhabitants"],
        "",
        "",
        "",
        "",
    ]
