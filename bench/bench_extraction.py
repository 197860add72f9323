"""Benchmark: extraction time per document (seeds and a 100-document batch), with the date
search of ``dateparser`` on the same texts as a baseline.

Run by hand: ``.venv/bin/python bench/bench_extraction.py`` (the baseline needs
``pip install dateparser``; it is skipped otherwise). With ``--sizes``, the time of one
extraction of a flattened text of 10 ko, 100 ko, 1 Mo and 5 Mo made of the known documents
put end to end (processor time: linear in the length). Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from pacte.extraction.pipeline import extract_text
from pacte.extraction.readers import normalise
from pacte.extraction.segments import clear_caches

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DOCUMENTS = ROOT / "tests" / "extraction" / "documents"


def _texts() -> dict[str, str]:
    texts = {p.name: normalise(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("0*.txt"))}
    texts |= {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCUMENTS.glob("*.txt"))}
    return texts


def _timed(function, *args, repeat: int = 20) -> float:  # type: ignore[no-untyped-def]
    """Median time of cold runs: the extraction's caches are emptied before each."""
    times = []
    for _ in range(repeat):
        clear_caches()
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _batch(texts: list[str], size: int, seed: int = 7) -> list[str]:
    """Documents made from the known ones with shuffled paragraphs and renamed figures."""
    rng = random.Random(seed)
    batch = []
    for index in range(size):
        paragraphs = rng.choice(texts).split("\n\n")
        head, tail = paragraphs[:8], paragraphs[8:]
        rng.shuffle(tail)
        batch.append("\n\n".join(head + tail).replace("2009", str(2000 + index % 25)))
    return batch


SIZES = (10_000, 100_000, 1_000_000, 5_000_000)


def _sizes(texts: dict[str, str]) -> None:
    """Processor time of one extraction per size, the text flattened (one line)."""
    flat = " ".join(" ".join(text.split()) for text in texts.values())
    print(f"{'taille':>10} {'processeur':>11} {'par caractère':>14}")
    for size in SIZES:
        text = (flat * (size // len(flat) + 1))[:size]
        clear_caches()
        started = time.process_time()
        extract_text(text, "bout-a-bout.txt")
        spent = time.process_time() - started
        print(f"{size:>10} {spent:>9.2f} s {spent / size * 1e6:>10.2f} µs")


def main() -> None:
    texts = _texts()
    if "--sizes" in sys.argv[1:]:
        _sizes(texts)
        return
    try:
        from dateparser.search import search_dates
    except ImportError:
        search_dates = None
    print(f"{'document':<36} {'taille':>8} {'extraction':>11} {'dateparser':>11}")
    for name, text in texts.items():
        ours = _timed(extract_text, text, name)
        baseline = None
        if search_dates:
            search_dates(text, languages=["fr"])  # first call loads dateparser's data
            baseline = _timed(lambda t: search_dates(t, languages=["fr"]), text, repeat=3)
        shown = f"{baseline * 1000:9.0f} ms" if baseline is not None else "  (absent)"
        print(f"{name:<36} {len(text):>8} {ours * 1000:9.1f} ms {shown}")
    batch = _batch(list(texts.values()), 100)
    started = time.perf_counter()
    for index, text in enumerate(batch):
        clear_caches()
        extract_text(text, f"lot-{index}.txt")
    elapsed = time.perf_counter() - started
    print(f"lot de 100 documents : {elapsed:.2f} s, soit {elapsed * 10:.1f} ms par document")


if __name__ == "__main__":
    main()
