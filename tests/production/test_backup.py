"""Backup → wipe → restore gives the same register (counts, terms, files), on SQLite and,
when ``DATABASE_URL`` names one, on PostgreSQL; a damaged archive is refused in French and
nothing is changed; a register that is not empty is replaced only with ``--force``."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from pacte.cli.backup import register_state, run_backup, run_restore
from pacte.cli.demo import demo_prepare
from pacte.conventions.models import Convention

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def folders(settings, tmp_path: Path) -> Path:
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump absent : sauvegarde PostgreSQL non testée")
    settings.VAR_DIR = tmp_path / "donnees"
    settings.MEDIA_ROOT = tmp_path / "donnees" / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "recu.pdf").write_bytes(b"%PDF-1.4 recu\n")
    (settings.VAR_DIR / "modeles" / "21560947000012").mkdir(parents=True)
    (settings.VAR_DIR / "modeles" / "21560947000012" / "convention.docx").write_bytes(b"PK modele")
    demo_prepare()
    return tmp_path


def _archive(capsys, folder: Path) -> Path:
    assert run_backup(str(folder / "sauvegardes")) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sauvegarde écrite : ") and "3 convention(s)" in out
    (archive,) = (folder / "sauvegardes").glob("pacte-sauvegarde-*.tar.gz")
    return archive


def test_backup_wipe_restore_gives_the_same_register(folders: Path, capsys, settings) -> None:
    before = register_state()
    assert len(before["terms"]) == 3
    archive = _archive(capsys, folders)
    with tarfile.open(archive) as content:
        names = set(content.getnames())
        manifest = json.load(content.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert {"manifest.json", "media/documents/recu.pdf"} <= names
    assert "modeles/21560947000012/convention.docx" in names
    assert manifest["terms"] == before["terms"] and manifest["counts"] == before["counts"]

    # a register that is not empty is not replaced without --force
    assert run_restore(str(archive), force=False) == 1
    assert "le registre n'est pas vide" in capsys.readouterr().err

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(Path(settings.VAR_DIR) / "modeles")
    assert not Convention.objects.exists()

    assert run_restore(str(archive), force=False) == 0
    out = capsys.readouterr().out
    assert "restaurée : 3 convention(s)" in out
    assert "Vérification : registre identique à la sauvegarde" in out
    assert register_state() == before
    assert (settings.MEDIA_ROOT / "documents" / "recu.pdf").read_bytes() == b"%PDF-1.4 recu\n"
    model = Path(settings.VAR_DIR) / "modeles" / "21560947000012" / "convention.docx"
    assert model.read_bytes() == b"PK modele"


def test_restore_with_force_replaces_a_changed_register(folders: Path, capsys) -> None:
    before = register_state()
    archive = _archive(capsys, folders)
    changed = Convention.objects.order_by("pk").first()
    assert changed is not None
    changed.title = "Titre modifié après la sauvegarde"
    changed.save()
    assert register_state()["terms"] != before["terms"]
    assert run_restore(str(archive), force=True) == 0
    assert register_state() == before


def _rewrite(archive: Path, target: Path, change) -> None:  # type: ignore[no-untyped-def]
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            data = change(member.name, data)
            if data is None:
                continue
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


def test_a_damaged_archive_is_refused_in_french_and_nothing_changes(
    folders: Path, capsys, settings
) -> None:
    archive = _archive(capsys, folders)
    before = register_state()
    call_command("flush", interactive=False, verbosity=0)
    wiped = register_state()
    damaged = []
    # bytes flipped in the middle of the compressed stream
    raw = bytearray(archive.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 64] = bytes(64)
    (folders / "coupee.tar.gz").write_bytes(bytes(raw))
    damaged.append(folders / "coupee.tar.gz")
    # truncated
    (folders / "tronquee.tar.gz").write_bytes(archive.read_bytes()[: len(raw) // 3])
    damaged.append(folders / "tronquee.tar.gz")
    # an uploaded file altered inside a well-formed archive
    _rewrite(
        archive,
        folders / "alteree.tar.gz",
        lambda name, data: b"autre" if name == "media/documents/recu.pdf" else data,
    )
    damaged.append(folders / "alteree.tar.gz")
    # a file missing
    _rewrite(
        archive,
        folders / "incomplete.tar.gz",
        lambda name, data: None if name.startswith("modeles/") else data,
    )
    damaged.append(folders / "incomplete.tar.gz")
    # not an archive at all
    (folders / "texte.tar.gz").write_bytes(gzip.compress(b"pas une archive"))
    damaged.append(folders / "texte.tar.gz")
    for path in damaged:
        assert run_restore(str(path), force=True) == 1, path.name
        err = capsys.readouterr().err
        assert err.startswith(f"Erreur : {path.name} : archive illisible ou abîmée"), err
        assert register_state() == wiped
        assert (settings.MEDIA_ROOT / "documents" / "recu.pdf").is_file()
    assert run_restore(str(folders / "absente.tar.gz"), force=True) == 1
    assert "fichier introuvable" in capsys.readouterr().err
    # the intact archive still restores
    assert run_restore(str(archive), force=True) == 0
    assert register_state() == before


def test_backup_and_restore_commands_speak_french(tmp_path: Path) -> None:
    """The ``pacte`` command itself, on a data folder of its own (SQLite file)."""
    import os
    import subprocess
    import sys

    pacte = str(Path(sys.executable).parent / "pacte")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "PACTE_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(HOME=str(tmp_path), PACTE_VAR_DIR=str(tmp_path / "donnees"))

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pacte, *args], env={**env, **extra}, capture_output=True, text=True, timeout=300
        )

    assert run("demo", "--no-serve").returncode == 0
    done = run("backup", str(tmp_path / "archives"))
    assert done.returncode == 0 and done.stdout.startswith("Sauvegarde écrite : ")
    (archive,) = (tmp_path / "archives").glob("*.tar.gz")
    refused = run("restore", str(archive))
    assert refused.returncode == 1 and "le registre n'est pas vide" in refused.stderr
    restored = run("restore", str(archive), PACTE_VAR_DIR=str(tmp_path / "neuf"))
    assert restored.returncode == 0, restored.stderr
    assert "Vérification : registre identique à la sauvegarde" in restored.stdout
    listed = run("list", PACTE_VAR_DIR=str(tmp_path / "neuf"))
    assert len(listed.stdout.splitlines()) == 3
    assert "Traceback" not in refused.stderr + restored.stderr + done.stderr
