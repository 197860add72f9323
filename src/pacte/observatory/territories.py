"""Territories: communes → EPCI → départements → régions, and custom perimeters.

The reference shipped in ``reference/`` comes from ``@etalab/decoupage-administratif``
(Code officiel géographique, EPCI composition, legal populations); a newer one written
by ``pacte.observatory.reference.build`` into ``<observatory folder>/referentiel/`` is read
first. A SIRENE commune code is mapped to today's commune: arrondissements municipaux of
Paris, Lyon and Marseille to their commune, codes of merged communes to the new one.

>>> ref = TerritoryReference.load()
>>> ref.current_commune("75108"), ref.current_commune("20004"), ref.current_commune("1001")
('75056', '2A004', '01001')
>>> ref.territory(parse_territory("dep:2A")).name
'Corse-du-Sud'
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pacte.observatory.errors import ObservatoryError

SHIPPED = Path(__file__).parent / "reference"
LEVELS = {
    "com": "commune",
    "epci": "EPCI",
    "dep": "département",
    "reg": "région",
    "perimeter": "périmètre",
    "fr": "France",
}
_PERIMETER_NAME = re.compile(r"^[\w-]{1,60}$")


@dataclass(frozen=True)
class TerritorySpec:
    level: str
    code: str


@dataclass(frozen=True)
class Territory:
    level: str
    code: str
    name: str
    population: int
    communes: tuple[str, ...] = field(default=(), repr=False)
    """The communes of a perimeter (empty for the other levels)."""

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "population": self.population,
        }


@dataclass(frozen=True)
class Found:
    """A territory found by ``TerritoryReference.search``."""

    spec: str
    """As the command line writes it: ``dep:67``, ``epci:246700488``…"""
    name: str
    level: str
    detail: str


def _folded(text: str) -> str:
    """Lower case, without accents, hyphens and apostrophes as spaces (« Saint-Étienne »
    and « saint etienne » match)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace("'", " ").replace("’", " ").split())


def perimeter_names(folder: Path | None) -> list[str]:
    """The names of the perimeters saved in ``folder``."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(path.stem for path in folder.glob("*.csv"))


def parse_territory(text: str) -> TerritorySpec:
    """``dep:67``, ``reg:44``, ``epci:SIREN``, ``com:67482``, ``perimeter:NAME`` or ``fr``."""
    raw = text.strip()
    if raw.lower() in ("fr", "france"):
        return TerritorySpec("fr", "FR")
    level, _, code = raw.partition(":")
    level = level.lower()
    if level not in LEVELS or level == "fr" or not code.strip():
        raise ObservatoryError(
            f"territoire « {text} » non reconnu : écrire dep:67, reg:44, epci:SIREN, "
            "com:67482, perimeter:NOM ou fr"
        )
    code = code.strip()
    return TerritorySpec(level, code if level == "perimeter" else code.upper())


def normalise_commune(code: str) -> str:
    """A commune code as INSEE writes it: five characters (a spreadsheet drops the zero)."""
    text = code.strip().upper()
    return text.zfill(5) if text.isdigit() and len(text) == 4 else text


@dataclass
class TerritoryReference:
    folder: Path
    vintage: str
    communes: dict[str, tuple[str, str, str, str, int, str]]
    """code → (name, département, région, EPCI, population, SIREN)."""
    codes: dict[str, tuple[str, str]]
    """Other code → (today's commune, nature: ``arrondissement`` or ``ancien``)."""
    departements: dict[str, tuple[str, str]]
    regions: dict[str, str]
    epcis: dict[str, tuple[str, str]]
    _populations: dict[int, Counter[str]] = field(default_factory=dict, repr=False)
    _index: list[tuple[str, str, str, int, str, str]] = field(default_factory=list, repr=False)

    def population(self, column: int, code: str) -> int:
        """Inhabitants of the communes whose ``column`` (1 département, 2 région, 3 EPCI) is
        ``code``; the sums of a level are made once."""
        if column not in self._populations:
            sums: Counter[str] = Counter()
            for row in self.communes.values():
                sums[str(row[column])] += row[4]
            self._populations[column] = sums
        return self._populations[column][code]

    @classmethod
    def load(cls, folder: Path | None = None) -> TerritoryReference:
        """The reference of ``folder`` when it holds one, else the shipped one."""
        return _load(reference_folder(folder))

    def _france(self) -> int:
        if 0 not in self._populations:
            self._populations[0] = Counter({"FR": sum(row[4] for row in self.communes.values())})
        return self._populations[0]["FR"]

    def current_commune(self, code: str) -> str | None:
        text = normalise_commune(code)
        if text in self.communes:
            return text
        mapped = self.codes.get(text)
        return mapped[0] if mapped else None

    def territory(self, spec: TerritorySpec, perimeters: Path | None = None) -> Territory:
        """The territory of a spec, with its name and population; unknown → French error."""
        level, code = spec.level, spec.code
        if level == "fr":
            return Territory("fr", "FR", "France", self._france())
        if level == "com":
            commune = self.current_commune(code)
            if commune is None:
                raise ObservatoryError(
                    f"commune « {code} » inconnue du référentiel ({self.vintage})"
                )
            row = self.communes[commune]
            return Territory("com", commune, row[0], row[4])
        if level == "dep":
            if code not in self.departements:
                raise ObservatoryError(f"département « {code} » inconnu (exemples : 67, 2A, 974)")
            return Territory("dep", code, self.departements[code][0], self.population(1, code))
        if level == "reg":
            if code not in self.regions:
                raise ObservatoryError(f"région « {code} » inconnue (exemples : 44, 11, 94)")
            return Territory("reg", code, self.regions[code], self.population(2, code))
        if level == "epci":
            if code not in self.epcis:
                raise ObservatoryError(f"EPCI « {code} » inconnu : donner son SIREN (9 chiffres)")
            return Territory("epci", code, self.epcis[code][0], self.population(3, code))
        communes = perimeter_read(perimeters, code)
        population = sum(self.communes[c][4] for c in communes if c in self.communes)
        return Territory("perimeter", code, code, population, tuple(communes))

    def _search_index(self) -> list[tuple[str, str, str, int, str, str]]:
        """Every territory of the reference with its folded name, made once."""
        if not self._index:
            candidates: list[tuple[str, str, str, int, str]] = [
                ("reg", code, name, self.population(2, code), "région")
                for code, name in self.regions.items()
            ]
            candidates += [
                (
                    "dep",
                    code,
                    name,
                    self.population(1, code),
                    f"département, {self.regions.get(reg, '')}",
                )
                for code, (name, reg) in self.departements.items()
            ]
            candidates += [
                ("epci", siren, name, self.population(3, siren), f"EPCI ({nature}), SIREN {siren}")
                for siren, (name, nature) in self.epcis.items()
            ]
            candidates += [
                (
                    "com",
                    code,
                    row[0],
                    row[4],
                    f"commune, {self.departements.get(row[1], ('',))[0]} ({row[1]})",
                )
                for code, row in self.communes.items()
            ]
            self._index.extend((*item, _folded(item[2])) for item in candidates)
        return self._index

    def search(self, query: str, perimeters: Path | None = None, *, limit: int = 20) -> list[Found]:
        """Territories whose code or name matches ``query`` (accents and case ignored):
        an exact code first, then names that start with it, then names that contain it;
        régions, départements, perimeters, EPCI, then communes (most inhabitants first).

        >>> [f.spec for f in TerritoryReference.load().search("bas-rhin")]
        ['dep:67']
        >>> TerritoryReference.load().search("67482")[0].name
        'Strasbourg'
        """
        wanted = _folded(query)
        if not wanted:
            return []
        raw = query.strip().upper()
        candidates = list(self._search_index())
        if perimeters is not None and perimeters.is_dir():
            candidates += [
                ("perimeter", name, name, 0, "périmètre", _folded(name))
                for name in perimeter_names(perimeters)
            ]
        order = {"reg": 0, "dep": 1, "perimeter": 2, "epci": 3, "com": 4}
        scored = []
        for level, code, name, population, detail, folded in candidates:
            if code.upper() == raw or (
                level == "com" and raw in self.codes and self.codes[raw][0] == code
            ):
                rank = 0
            elif folded.startswith(wanted):
                rank = 1
            elif wanted in folded:
                rank = 2
            else:
                continue
            scored.append(((rank, order[level], -population, name), level, code, name, detail))
        scored.sort(key=lambda item: item[0])
        france = [Found("fr", "France", "fr", "ensemble des territoires")]
        return (france if "france".startswith(wanted) else []) + [
            Found(f"{level}:{code}", name, level, detail)
            for _, level, code, name, detail in scored[:limit]
        ]

    def epcis_of(self, departement: str) -> list[str]:
        """The EPCI whose inhabitants live mostly in a département."""
        weight: dict[str, Counter[str]] = {}
        for row in self.communes.values():
            if row[3]:
                weight.setdefault(row[3], Counter())[row[1]] += row[4] or 1
        return sorted(e for e, deps in weight.items() if deps.most_common(1)[0][0] == departement)

    def parents(self, territory: Territory) -> list[TerritorySpec]:
        """The département, région and France a territory is compared with."""
        if territory.level == "fr":
            return []
        if territory.level == "reg":
            return [TerritorySpec("fr", "FR")]
        if territory.level == "dep":
            region = self.departements[territory.code][1]
            return [TerritorySpec("reg", region), TerritorySpec("fr", "FR")]
        if territory.level == "com":
            members = [territory.code]
        elif territory.level == "epci":
            members = [c for c, row in self.communes.items() if row[3] == territory.code]
        else:
            members = list(territory.communes)
        # the département holding most inhabitants of the territory
        weight: Counter[str] = Counter()
        for commune in members:
            row = self.communes.get(commune)
            if row:
                weight[row[1]] += row[4] or 1
        if not weight:
            return [TerritorySpec("fr", "FR")]
        departement = weight.most_common(1)[0][0]
        region = self.departements[departement][1] if departement in self.departements else ""
        found = [TerritorySpec("dep", departement)]
        if region in self.regions:
            found.append(TerritorySpec("reg", region))
        return [*found, TerritorySpec("fr", "FR")]


def reference_folder(folder: Path | None = None) -> Path:
    """The folder ``TerritoryReference.load`` reads: ``folder`` when it holds a reference,
    else the shipped one (found without reading the files)."""
    chosen = folder if folder is not None and (folder / "communes.csv").is_file() else SHIPPED
    return chosen.resolve()


def reference_vintage(folder: Path) -> str:
    """The vintage of the reference in ``folder`` (its ``MILLESIME.txt``, else its path)."""
    vintage_file = folder / "MILLESIME.txt"
    vintage = vintage_file.read_text(encoding="utf-8").strip() if vintage_file.exists() else ""
    return vintage or str(folder)


@cache
def _load(folder: Path) -> TerritoryReference:
    def rows(name: str) -> list[dict[str, str]]:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    return TerritoryReference(
        folder=folder,
        vintage=reference_vintage(folder),
        communes={
            r["code"]: (
                r["nom"],
                r["departement"],
                r["region"],
                r["epci"],
                int(r["population"] or 0),
                r["siren"],
            )
            for r in rows("communes.csv")
        },
        codes={r["code"]: (r["commune"], r["nature"]) for r in rows("codes.csv")},
        departements={r["code"]: (r["nom"], r["region"]) for r in rows("departements.csv")},
        regions={r["code"]: r["nom"] for r in rows("regions.csv")},
        epcis={r["siren"]: (r["nom"], r["nature"]) for r in rows("epci.csv")},
    )


def perimeter_path(folder: Path | None, name: str) -> Path:
    if not _PERIMETER_NAME.match(name):
        raise ObservatoryError(
            f"nom de périmètre « {name} » refusé : lettres, chiffres, - et _ seulement (60 au plus)"
        )
    if folder is None:
        raise ObservatoryError("aucun dossier de périmètres")
    return folder / f"{name}.csv"


def perimeter_read(folder: Path | None, name: str) -> list[str]:
    path = perimeter_path(folder, name)
    if not path.is_file():
        raise ObservatoryError(
            f"périmètre « {name} » inconnu : le créer avec « pacte observatory perimeter {name} "
            "--communes FICHIER.csv »"
        )
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["commune"] for row in csv.DictReader(handle)]


def perimeter_parse(
    text: str, reference: TerritoryReference, *, source: str
) -> tuple[list[str], list[str]]:
    """Today's communes of a CSV of commune codes (a column ``commune``, ``code``,
    ``codeCommune`` or ``code_insee``, else the first one), and notices (codes mapped).
    An unknown code stops with its line."""
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if not rows:
        raise ObservatoryError(
            f"{source} : fichier vide, une colonne de codes de communes attendue"
        )
    header = [cell.strip().lstrip("\ufeff") for cell in rows[0]]
    names = {"commune", "code", "codecommune", "code_insee", "codeinsee", "insee", "code_commune"}
    column = next((i for i, name in enumerate(header) if name.lower() in names), None)
    body = rows[1:]
    if column is None:
        if reference.current_commune(header[0]) is not None:
            column, body = 0, rows  # no header line: the first line is a code
        else:
            column = 0
    found: list[str] = []
    notices: list[str] = []
    for number, row in enumerate(body, start=len(rows) - len(body) + 1):
        code = normalise_commune(row[column] if column < len(row) else "")
        commune = reference.current_commune(code)
        if commune is None:
            raise ObservatoryError(
                f"{source}, ligne {number} : code de commune « {code} » inconnu du référentiel "
                f"({reference.vintage})"
            )
        if commune != code:
            nature = reference.codes[code][1]
            what = "arrondissement" if nature == "arrondissement" else "ancien code"
            notices.append(f"ligne {number} : {code} ({what}) compté dans la commune {commune}")
        if commune not in found:
            found.append(commune)
    return found, notices


def perimeter_write(folder: Path, name: str, communes: list[str]) -> Path:
    path = perimeter_path(folder, name)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".csv.tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["commune"])
        writer.writerows([c] for c in communes)
    temporary.replace(path)
    return path
