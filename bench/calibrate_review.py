"""Measure each recogniser on the annotated documents and write ``pacte.extraction.calibration``.

Run by hand after a change to the extraction::

    .venv/bin/python bench/calibrate_review.py [FOLDER…]   # default: tests/extraction/documents

For every key-terms member that a recogniser of the convention fills (start date, amounts,
notice…), counts the values stated and the values right against the ``*.expected.json``
of each document (the comparison of ``bench/eval_key_terms.py``), and writes the counts
to ``src/pacte/extraction/calibration.py``. The import review turns them into a score
with ``calibration.score`` and flags « à vérifier » the values of a recogniser under the
threshold there.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_key_terms import DEFAULT, comparable, counts, documents

from pacte.extraction.calibration import RECOGNISERS
from pacte.extraction.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "src" / "pacte" / "extraction" / "calibration.py"
BEGIN = "# --- measured: written by bench/calibrate_review.py ---"
END = "# --- end of measured ---"


def measure(folders: list[Path]) -> tuple[dict[str, tuple[int, int]], int]:
    members = sorted(set(RECOGNISERS.values()))
    tally = {member: [0, 0] for member in members}
    pairs = documents(folders)
    for path, expected_path in pairs:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        got = extract(path.read_bytes(), path.name).key_terms
        for member in members:
            if member not in expected:
                continue
            right, stated, _wanted = counts(
                member, comparable(member, expected[member]), comparable(member, got.get(member))
            )
            tally[member][0] += right
            tally[member][1] += stated
    return {m: (r, s) for m, (r, s) in tally.items()}, len(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    options = parser.parse_args(argv)
    folders = options.folders or [DEFAULT]
    measured, count = measure(folders)
    names = ", ".join(str(f.relative_to(ROOT)) if f.is_absolute() else str(f) for f in folders)
    lines = [
        BEGIN,
        f"# {count} documents ({names}), {datetime.now(UTC):%Y-%m-%d}",
        "MEASURED: dict[str, tuple[int, int]] = {",
        *(f'    "{member}": ({right}, {stated}),' for member, (right, stated) in measured.items()),
        "}",
        END,
    ]
    source = MODULE.read_text(encoding="utf-8")
    head, rest = source.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    MODULE.write_text(head + "\n".join(lines) + tail, encoding="utf-8")
    print(f"{count} documents")
    print(f"  {'règle de lecture':32} {'justes':>7}  score")
    from pacte.extraction.calibration import score_of

    for member, (right, stated) in measured.items():
        print(f"  {member:32} {right:>3}/{stated:<3}  {score_of(right, stated):5.2f}")
    print(f"écrit : {MODULE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
