"""Attendance: present, excused, absent members and proxies, as lists or columns.

Attendance lists may be separated by « - », commas, semicolons or line breaks, or laid out
in columns (tab-separated cells under « Présents », « Excusés », « Absents »).
"""

from __future__ import annotations

import re

from pacte.extraction.deliberation.people import _NAME_ANY, _key, _listed_names, _names, _span
from pacte.extraction.names import bare_names, holder
from pacte.extraction.parties import person_from_name
from pacte.extraction.result import Found
from pacte.extraction.text import fold, lines

_LABELS = {
    "present": r"(?:membres |conseillers |elus )?presente?s?(?:\s*\(e?s?\))?|assistaient(?: a la (?:reunion|seance))?|etai(?:en)?t (?:egalement |aussi )?presente?s?",
    "excused": r"(?:membres |conseillers |elus |absente?s? )?excusee?s?(?:\s*\(e?s?\))?(?: ayant donne (?:pouvoir|procuration)| avec (?:pouvoir|procuration)| representee?s?)?|etai(?:en)?t (?:egalement |aussi )?excusee?s?",
    "represented": r"(?:membres |conseillers |elus |absente?s? )?representee?s?(?:\s*\(e?s?\))?|(?:membres |conseillers |elus |absente?s? )?ayant donne (?:pouvoir|procuration)|etai(?:en)?t (?:egalement |aussi )?representee?s?",
    "absent": r"(?:membres |conseillers |elus )?absente?s? non representee?s?|(?:membres |conseillers |elus )?absente?s?(?:\s*\(e?s?\))?|etai(?:en)?t (?:egalement |aussi )?absente?s?",
    "proxies": r"pouvoirs?|procurations?|ont donne (?:pouvoir|procuration)(?: \w+){0,6}",
}
"""Attendance labels; « absents excusés » are excused, « absents représentés » gave a proxy,
« absents non représentés » are absent; « Assistaient à la réunion : » lists the present
members, « ont donné pouvoir écrit de voter en leur nom : » the proxies."""
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


_GIVEN_TO = re.compile(
    r"^\s*(?:\([^()\n]{1,60}\))?\s*(?:\(|:|-)?\s*(?:a|donne a|au profit de|par|pour)\s*:?\s*$"
)
"""Between a member and their proxy holder in a list of proxies (« M. X à Mme Y »,
« Mme X par M. Y », « X pour Y »)."""


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
