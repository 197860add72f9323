"""The council deliberation that approves a convention: session, attendance, decisions, vote.

A ``CouncilSession`` describes a whole session of an authority's council with every
deliberation voted there (``pacte load`` accepts it); a ``Deliberation`` is one act with
its session, as a convention refers to it.

>>> Vote(result="unanimous").result.label
"à l'unanimité"
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from pacte.terms.base import Amount, TermsDate, TermsModel
from pacte.terms.enums import VoteResult
from pacte.terms.parties import Organisation, Person


class Member(TermsModel):
    """An elected member of the council, with the seat held and when.

    ``since`` / ``until`` bound the term of office (both included); unknown means open.

    >>> Member(person={"last_name": "Durand"}, since="2020-07-04").in_office_on(date(2020, 7, 3))
    False
    """

    person: Person
    seat: str | None = None
    """The office held: « maire », « adjointe », « conseiller municipal »…"""
    group: str | None = None
    """The political group, as named by the council."""
    since: TermsDate | None = None
    until: TermsDate | None = None

    def in_office_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


class ExcusedMember(TermsModel):
    """A member excused, with the member they gave their proxy to, if any."""

    person: Person
    proxy_to: Person | None = None


class StatedFigures(TermsModel):
    """Figures the act states (« en exercice : 55, présents : 53, votants : 55 »)."""

    in_office: int | None = Field(default=None, ge=0)
    present: int | None = Field(default=None, ge=0)
    voters: int | None = Field(default=None, ge=0)


class Session(TermsModel):
    """A council session and who attended it.

    ``present`` lists the members named as present; the president and the secretary are
    held apart and count as present too.
    """

    body: str = Field(min_length=1)
    date: TermsDate
    place: str | None = None
    president: Person | None = None
    secretary: Person | None = None
    present: list[Person] = Field(default_factory=list)
    excused: list[ExcusedMember] = Field(default_factory=list)
    absent: list[Person] = Field(default_factory=list)
    figures: StatedFigures | None = None
    kind: str | None = None
    """How the act qualifies the session: « séance ordinaire », « séance extraordinaire »…"""
    members: list[Member] = Field(default_factory=list)
    """The council's elected members with their terms of office, when known."""
    second_convocation: bool = False
    """Held after a first session without quorum: no quorum is then required (CGCT L2121-17)."""

    def members_in_office(self) -> list[Member]:
        """The members whose term of office covers the session date."""
        return [m for m in self.members if m.in_office_on(self.date)]

    @property
    def present_count(self) -> int:
        chairs = [p for p in (self.president, self.secretary) if p is not None]
        return len(self.present) + len(chairs)

    @property
    def proxy_count(self) -> int:
        return sum(1 for e in self.excused if e.proxy_to is not None)


class Decision(TermsModel):
    """One numbered item of the dispositif (« 1 - décider la mise en œuvre… »)."""

    number: int = Field(ge=1)
    text: str = Field(min_length=1)
    amount: Amount | None = None


class Vote(TermsModel):
    """The vote on a deliberation; counts as stated, ``None`` where not stated."""

    result: VoteResult
    votes_for: int | None = Field(default=None, ge=0)
    votes_against: int | None = Field(default=None, ge=0)
    abstentions: int | None = Field(default=None, ge=0)
    not_voting: int | None = Field(default=None, ge=0)
    text: str | None = None
    secret: bool = False
    """A secret ballot: a tie is then not decided by the president's vote."""
    casting_vote: bool = False
    """The act states that the president's vote decided a tie."""

    @model_validator(mode="after")
    def _unanimity(self) -> Vote:
        if self.result is VoteResult.UNANIMOUS and self.votes_against:
            raise ValueError("un vote à l'unanimité ne peut pas compter de voix contre")
        return self


class DeliberationItem(TermsModel):
    """A deliberation as a council session lists it: every part of the act but its session.

    ``acknowledgement_id`` is the number of the préfecture's acknowledgement of receipt
    (« accusé de réception », e.g. ``021-212102311-20090330-2009-03-DE``); ``mandated`` is
    who the act authorises to sign; ``conventions`` the references, in the register, of
    the conventions it approves.
    """

    number: str | None = None
    object: str = Field(min_length=1)
    rapporteur: Person | None = None
    committees: list[str] = Field(default_factory=list)
    report: str | None = None
    decisions: list[Decision] = Field(default_factory=list)
    vote: Vote | None = None
    certified_by: str | None = None
    published_on: TermsDate | None = None
    transmitted_on: TermsDate | None = None
    prefecture: str | None = None
    acts_subject_code: str | None = Field(default=None, pattern=r"^\d{1,2}(\.\d{1,2}){0,2}$")
    acknowledgement_id: str | None = None
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    mandated: Person | None = None
    conventions: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _numbered(self) -> DeliberationItem:
        numbers = [d.number for d in self.decisions]
        if len(numbers) != len(set(numbers)):
            raise ValueError("deux décisions portent le même numéro")
        return self

    def in_session(self, session: Session) -> Deliberation:
        """The full act: this deliberation with its session."""
        stated = {name: getattr(self, name) for name in self.model_fields_set}
        return Deliberation(session=session, **stated)


class Deliberation(DeliberationItem):
    """The act voted in a session, with its publication and transmission to the préfecture."""

    session: Session

    def item(self) -> DeliberationItem:
        """This act without its session, as a council session lists it."""
        stated = {n: getattr(self, n) for n in self.model_fields_set if n != "session"}
        return DeliberationItem(**stated)


class CouncilSession(TermsModel):
    """A council session of an authority and every deliberation voted there.

    >>> council = CouncilSession.model_validate({
    ...     "authority": {"name": "Ville de Lorval", "kind": "commune"},
    ...     "session": {"body": "Conseil municipal", "date": "2026-03-02"},
    ...     "deliberations": [{"number": "2026-01", "object": "Budget primitif"}]})
    >>> [(d.number, d.session.date.isoformat()) for d in council.acts()]
    [('2026-01', '2026-03-02')]
    """

    authority: Organisation
    session: Session
    deliberations: list[DeliberationItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _distinct_numbers(self) -> CouncilSession:
        numbers = [d.number for d in self.deliberations if d.number is not None]
        if len(numbers) != len(set(numbers)):
            raise ValueError("deux délibérations de la séance portent le même numéro")
        return self

    def acts(self) -> list[Deliberation]:
        """Every deliberation of the session, each with the session."""
        return [item.in_session(self.session) for item in self.deliberations]
