"""The matcher's code of a parsed expression, and an expression built back from it.

``re.compile`` parses an expression in Python (``re._parser``), turns it into the
matcher's code (``re._compiler._code``) and hands that to the matcher (``_sre.compile``).
The code, with the flags and groups that go with it (an ``Entry``), is plain data: kept
in a file (``lazy``'s cache), it builds the same expression in another process without
parsing it again.

>>> import re
>>> entry = entry_of(_parser.parse(r"(?P<n>\\d+) ans", 0), 0)
>>> built = from_code(r"(?P<n>\\d+) ans", entry)
>>> built.search("pour 3 ans").group("n"), built.groupindex == re.compile(r"(?P<n>\\d+) ans").groupindex
('3', True)
"""

from __future__ import annotations

import importlib
import re
from array import array
from typing import Any

_sre: Any = None
_compiler: Any = None
_parser: Any = None
_CODE = "I"
try:  # the matcher's own constructor, as ``re._compiler.compile`` calls it
    _sre = importlib.import_module("_sre")
    _compiler = importlib.import_module("re._compiler")
    _parser = importlib.import_module("re._parser")
    _CODE = "I" if array("I").itemsize == _sre.CODESIZE else "L"
except (ImportError, AttributeError):  # another Python: compile as usual
    _sre = None

AVAILABLE = _sre is not None
"""Whether this Python lets expressions be built from their code."""


def engine_tag() -> str:
    """The matcher's version and code size: code kept for another one is not its own."""
    return f"{_sre.MAGIC}-{_sre.CODESIZE}"


def parse(pattern: str, flags: int) -> Any:
    """The parsed expression (``re._parser.parse``)."""
    return _parser.parse(pattern, flags)


Entry = tuple[int, bytes, int, dict[str, int], tuple["str | None", ...]]
"""(flags, code, groups, group index, index group) of a compiled expression."""


def entry_of(parsed: Any, flags: int) -> Entry:
    """The code of a parsed expression (or part of one), as ``re._compiler.compile``
    computes it."""
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags) | parsed.state.flags,
        array(_CODE, code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def code_list(entry: Entry) -> list[int]:
    """The matcher's code of an entry, as a list of numbers."""
    return array(_CODE, entry[1]).tolist()


def from_code(pattern: str | None, entry: Entry) -> re.Pattern[str]:
    """The expression built from its code (``pattern``: its text, ``None`` for a part of
    one, as ``re._compiler.compile`` gives a parsed part)."""
    flags, _, groups, groupindex, indexgroup = entry
    return _sre.compile(  # type: ignore[no-any-return]
        pattern, flags, code_list(entry), groups, groupindex, indexgroup
    )
