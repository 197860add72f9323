"""What the API reads and writes (pydantic schemas through django-ninja)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema


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
    amount: Decimal
    paid_on: date
    grant: str | None = None
    year: int | None = None
    reference: str = ""


class DocumentOut(Schema):
    id: int
    convention: str
    kind: str
    kind_label: str
    year: int | None
    received_on: date
    file_name: str


class SignatureIn(Schema):
    party: str
    signed_on: date


class MeetingIn(Schema):
    body: str
    held_on: date
    minutes_received_on: date | None = None


class NoticeIn(Schema):
    party: str
    sent_on: date
    received_on: date | None = None


class RenewalIn(Schema):
    decided_on: date
    note: str = ""


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
