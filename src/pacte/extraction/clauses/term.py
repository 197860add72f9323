"""The term: duration, start on signature, end date, not a duration of another thing."""

from __future__ import annotations

from pacte.extraction import rx
from pacte.extraction.clauses.common import Located
from pacte.extraction.french import (
    Found as Hit,
)
from pacte.extraction.french import (
    Unit,
    find_dates,
    find_durations,
)
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.sentences import Sentence
from pacte.extraction.text import fold, lines

_TERM_TITLE = lazy(r"\b(duree|date d'effet|prise d'effet|entree en vigueur|periode)\b")
_END_VERB = lazy(
    r"\b(?:s'acheve(?:ra|r)?|expire(?:ra|r)?|prend(?:ra|re)? fin|se termine(?:ra|r)?|"
    r"arrive(?:ra|r)? a (?:son )?(?:terme|echeance)|jusqu'au)\b"
)
_NOT_TERM_DURATION = lazy(
    r"(?:delai|preavis)\s+(?:de\s+)?(?:d')?$|(?:par periodes?|periodes successives)\s+(?:de\s+|d')$|(?:dans les|pendant)\s+$"
)


def _period_of_term(folded: str) -> bool:
    """« … pour une durée de trois ans, du 1er janvier 2025 au … », « Elle couvre la période
    du 1er janvier 2025 au 31 décembre 2027 » (the convention as subject), « La convention est
    conclue (Nous concluons la présente convention) pour trois ans, du … au … »."""
    return (
        "duree" in folded
        or bool(
            rx.match(r"(?:elle|celle-ci|la (?:presente )?convention)\b", folded)
            and rx.search(r"\bperiode\b", folded)
        )
        or bool(rx.search(r"\bconvention\b[^.;]*\bconclue\b|\bconclu(?:ons|ent)\b", folded))
    )


def _term_relevant(sentence: Sentence) -> bool:
    """Whether the sentence is about the convention's term (its durations read only
    when a word of the term says they may be)."""
    folded = sentence.folded
    return bool(
        _ON_SIGNATURE.search(folded)
        or (_PERIOD.search(folded) and _period_of_term(folded))
        or (_TERM_WORDS.search(folded) and _term_durations(sentence))
        or _TAKES_EFFECT.search(folded)
    )


_TERM_WORDS = lazy(r"\bconclu(?:e|ons|ent)\b|signee|duree|periode|valable")
_TAKES_EFFECT = lazy(r"prend(?:ra)? effet|entre(?:ra)? en vigueur")


_ON_SIGNATURE = lazy(
    r"(?:debutant|prend(?:ra)? effet|entre(?:ra)? en vigueur|court|a compter)\b[^.]*\b(?:de )?(?:la |sa )?(?:date de (?:sa |la )?)?signature"
)
_PERIOD = lazy(r"\bdu\s+(.{6,30}?)\s+au\s+(.{6,30}?\d{4})")


def _term_durations(sentence: Sentence) -> list[Hit[tuple[int, Unit]]]:
    return [
        d
        for d in find_durations(sentence.text)
        if not _NOT_TERM_DURATION.search(fold(sentence.text[max(0, d.start - 25) : d.start]))
        and not rx.match(r"\s*avant\b", fold(sentence.text[d.end : d.end + 10]))
    ]


_ASSUMED_ON_SIGNATURE = "Début de la convention non indiqué : supposé à la signature."


def _term(found: Found, located: list[Located], titles: dict[str, str]) -> None:
    """Start, end and duration of the convention, from the article about its term (the one
    titled « Durée », « Date d'effet »… when there is one), sentence after sentence."""
    relevant = [item for item in located if _term_relevant(item.sentence)]
    titled = [item for item in relevant if _TERM_TITLE.search(fold(titles.get(item.article, "")))]
    chosen = titled or relevant
    if not chosen:
        return
    article = chosen[0].article
    first = chosen[0].sentence
    found.put("term.place", {"article": article, "quote": first.text}, first.start, first.end)
    for item in chosen:
        if item.article != article:
            continue
        _term_sentence(found, item.sentence)
    if titled and found.get("term.end") is None:
        # « Elle demeure en vigueur jusqu'au versement du solde, et au plus tard jusqu'au
        # 31/12/2026 »: another sentence of the article on the term, about the convention
        for item in located:
            if item.article == article and rx.match(
                r"^(?:elle|celle-ci|la (?:presente )?convention)\b", item.sentence.folded
            ):
                _end_date(found, item.sentence)
    if found.get("term.start_rule") is None:
        found.put("term.start_rule", "on_signature", confidence=0.5)
        found.note(_ASSUMED_ON_SIGNATURE)


def _term_sentence(found: Found, sentence: Sentence) -> None:
    folded = sentence.folded
    on_signature = _ON_SIGNATURE.search(folded)
    period = _PERIOD.search(sentence.text)
    if on_signature and found.get("term.start_rule") is None:
        found.put(
            "term.start_rule",
            "on_signature",
            sentence.start + on_signature.start(),
            sentence.start + on_signature.end(),
        )
    from_date = rx.search(
        r"(?:a compter du|a partir du|prend(?:ra)? effet (?:le|au)|debute(?:ra)? le)\s+(?!jour)",
        folded,
    )
    if from_date and not on_signature and not period and found.get("term.start") is None:
        starts = [
            d
            for d in find_dates(sentence.text, from_date.start())
            if d.value.kind.value in ("exact", "from")
        ]
        if starts:
            found.put("term.start_rule", "fixed_date")
            found.put(
                "term.start",
                starts[0].value.value.isoformat(),
                sentence.start + starts[0].start,
                sentence.start + starts[0].end,
            )
    if period and _period_of_term(folded) and found.get("term.start") is None:
        dates = [
            d
            for d in find_dates(sentence.text, period.start(), period.end())
            if d.value.kind.value in ("exact", "deadline")
        ]
        if len(dates) >= 2:
            found.put("term.start_rule", "fixed_date")
            found.put(
                "term.start",
                dates[0].value.value.isoformat(),
                sentence.start + dates[0].start,
                sentence.start + dates[0].end,
            )
            found.put(
                "term.end",
                dates[1].value.value.isoformat(),
                sentence.start + dates[1].start,
                sentence.start + dates[1].end,
            )
    _end_date(found, sentence)
    durations = _term_durations(sentence)
    if durations and found.get("term.duration") is None:
        value, unit = durations[0].value
        found.put(
            "term.duration",
            {"value": value, "unit": unit.value},
            sentence.start + durations[0].start,
            sentence.start + durations[0].end,
        )


def _end_date(found: Found, sentence: Sentence) -> None:
    """« elle s'achève le 31 décembre 2027 », « expire le 31/12/2027 », « pour s'achever le … »"""
    if found.get("term.end") is None:
        for verb in _END_VERB.finditer(sentence.folded):
            ends = [
                d
                for d in find_dates(sentence.text, verb.start())
                if d.start <= verb.end() + 4 and d.value.kind.value in ("exact", "deadline")
            ]
            if ends:
                found.put(
                    "term.end",
                    ends[0].value.value.isoformat(),
                    sentence.start + ends[0].start,
                    sentence.start + ends[0].end,
                )
                break


_COVER_PERIOD = lazy(
    r"^[ \t*#]*(?:du[ \t]+)?(\S.{5,28}?\d{4})[ \t]*(?:[-–—]|au)[ \t]*(\S.{5,28}?\d{4})[ \t*]*$"
)
"""« 1er janvier 2025 – 31 décembre 2027 » on a line of its own: the period on the cover."""


def cover_period(found: Found, text: str, start: int, end: int) -> None:
    """Start and end stated as a period on the cover, above the parties, when no clause
    states them: two exact dates alone on their line, the first before the second."""
    if found.get("term.start") is not None or found.get("term.end") is not None:
        return
    for line in lines(text, start, end):
        period = _COVER_PERIOD.match(fold(line.raw))
        if period is None:
            continue
        dates = [
            d
            for d in find_dates(text, line.start, line.end)
            if d.value.kind.value in ("exact", "deadline")
        ]
        if len(dates) == 2 and dates[0].value.value < dates[1].value.value:
            found.put("term.start_rule", "fixed_date")
            if _ASSUMED_ON_SIGNATURE in found.notes:
                found.notes.remove(_ASSUMED_ON_SIGNATURE)
            found.put("term.start", dates[0].value.value.isoformat(), dates[0].start, dates[0].end)
            found.put("term.end", dates[1].value.value.isoformat(), dates[1].start, dates[1].end)
            return
