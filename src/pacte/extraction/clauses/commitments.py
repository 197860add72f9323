"""Objectives, commitments of each party, communication duties and reporting."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.clauses.common import Located, _sheets_cited
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.segments import Segments, items_in
from pacte.extraction.sentences import bullets, parties_named
from pacte.extraction.text import clean, fold

_COMMITMENT = lazy(
    r"\b(s'engage(?:nt|ra|ront)?|s'efforcer(?:a|ont)|s'efforce(?:nt)?|s'attache(?:nt)?|se propose(?:nt)?|s'oblige(?:nt)?|veille(?:nt|ra|ront)? a)\b"
)


def _objectives(found: Found, segments: Segments) -> None:
    text = segments.text
    for article in segments.articles:
        if not rx.search(r"\b(objet|objectifs?)\b", fold(article.title)):
            continue
        stop = min(
            [b.start for b in items_in(text, article.body_start, article.end)] + [article.end]
        )
        for index, item in enumerate(bullets(text, article.body_start, stop)):
            found.put(f"objectives[{index}]", item.text, item.start, item.end)
        return


def _commitments(found: Found, located: list[Located], aliases: list[list[str]]) -> None:
    """Sentences where a party « s'engage à », « s'efforcera de », « s'attache à »…"""
    index = 0
    section_party: dict[str, int] = {}
    for position, item in enumerate(located):
        match = _COMMITMENT.search(item.sentence.folded)
        if not match or "logo" in item.sentence.folded:
            continue
        subject = item.sentence.text[: match.start()]
        parties = parties_named(subject, aliases)
        if not parties and rx.match(r"^\s*(elle|il)\b", fold(subject)):
            parties = [section_party[item.place]] if item.place in section_party else []
        if not parties:
            continue
        section_party[item.place] = parties[0]
        for party in parties:
            found.put(f"commitments[{index}].party", found.get(f"parties[{party}].key"))
            found.put(
                f"commitments[{index}].text",
                item.sentence.text,
                item.sentence.start,
                item.sentence.end,
            )
            found.put(f"commitments[{index}].place", {"article": item.place})
            cited = _sheets_cited(item.sentence.text)
            for following in located[position + 1 :]:
                # « (Cf. fiche action 1) » may close the explanation that follows the promise
                if following.place != item.place or _COMMITMENT.search(following.sentence.folded):
                    break
                cited += [n for n in _sheets_cited(following.sentence.text) if n not in cited]
            if cited:
                found.put(f"commitments[{index}].action_sheets", cited)
            index += 1
    _communication(found, located, aliases)


def _communication(found: Found, located: list[Located], aliases: list[list[str]]) -> None:
    index = 0
    for position, item in enumerate(located):
        if "logo" not in item.sentence.folded:
            continue
        count = len(aliases)
        everyone = rx.search(
            r"chaque partie|chacune des parties|les parties|les deux parties", item.sentence.folded
        )
        named = parties_named(item.sentence.text, aliases)
        parties = list(range(count)) if everyone else named
        logos_at = item.sentence.folded.find("logo")
        logos = parties_named(item.sentence.text[logos_at:], aliases) or parties
        keys = [found.get(f"parties[{p}].key") for p in parties]
        base = f"communication[{index}]"
        found.put(f"{base}.parties", keys)
        found.put(f"{base}.text", item.sentence.text, item.sentence.start, item.sentence.end)
        found.put(f"{base}.logos", [found.get(f"parties[{p}].key") for p in logos])
        found.put(f"{base}.place", {"article": item.place})
        cited = [
            n
            for other in located[max(0, position - 3) : position + 1]
            if other.place == item.place
            for n in _sheets_cited(other.sentence.text)
        ]
        if cited:
            found.put(f"{base}.action_sheets", sorted(set(cited)))
        index += 1


def _reporting(
    found: Found, segments: Segments, located: list[Located], aliases: list[list[str]]
) -> None:
    index = 0
    for item in located:
        folded = item.sentence.folded
        if not rx.search(
            r"\b(faire part|transmettre|communiquer|fournir|remettre)\b[^.]*\b(donnees|informations|indicateurs|statistiques)\b",
            folded,
        ):
            continue
        named = parties_named(item.sentence.text[: folded.find(" ")] + item.sentence.text, aliases)
        if not named:
            continue
        base = f"reporting_duties[{index}]"
        found.put(f"{base}.party", found.get(f"parties[{named[0]}].key"))
        found.put(f"{base}.subject", item.sentence.text, item.sentence.start, item.sentence.end)
        scope = rx.search(r"connaissance[^,]*?(?=\s(?:en|dans|sur)\s)(.*)$", folded)
        if scope:
            perimeters = [
                item.sentence.text[scope.start(1) + m.start(1) : scope.start(1) + m.end(1)].strip()
                for m in rx.finditer(
                    r"\b(?:en|dans|sur)\s+(?!(?:la )?mesure\b)(?:le |la |les |l')?([^,.;]+?)(?=\s*,|\s*\.|\s+et\b|$)",
                    folded[scope.start(1) :],
                )
            ]
            if perimeters:
                found.put(f"{base}.perimeters", perimeters)
        follow = next(
            (
                o
                for o in located
                if o.sentence.start > item.sentence.start and "portent sur" in o.sentence.folded
            ),
            None,
        )
        if follow:
            # found in the folded text (same length): slice the original there, any case
            after = follow.sentence.folded.index("portent sur") + len("portent sur")
            listed = follow.sentence.text[after:]
            indicators = [
                rx.sub(r"^(?:les|le|la)\s+|^l'", "", clean(p).strip(" ."), flags=re.IGNORECASE)
                for p in rx.split(r",|\bet\b", listed.rstrip(". "))
            ]
            found.put(f"{base}.indicators", [i for i in indicators if i])
        found.put(f"{base}.place", {"article": item.article})
        index += 1
