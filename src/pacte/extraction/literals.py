"""Searching a long text for an expression from the literals its matches start with.

An expression that starts with ``\\b`` or a group of alternatives is tried by the matcher
at every position of the text (about 0.3 ms on 20 kB, whatever it looks for). When every
match of it starts with one of a few literals (``\\b(?:decide|approuve)\\s*:`` starts with
« decide » or « approuve »), those literals are found with ``str.find``, much faster, and
the expression is only tried where one of them stands: the same matches, in the same
order, as ``finditer`` and ``search`` would give (``\\b`` and lookbehinds still look at
the characters before, the whole string being given to the matcher).

>>> import re
>>> start_literals(r"\\b(?:decide|delibere|approuve)\\s*:", 0)
('approuve', 'decide', 'delibere')
>>> start_literals(r"\\b(?:projet de )?contrats?\\b", 0)
('contrat', 'projet d')
>>> start_literals(r"\\d+ pour", 0) is None, start_literals(r"\\bvu\\b", re.IGNORECASE) is None
(True, True)
>>> pattern = re.compile(r"\\bd'une part\\b")
>>> text = "entre la ville d'une part et l'association d'une part"
>>> [m.span() for m in find_all(pattern, ("d'une part",), text, 0, len(text))]
[(15, 25), (43, 53)]
"""

from __future__ import annotations

import heapq
import importlib
import re
from collections.abc import Iterator
from typing import Any

_parser: Any = None
_constants: Any = None
try:  # the parser of the ``re`` module (``sre_parse`` before Python 3.11)
    _parser = importlib.import_module("re._parser")
    _constants = importlib.import_module("re._constants")
except ImportError:  # another Python: no literals, the expressions search as usual
    pass

MAX_LENGTH = 8
"""Literals are cut at this length: enough to be rare in a text."""
MAX_LITERALS = 16
"""An expression whose matches may start in more ways searches as usual."""
MIN_TEXT = 1000
"""Texts shorter than this (between the bounds given) are searched as usual."""
MAX_DENSITY = 100
"""The literals must stand no more often than once every this many characters."""

_Literals = set[str] | None
"""The strings every match starts with; ``None``: anything; a set holding "": unknown."""


def start_literals(pattern: str, flags: int) -> tuple[str, ...] | None:
    """The literals (at most ``MAX_LENGTH`` characters) every match starts with, sorted;
    ``None`` when they are not known, too many or too short to help."""
    if _parser is None or flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:  # an expression the parser refuses is searched as usual
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        found = _prefixes(list(parsed.data), 0, MAX_LENGTH)
    except _Unknown:
        return None
    if not found or "" in found or len(found) > MAX_LITERALS or min(map(len, found)) < 2:
        return None
    kept: list[str] = []
    for literal in sorted(found):  # one that starts with another is found by it
        if not (kept and literal.startswith(kept[-1])):
            kept.append(literal)
    return tuple(kept)


class _Unknown(Exception):
    """A part of the expression whose first characters are not known."""


def _prefixes(items: list[Any], index: int, room: int) -> set[str]:
    """The literals a match of ``items[index:]`` starts with, cut at ``room`` characters;
    {""} when a match may start with anything (or be empty)."""
    c = _constants
    if room == 0 or index == len(items):
        return {""}
    op, av = items[index]
    rest = items[index + 1 :]
    if op is c.LITERAL:
        return _joined({chr(av)}, rest, room)
    if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:  # zero-width: what follows
        return _prefixes(items, index + 1, room)
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown
        return _prefixes(list(sub.data) + rest, 0, room)
    if op is c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            found |= _prefixes(list(branch.data) + rest, 0, room)
            _check(found)
        return found
    if op is c.MAX_REPEAT or op is c.MIN_REPEAT or op is c.POSSESSIVE_REPEAT:
        low, high, sub = av
        if high == 1:  # once or not at all: what follows is known
            found = _prefixes(list(sub.data) + rest, 0, room)
        else:  # what follows the first time is not known
            found = _prefixes(list(sub.data), 0, room)
        if low == 0:
            found |= _prefixes(items, index + 1, room)
        _check(found)
        return found
    if op is c.IN and all(kind is c.LITERAL for kind, _ in av):
        return _joined({chr(code) for _, code in av}, rest, room)
    return {""}


def _joined(heads: set[str], rest: list[Any], room: int) -> set[str]:
    tails = _prefixes(rest, 0, room - 1)
    found = {head + tail for head in heads for tail in tails}
    _check(found)
    return found


def _check(found: set[str]) -> None:
    if len(found) > MAX_LITERALS:
        raise _Unknown


def find_all(
    compiled: re.Pattern[str], literals: tuple[str, ...], string: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """``compiled.finditer(string, pos, endpos)``, tried only where a literal stands."""
    starts = _starts(literals, string, pos, endpos)
    after = pos
    for start in starts:
        if start < after:
            continue
        match = compiled.match(string, start, endpos)
        if match is not None:
            yield match
            after = match.end()  # never empty: a match holds its literal


def find_first(
    compiled: re.Pattern[str], literals: tuple[str, ...], string: str, pos: int, endpos: int
) -> re.Match[str] | None:
    """``compiled.search(string, pos, endpos)``, tried only where a literal stands."""
    for start in _starts(literals, string, pos, endpos):
        match = compiled.match(string, start, endpos)
        if match is not None:
            return match
    return None


def worth_it(literals: tuple[str, ...], string: str, pos: int, endpos: int) -> bool:
    """Whether the text is long enough and the literals rare enough in it."""
    length = endpos - pos
    if length < MIN_TEXT:
        return False
    budget = length // MAX_DENSITY
    for literal in literals:
        budget -= string.count(literal, pos, endpos)
        if budget < 0:
            return False
    return True


def _starts(literals: tuple[str, ...], string: str, pos: int, endpos: int) -> Iterator[int]:
    """Where the literals stand in ``string[pos:endpos]``, in order (each place once)."""
    if len(literals) == 1:
        return _occurrences(literals[0], string, pos, endpos)
    return _unique(heapq.merge(*(_occurrences(lit, string, pos, endpos) for lit in literals)))


def _occurrences(literal: str, string: str, pos: int, endpos: int) -> Iterator[int]:
    find = string.find
    at = find(literal, pos, endpos)
    while at != -1:
        yield at
        at = find(literal, at + 1, endpos)


def _unique(starts: Iterator[int]) -> Iterator[int]:
    last = -1
    for start in starts:
        if start != last:
            yield start
            last = start
