"""Members called excused or represented, each with the holder of their proxy, as a list
reads them (« M. X (pouvoir à Mme Y) - Mme Z », « X à Y, Z à W »)."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.deliberation.people import _names
from pacte.extraction.lazy import lazy
from pacte.extraction.names import bare_names, holder, join_wrapped
from pacte.extraction.parties import person_from_name
from pacte.extraction.text import fold

_PROXY = lazy(
    r"(?:\(|,|-)?\s*(?:pouvoir|procuration|delegation de vote|represente(?:e)? par|a donne pouvoir|mandataire)\s*(?:a|donne a|de)?\s*:?\s*"
)


_PROXY_SAID = lazy(
    r"\.?\s*(?:\(\s*)?,?\s*(?:qui\s+)?(?:(?:a|avait|ayant)\s+donn[ée]\s+|donne\s+)?(?i:pouvoir|procuration|d[ée]l[ée]gation de vote)\b"
)
"""After a name: its proxy said in words (« qui avait donné pouvoir à », « (pouvoir à »)."""
_FOR_A_PART = lazy(
    r"[ \t]*[,(]?[ \t]*(?:jusqu['’ ]|(?:à|a) partir d|(?:à|a) compter d|arrivée? |parti(?:e)? )",
    re.IGNORECASE,
)
"""After a name: the member was there for part of the session only."""
_SUBSTITUTE = lazy(r"\b(?:suppleante?|remplacee? par)[ \t]*:?[ \t]*$")
"""Right before a name: it is a substitute's."""
_GIVEN_TO = lazy(
    r"^\s*(?:\([^()\n]{1,60}\))?\s*(?:\(|:|-)?\s*(?:a|donne a|au profit de|par|pour)\s*:?\s*$"
)
"""Between a member and their proxy holder in a list of proxies (« M. X à Mme Y »,
« Mme X par M. Y », « X pour Y »)."""


def _excused(
    text: str, start: int, end: int, *, proxies: bool = False, part_time: bool = True
) -> list[dict[str, object]]:
    """« M. X (pouvoir Mme Y) - Mme Z » → each excused member with their proxy holder.

    Under a label of proxies (« Pouvoirs : », « Absents représentés : ») a member may
    also be followed by their holder with a mere « à ». Without ``part_time``, a member
    listed for part of the session only (« Absents : X (jusqu'au point 6) ») is left out:
    they attended the rest of it.
    """
    members: list[dict[str, object]] = []
    names = _names(text, start, end)
    bare = bare_names(text, start, end, givers=proxies)
    # under a label of proxies, civilities name the holders too: « M. X à M. Y » has two
    if len(bare) > len(names) + (len(names) if proxies else 0) or (
        proxies and bare and len(bare) >= len(names)
    ):
        # a list without civilities: each item one member (the holder of a proxy dropped)
        members = []
        # the holders read with the names' line breaks joined, as the names were
        view = text[:start] + join_wrapped(text[start:end]) + text[end:]
        for _, name_end, name in bare:
            person = person_from_name(name)
            if person is None or (not part_time and _FOR_A_PART.match(text, name_end, end)):
                continue
            said = _PROXY_SAID.match(text, name_end, end)
            held_by = holder(view, name_end, end) if proxies or said else None
            holder_person = person_from_name(held_by) if held_by else None
            members.append(
                {"person": person, "proxy_to": holder_person}
                if holder_person
                else {"person": person}
            )
        return members
    folded = fold(text)
    for index, (name_start, name_end, name) in enumerate(names):
        person = person_from_name(name)
        if person is None or (not part_time and _FOR_A_PART.match(text, name_end, end)):
            continue
        between = folded[names[index - 1][1] : name_start] if index else ""
        if _SUBSTITUTE.search(between) or (
            between.count("(") > between.count(")") and not _PROXY.search(between)
        ):
            # a substitute (« représenté par sa suppléante Mme Y », « (remplacée par M. Y) »)
            # or a name in brackets: neither a member of the list nor a proxy holder
            continue
        given = _PROXY.search(between) or (proxies and _GIVEN_TO.match(between))
        if members and given and "proxy_to" not in members[-1]:
            members[-1]["proxy_to"] = person
            continue
        members.append({"person": person})
    return members


_ALL_BUT = lazy(
    r"\b(?:etai(?:en)?t presente?s|sont presente?s) tou(?:s|tes) les (?:membres|conseiller(?:e)?s|elus"
    r"|delegues)\b[^.;:]{0,40}?(?:,\s*)?(?:a l'exception de|sauf|excepte)\s+"
    r"|\btou(?:s|tes) les (?:membres|conseiller(?:e)?s|elus|delegues)\b[^.;:]{0,40}? (?:etai(?:en)?t|sont)"
    r" presente?s\b(?:,?\s*(?:a l'exception de|sauf|excepte)\s+)?"
)
"""« Étaient présents tous les conseillers en exercice, à l'exception de Messieurs X et Y,
absents excusés », « Tous les membres étaient présents »: the present are the members in
office less those named."""
_EXCEPTED_AS = lazy(r"\s*,?\s*(?:(absente?s?\s+excusee?s?|excusee?s?)|(absente?s?))\b")


def all_but(text: str, folded: str, start: int, end: int) -> tuple[int, str | None] | None:
    """How many members the text leaves out of « all present », and what it calls them
    (``excused``, ``absent`` or ``None``); ``None`` when it says no such thing."""
    match = _ALL_BUT.search(folded, start, end)
    if match is None:
        return None
    if not rx.search(r"(?:a l'exception de|sauf|excepte)\s+$", folded[match.start() : match.end()]):
        return 0, None
    stop = rx.search(r"[.;:]|\n[ \t]*\n", folded[match.end() : end])
    limit = match.end() + (stop.start() if stop else min(200, end - match.end()))
    label = None
    cut = limit
    for said in _EXCEPTED_AS.finditer(folded, match.end(), limit):
        label, cut = ("excused" if said.group(1) else "absent"), said.start()
    names = bare_names(text, match.end(), cut) or _names(text, match.end(), cut)
    return len(names), label
