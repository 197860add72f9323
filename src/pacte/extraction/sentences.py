"""Sentences and bullet items of a region, with offsets, and which party a phrase names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.text import blank_markup, clean, fold

_BOUNDARY = lazy(r"(?<=[.;!?])\s+(?=[A-ZÀ-Ý«\"(])|\n\s*\n|\n(?=\s*[-•▶►▪*]\s)|\n(?=\s*[a-z]\)\s)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    @property
    def folded(self) -> str:
        return fold(self.text)


def _inside_parentheses(region: str, position: int, match: re.Match[str]) -> bool:
    """A « ; » between « ( » and its « ) » in the same paragraph does not end a sentence."""
    if region[match.start() - 1 : match.start()] != ";" or "\n\n" in match.group():
        return False
    before = region[position : match.start()]
    if before.count("(") <= before.count(")"):
        return False
    paragraph_end = region.find("\n\n", match.end())
    after = region[match.end() : len(region) if paragraph_end == -1 else paragraph_end]
    return ")" in after and ("(" not in after or after.index(")") < after.index("("))


def sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences (and bullet items) of ``text[start:end]``, markup removed from their text."""
    region = blank_markup(text[start:end])
    result = []
    position = 0
    for match in [*_BOUNDARY.finditer(region), None]:
        if match and _inside_parentheses(region, position, match):
            # « Un comité (Département : … ; Mutuelle : …) se réunit » is one sentence
            continue
        stop = match.start() if match else len(region)
        chunk = region[position:stop]
        lead = len(chunk) - len(chunk.lstrip(" \t\n-•▶►▪*"))
        trail = len(chunk.rstrip(" \t\n"))
        if trail > lead:
            begin, stop = start + position + lead, start + position + trail
            result.append(Sentence(begin, stop, clean(text[begin:stop].replace("\n", " "))))
        position = match.end() if match else stop
    return result


def bullets(text: str, start: int, end: int, *, one_list: bool = False) -> list[Sentence]:
    """Lines that start with a dash or a bullet sign, one item each; with ``one_list``, only
    the first run of them (a paragraph after the list ends it)."""
    items: list[Sentence] = []
    offset = start
    for line in text[start:end].split("\n"):
        stripped = line.lstrip()
        if one_list and items and stripped and stripped[:1] not in ("-", "•", "▶", "►", "▪"):
            break
        if stripped[:1] in ("-", "•", "▶", "►", "▪") or stripped.startswith("<ul"):
            body = rx.sub(r"^(?:<[^>]+>\s*)*[-•▶►▪]\s*", "", stripped)
            lead = offset + len(line) - len(stripped) + (len(stripped) - len(body))
            value = clean(body).rstrip(" ,;.")
            if value:
                items.append(Sentence(lead, offset + len(line), value))
        offset += len(line) + 1
    return items


_ACRONYM = lazy(r"\(([A-Z]{2,8})\)")
_AUTHORITY_ALIASES = {
    "commune": (
        r"\bla ville\b",
        r"\bla commune\b",
        r"\bla mairie\b",
        r"\bville de {place}",
        r"\bcommune de {place}",
    ),
    "departement": (
        r"\ble departement\b",
        r"\bconseil (?:general|departemental)(?: d[eu'] ?(?:la |l')?{place})?",
        r"\bdepartement d[eu'] ?(?:la |l')?{place}",
    ),
    "region": (r"\bla region\b", r"\bconseil regional\b", r"\bregion {place}"),
    "epci": (r"\bla communaute\b", r"\bla metropole\b", r"\bl'agglomeration\b"),
}


def party_aliases(found: Found, count: int, text: str) -> list[list[str]]:
    """Folded names each party goes by: name, designation, acronym, usual authority names."""
    folded_text = fold(text)
    aliases: list[list[str]] = []
    for index in range(count):
        name = str(found.get(f"parties[{index}].organisation.name") or "")
        names = [fold(name)]
        designation = found.get(f"parties[{index}].designation")
        if designation:
            names.append(fold(designation))
        initials = fold("".join(w[0] for w in rx.findall(r"[A-Za-zÀ-ÿ]+", name) if w[0].isupper()))
        for acronym in _ACRONYM.findall(text):
            short = fold(acronym)
            if initials.startswith(short[: max(3, len(short) - 1)]) or short in initials:
                names.append(short)
        place = fold(name).split(" ")[-1]
        for pattern in _AUTHORITY_ALIASES.get(
            str(found.get(f"parties[{index}].organisation.kind")), ()
        ):
            for match in lazy(pattern.format(place=re.escape(place))).finditer(folded_text):
                names.append(match.group().strip())
        aliases.append(sorted(set(n for n in names if n), key=len, reverse=True))
    return aliases


def parties_named(phrase: str, aliases: list[list[str]]) -> list[int]:
    """Indices of the parties a phrase names, in order of first mention."""
    folded = fold(phrase)
    positions = []
    for index, names in enumerate(aliases):
        hits = [hit for n in names if (hit := _first_standalone(n, folded)) is not None]
        if hits:
            positions.append((min(hits), index))
    return [index for _, index in sorted(positions)]


def _first_standalone(name: str, folded: str) -> int | None:
    """Where ``name`` first stands in ``folded`` as a whole (no word character, ``\\w``,
    just before or after): as ``(?<![\\w])name(?![\\w])``, found with ``str.find``."""
    at = folded.find(name)
    while at != -1:
        end = at + len(name)
        if (at == 0 or not _is_word(folded[at - 1])) and (
            end == len(folded) or not _is_word(folded[end])
        ):
            return at
        at = folded.find(name, at + 1)
    return None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``\\w`` matches in a str pattern
