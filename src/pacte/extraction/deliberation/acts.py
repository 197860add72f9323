"""What the deliberation says and who acts: object, rapporteur, numbered decisions, the
signatory mandated, the report."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.deliberation.people import _labelled_name, _names
from pacte.extraction.lazy import lazy
from pacte.extraction.parties import person_from_name
from pacte.extraction.result import Found
from pacte.extraction.text import clean, fold, lines

_SIGNING = lazy(
    r"\b(?:m'|d')?(?:autoris|habilit|donn\w* (?:pouvoir|delegation))\w*\b(?P<who>(?:[^.;]|(?<=\bm)\.|(?<=\bmm)\.|(?<=\bdr)\.){0,160}?)"
    r"\ba (?:y |la |les )?(?:signer|signature)\b"
)
"""« AUTORISE M. X, Maire, à signer », « d'autoriser la Présidente à signer »."""


_AGREEMENT = lazy(r"\b(?:convention|contrat|avenant|accord|protocole|charte|bail)s?\b")
"""What a signatory is authorised to sign when the act is the mandate of a convention's
signatory (not a quote, an order form, « tout document »)."""


def _signs_an_agreement(folded: str, signing: re.Match[str], start: int) -> bool:
    """« autorise le Maire à signer la convention » (what follows « signer », in its
    sentence), or « … les conventions … et autorise le Maire à les signer » (before it)."""
    after = rx.match(r"[^.;]{0,120}", folded[signing.end() :])
    if after and _AGREEMENT.search(after.group()):
        return True
    if rx.search(r"\ba (?:la |les |l')signer$", folded[signing.start() : signing.end()]):
        return bool(_AGREEMENT.search(folded, max(start, signing.start() - 400), signing.start()))
    return False


def _mandated(found: Found, text: str, folded: str, start: int, end: int) -> None:
    """The act authorises someone to sign: it is then the mandate of the signatory."""
    if "vote_item_start" in found.marks and _SIGNING.search(
        folded, found.marks["vote_item_start"], found.marks["vote_item_end"]
    ):
        # minutes of a session: the item whose vote was chosen authorises a signature
        found.marks["item_authorises_signing"] = 1
    match = _SIGNING.search(folded, start, end)
    if not match:
        return
    if _signs_an_agreement(folded, match, start):
        found.marks["authorises_signing"] = match.start()
    names = _names(text, match.start("who"), match.end("who"))
    if names and names[0][0] - match.start("who") < 3:
        person = person_from_name(names[0][2])
        if person is not None:
            found.put("deliberation.mandated", person, names[0][0], names[0][1])


def _report(found: Found, text: str, end: int) -> None:
    begin = found.marks.get("report_start")
    if begin is None:
        return
    stop = found.marks.get("decisions_start", end)
    paragraphs = [clean(p.replace("\n", " ")) for p in rx.split(r"\n\s*\n", text[begin:stop])]
    value = "\n".join(p for p in paragraphs if p)
    if value:
        found.put("deliberation.report", value, begin, stop, 0.8)


def _object(found: Found, text: str, folded: str, start: int, end: int) -> None:
    match = rx.search(r"\bobjet(?:\s+de\s+la\s+deliberation)?\s*:?\s*", folded[start:end])
    if not match:
        return
    begin = start + match.end()
    while begin < end and text[begin] in " \t\n*":
        begin += 1
    stop = text.find("\n", begin, end)
    stop = end if stop == -1 else stop
    value = clean(text[begin:stop])
    if value:
        found.put("deliberation.object", value, begin, stop)


def _rapporteur(found: Found, text: str, folded: str, start: int, end: int) -> None:
    labelled = rx.search(r"\brapporteur\s*:\s*", folded[start:end])
    if labelled:
        _labelled_name(found, text, folded, "deliberation.rapporteur", r"\brapporteur", start, end)
    match = _committee_report(text[start:end])
    if not match:
        return
    if found.get("deliberation.rapporteur") is None:
        person = person_from_name(match.group(1))
        found.put("deliberation.rapporteur", person, start + match.start(1), start + match.end(1))
    found.put(
        "deliberation.committees",
        _committees(match.group(2), match.group(3)),
        start + match.start(3),
        start + match.end(3),
    )
    found.marks["report_start"] = start + match.end()


_REPORT = lazy(
    r"([A-Za-zÀ-ÿ. -]{3,60}),\s*au nom d(?:e la|es|u) (commissions?)\s+([^:]+?),?\s*expose\s*:",
    re.IGNORECASE,
)
"""« M. X, au nom de la commission des finances, expose : »."""


def _committee_report(region: str) -> re.Match[str] | None:
    """``_REPORT.search(region)``, tried only where a match can start: its name ends 3 to
    60 characters after, at the « , » before the spaces before an « au nom d » (the
    expression, which starts with a class of letters, would be tried at every position)."""
    lowered = region.lower()
    if len(lowered) != len(region):  # a letter lowered into two: the places differ
        return _REPORT.search(region)
    tried = 0
    at = lowered.find("au nom d")
    while at != -1:
        comma = at
        while comma > 0 and region[comma - 1].isspace():  # what ``\\s`` matches
            comma -= 1
        comma -= 1
        if comma >= 0 and region[comma] == ",":
            for begin in range(max(tried, comma - 60), comma - 2):
                match = _REPORT.match(region, begin)
                if match:
                    return match
            tried = max(tried, comma - 2)
        at = lowered.find("au nom d", at + 1)
    return None


def _committees(word: str, text: str) -> list[str]:
    """« commissions de la solidarité et des finances, … » → one name per commission."""
    words = clean(text)
    if fold(word) == "commissions":
        parts = rx.split(r"\s+et\s+(?=de la |des |du |de l')", words, maxsplit=1)
        return [f"commission {part.strip()}" for part in parts]
    return [f"commission {words}"]


_DECISION = lazy(r"^[ \t]*(\d{1,2})[ \t]*(?:[-–.)°]|°\))[ \t]*(\S.*)$")


def _decisions(found: Found, text: str, folded: str, start: int, end: int) -> None:
    decisions: list[tuple[dict[str, object], int, int]] = []
    for line in lines(text, start, end):
        match = _DECISION.match(fold(line.raw))
        if not match:
            continue
        number = int(match.group(1))
        if number != len(decisions) + 1:
            if number == 1:
                decisions = []
            else:
                continue
        value = clean(line.raw[match.start(2) :]).rstrip(" ;.")
        decisions.append(({"number": number, "text": value}, line.start + match.start(2), line.end))
    for index, (decision, begin, stop) in enumerate(decisions):
        found.put(f"deliberation.decisions[{index}]", decision, begin, stop)
    if decisions:
        found.marks["decisions_start"] = decisions[0][1]
