"""Searching a long text for an expression that opens with assertions (``\\b``,
lookbehinds, ``(?:^|(?<=\\s))``): from the same expression without them.

The matcher skips quickly to where a match may start when the expression opens with a
literal or a class of characters (``\\d``, ``[A-Z]``), but not when it opens with an
assertion, a group or a repeat (``(\\d{1,3})``): it is then tried at every position (about
0.3 ms on 20 kB). Without its opening assertions, its groups opened and the first time of
a repeat written out (its ``head``), an expression matches wherever it matched, and
elsewhere too: the head, which the matcher skips through fast, finds the places to try
the whole expression. The same matches, in the same order, as ``finditer`` and
``search`` give.

>>> import re
>>> head = stripped_head(r"(?<![\\d/.,])\\b(\\d{1,3})[ \\t]+membres", 0)
>>> head.pattern is None, head.search("le 12 mai, 15 membres").span()
(True, (11, 21))
>>> stripped_head(r"[0-9] membres", 0) is None  # the matcher skips to a figure itself
True
>>> pattern = re.compile(r"(?<![\\d/.,])\\b(\\d{1,3})[ \\t]+membres")
>>> text = "sur 19/12 membres : 12 membres et 3 membres"
>>> [m.span() for m in find_all(pattern, head, text, 0, len(text))]
[(20, 30), (34, 43)]
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

from pacte.extraction import sre_code

_parser: Any = None
_compiler: Any = None
_constants: Any = None
try:  # the parser and compiler of the ``re`` module (another Python: searched as usual)
    _parser = importlib.import_module("re._parser")
    _compiler = importlib.import_module("re._compiler")
    _constants = importlib.import_module("re._constants")
except ImportError:
    pass

_AT_START: tuple[Any, ...] = ()
if _constants is not None:
    _AT_START = (
        (_constants.AT, _constants.AT_BEGINNING),
        (_constants.AT, _constants.AT_BEGINNING_STRING),
    )

MIN_BUDGET = 8
"""Places tried in a short text before searching it as usual."""
CANDIDATE_COST = 60
"""Trying the whole expression where its head matches costs about as much as the
matcher's going through this many characters: past one place every this many characters,
the text is searched as usual."""


def stripped_head(pattern: str, flags: int, parsed: Any = None) -> re.Pattern[str] | None:
    """The expression without its opening assertions, when that lets the matcher skip to
    where it may start (a literal or a class of characters first); else ``None``."""
    entry = head_entry(pattern, flags, parsed)
    return None if entry is None else sre_code.from_code(None, entry)


def head_entry(pattern: str, flags: int, parsed: Any = None) -> sre_code.Entry | None:
    """The matcher's code of ``stripped_head`` (kept by ``lazy`` from one process to the
    next)."""
    if _parser is None or not sre_code.AVAILABLE:
        return None
    try:
        parsed = parsed or _parser.parse(pattern, flags)
        items = list(parsed.data)
        if _refers(items):  # a group opened for the head would be referred to unset
            return None
        if items and items[0] in _AT_START and not (flags | parsed.state.flags) & re.MULTILINE:
            return None  # tried at the start only: nothing to gain
        if _skipped_to(_compiler._code(parsed, flags)):  # the matcher skips already
            return None
        opened = _opened(parsed.state, items)
        if not opened:
            return None
        head = _parser.SubPattern(parsed.state, opened)
        if head.getwidth()[0] == 0:  # a match of the head may be empty
            return None
        entry = sre_code.entry_of(head, flags)
    except Exception:  # an expression the parser refuses, another matcher: as usual
        return None
    return entry if _skipped_to(sre_code.code_list(entry)) else None


def _skipped_to(code: list[Any]) -> bool:
    """Whether the matcher skips to where the compiled expression may start (it knows
    the literal or the class of characters it starts with)."""
    return bool(
        code
        and code[0] == _constants.INFO
        and code[2] & (_constants.SRE_INFO_PREFIX | _constants.SRE_INFO_CHARSET)
    )


def _refers(items: list[Any]) -> bool:
    """Whether the items refer to a group (``(?P=name)``, ``\\1``, ``(?(1)…)``)."""
    c = _constants
    for op, av in items:
        if op is c.GROUPREF or op is c.GROUPREF_EXISTS:
            return True
        if op is c.SUBPATTERN and _refers(list(av[3].data)):
            return True
        if op is c.BRANCH and any(_refers(list(b.data)) for b in av[1]):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and _refers(list(av[2].data)):
            return True
        if op in (c.ASSERT, c.ASSERT_NOT) and _refers(list(av[1].data)):
            return True
        if op is c.ATOMIC_GROUP and _refers(list(av.data)):
            return True
    return False


def _opened(state: Any, items: list[Any]) -> list[Any]:
    """Items matching wherever these do, with what they open with laid out for the
    matcher to see it: opening assertions left out, groups opened (the places they take
    do not matter here), a repeat's first time written out (``\\d{1,3}`` →
    ``\\d\\d{0,2}``), each alternative opened in turn."""
    c = _constants
    for _ in range(12):
        if not items:
            break
        op, av = items[0]
        if _zero_width(items[0]):  # the head matches wherever the expression does
            items = items[1:]
        elif op is c.SUBPATTERN and not av[1] and not av[2]:
            items = list(av[3].data) + items[1:]
        elif (op is c.MAX_REPEAT or op is c.MIN_REPEAT) and av[0] >= 1:
            low, high, sub = av
            more = high if high == c.MAXREPEAT else high - 1
            items = [*sub.data, (op, (low - 1, more, sub)), *items[1:]]
        elif op is c.BRANCH:
            branches = [_parser.SubPattern(state, _opened(state, list(b.data))) for b in av[1]]
            items = [(op, (av[0], branches)), *items[1:]]
            break
        else:
            break
    return items


def _zero_width(item: tuple[Any, Any]) -> bool:
    """Whether an item of a parsed expression matches no character: an assertion, or a
    group (without flags) or alternatives made of assertions only."""
    c = _constants
    op, av = item
    if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
        return True
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return not add_flags and not del_flags and all(map(_zero_width, sub.data))
    if op is c.BRANCH:
        return all(branch.data and all(map(_zero_width, branch.data)) for branch in av[1])
    return False


def find_all(
    compiled: re.Pattern[str], head: re.Pattern[str], string: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """``compiled.finditer(string, pos, endpos)``, tried only where ``head`` matches."""
    search, match = head.search, compiled.match
    budget = max(MIN_BUDGET, (endpos - pos) // CANDIDATE_COST)
    at = pos
    while (candidate := search(string, at, endpos)) is not None:
        start = candidate.start()
        budget -= 1
        if budget < 0:  # no match starts before ``start``: the rest as usual
            yield from compiled.finditer(string, start, endpos)
            return
        found = match(string, start, endpos)
        if found is None:
            at = start + 1
        else:
            yield found
            at = found.end()  # never empty: the head takes a character at least


def find_first(
    compiled: re.Pattern[str], head: re.Pattern[str], string: str, pos: int, endpos: int
) -> re.Match[str] | None:
    """``compiled.search(string, pos, endpos)``, tried only where ``head`` matches."""
    return next(find_all(compiled, head, string, pos, endpos), None)


def present(head: re.Pattern[str], string: str, pos: int, endpos: int) -> bool:
    """Whether the head matches in ``string[pos:endpos]`` (else the expression does not)."""
    return head.search(string, pos, endpos) is not None
