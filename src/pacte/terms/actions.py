"""Action sheets (fiches actions) annexed to a convention, with their budgets.

>>> sheet = ActionSheet(number=2, title="Mois de l'ESS", budget=Budget(lines=[
...     BudgetLine(side="expense", label="Total des dépenses", amount="3000"),
...     BudgetLine(side="revenue", label="Total des recettes", amount="3000")]))
>>> sheet.budget.total_expenses
Decimal('3000.00')
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from pacte.terms.base import Amount, Key, TermsDate, TermsModel
from pacte.terms.enums import BudgetSide


class BudgetLine(TermsModel):
    """One line of a provisional budget: an expense or a revenue, with its funder."""

    side: BudgetSide
    label: str = Field(min_length=1)
    amount: Amount
    funder: str | None = None


class Budget(TermsModel):
    """A provisional budget; ``note`` holds what is said instead of figures."""

    lines: list[BudgetLine] = Field(default_factory=list)
    note: str | None = None

    @property
    def total_expenses(self) -> Decimal:
        return sum((li.amount for li in self.lines if li.side is BudgetSide.EXPENSE), Decimal(0))

    @property
    def total_revenues(self) -> Decimal:
        return sum((li.amount for li in self.lines if li.side is BudgetSide.REVENUE), Decimal(0))


class SheetCommitment(TermsModel):
    """What one party undertakes within an action sheet."""

    party: Key | None = None
    text: str = Field(min_length=1)


class ActionSheet(TermsModel):
    """A fiche action: an action with its objectives, public, form, partners, dates, budget."""

    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    objectives: list[str] = Field(default_factory=list)
    context: str | None = None
    description: str | None = None
    expected_results: list[str] = Field(default_factory=list)
    impacts: list[str] = Field(default_factory=list)
    target_public: str | None = None
    form: str | None = None
    partners: list[str] = Field(default_factory=list)
    period: str | None = None
    starts_on: TermsDate | None = None
    ends_on: TermsDate | None = None
    location: str | None = None
    commitments: list[SheetCommitment] = Field(default_factory=list)
    budget: Budget | None = None
    lead: Key | None = None
