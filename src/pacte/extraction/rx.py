"""``re``'s functions for expressions written in the code: ``rx.search(r"…", text)``.

An expression written where it is used (``re.search(r"\\bavant\\b", text)``) is compiled
by ``re`` in every process, and its learnt starts are lost: these functions take it
through ``lazy`` instead, whose compiled code and learnt starts are kept from one process
to the next (``lazy.regex_cache_path``). Same arguments, same results as ``re``'s. For
literal expressions only: one built from a document's text (a name escaped into a
pattern) goes to ``re``, not to the cache.

>>> search(r"\\d+ ans", "pour 3 ans").group(), sub(r"\\s+", " ", "a  b", count=1)
('3 ans', 'a b')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from pacte.extraction.lazy import lazy

__all__ = ["findall", "finditer", "fullmatch", "match", "search", "split", "sub", "subn"]


def search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return lazy(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return lazy(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return lazy(pattern, flags).fullmatch(string)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    return lazy(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    return lazy(pattern, flags).finditer(string)


def sub(
    pattern: str,
    repl: str | Callable[[re.Match[str]], str],
    string: str,
    count: int = 0,
    flags: int = 0,
) -> str:
    return lazy(pattern, flags).sub(repl, string, count)


def subn(
    pattern: str,
    repl: str | Callable[[re.Match[str]], str],
    string: str,
    count: int = 0,
    flags: int = 0,
) -> tuple[str, int]:
    return lazy(pattern, flags).subn(repl, string, count)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return lazy(pattern, flags).split(string, maxsplit)
