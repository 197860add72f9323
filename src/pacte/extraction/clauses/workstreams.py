"""Workstreams and their milestones (ordinal steps, conditions)."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.french import (
    find_dates,
    parse_number,
)
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.segments import Block, Segments, items_in
from pacte.extraction.sentences import bullets, parties_named, sentences
from pacte.extraction.text import fold


def _workstreams(found: Found, segments: Segments, aliases: list[list[str]]) -> None:
    text = segments.text
    index = 0
    for article in segments.articles:
        for item in items_in(text, article.body_start, article.end):
            base = f"workstreams[{index}]"
            key = item.number
            found.put(base, {"key": key, "title": item.title}, item.title_start, item.title_end)
            found.put(f"{base}.place", {"article": article.number})
            body = text[item.body_start : item.end]
            named = parties_named(body, aliases)
            if named:
                found.put(f"{base}.parties", [found.get(f"parties[{p}].key") for p in named])
            steps = _steps(text, item)
            for step in steps:
                named = parties_named(str(step["title"]), aliases)
                if named:
                    step["parties"] = [found.get(f"parties[{p}].key") for p in named]
            if steps:
                found.put(f"{base}.steps", steps)
            index += 1


_ORDINAL = lazy(
    r"\b(?:la |une |dans une |ces )?(1(?:ere|re|er)|premiere|2(?:eme|e|nde)|seconde|deuxieme|3(?:eme|e)|troisieme|(\w+) premieres?)\s+etapes?\b"
)
_CONDITION = lazy(
    r"(dans l'hypothese ou[^.]+|sous reserve [^.]+|selon les conclusions de [^.]+?(?= a partir| des |$|\.)|conditionnee? a [^.]+|si [^.]+)"
)


def _ordinal(word: str) -> int | None:
    folded = fold(word)
    for prefix, value in (
        ("1", 1),
        ("premi", 1),
        ("2", 2),
        ("second", 2),
        ("deux", 2),
        ("3", 3),
        ("troisi", 3),
    ):
        if folded.startswith(prefix):
            return value
    return None


def _steps(text: str, item: Block) -> list[dict[str, object]]:
    """Steps of a workstream: bullets after « étapes … suivantes : », ordinal « étape » sentences,
    and a dated follow-up sentence; with their dates and conditions."""
    steps: list[dict[str, object]] = []
    parts = sentences(text, item.body_start, item.end)
    listed = rx.search(r"etapes?[^.:]*suivantes?\s*:", fold(text[item.body_start : item.end]))
    if listed:
        begin = item.body_start + listed.end()
        for bullet in bullets(text, begin, item.end, one_list=True):
            title = rx.split(r"\.\s+(?=[A-ZÀ-Ý])", bullet.text)[0].rstrip(" .")
            steps.append({"number": len(steps) + 1, "title": title})
    for sentence in parts:
        folded = sentence.folded
        dates = [
            d
            for d in find_dates(sentence.text)
            if d.value.kind.value in ("deadline", "end_of_year", "from", "exact")
        ]
        ordinal = _ORDINAL.search(folded)
        milestone: dict[str, object] = {}
        for found_date in dates:
            kind = found_date.value.kind.value
            if kind == "from":
                milestone["not_before"] = found_date.value.value.isoformat()
            else:
                milestone["due"] = found_date.value.value.isoformat()
        condition = _CONDITION.search(folded)
        if condition:
            milestone["condition"] = sentence.text[condition.start() : condition.end()].strip(" ,")
        if milestone:
            milestone["quote"] = sentence.text
        if ordinal and ordinal.group(2):  # « ces deux premières étapes » applies to steps 1..n
            count = parse_number(ordinal.group(2)) or 0
            for earlier in steps[:count]:
                if milestone:
                    earlier["milestone"] = dict(milestone)
            continue
        if ordinal:
            number = _ordinal(ordinal.group(1)) or len(steps) + 1
            previous = parts[parts.index(sentence) - 1] if parts.index(sentence) > 0 else None
            if (
                number == 2
                and not any(s["number"] == 1 for s in steps)
                and previous
                and rx.search(r"prealabl|d'abord|dans un premier temps", previous.folded)
            ):
                steps.append({"number": 1, "title": previous.text.rstrip(" .")})
            action = rx.search(
                r"(?:consistera|consiste|est consacree|sera consacree|porte(?:ra)?)\s+(?:a|sur)\s+(.+?)(?=\s+dans l'hypothese|\s+sous reserve|$)",
                folded,
            )
            title = (
                sentence.text[action.start(1) : action.end(1)]
                if action
                else sentence.text[ordinal.end() :].strip(" ,")
            )
            step: dict[str, object] = {"number": number, "title": title.rstrip(" .")}
            if number > 1 and any(s["number"] == number - 1 for s in steps):
                milestone["depends_on"] = [number - 1]
                milestone.setdefault("quote", sentence.text)
            if milestone:
                step["milestone"] = milestone
            steps = [s for s in steps if s["number"] != number] + [step]
            continue
        if (
            milestone
            and steps
            and ("not_before" in milestone or "condition" in milestone)
            and not ordinal
        ):
            subject = rx.match(
                r"^(la |le |l')?(mise en (?:oeuvre|œuvre)[^,]*?|realisation[^,]*?|deploiement[^,]*?)\s+(?:pourr|ser|s'effectu|interv|debut)",
                sentence.text,
                re.IGNORECASE,
            )
            if subject:
                if "condition" in milestone:
                    milestone["depends_on"] = [len(steps)]
                steps.append(
                    {"number": len(steps) + 1, "title": subject.group(2), "milestone": milestone}
                )
    return sorted(steps, key=lambda s: int(str(s["number"])))
