"""Amounts per year, prorata by months or days, balances and overpayment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pacte.rules.events import Events, Payment
from pacte.rules.money import prorata, year_amounts
from pacte.rules.obligations import balances
from pacte.terms import Convention, Grant, Rounding


def test_bas_rhin_years_with_exact_prorata(bas_rhin: Convention) -> None:
    first, second, third = year_amounts(bas_rhin.grants[0], date(2012, 11, 1), date(2014, 12, 31))
    assert (first.amount, first.exact, first.months) == (Decimal("1666"), Decimal("1666.67"), 2)
    assert first.difference.endswith("tronqué à l’euro")
    assert (second.amount, third.amount) == (Decimal("10000"), Decimal("10000"))
    assert not second.differs


def test_stated_rounding_policy_is_applied() -> None:
    grant = Grant(annual_amount="10000", prorata={"basis": "months", "rounding": "euro_down"})
    (first, second) = year_amounts(grant, date(2012, 11, 1), date(2013, 12, 31))
    assert first.amount == Decimal("1666")
    assert second.amount == Decimal("10000")
    assert prorata(Decimal("10000"), months=2, rounding=Rounding.EURO_NEAREST) == Decimal("1667")


def test_prorata_by_days_in_a_leap_year() -> None:
    grant = Grant(annual_amount="36600", prorata={"basis": "days"})
    (first, second) = year_amounts(grant, date(2024, 12, 2), date(2025, 12, 31))
    assert first.amount == Decimal("3000.00")  # 30 days out of 366
    assert "30 jours sur 366" in first.how
    assert second.amount == Decimal("36600")


def test_balance_and_overpayment(dijon: Convention) -> None:
    signed = (date(2009, 5, 15),)
    (balance,) = balances(dijon, Events(signatures=signed), until=date(2010, 1, 1))
    assert (balance.expected, balance.paid, balance.remaining) == (
        Decimal("4000"),
        0,
        Decimal("4000"),
    )
    paid = Events(
        signatures=signed, payments=(Payment(on=date(2009, 5, 20), amount=Decimal("2800")),)
    )
    assert balances(dijon, paid, until=date(2010, 1, 1))[0].remaining == Decimal("1200")
    too_much = Events(
        signatures=signed,
        payments=(
            Payment(on=date(2009, 5, 20), amount=Decimal("2800")),
            Payment(on=date(2010, 6, 1), amount=Decimal("1500")),
        ),
    )
    (balance,) = balances(dijon, too_much, until=date(2010, 12, 31))
    assert (balance.remaining, balance.overpaid) == (Decimal("0"), Decimal("300"))


def test_balance_counts_the_years_up_to_the_date(bas_rhin: Convention) -> None:
    (balance,) = balances(bas_rhin, Events(), until=date(2013, 12, 31))
    assert balance.expected == Decimal("11666")
