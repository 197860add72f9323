"""Attendance: present, excused, absent members and proxies, as lists or columns.

Attendance lists may be separated by « - », commas, semicolons or line breaks, or laid out
in columns (tab-separated cells under « Présents », « Excusés », « Absents »).
"""

from __future__ import annotations

from collections.abc import Iterator

from pacte.extraction import rx
from pacte.extraction.deliberation.excused import _excused
from pacte.extraction.deliberation.people import (
    _NAME_ANY,
    _key,
    _listed_names,
    _span,
    cut_short,
    list_end,
)
from pacte.extraction.lazy import lazy
from pacte.extraction.parties import person_from_name
from pacte.extraction.result import Found
from pacte.extraction.text import fold, inclusive, lines

_LABELS = {
    "present": r"(?:membres |conseillers |elus |delegues )?(?:titulaires? |suppleante?s? )?presente?s?(?:\s*\(e?s?\))?(?: avec voix deliberative)?"
    r"(?:\s*/\s*(?:membres |delegues )?(?:titulaires|suppleante?s))?|assistaient(?: a la (?:reunion|seance))?|etai(?:en)?t (?:egalement |aussi )?presente?s?",
    "excused": r"(?:(?:membres |conseillers |elus |absente?s?\s*/\s*|absente?s? )?excusee?s?(?:\s*\(e?s?\))?(?:\s*/\s*absente?s?)?|etai(?:en)?t (?:egalement |aussi )?(?:absente?s?\s*/\s*)?excusee?s?|s'etai(?:en)?t fait(?:e?s)? excuser)"
    r"(?: ayant (?:donne|remis)(?: (?:un|leur|son))? (?:pouvoir|procuration|mandat de vote)| donnant (?:pouvoir|procuration)| avec (?:pouvoir|procuration)| (?:etant |(?:et )?non )?representee?s?(?: par (?:pouvoir|procuration))?| et (?:ont|avaient|ayant) donne (?:pouvoir|procuration))?",
    "represented": r"(?:membres |conseillers |elus |absente?s? )?representee?s?(?:\s*\(e?s?\))?|(?:membres |conseillers |elus |absente?s? )?ayant (?:donne|remis)(?: (?:un|leur|son))? (?:pouvoir|procuration)|etai(?:en)?t (?:egalement |aussi )?representee?s?|absente?s? ayant vote par (?:procuration|pouvoir)[^:\n]{0,150}",
    "absent": r"(?:membres |conseillers |elus )?absente?s? non (?:representee?s?|excusee?s?)|(?:membres |conseillers |elus )?absente?s?(?:\s*\(e?s?\))?|etai(?:en)?t (?:egalement |aussi )?absente?s?",
    "proxies": r"(?:depots? de )?pouvoirs?(?:\(s\))?|dont (?:un |des )?pouvoirs? de(?=\s*:)|procurations?(?:\(s\))?|ont donne (?:pouvoir|procuration)(?: \w+){0,6}"
    r"|(?:procuration|pouvoir) de(?= (?:m\.|mme|monsieur|madame) [^,;.:()]{2,40} a (?:m\.|mme|monsieur|madame) )",
    "others": r"assistai(?:en)?t egalement|assiste(?:nt)?|participai(?:en)?t(?: egalement)?|en presence de"
    r"|ainsi que(?=\s*:)",
}
"""Attendance labels; « absents excusés », « absents/excusés » and « excusé étant
représenté » are excused (so are « excusés non représentés »), « absents représentés » gave a proxy, « absents non
représentés » and « absents non excusés » are absent; « Assistaient à la réunion : » lists the present members, « ont donné
pouvoir écrit de voter en leur nom : » and « Absents ayant voté par procuration en
application de l'article … : » the proxies; « Assistaient également : », « Assiste : »,
« Participait également : », « Ainsi que : » list people who are not members (substitutes,
staff): their list ends the one before and counts nowhere. « Étaient également présents » (the chair
named apart) lists the other members. « Procuration de M. X à M. Y » states one proxy
in a sentence of its own."""


_FOLLOWING = r"(?: les (?:membres|conseillers|elus|delegues)(?: [a-z'-]+){0,3}? suivante?s)?"
"""« Étaient présents les conseillers municipaux suivants : »: who they are, then the list."""
_GAP = r"[ \t\n]+"
_LABEL = lazy(
    r"(?:^|(?<=\s))("
    + "|".join(
        f"(?P<{k}>(?:{inclusive(v)}){_FOLLOWING if k in ('present', 'excused', 'absent') else ''})".replace(
            " ", _GAP
        )
        for k, v in _LABELS.items()
    )
    + r")"
    r"(?:[ \t]*\[\d{1,3}\])?"  # « PRESENTS [13] : »
    r"(?:\s*:|[ \t]+(?=(?:m\.|mm\.|mme|mmes|monsieur|madame|messieurs|mesdames)\s)"
    r"|[ \t]+(?=[a-z]\.(?:-[a-z]\.)?[ \t]+[a-z]{2,})|(?P<bare>[ \t]*(?=\n)))"
)
"""A label, then its colon or, without one, the civility or the initial of the first name
listed (« Excusé(e)s S. Cassagne, … »), or the end of its line (``bare``: taken when the
label opens its line and a name opens the next one); the words of a label may be cut by a
line break (« Excusés ayant donné / pouvoir : »)."""
_NAME_LINE = lazy(
    r"\n(?:[ \t]*\n)*[ \t]*(?:(?:M\.|MM\.?|Mme|Mmes|Monsieur|Madame)[ \t]|[A-ZÀ-Ý][\w'’-]+[ \t]+[A-ZÀ-Ý]{2,}\b)"
)
"""« ETAIENT ABSENTS » then « Guy BOULLEY » on the next line: a list under a bare label."""
_STOP = lazy(
    r"\b(?:objet|rapporteur|le conseil|secretaire|president|ordre du jour|nombre de"
    r"|date (?:de (?:la )?convocation|d'?\s?affichage))\b"
)
_STOP_LABEL = lazy(
    r"(?:secretaire|president|rapporteur)e?s?(?: de (?:la )?seance)?\s*:|objet\s*:"
    r"|date (?:de (?:la )?convocation|d'?\s?affichage)\b"
)
"""A stop word written as a label ends a list wherever it stands (« … Absents : GRIS Marc
Objet : … », the heading of the act glued to the last name by a flattened text), as does
another field of the heading (« … R. Condamine Date de la convocation … »)."""
_GAVE_PROXY = lazy(r"\b(?<!non\s)(?:donne|represente|remis)")
"""In a label of excused members: they gave a proxy."""


def _same_person(one: object, other: object) -> bool:
    """The same last name, and the same first name when both are written (« M. Régis LE
    PENRU » absent is not « Mme Marcelle LE PENRU » who gave a proxy).

    >>> _same_person({"first_name": "Paul", "last_name": "NOIR"}, {"last_name": "Noir"})
    True
    >>> _same_person({"first_name": "Paul", "last_name": "NOIR"},
    ...              {"first_name": "Anne", "last_name": "NOIR"})
    False
    """
    if _key(one) != _key(other) or not isinstance(one, dict) or not isinstance(other, dict):
        return False
    first, second = fold(one.get("first_name") or ""), fold(other.get("first_name") or "")
    return not first or not second or first == second


def _label_spans(text: str, folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    spans = []
    for match in _LABEL.finditer(folded, start, end):
        if match.group("bare") is not None and (
            folded[folded.rfind("\n", 0, match.start()) + 1 : match.start()].strip()
            or not _NAME_LINE.match(text, match.end())
        ):
            continue
        kind = next(k for k in _LABELS if match.group(k))
        spans.append((kind, match.start(), match.end()))
    return spans


def _field_end(text: str, folded: str, start: int, limit: int) -> int:
    """A list ends at the next label, a stop word, prose or the end of its paragraph.

    A stop word ends it only where a new statement may begin (start of a line, after
    « . » or « ; ») or as a label (« Secrétaire : »): « M. X, Maire, Président (pouvoir à
    …) » or « élus par le Conseil municipal : » inside a list go on.
    """
    stop = next(
        (
            m
            for m in _STOP.finditer(folded, start, limit)
            if _opens_statement(folded, m.start()) or _STOP_LABEL.match(folded, m.start())
        ),
        None,
    )
    limit = stop.start() if stop else limit
    limit = list_end(text, start, limit)
    for blank in _BLANK_LINE.finditer(folded, start, limit):
        if not folded[start : blank.start()].strip():
            return limit  # the list starts below its label, after a blank line
        if not _same_list_next(text, folded, blank.end()):
            return blank.start()
    return limit


_BLANK_LINE = lazy(r"\n[ \t]*\n")


def _same_list_next(text: str, folded: str, at: int) -> bool:
    """Whether the paragraph at ``at``, after a blank line, goes on with the list above
    (``_SAME_LIST_NEXT`` on the folded text, ``_NAMES_NEXT`` on the capitals of the text)."""
    return bool(_SAME_LIST_NEXT.match(folded, at) or _NAMES_NEXT.match(text, at))


_SAME_LIST_NEXT = lazy(
    r"[ \t]*(?:(?:mesdames|messieurs|mmes|mm\.)[ \t]*:"
    r"|(?:delegues|membres|representants|elus|conseillers)\b[^:\n]{0,90}:[ \t]*"
    r"(?:mmes?|mm\.?|m\.|madame|monsieur|mesdames|messieurs)\b"
    r"|[a-z][\w.'’ -]{1,40}?,?[ \t]+(?:a|ayant|avait)[ \t]+donne[ \t]+(?:pouvoir|procuration))"
)
"""A paragraph that goes on with the list above: the next group (« Messieurs : » after
« Mesdames : », « Délégués de la Communauté de communes du Val : Mmes X, MM Y »), or the next member who gave a proxy (« E. LESAGE a donné pouvoir à … »)."""


_NAMES_NEXT = lazy(
    r"[ \t]*(?:Monsieur|Madame|M\.|Mme)[ \t]+(?:[A-ZÀ-Ý][\w'’-]*[ \t]+){0,3}"
    r"[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*[ \t]*"
    r"(?:\([ \t]*(?i:pouvoirs?|procuration|d[ée]l[ée]gation)|,[ \t]*(?:Monsieur|Madame|M\.|Mme)[ \t])"
    r"|[ \t]*(?:MM\.?|MMES|Mmes|Messieurs|Mesdames|MESSIEURS|MESDAMES)[ \t]+[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*"
    r"[ \t]*(?:[,;–-]|et\b)"
)
"""A paragraph of more names under the same label (« Madame X (pouvoir à …), Monsieur Y »
after a blank line): a civility, a name in capitals, then the proxy it gave or the next
civility (not « Mme X, représentante du Département, n'a pas pris part au vote »); or the
next group of surnames (« MM. ROCHAIX – BOUVIER – … » after « MMES ROULET – … »)."""


def _opens_statement(folded: str, index: int) -> bool:
    """Nothing before ``index`` on its line, or the end of a sentence or of an item."""
    before = folded[folded.rfind("\n", 0, index) + 1 : index].rstrip()
    return not before or (before[-1] in ".;" and not rx.search(r"\b(?:m|mm|dr)\.$", before))


_GIVES_PROXY = lazy(
    r"[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*,?[ \t]*(?:a[ \t]+)?donne\w*[ \t]+(?:pouvoir|procuration)\b"
)
"""After a name opening a line: « M. X (a) donné pouvoir à Mme Y », a proxy without label."""


def _proxy_lines(
    text: str, folded: str, labels: list[tuple[str, int, int]], end: int
) -> list[tuple[str, int, int]]:
    """Lines « M. X donne pouvoir à M. Y » among the attendance lists, read as proxies.

    Only between the first and the last label, or right under the last list (no blank
    line between): elsewhere such a sentence tells of the debates. A line right under a
    label that ends its line is that label's list (« Excusés : » then « M. X donne
    pouvoir à M. Y, M. Z »), not a proxy line of its own.
    """
    _, last_start, last_end = labels[-1]
    reach = _field_end(text, folded, last_end, end)
    label_ends = [label_end for _, _, label_end in labels]
    found = []
    for position in _statement_starts(
        text, folded, labels[0][2], min(end, max(reach, last_start) + 1)
    ):
        if position >= last_start and position > reach:
            break
        before = [e for e in label_ends if e <= position]
        if before and not folded[before[-1] : position].strip():
            continue  # the list of the label that ends the line above (« Excusés : »)
        name = _NAME_ANY.match(text, position)
        if name and _GIVES_PROXY.match(folded, name.end()):
            found.append(("represented", position, position))
    return found


_STATEMENT_BREAK = lazy(r"[.;][ \t]+")


def _statement_starts(text: str, folded: str, start: int, end: int) -> Iterator[int]:
    """Where a line or, inside a line, a sentence or an item begins: a flattened text
    states its proxies one sentence after the other (« Présents : … M. PETIT. M. NOIR donne
    pouvoir à M. DUPONT. Mme BLANC donne pouvoir à … »)."""
    for line in lines(text, start, end):
        yield line.start + len(line.raw) - len(line.raw.lstrip())
        for m in _STATEMENT_BREAK.finditer(line.raw):
            at = line.start + m.start()
            # not the full stop of a civility (« M. », « MM. », « Dr. »)
            if not _CIVILITY_STOP.search(folded, max(0, at - 3), at + 1):
                yield line.start + m.end()


_CIVILITY_STOP = lazy(r"(?:^|\W)(?:m|mm|dr)\.$")


_PROXY_STATEMENT = lazy(
    r"\b(?:donne|a donne|avait donne|ayant donne)[ \t\n]+(?:pouvoir|procuration)[ \t\n]+(?:a|au)\b"
    r"|[.…_]{5,}[ \t]*a[ \t]+(?=(?:m\.|mme|monsieur|madame)?[ \t]*[a-z])"
)
"""One proxy stated in a list: « X (avait) donné pouvoir à Y », « X ........ à Y »."""


_RECEIVED = lazy(
    r"\b(?:a|ayant|avait)[ \t]+recu[ \t]+(?:le[ \t]+)?(?:pouvoir|procuration)[ \t]+de\b"
)
"""A present member holding the proxy of another (« a reçu pouvoir de … »)."""
_FIGURE = lazy(r"[ \t]*-?[ \t]*\d{1,3}\b(?![ \t]*[/.,]\d)")
_NAMES_FOLLOW = lazy(
    r"[ \t]*(?:\(?[^()\n]{0,20}\)[ \t]*)?(?:(?:Mmes|Mme|MM\.|M\.|Monsieur|Madame|Messieurs|Mesdames)\b"
    r"|[A-ZÀ-Ý][A-ZÀ-Ý'’-]+[ \t]+[A-ZÀ-Ý][a-zß-ÿ])"
)
"""After the figure of a label, the names it counts (« Pouvoirs : 2 Mmes et M. X à Y »)."""
_BLOCK_GAP = 400
"""Characters of other text after which a label already seen opens another block."""
_GROUP = {"proxies": "represented"}


def _first_block(
    text: str, folded: str, labels: list[tuple[str, int, int]], end: int
) -> list[tuple[str, int, int]]:
    """The labels of the first block of attendance lists: minutes that transcribe an earlier
    session (« TRANSCRIPTION SÉANCE DU 9 DÉCEMBRE … Etaient présents : … ») or quote a
    list later on repeat a label far from the first lists: from there on, the lists are
    not this session's. A label not yet seen may come later (« 1 POUVOIR : … » after
    the designation of the secretary)."""
    kept: list[tuple[str, int, int]] = []
    previous_end = None
    for kind, label_start, label_end in labels:
        figure = _FIGURE.match(folded, label_end)
        if figure and not _NAMES_FOLLOW.match(text, figure.end()):
            # « Présents : 27 » is a figure, read by ``counts``: it ends a list, opens none
            kept.append(("figure", label_start, label_end))
            continue
        if previous_end is not None and _GROUP.get(kind, kind) in {
            _GROUP.get(k, k) for k, _, _ in kept
        }:
            reach = _field_end(text, folded, previous_end, label_start)
            if label_start - reach > _BLOCK_GAP:
                break
        kept.append((kind, label_start, label_end))
        previous_end = label_end
    return kept


def _attendance(found: Found, text: str, folded: str, start: int, end: int) -> None:
    labels = _first_block(text, folded, _label_spans(text, folded, start, end), end)
    if all(kind == "figure" for kind, _, _ in labels):
        return
    labels = sorted(labels + _proxy_lines(text, folded, labels, end), key=lambda lab: lab[1])
    columns = _column_layout(found, text, folded, labels, start, end)
    if columns:
        return
    present: list[dict[str, str]] = []
    excused: list[dict[str, object]] = []
    represented: list[dict[str, object]] = []
    absent: list[dict[str, str]] = []
    giving = 0  # members listed under a label that says they gave a proxy
    excused_givers: list[dict[str, object]] = []
    listed_excused = 0  # members read under the last label of excused members
    for index, (kind, _, label_end) in enumerate(labels):
        limit = labels[index + 1][1] if index + 1 < len(labels) else end
        stop = _field_end(text, folded, label_end, limit)
        if kind == "present":
            present += [
                p for _, _, n in _listed_names(text, label_end, stop) if (p := person_from_name(n))
            ]
        elif kind == "excused":
            # « Excusés ayant donné pouvoir : M. X à Mme Y » are excused and gave a proxy
            with_proxy = bool(_GAVE_PROXY.search(folded, labels[index][1], label_end))
            members = _excused(text, label_end, stop, proxies=with_proxy)
            excused += members
            giving += len(members) if with_proxy else 0
            listed_excused = len(members)
        elif kind in ("represented", "proxies"):
            members = _excused(text, label_end, stop, proxies=True)
            giving += len(members)
            if (
                index
                and labels[index - 1][0] == "excused"
                and not listed_excused
                # « Excusé(e)s : » left empty, then « Dépôt de pouvoir : »: nobody called
                # excused, the givers are only represented
                and folded[labels[index - 1][2] : labels[index][1]].strip(" \t\n:;,.-")
            ):
                # « Excusés : Conformément à l'article …, ont donné pouvoir : X à Y … »: the
                # excused members are those who gave a proxy
                excused_givers += members
            else:
                represented += members
        elif kind in ("others", "figure"):
            continue
        elif kind == "absent":
            # an absent member whose proxy is stated (« X (procuration à Y) ») is represented
            for member in _excused(text, label_end, stop, part_time=False):
                if "proxy_to" in member:
                    represented.append(member)
                else:
                    absent.append(member["person"])  # type: ignore[arg-type]
        path = "excused" if kind in ("represented", "proxies") else kind
        found.spans.setdefault(f"deliberation.session.{path}", _span(label_end, stop))
        if cut_short(text, label_end, stop):
            found.marks[f"cut_{'proxies' if kind in ('represented', 'proxies') else kind}"] = 1
    if excused_givers:
        # a giver also listed as present was there for part of the session only
        there = {_key(p) for p in present}
        excused += [m for m in excused_givers if _key(m["person"]) not in there]
    # members only listed as represented gave a proxy without being called excused; an
    # excused member whose proxy is stated apart (« Pouvoirs : M. X à M. Y ») keeps it
    listed = {_key(m["person"]): m for m in excused}
    for member in represented:
        same = listed.get(_key(member["person"]))
        if same is not None and "proxy_to" in member:
            same.setdefault("proxy_to", member["proxy_to"])
    represented = [m for m in represented if _key(m["person"]) not in listed]
    # an absent member named as giving a proxy in another list is represented, not absent
    givers = [m["person"] for m in excused + represented if "proxy_to" in m]
    gave = [a for a in absent if any(_same_person(a, giver) for giver in givers)]
    if gave:
        absent = [a for a in absent if a not in gave]
        found.marks["absent_gave_proxy"] = len(gave)
    if represented:
        found.marks["represented_only"] = len(represented)
    statements = sum(
        len(_PROXY_STATEMENT.findall(folded, label_end, _field_end(text, folded, label_end, limit)))
        for (kind, _, label_end), limit in zip(
            labels, [lab[1] for lab in labels[1:]] + [end], strict=True
        )
        if kind not in ("present", "others", "figure")
    )
    # the members listed as giving a proxy are as many proxies, their holders read or not
    # (« Absents ayant donné procuration : X Y Z W procuration à procuration à … »)
    # « Jean X (a reçu pouvoir de Mayder Y) » in the list of the present: held proxies
    received = sum(
        len(_RECEIVED.findall(folded, label_end, _field_end(text, folded, label_end, limit)))
        for (kind, _, label_end), limit in zip(
            labels, [lab[1] for lab in labels[1:]] + [end], strict=True
        )
        if kind == "present"
    )
    statements = max(statements, giving, received)
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
        excused + represented
        if kinds & {"excused", "represented", "proxies"} or represented
        else None,
        absent if "absent" in kinds else None,
    )


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
        cells = rx.split(r"\t+| {3,}", row.raw.strip())
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
    """Lists the document states; one without its label, or a label of present members
    followed by no name (a figure, a table the text lost), is not stated (``None``)."""
    if present:
        found.put("deliberation.session.present", present)
    if excused is not None:
        found.put("deliberation.session.excused", excused)
    if absent is not None:
        found.put("deliberation.session.absent", absent)
