"""Regular expressions compiled on first use.

The extraction holds some 450 expressions; compiling them all when the package is
imported took half of a ``pacte extract`` process, and a document uses about half of them
(a convention does not need the attendance readers, a deliberation not the clause
readers). ``lazy`` returns an object that behaves as the compiled expression and compiles
it the first time one of its methods is used. Every lazy expression of the package is
compiled by a test, so that a mistake in one still fails before a user meets it.
"""

from __future__ import annotations

import re
from typing import Any, cast


class LazyPattern:
    """A pattern compiled when first used; ``pattern`` is known without compiling."""

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self._flags)
        return compiled

    def __getattr__(self, name: str) -> Any:
        # search, match, finditer, sub, flags, groupindex…: those of the compiled pattern
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the expression is first used.

    >>> WORD = lazy(r"\\bconvention\\b", re.IGNORECASE)
    >>> WORD.pattern, WORD.search("La Convention signée").group()
    ('\\\\bconvention\\\\b', 'Convention')
    """
    return cast(re.Pattern[str], LazyPattern(pattern, flags))


def made_by(match: re.Match[str], pattern: re.Pattern[str]) -> bool:
    """Whether ``match`` was found by ``pattern``, lazy or not (``match.re`` is the compiled
    expression, never the lazy one that stands for it).

    >>> PAIR = lazy(r"\\d+ pour")
    >>> made_by(PAIR.search("par 14 pour"), PAIR), made_by(re.search("x", "x"), PAIR)
    (True, False)
    """
    compiled = pattern.compiled if isinstance(pattern, LazyPattern) else pattern
    return match.re is compiled
