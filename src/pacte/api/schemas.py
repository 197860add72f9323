"""What the API reads and writes (pydantic schemas through django-ninja)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

MAX_AMOUNT = Decimal(10) ** 11
"""Amounts accepted by the API: below 100 milliards d'euros (the columns hold 12 digits)."""
FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Dates accepted by the API: years 1900 to 2200."""


def plain_text(value: str) -> str:
    """Refuse what no database column can hold: NUL and other control characters (but
    tabs and line breaks), and lone surrogates (text that is not valid Unicode).

    >>> plain_text("Mandat n° 12")
    'Mandat n° 12'
    """
    for char in value:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise ValueError("caractère Unicode invalide (demi-paire de substitution)")
        if (code < 32 and char not in "\t\n\r") or code == 0x7F:
            raise ValueError(f"caractère de contrôle interdit (U+{code:04X})")
    return value


def plausible_day(value: date) -> date:
    """>>> plausible_day(date(2026, 3, 2))
    datetime.date(2026, 3, 2)
    """
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"l'année {value.year} n'est pas plausible (attendu entre {FIRST_YEAR} et {LAST_YEAR})"
        )
    return value


Day = Annotated[date, AfterValidator(plausible_day)]
Amount = Annotated[Decimal, Field(lt=MAX_AMOUNT, gt=-MAX_AMOUNT, decimal_places=2)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Key = Annotated[str, Field(max_length=60), AfterValidator(plain_text)]
"""The key of a party, grant or governing body in the convention's terms."""

PaymentReference = Annotated[str, Field(max_length=255), AfterValidator(plain_text)]
Note = Annotated[str, Field(max_length=2000), AfterValidator(plain_text)]


class Error(Schema):
    detail: str
    field: str | None = None


class PartyOut(Schema):
    key: str
    role: str
    name: str
    siret: str


class GrantYearOut(Schema):
    year: int
    amount: Decimal
    how: str


class GrantOut(Schema):
    key: str
    total: Decimal | None
    annual: Decimal | None = None
    years: list[GrantYearOut] = []


class ConventionOut(Schema):
    reference: str
    title: str
    authorities: list[str]
    partners: list[str]
    signed_on: date | None
    start: date | None
    end: date | None
    renewal: str
    amount: Decimal | None


class ConventionDetail(ConventionOut):
    kind: str
    state: str
    state_label: str
    parties: list[PartyOut]
    grants: list[GrantOut]


class ObligationOut(Schema):
    convention: str
    kind: str
    kind_label: str
    title: str
    due: date | None
    act_by: date | None
    amount: Decimal | None
    party: str | None
    waiting_for: str | None = None
    status: str
    status_label: str
    reason: str
    done_on: date | None


class PaymentOut(Schema):
    id: int
    convention: str
    grant: str
    year: int | None
    amount: Decimal
    paid_on: date
    reference: str
    overpaid: Decimal


class PaymentIn(Schema):
    amount: Amount
    paid_on: Day
    grant: Key | None = None
    year: Year | None = None
    reference: PaymentReference = ""
    override_reason: Note = ""
    """Why a payment whose condition is not met (documents not received, convention not
    signed) is recorded anyway; without it such a payment is refused (400)."""


class DocumentOut(Schema):
    id: int
    convention: str
    kind: str
    kind_label: str
    year: int | None
    received_on: date
    file_name: str


class SignatureIn(Schema):
    party: Key
    signed_on: Day


class MeetingIn(Schema):
    body: Key
    held_on: Day
    minutes_received_on: Day | None = None


class NoticeIn(Schema):
    party: Key
    sent_on: Day
    received_on: Day | None = None


class RenewalIn(Schema):
    decided_on: Day
    note: Note = ""


class EventOut(Schema):
    id: int
    convention: str
    kind: str
    on: date
    detail: str


class EventsOut(Schema):
    signatures: list[EventOut]
    payments: list[EventOut]
    documents: list[EventOut]
    meetings: list[EventOut]
    notices: list[EventOut]
    renewals: list[EventOut]
    termination: EventOut | None
