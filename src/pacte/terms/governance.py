"""Governing bodies, workstreams with their milestones, reporting duties.

>>> Cadence(frequency="yearly").frequency.label
'une fois par an'
"""

from __future__ import annotations

from pydantic import Field, model_validator

from pacte.terms.base import Key, Place, TermsDate, TermsModel
from pacte.terms.enums import BodyKind, CadenceBasis, Frequency
from pacte.terms.finance import SupportingDocument
from pacte.terms.parties import Person


class Cadence(TermsModel):
    """How often a body meets (« une fois par an », « tant que de besoin »)."""

    frequency: Frequency
    basis: CadenceBasis = CadenceBasis.CONVENTION_YEAR
    text: str | None = None


class BodyMember(TermsModel):
    """A seat on a governing body, by role (« Président de la CRES »), with its party."""

    role: str = Field(min_length=1)
    party: Key | None = None
    person: Person | None = None


class GoverningBody(TermsModel):
    """A steering committee: composition, cadence, secretariat, missions, minutes."""

    key: Key
    name: str = Field(min_length=1)
    kind: BodyKind = BodyKind.STEERING
    cadence: Cadence | None = None
    composition: str | None = None
    members: list[BodyMember] = Field(default_factory=list)
    attendees: str | None = None
    secretariat: str | None = None
    secretariat_party: Key | None = None
    missions: list[str] = Field(default_factory=list)
    minutes: list[SupportingDocument] = Field(default_factory=list)
    place: Place | None = None


class Milestone(TermsModel):
    """When a step is due or may start, as the text says it.

    « jusqu'au 30 juin 2013 » → ``due=2013-06-30``; « d'ici la fin de l'année 2013 » →
    ``due=2013-12-31``; « à partir de 2014 » → ``not_before=2014-01-01``; « dans
    l'hypothèse où sa pertinence est validée » → ``condition``.
    """

    due: TermsDate | None = None
    not_before: TermsDate | None = None
    condition: str | None = None
    depends_on: list[int] = Field(default_factory=list)
    quote: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Milestone:
        if self.due and self.not_before and self.not_before > self.due:
            raise ValueError(
                "not_before est postérieur à due : l'étape ne peut pas commencer après son échéance"
            )
        return self


class Step(TermsModel):
    """A numbered step of a workstream; ``depends_on`` holds the numbers of earlier steps."""

    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    parties: list[Key] = Field(default_factory=list)
    milestone: Milestone | None = None


class Workstream(TermsModel):
    """A line of work of the convention (« dispositif a) … e) ») with its steps."""

    key: Key
    title: str = Field(min_length=1)
    description: str | None = None
    parties: list[Key] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)
    place: Place | None = None

    @property
    def label(self) -> str:
        """How a reader names it: the document's own lettering when the key is one
        (« a) », « 2) »), then the start of its title; never an internal key.

        >>> Workstream(key="a", title="Association à la gouvernance du fonds").label
        'Dispositif a) « Association à la gouvernance du fonds »'
        >>> Workstream(key="a-fdi", title="Fonds départemental d'innovation pour l'insertion "
        ...     "(FD2I) et son comité").label
        "Dispositif « Fonds départemental d'innovation pour l'insertion… »"
        """
        words = " ".join(self.title.split())
        if len(words) > 60:
            cuts = [i for i in (words.find(s) for s in (" : ", " (", ", ")) if 0 < i <= 60]
            head = words[: min(cuts)] if cuts else words[:60].rsplit(" ", 1)[0]
            words = head.rstrip(" ,;:(") + "…"
        lettering = len(self.key) <= 2 and self.key.isalnum()
        return f"Dispositif {self.key}) « {words} »" if lettering else f"Dispositif « {words} »"

    @model_validator(mode="after")
    def _steps_numbered(self) -> Workstream:
        numbers = [s.number for s in self.steps]
        if len(numbers) != len(set(numbers)):
            raise ValueError(
                f"deux étapes portent le même numéro dans le dispositif « {self.key} »"
            )
        for step in self.steps:
            if step.milestone:
                for needed in step.milestone.depends_on:
                    if needed not in numbers:
                        raise ValueError(
                            f"l'étape {step.number} dépend d'une étape {needed} qui n'existe pas"
                        )
        return self


class ReportingDuty(TermsModel):
    """Information a party must provide (« données de cadrage » of the social observation)."""

    party: Key
    subject: str = Field(min_length=1)
    indicators: list[str] = Field(default_factory=list)
    perimeters: list[str] = Field(default_factory=list)
    frequency: Frequency | None = None
    place: Place | None = None
