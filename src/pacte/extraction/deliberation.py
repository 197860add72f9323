"""The deliberation: session, attendance and proxies, rapporteur, decisions, vote, dates.

Labels are found on a folded, markup-free copy of the text; names are read from the
original. Attendance lists may be separated by « - », commas, semicolons or line breaks,
or laid out in columns (tab-separated cells under « Présents », « Excusés », « Absents »).
"""

from __future__ import annotations

import re

from pacte.extraction.figures import table_figures
from pacte.extraction.french import find_amounts, find_dates, find_percents, find_years
from pacte.extraction.names import bare_names, holder, trim_name
from pacte.extraction.parties import person_from_name
from pacte.extraction.result import Found, Span
from pacte.extraction.text import clean, fold, folded_view, lines

_CIVILITY = r"(?:M\.|MM\.|Mme|Mmes|Mlle|Melle|Monsieur|Madame|Mademoiselle|Mr\.?|Dr\.?)"
_NAME = re.compile(
    rf"\b{_CIVILITY}[ \t]+(?:[A-ZÀ-Ý][\w'’-]*\.?[ \t]+){{0,3}}?[A-ZÀ-Ý][A-ZÀ-Ý'’ -]*[A-ZÀ-Ý]\b(?:[ \t]+[A-ZÀ-Ý][\w'’-]+)?"
)
_NAME_ANY = re.compile(
    rf"\b{_CIVILITY}[ \t]+[A-ZÀ-Ý][\w'’-]*(?:[ \t]+(?!{_CIVILITY}[ \t])(?:de |du |d'|le |la )?[A-ZÀ-Ý][\w'’-]*){{0,3}}"
)
_LABELS = {
    "present": r"(?:membres |conseillers |elus )?presente?s?(?:\s*\(e?s?\))?|etai(?:en)?t (?:egalement |aussi )?presente?s?",
    "excused": r"(?:membres |conseillers |elus |absente?s? )?excusee?s?(?:\s*\(e?s?\))?(?: ayant donne (?:pouvoir|procuration)| avec (?:pouvoir|procuration)| representee?s?)?|etai(?:en)?t (?:egalement |aussi )?excusee?s?",
    "represented": r"(?:membres |conseillers |elus |absente?s? )?representee?s?(?:\s*\(e?s?\))?|(?:membres |conseillers |elus |absente?s? )?ayant donne (?:pouvoir|procuration)|etai(?:en)?t (?:egalement |aussi )?representee?s?",
    "absent": r"(?:membres |conseillers |elus )?absente?s?(?:\s*\(e?s?\))?|etai(?:en)?t (?:egalement |aussi )?absente?s?",
    "proxies": r"pouvoirs?|procurations?",
}
"""Attendance labels; « absents excusés » are excused, « absents représentés » gave a proxy."""
"""« Étaient également présents » (the chair named apart) lists the other members."""
_GAP = r"[ \t\n]+"
_LABEL = re.compile(
    r"(?:^|(?<=\s))("
    + "|".join(f"(?P<{k}>{v.replace(' ', _GAP)})" for k, v in _LABELS.items())
    + r")"
    r"(?:\s*:|[ \t]+(?=(?:m\.|mm\.|mme|mmes|monsieur|madame|messieurs|mesdames)\s))"
)
"""A label, then its colon or, without one, the civility of the first name listed; the
words of a label may be cut by a line break (« Excusés ayant donné / pouvoir : »)."""
_STOP = re.compile(
    r"\b(?:objet|rapporteur|le conseil|secretaire|president|ordre du jour|nombre de)\b"
)
_GAVE_PROXY = re.compile(r"\b(?:donne|represente)")
"""In a label of excused members: they gave a proxy."""
_PROXY = re.compile(
    r"(?:\(|,|-)?\s*(?:pouvoir|procuration|represente(?:e)? par|a donne pouvoir)\s*(?:a|donne a|de)?\s*:?\s*"
)


def _names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    segment = text[start:end]
    found = []
    for match in _NAME_ANY.finditer(segment):
        name = trim_name(clean(match.group()).rstrip(" -,;"))
        found.append((start + match.start(), start + match.start() + len(name), name))
    return found


def _listed_names(
    text: str, start: int, end: int, *, givers: bool = False
) -> list[tuple[int, int, str]]:
    """Names of a list: with their civilities (« M. X, Mme Y »), or without when that
    reads more of them (« PILLET Gérard ; BODIC Bernard », « Anne BAILLY - Paul ROUX »)."""
    named = _names(text, start, end)
    bare = bare_names(text, start, end, givers=givers)
    return bare if len(bare) > len(named) else named


def _label_spans(folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    spans = []
    for match in _LABEL.finditer(folded, start, end):
        kind = next(k for k in _LABELS if match.group(k))
        spans.append((kind, match.start(), match.end()))
    return spans


def _field_end(folded: str, start: int, limit: int) -> int:
    """A list ends at the next label, a stop word or the end of its paragraph.

    A stop word ends it only where a new statement may begin (start of a line, after
    « . » or « ; »): « M. X, Maire, Président (pouvoir à …) » or « élus par le Conseil
    municipal : » inside a list go on.
    """
    stop = next(
        (m for m in _STOP.finditer(folded, start, limit) if _opens_statement(folded, m.start())),
        None,
    )
    limit = stop.start() if stop else limit
    blank = re.compile(r"\n[ \t]*\n").search(folded, start, limit)
    if blank and folded[start : blank.start()].strip():
        return blank.start()
    return limit


def _opens_statement(folded: str, index: int) -> bool:
    """Nothing before ``index`` on its line, or the end of a sentence or of an item."""
    before = folded[folded.rfind("\n", 0, index) + 1 : index].rstrip()
    return not before or (before[-1] in ".;" and not re.search(r"\b(?:m|mm|dr)\.$", before))


_GIVES_PROXY = re.compile(
    r"[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*,?[ \t]*(?:a[ \t]+)?donne\w*[ \t]+(?:pouvoir|procuration)\b"
)
"""After a name opening a line: « M. X (a) donné pouvoir à Mme Y », a proxy without label."""


def _proxy_lines(
    text: str, folded: str, labels: list[tuple[str, int, int]], end: int
) -> list[tuple[str, int, int]]:
    """Lines « M. X donne pouvoir à M. Y » among the attendance lists, read as proxies.

    Only between the first and the last label, or right under the last list (no blank
    line between): elsewhere such a sentence tells of the debates.
    """
    _, last_start, last_end = labels[-1]
    reach = _field_end(folded, last_end, end)
    found = []
    for line in lines(text, labels[0][2], end):
        if line.start >= last_start and line.start > reach:
            break
        name = _NAME_ANY.match(text, line.start + len(line.raw) - len(line.raw.lstrip()))
        if name and _GIVES_PROXY.match(folded, name.end()):
            found.append(("represented", line.start, line.start))
    return found


_PROXY_STATEMENT = re.compile(
    r"\b(?:donne|a donne|avait donne|ayant donne)[ \t\n]+(?:pouvoir|procuration)[ \t\n]+(?:a|au)\b"
    r"|[.…_]{5,}[ \t]*a[ \t]+(?=(?:m\.|mme|monsieur|madame)?[ \t]*[a-z])"
)
"""One proxy stated in a list: « X (avait) donné pouvoir à Y », « X ........ à Y »."""


def _attendance(found: Found, text: str, folded: str, start: int, end: int) -> None:
    labels = _label_spans(folded, start, end)
    if not labels:
        return
    labels = sorted(labels + _proxy_lines(text, folded, labels, end), key=lambda lab: lab[1])
    columns = _column_layout(found, text, folded, labels, start, end)
    if columns:
        return
    present: list[dict[str, str]] = []
    excused: list[dict[str, object]] = []
    represented: list[dict[str, object]] = []
    absent: list[dict[str, str]] = []
    for index, (kind, _, label_end) in enumerate(labels):
        limit = labels[index + 1][1] if index + 1 < len(labels) else end
        stop = _field_end(folded, label_end, limit)
        if kind == "present":
            present += [
                p for _, _, n in _listed_names(text, label_end, stop) if (p := person_from_name(n))
            ]
        elif kind == "excused":
            # « Excusés ayant donné pouvoir : M. X à Mme Y » are excused and gave a proxy
            with_proxy = bool(_GAVE_PROXY.search(folded, labels[index][1], label_end))
            excused += _excused(text, label_end, stop, proxies=with_proxy)
        elif kind in ("represented", "proxies"):
            represented += [m for m in _excused(text, label_end, stop, proxies=True)]
        elif kind == "absent":
            absent += [
                p for _, _, n in _listed_names(text, label_end, stop) if (p := person_from_name(n))
            ]
        path = "excused" if kind in ("represented", "proxies") else kind
        found.spans.setdefault(f"deliberation.session.{path}", _span(label_end, stop))
    # members only listed as represented gave a proxy without being called excused; an
    # excused member whose proxy is stated apart (« Pouvoirs : M. X à M. Y ») keeps it
    listed = {_key(m["person"]): m for m in excused}
    for member in represented:
        same = listed.get(_key(member["person"]))
        if same is not None and "proxy_to" in member:
            same.setdefault("proxy_to", member["proxy_to"])
    represented = [m for m in represented if _key(m["person"]) not in listed]
    if represented:
        found.marks["represented_only"] = len(represented)
    statements = sum(
        len(_PROXY_STATEMENT.findall(folded, label_end, _field_end(folded, label_end, limit)))
        for (kind, _, label_end), limit in zip(
            labels, [lab[1] for lab in labels[1:]] + [end], strict=True
        )
        if kind != "present"
    )
    if statements:
        found.marks["proxy_statements"] = statements
    kinds = {kind for kind, _, _ in labels}
    if "excused" in kinds:
        found.marks["excused_labelled"] = 1
    if kinds & {"represented", "proxies"} or any(
        _GAVE_PROXY.search(folded, label_start, label_end) or "pouvoir" in folded[label_end:end]
        for kind, label_start, label_end in labels
        if kind == "excused"
    ):
        found.marks["proxies_labelled"] = 1
    _store_attendance(
        found,
        present,
        excused + represented if kinds & {"excused", "represented", "proxies"} else None,
        absent if "absent" in kinds else None,
    )


def _key(person: object) -> str:
    return fold(str((person or {}).get("last_name", ""))) if isinstance(person, dict) else ""


def _span(start: int, end: int) -> Span:
    return Span(start, end, 0.8)


_GIVEN_TO = re.compile(
    r"^\s*(?:\([^()\n]{1,60}\))?\s*(?:\(|:|-)?\s*(?:a|donne a|au profit de)\s*:?\s*$"
)
"""Between a member and their proxy holder in a list of proxies (« M. X à Mme Y »)."""


def _excused(text: str, start: int, end: int, *, proxies: bool = False) -> list[dict[str, object]]:
    """« M. X (pouvoir Mme Y) - Mme Z » → each excused member with their proxy holder.

    Under a label of proxies (« Pouvoirs : », « Absents représentés : ») a member may
    also be followed by their holder with a mere « à ».
    """
    members: list[dict[str, object]] = []
    names = _names(text, start, end)
    bare = bare_names(text, start, end, givers=proxies)
    if len(bare) > len(names) + (len(names) if proxies else 0):
        # a list without civilities: each item one member (the holder of a proxy dropped)
        members = []
        for _, name_end, name in bare:
            person = person_from_name(name)
            if person is None:
                continue
            held_by = holder(text, name_end, end) if proxies else None
            holder_person = person_from_name(held_by) if held_by else None
            members.append(
                {"person": person, "proxy_to": holder_person}
                if holder_person
                else {"person": person}
            )
        return members
    folded = fold(text)
    for index, (name_start, _name_end, name) in enumerate(names):
        person = person_from_name(name)
        if person is None:
            continue
        between = folded[names[index - 1][1] : name_start] if index else ""
        given = _PROXY.search(between) or (proxies and _GIVEN_TO.match(between))
        if members and given and "proxy_to" not in members[-1]:
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
    excused: list[dict[str, object]] | None,
    absent: list[dict[str, str]] | None,
) -> None:
    """Lists the document states; one without its label is not stated (``None``)."""
    found.put("deliberation.session.present", present)
    if excused is not None:
        found.put("deliberation.session.excused", excused)
    if absent is not None:
        found.put("deliberation.session.absent", absent)


_LEADER = r"[ \t]*(?::?[ \t]*[.…_]{2,}[ \t]*:?|:|-)?[ \t]*"
"""Between a label and its figure: a colon, dotted leaders (« présents ...... 31 ») or nothing."""
_BEFORE = r"(?<![\d/.,])"
"""A figure stated before its label is not the end of a date or an amount."""

_FIGURES = {
    "in_office": re.compile(
        rf"(?:en exercice|conseillers en exercice|membres en exercice|composant le conseil){_LEADER}(\d+)\b"
        rf"|{_BEFORE}\b(\d+)[ \t]+(?:conseillers |membres )?en exercice"
    ),
    "present": re.compile(
        rf"(?:nombre de (?:membres |conseillers )?presents|presents)(?:{_LEADER})(\d+)\b"
        rf"|{_BEFORE}\b(\d+)[ \t]+presents\b"
    ),
    # « Membres représentés : 5 », « Pouvoirs : 3 », « Excusés : 2 », « Absents : 3 »: the
    # figure stated in place of the names
    "represented": re.compile(
        r"(?:(?:membres |conseillers |elus |absente?s? )?representee?s?|pouvoirs|procurations)"
        rf"{_LEADER}(\d+)\b(?![ \t]*(?:[/.,]\d|%|€|euros?\b|voix\b))"
    ),
    "excused": re.compile(
        rf"(?:membres |conseillers |elus |absente?s? )?excusee?s?{_LEADER}(\d+)\b"
        r"(?![ \t]*(?:[/.,]\d|%|€|euros?\b))"
    ),
    "absent": re.compile(
        rf"(?:membres |conseillers |elus )?absente?s?{_LEADER}(\d+)\b"
        r"(?![ \t]*(?:[/.,]\d|%|€|euros?\b))"
    ),
    "voters": re.compile(
        rf"(?:votants|nombre de votants|suffrages exprimes){_LEADER}(\d+)\b"
        rf"|{_BEFORE}\b(\d+)[ \t]+votants\b"
    ),
}


def _figures(found: Found, folded: str, start: int, end: int) -> None:
    table = {}
    for key, value, figure_start, figure_end in table_figures(folded, start, end):
        table[key] = value
        found.put(f"deliberation.session.figures.{key}", value, figure_start, figure_end)
    for key, pattern in _FIGURES.items():
        if key in table:
            continue
        match = _first_figure(pattern, folded, start, end)
        if match:
            group = 1 if match.group(1) or match.re.groups == 1 else 2
            value = int(match.group(group))
            if key in _PARTS:
                values = _figures_of_parts(pattern, folded, match, group, end)
                value = max(values) if _PARTS[key] == "max" else min(values)
            found.put(
                f"deliberation.session.figures.{key}",
                value,
                match.start(group),
                match.end(group),
            )


_PARTS = {"present": "max", "represented": "max", "absent": "min"}
"""A figure stated for each part of a session (« Présents : 43 43 42 », « Présents : 48
Présents : 49 »): present, the most members present at some point; proxies, the most
given; absent, those absent from the whole session (the fewest)."""
_ROW = re.compile(r"(?:[ \t]+\d{1,3}\b(?![/.,:]\d|[ \t]*(?:%|€|euros?\b|h\b)))+")


def _figures_of_parts(
    pattern: re.Pattern[str], folded: str, match: re.Match[str], group: int, end: int
) -> list[int]:
    """The figures of one label over the parts of a session: a row of figures after it, or
    the same label again right after its figure."""
    values = [int(match.group(group))]
    row = _ROW.match(folded, match.end(group), end)
    if row:
        values += [int(n) for n in row.group().split()]
        return values
    position = match.end()
    while (
        again := pattern.match(
            folded, position + (len(folded[position:end]) - len(folded[position:end].lstrip())), end
        )
    ) is not None:
        number = 1 if again.group(1) or again.re.groups == 1 else 2
        values.append(int(again.group(number)))
        position = again.end()
    return values


def _first_figure(
    pattern: re.Pattern[str], folded: str, start: int, end: int
) -> re.Match[str] | None:
    """The first match that is a figure of its label (searching again just after a
    rejected one: « 19 Présents : 15 » holds « Présents : 15 »)."""
    position = start
    while (match := pattern.search(folded, position, end)) is not None:
        if not _is_year(match) and not _value_of_previous_label(folded, match):
            return match
        position = match.start() + 1
    return None


def _value_of_previous_label(folded: str, match: re.Match[str]) -> bool:
    """« En exercice : 19 Présents : 15 »: 19 is the figure of « En exercice », not a figure
    stated before « Présents »."""
    if match.re.groups < 2 or match.group(2) is None:
        return False
    before = folded[max(0, match.start(2) - 8) : match.start(2)]
    # « … à la n°3 Présents : 43 »: a number of a deliberation, not a figure
    return bool(re.search(r":[ \t]*$|\bn[°o]?[ \t]*$", before))


def _is_year(match: re.Match[str]) -> bool:
    """« Présents : 2025 » is no count of members: figures of a council stay below 1000."""
    return int(match.group(1) or match.group(match.re.groups)) >= 1000


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


_LEAD_CIVILITY = re.compile(r"^\s*(?:(?i:monsieur|madame|m\.|mme)\s+)?$")
"""Between « sous la présidence de » and the name: nothing, or a civility in any case."""


def extract_deliberation(found: Found, text: str, start: int, end: int) -> None:
    """Fill ``deliberation`` from the region ``[start, end)`` of the text."""
    folded = folded_view(text)
    found.marks["deliberation_start"] = start
    found.marks["deliberation_end"] = end
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
    presided = re.search(
        r"sous la presidence de\s+(?:(?:son|sa|leur)\s+(?:maire|president|presidente)\s*,?\s*)?",
        folded[start:end],
    )
    if presided and found.get("deliberation.session.president") is None:
        at = start + presided.end()
        names = [
            n
            for n in _names(text, at, at + 80)[:1] + bare_names(text, at, at + 60)[:1]
            if _LEAD_CIVILITY.match(text[at : n[0]])
        ]
        if names:
            found.put(
                "deliberation.session.president",
                person_from_name(names[0][2]),
                names[0][0],
                names[0][1],
            )
    _attendance(found, text, folded, start, end)
    _president_in_list(found, text, folded, start, end)
    _chair_by_title(found, text, folded, start, end)
    _figures(found, folded, start, end)
    _object(found, text, folded, start, end)
    _rapporteur(found, text, folded, start, end)
    _decisions(found, text, folded, start, end)
    _vote(found, text, folded, start, end)
    _publication(found, text, folded, start, end)
    _mandated(found, text, folded, start, end)
    _report(found, text, end)


def extract_stamps(found: Found, text: str) -> None:
    """Publication and préfecture stamps of an act of no other known kind (an arrêté, an
    annex): « Reçu en préfecture le 12/01/2023 », « Publié le 20/02/2023 »."""
    _publication(found, text, folded_view(text), 0, len(text))


_SIGNING = re.compile(
    r"\b(?:m'|d')?(?:autoris|habilit|donn\w* (?:pouvoir|delegation))\w*\b(?P<who>(?:[^.;]|(?<=\bm)\.|(?<=\bmm)\.|(?<=\bdr)\.){0,160}?)"
    r"\ba (?:y |la |les )?(?:signer|signature)\b"
)
"""« AUTORISE M. X, Maire, à signer », « d'autoriser la Présidente à signer »."""


def _mandated(found: Found, text: str, folded: str, start: int, end: int) -> None:
    """The act authorises someone to sign: it is then the mandate of the signatory."""
    if "vote_item_start" in found.marks and _SIGNING.search(
        folded, found.marks["vote_item_start"], found.marks["vote_item_end"]
    ):
        # minutes of a session: the item whose vote was chosen authorises a signature
        found.marks["item_authorises_signing"] = 1
    match = _SIGNING.search(folded, start, end)
    if not match:
        return
    found.marks["authorises_signing"] = match.start()
    names = _names(text, match.start("who"), match.end("who"))
    if names and names[0][0] - match.start("who") < 3:
        person = person_from_name(names[0][2])
        if person is not None:
            found.put("deliberation.mandated", person, names[0][0], names[0][1])


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


_CHAIR_BY_TITLE = re.compile(
    r"\bsous la presidence de (?:monsieur|madame|m\.|mme) (?:le |la )?(maire|president)"
    r"|\b(?:monsieur|madame|m\.|mme)? ?(?:le |la )(maire|president)e? (?:ouvre|declare ouverte) la seance"
    r"|\bla seance est ouverte (?:par|sous la presidence de) (?:monsieur|madame|m\.|mme) "
    r"(?:le |la )?(maire|president)"
)
"""The chair named by their title only (« sous la présidence de Monsieur le maire »)."""


_NOT_NAMES = {"", "le", "la", "les", "maire", "president", "presidente", "adjoint", "adjointe"}


def _chair_by_title(found: Found, text: str, folded: str, start: int, end: int) -> None:
    """The person who bears the chair's title elsewhere in the text (« M. Paul MARTIN –
    maire de … », « Le Maire, Paul MARTIN »); a present member when the list is known."""
    if found.get("deliberation.session.president") is not None:
        return
    chair = _CHAIR_BY_TITLE.search(folded, start, end)
    if chair is None:
        return
    title = next(g for g in chair.groups() if g)
    after = re.compile(rf"\s*(?:[,(–-]|\bdu\b)?\s*(?:le |la )?{title}e?\b")
    before = re.compile(rf"\b(?:le |la ){title}e?\s*[,:]?\s*$")
    present = {_key(p) for p in found.get("deliberation.session.present") or []}
    candidates = []
    for name_start, name_end, name in _names(text, start, end):
        if after.match(folded, name_end) or before.search(
            folded, max(start, name_start - 16), name_start
        ):
            person = person_from_name(name)
            if person is not None and fold(str(person.get("last_name", ""))) not in _NOT_NAMES:
                candidates.append((_key(person) not in present, name_start, name_end, person))
    if candidates:
        # a president is a present member: one listed as present comes first
        _, name_start, name_end, person = min(
            candidates, key=lambda c: (c[0] and bool(present), c[1])
        )
        found.put("deliberation.session.president", person, name_start, name_end)


_SESSION_ANCHOR = re.compile(
    r"seance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)?du\b|reunion\s+du\b"
    r"|\b(?:bureau|conseil(?:\s+[a-z]+)?|commission permanente|comite syndical)\s+du\s+"
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi)\s+)?\d"
    r"|s'est\s+reuni(?:e)?s?\s+(?:[^.;]{0,80}?\s)?(?:le|en\s+seance)\b|l'an\s+(?:deux|mil)"
)
_OTHER_ACT = re.compile(r"\b(?:vu|deliberations?|decisions?|arretes?|commissions?)\b[^.;]{0,40}$")
"""« Vu la délibération du conseil municipal du … »: another act's date, not the session."""
_APPROVED_MINUTES = re.compile(r"\b(?:approb\w*|approuv\w*|adopt\w*|lecture)\W+(?:\w+\W+){0,9}$")
"""« approbation du procès-verbal de la séance du 9 décembre »: an earlier session."""


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
    # the council « s'est réuni(e) le … » or met « en séance du … »; a committee « réunie
    # le … » in a « Vu » is a decoy, taken only when nothing better is found
    anchor = next(
        (
            m
            for m in _SESSION_ANCHOR.finditer(folded, start, end)
            if not _APPROVED_MINUTES.search(folded, max(start, m.start() - 90), m.start())
            and not (
                m.group().startswith(("bureau", "conseil", "commission", "comite"))
                and _OTHER_ACT.search(folded, max(start, m.start() - 50), m.start())
            )
        ),
        None,
    ) or re.compile(r"reuni(?:e)?s?\s+(?:le|en\s+seance)\b").search(folded, start, end)
    search_from = anchor.start() if anchor else start
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
_MAJORITY = re.compile(
    r"\ba la majorite\b(?=[^.;]{0,40}?(?:\d+\s+voix|\bpour\s*:|\d+\s+pour\b))"
    r"|(?<=delibere,)\s*a la majorite\b|(?<=delibere)\s+a la majorite\b"
    r"|\ba la majorite (?:des voix|des suffrages|des membres|absolue|qualifiee)\b"
)
"""« à la majorité » alone decides the vote when counts follow it or it ends the
debate (« après en avoir délibéré, à la majorité »), not in a rule of quorum."""
_NUMBER = r"(\d+)"
_COUNTS = {
    "votes_for": (r"\bpour", r"(?:voix\s+)?pour\b"),
    "votes_against": (r"\bcontre", r"(?:voix\s+)?contre\b"),
    "abstentions": (r"\babstentions?", r"abstentions?\b"),
    "not_voting": (
        r"ne\s+prend(?:nent)?\s+pas\s+part\s+au\s+vote",
        r"(?:ne\s+prenant\s+pas\s+part|non-participations?)",
    ),
}
"""Each count as « Pour : 17 » (label, colon, number) or « 17 voix pour » (number first)."""


_OTHER_LABEL = re.compile(
    r"\b(?:pour|contre|abstentions?|votants|exprimes|presents|exercice)\s*:\s*$"
)
"""A number that is already the value of a labelled count."""


_REFERENCE_BEFORE = re.compile(
    r"(?:(?:parcelles?|cadastr\w*|section)[^.;\d]{0,20}\b[a-z]{1,2}|\bn[°o]|\bparcelles?|\barticles?|\blots?|"
    r"\bsections?|\bnumeros?|\bchapitres?|\bcomptes?)\s*$"
)
"""« parcelle AB 245 pour un euro »: a cadastral or other reference, not a count of votes."""


def _count(folded: str, key: str, start: int, end: int) -> re.Match[str] | None:
    label, after = _COUNTS[key]
    labelled = re.compile(rf"{label}\s*:\s*{_NUMBER}\b")
    # a number first must not be the value of a preceding label (« Pour : 34  Contre : 0 »)
    stated = re.compile(rf"(?<![\d/.,])\b{_NUMBER}[ \t]+{after}")
    first = next(
        (
            m
            for m in stated.finditer(folded, start, end)
            if not _OTHER_LABEL.search(folded, max(start, m.start() - 40), m.start())
            and not _REFERENCE_BEFORE.search(folded, max(start, m.start() - 40), m.start())
        ),
        None,
    )
    found = [m for m in (labelled.search(folded, start, end), first) if m]
    return min(found, key=lambda m: m.start(1)) if found else None


_SUBJECT = re.compile(r"\b(?:convention|subvention|aide financiere|participation financiere)s?\b")
"""What an item of the session is about when it matters to Pacte."""


def _vote_candidates(folded: str, start: int, end: int) -> list[re.Match[str]]:
    """Every statement of a vote, in order; one overlapping an earlier one is the same vote."""
    matches = sorted(
        [
            *_VOTE.finditer(folded, start, end),
            *_MAJORITY.finditer(folded, start, end),
            *_GRID.finditer(folded, start, end),
        ],
        key=lambda m: (m.start(), -m.end()),
    )
    votes: list[re.Match[str]] = []
    for match in matches:
        if votes and match.start() < votes[-1].end():
            continue
        votes.append(match)
    return votes


_AGENDA = re.compile(r"^[ \t]*ordre du jour[ \t]*:?[ \t]*$", re.MULTILINE)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


def _after_agenda(folded: str, start: int, end: int) -> int:
    """Past the list under an « ORDRE DU JOUR » heading, if there is one."""
    agenda = _AGENDA.search(folded, start, end)
    if agenda is None:
        return start
    rest = folded[agenda.end() : end]
    body = agenda.end() + len(rest) - len(rest.lstrip())
    stop = _PARAGRAPH_END.search(folded, body, end)
    return stop.end() if stop else start


def _chosen_vote(found: Found, folded: str, start: int, end: int) -> re.Match[str] | None:
    """The vote of the key terms: the first one stated (in minutes, the first voted item,
    the approval of the previous minutes or the election of the secretary included).

    The item of a vote is the text since the previous vote. The item that authorises a
    signature and concerns a convention or a subsidy, then one that does either, is
    remembered so that, in minutes, its amounts, instalments and authorisation to sign are
    read there only.
    """
    votes = _vote_candidates(folded, start, end)
    if len(votes) < 2:
        return votes[0] if votes else None
    first = votes[0]
    best, best_score, best_item = votes[0], 0, (start, votes[0].end())
    previous = start
    for vote in votes:
        item = (previous, vote.end())
        # the agenda announces every item: it tells nothing of the first vote
        scored = _after_agenda(folded, *item) if previous == start else item[0]
        score = 2 * bool(_SIGNING.search(folded, scored, item[1]))
        score += bool(_SUBJECT.search(folded, scored, item[1]))
        if score > best_score:
            best, best_score, best_item = vote, score, item
        previous = vote.end()
    if best_score:
        line_end = folded.find("\n", best_item[1], end)
        found.marks["vote_item_start"] = best_item[0]
        found.marks["vote_item_end"] = end if line_end == -1 else line_end
    del best
    return first


def _vote(found: Found, text: str, folded: str, start: int, end: int) -> None:
    match = _chosen_vote(found, folded, start, end)
    if not match:
        return
    words = match.group()
    if match.re is _GRID:
        # a printed grid alone: unanimous when nobody voted against nor abstained
        blank = [g is None or not g.isdigit() or int(g) == 0 for g in match.groups()[1:]]
        result = "unanimous" if all(blank) else "majority"
    elif "unanimite" in words:
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
    for key in _COUNTS:
        count = _count(folded, key, max(start, match.start() - 300), window_end)
        if count:
            # counts belong to this vote only if no other vote stands between them, its
            # own statement included (minutes: « … par 14 voix pour » is the next item's)
            if _other_vote_between(folded, match, count):
                continue
            found.put(
                f"deliberation.vote.{key}",
                int(count.group(1)),
                count.start(1),
                count.end(1),
            )
    _grid_counts(found, folded, match, max(start, match.start() - 300), min(end, match.end() + 900))


def _other_vote_between(folded: str, vote: re.Match[str], count: re.Match[str]) -> bool:
    """Whether another statement of a vote stands between a vote and a count."""
    if count.start() >= vote.end():
        between = folded[vote.end() : count.end()]
    else:
        between = folded[count.start() : vote.start()]
    return bool(_VOTE.search(between) or _MAJORITY.search(between))


_GRID = re.compile(
    r"\bpour\s*:\s*(\d+)\s*(?:voix\s*)?[-–,;]?\s*"
    r"contre\s*:\s*(\d+|neant|-|/)?\s*(?:voix\s*)?[-–,;]?\s*"
    r"abstentions?\s*:\s*(\d+|neant|-|/)?(?=\s|$|[.;,(])"
)
"""A printed grid « Pour : 28 Contre : Abstention : » or « Pour : 13 – Contre : 0 –
Abstention : 0 »: every field stated, a blank or « néant » one is none."""


def _grid_counts(found: Found, folded: str, vote: re.Match[str], start: int, end: int) -> None:
    """The counts of the vote's grid, when no other vote stands between them (a grid may
    close a deliberation well after « à l'unanimité »); blank fields are 0."""
    grid = _GRID.search(folded, start, end)
    if grid is None:
        return
    if _other_vote_between(folded, vote, grid):
        return
    stated = found.get("deliberation.vote.votes_for")
    if stated is not None and stated != int(grid.group(1)):
        return
    for key, group in (("votes_for", 1), ("votes_against", 2), ("abstentions", 3)):
        if found.get(f"deliberation.vote.{key}") is not None:
            continue
        value = grid.group(group)
        number = int(value) if value is not None and value.isdigit() else 0
        at = (grid.start(group), grid.end(group)) if value is not None else grid.span()
        found.put(f"deliberation.vote.{key}", number, *at)


_PUBLISHED = re.compile(
    r"\b(?:publie(?:e)?|affiche(?:e)?|mis(?:e)? en ligne|affichage|publication)\b"
)
_TRANSMITTED = re.compile(
    r"\b(?:prefecture|sous-prefecture|controle de (?:la )?legalite|representant de l'etat"
    r"|accuse de reception)\b"
)
_NOT_THE_ACT = re.compile(
    r"\s*(?:de la |des )?(?:convocation|ordre du jour)\b"
    r"|\s*(?:au|dans le) (?:journal officiel|bulletin officiel|j\.?o\.?\b)"
    r"|\s*(?:des )?(?:deliberations|actes)\b"
)
"""« Date d'affichage de la convocation » dates the convocation, not the act; « décret
publié au Journal officiel du … » dates a law cited; « Publication des délibérations » is
the heading of a register."""
_DELAY = re.compile(r"\b(?:a compter de|a partir de|des|suivant)\s+(?:sa|leur|la)\s*$")
"""« deux mois à compter de sa publication »: a time limit to appeal, not a date."""


_BOUNDARY = re.compile(r"\.\s+(?=[A-ZÀ-Ý])|\n[ \t]*\n")
"""The end of a sentence or of a paragraph (« AVR. 2009 » is no end)."""


def _dated_after(
    text: str,
    folded: str,
    pattern: re.Pattern[str],
    start: int,
    end: int,
    reach: int,
    not_before: str | None = None,
) -> tuple[int, int, str] | None:
    """The first exact date stated right after a keyword, within its sentence.

    A date before ``not_before`` (the session) cannot date the act's publication or
    transmission: beside the date of convocation, « Date d'affichage » is the posting of
    the convocation.
    """
    for match in pattern.finditer(folded, start, end):
        if _NOT_THE_ACT.match(folded, match.end()) or _DELAY.search(
            folded, max(start, match.start() - 30), match.start()
        ):
            continue
        stop = min(end, match.end() + reach)
        for boundary in _BOUNDARY.finditer(text, match.end(), stop):
            # a label and its date may stand apart (« Déposé le : » … « 7 AVR. 2009 »)
            if not re.search(r"(?::|\ble|\bdu)\s*$", folded[match.end() : boundary.start()]):
                stop = boundary.start()
                break
        dates = [
            d
            for d in find_dates(text, match.end(), stop)
            if d.value.kind.value == "exact"
            and (not_before is None or d.value.value.isoformat() >= not_before)
        ]
        if dates:
            return dates[0].start, dates[0].end, dates[0].value.value.isoformat()
    return None


def _publication(found: Found, text: str, folded: str, start: int, end: int) -> None:
    session = found.get("deliberation.session.date")
    published = _dated_after(text, folded, _PUBLISHED, start, end, 130, session)
    if published:
        found.put("deliberation.published_on", published[2], published[0], published[1])
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
    transmitted = _dated_after(text, folded, _TRANSMITTED, start, end, 200, session)
    if transmitted:
        found.put("deliberation.transmitted_on", transmitted[2], transmitted[0], transmitted[1])
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


_DISPOSITIF = re.compile(
    r"\b(?:apres|et) en avoir delibere\b|^[ \t]*(?:decide|delibere|arrete)\s*:|\b(?:decide|arrete)\s*:",
    re.MULTILINE,
)
"""Where the operative part begins: what comes before is the report and its figures
(« Après avoir entendu l'exposé du rapporteur et en avoir délibéré »)."""
_DISPOSITIF_END = re.compile(
    r"\bresultat du vote\b|\bfait et delibere\b|\bpour (?:extrait|copie) conforme\b"
    r"|\bau registre sont\b|^[ \t]*(?:pour|contre|abstentions?)\s*:"
    # the heading of an annex (« ANNEXE 1 – LISTE DES BÉNÉFICIAIRES »)
    r"|^[ \t]*annexes?(?:[ \t]+(?:n°[ \t]*)?(?:\d+|[ivx]+|unique))?[ \t]*(?:[-:][^\n]*)?$",
    re.MULTILINE,
)
_COUNT_LINE = re.compile(r"^[ \t]*(?:pour|contre|abstentions?)\s*:", re.MULTILINE)
_ITEM = re.compile(
    r"^[ \t]*(?:[-–•*][ \t]+|\d{1,2}[ \t]*(?:°\)|[-–.)°])[ \t]*|article[ \t]+(?:\d+(?:er)?|premier)[ \t]*[:.–-]|[a-z]\)[ \t]+)",
    re.MULTILINE,
)
_GRANTING = re.compile(
    r"\b(?:attribu|accord|allou|octroi|versement|subvention|aide financiere|participation|"
    r"contribution|dotation|financement)"
)
_LABEL_WORD = re.compile(
    r"\b((?:subvention|aide|participation|contribution|dotation)\b[^,;:\d€]{0,70}?)"
    r"(?:\s+(?:d'un montant )?(?:de|d'un montant|pour un montant de|a hauteur de))?\s*$"
)
_YEAR_OF = re.compile(r"\b(?:exercice|annee|au titre de|budget(?: primitif)?)\s+(\d{4})\b")


def _label(text: str, folded: str, start: int, end: int) -> str | None:
    """« Subvention de fonctionnement (plateforme) » written before an amount."""
    while end > start and folded[end - 1] in " \t\n.…_":
        end -= 1
    match = _LABEL_WORD.search(folded, start, end)
    if not match:
        return None
    words = clean(text[match.start(1) : match.end(1)].replace("\n", " ")).rstrip(" -–")
    return words[:1].lower() + words[1:] if words else None


def _region(found: Found, item: bool = False) -> tuple[int | None, int | None]:
    """The deliberation, or (``item``: minutes of a session) the item whose vote was chosen."""
    if item and "vote_item_start" in found.marks:
        return found.marks["vote_item_start"], found.marks["vote_item_end"]
    return found.marks.get("deliberation_start"), found.marks.get("deliberation_end")


def dispositif(found: Found, text: str, *, item: bool = False) -> tuple[int, int] | None:
    """The operative part of the deliberation (« DÉCIDE : » … before the vote), if found;
    with ``item``, in minutes of a session, that of the item whose vote was chosen."""
    start, end = _region(found, item)
    if start is None or end is None:
        return None
    folded = folded_view(text)
    begin = _DISPOSITIF.search(folded, start, end)
    if begin is None:
        return None
    stop = _DISPOSITIF_END.search(folded, begin.end(), end)
    while stop and _COUNT_LINE.match(folded, stop.start()):
        # counts stated right after « après en avoir délibéré », before any decision: the
        # decisions follow the vote (« Pour : 16 … » then « ARTICLE 1 – ATTRIBUE … »)
        if _ITEM.search(folded, begin.end(), stop.start()) or find_amounts(
            text, begin.end(), stop.start()
        ):
            break
        paragraph = _PARAGRAPH_END.search(folded, stop.end(), end)
        if paragraph is None or not _ITEM.search(folded, paragraph.end(), end):
            break
        stop = _DISPOSITIF_END.search(folded, paragraph.end(), end)
    return begin.start(), stop.start() if stop else end


def granted_amounts(found: Found, text: str, *, item: bool = False) -> list[dict[str, object]]:
    """Sums the deliberation grants: amounts of its operative part tied to a grant.

    Amounts of the report (the previous year's sum, the amount requested) are not
    granted; a sum also written in words (« 8 500 € (huit mille cinq cents euros) ») is
    one amount; a table of aid under an item (« les subventions suivantes : ») gives one
    amount per row.
    """
    region = dispositif(found, text, item=item)
    if region is None:
        return []
    start, end = region
    folded = folded_view(text)
    items = [m.start() for m in _ITEM.finditer(folded, start, end)] or [start]
    granted: list[dict[str, object]] = []
    seen: set[tuple[int, object]] = set()
    for amount in find_amounts(text, start, end):
        item_start = max([i for i in items if i <= amount.start] or [start])
        following = [i for i in items if i > amount.start]
        item_end = following[0] if following else end
        before = folded[item_start : amount.start]
        line_start = folded.rfind("\n", start, amount.start) + 1
        row = folded[line_start : amount.start]
        if not _GRANTING.search(before) and not _GRANTING.search(row):
            continue
        if re.search(r"\b(?:total|cout|budget)\b[^\n]{0,30}$", before):
            continue
        key = (item_start, amount.value)
        if key in seen:
            continue
        seen.add(key)
        stated = _YEAR_OF.search(folded[item_start:item_end])
        years = [y.value for y in find_years(text, item_start, item_end)]
        year = int(stated.group(1)) if stated else (years[0] if years else None)
        words = _label(text, folded, line_start, amount.start) or _label(
            text, folded, item_start, amount.start
        )
        granted.append(
            {
                "amount": f"{amount.value:.2f}",
                "year": year,
                "label": words or "montant de la délibération",
            }
        )
    if not granted:
        granted = _annexed_amounts(found, text, folded, items, region, item=item)
    return granted


_IN_ANNEX = re.compile(r"\b(?:en annexe|annexee?s?\b|ci-annexee?s?\b|figurant a l'annexe)")
_GRANT_COLUMN = re.compile(
    r"^(?:montant\s+)?(?:subvention|aide|participation|contribution|dotation|montant)\b"
)
_NOT_GRANT_COLUMN = re.compile(
    r"subventionnable|eligible|retenue?|cout|depense|base|assiette|taux|budget|demande|sollicite"
)
_TOTAL_ROW = re.compile(r"^(?:sous-)?total\b")


def _annexed_amounts(
    found: Found,
    text: str,
    folded: str,
    items: list[int],
    region: tuple[int, int],
    *,
    item: bool = False,
) -> list[dict[str, object]]:
    """Sums granted in a table the operative part refers to (« les subventions dont la liste
    et les montants figurent en annexe 1 »): one per row of the column of the sums granted
    (« Subvention régionale », « Montant attribué »), not the cost basis, the rate or the
    TOTAL line. The year is the one the granting item states."""
    start, end = region
    _, stop = _region(found, item)
    if stop is None:
        return []
    refers = None
    items = sorted({start, *items})
    for index, item_start in enumerate(items):
        item_end = items[index + 1] if index + 1 < len(items) else end
        body = folded[item_start:item_end]
        if _GRANTING.search(body) and _IN_ANNEX.search(body):
            refers = (item_start, item_end)
            break
    if refers is None:
        return []
    stated = _YEAR_OF.search(folded, *refers)
    years = [y.value for y in find_years(text, *refers)]
    year = int(stated.group(1)) if stated else (years[0] if years else None)
    granted: list[dict[str, object]] = []
    column = None
    for line in lines(text, end, stop):
        cells = line.raw.split("\t")
        if len(cells) < 3:
            continue
        names = [fold(clean(c)) for c in cells]
        if column is None:
            wanted = [
                i
                for i, name in enumerate(names)
                if _GRANT_COLUMN.match(name) and not _NOT_GRANT_COLUMN.search(name)
            ]
            if wanted:
                column = wanted[-1]
            continue
        if column >= len(cells) or any(_TOTAL_ROW.match(name) for name in names):
            continue
        amounts = find_amounts(cells[column])
        if amounts:
            granted.append(
                {
                    "amount": f"{amounts[0].value:.2f}",
                    "year": year,
                    "label": clean(cells[1] if column > 1 else cells[0]) or "montant annexé",
                }
            )
    return granted


_PAYMENT = re.compile(r"\b(?:vers|pai|acompte|avance|solde|tranche|liquid|en (?:deux|trois) fois)")


def deliberation_instalments(
    found: Found, text: str, *, item: bool = False
) -> list[dict[str, str]]:
    """The shares of payment a deliberation states (« 60 % à la signature … et le solde
    de 40 % au vu du bilan »): the first sentence whose percentages make up the whole sum.
    With ``item``, in minutes of a session, only in the item whose vote was chosen."""
    start, end = _region(found, item)
    if start is None or end is None:
        return []
    for sentence in re.split(r"(?<=[.;:])\s+(?=[A-ZÀ-Ý-])|\n[ \t]*\n", text[start:end]):
        folded = fold(sentence)
        if not _PAYMENT.search(folded):
            continue
        percents = [p for p in find_percents(sentence) if 0 < p.value <= 100]
        if not percents or sum(p.value for p in percents) != 100:
            continue
        shares = []
        for number, percent in enumerate(percents):
            stop = percents[number + 1].start if number + 1 < len(percents) else len(sentence)
            phrase = clean(sentence[percent.end : stop].replace("\n", " "))
            phrase = re.split(r"\s+et\s+(?:le |la )?(?=solde\b|\d)|[;.]", phrase)[0].strip(" ,")
            before = fold(sentence[max(0, percent.start - 20) : percent.start])
            if "solde" in before and not fold(phrase).startswith("solde"):
                phrase = f"solde {phrase}"
            shares.append({"percent": f"{percent.value.normalize():f}", "trigger": phrase})
        return shares
    return []
