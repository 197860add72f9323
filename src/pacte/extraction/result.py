"""What an extraction produces: terms as data, the span of every value, and notes.

``data`` follows the shape of ``pacte.terms.Convention`` (plain JSON types); ``spans``
maps a terms path (« parties[0].organisation.name ») to where its value was read.

>>> found = Found(text="Durée : 3 ans")
>>> found.put("term.duration", {"value": 3, "unit": "year"}, 8, 13)
>>> found.data, found.spans["term.duration"].quote(found.text)
({'term': {'duration': {'value': 3, 'unit': 'year'}}}, '3 ans')
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pacte.extraction.lazy import lazy

_PART = lazy(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Span:
    """Where a value was read: offsets in the normalised text, and how sure we are."""

    start: int
    end: int
    confidence: float = 0.9

    def quote(self, text: str) -> str:
        return text[self.start : self.end]


@lru_cache(maxsize=4096)
def _parts(path: str) -> tuple[str | int, ...]:
    """The names and indices of a path, read once per path (a pure function of it)."""
    return tuple(name if name else int(index) for name, index in _PART.findall(path))


@dataclass
class Found:
    """Extracted values being gathered, with their spans and the notes for the reviewer."""

    text: str
    data: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    marks: dict[str, int] = field(default_factory=dict)
    """Offsets found by one stage for another (where a report starts…), not terms."""

    def put(
        self,
        path: str,
        value: Any,
        start: int | None = None,
        end: int | None = None,
        confidence: float = 0.9,
    ) -> None:
        """Set the value at ``path`` (creating parents), and its span when given."""
        parts = _parts(path)
        node: Any = self.data
        for part, following in itertools.pairwise(parts):
            empty: Any = [] if isinstance(following, int) else {}
            if isinstance(part, int):
                while len(node) <= part:
                    node.append([] if isinstance(following, int) else {})
                node = node[part]
            else:
                node = node.setdefault(part, empty)
        last = parts[-1]
        if isinstance(last, int):
            while len(node) <= last:
                node.append(None)
            node[last] = value
        else:
            node[last] = value
        if start is not None and end is not None:
            self.spans[path] = Span(start, end, confidence)

    def get(self, path: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in _parts(path):
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)
