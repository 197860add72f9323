"""Segmentation: where the deliberation, the convention, its articles and annexes are.

Works on the normalised text and returns regions as character offsets. Headings are
recognised on a folded, markup-free copy of the text (same length), so « **Article
1^{er} : Objectifs** », « ARTICLE PREMIER - OBJET », « Art. 3 : » and « Article IV -
Dispositions financières » are all articles.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pacte.extraction import rx
from pacte.extraction.doctype import DocType, classify
from pacte.extraction.lazy import lazy
from pacte.extraction.text import Line, blank_markup, clean, fold, folded_view, lines
from pacte.extraction.text import clear_caches as text_clear_caches

_ARTICLE = lazy(
    r"^[ \t]*(?:(?:article|art\.)[ \t]+|§[ \t]*)(premier|1[ \t]*(?:er|re|ere)\b|\d+|[ivxlc]+\b)"
    r"[ \t]*(?:[-:.)][ \t]*)?(.*)$"
)
# « TITRE II - SOUTIEN FINANCIER », « CHAPITRE 1er : … »: a heading that groups articles
_PART = lazy(
    r"^[ \t]*(?:titre|chapitre)[ \t]+(?:premier|1[ \t]*(?:er|re|ere)\b|\d+|[ivxlc]+\b)"
    r"[ \t]*(?:[-:.)–][ \t]*\S.*)?$"
)
_SECTION = lazy(r"^[ \t]*((?:[ivxlc]+|\d+)(?:\.\d+)+)\.?[ \t]*[-:.)]?[ \t]*(\S.*)$")
_ITEM = lazy(r"^[ \t]*([a-z])\)[ \t]+(\S.*)$")
_SHEET = lazy(r"^[ \t]*fiche[ \t]+action[ \t]*(?:n[°o][ \t]*)?(\d+)\b[ \t]*[-:.]?[ \t]*(.*)$")
_ANNEX = lazy(r"^[ \t]*annexe[ \t]*(?:n[°o][ \t]*)?(\d+|[ivx]+)?\b[ \t]*[-:.]?[ \t]*(.*)$")
_CONVENTION_HEADING = lazy(
    r"^[ \t]*(?:projet[ \t]+de[ \t]+)?(?:convention|contrat|accord)[ \t]+(?:de|d'|cadre|pluriannuelle|annuelle|financiere|d'objectifs|relative|portant|entre)"
)
_CONVENTION_WITHIN = lazy(
    r"\bconvention[ \t]+(?:pluri[ \t]?annuelle|annuelle|cadre|financiere|d'objectifs|de[ \t]+partenariat|"
    r"d'attribution|attributive|de[ \t]+subvention|de[ \t]+cooperation|de[ \t]+mise[ \t]+a[ \t]+disposition)\b"
)
"""The title of a convention after a letterhead on the same line (a flattened text whose
first lines were run together: « VILLE DE PARIS CONVENTION PLURIANNUELLE D'OBJECTIFS … »)."""
_HEAD_LINES = 15
"""Lines at the top of a document where a title may follow a letterhead on its line."""
_CONVENTION_ALONE = lazy(r"^[ \t]*(?:projet[ \t]+de[ \t]+)?convention[ \t]*$")
_BETWEEN = lazy(r"^[ \t]*entre\b")
_BETWEEN_ALONE = lazy(
    r"^[ \t]*(?:(?:conclue?s?|passee?s?|etablie?s?)[ \t]+)?(?:entre(?:[ \t]+les[ \t]+(?:soussignes|parties)(?:[ \t]+ci-(?:dessous|apres))?)?|nous[ \t]*,?[ \t]+(?:les[ \t]+)?soussigne(?:e)?s)"
    r"[ \t]*[:,]?[ \t]*$"
)
"""« Entre : », « Entre les soussignés », or « Nous, soussignés, » in a convention written in
the first person plural."""
_PARTIES_END = lazy(
    r"^[ \t]*(?:il[ \t]+(?:est|a[ \t]+(?:(?:tout[ \t]+)?d'abord[ \t]+|prealablement[ \t]+)?ete)\b|preambule\b|contexte\b|expose\b|considerant\b|"
    r"vu[ \t,]|apres[ \t]+avoir|etant[ \t]+prealablement|ceci[ \t]+expose|article\b|"
    r"[ivx]{1,4}[ \t]*[-.–][ \t]*(?:expose|preambule|objet)\b|"
    r"(?:exposons|exposent|convenons|conviennent|sommes[ \t]+convenus|avons[ \t]+convenu)\b)"
)
_SIGNED = lazy(r"^[ \t]*fait[ \t]+(?:a|en)\b")
_DELIBERATION_MARKERS = (
    "registre des deliberations",
    "registre aux deliberations",
    "extrait du registre",
    "seance du",
    "membres presents",
    "conseillers en exercice",
    "a l'unanimite",
    "apres en avoir delibere",
    "le conseil municipal",
    "le conseil departemental",
    "le conseil general",
    "le conseil regional",
    "le conseil communautaire",
    "objet de la deliberation",
    "pour extrait conforme",
    "secretaire de seance",
)
_MINUTES_MARKERS = (
    "proces-verbal de la seance",
    "proces verbal de la seance",
    "compte rendu de la seance",
    "compte-rendu de la seance",
)


@dataclass(frozen=True)
class Block:
    """A numbered part of the text: article, section, lettered item, annex."""

    number: str
    title: str
    start: int
    end: int
    title_start: int
    title_end: int
    body_start: int


@dataclass
class Segments:
    """Regions of one document, as offsets in its text (``None`` when absent)."""

    text: str
    deliberation: tuple[int, int] | None = None
    convention: tuple[int, int] | None = None
    title: tuple[int, int] | None = None
    parties: tuple[int, int] | None = None
    preamble: tuple[int, int] | None = None
    body: tuple[int, int] | None = None
    signatures: tuple[int, int] | None = None
    articles: list[Block] = field(default_factory=list)
    sheets: list[Block] = field(default_factory=list)
    annexes: list[Block] = field(default_factory=list)
    minutes: bool = False
    evidence: DocType | None = None
    """The document type scored from cues over the whole text (``doctype.classify``)."""

    @property
    def doc_type(self) -> str:
        if self.minutes:
            return "minutes"
        if self.deliberation and self.convention:
            return "deliberation+convention"
        if self.convention:
            return "convention"
        if self.deliberation:
            return "deliberation"
        return "other"


@lru_cache(maxsize=16)
def _views(text: str) -> tuple[str, list[Line]]:
    folded = folded_view(text)
    return folded, list(lines(folded))


def _block(text: str, line: Line, number: str, title_group_start: int, end: int) -> Block:
    raw_title_start = line.start + title_group_start
    title = clean(text[raw_title_start : line.end]).strip(" :.-–—")
    title_start, title_end = raw_title_start, line.end
    body_start = min(line.end + 1, end)
    if not title:
        # the title is the next non-empty short line (« ARTICLE 3 » then « Financement »)
        following = next((n for n in lines(text, line.end + 1, end) if n.clean), None)
        if (
            following
            and len(following.clean) < 120
            and not _ARTICLE.match(fold(blank_markup(following.raw)))
        ):
            title = following.clean.strip(" :.-–—")
            title_start, title_end = following.start, following.end
            body_start = min(following.end + 1, end)
    return Block(number, title, line.start, end, title_start, title_end, body_start)


def _numbered(
    text: str, folded_lines: list[Line], pattern: re.Pattern[str], start: int, end: int
) -> list[tuple[Line, re.Match[str]]]:
    return [
        (line, match)
        for line in _lines_in(folded_lines, start, end)
        if (match := pattern.match(line.raw))
    ]


def _lines_in(folded_lines: list[Line], start: int, end: int) -> list[Line]:
    """The lines that start in ``[start, end)`` (the lines are in order)."""
    first = bisect_left(folded_lines, start, key=_line_start)
    return folded_lines[first : bisect_left(folded_lines, end, lo=first, key=_line_start)]


def _line_start(line: Line) -> int:
    return line.start


def _close(
    text: str, found: list[tuple[Line, re.Match[str]]], end: int, number_group: int = 1
) -> list[Block]:
    blocks = []
    for index, (line, match) in enumerate(found):
        stop = found[index + 1][0].start if index + 1 < len(found) else end
        number = clean(
            text[line.start + match.start(number_group) : line.start + match.end(number_group)]
        )
        blocks.append(
            _block(text, line, _article_number(number), match.start(number_group + 1), stop)
        )
    return blocks


def _article_number(number: str) -> str:
    compact = number.replace(" ", "").replace("\t", "")
    if fold(compact) in ("premier", "1er", "1re", "1ere"):
        return "1"
    return compact.upper() if rx.fullmatch(r"[ivxlcIVXLC]+", compact) else compact


def clear_caches() -> None:
    _views.cache_clear()
    text_clear_caches()


def articles_in(text: str, start: int, end: int) -> list[Block]:
    _folded, folded_lines = _views(text)
    return _close(text, _numbered(text, folded_lines, _ARTICLE, start, end), end)


def sections_in(text: str, start: int, end: int) -> list[Block]:
    """Numbered subdivisions (« II.2.1 – Promouvoir… ») of a region."""
    _folded, folded_lines = _views(text)
    found = _numbered(text, folded_lines, _SECTION, start, end)
    blocks = []
    for index, (line, match) in enumerate(found):
        stop = found[index + 1][0].start if index + 1 < len(found) else end
        number = text[line.start + match.start(1) : line.start + match.end(1)].upper()
        blocks.append(_block(text, line, number, match.start(2), stop))
    return blocks


def items_in(text: str, start: int, end: int) -> list[Block]:
    """Lettered items (« a) … », « b) … ») of a region."""
    _folded, folded_lines = _views(text)
    found = _numbered(text, folded_lines, _ITEM, start, end)
    blocks = []
    for index, (line, match) in enumerate(found):
        stop = found[index + 1][0].start if index + 1 < len(found) else end
        blocks.append(_block(text, line, match.group(1), match.start(2), stop))
    return blocks


def _convention_start(folded_lines: list[Line]) -> tuple[int, int] | None:
    """Index of the heading line of the convention, and of its « Entre » line."""
    for index, line in enumerate(folded_lines):
        if not (
            _CONVENTION_HEADING.match(line.raw)
            or _CONVENTION_ALONE.match(line.raw)
            or (index < _HEAD_LINES and _CONVENTION_WITHIN.search(line.raw))
        ):
            continue
        window = range(index + 1, min(index + 12, len(folded_lines)))
        for pattern in (_BETWEEN_ALONE, _BETWEEN):
            for ahead in window:
                if pattern.match(folded_lines[ahead].raw):
                    return index, _past_title_between(folded_lines, ahead)
    for index, line in enumerate(folded_lines):
        if (
            _BETWEEN.match(line.raw)
            and line.raw.strip()
            in (
                "entre",
                "entre :",
                "entre,",
                "entre les soussignes",
                "entre les soussignes :",
            )
        ) or (_BETWEEN_ALONE.match(line.raw) and not _BETWEEN.match(line.raw)):
            return index, _past_title_between(folded_lines, index)
    for index, line in enumerate(folded_lines):
        # no heading read as a convention's (« COMMUNE DE X CONTRAT SOCIAL DE TERRITOIRE »):
        # « Entre Le Département de X, Représenté par … » opens the parties all the same
        if _FIRST_PARTY.match(line.raw) and _PARTY_WORDS.search(line.raw):
            return max(index - 1, 0), index
    return None


def _past_title_between(folded_lines: list[Line], between: int) -> int:
    """The « Entre » of the parties, past the « ENTRE X ET Y » of a title run on after the
    heading: when another « Entre » line follows within a few lines and no party is
    represented before it, that one opens the parties."""
    for ahead in range(between + 1, min(between + 6, len(folded_lines))):
        if _PARTY_WORDS.search(folded_lines[ahead - 1].raw):
            return between
        if _BETWEEN.match(folded_lines[ahead].raw):
            return ahead
    return between


def segment(text: str, name: str = "") -> Segments:
    """Find the regions of a document, then let the evidence over the whole text (and the
    file's name, when known) settle what it is when the layout alone did not
    (``doctype.classify``)."""
    result = _segment(text)
    evidence = classify(text, name)
    result.evidence = evidence
    if result.convention is not None:
        if evidence.kind == "minutes" and result.deliberation is not None:
            result.minutes = True
        return result
    if evidence.kind == "minutes":
        result.minutes = True
        result.deliberation = result.deliberation or (0, len(text))
    elif evidence.kind == "deliberation":
        result.deliberation = result.deliberation or (0, len(text))
    elif evidence.kind == "convention":
        result.convention = (0, len(text))
        _find_articles(text, _views(text)[1], result, 0, len(text))
    elif evidence.kind in ("arrete", "act") or (
        evidence.kind == "other"
        and max(evidence.scores["arrete"], evidence.scores["act"])
        >= max(evidence.scores["deliberation"], evidence.scores["minutes"], 1)
    ):
        # (weak evidence: a report or a budget that names the council and a unanimous
        # vote is no deliberation for it)
        # an arrêté, a budget, a plan, an annex: none of the kinds key terms describe
        result.minutes = False
        result.deliberation = None
    return result


def _segment(text: str) -> Segments:
    folded, folded_lines = _views(text)
    result = Segments(text=text)
    size = len(text)
    start = _convention_start(folded_lines)
    head = folded[: folded_lines[start[0]].start] if start else folded
    markers = sum(1 for marker in _DELIBERATION_MARKERS if marker in head)
    result.minutes = (
        any(marker in folded[:2000] for marker in _MINUTES_MARKERS)
        and folded.count("deliberation") > 3
    )
    if start is None:
        if markers >= 2:
            result.deliberation = (0, size)
        _find_articles(text, folded_lines, result, 0, size)
        heading = next(
            (
                line
                for line in folded_lines[:40]
                if _CONVENTION_HEADING.match(line.raw) or _CONVENTION_ALONE.match(line.raw)
            ),
            None,
        )
        if heading is not None and result.articles and not result.deliberation:
            # a convention whose parties are not introduced by « Entre … et … »
            result.convention = (heading.start, size)
            paragraph_end = folded.find("\n\n", heading.start)
            result.title = _trim(
                text, heading.start, size if paragraph_end == -1 else paragraph_end
            )
        return result
    heading_index, between_index = start
    convention_start = folded_lines[heading_index].start
    if markers >= 2:
        result.deliberation = (0, convention_start)
    result.convention = (convention_start, size)
    title_end = folded_lines[between_index].start
    result.title = _trim(text, convention_start, title_end)
    if result.title[0] == result.title[1]:
        # « Entre » far below the heading (visas between them): the heading's paragraph
        result.title = _heading_paragraph(text, folded_lines[: between_index + 1])
    parties_end = next(
        (line.start for line in folded_lines[between_index + 1 :] if _PARTIES_END.match(line.raw)),
        None,
    )
    if parties_end is not None:
        result.parties = (_parties_start(folded_lines, between_index), parties_end)
    _find_articles(text, folded_lines, result, parties_end or folded_lines[between_index].end, size)
    return result


_FIRST_PARTY = lazy(
    r"^[ \t*]*entre(?:[ \t]+les[ \t]+(?:soussignes|parties)(?:[ \t]+ci-(?:dessous|apres))?)?"
    r"[ \t]*[,:]?[ \t]+(?=\S)"
)
_PARTY_WORDS = lazy(
    r"represente(?:e)?s?[ \t]+(?:par|en[ \t]+la[ \t]+personne)|dont[ \t]+le[ \t]+siege|sise?[ \t]"
)


def _parties_start(folded_lines: list[Line], between_index: int) -> int:
    """Where the parties begin: after an « Entre » line alone, or right after the word
    « Entre » when the first party follows it on the same line (« Entre la Commune de X,
    représentée par … »), as opposed to a title's « entre X et Y »."""
    line = folded_lines[between_index]
    first = _FIRST_PARTY.match(line.raw)
    if _BETWEEN_ALONE.match(line.raw) or first is None:
        return line.end
    following = next((f for f in folded_lines[between_index + 1 :] if f.raw.strip()), None)
    # the party's apposition on the next line (« Entre les soussignés : La Mairie de X » /
    # « Représentée par son Maire, … »)
    names_a_party = _PARTY_WORDS.search(line.raw) or (
        following is not None
        and following.raw.lstrip(" \t*,").startswith(("ci-apres", "represente"))
    )
    return line.start + first.end() if names_a_party else line.end


def _heading_paragraph(text: str, lines: list[Line]) -> tuple[int, int]:
    """The last convention heading before « Entre », up to a blank or ruled line."""
    heading = next(
        (
            index
            for index in range(len(lines) - 1, -1, -1)
            if _CONVENTION_HEADING.match(lines[index].raw)
            or _CONVENTION_ALONE.match(lines[index].raw)
        ),
        None,
    )
    if heading is None:
        return 0, 0
    end = lines[heading].end
    for line in lines[heading + 1 :]:
        if not line.raw.strip(" \t_-=*"):
            break
        end = line.end
    return _trim(text, lines[heading].start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n*":
        start += 1
    while end > start and text[end - 1] in " \t\n*":
        end -= 1
    return start, end


def _annex_heading(text: str, line: Line) -> re.Match[str] | None:
    """« ANNEXE II – BUDGET », « Annexe 1 : … »; not a sentence going on over a line
    (« … décrite dans le dossier de demande\nannexé. », « annexe à la présente … »)."""
    match = _ANNEX.match(line.raw)
    if match is None:
        return None
    at = line.start + len(line.raw) - len(line.raw.lstrip(" \t"))
    word = text[at : at + 6]
    return match if word[:1] == "A" and word[5:6] in ("e", "E") else None


def _find_articles(
    text: str, folded_lines: list[Line], result: Segments, start: int, end: int
) -> None:
    """Articles, signature block and annexes of the convention part."""
    annex_lines = [
        (line, match)
        for line in _lines_in(folded_lines, start, end)
        if (match := _SHEET.match(line.raw) or _annex_heading(text, line))
    ]
    body_end = annex_lines[0][0].start if annex_lines else end
    signed = next(
        (line for line in _lines_in(folded_lines, start, body_end) if _SIGNED.match(line.raw)),
        None,
    )
    if signed is not None:
        result.signatures = (signed.start, body_end)
        body_end = signed.start
    found = _numbered(text, folded_lines, _ARTICLE, start, body_end)
    result.articles = _close(text, found, body_end)
    parts = [line.start for line, _ in _numbered(text, folded_lines, _PART, start, body_end)]
    if parts:
        # an article ends where a « TITRE » or « CHAPITRE » heading begins
        result.articles = [
            replace(a, end=min([p for p in parts if p > a.start] + [a.end]))
            for a in result.articles
        ]
    first_article = result.articles[0].start if result.articles else body_end
    if result.parties is not None and result.parties[1] < first_article:
        result.preamble = _trim(text, result.parties[1], first_article)
    result.body = (first_article, body_end)
    sheets = [(line, m) for line, m in annex_lines if _SHEET.match(line.raw)]
    result.sheets = _close(text, sheets, end) if sheets else []
    if sheets:
        # each sheet ends where the next annex of any kind begins
        starts = sorted(line.start for line, _ in annex_lines)
        result.sheets = [
            Block(
                b.number,
                b.title,
                b.start,
                next((s for s in starts if s > b.start), end),
                b.title_start,
                b.title_end,
                b.body_start,
            )
            for b in result.sheets
        ]
    others = [(line, m) for line, m in annex_lines if not _SHEET.match(line.raw)]
    result.annexes = _close(text, others, end) if others else []
