"""Probable duplicates: two conventions that are the same text entered twice.

The same convention comes back in another format (a .txt then a .docx), or as the YAML
description of a convention already imported from its document, under another
reference. What makes it the same is not its reference but its parties (identifiers
when both sides have them, else names written the same way once folded), its dates,
its amounts and its title. ``likeness`` weighs them, out of 100:

- parties 40: every party of the shorter list is a party of the other;
- dates 25: signature, start and end that both sides state are equal;
- amounts 20: the grants' amounts (total, full year, each year) are the same;
- title 15: the share of words the two titles have in common.

Two conventions of the same parties for different years are *not* duplicates: a
signature, a start or budget years that disagree on the year rule it out.

>>> from pacte.terms import Convention, Organisation, Party, PartyRole
>>> def convention(reference, title, signed_on):
...     return Convention(reference=reference, title=title, signed_on=signed_on, parties=[
...         Party(key="ville", role=PartyRole.PUBLIC_AUTHORITY,
...               organisation=Organisation(name="Ville de Lorval", siret="21560947000012")),
...         Party(key="asso", role=PartyRole.BENEFICIARY,
...               organisation=Organisation(name="Les Jardins de Lorval"))])
>>> a = convention("jardins-2026", "Convention Jardins", date(2026, 2, 1))
>>> b = convention("jardins-2026-2", "Convention Jardins", date(2026, 2, 1))
>>> likeness(fingerprint(a), fingerprint(b)).describe()
'mêmes parties, mêmes dates, même intitulé'
>>> likeness(fingerprint(a), fingerprint(b.model_copy(update={"signed_on": date(2027, 2, 1)}))).probable
False
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pacte.terms import Convention, Organisation

THRESHOLD = 70
"""From this score on, two conventions are probably the same one."""

WEIGHTS = {"parties": 40, "dates": 25, "amounts": 20, "title": 15}

# Words that say what kind of body or text it is, not which one: « l'association Les
# Jardins » and « Les Jardins » are one organisation; « Commune de » and « Ville de » too.
_GENERIC = frozenset(
    [
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "pour",
        "par",
        "sur",
        "un",
        "une",
        "association",
        "asso",
        "commune",
        "ville",
        "departement",
        "departemental",
        "departementale",
        "region",
        "regional",
        "regionale",
        "communaute",
        "agglomeration",
        "communes",
        "metropole",
        "conseil",
        "convention",
        "conventions",
        "partenariat",
        "objectifs",
        "moyens",
        "pluriannuelle",
        "annuelle",
        "entre",
        "avec",
        "relative",
        "relatif",
    ]
)


def fold(text: str) -> str:
    """Lower case, no accents, words separated by one space.

    >>> fold("L'Association « Les Jardins » – Saint-Gwénaël")
    'l association les jardins saint gwenael'
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def name_words(name: str) -> frozenset[str]:
    """The words that tell an organisation (or a title) from another.

    >>> sorted(name_words("L'association Les Jardins partagés"))
    ['jardins', 'partages']
    """
    words = frozenset(w for w in fold(name).split() if w not in _GENERIC)
    return words or frozenset(fold(name).split())


@dataclass(frozen=True)
class PartyMark:
    """What identifies an organisation: its identifiers and the words of its name."""

    words: frozenset[str]
    siret: str | None = None
    siren: str | None = None
    rna: str | None = None

    @classmethod
    def of(cls, organisation: Organisation) -> PartyMark:
        siren = organisation.siren or (organisation.siret[:9] if organisation.siret else None)
        words = name_words(organisation.name)
        if organisation.short_name:
            words = words | name_words(organisation.short_name)
        return cls(words=words, siret=organisation.siret, siren=siren, rna=organisation.rna)

    def same_as(self, other: PartyMark) -> bool:
        """Identifiers decide when both sides have one; names otherwise."""
        for ours, theirs in (
            (self.siret, other.siret),
            (self.rna, other.rna),
            (self.siren, other.siren),
        ):
            if ours and theirs:
                return ours == theirs
        if not self.words or not other.words:
            return False
        shared = len(self.words & other.words)
        return shared / min(len(self.words), len(other.words)) >= 0.75


@dataclass(frozen=True)
class Fingerprint:
    """What ``likeness`` compares of a convention."""

    reference: str
    title: frozenset[str]
    parties: tuple[PartyMark, ...]
    signed_on: date | None
    start: date | None
    end: date | None
    years: frozenset[int]
    amounts: frozenset[Decimal]


def fingerprint(terms: Convention) -> Fingerprint:
    """The fingerprint of a convention's terms."""
    amounts: set[Decimal] = set()
    years: set[int] = set()
    for grant in terms.grants:
        for value in (grant.total_amount, grant.annual_amount):
            if value is not None:
                amounts.add(value)
        for year in grant.years:
            years.add(year.year)
            if year.amount is not None:
                amounts.add(year.amount)
    return Fingerprint(
        reference=terms.reference,
        title=name_words(terms.title),
        parties=tuple(PartyMark.of(party.organisation) for party in terms.parties),
        signed_on=terms.signed_on,
        start=terms.term.start if terms.term else None,
        end=terms.term.end if terms.term else None,
        years=frozenset(years),
        amounts=frozenset(a.normalize() for a in amounts),
    )


@dataclass(frozen=True)
class Likeness:
    """How much two conventions look alike, and in what (French words)."""

    score: int
    parties: bool
    dates: str
    """``same``, ``year`` (same year, another day), ``unknown`` or ``different``."""
    amounts: str
    """``same``, ``some`` (an amount in common), ``unknown`` or ``different``."""
    title: float

    @property
    def probable(self) -> bool:
        """Whether the two are probably one convention entered twice."""
        return self.parties and self.dates != "different" and self.score >= THRESHOLD

    def describe(self) -> str:
        """« mêmes parties, mêmes dates, même montant », as the review shows it."""
        words = ["mêmes parties" if self.parties else "parties différentes"]
        words.append(
            {
                "same": "mêmes dates",
                "year": "même année",
                "unknown": "",
                "different": "dates différentes",
            }[self.dates]
        )
        words.append(
            {
                "same": "même montant",
                "some": "un montant en commun",
                "unknown": "",
                "different": "montants différents",
            }[self.amounts]
        )
        if self.title == 1:
            words.append("même intitulé")
        elif self.title >= 0.5:
            words.append("intitulé proche")
        else:
            words.append("autre intitulé")
        return ", ".join(w for w in words if w)


def _parties_match(ours: tuple[PartyMark, ...], theirs: tuple[PartyMark, ...]) -> bool:
    """Every party of the shorter list is a distinct party of the other."""
    if not ours or not theirs:
        return False
    short, long = (ours, theirs) if len(ours) <= len(theirs) else (theirs, ours)
    free = list(long)
    for mark in short:
        match = next((other for other in free if mark.same_as(other)), None)
        if match is None:
            return False
        free.remove(match)
    return True


def _dates(a: Fingerprint, b: Fingerprint) -> str:
    pairs = [
        (x, y)
        for x, y in ((a.signed_on, b.signed_on), (a.start, b.start), (a.end, b.end))
        if x is not None and y is not None
    ]
    if any(x.year != y.year for x, y in pairs):
        return "different"
    if a.years and b.years and not a.years & b.years:
        return "different"
    if pairs:
        return "same" if all(x == y for x, y in pairs) else "year"
    if a.years and b.years:
        return "same" if a.years == b.years else "year"
    return "unknown"


def _amounts(a: Fingerprint, b: Fingerprint) -> str:
    if not a.amounts or not b.amounts:
        return "unknown"
    if a.amounts == b.amounts:
        return "same"
    return "some" if a.amounts & b.amounts else "different"


def _title(a: Fingerprint, b: Fingerprint) -> float:
    if not a.title or not b.title:
        return 0.0
    return len(a.title & b.title) / len(a.title | b.title)


def likeness(a: Fingerprint, b: Fingerprint) -> Likeness:
    """How much ``b`` looks like ``a``: a score out of 100 and what is alike.

    A component neither side states counts for half its weight; dates in different
    years bring the score under the threshold whatever the rest.
    """
    parties = _parties_match(a.parties, b.parties)
    dates = _dates(a, b)
    amounts = _amounts(a, b)
    title = _title(a, b)
    share = {
        "parties": 1.0 if parties else 0.0,
        "dates": {"same": 1.0, "year": 0.5, "unknown": 0.5, "different": 0.0}[dates],
        "amounts": {"same": 1.0, "some": 0.6, "unknown": 0.5, "different": 0.0}[amounts],
        "title": title,
    }
    score = round(sum(WEIGHTS[name] * share[name] for name in WEIGHTS))
    if dates == "different" or not parties:
        score = min(score, THRESHOLD - 1)
    return Likeness(score=score, parties=parties, dates=dates, amounts=amounts, title=title)
