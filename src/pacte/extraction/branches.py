"""Searching a long text for an expression made of alternatives, each found its own way.

An expression whose alternatives start differently (« en exercice … (\\d+) » or
« (?<![\\d/.,])\\b(\\d+) … en exercice ») has neither literals every match starts with
(``literals``) nor a head the matcher skips through (``heads``), but each alternative may
have one or the other. The places where one of them may start, found each its own way,
are where the whole expression is tried: the same matches, in the same order, as
``finditer`` and ``search`` give.

>>> import re
>>> pattern = re.compile(r"(?:presents)\\s*:\\s*(\\d+)|(?<![\\d/.,])\\b(\\d+)\\s+presents")
>>> starts = branch_starts(pattern.pattern, 0)
>>> starts[0], [head.pattern for head in starts[1]]
(('presents',), [None])
>>> text = "Presents : 12 ; 1/15 presents ; presents : 14 et 13 presents"
>>> [m.span() for m in find_all(pattern, starts, text.lower(), 0, len(text))]
[(0, 13), (32, 45), (49, 60)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pacte.extraction import heads, literals, sre_code

Starts = tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]
"""The literals some alternatives start with, and the heads of the others."""

MIN_BUDGET = 8
CANDIDATE_COST = 60
"""As in ``literals``: past one place every this many characters, searched as usual."""


def branch_starts(pattern: str, flags: int, parsed: Any = None) -> Starts | None:
    """How each alternative of the expression is found (``None``: one cannot be)."""
    entries = branch_entries(pattern, flags, parsed)
    if entries is None:
        return None
    found, heads_code = entries
    return found, tuple(sre_code.from_code(None, entry) for entry in heads_code)


def branch_entries(
    pattern: str, flags: int, parsed: Any = None
) -> tuple[literals.Literals, tuple[sre_code.Entry, ...]] | None:
    """``branch_starts`` with the heads as the matcher's code (kept by ``lazy`` from one
    process to the next)."""
    c, parser, compiler = heads._constants, heads._parser, heads._compiler
    if parser is None or not sre_code.AVAILABLE or flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        parsed = parsed or parser.parse(pattern, flags)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE) or parsed.getwidth()[0] == 0:
            return None
        items = list(parsed.data)
        if heads._refers(items) or heads._skipped_to(compiler._code(parsed, flags)):
            return None
        items = heads._opened(parsed.state, items)  # may end with the alternatives
        if not items or items[0][0] is not c.BRANCH:
            return None
        rest = items[1:]
        found: list[str] = []
        starts: list[sre_code.Entry] = []
        for branch in items[0][1][1]:
            sequence = [*branch.data, *rest]
            width = parser.SubPattern(parsed.state, sequence).getwidth()[0]
            if width == 0:
                return None
            some = literals.literals_of(sequence, width)
            if some is not None:
                found.extend(some)
                continue
            head = parser.SubPattern(parsed.state, heads._opened(parsed.state, sequence))
            if head.getwidth()[0] == 0 or not heads._skipped_to(compiler._code(head, flags)):
                return None
            starts.append(sre_code.entry_of(head, flags))
    except Exception:  # an expression the parser refuses, another matcher: as usual
        return None
    found = list(dict.fromkeys(found))
    if not starts or not found or len(found) > literals.MAX_KEPT:
        return None  # one way only (``literals`` or ``heads`` does it), or too many
    return literals.Literals(found), tuple(starts)


def _places(starts: Starts, string: str, pos: int, endpos: int) -> list[int] | None:
    """Where an alternative may start, in order, each place once; ``None`` past the
    budget."""
    budget = max(MIN_BUDGET, (endpos - pos) // CANDIDATE_COST)
    found = literals._starts(starts[0], string, pos, endpos)
    if found is None:
        return None
    places = set(found)
    for head in starts[1]:
        search = head.search
        at = pos
        while (match := search(string, at, endpos)) is not None:
            places.add(match.start())
            if len(places) > budget:
                return None
            at = match.start() + 1
    return sorted(places)


def find_all(
    compiled: re.Pattern[str], starts: Starts, string: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """``compiled.finditer(string, pos, endpos)``, tried only where an alternative may
    start."""
    places = _places(starts, string, pos, endpos)
    if places is None:
        return compiled.finditer(string, pos, endpos)
    return literals._matches(compiled, places, string, endpos)


def find_first(
    compiled: re.Pattern[str], starts: Starts, string: str, pos: int, endpos: int
) -> re.Match[str] | None:
    """``compiled.search(string, pos, endpos)``, tried only where an alternative may
    start."""
    return next(find_all(compiled, starts, string, pos, endpos), None)


def present(starts: Starts, string: str, pos: int, endpos: int) -> bool:
    """Whether an alternative may start in ``string[pos:endpos]`` (else no match)."""
    return literals.present(starts[0], string, pos, endpos) or any(
        head.search(string, pos, endpos) is not None for head in starts[1]
    )
