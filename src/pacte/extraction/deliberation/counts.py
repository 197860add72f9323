"""Attendance figures: « En exercice : 19 Présents : 15 Votants : 17 », tables, parts of a session."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.figures import table_figures
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.text import inclusive

_LEADER = r"[ \t]*(?::?[ \t]*[.…_]{2,}[ \t]*:?|[:;]|-|\(|\[)?[ \t]*"
"""Between a label and its figure: a colon (or the semicolon OCR reads for it), dotted leaders (« présents ...... 31 »), an
opening bracket (« Présents (15) : », « PRESENTS [13] : ») or nothing."""
_BEFORE = r"(?<![\d/.,])"
"""A figure stated before its label is not the end of a date or an amount."""

_FIGURES = {
    "in_office": lazy(
        rf"(?:en exercice|conseillers en exercice|membres en exercice|composant le conseil){_LEADER}(\d+)\b"
        rf"|{_BEFORE}\b(\d+)[ \t]+(?:conseillers |membres )?en exercice"
    ),
    "present": lazy(
        rf"(?:nombre de (?:membres |conseillers )?presents|presents)"
        rf"(?: a l'ouverture de la seance| en debut de seance)?(?:{_LEADER})(\d+)\b"
        rf"|{_BEFORE}\b(\d+)[ \t]+(?:(?:membres|conseillers|elus)[ \t]+)?presents\b"
    ),
    # « Membres représentés : 5 », « Pouvoirs : 3 », « Excusés : 2 », « Absents : 3 »: the
    # figure stated in place of the names; « Votants : 17 dont 2 pouvoirs »
    "represented": lazy(
        r"(?:(?:membres |conseillers |elus |absente?s? )?representee?s?|pouvoirs?(?:\(s\))?"
        r"|procurations?(?:\(s\))?|(?:membres |conseillers |elus )?(?:ayant|qui ont) donne "
        r"(?:pouvoir|procuration))"
        rf"{_LEADER}(\d+)\b(?![ \t]*(?:[/.,]\d|%|€|euros?\b|voix\b))"
        r"|\bdont[ \t]+(\d{1,3})[ \t]+(?:pouvoirs|procurations|representee?s)\b"
    ),
    "excused": lazy(
        rf"(?:membres |conseillers |elus |absente?s? )?excusee?s?{_LEADER}(\d+)\b"
        r"(?![ \t]*(?:[/.,]\d|%|€|euros?\b))"
    ),
    "absent": lazy(
        rf"(?:membres |conseillers |elus )?absente?s?{_LEADER}(\d+)\b"
        r"(?![ \t]*(?:[/.,]\d|%|€|euros?\b))"
    ),
    # « suffrages exprimés (14 voix pour, 2 contre) »: the counts of the vote, not the voters
    "voters": lazy(
        rf"(?:votants|nombre de votants|suffrages exprimes|votes comptabilises|(?:ayant|qui ont) pris part (?:au vote|a la deliberation)){_LEADER}(\d+)\b"
        r"(?![ \t]*(?:voix\b|abstentions?\b|(?:pour|contre)\b(?![ \t]*:)))"
        rf"|{_BEFORE}\b(\d+)[ \t]+votants\b"
    ),
}


_FIGURES = {key: lazy(inclusive(pattern.pattern)) for key, pattern in _FIGURES.items()}
"""The labels in inclusive French too (« Présent(e)s : 15 »)."""


_COUNTED = r"(?<![\d/.,])\b(\d{1,3})(?:[ \t]+puis[ \t]+(\d{1,3}))?[ \t]+(?:membres|conseillers|elus|delegues)(?:[ \t]+(?!etaient\b|avaient\b)[\w'-]+){0,3}[ \t]+"
_SENTENCES = {
    "present": lazy(_COUNTED + r"(?:etaient[ \t]+)?presente?s[ \t]*(?::|;(?=[ \t]*\d))"),
    "excused": lazy(_COUNTED + r"(?:etaient[ \t]+)?(?:absente?s?[ \t]*/[ \t]*)?excusee?s[ \t]*:"),
    "represented": lazy(
        _COUNTED + r"(?:avaient|ont)[ \t]+donne[ \t]+(?:pouvoir|procuration)[ \t]*:"
        r"|(?<=presents[ \t];[ \t])(\d{1,3})()[ \t]+(?:avaient|ont)[ \t]+donne[ \t]+(?:pouvoir|procuration)\b"
    ),
}
"""A figure heading its list: « 12 membres du Bureau étaient présents : », « 21 puis 22
conseillers communautaires étaient présents : » (the most at some point), « 5
conseillers … étaient absents/excusés : »; or stating the session (« 182 délégués étaient
présents ; 2 avaient donné pouvoir … »)."""
_LABEL_COLON = lazy(r"(?::|\b(?:en exercice|afferents|presente?s|votants))[ \t]*$")


def _after_label(folded: str, sentence: re.Match[str]) -> bool:
    """« Conseillers en exercice : 19 Conseillers présents : 15 »: 19 is the figure of
    the label before it, not a figure heading the list of the present members."""
    return bool(_LABEL_COLON.search(folded, max(0, sentence.start() - 20), sentence.start()))


_COMBINED = lazy(
    r"presents ou representes[ \t]*:?[ \t]*\d+"
    r"|absente?s?\s+(?:et|ou)\s+(?:procurations?|pouvoirs?|representee?s)[ \t]*:?[ \t]*\d+"
)
"""« Conseillers présents ou représentés : 29 », « Absents et procurations : 4 »: neither
the present nor the proxies nor the absent alone."""


def _figures(found: Found, folded: str, start: int, end: int) -> None:
    table = {}
    for key, value, figure_start, figure_end in table_figures(folded, start, end):
        table[key] = value
        found.put(f"deliberation.session.figures.{key}", value, figure_start, figure_end)
    for key, pattern in _SENTENCES.items():
        sentence = next(
            (m for m in pattern.finditer(folded, start, end) if not _after_label(folded, m)),
            None,
        )
        if key not in table and sentence:
            values = [int(v) for v in sentence.groups() if v]
            table[key] = max(values)
            first = next(i for i, v in enumerate(sentence.groups(), 1) if v)
            found.put(
                f"deliberation.session.figures.{key}",
                table[key],
                sentence.start(),
                sentence.end(first),
            )
    # blank out the combined figures, keeping the offsets
    folded = _COMBINED.sub(lambda m: " " * len(m.group()), folded)
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
_ROW = lazy(r"(?:[ \t]+\d{1,3}\b(?![/.,:]\d|[ \t]*(?:%|€|euros?\b|h\b)))+")


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
        if (
            not _is_year(match)
            and not _value_of_previous_label(folded, match)
            and not _alone_in_prose(folded, match)
        ):
            return match
        position = match.start() + 1
    return None


def _value_of_previous_label(folded: str, match: re.Match[str]) -> bool:
    """« En exercice : 19 Présents : 15 »: 19 is the figure of « En exercice », not a figure
    stated before « Présents »."""
    if match.re.groups < 2 or match.group(2) is None:
        return False
    before = folded[max(0, match.start(2) - 8) : match.start(2)]
    if _NUMBER_THEN_LABEL.search(folded, max(0, match.start(2) - 60), match.start(2)):
        return False  # « 79 conseillers en exercice : 67 présents 10 pouvoirs »: 79 is its own
    # « … à la n°3 Présents : 43 »: a number of a deliberation, not a figure
    if rx.search(r":[ \t]*$|\bn[°o]?[ \t]*$", before):
        return True
    # « Conseillers en exercice 19 Présents 15 Votants 17 »: labels without colons, each
    # followed by its figure
    return bool(_LABEL_BEFORE.search(folded, max(0, match.start(2) - 30), match.start(2)))


_NUMBER_THEN_LABEL = lazy(
    r"(?:^|\n[ \t]*|[^:\s\d][ \t]+)\d{1,3}[ \t]+(?:[a-z]+[ \t]+){0,2}(?:en exercice|presente?s"
    r"|votants|pouvoirs|excusee?s|absente?s)[ \t]*:[ \t]*$"
)
"""A label whose figure stands before it (the figure opening its statement, not the value
of a label before: « En exercice : 19 Présents : »), then a colon: what follows is not its
figure."""
_OTHER_FIGURE = lazy(
    r"\b(?:en exercice|afferents|presente?s|votants|pouvoirs|procurations|representee?s"
    r"|absente?s|excusee?s|exprimes)\b"
)
"""The words of the other figures of an attendance table."""


def _alone_in_prose(folded: str, match: re.Match[str]) -> bool:
    """A figure stated before its label (« 15 présents ») is an attendance figure among
    others (« 19 en exercice, 15 présents, 17 votants »), not a number in a sentence
    (« le quorum est fixé à 10 présents », « 120 présents à la fête »); « 32 membres
    présents » counts the members, in a sentence too."""
    if match.re.groups < 2 or match.group(2) is None:
        return False
    label_end = match.end()
    around = (
        folded[max(0, match.start(2) - 60) : match.start(2)] + folded[label_end : label_end + 60]
    )
    if rx.search(r"\bquorum (?:est |etant )?(?:fixe|requis|de\b|a\b)", around):
        return True
    if rx.search(
        r"\bquorum\b[^.\d]{0,40}\b(?:atteint|fixe|requis)e? (?:avec|a|a partir de|des)[ \t]*$",
        folded[max(0, match.start(2) - 60) : match.start(2)],
    ):
        return True  # « Rappel du quorum : il est atteint avec 17 membres présents »: a rule
    if rx.search(r"\b(?:membres|conseillers|elus)[ \t]+presents\b", match.group()):
        # « Avec 32 membres présents, le quorum est atteint »: the members counted
        return False
    return _OTHER_FIGURE.search(around) is None or bool(rx.search(r"\bquorum\b", around))


_LABEL_BEFORE = lazy(
    r"\b(?:en exercice|presente?s|votants|pouvoirs|procurations|representee?s|absente?s|excusee?s"
    r"|afferents|exprimes)[ \t]*[:.-]?[ \t]*$"
)


def _is_year(match: re.Match[str]) -> bool:
    """« Présents : 2025 » is no count of members: figures of a council stay below 1000."""
    return int(match.group(1) or match.group(match.re.groups)) >= 1000
