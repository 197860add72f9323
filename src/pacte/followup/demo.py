"""A plausible past for the sample conventions: what the demo shows as already done.

Recorded once (a convention that already has follow-up records is left alone), so
running ``pacte demo`` again changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from pacte.conventions.models import Convention
from pacte.followup import services
from pacte.terms import DocumentKind


def _untouched(reference: str) -> Convention | None:
    convention = Convention.objects.filter(reference=reference).first()
    if convention is None or convention.payment_records.exists():
        return None
    return convention


def demo_followup(*, by: AbstractBaseUser | None) -> None:
    """Payments, meetings and documents of the sample conventions up to the autumn of 2026."""
    vere = _untouched("departement-vere-cress-2025-2027")
    if vere is not None:
        services.payment_record(
            convention=vere,
            amount=Decimal("20000"),
            paid_on=date(2025, 3, 20),
            year=2025,
            reference="Mandat 2025-1184",
            by=by,
        )
        services.meeting_record(
            convention=vere,
            body="copil-politique",
            held_on=date(2025, 12, 9),
            minutes_received_on=date(2026, 1, 12),
            by=by,
        )
        services.payment_record(
            convention=vere,
            amount=Decimal("14400"),
            paid_on=date(2026, 4, 10),
            year=2026,
            reference="Mandat 2026-0412",
            by=by,
        )
    gwenael = _untouched("ville-saint-gwenael-misb-2026")
    if gwenael is not None:
        services.payment_record(
            convention=gwenael,
            amount=Decimal("8750"),
            paid_on=date(2026, 3, 16),
            year=2026,
            reference="Mandat 2026-0203",
            by=by,
        )
        services.document_receive(
            convention=gwenael,
            kind=DocumentKind.BUDGET,
            year=2026,
            received_on=date(2026, 2, 2),
            by=by,
        )
    marzelle = _untouched("agglo-marzelle-terres-tables-2026")
    if marzelle is not None:
        services.payment_record(
            convention=marzelle,
            amount=Decimal("27500"),
            paid_on=date(2026, 5, 5),
            year=2026,
            reference="Mandat 2026-0877",
            by=by,
        )
