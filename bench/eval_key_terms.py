"""Key terms against hand-written expectations: how many fields the extraction gets right.

Run by hand: ``.venv/bin/python bench/eval_key_terms.py [FOLDER…]`` (default: the test
documents, ``tests/extraction/documents``). Every ``NAME.txt`` (or .docx, .odt, .pdf,
.md) beside a ``NAME.expected.json`` is extracted; each member of ``key_terms`` is
compared with the expectation (the free wording of an instalment's trigger and of an
amount's label is not compared). Prints the misses and, per member, how many documents
got it right. Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pacte.extraction.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "extraction" / "documents"
SUFFIXES = (".txt", ".md", ".docx", ".odt", ".pdf")
FREE = {"installments": "trigger", "amounts": "label"}
"""List members whose items hold a free wording, left out of the comparison."""


def comparable(member: str, value: Any) -> Any:
    if member in FREE and isinstance(value, list):
        return [{k: v for k, v in item.items() if k != FREE[member]} for item in value]
    return value


def documents(folders: list[Path]) -> list[tuple[Path, Path]]:
    pairs = []
    for folder in folders:
        for expected in sorted(folder.glob("*.expected.json")):
            stem = expected.name.removesuffix(".expected.json")
            for suffix in SUFFIXES:
                if (folder / f"{stem}{suffix}").exists():
                    pairs.append((folder / f"{stem}{suffix}", expected))
                    break
    return pairs


def main() -> int:
    folders = [Path(arg) for arg in sys.argv[1:]] or [DEFAULT]
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for path, expected_path in documents(folders):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        got = extract(path.read_bytes(), path.name).key_terms
        misses = []
        for member, value in expected.items():
            seen[member] += 1
            if comparable(member, got.get(member)) == comparable(member, value):
                right[member] += 1
            else:
                misses.append(member)
        print(f"{path.name}: {len(expected) - len(misses)}/{len(expected)}")
        for member in misses:
            print(
                f"  {member}: attendu {json.dumps(comparable(member, expected[member]), ensure_ascii=False)}"
            )
            print(
                f"  {' ' * len(member)}  obtenu {json.dumps(comparable(member, got.get(member)), ensure_ascii=False)}"
            )
    total = sum(seen.values())
    print(f"\n{sum(right.values())}/{total} valeurs justes")
    for member in seen:
        print(f"  {member:32} {right[member]}/{seen[member]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
