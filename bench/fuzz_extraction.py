"""Fuzz run: the whole extraction on N mutated documents must raise no exception.

The documents of tests/extraction/documents (and, when present beside the repository,
the seeds and the real acts of ../shared) are mutated at random the way real files
are damaged: case changed on a stretch (« PORTENT SUR »), line breaks removed or
glued, letters spaced by OCR (« C O N V E N T I O N »), spaces doubled, stretches cut
or repeated, clause fragments pasted anywhere. Each mutated text is normalised as a
reader would, extracted, and its JSON built.

Run by hand::

    .venv/bin/python bench/fuzz_extraction.py            # 20 000 inputs, seed 1
    .venv/bin/python bench/fuzz_extraction.py 327000 --seed 4

Prints the number of exceptions, grouped by where they were raised, with the first
input that raised each (written to var/fuzz/); exit status 1 when there is one.
Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from pacte.extraction.pipeline import extract_text
from pacte.extraction.readers import normalise
from pacte.extraction.text import clear_caches

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "tests" / "extraction" / "documents"
SHARED = ROOT.parent / "shared"
OUT = ROOT / "var" / "fuzz"

FRAGMENTS = [
    "Ces données portent sur le nombre de bénévoles, les publics accueillis et les actions.",
    "L'association s'engage à transmettre à la Ville les données et indicateurs d'activité.",
    "La présente convention est conclue pour une durée de 3 (trois) ans.",
    "baux d'une durée n'excédant pas neuf ans",
    "Elle prend effet le 1er janvier 2025 et s'achève le 31 décembre 2027.",
    "Le montant de la subvention s'élève à 120 000 euros, soit 5 600 € (70 %).",
    "Séance du 14 mars 2023\nEn exercice : 19 Présents : 15 Votants : 17",
    "présents : - représentés : 24 6",
    "Pouvoirs : M. DURAND à Mme PETIT ; M. MARTIN à M. LEROY",
    "sous la présidence de son Maire, Paul MARTIN,",
    "de Anne LEROY, Maire,",
    "le Maire Jean\nDURAND",
    "ci-après dénommée « la Ville »,",
    "X agissant en qualité de président",
    "La convention peut être dénoncée avec un préavis de trois mois.",
    "Elle est reconduite tacitement d'année en année, dans la limite de deux fois.",
    "Le comité de pilotage se réunit au moins deux fois par an.",
    "Fait à Lyon, le 3 mai 2011, en deux exemplaires.",
    "Article 4 : Durée\n\nARTICLE 5 - MONTANT\n\nArticle premier",
    "CONVE NTION DE PARTENARIAT",
    "Extrait des délibérations du Bureau communautaire",
    "SEANCE DU 1 4 MARS 2O23 PROCES-VERBAL",
    "parcelle AB 245",
    "Adopté à l'unanimité. Pour : 12 Contre : 3 Abstentions : 2",
    "1^{er} **ARTICLE 2** <ul><li>",
    "par 15 voix pour, 1 voix contre (M. DURAND) et 1 abstention (Mme LEROY),",
    "Vote : Pour 15 - Contre - Abstention 2023",
    "Contre : 2 Abstention : 1 Pour : 14",
    "décide d'attribuer une subvention de 360 € (30 € par élève)",
    "s'engage à soutenir le projet pour une dotation maximale de 4 000 000 €",
    "dûment habilité aux présentes, par délibération n° 2022-28 du comité syndical du",
    "VU la délibération du 17 mars 2026 autorisant le Président à signer la présente convention ;",
    "Conseillers en exercice 19 Présents 15 Votants 17 Présents (15) :",
    "Étaient présents les conseillers municipaux suivants : MM. NOIR, GRIS",
    "\f",
]
KINDS = (
    "upper",
    "lower",
    "title",
    "swapcase",
    "no_breaks",
    "glued",
    "spaced",
    "double_spaces",
    "fragment",
    "delete",
    "repeat",
    "tabs",
)


def sources() -> dict[str, str]:
    """Name → text of every document the run mutates."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCUMENTS.glob("*.txt"))}
    for folder in (SHARED / "seeds", SHARED / "corpus" / "actes"):
        texts |= {
            f"{folder.name}/{p.name}": p.read_text(encoding="utf-8")
            for p in sorted(folder.glob("*.txt"))
        }
    return texts


def mutate(text: str, rng: random.Random) -> str:
    """The text with one to eight random damages."""
    if rng.random() < 0.2:
        text = text.replace("\n", " ")  # a PDF text layer with its line breaks collapsed
    for _ in range(rng.randint(1, 8)):
        kind = rng.choice(KINDS)
        start = rng.randint(0, len(text))
        end = min(len(text), start + rng.choice((1, 5, 20, 80, 400, 3000)))
        piece = text[start:end]
        if kind == "upper":
            piece = piece.upper()
        elif kind == "lower":
            piece = piece.lower()
        elif kind == "title":
            piece = piece.title()
        elif kind == "swapcase":
            piece = piece.swapcase()
        elif kind == "no_breaks":
            piece = piece.replace("\n", " ")
        elif kind == "glued":
            piece = piece.replace("\n", "")
        elif kind == "spaced":
            piece = " ".join(piece)
        elif kind == "double_spaces":
            piece = piece.replace(" ", "  ")
        elif kind == "fragment":
            fragment = rng.choice(FRAGMENTS)
            fragment = rng.choice((fragment, fragment.upper(), fragment.lower()))
            piece = fragment + rng.choice(("", " ", "\n", "\n\n")) + piece
        elif kind == "delete":
            piece = ""
        elif kind == "repeat":
            piece = piece * 2
        elif kind == "tabs":
            piece = piece.replace(" ", "\t")
        text = text[:start] + piece + text[end:]
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=20_000, help="inputs (20 000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    args = parser.parse_args()
    texts = sources()
    names = sorted(texts)
    rng = random.Random(args.seed)
    failures: Counter[str] = Counter()
    examples: dict[str, tuple[str, str]] = {}
    started = time.perf_counter()
    for index in range(args.count):
        name = rng.choice(names)
        text = normalise(mutate(texts[name], rng))
        try:
            extract_text(text, "document.txt").as_json()
        except Exception as error:
            frame = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{type(error).__name__} in {Path(frame.filename).name}:{frame.lineno}"
            failures[where] += 1
            examples.setdefault(where, (name, text))
        if index % 500 == 499:
            clear_caches()  # bounded memory over long runs
        if index % 5000 == 4999:
            print(f"  {index + 1} entrées, {sum(failures.values())} exceptions", file=sys.stderr)
    elapsed = time.perf_counter() - started
    total = sum(failures.values())
    print(
        f"{args.count} entrées (graine {args.seed}, {len(texts)} documents sources) "
        f"en {elapsed:.0f} s ({elapsed / max(args.count, 1) * 1000:.1f} ms par entrée) : "
        f"{total} exception{'s' if total > 1 else ''}"
    )
    if failures:
        OUT.mkdir(parents=True, exist_ok=True)
        for number, (where, count) in enumerate(failures.most_common(), 1):
            name, text = examples[where]
            path = OUT / f"exception-{number}.txt"
            path.write_text(text, encoding="utf-8")
            print(f"  {count} × {where} (premier cas : {name} muté, {path})")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
