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
        problems = list(self._unresolved())
        if problems:
            raise ValueError(" ; ".join(problems))
        return self

    def _unresolved(self) -> Iterator[str]:
        yield from _duplicates("partie", [p.key for p in self.parties])
        yield from _duplicates("instance", [b.key for b in self.governing_bodies])
        yield from _duplicates("dispositif", [w.key for w in self.workstreams])
        yield from _duplicates("fiche action", [str(s.number) for s in self.action_sheets])
        yield from _duplicates("subvention", [g.key for g in self.grants])
        parties = {p.key for p in self.parties}
        bodies = {b.key for b in self.governing_bodies}

        def party_refs() -> Iterator[tuple[str, str | None]]:
            for i, c in enumerate(self.commitments):
                yield f"commitments[{i}].party", c.party
            for i, d in enumerate(self.communication):
                for key in (*d.parties, *d.logos):
                    yield f"communication[{i}]", key
            for i, g in enumerate(self.grants):
                yield f"grants[{i}].grantor", g.grantor
                yield f"grants[{i}].beneficiary", g.beneficiary
            for i, b in enumerate(self.governing_bodies):
                yield f"governing_bodies[{i}].secretariat_party", b.secretariat_party
                for j, m in enumerate(b.members):
                    yield f"governing_bodies[{i}].members[{j}].party", m.party
            for i, w in enumerate(self.workstreams):
                for key in w.parties:
                    yield f"workstreams[{i}].parties", key
                for step in w.steps:
                    for key in step.parties:
                        yield f"workstreams[{i}].steps", key
            for i, r in enumerate(self.reporting_duties):
                yield f"reporting_duties[{i}].party", r.party
            for i, s in enumerate(self.action_sheets):
                yield f"action_sheets[{i}].lead", s.lead
                for j, sc in enumerate(s.commitments):
                    yield f"action_sheets[{i}].commitments[{j}].party", sc.party
            for i, sig in enumerate(self.signatures):
                yield f"signatures[{i}].party", sig.party
            if self.termination:
                for key in self.termination.by:
                    yield "termination.by", key

        for where, key in party_refs():
            if key is not None and key not in parties:
                yield f"{where} : partie inconnue « {key} » (parties déclarées : {', '.join(sorted(parties))})"

        def body_refs() -> Iterator[tuple[str, str | None]]:
            for i, g in enumerate(self.grants):
                for j, inst in enumerate(g.instalments):
                    yield f"grants[{i}].instalments[{j}].trigger.body", inst.trigger.body
                    for doc in inst.trigger.documents:
                        yield f"grants[{i}].instalments[{j}].trigger.documents", doc.approved_by
                for doc in g.renewal_documents:
                    yield f"grants[{i}].renewal_documents", doc.approved_by

        for where, key in body_refs():
            if key is not None and key not in bodies:
                known = ", ".join(sorted(bodies)) or "aucune"
                yield f"{where} : instance inconnue « {key} » (instances déclarées : {known})"


def _duplicates(what: str, keys: list[str]) -> Iterator[str]:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            yield f"{what} « {key} » déclarée deux fois"
        seen.add(key)
