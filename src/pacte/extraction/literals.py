"""Searching a long text for an expression from the literals its matches start with.

An expression that starts with ``\\b`` or a group of alternatives is tried by the matcher
at every position of the text (about 0.3 ms on 20 kB, whatever it looks for). When every
match of it starts with one of a few literals (``\\b(?:decide|approuve)\\s*:`` starts with
« decide » or « approuve »), the places where one stands are found by ``str.find``,
much faster, and the expression is only tried there: the same matches, in the same
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
>>> [m.span() for m in find_all(pattern, ("d'une pa",), text, 0, len(text))]
[(15, 25), (43, 53)]
"""

from __future__ import annotations

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
BEHIND = "\x00"
"""In a literal, after what stands just before the match (its lookbehind)."""
MIN_LENGTH = 4
"""Literals are not cut shorter than this to make them fewer."""
MAX_LITERALS = 64
"""Past this many ways to start, the literals are not looked for."""
MAX_KEPT = 24
"""An expression whose matches start with more literals (once cut) searches as usual."""
MIN_TEXT = 300
"""Shorter stretches of text (between the bounds given) are searched as usual, once
checked to hold one of the literals."""
MIN_BUDGET = 8
"""Places tried in a short text before searching it as usual."""
CANDIDATE_COST = 60
"""Trying the expression where a literal stands costs about as much as the matcher's
going through this many characters: past one place every this many characters, the text
is searched as usual."""

_Literals = set[str] | None
"""The strings every match starts with; ``None``: anything; a set holding "": unknown."""


def start_literals(pattern: str, flags: int, parsed: Any = None) -> tuple[str, ...] | None:
    """The literals (at most ``MAX_LENGTH`` characters) every match starts with, sorted;
    ``None`` when they are not known, too many or too short to help."""
    if _parser is None or flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        parsed = parsed or _parser.parse(pattern, flags)
    except Exception:  # an expression the parser refuses is searched as usual
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    if _scanned_fast(parsed):
        return None
    return literals_of(list(parsed.data), parsed.getwidth()[0])


def literals_of(items: list[Any], least: int) -> tuple[str, ...] | None:
    """The literals the matches of parsed ``items`` start with (``start_literals``);
    ``least``: the fewest characters a match takes."""
    for room in (MAX_LENGTH, MIN_LENGTH + 1, MIN_LENGTH):  # shorter when too many ways
        try:
            found = _prefixes(items, 0, room)
            break
        except _Unknown:
            continue
    else:
        return None
    if not found or "" in found or min(len(lit.replace(BEHIND, "")) for lit in found) < 2:
        return None
    if any(BEHIND in lit for lit in found) and least == 0:
        return None  # a match may be empty: the places after it are not known
    # each literal costs a pass of ``str.find`` over the text: as few as can be, cut
    # shorter when that makes fewer (« adopte », « adoptee », « adoptes » → « adopte »)
    behind = _fewest({lit for lit in found if BEHIND in lit})
    ahead = {lit for lit in found if BEHIND not in lit}
    best = _fewest(ahead)
    for length in range(MAX_LENGTH - 1, MIN_LENGTH - 1, -1):
        cut = _fewest({literal[:length] for literal in ahead})
        if len(cut) < len(best):
            best = cut
    kept = best + behind
    return Literals(kept) if len(kept) <= MAX_KEPT else None


def _scanned_fast(parsed: Any) -> bool:
    """Whether the expression starts with a literal or a class of characters, which the
    matcher itself skips to (as ``re._compiler`` finds its prefix)."""
    items = parsed.data
    while items and items[0][0] is _constants.SUBPATTERN:
        items = items[0][1][3].data
    return bool(items) and items[0][0] in (_constants.LITERAL, _constants.IN)


def _fewest(literals: set[str]) -> tuple[str, ...]:
    """The literals without those that start with another (found with it), sorted."""
    kept: list[str] = []
    for literal in sorted(literals):
        if not (kept and literal.startswith(kept[-1])):
            kept.append(literal)
    return tuple(kept)


class _Unknown(Exception):
    """A part of the expression whose first characters are not known."""


def _prefixes(items: list[Any], index: int, room: int, fresh: bool = True) -> set[str]:
    """The literals a match of ``items[index:]`` starts with, cut at ``room`` characters;
    {""} when a match may start with anything (or be empty). ``fresh``: nothing taken
    yet, where a lookbehind of literals tells what stands just before the match (a
    literal then holds it, then ``BEHIND``, then what the match starts with)."""
    c = _constants
    if room == 0 or index == len(items):
        return {""}
    op, av = items[index]
    rest = items[index + 1 :]
    if op is c.LITERAL:
        return _joined({chr(av)}, rest, room)
    if op is c.ASSERT and av[0] < 0 and fresh and _all_literals(av[1].data):
        before = "".join(chr(code) for _, code in av[1].data)
        return {before + BEHIND + tail for tail in _prefixes(items, index + 1, room, False)}
    if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:  # zero-width: what follows
        return _prefixes(items, index + 1, room, fresh)
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown
        return _prefixes(list(sub.data) + rest, 0, room, fresh)
    if op is c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            found |= _prefixes(list(branch.data) + rest, 0, room, fresh)
            _check(found)
        return found
    if op is c.MAX_REPEAT or op is c.MIN_REPEAT or op is c.POSSESSIVE_REPEAT:
        low, high, sub = av
        if high == 1:  # once or not at all: what follows is known
            found = _prefixes(list(sub.data) + rest, 0, room, fresh)
        else:  # what follows the first time is not known
            found = _prefixes(list(sub.data), 0, room, fresh)
        if low == 0:
            found |= _prefixes(items, index + 1, room, fresh)
        _check(found)
        return found
    if op is c.IN and all(kind is c.LITERAL for kind, _ in av):
        return _joined({chr(code) for _, code in av}, rest, room)
    return {""}


def _all_literals(items: Any) -> bool:
    return bool(items) and all(op is _constants.LITERAL for op, _ in items)


def _joined(heads: set[str], rest: list[Any], room: int) -> set[str]:
    tails = _prefixes(rest, 0, room - 1, False)
    found = {head + tail for head in heads for tail in tails}
    _check(found)
    return found


def _check(found: set[str]) -> None:
    if len(found) > MAX_LITERALS:
        raise _Unknown


def find_all(
    compiled: re.Pattern[str], literals: tuple[str, ...], string: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """``compiled.finditer(string, pos, endpos)``, tried only where a literal stands (as
    ``finditer`` when they stand too often)."""
    starts = _starts(literals, string, pos, endpos)
    if starts is None:
        return compiled.finditer(string, pos, endpos)
    return _matches(compiled, starts, string, endpos)


def _matches(
    compiled: re.Pattern[str], starts: list[int], string: str, endpos: int
) -> Iterator[re.Match[str]]:
    match = compiled.match
    after = 0
    for start in starts:
        if start < after:
            continue
        found = match(string, start, endpos)
        if found is not None:
            yield found
            after = found.end()  # never empty: a match holds its literal


def find_first(
    compiled: re.Pattern[str], literals: tuple[str, ...], string: str, pos: int, endpos: int
) -> re.Match[str] | None:
    """``compiled.search(string, pos, endpos)``, tried only where a literal stands."""
    return next(find_all(compiled, literals, string, pos, endpos), None)


def present(literals: tuple[str, ...], string: str, pos: int, endpos: int) -> bool:
    """Whether one of the literals stands in ``string[pos:endpos]`` (else no match)."""
    find = string.find
    for needle, behind in _needles(literals):
        if find(needle, pos - behind if pos > behind else 0, endpos) != -1:
            return True
    return False


class Literals(tuple[str, ...]):
    """Literals, with each one's string to find and how far before the match it starts
    (worked out once)."""

    needles: tuple[tuple[str, int], ...]

    def __new__(cls, literals: tuple[str, ...] | list[str]) -> Literals:
        made = super().__new__(cls, literals)
        made.needles = _needles_of(made)
        return made


def _needles(literals: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    return literals.needles if isinstance(literals, Literals) else _needles_of(literals)


def _needles_of(literals: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    return tuple(
        (literal.replace(BEHIND, ""), max(literal.find(BEHIND), 0)) for literal in literals
    )


def _starts(literals: tuple[str, ...], string: str, pos: int, endpos: int) -> list[int] | None:
    """Where the literals stand in ``string[pos:endpos]``, in order, each place once;
    ``None`` past one every ``CANDIDATE_COST`` characters."""
    budget = (endpos - pos) // CANDIDATE_COST
    if budget < MIN_BUDGET:
        budget = MIN_BUDGET
    find = string.find
    starts: list[int] = []
    for needle, behind in _needles(literals):
        at = find(needle, pos - behind if pos > behind else 0, endpos)
        while at != -1:
            starts.append(at + behind)
            at = find(needle, at + 1, endpos)
        if len(starts) > budget:
            return None
    if len(literals) > 1:
        starts = sorted(set(starts))
    return starts
