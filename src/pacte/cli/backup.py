"""``pacte backup`` and ``pacte restore``: the whole register in one ``.tar.gz``.

An archive holds:

- ``manifest.json``: format, date, database kind, the number of rows of every model, a
  SHA-256 of every convention's terms (``to_terms()`` serialised canonically: JSON with
  sorted keys) and a SHA-256 of every other file of the archive;
- the database: ``database.sqlite3`` (SQLite's online backup API, a consistent copy while
  the application runs) or ``database.pgdump`` (``pg_dump`` custom format, in the same
  snapshot as the counts and checksums);
- ``media/``: the uploaded files (``MEDIA_ROOT``); ``modeles/``: the authority's document
  templates of the data folder.

``restore`` checks the whole archive before touching anything (readable, every file
present with its checksum), refuses to replace a register that is not empty without
``--force``, restores, then computes the counts and checksums again and compares them
with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = "pacte-sauvegarde"
VERSION = 1
MANIFEST = "manifest.json"
FILE_FOLDERS = ("media", "modeles")


class BackupError(Exception):
    """A French message: the backup or restore stopped, nothing was changed."""


def canonical_digest(data: Any) -> str:
    """SHA-256 of ``data`` as canonical JSON (sorted keys, no spaces, UTF-8).

    >>> canonical_digest({"b": 1, "a": "é"}) == canonical_digest({"a": "é", "b": 1})
    True
    >>> canonical_digest({"a": 1})[:12]
    '015abd7f5cc5'
    """
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def register_state() -> dict[str, Any]:
    """Rows per model and the checksum of every convention's terms, read from the database."""
    from django.apps import apps

    from pacte.conventions.models import Convention
    from pacte.conventions.rows_to_terms import TERMS_PREFETCH, convention_to_terms

    counts = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    terms: dict[str, str] = {}
    rows = Convention.objects.order_by("pk").prefetch_related(*TERMS_PREFETCH)
    for row in rows.iterator(chunk_size=200):
        terms[row.reference] = canonical_digest(convention_to_terms(row).model_dump(mode="json"))
    return {"counts": counts, "terms": terms}


def _folders() -> dict[str, Path]:
    from django.conf import settings

    return {"media": Path(settings.MEDIA_ROOT), "modeles": Path(settings.VAR_DIR) / "modeles"}


def _vendor() -> str:
    from django.db import connection

    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"base de données « {connection.vendor} » non prise en charge")
    return str(connection.vendor)


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """Connection arguments of ``pg_dump``/``pg_restore`` for Django's database."""
    from django.db import connection

    params = connection.settings_dict
    arguments = []
    if params.get("HOST"):
        arguments += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        arguments += ["--port", str(params["PORT"])]
    if params.get("USER"):
        arguments += ["--username", str(params["USER"])]
    arguments += ["--dbname", str(params["NAME"])]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return arguments, env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"la commande « {name} » est introuvable : installer les outils clients de "
            "PostgreSQL (paquet postgresql-client)"
        )
    return path


def _dump_database(vendor: str, folder: Path) -> str:
    """Write the database into ``folder`` in the current transaction's snapshot; its name."""
    from django.db import connection

    if vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target.name
    target = folder / "database.pgdump"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
    arguments, env = _pg_environment()
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    command += [f"--snapshot={snapshot}", "--file", str(target), *arguments]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"pg_dump a échoué : {done.stderr.strip()}")
    return target.name


@contextmanager
def _snapshot(vendor: str):  # type: ignore[no-untyped-def]
    """One read transaction: the counts, checksums and copy see the same register."""
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT 1")
        yield


def _sqlite_copy(staging: Path) -> tuple[dict[str, Any], str]:
    """Copy an SQLite register with its backup API, outside any transaction (a write
    transaction, as the settings open them, would block the copy); the register is read
    before and after, and the copy made again if a write came in between."""
    for _ in range(5):
        before = register_state()
        database = _dump_database("sqlite", staging)
        if register_state() == before:
            return before, database
    raise BackupError(
        "le registre change pendant la sauvegarde : réessayer à un moment plus calme "
        "(ou arrêter le service le temps de la sauvegarde)"
    )


def backup_write(folder: Path, *, now: datetime | None = None) -> tuple[Path, dict[str, Any]]:
    """Write a backup archive into ``folder``; its path and manifest."""
    from pacte import __version__

    vendor = _vendor()
    moment = now or datetime.now().astimezone()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"pacte-sauvegarde-{moment:%Y%m%d-%H%M%S}"
    target = folder / f"{name}.tar.gz"
    rank = 1
    while target.exists():
        rank += 1
        target = folder / f"{name}-{rank}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="pacte-sauvegarde-") as work:
        staging = Path(work)
        if vendor == "sqlite":
            state, database = _sqlite_copy(staging)
        else:
            with _snapshot(vendor):
                state = register_state()
                database = _dump_database(vendor, staging)
        files = {database: file_digest(staging / database)}
        sources: dict[str, Path] = {database: staging / database}
        for prefix, root in _folders().items():
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    member = f"{prefix}/{path.relative_to(root).as_posix()}"
                    files[member] = file_digest(path)
                    sources[member] = path
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "pacte": __version__,
            "created": moment.isoformat(timespec="seconds"),
            "database": vendor,
            "counts": state["counts"],
            "terms": state["terms"],
            "files": files,
        }
        (staging / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        partial = target.with_name(target.name + ".partiel")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(staging / MANIFEST, arcname=MANIFEST)
                for member, path in sources.items():
                    archive.add(path, arcname=member, recursive=False)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return target, manifest


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def archive_open(path: Path, into: Path) -> dict[str, Any]:
    """Extract and check an archive into ``into``: its manifest; ``BackupError`` in French
    when the archive is unreadable, incomplete or altered."""
    if not path.is_file():
        raise BackupError(f"{path} : fichier introuvable")
    damaged = f"{path.name} : archive illisible ou abîmée"
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()
            for member in members:
                if not (member.isfile() and _safe_member(member.name)):
                    raise BackupError(f"{damaged} (élément inattendu « {member.name} »)")
            archive.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{damaged} ({type(error).__name__})") from None
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{damaged} (manifeste absent ou illisible)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path.name} : ce n'est pas une sauvegarde de Pacte")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path.name} : sauvegarde au format {manifest.get('version')}, "
            f"cette version de Pacte lit le format {VERSION}"
        )
    files = manifest.get("files") or {}
    present = {member.name for member in members} - {MANIFEST}
    if set(files) != present:
        missing = sorted(set(files) - present)
        detail = f"fichier manquant « {missing[0]} »" if missing else "fichier non déclaré"
        raise BackupError(f"{damaged} ({detail})")
    for member, expected in files.items():
        if file_digest(into / member) != expected:
            raise BackupError(f"{damaged} (empreinte différente pour « {member} »)")
    return manifest


def register_is_empty() -> bool:
    """Whether the register holds no convention, organisation nor council session."""
    from django.db import DatabaseError

    from pacte.conventions.models import Convention
    from pacte.deliberations.models import Session
    from pacte.organisations.models import Organisation

    try:
        return not any(model.objects.exists() for model in (Convention, Organisation, Session))
    except DatabaseError:  # no tables yet: a new database
        return True


def _restore_database(vendor: str, folder: Path, name: str) -> None:
    from django.db import connection, connections

    if vendor == "sqlite":
        source = sqlite3.connect(folder / name)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    arguments, env = _pg_environment()
    connections.close_all()
    command = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    command += ["--single-transaction", "--exit-on-error", *arguments, str(folder / name)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"pg_restore a échoué, la base est inchangée : {done.stderr.strip()}")


def _restore_files(folder: Path) -> None:
    """Replace the uploaded files and templates by the archive's (the old ones are removed
    once the new ones are in place)."""
    for prefix, root in _folders().items():
        source = folder / prefix
        old = root.with_name(root.name + ".avant-restauration")
        if old.exists():
            shutil.rmtree(old)
        if root.exists():
            root.rename(old)
        if source.is_dir():
            root.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source, root)
        if old.exists():
            shutil.rmtree(old)


def restore_differences(manifest: dict[str, Any], state: dict[str, Any]) -> list[str]:
    """What differs between the manifest and the register now, in French."""
    problems = []
    for label, count in sorted(manifest["counts"].items()):
        now = state["counts"].get(label)
        if now != count:
            problems.append(f"{label} : {now} ligne(s) au lieu de {count}")
    expected, found = manifest["terms"], state["terms"]
    for reference in sorted(set(expected) | set(found)):
        if reference not in found:
            problems.append(f"convention « {reference} » absente")
        elif reference not in expected:
            problems.append(f"convention « {reference} » en trop")
        elif expected[reference] != found[reference]:
            problems.append(f"convention « {reference} » : termes différents")
    return problems


def restore(path: Path, *, force: bool) -> dict[str, Any]:
    """Restore an archive and verify it; the manifest. ``BackupError`` in French when it
    is refused (nothing changed) or when the verification fails."""
    from django.core.management import call_command

    from pacte.conventions.services import statistics_refresh

    vendor = _vendor()
    with tempfile.TemporaryDirectory(prefix="pacte-restauration-") as work:
        folder = Path(work)
        manifest = archive_open(path, folder)
        if manifest.get("database") != vendor:
            raise BackupError(
                f"{path.name} : sauvegarde d'une base {manifest.get('database')}, "
                f"la base actuelle est {vendor} : rien n'a été modifié"
            )
        if not force and not register_is_empty():
            raise BackupError(
                "le registre n'est pas vide : la restauration le remplacerait. "
                "Relancer avec --force pour le remplacer (une sauvegarde du registre actuel "
                "avec « pacte backup » est conseillée avant). Rien n'a été modifié."
            )
        database = next(name for name in manifest["files"] if name.startswith("database."))
        _restore_database(vendor, folder, database)
        _restore_files(folder)
    # a backup of an older version of Pacte: its missing migrations are applied
    call_command("migrate", interactive=False, verbosity=0)
    statistics_refresh()  # a whole register loaded: the pages' queries planned on it
    problems = restore_differences(manifest, register_state())
    if problems:
        shown = "\n  ".join(problems[:20])
        raise BackupError(f"la vérification après restauration a échoué :\n  {shown}")
    return manifest


def describe(manifest: dict[str, Any]) -> str:
    """« 3 convention(s), 412 enregistrement(s), 2 fichier(s) »."""
    rows = sum(manifest["counts"].values())
    files = sum(1 for name in manifest["files"] if not name.startswith("database."))
    return f"{len(manifest['terms'])} convention(s), {rows} enregistrement(s), {files} fichier(s)"


def run_backup(folder: str | None) -> int:
    from django.conf import settings

    target = Path(folder) if folder else Path(settings.VAR_DIR) / "sauvegardes"
    try:
        path, manifest = backup_write(target)
    except BackupError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    size = path.stat().st_size / 1024 / 1024
    megabytes = f"{size:.1f}".replace(".", ",")
    print(f"Sauvegarde écrite : {path} ({describe(manifest)}, {megabytes} Mo)")
    return 0


def run_restore(archive: str, *, force: bool) -> int:
    try:
        manifest = restore(Path(archive), force=force)
    except BackupError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    print(f"Sauvegarde du {manifest['created'][:10]} restaurée : {describe(manifest)}.")
    print(
        "Vérification : registre identique à la sauvegarde "
        "(mêmes nombres d'enregistrements, mêmes empreintes des termes de chaque convention)."
    )
    return 0
