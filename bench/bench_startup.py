"""Benchmark: whole command-line processes, start-up included: ``pacte --help``,
``pacte extract FILE --json`` (with and without ``--validate``) and, as the baseline, a
Python process running ``dateparser.search.search_dates(text, languages=["fr"])`` on the
same file (skipped when dateparser is not installed: ``pip install dateparser``).

Run by hand: ``.venv/bin/python bench/bench_startup.py [FILE] [--runs N]``. The commands
run in turn, N times each (interleaved, so that a load on the machine weighs on all of
them alike), from another folder, with bytecode caching allowed (as an installed
package has it), after one unmeasured warm-up run each; each gives its elapsed time and
its processor time (user and system, read from the process's own usage: less sensitive
to a loaded machine). Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "extraction" / "documents" / "convention-article-premier.txt"
BASELINE = (
    "import sys\n"
    "from dateparser.search import search_dates\n"
    "search_dates(open(sys.argv[1], encoding='utf-8').read(), languages=['fr'])\n"
)


def _commands(document: Path) -> dict[str, list[str]]:
    pacte = shutil.which("pacte", path=str(Path(sys.executable).parent)) or "pacte"
    commands = {
        "pacte --help": [pacte, "--help"],
        "pacte extract --json": [pacte, "extract", str(document), "--json"],
        "pacte extract --json --validate": [
            pacte,
            "extract",
            str(document),
            "--json",
            "--validate",
        ],
    }
    try:
        import dateparser  # noqa: F401
    except ImportError:
        print("dateparser absent : pas de comparaison (pip install dateparser)")
    else:
        commands["python + search_dates"] = [sys.executable, "-c", BASELINE, str(document)]
    return commands


def _run(command: list[str], folder: str, env: dict[str, str]) -> tuple[float, float]:
    """Elapsed time and processor time (user + system, the process's own) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    document = Path(args.file).resolve()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = _commands(document)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as folder:
        for command in commands.values():
            _run(command, folder, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_run(command, folder, env))
    print(f"{document.name} ({document.stat().st_size} octets), médiane de {args.runs}")
    print(f"{'':<34} {'écoulé':>9} {'':>18} {'processeur':>11}")
    medians = {
        name: (
            statistics.median(t for t, _ in values),
            statistics.median(c for _, c in values),
        )
        for name, values in times.items()
    }
    baseline = medians.get("python + search_dates")
    for name, (elapsed, cpu) in medians.items():
        ratio = f"{elapsed / baseline[0]:.2f} × search_dates" if baseline else ""
        cpu_ratio = f"{cpu / baseline[1]:.2f} ×" if baseline else ""
        print(f"{name:<34} {elapsed * 1000:6.0f} ms {ratio:>18} {cpu * 1000:8.0f} ms {cpu_ratio}")


if __name__ == "__main__":
    main()
