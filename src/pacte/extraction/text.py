"""Text helpers shared by the extraction stages: lines with offsets, markup-free views.

Every stage works on the normalised text of a document and reports character spans in
it; these helpers keep the offsets exact while ignoring the markup seen in converted
documents (``**bold**``, ``<ul><li>``, ``1^{er}``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from pacte.extraction import rx
from pacte.extraction.lazy import lazy

_MARKUP = lazy(r"\*\*|</?(?:ul|li|p|b|strong|em|i|br)\b[^>]*>|\^\{|\}")


class Line(NamedTuple):
    """One line of the text: its offsets and its content without markup (a named tuple:
    made by the thousand, faster than a frozen dataclass)."""

    number: int
    start: int
    end: int
    raw: str

    @property
    def clean(self) -> str:
        return clean(self.raw)


def clean(text: str) -> str:
    """Text without markup, with runs of spaces folded; for reading values, not offsets.

    >>> clean("**Président** : M. DUPONT")
    'Président : M. DUPONT'
    """
    if "*" in text or "<" in text or "^" in text or "}" in text:  # markup may be there
        text = _MARKUP.sub("", text)
    if "\t" in text or "  " in text:  # a lone space is left as it is
        text = _SPACES.sub(" ", text)
    return text.strip()


_SPACES = lazy(r"[ \t]+")


def blank_markup(text: str) -> str:
    """The same text with markup replaced by spaces: same length, so offsets still hold."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


class _FoldTable(dict[int, str]):
    """Character → folded character, computed once per character seen."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "’‘`´":
            folded = "'"
        elif char in "\u00a0\u202f\u2009":
            folded = " "
        elif char in "–—‑":
            folded = "-"
        else:
            base = unicodedata.normalize("NFD", char)[0].lower()
            folded = base if len(base) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase without accents, ’ as ', character for character (same length).

    >>> fold("Économie Sociale d’Armor")
    "economie sociale d'armor"
    """
    if len(text) < _SHORT:
        return text.translate(_FOLD)
    # a long text has few distinct characters: each one that folds is replaced throughout
    # (``str.translate`` looks up every character of the text in the table)
    out = text
    for char in set(text):
        folded = _FOLD[ord(char)]
        if folded != char:
            if _FOLD[ord(folded)] != folded:  # folds again: replacing in turn would differ
                return text.translate(_FOLD)
            out = out.replace(char, folded)
    return out


_SHORT = 400
"""Texts shorter than this are folded by ``str.translate`` (faster on a few words)."""


@lru_cache(maxsize=16)
def folded_view(text: str) -> str:
    """``fold(blank_markup(text))``, computed once per text (the stages share it)."""
    return fold(blank_markup(text))


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """The lines of ``text[start:end]`` with offsets in the whole text."""
    stop = len(text) if end is None else end
    position = start
    number = text.count("\n", 0, start) + 1
    while position < stop:
        newline = text.find("\n", position, stop)
        line_end = stop if newline == -1 else newline
        yield Line(number, position, line_end, text[position:line_end])
        position = line_end + 1
        number += 1


def strip_span(text: str, start: int, end: int, chars: str = " \t\n*,;:.-–—") -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding spaces, markup stars and punctuation."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def clear_caches() -> None:
    """Forget the folded copies kept between stages (for honest timings, or to free memory)."""
    fold.cache_clear()
    folded_view.cache_clear()


_INCLUSIVE_MARKS = r"(?:\(e\)|[·.]e[·.]?|-e-?)?"
_INCLUSIVE_WORDS = lazy(r"\b(present|votant|absent|excuse|represente)s(?=\b)")
_PLURAL = r"(?:\(e?s\)|s)"
"""The plural mark, or the optional one of a form (« Présent(s) », « Votant(es) »)."""


def inclusive(pattern: str) -> str:
    """A pattern of labels on folded text that also reads them in inclusive French
    (« Présent(e)s », « excusé·e·s », « absent.e.s », « Présent-e-s », « votant(e)s »).

    >>> import re
    >>> bool(re.fullmatch(inclusive("presente?s?"), "present(e)s"))
    True
    >>> bool(re.fullmatch(inclusive("presents|votants"), "votant(e)s"))
    True
    >>> bool(re.fullmatch(inclusive("excusee?s"), "excuse.e.s"))
    True
    >>> bool(re.fullmatch(inclusive("presente?s?"), "present-e-s"))
    True
    >>> bool(re.fullmatch(inclusive("presents : 15"), "present(s) : 15"))
    True
    """
    marked = rx.sub(r"e\?s(?=\?|\b|$|[^a-z])", lambda m: "e?" + _INCLUSIVE_MARKS + _PLURAL, pattern)
    return _INCLUSIVE_WORDS.sub(lambda m: m.group(1) + _INCLUSIVE_MARKS + _PLURAL, marked)
