"""The mandate of a party's signatory: « habilité par délibération … du … », in the block
or in the visas (« Vu la délibération du conseil municipal du … autorisant le Maire »)."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.french import DateValue, find_dates
from pacte.extraction.french import Found as Hit
from pacte.extraction.lazy import lazy
from pacte.extraction.parties.common import (
    _MANDATE,
    PartyBlock,
    _clause_end,
)
from pacte.extraction.result import Found
from pacte.extraction.segments import Segments
from pacte.extraction.text import clean, fold

_REFERRED = lazy(
    r"\b(?:susvise|precite|sus-vise|(?:vise|mentionne|cite)e?s?\s+ci-dessus|ci-dessus\s+(?:vise|mentionne)e?s?)"
)
"""« la délibération … susvisée » : the act is described in the visas, with its date."""
_VISA = lazy(r"[^;]+")
_BOARD = lazy(
    r"\b(?:conseil d'administration|bureau(?! (?:communautaire|municipal|metropolitain|syndical|"
    r"departemental|regional|du conseil|de la commission))|assemblee generale|conseil de surveillance|directoire|"
    r"conseil de gerance|conseil collegial)\b"
)
"""A board of an association or a company (not a « Bureau communautaire », an authority's)."""


_DATED_NEXT = lazy(r"\s*,?\s*(?:en\s+date\s+)?du\s+$")


def _exact_dates(text: str, start: int, end: int) -> list[Hit[DateValue]]:
    """Exact dates in ``[start, end)``, without act numbers written like dates.

    ``find_dates`` already leaves out a number after « n° » or « numéro »; a date
    directly followed by « (en date) du » and another date is the act's number too.
    """
    dates = [d for d in find_dates(text, start, end) if d.value.kind.value == "exact"]
    kept = []
    for index, date in enumerate(dates):
        following = dates[index + 1] if index + 1 < len(dates) else None
        if following and _DATED_NEXT.fullmatch(fold(text[date.end : following.start])):
            continue
        kept.append(date)
    return kept


def _visa_date(
    text: str, folded: str, visas: tuple[int, int], act: str, body: str
) -> Hit[DateValue] | None:
    """The date of the act « susvisé »: the visa naming an act of that kind and that body.

    Each visa (up to its semicolon) naming the act (« délibération », « décision ») with
    a date scores the words it shares with the body named in the party block (« de la
    Commission permanente »), plus one when it approves the convention or authorises its
    signature; the best visa gives its first date after the act.
    """
    words = set(rx.findall(r"[a-z]{4,}", fold(body)))
    best, best_score = None, 0
    for visa in _VISA.finditer(folded, *visas):
        where = folded.find(act, visa.start(), visa.end())
        dates = _exact_dates(text, where, visa.end()) if where != -1 else []
        if not dates:
            continue
        theirs = set(rx.findall(r"[a-z]{4,}", visa.group()))
        score = len(words & theirs) + (
            1 if rx.search(r"presente convention|autoris|signer", visa.group()) else 0
        )
        if score > best_score:
            best, best_score = dates[0], score
    return best


def _mandate(
    found: Found, text: str, folded: str, block: PartyBlock, base: str, visas: tuple[int, int]
) -> None:
    match = _MANDATE.search(folded, block.start, block.end)
    if not match:
        return
    dates = _exact_dates(text, match.end(), block.end)
    if dates:
        date_found = dates[0]
        body_text = text[match.end() : date_found.start]
    else:
        clause = _clause_end(text, match.end(), block.end)
        referred = _REFERRED.search(folded, match.end(), clause)
        visa = (
            _visa_date(text, folded, visas, match.group(1), text[match.end() : referred.start()])
            if referred
            else None
        )
        if referred is None or visa is None:
            return
        date_found = visa
        body_text = text[match.end() : referred.start()]
    _put_mandate(found, base, match.group(1), (match.start(1), match.end(1)), body_text, date_found)


def _put_mandate(
    found: Found,
    base: str,
    act: str,
    act_span: tuple[int, int],
    body_text: str,
    date_found: Hit[DateValue],
) -> None:
    """Record a party's mandate: the act (« délibération », « décision »), its body, its date."""
    body = rx.sub(
        r"^\s*(?:n[°o]\s*\S+\s+)?(?:du|de la|de l'|des|de)\s+", "", body_text, flags=re.IGNORECASE
    )
    body = rx.sub(r"\s+n[°o]\s*\S+", "", clean(body.replace("\n", " ")))
    body = rx.sub(r"\s*(?:,\s*)?(?:en date )?(?:du|le)\s*$", "", body, flags=re.IGNORECASE)
    # a deliberation of an association's or a company's board is a board decision
    board = _BOARD.search(fold(body))
    kind = "deliberation" if act == "deliberation" and not board else "board_decision"
    found.put(f"{base}.mandate.kind", kind, *act_span)
    if body:
        found.put(f"{base}.mandate.body", body)
    found.put(
        f"{base}.mandate.date", date_found.value.value.isoformat(), date_found.start, date_found.end
    )


_VISA_ITEM = lazy(
    r"^[ \t*•-]*vu[ \t]*[:,]?[ \t]+(?:[^;\n]|\n(?![ \t]*\n)(?![ \t*•-]*vu\b))*", re.MULTILINE
)
"""One visa: « VU … » up to its semicolon, a blank line or the next « VU »."""
_VISA_ACT = lazy(r"\b(deliberation|decision)s?\b")
_AUTHORISES = lazy(
    r"\bautoris\w*\b[^;]{0,80}?\b(?:signer|signature)\b"
    r"|\bapprouv\w*\b[^;]{0,40}?\bpresente\s+convention\b"
)
"""A visa whose act approves the present convention or authorises its signature."""


def _visa_mandates(found: Found, segments: Segments, region: tuple[int, int], count: int) -> None:
    """Mandates stated in the visas, for the parties whose block gives none.

    « VU la délibération de la Commission permanente … du 15 décembre 2023 approuvant la
    présente convention et autorisant sa signature » authorises a party's signatory. An
    act of an association's or a company's board (« Assemblée générale », « conseil
    d'administration », « bureau ») or one naming a beneficiary's designation is the
    beneficiary's; another is the public authority's.
    """
    text = segments.text
    folded = fold(text)
    start = segments.convention[0] if segments.convention else 0
    end = segments.body[0] if segments.body else region[1]
    taken = {found.get(f"parties[{i}].mandate.date") for i in range(count)}
    for visa in _VISA_ITEM.finditer(folded, start, end):
        if region[0] <= visa.start() < region[1]:
            continue
        act = _VISA_ACT.search(visa.group())
        if not act or not _AUTHORISES.search(visa.group(), act.end()):
            continue
        dates = _exact_dates(text, visa.start() + act.end(), visa.end())
        if not dates or dates[0].value.value.isoformat() in taken:
            continue
        date_found = dates[0]
        body_text = text[visa.start() + act.end() : date_found.start]
        party = _visa_party(found, body_text, count)
        if party is None:
            continue
        act_span = (visa.start() + act.start(1), visa.start() + act.end(1))
        _put_mandate(found, f"parties[{party}]", act.group(1), act_span, body_text, date_found)
        taken.add(date_found.value.value.isoformat())


def _visa_party(found: Found, body: str, count: int) -> int | None:
    """The party without a mandate whose act a visa describes (``body``: its authority)."""
    folded_body = fold(body)
    waiting = [i for i in range(count) if not found.get(f"parties[{i}].mandate.date")]
    beneficiaries = [i for i in waiting if found.get(f"parties[{i}].role") != "public_authority"]
    authorities = [i for i in waiting if found.get(f"parties[{i}].role") == "public_authority"]
    for index in beneficiaries:
        designation = fold(found.get(f"parties[{index}].designation") or "")
        designation = rx.sub(r"^(?:la|le|les|l')\s*", "", designation).strip()
        if designation and re.search(rf"\b{re.escape(designation)}\b", folded_body):
            return index
    if _BOARD.search(folded_body):
        return beneficiaries[0] if beneficiaries else None
    return authorities[0] if authorities else None


_PARTIES_START = lazy(r"\bentre\b(?:\s+les soussignes)?\s*:?|\bnous,? soussignes\b")
_PARTIES_END = lazy(
    r"\barticle\s+(?:1(?:er)?|premier|i)\b|\bpreambule\b|\bil (?:a ete|est) (?:convenu|arrete)"
    r"|\bconviennent\b|\bexpose (?:des motifs|prealable)\b|\bapres avoir (?:rappele|expose)\b"
)
_MANDATE_DATE = lazy(
    r"\b(?:(?:dument\s+)?(?:habilite|autorise|mandate)e?s?|agissant|en vertu|en application"
    r"|conformement)\b[^.;]{0,120}?\b(?:deliberation|decision)s?\b"
)


_AUTHORISING_VISA = lazy(
    r"\bvu (?:la|les) deliberations? [^;]{0,200}?\bautoris\w* [^;]{0,60}?\ba (?:la )?signer\b"
    r"[^;]{0,30}?\b(?:(?:la )?presente convention|la convention|le present (?:contrat|avenant))"
)


_HEADING_DELIBERATION = lazy(
    r"^[ \t*]*(?:selon|conformement a|en application de|en execution de) (?:la )?deliberation\b"
    r"[^\n]{0,100}$",
    re.MULTILINE,
)
"""« SELON DELIBERATION N° … DU BUREAU DE METROPOLE DU 30 JUIN 2016 », a line of the title:
the deliberation the convention is made under."""


def mandate_dates(text: str) -> list[str]:
    """Dates of the acts authorising the signatories, read in the parties' part of a
    convention whose blocks could not be read (a flattened text, stamps in between, blanks
    left for the other party): « représenté par M. X en qualité de Président dûment
    habilité aux présentes, par délibération n° 2022-28 du comité syndical du 06 avril
    2022 ». The parties' part runs from « ENTRE » to the first article or the preamble.

    >>> mandate_dates("CONVENTION ENTRE la Ville, représentée par son Maire, dûment "
    ...               "habilité par délibération n° 12 du conseil municipal du 3 mai 2023, "
    ...               "ET l'association Les Amis. Article 1 : objet")
    ['2023-05-03']
    >>> mandate_dates("CONVENTION ENTRE la Ville ET l'association. Article 1 : Vu la "
    ...               "délibération du 3 mai 2023")
    []
    >>> mandate_dates("VU la délibération n° B-12 du 17 mars 2026 attribuant la subvention et "
    ...               "autorisant le Président à signer la présente convention ; Article 1")
    ['2026-03-17']
    """
    folded = fold(text)
    dates = set()
    # a visa of the deliberation authorising the signature (« VU la délibération … du 17
    # mars 2026 … autorisant le Président à signer la présente convention ; »)
    first_article = _PARTIES_END.search(folded)
    head_end = first_article.start() if first_article else len(folded)
    for visa in _AUTHORISING_VISA.finditer(folded, 0, head_end):
        found = _exact_dates(text, visa.start(), visa.end())
        if found:
            dates.add(found[0].value.value.isoformat())
    start = _PARTIES_START.search(folded)
    for heading in _HEADING_DELIBERATION.finditer(folded, 0, start.start() if start else head_end):
        found = _exact_dates(text, heading.start(), heading.end())
        if found:
            dates.add(found[-1].value.value.isoformat())
    if start is None:
        return sorted(dates)
    end_match = _PARTIES_END.search(folded, start.end())
    end = end_match.start() if end_match else min(len(text), start.end() + 3000)
    for mandate in _MANDATE_DATE.finditer(folded, start.end(), end):
        stop = _clause_end(text, mandate.end(), end)
        # the clause may run past a comma (« délibération n° 2022-28, du comité … du … »)
        stop = max(stop, min(end, mandate.end() + 120))
        sentence = rx.search(
            r"[.;]|\bci-apres\b|\bd'une part\b|\bet\s*:", folded[mandate.end() : stop]
        )
        if sentence:
            stop = mandate.end() + sentence.start()
        found = _exact_dates(text, mandate.end(), stop)
        if found:
            dates.add(found[0].value.value.isoformat())
    return sorted(dates)
