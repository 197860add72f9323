"""``pacte serve``: gunicorn with several workers, WhiteNoise's compressed static files,
secure cookies behind HTTPS, and production settings that refuse to start without their
secret key and pass ``check --deploy``."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PACTE = str(Path(sys.executable).parent / "pacte")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "PACTE_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(HOME=str(tmp_path), PACTE_VAR_DIR=str(tmp_path / "donnees"), **extra)
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="/proc absent : test Linux")
def test_serve_runs_gunicorn_workers_with_compressed_static_files_and_https(
    tmp_path: Path,
) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [PACTE, "serve", "--port", str(port), "--workers", "3", "--threads", "2"],
        cwd=tmp_path,
        env=_env(tmp_path, PACTE_HTTPS="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    https = {"X-Forwarded-Proto": "https"}
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, headers, _ = _get(base + "/connexion/", **https)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("le serveur n'a pas répondu")
                time.sleep(0.3)
        assert status == 200 and headers["Server"] == "gunicorn"
        time.sleep(1)  # every worker booted
        assert len(_children(server.pid)) == 3
        # HTTPS (through a proxy): secure cookies, HSTS; plain HTTP is sent to HTTPS
        assert headers["Set-Cookie"].startswith("csrftoken=") and "Secure" in headers["Set-Cookie"]
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        status, headers, _ = _get(base + "/connexion/")
        assert status == 301 and headers["Location"] == f"https://127.0.0.1:{port}/connexion/"
        # static files: hashed names, compressed, cached for ever
        _, _, page = _get(base + "/connexion/", **https)
        css = [
            part.split('"')[0] for part in page.decode().split('href="/static/')[1:]
        ]  # /static/… links of the page
        css = [name for name in css if name.endswith(".css")]
        assert css and all(len(name.rsplit(".", 2)[-2]) == 12 for name in css)
        status, headers, body = _get(
            base + "/static/" + css[0], **https, **{"Accept-Encoding": "gzip"}
        )
        assert status == 200 and headers["Content-Encoding"] == "gzip" and body[:2] == b"\x1f\x8b"
        assert "immutable" in headers["Cache-Control"]
        status, _, missing = _get(base + "/page-qui-n-existe-pas/", **https)
        assert status == 404 and 'lang="fr"' in missing.decode()
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert (
        out.splitlines()[0]
        == f"Pacte est servi sur http://localhost:{port}/ (Ctrl+C pour arrêter)."
    )
    assert "3 processus de 2 fil(s)" in out and out.rstrip().endswith("Pacte est arrêté.")
    assert "Préparation des fichiers statiques" in err
    assert "Booting" not in err and "Listening" not in err and "Traceback" not in err
    assert (tmp_path / "donnees" / "static" / "staticfiles.json").is_file()


def test_static_files_are_collected_once(tmp_path: Path) -> None:
    script = (
        "import django; django.setup()\n"
        "from pacte.cli.serving import static_ensure\n"
        "print(static_ensure(notice=False), static_ensure(notice=False))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_env(tmp_path, DJANGO_SETTINGS_MODULE="pacte.config.settings.local"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout == "True False\n", result.stderr


def test_serve_refuses_zero_workers_in_french(tmp_path: Path) -> None:
    result = subprocess.run(
        [PACTE, "serve", "--port", str(_free_port()), "--workers", "0"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.endswith(
        "Erreur : --workers et --threads prennent un nombre entier d'au moins 1\n"
    )


def test_production_settings_need_a_secret_key_and_pass_check_deploy(tmp_path: Path) -> None:
    prod = {"DJANGO_SETTINGS_MODULE": "pacte.config.settings.prod"}
    result = subprocess.run(
        [PACTE, "manage", "check", "--deploy"],
        env=_env(tmp_path, **prod),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Erreur : La variable d'environnement PACTE_SECRET_KEY")
    assert not (tmp_path / "donnees" / "secret_key").exists()
    key = secrets.token_urlsafe(50)
    ready = {"PACTE_SECRET_KEY": key, "PACTE_ALLOWED_HOSTS": "pacte.example.fr", **prod}
    result = subprocess.run(
        [PACTE, "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=_env(tmp_path, **ready),
        capture_output=True,
        text=True,
        timeout=120,
    )
    # the legal pages need to know who runs the instance
    assert result.returncode == 1
    assert "pacte.W001" in result.stderr and "PACTE_DPO_EMAIL" in result.stderr
    operator = {
        "PACTE_OPERATOR": "Ville de Saint-Gwenaël",
        "PACTE_OPERATOR_ADDRESS": "1 place de la Mairie, 56000 Saint-Gwenaël",
        "PACTE_PUBLICATION_DIRECTOR": "la maire",
        "PACTE_HOST": "Hébergeur public",
        "PACTE_CONTACT_EMAIL": "contact@exemple.fr",
        "PACTE_DPO_EMAIL": "dpo@exemple.fr",
    }
    result = subprocess.run(
        [PACTE, "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=_env(tmp_path, **ready, **operator),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert not (tmp_path / "donnees" / "secret_key").exists()
