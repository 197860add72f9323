"""The council deliberation that approves a convention: session, attendance, decisions, vote.

>>> Vote(result="unanimous").result.label
"à l'unanimité"
"""

from __future__ import annotations

from pydantic import Field, model_validator

from pacte.terms.base import Amount, TermsDate, TermsModel
from pacte.terms.enums import VoteResult
from pacte.terms.parties import Person


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

    @model_validator(mode="after")
    def _unanimity(self) -> Vote:
        if self.result is VoteResult.UNANIMOUS and self.votes_against:
            raise ValueError("un vote à l'unanimité ne peut pas compter de voix contre")
        return self


class Deliberation(TermsModel):
    """The act voted in a session, with its publication and transmission to the préfecture."""

    session: Session
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

    @model_validator(mode="after")
    def _numbered(self) -> Deliberation:
        numbers = [d.number for d in self.decisions]
        if len(numbers) != len(set(numbers)):
            raise ValueError("deux décisions portent le même numéro")
        return self
