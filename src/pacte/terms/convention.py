"""The convention itself: parties, articles, commitments, money, term, governance, annexes.

>>> conv = Convention.model_validate({
...     "reference": "demo-1", "title": "Convention de partenariat",
...     "parties": [
...         {"key": "ville", "role": "public_authority",
...          "organisation": {"name": "Ville de Lorient", "kind": "commune"}},
...         {"key": "asso", "role": "beneficiary",
...          "organisation": {"name": "Les Jardins partagés", "kind": "association"}}],
...     "term": {"start_rule": "on_signature", "duration": {"value": 1, "unit": "year"}},
...     "renewal": {"kind": "tacit"}})
>>> conv.party("asso").name
'Les Jardins partagés'
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from pacte.terms.actions import ActionSheet
from pacte.terms.base import Key, Place, Quantity, TermsDate, TermsModel
from pacte.terms.deliberation import Deliberation
from pacte.terms.enums import NoticeForm, PartyRole, RenewalKind, StartRule
from pacte.terms.finance import Grant
from pacte.terms.governance import GoverningBody, ReportingDuty, Workstream
from pacte.terms.parties import Party, Signature

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def article_ordinal(number: str) -> int | None:
    """The numeric value of an article number as written (« IV », « 1er », « 3 »).

    >>> [article_ordinal(n) for n in ("IV", "1er", "premier", "12", "II.2")]
    [4, 1, 1, 12, None]
    """
    text = number.strip().lower()
    if text in ("premier", "1er", "1ère", "1re"):
        return 1
    if text.isdigit():
        return int(text)
    upper = text.upper()
    if upper and all(c in _ROMAN for c in upper):
        total = 0
        for current, following in zip(upper, [*upper[1:], ""], strict=True):
            value = _ROMAN[current]
            total += -value if following and _ROMAN[following] > value else value
        return total
    return None


class ArticleSection(TermsModel):
    """A numbered subdivision of an article (« II.2.1 – Promouvoir… »)."""

    number: str = Field(min_length=1)
    title: str | None = None
    text: str | None = None


class Article(TermsModel):
    """A numbered clause, its number exactly as written (« IV », « 1 »)."""

    number: str = Field(min_length=1)
    title: str | None = None
    text: str | None = None
    sections: list[ArticleSection] = Field(default_factory=list)

    @property
    def ordinal(self) -> int | None:
        return article_ordinal(self.number)


class Commitment(TermsModel):
    """What one party promises, where, and which action sheets it refers to."""

    party: Key
    text: str = Field(min_length=1)
    place: Place | None = None
    action_sheets: list[int] = Field(default_factory=list)


class CommunicationDuty(TermsModel):
    """A publicity duty: mention the partner, show logos."""

    parties: list[Key] = Field(default_factory=list)
    text: str = Field(min_length=1)
    logos: list[Key] = Field(default_factory=list)
    place: Place | None = None
    action_sheets: list[int] = Field(default_factory=list)


class Term(TermsModel):
    """When the convention starts and ends, as stated (nothing computed here).

    « débutant le jour de sa signature … pour une période d'un an » →
    ``start_rule=on_signature, duration=1 year``; « du 1er novembre 2012 au 31 décembre
    2014 » → ``start_rule=fixed_date, start=2012-11-01, end=2014-12-31``.
    """

    start_rule: StartRule
    start: TermsDate | None = None
    duration: Quantity | None = None
    end: TermsDate | None = None
    place: Place | None = None

    @model_validator(mode="after")
    def _coherent(self) -> Term:
        if self.start_rule is StartRule.FIXED_DATE and self.start is None:
            raise ValueError("début « à date fixe » sans date de début (champ start)")
        if self.start and self.end and self.end < self.start:
            raise ValueError(
                f"la fin ({self.end.isoformat()}) précède le début ({self.start.isoformat()})"
            )
        return self


class Renewal(TermsModel):
    """Tacit renewal (new period unless terminated), express (only by decision), or none."""

    kind: RenewalKind
    period: Quantity | None = None
    max_renewals: int | None = Field(default=None, ge=0)
    condition: str | None = None
    place: Place | None = None


class Termination(TermsModel):
    """How a party ends the convention: notice period and the form of the notice."""

    notice: Quantity | None = None
    form: NoticeForm = NoticeForm.ANY
    by: list[Key] = Field(default_factory=list)
    text: str | None = None
    place: Place | None = None


class Convention(TermsModel):
    """Everything a partnership convention states, as typed data.

    ``reference`` identifies it in the register; re-loading a convention with the same
    reference updates it.
    """

    reference: Key
    title: str = Field(min_length=1)
    kind: str = "convention de partenariat"
    parties: list[Party] = Field(min_length=1)
    preamble_title: str | None = None
    preamble: str | None = None
    objectives: list[str] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    communication: list[CommunicationDuty] = Field(default_factory=list)
    grants: list[Grant] = Field(default_factory=list)
    term: Term | None = None
    renewal: Renewal | None = None
    termination: Termination | None = None
    governing_bodies: list[GoverningBody] = Field(default_factory=list)
    workstreams: list[Workstream] = Field(default_factory=list)
    reporting_duties: list[ReportingDuty] = Field(default_factory=list)
    action_sheets: list[ActionSheet] = Field(default_factory=list)
    deliberation: Deliberation | None = None
    signed_at: str | None = None
    signed_on: TermsDate | None = None
    signatures: list[Signature] = Field(default_factory=list)

    def party(self, key: str) -> Party:
        for party in self.parties:
            if party.key == key:
                return party
        raise KeyError(key)

    def parties_with_role(self, role: PartyRole) -> list[Party]:
        return [p for p in self.parties if p.role is role]

    def body(self, key: str) -> GoverningBody:
        for body in self.governing_bodies:
            if body.key == key:
                return body
        raise KeyError(key)

    def action_sheet(self, number: int) -> ActionSheet:
        for sheet in self.action_sheets:
            if sheet.number == number:
                return sheet
        raise KeyError(number)

    @model_validator(mode="after")
    def _references_resolve(self) -> Convention:
        problems = list(self.unresolved_references())
        if problems:
            summary = " ; ".join(f"{_loc_text(loc)} : {message}" for loc, message in problems)
            # io.py expands ``problems`` into one located problem each
            raise PydanticCustomError(
                "unresolved_reference", "{summary}", {"summary": summary, "problems": problems}
            )
        return self

    def unresolved_references(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Keys declared twice, and references to parties or bodies that are not declared."""
        for what, field, keys in (
            ("partie", "parties", [p.key for p in self.parties]),
            ("instance", "governing_bodies", [b.key for b in self.governing_bodies]),
            ("dispositif", "workstreams", [w.key for w in self.workstreams]),
            ("fiche action", "action_sheets", [str(s.number) for s in self.action_sheets]),
            ("subvention", "grants", [g.key for g in self.grants]),
        ):
            for index in _duplicate_positions(keys):
                yield (field, index), f"{what} « {keys[index]} » déclarée deux fois"
        parties = {p.key for p in self.parties}
        bodies = {b.key for b in self.governing_bodies}
        for loc, key in self._party_references():
            if key is not None and key not in parties:
                known = ", ".join(sorted(parties))
                yield loc, f"partie inconnue « {key} » (parties déclarées : {known})"
        for loc, key in self._body_references():
            if key is not None and key not in bodies:
                known = ", ".join(sorted(bodies)) or "aucune"
                yield loc, f"instance inconnue « {key} » (instances déclarées : {known})"

    def _party_references(self) -> Iterator[tuple[tuple[str | int, ...], str | None]]:
        for i, c in enumerate(self.commitments):
            yield ("commitments", i, "party"), c.party
        for i, d in enumerate(self.communication):
            for j, key in enumerate(d.parties):
                yield ("communication", i, "parties", j), key
            for j, key in enumerate(d.logos):
                yield ("communication", i, "logos", j), key
        for i, g in enumerate(self.grants):
            yield ("grants", i, "grantor"), g.grantor
            yield ("grants", i, "beneficiary"), g.beneficiary
        for i, b in enumerate(self.governing_bodies):
            yield ("governing_bodies", i, "secretariat_party"), b.secretariat_party
            for j, m in enumerate(b.members):
                yield ("governing_bodies", i, "members", j, "party"), m.party
        for i, w in enumerate(self.workstreams):
            for j, key in enumerate(w.parties):
                yield ("workstreams", i, "parties", j), key
            for j, step in enumerate(w.steps):
                for k, key in enumerate(step.parties):
                    yield ("workstreams", i, "steps", j, "parties", k), key
        for i, r in enumerate(self.reporting_duties):
            yield ("reporting_duties", i, "party"), r.party
        for i, s in enumerate(self.action_sheets):
            yield ("action_sheets", i, "lead"), s.lead
            for j, sc in enumerate(s.commitments):
                yield ("action_sheets", i, "commitments", j, "party"), sc.party
        for i, sig in enumerate(self.signatures):
            yield ("signatures", i, "party"), sig.party
        if self.termination:
            for j, key in enumerate(self.termination.by):
                yield ("termination", "by", j), key

    def _body_references(self) -> Iterator[tuple[tuple[str | int, ...], str | None]]:
        for i, g in enumerate(self.grants):
            for j, inst in enumerate(g.instalments):
                where = ("grants", i, "instalments", j, "trigger")
                yield (*where, "body"), inst.trigger.body
                for k, doc in enumerate(inst.trigger.documents):
                    yield (*where, "documents", k, "approved_by"), doc.approved_by
            for k, doc in enumerate(g.renewal_documents):
                yield ("grants", i, "renewal_documents", k, "approved_by"), doc.approved_by
        for i, b in enumerate(self.governing_bodies):
            for k, doc in enumerate(b.minutes):
                yield ("governing_bodies", i, "minutes", k, "approved_by"), doc.approved_by


def _loc_text(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _duplicate_positions(keys: list[str]) -> Iterator[int]:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            yield index
        seen.add(key)
