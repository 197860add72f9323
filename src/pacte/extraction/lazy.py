"""Regular expressions compiled on first use.

The extraction holds some 450 expressions; compiling them all when the package is
imported took half of a ``pacte extract`` process, and a document uses about half of them
(a convention does not need the attendance readers, a deliberation not the clause
readers). ``lazy`` returns an object that behaves as the compiled expression and compiles
it the first time one of its methods is used. Every lazy expression of the package is
compiled by a test, so that a mistake in one still fails before a user meets it.

Compiling is parsing the expression in Python (``re._parser``) and turning it into the
matcher's code: a third of a ``pacte extract`` process even when lazy. The code of each
expression compiled is kept in a cache file (``regex_cache_path``: one per Python
version and matcher), so that the next process builds its expressions from the code
instead of parsing them again. The cache is only an accelerator: missing, unreadable,
written by another version or refused by the matcher, the expression is compiled as
``re.compile`` does; ``PACTE_REGEX_CACHE=0`` turns it off.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, cast

from pacte.extraction import branches, heads, literals, sre_code
from pacte.extraction.branches import branch_entries
from pacte.extraction.heads import head_entry
from pacte.extraction.literals import MIN_TEXT, Literals, start_literals
from pacte.extraction.sre_code import entry_of, from_code

Starts = tuple[Any, ...]
"""Where an expression's matches may start, as kept in the cache: ``("literals",
literals)``, ``("head", entry)``, ``("branches", literals, entries)`` or ``("none",)``."""
_MAX_ENTRIES = 5000
_cache: dict[tuple[Any, ...], Any] | None = None
_added: dict[tuple[Any, ...], Any] = {}


def regex_cache_path() -> Path | None:
    """The cache file of this Python and matcher (``None``: no cache).

    ``PACTE_REGEX_CACHE``: ``0`` for none, or the folder to keep it in; by default the
    user's cache folder (``$XDG_CACHE_HOME/pacte``, else ``~/.cache/pacte``)."""
    chosen = os.environ.get("PACTE_REGEX_CACHE", "")
    if not sre_code.AVAILABLE or chosen == "0":
        return None
    if chosen:
        folder = Path(chosen)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "pacte"
    tag = f"{sys.implementation.cache_tag}-{sre_code.engine_tag()}"
    return folder / f"expressions-{tag}.marshal"


def _cached() -> dict[tuple[Any, ...], Any]:
    global _cache
    if _cache is None:
        _cache = {}
        path = regex_cache_path()
        if path is not None:
            _cache = _read(path)
    return _cache


def _read(path: Path) -> dict[tuple[Any, ...], Any]:
    """The cache file's entries; none when it is missing or its checksum is wrong (the
    matcher takes code it cannot run right: a damaged file must never be used)."""
    try:
        digest, payload = marshal.loads(path.read_bytes())
        if hashlib.blake2b(payload, digest_size=16).digest() != digest:
            return {}
        entries = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cached code when there is some."""
    if not sre_code.AVAILABLE or regex_cache_path() is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    entry = _cached().get(key)
    if entry is not None:
        try:
            return from_code(pattern, entry)
        except Exception:  # refused by the matcher: compile as usual
            pass
    try:  # the steps of ``re._compiler.compile``, keeping the code
        entry = entry_of(sre_code.parse(pattern, int(flags)), int(flags))
        compiled = from_code(pattern, entry)
    except re.error:
        raise
    except Exception:  # the matcher changed: compile as usual
        return re.compile(pattern, flags)
    _keep(key, entry)
    return compiled


def _keep(key: tuple[Any, ...], value: Any) -> None:
    """Add to what this process writes to the cache file when it ends."""
    if not _added:
        atexit.register(regex_cache_write)
    _added[key] = value


def _learning_tag() -> str:
    """A digest of the code that learns where matches start: what an earlier version
    learnt is never used by a changed one."""
    global _tag
    if _tag is None:
        digest = hashlib.blake2b(digest_size=8)
        for module in (literals, heads, branches, sre_code):
            try:
                digest.update(Path(module.__file__ or "").read_bytes())
            except OSError:
                digest.update(os.urandom(8))  # unknown: learn again, keep nothing stale
        _tag = digest.hexdigest()
    return _tag


_tag: str | None = None


def learnt_starts(pattern: str, flags: int) -> Starts:
    """Where the matches of the expression may start (see ``Starts``), from the cache
    when it knows them (learning parses the expression: most of a short process)."""
    key = (pattern, int(flags), "starts", _learning_tag())
    cached = regex_cache_path() is not None
    known = _cached().get(key) if cached else None
    if isinstance(known, tuple) and known and known[0] in ("literals", "head", "branches", "none"):
        return known
    try:  # parsed once for all (``None``: each says it cannot tell)
        parsed = sre_code.parse(pattern, flags) if sre_code.AVAILABLE else None
    except Exception:
        parsed = None
    found: Starts = ("none",)
    some = start_literals(pattern, flags, parsed)
    if some is not None:
        found = ("literals", tuple(some))
    elif (head := head_entry(pattern, flags, parsed)) is not None:
        found = ("head", head)
    elif (alternatives := branch_entries(pattern, flags, parsed)) is not None:
        found = ("branches", tuple(alternatives[0]), alternatives[1])
    if cached:
        _keep(key, found)
    return found


def regex_cache_write() -> None:
    """Add the expressions compiled by this process to the cache file (written whole
    to a temporary file then renamed: a reader never sees half a file)."""
    path = regex_cache_path()
    if path is None or not _added:
        return
    try:
        known = _read(path)
        if len(known) >= _MAX_ENTRIES:  # expressions of many versions: start again
            known = {}
        known.update(_added)
        payload = marshal.dumps(known)
        digest = hashlib.blake2b(payload, digest_size=16).digest()
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".expressions-")
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps((digest, payload)))
        os.replace(temporary, path)
        _added.clear()
    except OSError:  # a read-only home: no cache, nothing else changes
        pass


_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
"""The matching methods, bound to the compiled pattern once it is made: later calls find
them in the slots, without going through ``__getattr__``."""


class LazyPattern:
    """A pattern compiled when first used; ``pattern`` is known without compiling."""

    __slots__ = ("_compiled", "_flags", "pattern", *_METHODS)

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _compile(self.pattern, self._flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
            self._probe(compiled)
        return compiled

    def _probe(self, compiled: re.Pattern[str]) -> None:
        """``search`` and ``finditer`` that, given a long text for the first time (or
        called ``_WARM`` times), learn where the matches may start (parsing costs, so
        only for the expressions that meet a long text or are used often) and become
        faster ones, or the compiled pattern's own when nothing is learnt."""
        search, finditer = compiled.search, compiled.finditer
        calls = 0

        def learn() -> None:
            starts = learnt_starts(self.pattern, int(self._flags))
            try:
                if starts[0] == "literals":
                    made = _by_starts(compiled, Literals(starts[1]), literals)
                elif starts[0] == "head":
                    made = _by_starts(compiled, from_code(None, starts[1]), heads)
                elif starts[0] == "branches":
                    alternatives = tuple(from_code(None, entry) for entry in starts[2])
                    made = _by_starts(compiled, (Literals(starts[1]), alternatives), branches)
                else:
                    made = search, finditer
            except Exception:  # code the matcher refuses (another version): as usual
                made = search, finditer
            self.search, self.finditer = made

        def probe_search(string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
            nonlocal calls
            calls += 1
            if len(string) < MIN_TEXT and calls < _WARM:
                return search(string, pos, endpos)
            learn()
            return self.search(string, pos, endpos)

        def probe_finditer(string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
            nonlocal calls
            calls += 1
            if len(string) < MIN_TEXT and calls < _WARM:
                return finditer(string, pos, endpos)
            learn()
            return self.finditer(string, pos, endpos)

        self.search, self.finditer = probe_search, probe_finditer

    def __getattr__(self, name: str) -> Any:
        # search, match, finditer, sub, flags, groupindex…: those of the compiled pattern
        # (the matching methods only until it is compiled, then they are in the slots)
        compiled = self.compiled
        return getattr(self, name) if name in _METHODS else getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


_WARM = 16
"""An expression called this many times learns where its matches may start, even on
short texts (a sentence searched clause after clause)."""
_SHORT = 64
"""Shorter stretches of text are searched by the compiled expression directly."""


def _by_starts(compiled: re.Pattern[str], starts: Any, finder: Any) -> tuple[Any, Any]:
    """``search`` and ``finditer`` of ``compiled`` that, over a long stretch of text, try
    it only where it may start: where one of the literals its matches start with stands
    (``finder``: ``literals``), or where it matches without its opening assertions
    (``heads``)."""
    search, finditer = compiled.search, compiled.finditer
    find_first, find_all, present = finder.find_first, finder.find_all, finder.present

    def fast_search(string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        length = len(string)
        low, high = pos if pos > 0 else 0, endpos if endpos < length else length
        if high - low < MIN_TEXT:  # a sentence: searched as usual where it may match
            if high - low < _SHORT or present(starts, string, low, high):
                return search(string, pos, endpos)
            return None
        return find_first(compiled, starts, string, low, high)

    def fast_finditer(string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        length = len(string)
        low, high = pos if pos > 0 else 0, endpos if endpos < length else length
        if high - low < MIN_TEXT:
            if high - low < _SHORT or present(starts, string, low, high):
                return finditer(string, pos, endpos)
            return iter(())
        return find_all(compiled, starts, string, low, high)

    return fast_search, fast_finditer


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the expression is first used.

    >>> WORD = lazy(r"\\bconvention\\b", re.IGNORECASE)
    >>> WORD.pattern, WORD.search("La Convention signée").group()
    ('\\\\bconvention\\\\b', 'Convention')
    """
    key = (pattern, int(flags))
    made = _made.get(key)
    if made is None:
        if len(_made) >= _MAX_MADE:  # expressions built from text: start again
            _made.clear()
        made = _made[key] = LazyPattern(pattern, flags)
    return cast(re.Pattern[str], made)


_made: dict[tuple[str, int], LazyPattern] = {}
"""Every lazy expression made, by pattern and flags: one made inside a function (from
pieces known when it is called) is compiled, and its literals learnt, once."""
_MAX_MADE = 5000


def made_by(match: re.Match[str], pattern: re.Pattern[str]) -> bool:
    """Whether ``match`` was found by ``pattern``, lazy or not (``match.re`` is the compiled
    expression, never the lazy one that stands for it).

    >>> PAIR = lazy(r"\\d+ pour")
    >>> made_by(PAIR.search("par 14 pour"), PAIR), made_by(re.search("x", "x"), PAIR)
    (True, False)
    """
    compiled = pattern.compiled if isinstance(pattern, LazyPattern) else pattern
    return match.re is compiled
