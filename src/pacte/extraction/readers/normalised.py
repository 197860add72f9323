"""Normalised text: Unicode NFC, spaces and controls, hyphens at line ends joined, tables
drawn with characters (« +---+ », « | a | b | ») turned into tab-separated rows."""

from __future__ import annotations

import re
import unicodedata

from pacte.extraction.lazy import lazy
from pacte.extraction.readers.mojibake import REPLACEMENT, repair
from pacte.extraction.readers.spacing import join_spaced_capitals

# --- normalisation ------------------------------------------------------------------

_SPACES = (
    "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000"
)
_CONTROLS = [
    *range(0x00, 0x09),
    0x0E,
    *range(0x0F, 0x20),
    0x7F,
    *range(0x80, 0x85),
    *range(0x86, 0xA0),
]
_TRANSLATION: dict[int, str | None] = {
    **{code: None for code in _CONTROLS},
    **{ord(space): " " for space in _SPACES},
    **{ord(c): "\n" for c in "\x0b\x85\u2028\u2029"},
    # Invisible characters that would split a word for every later search.
    **{ord(c): None for c in "\u00ad\u200b\ufeff"},
    **{ord(c): "'" for c in "\u2019\u02bc"},
    # The Unicode hyphens some word processors write (« ci‐après », « 2016‐2017 »).
    **{ord(c): "-" for c in "\u2010\u2011"},
}
# str.translate walks a dict for every character: find the few characters to change instead.
_TRANSLATED = lazy("[" + re.escape("".join(map(chr, _TRANSLATION))) + "]")
_SPACED_OR_CUT = lazy(r"\b[A-ZÀ-Ý]{1,}\s[A-ZÀ-Ý]")
"""Capitals next to capitals across a space: maybe a word OCR spaced out or cut."""
_TRAILING_SPACES = lazy(r" +(?=[\n\f]|\Z)")
_HYPHEN_BREAK = lazy(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")
# Compound words whose hyphen must survive a line break: "c'est-à-dire", "vice-président",
# "celle-ci", "elle-même", "peut-être", "a-t-il".
_COMPOUND_BEFORE = frozenset({"à", "vice"})
_COMPOUND_AFTER = frozenset(
    {"à", "ci", "là", "même", "mêmes", "être", "t", "il", "ils", "elle", "elles", "on"}
)


def _join_hyphenated(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if not (text[start - 1].islower() and text[end].islower()):
        return match.group()
    before = start
    while before > 0 and text[before - 1].isalpha():
        before -= 1
    after = end
    while after < len(text) and text[after].isalpha():
        after += 1
    if text[before:start] in _COMPOUND_BEFORE or text[end:after] in _COMPOUND_AFTER:
        return match.group()
    return ""


def normalise(text: str) -> str:
    """The text every extraction stage works on.

    NFC; Windows and Mac line ends become ``\\n``; no-break, narrow and thin spaces
    become plain spaces; soft hyphens, zero-width spaces and control characters
    other than tab, newline and form feed disappear; ``’`` becomes ``'`` and the Unicode
    hyphens (U+2010, U+2011) ``-``; trailing
    spaces are stripped; letters lost to a wrong decoding (« D�lib�ration », « l?Etat »)
    are put back (``mojibake``); a word broken by a hyphen at a line end is joined when both
    sides are lowercase letters and it is not a known compound; a word in capitals that
    OCR letter-spaced or cut is joined (``spacing``: « P R É S E N T S », « CONVE NTION »).
    Tabs, ``**``, HTML fragments and ``^{er}`` are kept for the later stages.

    >>> normalise("Le déve-\\r\\nloppement\\u202f; vice-\\nprésident  \\n")
    'Le développement ; vice-\\nprésident\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _TRANSLATED.search(text):
        text = _TRANSLATED.sub(lambda match: _TRANSLATION[ord(match.group())] or "", text)
    if REPLACEMENT in text:
        text = repair(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if " \n" in text or " \f" in text or text.endswith(" "):
        text = _TRAILING_SPACES.sub("", text)
    if "-\n" in text:
        text = _HYPHEN_BREAK.sub(_join_hyphenated, text)
    if "|" in text:
        text = _untable(text)
    if _SPACED_OR_CUT.search(text):
        text = join_spaced_capitals(text)
    return apostrophes_restored(text)


_LOST_APOSTROPHE = lazy(
    r"(?:^|(?<=[\s«\"(]))(?<!\d\s)"
    r"((?:[dlnj]|qu|lorsqu|jusqu|puisqu|[DL]|Qu|Lorsqu|Jusqu) (?=[aeiouyhàâéèêëîïôûœ])"
    r"|[DL] (?=[AEIOUYHÀÂÉÈÊÎÔÛŒ][a-zà-ÿ]))",
    re.MULTILINE,
)
"""« d une part », « l article », « qu il »: an elision whose apostrophe the PDF's text layer
lost (a typographic ’ dropped), the letter left alone before a word in lower case that
opens with a vowel, or a capital « L » or « D » before a word (« L Association »). A name
after a small letter is left as written (« Commune d Yerres »)."""
LOST_APOSTROPHES = 3
"""So many elisions without their apostrophe before they are restored: one alone may be
something else (a list item « d »)."""


def apostrophes_restored(text: str) -> str:
    """The apostrophes a text lost, put back in place of the space (same length).

    >>> apostrophes_restored("Entre la Commune d Yerres, d une part, ET L Association, l article")
    "Entre la Commune d Yerres, d'une part, ET L'Association, l'article"
    >>> apostrophes_restored("Point d) et l Ain, à 4 l eau")  # one alone: left as it is
    'Point d) et l Ain, à 4 l eau'
    """
    if " " not in text:
        return text
    found = _LOST_APOSTROPHE.findall(text)
    if len(found) < LOST_APOSTROPHES:
        return text
    return _LOST_APOSTROPHE.sub(lambda match: match.group(1)[:-1] + "'", text)


# --- table art ----------------------------------------------------------------------

_GRID_BORDER = lazy(r"[ \t]*\+(?:[-=:. ]*[-=][-=:. ]*\+)+[ \t]*")
"""« +-----+------+ »: a border of an ASCII-art table."""
_GRID_ROW = lazy(r"[ \t]*\|.*\|[ \t]*")
"""« | Présents | 17 | »: a row of an ASCII-art table (pipes at both ends)."""
_PIPE_RULE = lazy(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*")
"""« ---- | ---- » or « |---|:--:| »: the rule under the header of a markdown table."""


def _cells(row: str, outer: bool) -> list[str]:
    """The cells of a row; ``outer``: the table has pipes at both ends of its rows."""
    row = row.strip()
    if outer:
        row = row.removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in row.split("|")]


def _row_text(row: str, outer: bool = True) -> str:
    """A table row as plain text.

    Two cells read as « label : value » (or the value alone when the label cell is
    empty: the continuation of the row above); more cells are tab-separated, as the
    cells of a Word table are.
    """
    cells = _cells(row, outer)
    if len(cells) == 2:
        label, value = cells
        if not label:
            return value
        if not value:
            return label
        return f"{label} {value}" if label.endswith(":") else f"{label} : {value}"
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _untable(text: str) -> str:
    """ASCII-art and markdown tables become plain text; any other line is kept.

    A table is recognised only by its borders: rows « | … | » next to a « +---+ »
    border, or rows with pipes right above and under a « --- | --- » rule. Borders and
    rules become blank lines, so that each table stands as its own paragraph.
    """
    source = text.split("\n")
    kind = [""] * len(source)
    # a markdown table without pipes at the ends of its rows may start with an empty cell
    outer = [True] * len(source)
    for index, line in enumerate(source):
        if _GRID_BORDER.fullmatch(line):
            kind[index] = "border"
        elif "---" in line and _PIPE_RULE.fullmatch(line):
            kind[index] = "rule"
    if not any(kind):
        return text
    for index, mark in enumerate(kind):
        if mark == "border":
            # rows « | … | » running from this border on either side
            for step in (1, -1):
                other = index + step
                while 0 <= other < len(source) and not kind[other]:
                    if not _GRID_ROW.fullmatch(source[other]):
                        break
                    kind[other] = "row"
                    other += step
        elif mark == "rule":
            above = index - 1
            ends = source[index].strip().startswith("|")
            if above >= 0 and not kind[above] and "|" in source[above]:
                kind[above] = "row"
                outer[above] = ends
            other = index + 1
            while other < len(source) and not kind[other] and "|" in source[other]:
                kind[other] = "row"
                outer[other] = ends
                other += 1
    out: list[str] = []
    for line, mark, ends in zip(source, kind, outer, strict=True):
        if mark in ("border", "rule"):
            if out and out[-1] != "":
                out.append("")
        elif mark == "row":
            out.append(_row_text(line, ends))
        else:
            out.append(line)
    return "\n".join(out)
