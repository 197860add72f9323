"""Governing bodies: steering committee, its members, how often it meets."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pacte.extraction import rx
from pacte.extraction.clauses.common import Located
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.segments import Segments
from pacte.extraction.sentences import Sentence, bullets, parties_named
from pacte.extraction.text import fold

_CADENCE = (
    (r"deux fois par an|semestriel|tous les six mois|chaque semestre|par semestre", "half-yearly"),
    (r"une fois par an|annuel|chaque annee|tous les ans|au moins une fois par an", "yearly"),
    (r"trimestriel|chaque trimestre|(?:une fois )?par trimestre|tous les trois mois", "quarterly"),
    (r"mensuel|chaque mois|une fois par mois", "monthly"),
    (
        r"tant que de besoin|autant que (?:de besoin|necessaire)|a la demande|si besoin|en fonction des besoins|selon les besoins",
        "as_needed",
    ),
)
_BODY = lazy(
    r"\b(comite (?:de pilotage|technique|de suivi|d'orientation|de selection|de coordination)(?: (?:politique|technique|strategique|operationnel))?)"
)


def _bodies(
    found: Found, segments: Segments, located: list[Located], aliases: list[list[str]]
) -> None:
    text = segments.text
    index = -1
    seen: dict[str, str] = {}
    last: tuple[str, str] | None = None
    for position, item in enumerate(located):
        folded = item.sentence.folded
        match = _BODY.search(folded)
        if not match and last and item.article == last[0] and _MEETS_AGAIN.match(folded):
            # « Il se réunit une fois par trimestre » after the body is set up
            _cadence(found, last[1], item.sentence)
            continue
        if not match or not rx.search(
            r"se reuni|constitue|compose|est cree|est institue|instaure", folded
        ):
            continue
        name = item.sentence.text[match.start(1) : match.end(1)]
        if fold(name) in seen:
            # « Le comité de pilotage se réunit une fois par trimestre » after « Il est institué »
            if rx.search(r"se reuni", folded):
                _cadence(found, seen[fold(name)], item.sentence)
            continue
        index += 1
        base = f"governing_bodies[{index}]"
        key = rx.sub(
            r"[^a-z]+",
            "-",
            fold(name).replace("comite de pilotage", "copil").replace("comite", "comite"),
        ).strip("-")
        kind = (
            "political"
            if "politique" in fold(name)
            else "technical"
            if "technique" in fold(name)
            else "steering"
        )
        found.put(
            base,
            {"key": key, "name": name, "kind": kind},
            item.sentence.start + match.start(1),
            item.sentence.start + match.end(1),
        )
        seen[fold(name)] = base
        last = (item.article, base)
        found.put(f"{base}.place", {"article": item.article})
        _cadence(found, base, item.sentence)
        composition = rx.search(
            r"(constitue|compose)e?\s+(?:de |des |du |d')[^,.;:]+?(?=\s+se reuni|\s+est |[,.;:]|$)",
            folded,
        )
        if composition and not folded[composition.end() : composition.end() + 2].startswith(":"):
            phrase = item.sentence.text[composition.start() : composition.end()]
            found.put(f"{base}.composition", phrase)
            if rx.search(r"(co-?)?signataires|des parties", fold(phrase)):
                found.put(
                    f"{base}.members",
                    [
                        {"role": "co-signataire", "party": found.get(f"parties[{p}].key")}
                        for p in range(len(aliases))
                    ],
                )
        purpose = rx.search(r"\bpour\s+(.+)$", item.sentence.text)
        missions: list[str] = []
        if purpose and cadence_follows(folded, purpose.start()):
            missions = [
                m.strip(" .") for m in rx.split(r"\s+et\s+(?=[a-zé]+er\b)", purpose.group(1))
            ]
        before = rx.search(r"^en vue de\s+(.+?),", item.sentence.text, re.IGNORECASE)
        if before:
            missions.insert(0, before.group(1))
        _body_details(found, base, located, position, item, missions, aliases, text)


_MEETS_AGAIN = lazy(r"^(?:il|celui-ci|ce comite|cette instance)\s+(?:se reuni|est reuni)")


def _cadence(found: Found, base: str, sentence: Sentence) -> None:
    """How often a body meets, from the first cadence the sentence states; never overwritten."""
    if found.get(f"{base}.cadence") is not None:
        return
    folded = sentence.folded
    for pattern, frequency in _CADENCE:
        cadence = re.search(pattern, folded)
        if cadence:
            meets = rx.search(r"se reuni\w*", folded)
            start = meets.start() if meets and meets.start() < cadence.start() else cadence.start()
            found.put(
                f"{base}.cadence",
                {"frequency": frequency, "text": sentence.text[start : cadence.end()]},
            )
            return


def cadence_follows(folded: str, at: int) -> bool:
    return bool(rx.search(r"se reuni", folded[:at]))


def _body_details(
    found: Found,
    base: str,
    located: list[Located],
    position: int,
    item: Located,
    missions: list[str],
    aliases: list[list[str]],
    text: str,
) -> None:
    """Members listed after « composé : », secretariat, attendees, missions listed after « rôle »."""
    members: list[dict[str, object]] = []
    listing = bool(_LISTING.search(item.sentence.folded))
    for other in located[position + 1 :]:
        if other.article != item.article:
            break
        folded = other.sentence.folded
        if _BODY.search(folded) and rx.search(r"se reuni", folded):
            break
        if _LISTING.search(folded):
            listing = True
            continue
        member = rx.match(r"^(du|de la|de l'|des|d')\s*", folded)
        if listing and member and len(other.sentence.text) < 200:
            role = other.sentence.text[member.end() :].rstrip(" ;,.")
            entry: dict[str, object] = {"role": role}
            named = parties_named(role, aliases)
            if named:
                entry["party"] = found.get(f"parties[{named[-1]}].key")
            members.append(entry)
            continue
        listing = False
        if "secretariat" in folded:
            assured = rx.search(r"assure\w* par\s+(?:la |le |l')?(.+?)\.?$", folded)
            if assured:
                value = other.sentence.text[assured.start(1) : assured.end(1)]
                found.put(f"{base}.secretariat", value, other.sentence.start, other.sentence.end)
                named = parties_named(value, aliases)
                if named:
                    found.put(f"{base}.secretariat_party", found.get(f"parties[{named[0]}].key"))
        elif "accompagn" in folded:
            found.put(f"{base}.attendees", other.sentence.text)
        elif rx.search(r"\b(son role|ses missions|il est charge|sa mission)\b", folded):
            article_end = max(o.sentence.end for o in located if o.article == item.article)
            missions += _nested(b.text for b in bullets(text, other.sentence.end, article_end))
    if members:
        found.put(f"{base}.members", members)
    if missions:
        found.put(f"{base}.missions", missions)


_LISTING = lazy(r"compose\w*\s*(?:de|des)?\s*:\s*$")


def _nested(items: Iterable[str]) -> list[str]:
    """Bullets where « l'évaluation : » introduces « des travaux… », « de la … » sub-items."""
    result: list[str] = []
    prefix = ""
    for item in items:
        if item.endswith(":"):
            prefix = item.rstrip(" :")
            continue
        if prefix and rx.match(r"^(de|des|du|d')\b", fold(item)):
            result.append(f"{prefix} {item}")
        else:
            prefix = ""
            result.append(item)
    return result
