"""The deliberation: session, attendance and proxies, rapporteur, decisions, vote, dates.

Labels are found on a folded, markup-free copy of the text; names are read from the
original. Attendance lists may be separated by « - », commas, semicolons or line breaks,
or laid out in columns (tab-separated cells under « Présents », « Excusés », « Absents »).
"""

from __future__ import annotations

import re

from pacte.extraction.french import find_dates
from pacte.extraction.parties import person_from_name
from pacte.extraction.result import Found, Span
from pacte.extraction.text import clean, fold, folded_view, lines

_CIVILITY = r"(?:M\.|MM\.|Mme|Mmes|Mlle|Melle|Monsieur|Madame|Mademoiselle|Mr\.?|Dr\.?)"
_NAME = re.compile(
    rf"\b{_CIVILITY}[ \t]+(?:[A-ZÀ-Ý][\w'’-]*\.?[ \t]+){{0,3}}?[A-ZÀ-Ý][A-ZÀ-Ý'’ -]*[A-ZÀ-Ý]\b(?:[ \t]+[A-ZÀ-Ý][\w'’-]+)?"
)
_NAME_ANY = re.compile(
    rf"\b{_CIVILITY}[ \t]+[A-ZÀ-Ý][\w'’-]*(?:[ \t]+(?:de |du |d'|le |la )?[A-ZÀ-Ý][\w'’-]*){{0,3}}"
)
_LABELS = {
    "present": r"(?:membres |conseillers |elus )?presents?(?:\s*\(e?s?\))?|etaient presents?",
    "excused": r"(?:membres |conseillers |elus )?excuses?(?:\s*\(e?s?\))?(?: ayant donne pouvoir| representes?)?|etaient excuses?",
    "absent": r"(?:membres |conseillers |elus )?absents?(?:\s*\(e?s?\))?(?: excuses?)?|etaient absents?",
    "proxies": r"pouvoirs?|procurations?",
}
_LABEL = re.compile(
    r"(?:^|(?<=\s))(" + "|".join(f"(?P<{k}>{v})" for k, v in _LABELS.items()) + r")\s*:"
)
_STOP = re.compile(
    r"\b(?:objet|rapporteur|le conseil|secretaire|president|ordre du jour|nombre de)\b"
)
_PROXY = re.compile(
    r"(?:\(|,|-)?\s*(?:pouvoir|procuration|represente(?:e)? par|a donne pouvoir)\s*(?:a|donne a|de)?\s*:?\s*"
)


def _names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    segment = text[start:end]
    found = []
    for match in _NAME_ANY.finditer(segment):
        found.append(
            (start + match.start(), start + match.end(), clean(match.group()).rstrip(" -,;"))
        )
    return found


def _label_spans(folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    spans = []
    for match in _LABEL.finditer(folded, start, end):
        kind = next(k for k in _LABELS if match.group(k))
        spans.append((kind, match.start(), match.end()))
    return spans


def _field_end(folded: str, start: int, limit: int) -> int:
    stop = _STOP.search(folded, start, limit)
    return stop.start() if stop else limit


def _attendance(found: Found, text: str, folded: str, start: int, end: int) -> None:
    labels = _label_spans(folded, start, end)
    if not labels:
        return
    columns = _column_layout(found, text, folded, labels, start, end)
    if columns:
        return
    present: list[dict[str, str]] = []
    excused: list[dict[str, object]] = []
    absent: list[dict[str, str]] = []
    for index, (kind, _, label_end) in enumerate(labels):
        limit = labels[index + 1][1] if index + 1 < len(labels) else end
        stop = _field_end(folded, label_end, limit)
        if kind == "present":
            present += [
                p for _, _, n in _names(text, label_end, stop) if (p := person_from_name(n))
            ]
        elif kind == "excused":
            excused += _excused(text, label_end, stop)
        elif kind == "absent":
            absent += [p for _, _, n in _names(text, label_end, stop) if (p := person_from_name(n))]
        found.spans.setdefault(f"deliberation.session.{kind}", _span(label_end, stop))
    _store_attendance(found, present, excused, absent)


def _span(start: int, end: int) -> Span:
    return Span(start, end, 0.8)


def _excused(text: str, start: int, end: int) -> list[dict[str, object]]:
    """« M. X (pouvoir Mme Y) - Mme Z » → each excused member with their proxy holder."""
    members: list[dict[str, object]] = []
    names = _names(text, start, end)
    folded = fold(text)
    for index, (name_start, _name_end, name) in enumerate(names):
        person = person_from_name(name)
        if person is None:
            continue
        between = folded[names[index - 1][1] : name_start] if index else ""
        if members and _PROXY.search(between) and "proxy_to" not in members[-1]:
            members[-1]["proxy_to"] = person
            continue
        members.append({"person": person})
    return members


def _column_layout(
    found: Found, text: str, folded: str, labels: list[tuple[str, int, int]], start: int, end: int
) -> bool:
    """Attendance laid out in columns: a header line with several labels, then rows of cells."""
    header = None
    for line in lines(folded, start, end):
        on_line = [lab for lab in labels if line.start <= lab[1] < line.end]
        if len(on_line) >= 2 and "\t" in line.raw:
            header = (line, [lab[0] for lab in on_line])
            break
    if header is None:
        return False
    line, kinds = header
    columns: dict[str, list[str]] = {kind: [] for kind in kinds}
    for row in lines(text, line.end + 1, end):
        if not row.clean:
            if any(columns.values()):
                break
            continue
        cells = re.split(r"\t+| {3,}", row.raw.strip())
        for kind, cell in zip(kinds, cells, strict=False):
            if cell.strip():
                columns[kind].append(cell.strip())
    present = [p for cell in columns.get("present", []) if (p := person_from_name(cell))]
    excused: list[dict[str, object]] = []
    for cell in columns.get("excused", []):
        excused += _excused(cell, 0, len(cell))
    absent = [p for cell in columns.get("absent", []) if (p := person_from_name(cell))]
    _store_attendance(found, present, excused, absent)
    return True


def _store_attendance(
    found: Found,
    present: list[dict[str, str]],
    excused: list[dict[str, object]],
    absent: list[dict[str, str]],
) -> None:
    found.put("deliberation.session.present", present)
    found.put("deliberation.session.excused", excused)
    found.put("deliberation.session.absent", absent)


_FIGURES = {
    "in_office": re.compile(
        r"(?:en exercice|conseillers en exercice|membres en exercice|composant le conseil)\s*:?\s*(\d+)|(\d+)\s+(?:conseillers |membres )?en exercice"
    ),
    "present": re.compile(
        r"(?:nombre de (?:membres |conseillers )?presents|presents)\s*:\s*(\d+)|(\d+)\s+presents\b"
    ),
    "voters": re.compile(
        r"(?:votants|nombre de votants|suffrages exprimes)\s*:?\s*(\d+)|(\d+)\s+votants\b"
    ),
}


def _figures(found: Found, folded: str, start: int, end: int) -> None:
    for key, pattern in _FIGURES.items():
        match = pattern.search(folded, start, end)
        if match:
            group = 1 if match.group(1) else 2
            found.put(
                f"deliberation.session.figures.{key}",
                int(match.group(group)),
                match.start(group),
                match.end(group),
            )


def _labelled_name(
    found: Found, text: str, folded: str, path: str, label: str, start: int, end: int
) -> None:
    match = re.search(label + r"\s*:\s*", folded[start:end])
    if not match:
        return
    begin = start + match.end()
    names = _names(text, begin, min(end, begin + 120))
    if names and names[0][0] - begin < 3:
        name_start, name_end, name = names[0]
        found.put(path, person_from_name(name), name_start, name_end)


def extract_deliberation(found: Found, text: str, start: int, end: int) -> None:
    """Fill ``deliberation`` from the region ``[start, end)`` of the text."""
    folded = folded_view(text)
    _session(found, text, folded, start, end)
    _labelled_name(
        found,
        text,
        folded,
        "deliberation.session.president",
        r"\bpresident(?:e)?(?: de seance)?",
        start,
        end,
    )
    _labelled_name(
        found,
        text,
        folded,
        "deliberation.session.secretary",
        r"\bsecretaire(?: de seance)?",
        start,
        end,
    )
    presided = re.search(r"sous la presidence de\s+", folded[start:end])
    if presided and found.get("deliberation.session.president") is None:
        names = _names(text, start + presided.end(), start + presided.end() + 80)
        if names:
            found.put(
                "deliberation.session.president",
                person_from_name(names[0][2]),
                names[0][0],
                names[0][1],
            )
    _attendance(found, text, folded, start, end)
    _president_in_list(found, text, folded, start, end)
    _figures(found, folded, start, end)
    _object(found, text, folded, start, end)
    _rapporteur(found, text, folded, start, end)
    _decisions(found, text, folded, start, end)
    _vote(found, text, folded, start, end)
    _publication(found, text, folded, start, end)
    _report(found, text, end)


def _report(found: Found, text: str, end: int) -> None:
    begin = found.marks.get("report_start")
    if begin is None:
        return
    stop = found.marks.get("decisions_start", end)
    paragraphs = [clean(p.replace("\n", " ")) for p in re.split(r"\n\s*\n", text[begin:stop])]
    value = "\n".join(p for p in paragraphs if p)
    if value:
        found.put("deliberation.report", value, begin, stop, 0.8)


def _president_in_list(found: Found, text: str, folded: str, start: int, end: int) -> None:
    """« Étaient présents : Mme Claire DUMONT, Présidente, M. … » names who chaired."""
    if found.get("deliberation.session.president") is not None:
        return
    for name_start, name_end, name in _names(text, start, end):
        after = folded[name_end : name_end + 16]
        if re.match(r"\s*[,(]\s*(?:president|presidente|maire)\b", after):
            found.put(
                "deliberation.session.president", person_from_name(name), name_start, name_end
            )
            return


def _session(found: Found, text: str, folded: str, start: int, end: int) -> None:
    for line in lines(folded, start, end):
        body = re.match(
            r"^\s*(conseil (?:municipal|general|departemental|regional|communautaire|metropolitain|d'administration)\b.*)$",
            line.raw,
        )
        if body and len(line.raw.strip()) < 120:
            found.put(
                "deliberation.session.body",
                clean(text[line.start : line.end]),
                line.start,
                line.end,
            )
            break
    anchor = re.search(
        r"seance (?:publique )?du|reuni(?:e)?s? (?:le|en seance)|l'an (?:deux|mil)",
        folded[start:end],
    )
    search_from = start + anchor.start() if anchor else start
    dates = [
        d
        for d in find_dates(text, search_from, min(end, search_from + 400))
        if d.value.kind.value == "exact"
    ]
    if dates:
        found.put(
            "deliberation.session.date",
            dates[0].value.value.isoformat(),
            dates[0].start,
            dates[0].end,
        )
    if found.get("deliberation.session.body") is None:
        match = re.search(
            r"\ble (conseil (?:municipal|general|departemental|regional|communautaire|metropolitain))\b",
            folded[start:end],
        )
        if match:
            s, e = start + match.start(1), start + match.end(1)
            found.put("deliberation.session.body", clean(text[s:e]), s, e)


def _object(found: Found, text: str, folded: str, start: int, end: int) -> None:
    match = re.search(r"\bobjet(?:\s+de\s+la\s+deliberation)?\s*:?\s*", folded[start:end])
    if not match:
        return
    begin = start + match.end()
    while begin < end and text[begin] in " \t\n*":
        begin += 1
    stop = text.find("\n", begin, end)
    stop = end if stop == -1 else stop
    value = clean(text[begin:stop])
    if value:
        found.put("deliberation.object", value, begin, stop)


def _rapporteur(found: Found, text: str, folded: str, start: int, end: int) -> None:
    labelled = re.search(r"\brapporteur\s*:\s*", folded[start:end])
    if labelled:
        _labelled_name(found, text, folded, "deliberation.rapporteur", r"\brapporteur", start, end)
    match = re.search(
        r"([A-Za-zÀ-ÿ. -]{3,60}),\s*au nom d(?:e la|es|u) (commissions?)\s+([^:]+?),?\s*expose\s*:",
        text[start:end],
        re.IGNORECASE,
    )
    if not match:
        return
    if found.get("deliberation.rapporteur") is None:
        person = person_from_name(match.group(1))
        found.put("deliberation.rapporteur", person, start + match.start(1), start + match.end(1))
    found.put(
        "deliberation.committees",
        _committees(match.group(2), match.group(3)),
        start + match.start(3),
        start + match.end(3),
    )
    found.marks["report_start"] = start + match.end()


def _committees(word: str, text: str) -> list[str]:
    """« commissions de la solidarité et des finances, … » → one name per commission."""
    words = clean(text)
    if fold(word) == "commissions":
        parts = re.split(r"\s+et\s+(?=de la |des |du |de l')", words, maxsplit=1)
        return [f"commission {part.strip()}" for part in parts]
    return [f"commission {words}"]


_DECISION = re.compile(r"^[ \t]*(\d{1,2})[ \t]*(?:[-–.)°]|°\))[ \t]*(\S.*)$")


def _decisions(found: Found, text: str, folded: str, start: int, end: int) -> None:
    decisions: list[tuple[dict[str, object], int, int]] = []
    for line in lines(text, start, end):
        match = _DECISION.match(fold(line.raw))
        if not match:
            continue
        number = int(match.group(1))
        if number != len(decisions) + 1:
            if number == 1:
                decisions = []
            else:
                continue
        value = clean(line.raw[match.start(2) :]).rstrip(" ;.")
        decisions.append(({"number": number, "text": value}, line.start + match.start(2), line.end))
    for index, (decision, begin, stop) in enumerate(decisions):
        found.put(f"deliberation.decisions[{index}]", decision, begin, stop)
    if decisions:
        found.marks["decisions_start"] = decisions[0][1]


_VOTE = re.compile(
    r"\b(adopte(?:e)?s?|approuve(?:e)?s?|rejete(?:e)?s?|vote(?:e)?s?)\b[^.\n]{0,40}?\b(a l'unanimite|a la majorite|par \d+ voix)"
    r"|\b(unanimite)\b|\b(rejete(?:e)?s?)\b"
)
_COUNTS = {
    "votes_for": re.compile(r"\bpour\s*:\s*(\d+)|(\d+)\s+voix pour|(\d+)\s+pour\b"),
    "votes_against": re.compile(r"\bcontre\s*:\s*(\d+)|(\d+)\s+(?:voix )?contre\b"),
    "abstentions": re.compile(r"\babstentions?\s*:\s*(\d+)|(\d+)\s+abstentions?\b"),
    "not_voting": re.compile(
        r"ne prend(?:nent)? pas part au vote\s*:\s*(\d+)|(\d+)\s+(?:ne prenant pas part|non-participations?)"
    ),
}


def _vote(found: Found, text: str, folded: str, start: int, end: int) -> None:
    match = _VOTE.search(folded, start, end)
    if not match:
        return
    words = match.group()
    if "unanimite" in words:
        result = "unanimous"
    elif "rejete" in words:
        result = "rejected"
    else:
        result = "majority"
    line_start = folded.rfind("\n", start, match.start()) + 1
    line_end = folded.find("\n", match.end(), end)
    line_end = end if line_end == -1 else line_end
    found.put("deliberation.vote.result", result, match.start(), match.end())
    found.put("deliberation.vote.text", clean(text[line_start:line_end]))
    window_end = min(end, match.end() + 300)
    for key, pattern in _COUNTS.items():
        count = pattern.search(folded, max(start, match.start() - 300), window_end)
        if count:
            # counts belong to this vote only if no other vote stands between them (minutes)
            between = folded[min(count.end(), match.end()) : max(count.start(), match.start())]
            if _VOTE.search(between):
                continue
            group = next(i for i in (1, 2, 3) if i <= (pattern.groups or 0) and count.group(i))
            found.put(
                f"deliberation.vote.{key}",
                int(count.group(group)),
                count.start(group),
                count.end(group),
            )


def _publication(found: Found, text: str, folded: str, start: int, end: int) -> None:
    published = re.search(
        r"\b(?:publie(?:e)?|affiche(?:e)?|mis(?:e)? en ligne|affichage)\s*(?:le|du|:)",
        folded[start:end],
    )
    if published:
        dates = find_dates(text, start + published.end(), min(end, start + published.end() + 60))
        if dates:
            found.put(
                "deliberation.published_on",
                dates[0].value.value.isoformat(),
                dates[0].start,
                dates[0].end,
            )
    prefecture = re.search(
        r"\bprefecture\b|\bcontrole de (?:la )?legalite\b|\bsous-prefecture\b", folded[start:end]
    )
    if prefecture:
        line_start = start + prefecture.start()
        while line_start > start and text[line_start - 1] != "\n":
            line_start -= 1
        line_end = text.find("\n", start + prefecture.end(), end)
        heading = clean(text[line_start : end if line_end == -1 else line_end])
        if fold(heading).startswith(("prefecture", "sous-prefecture")) and len(heading) < 80:
            found.put("deliberation.prefecture", heading)
        dates = [
            d
            for d in find_dates(
                text, start + prefecture.start(), min(end, start + prefecture.end() + 200)
            )
            if d.value.kind.value == "exact"
        ]
        if dates:
            found.put(
                "deliberation.transmitted_on",
                dates[0].value.value.isoformat(),
                dates[0].start,
                dates[0].end,
            )
    certified = re.search(r"\bpour (?:extrait|copie) conforme\b", folded[start:end])
    if certified:
        begin = start + certified.end()
        stop = begin
        for line in lines(text, begin, end):
            if re.search(r"publie|prefecture|affiche|\d{1,2}/\d{1,2}/\d{2}", fold(line.raw)):
                break
            if line.clean:
                stop = line.end
        value = clean(text[begin:stop].replace("\n", " ")).strip(" ,")
        if value:
            found.put("deliberation.certified_by", value, begin, stop)
