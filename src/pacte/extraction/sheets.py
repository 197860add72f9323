"""Action sheets (fiches actions): tables flattened to text, one label then its value.

A sheet reads « FICHE ACTION 2 », its title, then labelled cells (« Contexte de
l'action », « Public cible », « Budget prévisionnel »…), each followed by its value;
lists inside a cell are dash-separated or HTML lists.
"""

from __future__ import annotations

import re
from datetime import date

from pacte.extraction import rx
from pacte.extraction.french import find_amounts, find_years
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.segments import Block, Segments
from pacte.extraction.sentences import parties_named, party_aliases
from pacte.extraction.text import clean, fold, lines

_LABELS = (
    ("context", r"contexte( de l'action)?$"),
    ("description", r"descriptif general$|description( de l'action)?$"),
    ("expected_results", r"resultats? attendus?$"),
    ("impacts", r"impacts?( de l'action)?( a (court|moyen|long)( et (moyen|long))? terme)?$"),
    ("target_public", r"publics?( cibles?| vises?| concernes?)?$"),
    ("form", r"formes?( de l'action)?$"),
    (
        "partners",
        r"(partenaires?|partenariats?)( (pressentis?|associes?|envisages?|mobilises?)( ou deja mis en place)?)?$",
    ),
    ("period", r"(dates?|periode|calendrier|duree)( de (l'action|realisation))?$"),
    ("location", r"lieux?$"),
    ("commitments", r"engagements?( des parties)?$"),
    ("budget", r"budget( previsionnel)?( de l'action)?$"),
    ("objectives", r"objectifs?( de l'action)?$"),
)
_HEADERS = lazy(r"^(descriptif de l'action|objectifs de l'action)$")
_LISTS = ("expected_results", "impacts", "partners", "objectives")
_QUARTERS = {
    "premier": 1,
    "1er": 1,
    "deuxieme": 2,
    "second": 2,
    "2e": 2,
    "troisieme": 3,
    "3e": 3,
    "quatrieme": 4,
    "dernier": 4,
    "4e": 4,
}


def _label(line: str) -> str | None:
    folded = fold(clean(line)).strip(" :")
    if len(folded) > 60 or not folded:
        return None
    for key, pattern in _LABELS:
        if re.match(pattern, folded):
            return key
    return None


def _items(value: str) -> list[str]:
    value = rx.sub(r"</?p>", " - ", value)
    parts = rx.split(r"(?:^|\s)-\s+", clean(value))
    return [p.strip(" ;-") for p in parts if p.strip(" ;-")]


def _sheet(found: Found, text: str, block: Block, index: int, aliases: list[list[str]]) -> None:
    base = f"action_sheets[{index}]"
    found.put(f"{base}.number", int(block.number), block.start, block.title_start)
    cells: list[tuple[str, int, int, list[str]]] = []
    title = block.title
    title_span = (block.title_start, block.title_end)
    current: tuple[str, int, int, list[str]] | None = None
    for line in lines(text, block.body_start, block.end):
        content = clean(line.raw.replace("\t", " "))
        if not content:
            continue
        if not title:
            title, title_span = content, (line.start, line.end)
            continue
        if (_HEADERS.match(fold(content)) and current is None) or _HEADERS.match(fold(content)):
            if fold(content).startswith("objectifs") and cells == [] and current is None:
                continue
            if current:
                cells.append(current)
                current = None
            continue
        label = _label(content)
        if label:
            if current:
                cells.append(current)
            current = (label, line.start, line.end, [])
        elif current:
            current[3].append(line.raw)
            current = (current[0], current[1], line.end, current[3])
    if current:
        cells.append(current)
    found.put(f"{base}.title", title.strip(), *title_span)
    for label, start, end, raw_lines in cells:
        value = "\n".join(raw_lines)
        if label == "budget":
            _budget(found, base, raw_lines, start, end)
        elif label == "commitments":
            commitments = []
            for item in _items(value):
                named = parties_named(rx.split(r"s'engage|s'effor", item)[0], aliases)
                entry: dict[str, object] = {"text": item}
                if len(named) == 1:
                    entry["party"] = found.get(f"parties[{named[0]}].key")
                commitments.append(entry)
            found.put(f"{base}.commitments", commitments, start, end)
        elif label in _LISTS:
            found.put(f"{base}.{label}", _items(value), start, end)
        elif clean(value):
            found.put(f"{base}.{label}", clean(value.replace("\n", " ")), start, end)
        if label == "period":
            _period_dates(found, base, clean(value))


def _period_dates(found: Found, base: str, value: str) -> None:
    folded = fold(value)
    quarter = rx.search(
        r"(premier|1er|deuxieme|second|2e|troisieme|3e|quatrieme|dernier|4e) trimestre (\d{4})",
        folded,
    )
    if quarter:
        number, year = _QUARTERS[quarter.group(1)], int(quarter.group(2))
        end_month = number * 3
        found.put(f"{base}.starts_on", date(year, end_month - 2, 1).isoformat())
        last = date(year + (end_month == 12), end_month % 12 + 1, 1).toordinal() - 1
        found.put(f"{base}.ends_on", date.fromordinal(last).isoformat())
        return
    years = find_years(value)
    if len(years) == 1 and rx.search(r"annee \d{4}|en \d{4}|^\d{4}$", folded):
        found.put(f"{base}.starts_on", date(years[0].value, 1, 1).isoformat())
        found.put(f"{base}.ends_on", date(years[0].value, 12, 31).isoformat())


def _budget(found: Found, base: str, raw_lines: list[str], start: int, end: int) -> None:
    budget_lines: list[dict[str, str]] = []
    notes = []
    for raw in raw_lines:
        cells = [c.strip() for c in raw.split("\t")]
        amounts_found = False
        for position, cell in enumerate(cells):
            amounts = find_amounts(cell)
            if not amounts or position == 0:
                continue
            label = clean(cells[position - 1])
            folded = fold(label)
            side = (
                "revenue"
                if rx.search(r"recette|produit|financement|subvention|ressource", folded)
                else "expense"
            )
            budget_lines.append({"side": side, "label": label, "amount": f"{amounts[0].value:.2f}"})
            amounts_found = True
        if not amounts_found and clean(raw):
            notes.append(clean(raw.replace("\t", " ")))
    budget: dict[str, object] = {}
    if budget_lines:
        budget["lines"] = budget_lines
    if notes:
        budget["note"] = " ".join(notes)
    if budget:
        found.put(f"{base}.budget", budget, start, end)


def extract_sheets(found: Found, segments: Segments) -> None:
    count = len(found.get("parties") or [])
    aliases = party_aliases(found, count, segments.text)
    for index, block in enumerate(segments.sheets):
        _sheet(found, segments.text, block, index, aliases)
