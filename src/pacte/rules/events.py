"""What happened to a convention, as plain data the rules take with the terms.

The register turns its follow-up records into an ``Events``; the CLI builds one from
``--signed``. Nothing here reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pacte.terms import DocumentKind


@dataclass(frozen=True)
class Payment:
    """Money paid under a grant; ``year`` is the financed year when known."""

    on: date
    amount: Decimal
    grant: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class DocumentReceived:
    """A supporting document received (PV, activity report, financial report…)."""

    kind: DocumentKind
    on: date
    year: int | None = None


@dataclass(frozen=True)
class Meeting:
    """A meeting held by a governing body, and when its minutes were received."""

    body: str
    on: date
    minutes_on: date | None = None


@dataclass(frozen=True)
class NoticeReceived:
    """A termination notice received by the other party (registered letter, AR date)."""

    party: str | None
    on: date


@dataclass(frozen=True)
class RenewalDecision:
    """An express renewal decided on a date (a new period follows the current one)."""

    on: date


@dataclass(frozen=True)
class Events:
    """Everything recorded so far; empty by default (a convention not yet signed)."""

    signatures: tuple[date, ...] = ()
    approved_on: date | None = None
    payments: tuple[Payment, ...] = ()
    documents: tuple[DocumentReceived, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    notices: tuple[NoticeReceived, ...] = ()
    renewals: tuple[RenewalDecision, ...] = ()
    terminated_on: date | None = None
    settled_until: date | None = None
    """Reprise d'historique: a convention taken over with its past is deemed to have met
    every obligation due up to this day that leaves no money trace (documents received,
    meetings held, publications); its past payments are recorded as payments."""

    @property
    def signed_on(self) -> date | None:
        """Date of the last signature: the convention is signed when all have signed."""
        return max(self.signatures) if self.signatures else None
