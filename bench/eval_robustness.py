"""Key terms on transformed documents: how much of the score survives another layout.

Run by hand (never a timed test)::

    PYTHONPATH=src .venv/bin/python bench/eval_robustness.py \\
        --texts ../shared/corpus/actes tests/extraction/corpus_expected

Every document with an expectation (same pairs and same comparison as
``bench/eval_key_terms.py``, whose functions are reused) is extracted as it is and after
each transformation of its text, the way real documents nobody tuned for arrive:

- ``aplati`` : every run of whitespace, line breaks included, collapsed to one space
  (the text layer of many PDF);
- ``relimité 60`` / ``relimité 110`` : lines broken again at another width, a long word
  at a line end cut by a hyphen one time in three;
- ``paragraphes`` : one paragraph per line, as read from a .docx (a paragraph ends after a
  sentence or a label: « . » or « : » before a capital, not after « M. » or an initial);
- ``bruit OCR`` : headings in capitals letter-spaced (« C O N V E N T I O N ») or cut
  (« CONVE NTION »), a zero read as the letter O in years (« 2O23 »), « 1er » read
  « 1 er ».

The transformations are seeded (``--seed``): the same run gives the same figures. Prints
the F1 of each member for each transformation beside the original, and the overall F1.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_key_terms import counts, documents, scores

from pacte.extraction.pipeline import extract

_WHITESPACE = re.compile(r"\s+")

Transform = Callable[[str, random.Random, frozenset[str]], str]
"""A transformation: the text, a seeded draw, the words of the expected values."""


def flattened(text: str, rng: random.Random, keep: frozenset[str]) -> str:
    """Every run of whitespace collapsed to one space."""
    return _WHITESPACE.sub(" ", text).strip()


def rewrapped(width: int) -> Transform:
    """Lines broken at ``width`` characters; a long word at a line end sometimes cut by a
    hyphen (« déve-\\nloppement »)."""

    def transform(text: str, rng: random.Random, keep: frozenset[str]) -> str:
        lines: list[str] = []
        line = ""
        for word in _WHITESPACE.sub(" ", text).strip().split(" "):
            if line and len(line) + 1 + len(word) > width:
                room = width - len(line) - 2
                if (
                    len(word) >= 8
                    and room >= 3
                    and word.isalpha()
                    and word.islower()
                    and rng.random() < 1 / 3
                ):
                    lines.append(f"{line} {word[:room]}-")
                    line = word[room:]
                    continue
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)

    return transform


_PARAGRAPH_END = re.compile(
    r"(?<!\bM\.)(?<!\bMM\.)(?<!\bMme\.)(?<!\b[A-Z]\.)(?<=[.:]) (?=[A-ZÀ-Ý«(\-–•])"
)


def paragraphs(text: str, rng: random.Random, keep: frozenset[str]) -> str:
    """One paragraph per line: a line break after each sentence, nothing else."""
    return _PARAGRAPH_END.sub("\n", _WHITESPACE.sub(" ", text).strip())


_HEADING_WORD = re.compile(r"\b[A-ZÀ-Ý]{5,}\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_FIRST = re.compile(r"\b1er\b")
_ADDRESS = re.compile(r"\A\s*(?:https?://|www\.)\S*")


def ocr_noise(text: str, rng: random.Random, keep: frozenset[str]) -> str:
    """Headings letter-spaced or cut, O for 0 in some years, « 1er » read « 1 er ». A word
    of an expected value (a name in capitals) is kept: no reader could rebuild it."""

    def heading(match: re.Match[str]) -> str:
        word = match.group()
        if word in keep:
            return word
        draw = rng.random()
        if draw < 0.15:
            return " ".join(word)
        if draw < 0.3:
            cut = rng.randrange(2, len(word) - 1)
            return f"{word[:cut]} {word[cut:]}"
        return word

    def year(match: re.Match[str]) -> str:
        return match.group().replace("0", "O") if rng.random() < 0.3 else match.group()

    address = _ADDRESS.match(text)  # the file's address glued in front is no heading
    head, text = (address.group(), text[address.end() :]) if address else ("", text)
    text = _HEADING_WORD.sub(heading, text)
    text = _YEAR.sub(year, text)
    return head + _FIRST.sub("1 er", text)


TRANSFORMS: dict[str, Transform] = {
    "aplati": flattened,
    "relimité 60": rewrapped(60),
    "relimité 110": rewrapped(110),
    "paragraphes": paragraphs,
    "bruit OCR": ocr_noise,
}


def _kept(expected: dict) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", json.dumps(expected, ensure_ascii=False)))


def score(
    pairs: list[tuple[Path, dict]], transform: Transform | None, seed: int
) -> dict[str, list[int]]:
    """(right, stated, expected) items per member over all documents."""
    items: dict[str, list[int]] = {}
    for path, expected in pairs:
        data = path.read_bytes()
        if transform is not None:
            draw = random.Random(f"{seed}:{path.name}")
            text = transform(data.decode("utf-8"), draw, _kept(expected))
            data = text.encode("utf-8")
        got = extract(data, path.name).key_terms
        for member, value in expected.items():
            tally = items.setdefault(member, [0, 0, 0])
            for index, figure in enumerate(counts(member, value, got.get(member))):
                tally[index] += figure
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--texts", type=Path, default=None)
    parser.add_argument("--only", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", help="print one transformed document (its name) and stop")
    options = parser.parse_args(argv)
    pairs = documents(options.folders, options.texts)
    if options.only is not None:
        keep = {line.strip() for line in options.only.read_text().splitlines() if line.strip()}
        pairs = [(p, e) for p, e in pairs if p.stem in keep]
    pairs = [p for p in pairs if p[0].suffix in (".txt", ".md")]
    if options.show:
        path, expected = next((p, e) for p, e in pairs if p.stem == options.show)
        text = path.read_text(encoding="utf-8")
        kept = _kept(json.loads(expected.read_text(encoding="utf-8")))
        for name, transform in TRANSFORMS.items():
            draw = random.Random(f"{options.seed}:{path.name}")
            print(f"--- {name}\n{transform(text, draw, kept)}")
        return 0
    loaded = [(p, json.loads(e.read_text(encoding="utf-8"))) for p, e in pairs]
    columns = {"original": score(loaded, None, options.seed)}
    for name, transform in TRANSFORMS.items():
        columns[name] = score(loaded, transform, options.seed)
    members = list(columns["original"])
    print(f"{len(loaded)} documents, F1 par membre")
    print(f"  {'membre':30} " + " ".join(f"{name:>12}" for name in columns))
    for member in members:
        figures = [scores(*columns[name][member])[2] for name in columns]
        print(f"  {member:30} " + " ".join(f"{f:12.2f}" for f in figures))
    overall = []
    for column in columns.values():
        overall.append(scores(*[sum(t[i] for t in column.values()) for i in range(3)])[2])
    print(f"  {'ensemble (éléments)':30} " + " ".join(f"{f:12.2f}" for f in overall))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
