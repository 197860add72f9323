"""Key terms against hand-written expectations: how many fields the extraction gets right.

Run by hand: ``.venv/bin/python bench/eval_key_terms.py [FOLDER…]`` (default: the test
documents, ``tests/extraction/documents``). Every ``NAME.txt`` (or .docx, .odt, .pdf,
.md) beside a ``NAME.expected.json`` is extracted; each member of ``key_terms`` is
compared with the expectation (the free wording of an instalment's trigger and of an
amount's label is not compared). Prints the misses and, per member, how many documents
got it right, with precision, recall and F1.

Expectations kept apart from the texts (a corpus annotated elsewhere)::

    .venv/bin/python bench/eval_key_terms.py --texts ../shared/corpus/actes \\
        --only LIST.txt EXPECTED_FOLDER

reads ``EXPECTED_FOLDER/NAME.json`` (or ``NAME.expected.json``) against
``TEXTS/NAME.txt``; ``--only`` keeps the names listed in a file (one a line);
``--quiet`` prints the figures without the per-document misses.

Precision and recall per member: a stated value (not ``null``, not ``[]``) counts as
one prediction, and is right when equal to the expectation; for a list member
(parties, dates, amounts, instalments) every item counts, and the right ones are the
items found in both lists. A civility before the president's name is not compared
(« M. Paul MARTIN » and « Paul MARTIN » name the same person; the spec says « as
written », and annotators differ on whether the civility is part of it). ``doc_type`` is always stated, so its three figures are its
accuracy. Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from pacte.extraction.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "extraction" / "documents"
SUFFIXES = (".txt", ".md", ".docx", ".odt", ".pdf")
FREE = {"installments": "trigger", "amounts": "label"}
"""List members whose items hold a free wording, left out of the comparison."""


PEOPLE = ("president",)
"""Members naming a person: a leading civility (« M. », « Madame ») is not compared."""
_CIVILITY = re.compile(r"^(?:M\.|MM\.|Mme|Mlle|Monsieur|Madame|Mademoiselle)\s+")


def comparable(member: str, value: Any) -> Any:
    """The part of a value compared: no free wording, no civility before a name.

    >>> comparable("president", "M. Paul MARTIN"), comparable("president", "Paul MARTIN")
    ('Paul MARTIN', 'Paul MARTIN')
    """
    if member in PEOPLE and isinstance(value, str):
        return _CIVILITY.sub("", value)
    if member in FREE and isinstance(value, list):
        return [{k: v for k, v in item.items() if k != FREE[member]} for item in value]
    return value


def documents(folders: list[Path], texts: Path | None = None) -> list[tuple[Path, Path]]:
    """(document, expectation) pairs: ``NAME.expected.json`` beside the document, or,
    with ``texts``, ``NAME.json`` / ``NAME.expected.json`` against ``texts/NAME.*``."""
    pairs = []
    for folder in folders:
        expectations = sorted(folder.glob("*.expected.json"))
        if texts is not None:
            expectations = sorted(
                set(expectations) | {p for p in folder.glob("*.json") if p.stem.count(".") == 0}
            )
        for expected in expectations:
            stem = expected.name.removesuffix(".json").removesuffix(".expected")
            for suffix in SUFFIXES:
                candidate = (texts or folder) / f"{stem}{suffix}"
                if candidate.exists():
                    pairs.append((candidate, expected))
                    break
    return pairs


def _items(value: Any) -> list[str]:
    if value is None or value == []:
        return []
    values = value if isinstance(value, list) else [value]
    return [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in values]


def counts(member: str, expected: Any, got: Any) -> tuple[int, int, int]:
    """(right, stated, expected) items of one member in one document.

    >>> counts("session_date", "2023-01-05", "2023-01-05"), counts("vote", None, {"x": 1})
    ((1, 1, 1), (0, 1, 0))
    >>> counts("authorising_deliberation_dates", ["2023-01-05", "2022-01-01"], ["2022-01-01"])
    (1, 1, 2)
    """
    wanted = Counter(_items(comparable(member, expected)))
    stated = Counter(_items(comparable(member, got)))
    return sum((wanted & stated).values()), sum(stated.values()), sum(wanted.values())


def scores(right: int, stated: int, wanted: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (1.0 where nothing was to be found and nothing was found)."""
    precision = right / stated if stated else (1.0 if not wanted else 0.0)
    recall = right / wanted if wanted else (1.0 if not stated else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--texts", type=Path, default=None)
    parser.add_argument("--only", type=Path, default=None)
    parser.add_argument("--quiet", action="store_true")
    options = parser.parse_args(argv)
    folders = options.folders or [DEFAULT]
    pairs = documents(folders, options.texts)
    if options.only is not None:
        keep = {line.strip() for line in options.only.read_text().splitlines() if line.strip()}
        pairs = [(p, e) for p, e in pairs if p.stem in keep]
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    items: dict[str, list[int]] = {}
    for path, expected_path in pairs:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        got = extract(path.read_bytes(), path.name).key_terms
        misses = []
        for member, value in expected.items():
            seen[member] += 1
            tally = items.setdefault(member, [0, 0, 0])
            for index, figure in enumerate(counts(member, value, got.get(member))):
                tally[index] += figure
            if comparable(member, got.get(member)) == comparable(member, value):
                right[member] += 1
            else:
                misses.append(member)
        if options.quiet:
            continue
        print(f"{path.name}: {len(expected) - len(misses)}/{len(expected)}")
        for member in misses:
            print(
                f"  {member}: attendu {json.dumps(comparable(member, expected[member]), ensure_ascii=False)}"
            )
            print(
                f"  {' ' * len(member)}  obtenu {json.dumps(comparable(member, got.get(member)), ensure_ascii=False)}"
            )
    total = sum(seen.values())
    print(f"\n{len(pairs)} documents, {sum(right.values())}/{total} valeurs justes")
    print(f"  {'membre':32} {'justes':>7}  {'préc.':>5}  {'rappel':>6}  {'F1':>5}")
    for member in seen:
        p, r, f = scores(*items[member])
        print(f"  {member:32} {right[member]:>3}/{seen[member]:<3}  {p:5.2f}  {r:6.2f}  {f:5.2f}")
    overall = [sum(t[i] for t in items.values()) for i in range(3)]
    p, r, f = scores(*overall)
    print(f"  {'ensemble (éléments)':32} {'':7}  {p:5.2f}  {r:6.2f}  {f:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
