"""Publication and transmission to the préfecture: stamps and their dates."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.french import find_dates
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.text import clean, fold, folded_view, lines

_PUBLISHED = lazy(r"\b(?:publie(?:e)?|affiche(?:e)?|mis(?:e)? en ligne|affichage|publication)\b")
_TRANSMITTED = lazy(
    r"\b(?:prefecture|sous-prefecture|controle de (?:la )?legalite|representant de l'etat"
    r"|accuse de reception|date de reception(?: ar| a\.r\.)?|reception par le prefet)\b"
)
_NOT_THE_ACT = lazy(
    r"\s*(?:de la |des )?(?:convocation|ordre du jour)\b"
    r"|\s*(?:au|dans le) (?:journal officiel|bulletin officiel|j\.?o\.?\b)"
    r"|\s*(?:des )?(?:deliberations|actes)\b"
    r"|[ \t]+[a-z]+[ \t]+n[°o][ \t]*\d"
)
"""« Date d'affichage de la convocation » dates the convocation, not the act; « décret
publié au Journal officiel du … » dates a law cited; « Publication des délibérations » is
the heading of a register; « Publication Statistiques n°4/2024 du 12 mars 2024 » is
another body's publication."""
_DELAY = lazy(r"\b(?:a compter de|a partir de|des|suivant)\s+(?:sa|leur|la)\s*$")
"""« deux mois à compter de sa publication »: a time limit to appeal, not a date."""


_BOUNDARY = lazy(r"\.\s+(?=[A-ZÀ-Ý])|\n[ \t]*\n(?![ \t\n]*[a-zà-ÿ])")
"""The end of a sentence or of a paragraph (« AVR. 2009 » is no end, nor a blank line
before a sentence that goes on in lower case: a copy with blank lines between lines)."""


_DECLARED = lazy(r"\b(?:declaree?s?|deposee?s?|enregistree?s?|immatriculee?s?)\b[^.;\n]{0,25}$")
"""« association déclarée à la préfecture le 3 mai 1999 »: an association's declaration, not
the act sent to the préfecture."""
_STATUTES = lazy(r"\bstatuts\b[^.;\n]{0,120}$")
"""« les statuts de l'association, déposés en préfecture le … »: the statutes' filing."""


def _dated_after(
    text: str,
    folded: str,
    pattern: re.Pattern[str],
    start: int,
    end: int,
    reach: int,
    not_before: str | None = None,
) -> tuple[int, int, str] | None:
    """The first exact date stated right after a keyword, within its sentence.

    A date before ``not_before`` (the session) cannot date the act's publication or
    transmission: beside the date of convocation, « Date d'affichage » is the posting of
    the convocation.
    """
    for match in pattern.finditer(folded, start, end):
        if (
            _NOT_THE_ACT.match(folded, match.end())
            or _DELAY.search(folded, max(start, match.start() - 30), match.start())
            or _DECLARED.search(folded, max(start, match.start() - 40), match.start())
            or _STATUTES.search(folded, max(start, match.start() - 140), match.start())
        ):
            continue
        stop = min(end, match.end() + reach)
        for boundary in _BOUNDARY.finditer(text, match.end(), stop):
            # a label and its date may stand apart (« Déposé le : » … « 7 AVR. 2009 »)
            if not rx.search(r"(?::|\ble|\bdu)\s*$", folded[match.end() : boundary.start()]):
                stop = boundary.start()
                break
        dates = [
            d
            for d in find_dates(text, match.end(), stop)
            if d.value.kind.value == "exact"
            and (not_before is None or d.value.value.isoformat() >= not_before)
        ]
        if not dates:
            continue
        date = dates[0]
        between = folded[match.end() : date.start]
        if _OTHER_STAMP[pattern is _PUBLISHED].search(between):
            continue  # « Publié le ID : … Envoyé en préfecture le 30/01/2023 »: a blank stamp
        if _OF_SOMETHING.match(folded, date.end):
            continue  # « la publication, le 3 mai 2021, du dernier rapport de l'observatoire »
        return date.start, date.end, date.value.value.isoformat()
    return None


_OTHER_STAMP = {
    True: lazy(r"\bid\s*:|\b(?:envoye|recu|transmis|depose)e?s?\s+(?:en|a|le)\b"),
    False: lazy(r"\bid\s*:|\b(?:publie|affiche)e?s?\s+(?:en|a|le)\b"),
}
"""Another field of the stamp between a label and a date (a transmission after the
publication, a publication after the transmission, the identifier): the label was left
blank. « PRÉFECTURE … Déposé le : … 7 AVR. 2009 » is one field."""
_OF_SOMETHING = lazy(r"\s*,?\s*(?:du|de la|des|de l'|d')\s")
"""After a date of publication: what was published, another document than the act."""


_JOURNAL = lazy(
    r"[ \t\n]*(?:jorf|journal officiel(?: de la republique francaise)?)[ \t]+n[°o]?[ \t]*\d+"
    r"[ \t]+du[ \t]+(?=\d)"
)
"""« JORF n°0162 du 14 juillet 2019 » opening the text: the act as the Journal officiel
published it, on that date."""


def _journal(text: str, folded: str) -> tuple[int, int, str] | None:
    journal = _JOURNAL.match(folded)
    if journal is None:
        return None
    dates = [
        d for d in find_dates(text, journal.end(), journal.end() + 30) if d.start == journal.end()
    ]
    if dates and dates[0].value.kind.value == "exact":
        return dates[0].start, dates[0].end, dates[0].value.value.isoformat()
    return None


_CERTIFIED_SENT = lazy(
    r"\b(?:certifiee? )?(?:transmise?|recue?|envoyee?|deposee?)s?"
    r" (?:au (?:representant de l'etat|prefet|controle de (?:la )?legalite)|en (?:sous-)?prefecture"
    r"|a la (?:sous-)?prefecture)"
    r"|\breception par le (?:sous-)?prefet\b"
)
"""« Certifié transmis au représentant de l'Etat le … »: a convention's own stamp (a
convention cites laws and decrees whose dates are no stamp of its own); « Accusé certifié
exécutoire Réception par le préfet : 21/03/2016 », the receipt stamped on a copy."""


def convention_stamps(found: Found, text: str) -> None:
    """The stamps of a convention: its publication in the Journal officiel (« JORF n° …
    du … » opening the text) and a stated transmission to the préfecture."""
    folded = folded_view(text)
    published = _journal(text, folded)
    if published:
        found.put("deliberation.published_on", published[2], published[0], published[1])
    sent = _dated_after(text, folded, _CERTIFIED_SENT, 0, len(text), 60)
    if sent:
        found.put("deliberation.transmitted_on", sent[2], sent[0], sent[1])


def _publication(found: Found, text: str, folded: str, start: int, end: int) -> None:
    session = found.get("deliberation.session.date")
    published = _dated_after(text, folded, _PUBLISHED, start, end, 130, session)
    published = published or _journal(text, folded)
    if published:
        found.put("deliberation.published_on", published[2], published[0], published[1])
    prefecture = rx.search(
        r"\bprefecture\b|\bcontrole de (?:la )?legalite\b|\bsous-prefecture\b", folded[start:end]
    )
    if prefecture:
        line_start = start + prefecture.start()
        while line_start > start and text[line_start - 1] != "\n":
            line_start -= 1
        line_end = text.find("\n", start + prefecture.end(), end)
        heading = clean(text[line_start : end if line_end == -1 else line_end])
        if fold(heading).startswith(("prefecture", "sous-prefecture")) and len(heading) < 80:
            found.put("deliberation.prefecture", heading)
    transmitted = _dated_after(text, folded, _TRANSMITTED, start, end, 200, session)
    if transmitted:
        found.put("deliberation.transmitted_on", transmitted[2], transmitted[0], transmitted[1])
    certified = rx.search(r"\bpour (?:extrait|copie) conforme\b", folded[start:end])
    if certified:
        begin = start + certified.end()
        stop = begin
        for line in lines(text, begin, end):
            if rx.search(r"publie|prefecture|affiche|\d{1,2}/\d{1,2}/\d{2}", fold(line.raw)):
                break
            if line.clean:
                stop = line.end
        value = clean(text[begin:stop].replace("\n", " ")).strip(" ,")
        if value:
            found.put("deliberation.certified_by", value, begin, stop)
