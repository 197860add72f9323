"""Termination: notice before the end, for fault, by either party."""

from __future__ import annotations

from pacte.extraction import rx
from pacte.extraction.clauses.common import Located
from pacte.extraction.french import (
    Found as Hit,
)
from pacte.extraction.french import (
    Unit,
    find_durations,
)
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.sentences import Sentence
from pacte.extraction.text import fold

_ENDING = lazy(
    r"\b(?:denonc|resili)\w*|s'opposer a (?:sa |la |leur )?(?:reconduction|renouvellement)|mettre fin a"
)
_FAULT = lazy(r"\bfaute\b|manquement|inexecution|non-respect|mise en demeure")
_BEFORE_END = lazy(
    r"\s*avant (?:la |l'|le |son |sa )?(?:date (?:d')?anniversaire|echeance|terme|expiration|fin|date d'(?:echeance|expiration))"
)


def _notice(sentence: Sentence, *, strict: bool) -> list[Hit[tuple[int, Unit]]]:
    """Notice periods of a sentence: « préavis de trois mois », « délai de deux mois », « deux
    mois avant la date anniversaire »; ``strict`` keeps only a « préavis »."""
    text = sentence.text
    result = []
    for duration in find_durations(text):
        before = fold(text[max(0, duration.start - 25) : duration.start])
        after = fold(text[duration.end : duration.end + 40])
        if strict:
            if "preavis" in before:
                result.append(duration)
        elif rx.search(r"delai|preavis", before) or _BEFORE_END.match(after):
            result.append(duration)
    return result


def _termination(found: Found, located: list[Located], count: int) -> None:
    """The notice to terminate; a clause on termination for a breach counts only when no other
    states one, and then only its « préavis » (not the delay of a formal notice)."""
    candidates = [item for item in located if _ENDING.search(item.sentence.folded)]
    chosen = [
        (item, notice)
        for item in candidates
        if not _FAULT.search(item.sentence.folded)
        and (notice := _notice(item.sentence, strict=False))
    ] or [
        (item, notice)
        for item in candidates
        if "mise en demeure" not in item.sentence.folded
        and (notice := _notice(item.sentence, strict=True))
    ]
    for item, notice in chosen[:1]:
        folded = item.sentence.folded
        value, unit = notice[0].value
        found.put(
            "termination.notice",
            {"value": value, "unit": unit.value},
            item.sentence.start + notice[0].start,
            item.sentence.start + notice[0].end,
        )
        if rx.search(r"recommande|lrar|\bar\b|(?:accuse|avis) de reception", folded):
            found.put("termination.form", "registered_letter")
        elif "lettre" in folded or "courrier" in folded:
            found.put("termination.form", "letter")
        if rx.search(r"l'une ou l'autre|chacune des parties|chaque partie|les parties", folded):
            found.put("termination.by", [found.get(f"parties[{i}].key") for i in range(count)])
        found.put("termination.text", item.sentence.text, item.sentence.start, item.sentence.end)
        found.put("termination.place", {"article": item.article})
