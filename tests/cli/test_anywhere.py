"""``pacte`` run from any directory: one data folder, created and migrated with a French
notice, never a traceback, never a ``var/`` left where the command was typed; ``pacte serve``
without DEBUG, with its CSS."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pacte.config.datadir import data_dir
from pacte.samples import sample_paths
from pacte.terms import load_convention_yaml

PACTE = str(Path(sys.executable).parent / "pacte")
ENGLISH = re.compile(
    r"Traceback|Error\b|No such|no such|not found|Not Found|Performing|Starting|Quit the|"
    r"WARNING|Watching|System check|Django version|development server"
)


def _env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: no settings module, no data folder chosen, a home of its own."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "PACTE_VAR_DIR", "DATABASE_URL", "XDG_DATA_HOME")
        and not key.startswith("PYTEST")
    }
    env["HOME"] = str(home)
    env.update(extra)
    return env


def pacte(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PACTE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_data_dir_never_depends_on_the_current_directory(tmp_path: Path) -> None:
    assert data_dir({"PACTE_VAR_DIR": "/srv/pacte"}) == Path("/srv/pacte")
    assert data_dir({"XDG_DATA_HOME": "/x/data"}) == Path("/x/data/pacte")
    assert data_dir({}) == Path.home() / ".local" / "share" / "pacte"
    # a relative XDG_DATA_HOME is invalid (XDG specification): the default applies
    assert data_dir({"XDG_DATA_HOME": "data"}) == Path.home() / ".local" / "share" / "pacte"


def test_list_from_another_directory_creates_the_user_data_folder(tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    first = pacte("list", cwd=elsewhere, env=_env(home))
    assert first.returncode == 0, first.stderr
    assert "Le registre est vide" in first.stdout
    database = home / ".local" / "share" / "pacte" / "pacte.sqlite3"
    assert first.stderr.strip() == f"Base de données créée : {database}"
    assert database.is_file()
    assert list(elsewhere.iterdir()) == []  # no var/ left where the command was typed
    again = pacte("list", cwd=elsewhere, env=_env(home))
    assert (again.returncode, again.stderr) == (0, "")  # the notice is said once


def test_load_here_list_there_same_register(tmp_path: Path) -> None:
    home, one, two = tmp_path / "home", tmp_path / "one", tmp_path / "two"
    for folder in (home, one, two):
        folder.mkdir()
    env = _env(home, XDG_DATA_HOME=str(tmp_path / "xdg"))
    sample = sample_paths()[0]
    loaded = pacte("load", str(sample), cwd=one, env=env)
    assert loaded.returncode == 0, loaded.stderr
    assert "Base de données créée" in loaded.stderr and not ENGLISH.search(loaded.stderr)
    listed = pacte("list", cwd=two, env=env)
    reference = load_convention_yaml(sample.read_text(encoding="utf-8")).reference
    assert listed.returncode == 0 and reference in listed.stdout
    assert (tmp_path / "xdg" / "pacte" / "pacte.sqlite3").is_file()
    assert list(one.iterdir()) == [] and list(two.iterdir()) == []


def test_chosen_data_folder_relative_to_where_it_is_given(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shown = pacte("show", "inconnue", cwd=tmp_path, env=_env(home, PACTE_VAR_DIR="donnees"))
    assert shown.returncode == 1
    assert "aucune convention de référence « inconnue »" in shown.stderr
    assert not ENGLISH.search(shown.stderr)
    assert (tmp_path / "donnees" / "pacte.sqlite3").is_file()
    assert not (home / ".local").exists()


def test_unusable_data_folder_is_reported_in_french(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("", encoding="utf-8")
    env = _env(tmp_path, PACTE_VAR_DIR=str(tmp_path / "fichier" / "pacte"))
    result = pacte("list", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("Erreur : le dossier de données")
    assert "PACTE_VAR_DIR" in result.stderr and not ENGLISH.search(result.stderr)


def test_demo_speaks_french_only(tmp_path: Path) -> None:
    result = pacte("demo", "--no-serve", cwd=tmp_path, env=_env(tmp_path, PACTE_VAR_DIR="var"))
    assert result.returncode == 0, result.stderr
    assert "Base de démonstration prête" in result.stdout
    assert not ENGLISH.search(result.stdout + result.stderr)
    assert not re.search(r"\b(Operations|Apply|Applying|Running|migrations:)\b", result.stdout)


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    from pacte.config.settings.local import secret_key

    first = secret_key(tmp_path)
    assert len(first) > 40 and secret_key(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    os.environ["PACTE_SECRET_KEY"] = "une-cle-choisie"
    try:
        assert secret_key(tmp_path) == "une-cle-choisie"
    finally:
        del os.environ["PACTE_SECRET_KEY"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _get(url: str) -> tuple[int, str, str]:
    """Status, content type and body, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_serve_from_another_directory_without_debug_with_its_css(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    port = _free_port()
    server = subprocess.Popen(
        [PACTE, "serve", "--port", str(port)],
        cwd=tmp_path,
        env=_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # the first start migrates and collects the static files once: a readiness wait
        # of up to two minutes on a loaded machine, not a measure of speed
        for _ in range(600):
            try:
                status, _, _ = _get(base + "/")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("le serveur n'a pas répondu")
        assert status == 302  # to the login page
        status, kind, page = _get(base + "/connexion/")
        assert status == 200 and "text/html" in kind
        stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', page)
        assert stylesheets
        for href in stylesheets:
            status, kind, css = _get(base + href)
            assert (status, kind.split(";")[0]) == (200, "text/css") and css
        status, _, missing = _get(base + "/page-qui-n-existe-pas/")
        assert status == 404
        # DEBUG off: Pacte's French page, not Django's technical one
        assert "Page not found" not in missing and "DEBUG" not in missing
        assert 'lang="fr"' in missing
    finally:
        server.terminate()
        out, err = server.communicate(timeout=20)
    assert out.startswith(f"Pacte est servi sur http://localhost:{port}/ (Ctrl+C")
    assert "DEBUG" not in out and not ENGLISH.search(out)
    assert "Base de données créée" in err and not ENGLISH.search(err)
    assert list(p.name for p in tmp_path.iterdir()) == ["home"]


def test_serve_on_a_port_in_use_says_so_in_french(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = pacte("serve", "--port", str(port), cwd=tmp_path, env=_env(tmp_path))
    assert result.returncode == 1
    assert result.stderr == (
        f"Erreur : le port {port} est déjà utilisé : choisir un autre port avec --port\n"
    )
