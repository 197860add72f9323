"""What the readers of the parties share: a party's block, the words of a mandate, the end
of a clause."""

from __future__ import annotations

from dataclasses import dataclass

from pacte.extraction.lazy import lazy

_MANDATE = lazy(
    r"(?:habilite(?:e)?|autorise(?:e)?|mandate(?:e)?|agissant|en vertu|en application|conformement)[^.;]*?\b(deliberation|decision)\b"
)


@dataclass(frozen=True)
class PartyBlock:
    start: int
    end: int


def _clause_end(text: str, start: int, end: int) -> int:
    """End of the clause from ``start``: a comma, a semicolon or a blank line (a name may wrap)."""
    match = lazy(r"[,;]|\n[ \t]*\n").search(text, start, end)
    return match.start() if match else end
