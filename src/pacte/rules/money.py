"""Amounts: prorata of a full-year amount, rounding policy, instalments that add up.

Decimal only. The prorata of 10 000 € for two months is 1 666,67 € exactly (to the
cent); truncated to the euro it is 1 666 €.

>>> prorata(Decimal("10000"), months=2)
Decimal('1666.67')
>>> prorata(Decimal("10000"), months=2, rounding=Rounding.EURO_DOWN)
Decimal('1666')
>>> split(Decimal("4000"), [Decimal("70"), Decimal("30")])
[Decimal('2800.00'), Decimal('1200.00')]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from pacte.terms import Grant, GrantYear, ProrataBasis, Rounding, format_amount_fr

CENT = Decimal("0.01")


def round_amount(value: Decimal, rounding: Rounding | None = None) -> Decimal:
    """Apply a rounding policy; ``None`` means exact cents (half up)."""
    if rounding is Rounding.EURO_DOWN:
        return value.quantize(Decimal(1), rounding=ROUND_DOWN)
    if rounding is Rounding.EURO_NEAREST:
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def prorata(
    annual: Decimal,
    *,
    months: int | None = None,
    days: int | None = None,
    days_in_year: int = 365,
    rounding: Rounding | None = None,
) -> Decimal:
    """The share of a full-year amount for some months (out of 12) or days."""
    if months is not None:
        return round_amount(annual * months / 12, rounding)
    if days is not None:
        return round_amount(annual * days / days_in_year, rounding)
    raise ValueError("prorata : indiquer des mois ou des jours")


def split(total: Decimal, percents: list[Decimal]) -> list[Decimal]:
    """Instalment amounts; when the percents make 100 %, the last absorbs the rounding."""
    amounts = [round_amount(total * p / 100) for p in percents]
    if amounts and sum(percents) == 100:
        amounts[-1] = total - sum(amounts[:-1])
    return amounts


def _months_financed(year: int, start: date | None, end: date | None) -> int:
    first = start.month if start and start.year == year else 1
    last = end.month if end and end.year == year else 12
    return max(0, last - first + 1)


def _days_financed(year: int, start: date | None, end: date | None) -> tuple[int, int]:
    """Days of ``year`` inside the convention, and the number of days of that year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    inside = (min(end or last, last) - max(start or first, first)).days + 1
    return max(0, inside), (last - first).days + 1


@dataclass(frozen=True)
class YearAmount:
    """The sum for one budget year: as stated, as computed, and how it was computed."""

    year: int
    amount: Decimal
    stated: Decimal | None
    computed: Decimal | None
    exact: Decimal | None
    months: int | None
    how: str

    @property
    def differs(self) -> bool:
        """The stated amount is not the exact prorata (to the cent)."""
        return self.stated is not None and self.exact is not None and self.stated != self.exact

    @property
    def difference(self) -> str | None:
        """French note when the stated amount is not the exact prorata, naming the rounding seen.

        >>> YearAmount(2012, Decimal("1666"), Decimal("1666"), None, Decimal("1666.67"), 2, "").difference
        'prorata exact : 1 666,67 € ; montant indiqué : 1 666,00 €, tronqué à l’euro'
        """
        if not self.differs or self.stated is None or self.exact is None:
            return None
        note = (
            f"prorata exact : {format_amount_fr(self.exact)} ; "
            f"montant indiqué : {format_amount_fr(self.stated)}"
        )
        for policy in (Rounding.EURO_DOWN, Rounding.EURO_NEAREST):
            if round_amount(self.exact, policy) == self.stated:
                return f"{note}, {policy.label.replace(chr(39), '’')}"
        return f"{note}, écart de {format_amount_fr(abs(self.stated - self.exact))}"


def year_amounts(
    grant: Grant, start: date | None = None, end: date | None = None
) -> list[YearAmount]:
    """Amount per budget year: stated where written, else computed from the full-year amount.

    The years are those listed in the grant, or every year from ``start`` to ``end`` when
    the grant has a full-year amount and lists none.
    """
    listed = list(grant.years)
    if not listed and grant.annual_amount is not None and start and end:
        listed = [GrantYear(year=y) for y in range(start.year, end.year + 1)]
    rounding = grant.prorata.rounding if grant.prorata else None
    result = []
    for item in listed:
        exact = computed = None
        months = item.months
        how = "montant indiqué par la convention"
        if grant.annual_amount is not None:
            basis = grant.prorata.basis if grant.prorata else None
            if basis is ProrataBasis.DAYS and months is None:
                days, in_year = _days_financed(item.year, start, end)
                if 0 < days < in_year:
                    exact = prorata(grant.annual_amount, days=days, days_in_year=in_year)
                    computed = prorata(
                        grant.annual_amount, days=days, days_in_year=in_year, rounding=rounding
                    )
                    how = f"prorata de {days} jours sur {in_year} du montant en année pleine"
                    value = item.amount if item.amount is not None else computed
                    result.append(
                        YearAmount(item.year, value, item.amount, computed, exact, None, how)
                    )
                    continue
            if months is None and basis is ProrataBasis.MONTHS:
                counted = _months_financed(item.year, start, end)
                months = counted if 0 < counted < 12 else None
            if months is None or months >= 12:
                exact = computed = grant.annual_amount
                how = "montant en année pleine"
            else:
                exact = prorata(grant.annual_amount, months=months)
                computed = prorata(grant.annual_amount, months=months, rounding=rounding)
                how = f"prorata de {months} mois sur 12 du montant en année pleine"
        amount = item.amount if item.amount is not None else computed
        if amount is None:
            continue
        result.append(YearAmount(item.year, amount, item.amount, computed, exact, months, how))
    return result


@dataclass(frozen=True)
class Balance:
    """Money expected and paid for one grant up to a date, and what remains or is overpaid."""

    grant: str
    expected: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.expected - self.paid, Decimal(0))

    @property
    def overpaid(self) -> Decimal:
        """Paid beyond the grant: a finding for the checker, a refund to claim."""
        return max(self.paid - self.expected, Decimal(0))


def stated_total(grant: Grant) -> Decimal | None:
    """The grant's amount as a register states it: its total, else the sum of its years'
    amounts, else its annual amount; ``None`` when the convention gives none.

    >>> stated_total(Grant(years=[GrantYear(year=2026, amount=Decimal("12500"))]))
    Decimal('12500.00')
    """
    if grant.total_amount is not None:
        return grant.total_amount
    stated = [year.amount for year in grant.years if year.amount is not None]
    if stated:
        return sum(stated, Decimal(0))
    return grant.annual_amount
