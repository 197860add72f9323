"""Money: grants, amounts per year, prorata, instalments and their triggers.

A grant is either stated per year (« 4 000 € pour 2009 ») or per full year with a
prorata rule for incomplete years (« 10 000 € en année pleine … pour 2012 … 1 666 € »).

>>> grant = Grant(annual_amount="10000", years=[GrantYear(year=2013)])
>>> grant.annual_amount
Decimal('10000.00')
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, model_validator

from pacte.terms.base import Amount, Key, Percent, Place, TermsDate, TermsModel
from pacte.terms.enums import (
    DocumentKind,
    GrantKind,
    InstalmentKind,
    ProrataBasis,
    Rounding,
    TriggerKind,
)
from pacte.terms.formats import format_percent_fr


class ProrataRule(TermsModel):
    """How an incomplete year is paid: by months or days, and how it is rounded.

    ``rounding`` is ``None`` when the convention does not say; the rules then use exact
    cents and report any difference with a stated amount.
    """

    basis: ProrataBasis = ProrataBasis.MONTHS
    rounding: Rounding | None = None


class GrantYear(TermsModel):
    """The sum granted for one budget year; ``amount`` is ``None`` when only implied.

    ``months`` is the number of months financed when the year is incomplete (« les deux
    derniers mois » → 2).
    """

    year: int = Field(ge=1900, le=2200)
    amount: Amount | None = None
    months: int | None = Field(default=None, ge=1, le=12)
    label: str | None = None


class SupportingDocument(TermsModel):
    """A document a party must provide, as the convention names it."""

    kind: DocumentKind
    label: str | None = None
    approved_by: Key | None = None
    """Governing body whose approval the document records (a PV approving the report)."""


class Trigger(TermsModel):
    """What makes an instalment payable."""

    kind: TriggerKind
    documents: list[SupportingDocument] = Field(default_factory=list)
    body: Key | None = None
    date: TermsDate | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Trigger:
        if self.kind is TriggerKind.ON_DATE and self.date is None:
            raise ValueError("un versement « à date fixe » doit indiquer sa date (champ date)")
        if self.kind is TriggerKind.ON_APPROVAL and self.body is None:
            raise ValueError(
                "un versement « après approbation » doit nommer l'instance (champ body)"
            )
        return self


class Instalment(TermsModel):
    """One payment of a grant: a percentage or a fixed amount, and its trigger."""

    kind: InstalmentKind = InstalmentKind.SINGLE
    percent: Percent | None = None
    amount: Amount | None = None
    trigger: Trigger
    year: int | None = Field(default=None, ge=1900, le=2200)

    @model_validator(mode="after")
    def _one_measure(self) -> Instalment:
        if self.percent is None and self.amount is None:
            raise ValueError("un versement indique un pourcentage (percent) ou un montant (amount)")
        return self


class Grant(TermsModel):
    """A subsidy granted by one party to another under the convention.

    ``earmarked`` marks a subsidy affectée to a given purpose (a financial report is
    then due within six months of the end of the financed year).
    """

    key: Key = "subvention"
    kind: GrantKind = GrantKind.OPERATING
    grantor: Key | None = None
    beneficiary: Key | None = None
    purpose: str | None = None
    earmarked: bool = False
    annual_amount: Amount | None = None
    total_amount: Amount | None = None
    prorata: ProrataRule | None = None
    years: list[GrantYear] = Field(default_factory=list)
    instalments: list[Instalment] = Field(default_factory=list)
    conditions_of_use: str | None = None
    renewal_condition: str | None = None
    renewal_documents: list[SupportingDocument] = Field(default_factory=list)
    scheme: str | None = None
    """The aid scheme (« dispositif d'aide ») the grant was decided under, e.g. a fund
    whose call for projects selected it; SCDL's ``dispositifAide``."""
    place: Place | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Grant:
        seen: set[int] = set()
        for item in self.years:
            if item.year in seen:
                raise ValueError(f"l'année {item.year} figure deux fois dans years")
            seen.add(item.year)
        totals: dict[int | None, Decimal] = {}
        for instalment in self.instalments:
            if instalment.percent is not None:
                totals[instalment.year] = (
                    totals.get(instalment.year, Decimal(0)) + instalment.percent
                )
        for year, total in totals.items():
            if total > 100:
                where = f" pour {year}" if year else ""
                raise ValueError(
                    f"les versements dépassent 100 % de la subvention{where} (total {format_percent_fr(total)})"
                )
        return self
