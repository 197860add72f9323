"""The date of the session, not that of the previous minutes approved nor of another act."""

from __future__ import annotations

from pacte.extraction import rx
from pacte.extraction.french import find_dates
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.text import clean, lines

_SESSION_ANCHOR = lazy(
    r"seance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)?du\b|reunion\s+du\b"
    r"|\b(?:bureau|conseil(?:\s+[a-z]+)?|commission permanente|comite syndical)\s+du\s+"
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi)\s+)?\d"
    r"|s'est\s+reuni(?:e)?s?\s+(?:[^.;]{0,80}?\s)?(?:le|en\s+seance)\b|l'an\s+(?:deux|mil)"
    r"|s'est\s+reuni(?:e)?s?\s+(?=(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+\d)"
    r"|(?:^|(?<=\n))[ \t]*deliberation\s+n[°o]?\s*[\w./-]{1,14}\s+du\s+(?=\d)"
)
_OTHER_ACT = lazy(
    r"\b(?:vu|deliberations?|decisions?|arretes?|commissions?)\b(?:[^.;]|\.(?=\w)){0,40}$"
)
"""« Vu la délibération du conseil municipal du … », « VU la délibération n° 12.2 du
Conseil du … »: another act's date, not the session."""
_REGISTER = lazy(r"\b(?:extraits?|registre)\s+(?:du\s+registre\s+)?des\s+deliberations\s+du\s+$")
"""« Extrait des délibérations du Conseil municipal du 25 juin »: the heading of this act."""
_APPROVED_MINUTES = lazy(r"\b(?:approb\w*|approuv\w*|adopt\w*|lecture)\W+(?:\w+\W+){0,9}$")
"""« approbation du procès-verbal de la séance du 9 décembre »: an earlier session."""


_STAMPED = lazy(
    r"\b(?:affichee?s?|transmise?s?|recue?s?|publiee?s?|envoyee?s?|deposee?s?|notifiee?s?"
    r"|reception|teletransmission)\b"
    r"|\bvu (?:le|la|les|l')"
)
"""« Délibération affichée … et transmise au représentant de l'Etat le … »: the act's
posting or receipt; « Vu le projet de délibération, en date du … »: an act cited. Neither
is the session."""


def _sentence_before(folded: str, start: int, end: int) -> str:
    """The words before a date back to the end of the previous sentence."""
    window = folded[start:end]
    cut = max(window.rfind(". "), window.rfind(";"), window.rfind("\n\n"))
    return window[cut + 1 :]


def _session(found: Found, text: str, folded: str, start: int, end: int) -> None:
    for line in lines(folded, start, end):
        body = rx.match(
            r"^\s*(conseil (?:municipal|general|departemental|regional|communautaire|metropolitain|d'administration)\b.*)$",
            line.raw,
        )
        if body and len(line.raw.strip()) < 120:
            found.put(
                "deliberation.session.body",
                clean(text[line.start : line.end]),
                line.start,
                line.end,
            )
            break
    # the council « s'est réuni(e) le … » or met « en séance du … »; a committee « réunie
    # le … » in a « Vu » is a decoy, taken only when nothing better is found
    anchor = next(
        (
            m
            for m in _SESSION_ANCHOR.finditer(folded, start, end)
            if not _APPROVED_MINUTES.search(folded, max(start, m.start() - 90), m.start())
            and not (
                m.group().startswith(("bureau", "conseil", "commission", "comite"))
                and _OTHER_ACT.search(folded, max(start, m.start() - 50), m.start())
                and not _REGISTER.search(folded, max(start, m.start() - 50), m.start())
            )
        ),
        None,
    ) or lazy(r"reuni(?:e)?s?\s+(?:le|en\s+seance)\b").search(folded, start, end)
    search_from = anchor.start() if anchor else start
    dates = [
        d
        for d in find_dates(text, search_from, min(end, search_from + 400))
        if d.value.kind.value == "exact"
        and not _STAMPED.search(_sentence_before(folded, max(search_from, d.start - 100), d.start))
    ]
    if dates:
        found.put(
            "deliberation.session.date",
            dates[0].value.value.isoformat(),
            dates[0].start,
            dates[0].end,
        )
    if found.get("deliberation.session.body") is None:
        match = rx.search(
            r"\ble (conseil (?:municipal|general|departemental|regional|communautaire|metropolitain))\b",
            folded[start:end],
        )
        if match:
            s, e = start + match.start(1), start + match.end(1)
            found.put("deliberation.session.body", clean(text[s:e]), s, e)
