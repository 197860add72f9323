"""Load test: ``pacte serve`` (gunicorn) against ``pacte serve --dev`` (Django's server).

Run by hand: ``.venv/bin/python bench/bench_load.py [--seconds 60] [--connections 50]
[--server prod|dev|both] [--workers 2] [--threads 4] [--database-url postgres://…]``.
With ``--database-url``, the base is a throwaway database ``pacte_bench_load`` on that
PostgreSQL server (dropped at the end) instead of SQLite in the data folder.

The demonstration base is prepared in a throwaway data folder (``pacte demo --no-serve``),
the server is started on a free port of 127.0.0.1, the demo agent logs in, then
``--connections`` keep-alive connections (asyncio, one coroutine each) request in turn
« À faire » (``/``), « Registre » (``/registre/``) and the main style sheet, for
``--seconds`` seconds; every request is bounded (10 s) and the run stops by itself. Only
the loopback address is ever contacted. Prints requests per second, p50 and p95 per page
and overall, and the errors (anything but HTTP 200, time-outs, broken connections); with
``--server both``, the ratio of the two servers. Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HOST = "127.0.0.1"  # loopback only: never another address
PACTE = str(Path(sys.executable).parent / "pacte")
REQUEST_TIMEOUT = 10.0


@dataclass
class Result:
    server: str
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(values) for values in self.latencies.values())

    def error_count(self) -> int:
        return sum(self.errors.values())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
    return port


DATABASE = {"url": ""}
"""The throwaway PostgreSQL database of ``--database-url`` (empty: SQLite in the folder)."""


def _environment(folder: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PACTE_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env["PACTE_VAR_DIR"] = str(folder)
    if DATABASE["url"]:
        env["DATABASE_URL"] = DATABASE["url"]
    return env


def _throwaway_database(server: str, *, drop: bool = False) -> str:
    """A new database ``pacte_bench_load`` on the PostgreSQL ``server`` (dropped first if
    it exists; only dropped when ``drop``); returns its address."""
    import psycopg

    name = "pacte_bench_load"
    admin = urlunsplit(urlsplit(server)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        if not drop:
            connection.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def _start(
    server: str, folder: Path, workers: int, threads: int
) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    command = [PACTE, "serve", "--host", HOST, "--port", str(port)]
    command += (
        ["--dev"] if server == "dev" else ["--workers", str(workers), "--threads", str(threads)]
    )
    process = subprocess.Popen(
        command, env=_environment(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return process, port
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"le serveur {server} s'est arrêté au démarrage") from None
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"le serveur {server} n'a pas répondu en 120 s")


def _login(port: int) -> tuple[str, str]:
    """The demo agent's cookies, and the style sheet's path."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://{HOST}:{port}"
    page = opener.open(base + "/connexion/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "jeton CSRF absent de la page de connexion"
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": "demo", "password": "demo-pacte"}
    ).encode()
    request = urllib.request.Request(
        base + "/connexion/", data=form, headers={"Referer": base + "/connexion/"}
    )
    home = opener.open(request, timeout=30).read().decode()
    if not any(cookie.name == "sessionid" for cookie in jar):
        raise SystemExit("connexion du compte demo refusée")
    css = re.search(r'href="(/static/[^"]+dsfr\.min[^"]*\.css)"', home)
    assert css, "feuille de style absente de la page"
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar), css.group(1)


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Status of one response (its body read and dropped), and whether the connection stays."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    keep = headers.get("connection", "").lower() != "close" and lines[0].startswith("HTTP/1.1")
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()  # until the server closes
        keep = False
    return status, keep


async def _connection(
    port: int, paths: list[str], cookie: str, stop: float, result: Result, offset: int
) -> None:
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    turn = offset
    while time.monotonic() < stop:
        path = paths[turn % len(paths)]
        turn += 1
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nCookie: {cookie}\r\n"
            "Accept-Encoding: gzip\r\n\r\n"
        ).encode()
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(HOST, port), REQUEST_TIMEOUT
                )
            assert reader is not None
            writer.write(request)
            await writer.drain()
            status, keep = await asyncio.wait_for(_read_response(reader), REQUEST_TIMEOUT)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            kind = f"{path} : {type(error).__name__}"
            result.errors[kind] = result.errors.get(kind, 0) + 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        elapsed = time.perf_counter() - started
        if status == 200:
            result.latencies.setdefault(path, []).append(elapsed)
        else:
            kind = f"{path} : HTTP {status}"
            result.errors[kind] = result.errors.get(kind, 0) + 1
        if not keep:
            assert writer is not None
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _load(
    port: int, paths: list[str], cookie: str, seconds: float, connections: int, result: Result
) -> None:
    stop = time.monotonic() + seconds
    await asyncio.gather(
        *(_connection(port, paths, cookie, stop, result, index) for index in range(connections))
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(
    server: str, folder: Path, seconds: float, connections: int, workers: int, threads: int
) -> Result:
    process, port = _start(server, folder, workers, threads)
    try:
        cookie, css = _login(port)
        paths = ["/", "/registre/", css]
        result = Result(server=server, seconds=seconds)
        started = time.monotonic()
        asyncio.run(_load(port, paths, cookie, seconds, connections, result))
        result.seconds = time.monotonic() - started
        return result
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def report(result: Result) -> None:
    every = [value for values in result.latencies.values() for value in values]
    label = "production (gunicorn)" if result.server == "prod" else "développement (--dev)"
    print(
        f"\nServeur {label} : {result.count} requêtes réussies en {result.seconds:.0f} s, "
        f"{result.count / result.seconds:.1f} requêtes/s, erreurs : {result.error_count()}"
    )
    for path, values in result.latencies.items():
        name = "style.css" if path.startswith("/static/") else path
        print(
            f"  {name:<12} {len(values):>6} req.  p50 {1000 * statistics.median(values):8.1f} ms"
            f"  p95 {1000 * _percentile(values, 0.95):8.1f} ms"
        )
    if every:
        print(
            f"  {'ensemble':<12} {len(every):>6} req.  p50 {1000 * statistics.median(every):8.1f} ms"
            f"  p95 {1000 * _percentile(every, 0.95):8.1f} ms"
        )
    for kind, count in sorted(result.errors.items()):
        print(f"  erreur {kind} : {count}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Essai de charge de pacte serve (boucle locale).")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--server", choices=["prod", "dev", "both"], default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--database-url",
        help="serveur PostgreSQL (postgres://…) où créer une base jetable, au lieu de SQLite",
    )
    args = parser.parse_args()
    if not 1 <= args.connections <= 200 or not 0 < args.seconds <= 600:
        parser.error("1 à 200 connexions, au plus 600 secondes")
    if args.database_url:
        DATABASE["url"] = _throwaway_database(args.database_url)
    try:
        return _measure(args)
    finally:
        if args.database_url:
            _throwaway_database(args.database_url, drop=True)


def _measure(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="pacte-bench-load-") as name:
        folder = Path(name)
        prepared = subprocess.run(
            [PACTE, "demo", "--no-serve"], env=_environment(folder), capture_output=True, text=True
        )
        if prepared.returncode:
            print(prepared.stderr, file=sys.stderr)
            return 1
        servers = ["prod", "dev"] if args.server == "both" else [args.server]
        results = {}
        for server in servers:
            results[server] = run(
                server, folder, args.seconds, args.connections, args.workers, args.threads
            )
            report(results[server])
    if len(results) == 2:
        prod, dev = results["prod"], results["dev"]
        ratio = (prod.count / prod.seconds) / max(dev.count / dev.seconds, 1e-9)
        p50 = statistics.median(
            [v for vs in dev.latencies.values() for v in vs]
        ) / statistics.median([v for vs in prod.latencies.values() for v in vs])
        print(
            f"\nProduction / développement : {ratio:.1f} fois plus de requêtes par seconde, "
            f"p50 {p50:.1f} fois plus court."
        )
    return 1 if any(result.error_count() for result in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
