"""The signature blocks (« Fait à … le … », « Pour la Ville, le Maire, … »), in columns
or one after the other, matched to the parties."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.french import find_dates
from pacte.extraction.lazy import lazy
from pacte.extraction.parties.persons import (
    looks_like_person,
    person_from_name,
)
from pacte.extraction.result import Found
from pacte.extraction.segments import Segments
from pacte.extraction.text import clean, fold, lines

_FUNCTION = lazy(
    r"^(?:pour\s+)?(?:le|la|l')\s*(president|presidente|maire|directeur|directrice|delegue|deleguee|"
    r"tresorier|tresoriere|secretaire|prefet|prefete|representant|representante|gerant|gerante|adjoint|adjointe|vice-president|vice-presidente)"
    r"(?:\s+general|\s+generale)?\s*(?:(?:de la|du|de l'|des|de|d')\s*(.+))?$"
)
_PLACE = lazy(r"^[ \t]*fait[ \t]+(?:a|en)[ \t]+([^,\n]+?)(?:[ \t]*,|[ \t]+le\b|$)")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    result: list[tuple[int, int, str]] = []
    begin: int | None = None
    last = start
    for line in lines(text, start, end):
        if line.clean:
            if begin is None:
                begin = line.start
            last = line.end
        elif begin is not None:
            result.append((begin, last, clean(text[begin:last].replace("\n", " "))))
            begin = None
    if begin is not None:
        result.append((begin, last, clean(text[begin:last].replace("\n", " "))))
    return result


def _match_party(found: Found, capacity: str, count: int, taken: set[int]) -> int | None:
    words = {w for w in rx.findall(r"[a-z]{4,}", fold(capacity))} - {
        "president",
        "presidente",
        "pour",
    }
    best, best_score = None, 0.0
    for index in range(count):
        if index in taken:
            continue
        described = " ".join(
            str(found.get(f"parties[{index}].{path}") or "")
            for path in ("organisation.name", "designation", "capacity")
        )
        theirs = {w for w in rx.findall(r"[a-z]{4,}", fold(described))}
        score = len(words & theirs) / (len(words) or 1)
        if score > best_score:
            best, best_score = index, score
    return best


_DATED_TITLE = lazy(
    r"(?:^[ \t*#]*|(?<=\d{4})[ \t]+)(?:convention|avenant|contrat|protocole|accord)\b"
    r"[^\n]{0,50}?\bdu[ \t]+(?=\d)"
)
"""« Avenant n°1 du 11 juillet 2019 », a line of its own at the head (or after the date of
the Journal officiel that published it, the line breaks lost): the act named by the date
it was signed."""
HEAD_LINES = 6


def dated_title(found: Found, text: str) -> None:
    """The signature date an act's title states, when no « Fait à … le … » gave one."""
    if found.get("signed_on") is not None:
        return
    for number, line in enumerate(lines(text)):
        if number >= HEAD_LINES:
            return
        title = _DATED_TITLE.search(fold(line.raw))
        if not title or title.start() > 70:
            continue
        dates = [
            d
            for d in find_dates(text, line.start + title.end(), line.end)
            if d.value.kind.value == "exact" and d.start == line.start + title.end()
        ]
        rest = fold(text[dates[0].end : line.end]).strip(" \t.*") if dates else ""
        if dates and (not rest or rest.startswith("entre")):
            found.put("signed_on", dates[0].value.value.isoformat(), dates[0].start, dates[0].end)
            return


def extract_signatures(found: Found, segments: Segments, party_count: int) -> None:
    """Place, date and signature blocks after « Fait à … »; completes the representatives;
    else the date of the act's title."""
    if segments.signatures is None:
        dated_title(found, segments.text)
        return
    text = segments.text
    start, end = segments.signatures
    first = next(lines(text, start, end))
    place = _PLACE.match(fold(first.raw))
    if place:
        value = clean(text[first.start + place.start(1) : first.start + place.end(1)])
        found.put("signed_at", value, first.start + place.start(1), first.start + place.end(1))
    dates = [d for d in find_dates(text, first.start, first.end) if d.value.kind.value == "exact"]
    if not dates:
        # « Fait à X, en deux exemplaires,\nle trois mai deux mille vingt-six »: the rest
        # of the statement's paragraph, up to a blank line
        blank = rx.search(r"\n[ \t]*\n", text[start:end])
        stop = start + blank.start() if blank else end
        dates = [d for d in find_dates(text, start, stop) if d.value.kind.value == "exact"]
    if dates:
        found.put("signed_on", dates[0].value.value.isoformat(), dates[0].start, dates[0].end)
    else:
        dated_title(found, text)
    capacities, names = [], []
    taken: set[int] = set()
    paragraphs = _paragraphs(text, first.end, end)
    signed = 0
    for begin, stop, _paragraph in paragraphs:
        for column in _columns(text, begin, stop):
            signed = _column_signature(found, text, column, party_count, taken, signed)
    for begin, stop, paragraph in paragraphs:
        if _columns(text, begin, stop):
            continue
        if _FUNCTION.match(fold(paragraph)):
            capacities.append((begin, stop, paragraph))
        elif looks_like_person(paragraph):
            names.append((begin, stop, paragraph))
    for index, (begin, stop, capacity) in enumerate(capacities, start=signed):
        party = _match_party(found, capacity, party_count, taken)
        if party is None:
            party = next((i for i in range(party_count) if i not in taken), None)
        if party is None:
            break
        taken.add(party)
        base = f"signatures[{index}]"
        found.put(f"{base}.party", found.get(f"parties[{party}].key"))
        found.put(f"{base}.capacity", capacity, begin, stop)
        function = _FUNCTION.match(fold(capacity))
        if function and function.group(2):
            offset = function.start(2)
            found.put(f"{base}.party_name", capacity[offset:].strip(" ,."))
        if index - signed < len(names):
            name_start, name_stop, name = names[index - signed]
            person = person_from_name(name)
            if person:
                found.put(f"{base}.signatory", person, name_start, name_stop)
                _complete_representative(found, party, person, capacity, name_start, name_stop)


_GUTTER = lazy(r"[ \t]{3,}|\t")
"""What separates two signature columns laid side by side on the same lines."""
_ON_BEHALF_OF = lazy(r"^pour\s+(?:le|la|les|l')?\s*\S")

Cell = tuple[int, int, str]


def _columns(text: str, start: int, end: int) -> list[list[Cell]]:
    """The columns of a paragraph whose every line holds the same number (two or more) of
    cells separated by wide gaps (« Pour la Commune      Pour l'Association »); else none."""
    rows: list[list[Cell]] = []
    for line in lines(text, start, end):
        cells: list[Cell] = []
        position = 0
        raw = line.raw.rstrip()
        for gap in [*_GUTTER.finditer(raw), None]:
            stop = gap.start() if gap else len(raw)
            cell = raw[position:stop].strip()
            if cell:
                at = (
                    line.start
                    + position
                    + (len(raw[position:stop]) - len(raw[position:stop].lstrip()))
                )
                cells.append((at, at + len(cell), clean(cell)))
            position = gap.end() if gap else stop
        rows.append(cells)
    width = len(rows[0]) if rows else 0
    if len(rows) < 2 or width < 2 or any(len(row) != width for row in rows):
        return []
    return [[row[column] for row in rows] for column in range(width)]


def _column_signature(
    found: Found, text: str, column: list[Cell], party_count: int, taken: set[int], index: int
) -> int:
    """One signature column: « Pour X », the signatory's office, then their name. Completes
    the representative of the party it names; returns the next signature index."""
    named = [cell for cell in column if looks_like_person(cell[2])]
    offices = [cell for cell in column if cell not in named]
    if not named or not offices or named[-1] is not column[-1]:
        return index
    described = " ".join(cell[2] for cell in offices)
    party = _match_party(found, described, party_count, taken)
    if party is None:
        return index
    taken.add(party)
    name_start, name_stop, name = named[-1]
    person = person_from_name(name)
    if person is None:
        return index
    office = next(
        (cell[2] for cell in offices if not _ON_BEHALF_OF.match(fold(cell[2]))), offices[-1][2]
    ).strip(" ,.")
    base = f"signatures[{index}]"
    found.put(f"{base}.party", found.get(f"parties[{party}].key"))
    found.put(f"{base}.capacity", office, offices[0][0], offices[-1][1])
    found.put(f"{base}.signatory", person, name_start, name_stop)
    _complete_representative(found, party, person, office, name_start, name_stop)
    return index + 1


def _complete_representative(
    found: Found, party: int, person: dict[str, str], capacity: str, start: int, end: int
) -> None:
    base = f"parties[{party}].representative"
    current = found.get(base)
    title = rx.sub(r"^(?:pour\s+)?(?:le|la|l')\s*", "", capacity, flags=re.IGNORECASE).strip(" ,.")
    if current is None:
        found.put(base, {**person, "title": title}, start, end)
        return
    for key, value in person.items():
        current.setdefault(key, value)
    current.setdefault("title", title)
