"""What the clause readers share: sentences with their article, plain headings, the clause a
sentence opens with, documents required, bodies named, items listed after a sentence."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.segments import Block, Segments, sections_in
from pacte.extraction.sentences import Sentence, sentences
from pacte.extraction.text import clean, fold

_SHEET_REFERENCE = lazy(r"cf\.?\s*fiches?\s+actions?\s+([\d ,et]+)")


@dataclass(frozen=True)
class Located:
    """A sentence and the number of the article or section it belongs to."""

    sentence: Sentence
    place: str
    article: str


def _opens_paragraph(text: str, section: Block) -> bool:
    """« 3.1 La Communauté attribue … » numbers a paragraph that goes on over the next line;
    a heading (« II.2 - Engagement de la Ville ») stands alone on its line."""
    if "\n" in text[section.start : section.title_start]:
        return False
    title = clean(text[section.title_start : section.title_end])
    if rx.search(r"[.;]$", title) and len(title.split()) >= 8:
        # « 4.1 – La Région contribue … en 2026. » written on one line: a sentence
        return True
    following = text[section.title_end + 1 : section.end].split("\n", 1)[0]
    return bool(following.strip())


def _located(segments: Segments) -> list[Located]:
    text = segments.text
    result = []
    for article in segments.articles:
        sections = sections_in(text, article.body_start, article.end)
        headings = [s for s in sections if not _opens_paragraph(text, s)]
        boundaries = [(article.body_start, article.number)]
        boundaries += [(s.start if s in headings else s.title_start, s.number) for s in sections]
        for index, (begin, number) in enumerate(boundaries):
            # a numbered paragraph begins after its number
            stop = sections[index].start if index < len(sections) else article.end
            for sentence in sentences(text, begin, stop):
                # section headings are not clauses
                if any(s.start <= sentence.start < s.body_start for s in headings):
                    continue
                result.append(Located(sentence, number, article.number))
    return result


_PLAIN_HEADING = lazy(
    r"^[ \t]*([IVXLC]+|\d{1,2})[ \t]*[.)][ \t]*(?:[-–—][ \t]*)?(\S.{2,80}?)[ \t]*$"
)


def _plain_headings(
    text: str, start: int, end: int, *, capitals: bool, spaced: bool = True
) -> list[tuple[int, int, re.Match[str]]]:
    """Lines « II. - MONTANT DE LA SUBVENTION » (``capitals``), or « 3. Montant du soutien »:
    a short title with a capital initial, alone between blank lines, the numbers following
    each other from 1 (a numbered list in a paragraph is not a heading). Not ``spaced`` (a
    text whose blank lines were lost, flattened then given its line breaks back): no blank
    line asked for, but a paragraph of its own under every title but the last (the items of
    a list follow each other closely)."""
    found: list[tuple[int, int, re.Match[str]]] = []
    offset = start
    previous = ""
    raw_lines = text[start:end].split("\n")
    for index, line in enumerate(raw_lines):
        match = _PLAIN_HEADING.match(line)
        if match and capitals:
            if match.group(2) == match.group(2).upper() and rx.search(r"[A-Z]{3}", match.group(2)):
                found.append((offset, offset + len(line), match))
        elif match:
            title = match.group(2).strip()
            following = raw_lines[index + 1] if index + 1 < len(raw_lines) else ""
            if (
                title[:1].isupper()
                and len(title.split()) <= 10
                and not rx.search(r"[.;,]$", title)
                and (
                    not (previous.strip() or following.strip())
                    if spaced
                    else bool(following.strip())
                )
            ):
                found.append((offset, offset + len(line), match))
        previous = line
        offset += len(line) + 1
    if not capitals:
        numbers = [m.group(1) for _, _, m in found]
        if numbers != [str(n) for n in range(1, len(numbers) + 1)] or len(numbers) < 3:
            return []
        if not spaced and any(
            after[0] - before[1] < _PARAGRAPH for before, after in itertools.pairwise(found)
        ):
            return []
    return found


_PARAGRAPH = 80
"""Characters under a title, at least, for a numbered line to be a heading and not an item."""


def _plain_articles(segments: Segments) -> list[Block]:
    """Parts headed « I. - OBJET », « II. - MONTANT DE LA SUBVENTION » (a number and a title in
    capitals on a line of its own), or « 3. Montant du soutien » (a title in small letters
    alone between blank lines, numbered 1, 2, 3 …), for a convention without « Article »
    headings."""
    span = _body_span(segments)
    if span is None:
        return []
    text = segments.text
    start, end = span
    found = _plain_headings(text, start, end, capitals=True)
    if len(found) < 2:
        found = _plain_headings(text, start, end, capitals=False)
    if len(found) < 2:
        found = _plain_headings(text, start, end, capitals=False, spaced=False)
    if len(found) < 2:
        return []
    blocks = []
    for index, (begin, line_end, match) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else end
        title = match.group(2).strip(" :.-–—")
        blocks.append(
            Block(
                match.group(1),
                title,
                begin,
                stop,
                begin + match.start(2),
                line_end,
                min(line_end + 1, stop),
            )
        )
    return blocks


def _whole_body(segments: Segments) -> list[Block]:
    """The body of a convention whose headings were lost (a flattened text, a scan): one
    block without number or title, from the parties to the signatures, so that every
    clause is still read sentence by sentence."""
    span = _body_span(segments) if segments.parties is not None else None
    if span is None or span[1] - span[0] < 200:
        return []
    start, end = span
    return [Block("", "", start, end, start, start, start)]


def _body_span(segments: Segments) -> tuple[int, int] | None:
    """Where a convention's clauses stand: after its parties (else its heading), up to its
    signatures, annexes or action sheets."""
    if segments.convention is None:
        return None
    start = segments.parties[1] if segments.parties else segments.convention[0]
    ends = [segments.convention[1]]
    if segments.signatures:
        ends.append(segments.signatures[0])
    ends += [b.start for b in segments.annexes + segments.sheets if b.start > start]
    return start, min(ends)


def _sheets_cited(phrase: str) -> list[int]:
    match = _SHEET_REFERENCE.search(fold(phrase))
    return [int(n) for n in rx.findall(r"\d+", match.group(1))] if match else []


def _articles(found: Found, segments: Segments) -> None:
    text = segments.text
    for index, article in enumerate(segments.articles):
        base = f"articles[{index}]"
        found.put(f"{base}.number", article.number, article.start, article.title_start)
        if article.title:
            found.put(f"{base}.title", article.title, article.title_start, article.title_end)
        body = "\n".join(
            clean(line)
            for line in text[article.body_start : article.end].split("\n")
            if clean(line)
        )
        if body:
            found.put(f"{base}.text", body, article.body_start, article.end, 0.95)
        for number, section in enumerate(sections_in(text, article.body_start, article.end)):
            found.put(
                f"{base}.sections[{number}]",
                {"number": section.number, "title": section.title},
                section.title_start,
                section.title_end,
            )


_DOCUMENTS = (
    ("proces-verbal", "minutes"),
    ("compte rendu financier", "financial_report"),
    ("compte-rendu financier", "financial_report"),
    ("bilan d'activite", "activity_report"),
    ("rapport d'activite", "activity_report"),
    ("comptes annuels", "accounts"),
    ("budget previsionnel", "budget"),
    ("factures", "invoices"),
)


def _documents(phrase: str, bodies: dict[str, str]) -> list[dict[str, str]]:
    """Supporting documents named in a phrase, with the body whose minutes approve them."""
    folded = fold(phrase)
    result: list[dict[str, str]] = []
    for keyword, kind in _DOCUMENTS:
        at = folded.find(keyword)
        if at == -1 or any(d["label"] and at < len(d["_end"]) for d in result):
            continue
        stop = len(phrase)
        for mark in (",", ";", "."):
            found_at = phrase.find(mark, at)
            if found_at != -1:
                stop = min(stop, found_at)
        document = {"kind": kind, "label": clean(phrase[at:stop]), "_end": "x" * stop}
        for name, key in bodies.items():
            if name in folded[at:stop]:
                document["approved_by"] = key
        result.append(document)
    return [{k: v for k, v in d.items() if k != "_end"} for d in result]


def _clause_before(sentence: str, at: int) -> str:
    """The words before an amount, back to the start of its clause (« ; », « : », a line)."""
    head = sentence[:at]
    cut = max(head.rfind(";"), head.rfind(":"), head.rfind("\n"))
    return fold(head[cut + 1 :])


def _body_names(found: Found) -> dict[str, str]:
    names = {}
    for body in found.get("governing_bodies") or []:
        name = fold(str(body.get("name") or ""))
        names[name] = str(body.get("key"))
        short = rx.sub(r"\s+(politique|technique)$", "", name)
        names.setdefault(short, str(body.get("key")))
    return names


def listed_after(located: list[Located], position: int) -> list[Located]:
    """The bullet items a sentence ending in « : » introduces, in the same place."""
    item = located[position]
    if not item.sentence.text.endswith(":"):
        return []
    result = []
    for other in located[position + 1 :]:
        if other.place != item.place:
            break
        result.append(other)
        if other.sentence.text.endswith("."):
            break
    return result
