"""SIRENE stock files as INSEE publishes them, read in place by DuckDB.

``StockEtablissement`` and ``StockUniteLegale`` come as CSV (comma-separated, UTF-8,
header line), zipped CSV or Parquet. Every column is read as text: SIRET and commune
codes keep their leading zeros, ``2A``/``2B`` stay letters. A file is checked before
anything is built: a missing column, another separator, a truncated zip or a Parquet of
another schema stops the import with a French message naming the file and the column.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import shutil
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pacte.observatory.errors import ObservatoryError

ESTABLISHMENT_COLUMNS = (
    "siret",
    "siren",
    "codeCommuneEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "caractereEmployeurEtablissement",
    "etatAdministratifEtablissement",
    "etablissementSiege",
    "dateCreationEtablissement",
)
ESTABLISHMENT_OPTIONAL = ("activitePrincipaleNAF25Etablissement", "nic")
"""``nic`` (the SIRET's last five digits) is read instead of ``siret`` when present: five
characters are cheaper to carry through the joins than fourteen."""
LEGAL_UNIT_COLUMNS = (
    "siren",
    "categorieJuridiqueUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "etatAdministratifUniteLegale",
    "identifiantAssociationUniteLegale",
)
LEGAL_UNIT_OPTIONAL = ("denominationUniteLegale", "sigleUniteLegale", "statutDiffusionUniteLegale")

KIND_LABELS = {"establishments": "établissements", "legal_units": "unités légales"}
_SEPARATORS = {";": "point-virgule", "\t": "tabulation", "|": "barre verticale"}


@dataclass(frozen=True)
class Source:
    """A checked file: the DuckDB expression that reads it and the columns it has."""

    path: Path
    """The file given by the user (named in messages)."""
    format: str
    """``csv``, ``zip`` (a CSV inside) or ``parquet``."""
    relation: str
    """A DuckDB table expression, every wanted column as VARCHAR, missing optional ones NULL."""
    columns: tuple[str, ...]
    """Optional columns that the file has."""


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _detect(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK"):
        return "zip"
    if head == b"PAR1":
        return "parquet"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    return "csv"


def _missing(path: Path, kind: str, found: list[str], wanted: tuple[str, ...]) -> None:
    missing = [name for name in wanted if name not in found]
    if not missing:
        return
    what = KIND_LABELS[kind]
    if len(found) == 1:
        for separator, label in _SEPARATORS.items():
            if separator in found[0]:
                raise ObservatoryError(
                    f"{path} : colonne « {missing[0]} » introuvable — le fichier est séparé par "
                    f"des {label}s (« {separator} ») ; les fichiers SIRENE de l'INSEE sont "
                    "séparés par des virgules : reprendre le fichier publié, sans le réenregistrer "
                    "dans un tableur"
                )
    near = {name.lower(): name for name in found}
    hints = [f"« {near[m.lower()]} » au lieu de « {m} »" for m in missing if m.lower() in near]
    hint = f" ({', '.join(hints)} : les noms de l'INSEE respectent les majuscules)" if hints else ""
    shown = ", ".join(f"« {m} »" for m in missing)
    raise ObservatoryError(
        f"{path} : colonne{'s' if len(missing) > 1 else ''} {shown} absente"
        f"{'s' if len(missing) > 1 else ''} du fichier des {what}{hint} ; attendu le fichier "
        f"« Stock{'Etablissement' if kind == 'establishments' else 'UniteLegale'} » de l'INSEE"
    )


def _csv_header(path: Path, compressed: bool) -> list[str]:
    opener = gzip.open if compressed else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            line = handle.readline()
    except UnicodeDecodeError:
        raise ObservatoryError(
            f"{path} : le fichier n'est pas en UTF-8 (les fichiers SIRENE de l'INSEE le sont)"
        ) from None
    except (OSError, EOFError) as error:
        raise ObservatoryError(f"{path} : fichier illisible ({error})") from None
    if not line.strip():
        raise ObservatoryError(f"{path} : fichier vide, ligne d'en-tête attendue")
    return [name.strip() for name in next(csv.reader(io.StringIO(line)))]


def _extract(path: Path, workdir: Path, progress: Callable[[str], None]) -> Path:
    """The CSV (or Parquet) inside a zip, copied out in ``workdir``; a truncated or damaged
    archive stops with a French message."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.infolist()
                if not m.is_dir() and m.filename.lower().endswith((".csv", ".parquet"))
            ]
            if not members:
                raise ObservatoryError(f"{path} : l'archive zip ne contient aucun fichier .csv")
            member = max(members, key=lambda m: m.file_size)
            workdir.mkdir(parents=True, exist_ok=True)
            target = workdir / Path(member.filename).name
            progress(f"Décompression de {member.filename} ({member.file_size / 1e9:.1f} Go)…")
            with archive.open(member) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 22)
            return target
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise ObservatoryError(
            f"{path} : archive zip tronquée ou abîmée ({error}) : télécharger le fichier à nouveau"
        ) from None


def open_source(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    kind: str,
    *,
    workdir: Path,
    progress: Callable[[str], None] = lambda _: None,
) -> Source:
    """Check a stock file and return how to read it (``kind``: establishments or legal_units)."""
    wanted = ESTABLISHMENT_COLUMNS if kind == "establishments" else LEGAL_UNIT_COLUMNS
    optional = ESTABLISHMENT_OPTIONAL if kind == "establishments" else LEGAL_UNIT_OPTIONAL
    if not path.is_file():
        raise ObservatoryError(f"{path} : fichier introuvable")
    shown_format = _detect(path)
    readable = path
    if shown_format == "zip":
        readable = _extract(path, workdir, progress)
    actual = _detect(readable)
    if actual == "parquet":
        try:
            described = con.execute(
                f"DESCRIBE SELECT * FROM read_parquet({_quote(readable)})"
            ).fetchall()
        except duckdb.Error as error:
            raise ObservatoryError(
                f"{path} : fichier Parquet illisible ({_first_line(error)})"
            ) from None
        found = [row[0] for row in described]
        _missing(path, kind, found, wanted)
        base = f"read_parquet({_quote(readable)})"
    else:
        found = _csv_header(readable, compressed=actual == "gzip")
        _missing(path, kind, found, wanted)
        columns = ", ".join(f"'{name}': 'VARCHAR'" for name in found)
        base = (
            f"read_csv({_quote(readable)}, header = true, auto_detect = false, delim = ',', "
            f"quote = '\"', escape = '\"', columns = {{{columns}}})"
        )
    present = tuple(name for name in optional if name in found)
    selected = [f'CAST("{name}" AS VARCHAR) AS "{name}"' for name in (*wanted, *present)]
    selected += [f'CAST(NULL AS VARCHAR) AS "{name}"' for name in optional if name not in found]
    relation = f"(SELECT {', '.join(selected)} FROM {base})"
    return Source(path, shown_format if shown_format != "gzip" else "csv", relation, present)


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0]


_LINE = re.compile(r"CSV Error on Line: (\d+)")
_EXPECTED = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def read_error(error: duckdb.Error, sources: list[Source]) -> ObservatoryError:
    """A French message for a DuckDB error met while reading the files."""
    text = str(error)
    named = next((s for s in sources if str(s.path.name) in text), None)
    where = str(named.path) if named else " ou ".join(str(s.path) for s in sources)
    line = _LINE.search(text)
    if line:
        columns = _EXPECTED.search(text)
        detail = (
            f" : {columns.group(2)} colonnes au lieu de {columns.group(1)}"
            if columns
            else " : ligne mal formée"
        )
        return ObservatoryError(
            f"{where}, ligne {line.group(1)}{detail} (fichier tronqué ou modifié ?)"
        )
    if "memory" in text.lower():
        return ObservatoryError(
            "mémoire insuffisante pour l'import : augmenter --memory-limit (ou "
            "PACTE_OBSERVATORY_MEMORY_LIMIT), ou libérer de la place disque pour les fichiers "
            "temporaires"
        )
    return ObservatoryError(f"{where} : lecture impossible ({_first_line(error)})")
