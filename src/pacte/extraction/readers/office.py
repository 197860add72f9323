"""Word (.docx) and OpenDocument (.odt) documents: paragraphs, list labels and tables in
order; headers, footers, notes and text boxes left out."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.readers.base import (
    _DAMAGED,
    ReadError,
)
from pacte.extraction.readers.plain import (
    _cell_text,
    _count,
    _integer,
    _open_zip,
)

# --- docx -----------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_W_VAL = f"{_W}val"
# Block wrappers Word puts around paragraphs, rows or cells (content controls, custom XML).
_DOCX_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"})
# Never part of the running text: properties, deleted or moved-away text, drawings and
# text boxes (mc:AlternateContent holds them twice), field codes.
_DOCX_SKIPPED = frozenset(
    f"{_W}{tag}"
    for tag in (
        "pPr",
        "rPr",
        "sdtPr",
        "del",
        "moveFrom",
        "drawing",
        "pict",
        "object",
        "instrText",
        "delText",
    )
) | {f"{_MC}AlternateContent"}
_DOCX_CHARACTERS = {
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
}


def _read_docx(data: bytes, name: str) -> list[str]:
    _open_zip(data, name, ".docx").close()
    import docx

    document = docx.Document(io.BytesIO(data))
    numbering = _DocxNumbering(document)
    return ["\n\n".join(_docx_blocks(document.element.body, numbering))]


def _docx_blocks(container: Any, numbering: _DocxNumbering | None) -> Iterator[str]:
    """Paragraphs (with their list label) and tables of a body or cell, in order."""
    for child in container:
        if child.tag == f"{_W}p":
            parts: list[str] = [numbering.label(child)] if numbering else []
            _docx_inline(child, parts)
            text = "".join(parts)
            if text.strip():
                yield text
        elif child.tag == f"{_W}tbl":
            rows = [row for row in _docx_rows(child, numbering) if row.strip()]
            if rows:
                yield "\n".join(rows)
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_blocks(child, numbering)


def _docx_children(element: Any, tag: str) -> Iterator[Any]:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_children(child, tag)


def _docx_rows(table: Any, numbering: _DocxNumbering | None) -> Iterator[str]:
    for row in _docx_children(table, f"{_W}tr"):
        cells = []
        for cell in _docx_children(row, f"{_W}tc"):
            cells.append(_cell_text(_docx_blocks(cell, numbering)))
            span = cell.find(f"{_W}tcPr/{_W}gridSpan")
            # A cell merged across columns keeps the others as empty cells, as in the seeds.
            cells.extend([""] * (_count(span.get(_W_VAL) if span is not None else None) - 1))
        yield "\t".join(cells)


def _docx_inline(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in _DOCX_CHARACTERS:
            parts.append(_DOCX_CHARACTERS[tag])
        elif isinstance(tag, str) and tag not in _DOCX_SKIPPED:
            _docx_inline(child, parts)  # runs, hyperlinks, insertions, fields, smart tags


class _DocxNumbering:
    """Labels of Word's automatic numbering ("Article 3 :", "1.", "a)"), absent from the text.

    Simplified: counters per abstract numbering, decimal/roman/letter formats, bullets
    shown as "- " like the seeds; numbering from a paragraph style is followed.
    """

    def __init__(self, document: Any) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE

        self.levels: dict[str, dict[str, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[str, int]]] = {}
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.counters: dict[str, dict[str, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except KeyError:
            return
        for abstract in root.iterfind(f"{_W}abstractNum"):
            levels = self.levels.setdefault(abstract.get(f"{_W}abstractNumId", ""), {})
            for level in abstract.iterfind(f"{_W}lvl"):
                levels[level.get(f"{_W}ilvl", "0")] = (
                    _w_val(level, "numFmt") or "decimal",
                    _w_val(level, "lvlText") or "",
                    _integer(_w_val(level, "start"), 1),
                )
                style = _w_val(level, "pStyle")
                if style:
                    self.styles.setdefault(style, (None, level.get(f"{_W}ilvl", "0")))
        for num in root.iterfind(f"{_W}num"):
            overrides = {
                override.get(f"{_W}ilvl", "0"): _integer(_w_val(override, "startOverride"), 1)
                for override in num.iterfind(f"{_W}lvlOverride")
                if _w_val(override, "startOverride") is not None
            }
            self.nums[num.get(f"{_W}numId", "")] = (_w_val(num, "abstractNumId") or "", overrides)
        for style in document.styles.element.iterfind(f"{_W}style"):
            num_id = _w_val(style, "pPr/{w}numPr/{w}numId")
            if num_id is not None:
                level = self.styles.get(style.get(f"{_W}styleId", ""), (None, None))[1]
                self.styles[style.get(f"{_W}styleId", "")] = (
                    num_id,
                    _w_val(style, "pPr/{w}numPr/{w}ilvl") or level,
                )

    def label(self, paragraph: Any) -> str:
        num_id = _w_val(paragraph, "pPr/{w}numPr/{w}numId")
        level = _w_val(paragraph, "pPr/{w}numPr/{w}ilvl")
        style_num, style_level = self.styles.get(
            _w_val(paragraph, "pPr/{w}pStyle") or "", (None, None)
        )
        num_id = num_id or style_num
        if num_id is None or num_id not in self.nums:
            return ""
        level = level or style_level or "0"
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        fmt, template, _ = levels[level]
        if fmt == "bullet":
            return "- "
        if fmt == "none" or not template:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [
            key for key in counters if key.isdigit() and level.isdigit() and int(key) > int(level)
        ]:
            del counters[deeper]

        def value(match: re.Match[str]) -> str:
            index = str(int(match.group(1)) - 1)
            format_, _, start = levels.get(index, ("decimal", "", 1))
            return _number(counters.get(index, start), format_)

        return rx.sub(r"%([1-9])", value, template) + " "


def _w_val(element: Any, path: str) -> str | None:
    found = element.find(f"{_W}" + path.replace("{w}", _W))
    return None if found is None else found.get(_W_VAL)


def _number(value: int, format_: str) -> str:
    if format_ in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if format_ == "upperRoman" else roman.lower()
    if format_ in ("upperLetter", "lowerLetter") and value > 0:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if format_ == "upperLetter" else letter.lower()
    if format_ == "decimalZero":
        return f"{value:02d}"
    return str(value)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(value: int) -> str:
    result = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        result.append(numeral * count)
    return "".join(result) or "0"


# --- odt ------------------------------------------------------------------------------

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
# Declarations, deleted text kept for change tracking, forms: never running text.
_ODT_SKIPPED_BLOCKS = frozenset(
    {
        f"{_TEXT}tracked-changes",
        f"{_TEXT}sequence-decls",
        f"{_TEXT}variable-decls",
        f"{_TEXT}user-field-decls",
    }
    | {
        f"{_OFFICE}forms",
        f"{_TABLE}table-columns",
        f"{_TABLE}table-column",
        f"{_TABLE}table-header-columns",
    }
)
# Notes and comments are left out like Word's footnotes; frames (images, text boxes) too.
_ODT_SKIPPED_INLINE = frozenset({f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes"})
_ODT_ROW_GROUPS = frozenset(
    {f"{_TABLE}table-header-rows", f"{_TABLE}table-rows", f"{_TABLE}table-row-group"}
)
_ODT_WHITESPACE = lazy(r"[ \t\r\n]+")


def _read_odt(data: bytes, name: str) -> list[str]:
    with _open_zip(data, name, ".odt") as archive:
        try:
            content = archive.read("content.xml")
        except KeyError as error:
            raise ReadError(name, f"{_DAMAGED['.odt']} (content.xml absent)") from error
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise ReadError(name, _DAMAGED[".odt"])  # ODF never needs a DTD; entities can explode
    body = ElementTree.fromstring(content).find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise ReadError(name, f"{_DAMAGED['.odt']} (pas de corps de texte)")
    return ["\n\n".join(_odt_blocks(body))]


def _odt_blocks(container: ElementTree.Element) -> Iterator[str]:
    for child in container:
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            parts: list[str] = []
            _odt_inline(child, parts)
            text = "".join(parts).lstrip(" ")
            if text.strip():
                yield text
        elif child.tag == f"{_TABLE}table":
            rows = list(_odt_rows(child))
            if rows:
                yield "\n".join(rows)
        elif child.tag not in _ODT_SKIPPED_BLOCKS and not child.tag.startswith(_DRAW):
            yield from _odt_blocks(child)  # sections, lists, list items, indexes


def _odt_rows(container: ElementTree.Element) -> Iterator[str]:
    for child in container:
        if child.tag in _ODT_ROW_GROUPS:
            yield from _odt_rows(child)
        elif child.tag == f"{_TABLE}table-row":
            cells: list[str] = []
            for cell in child:
                if cell.tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    text = _cell_text(_odt_blocks(cell))
                    cells.extend([text] * _count(cell.get(f"{_TABLE}number-columns-repeated")))
            if any(cells):
                yield from ["\t".join(cells)] * _count(child.get(f"{_TABLE}number-rows-repeated"))


def _odt_inline(element: ElementTree.Element, parts: list[str]) -> None:
    if element.text:
        parts.append(_ODT_WHITESPACE.sub(" ", element.text))  # ODF collapses XML whitespace
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            parts.append(" " * _count(child.get(f"{_TEXT}c")))
        elif tag == f"{_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif tag not in _ODT_SKIPPED_INLINE and not tag.startswith(_DRAW):
            _odt_inline(child, parts)  # spans, links, list numbers, fields
        if child.tail:
            parts.append(_ODT_WHITESPACE.sub(" ", child.tail))
