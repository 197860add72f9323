"""Closed vocabularies of the terms, with their French labels.

Keys are English (stored, serialised); ``label`` is what a user reads.

>>> PartyRole.BENEFICIARY.label
'bénéficiaire'
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a French label."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value)


class OrganisationKind(LabelledEnum):
    COMMUNE = "commune"
    DEPARTEMENT = "departement"
    REGION = "region"
    EPCI = "epci"
    STATE = "state"
    ASSOCIATION = "association"
    CRESS = "cress"
    COOPERATIVE = "cooperative"
    MUTUAL = "mutual"
    FOUNDATION = "foundation"
    COMPANY = "company"
    OTHER = "other"


class PartyRole(LabelledEnum):
    PUBLIC_AUTHORITY = "public_authority"
    BENEFICIARY = "beneficiary"
    OTHER = "other"


class MandateKind(LabelledEnum):
    DELIBERATION = "deliberation"
    BOARD_DECISION = "board_decision"
    DELEGATION = "delegation"
    STATUTES = "statutes"


class Unit(LabelledEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class StartRule(LabelledEnum):
    ON_SIGNATURE = "on_signature"
    FIXED_DATE = "fixed_date"
    ON_NOTIFICATION = "on_notification"


class RenewalKind(LabelledEnum):
    TACIT = "tacit"
    EXPRESS = "express"
    NONE = "none"


class NoticeForm(LabelledEnum):
    REGISTERED_LETTER = "registered_letter"
    LETTER = "letter"
    ANY = "any"


class GrantKind(LabelledEnum):
    OPERATING = "operating"
    PROJECT = "project"
    INVESTMENT = "investment"


class ProrataBasis(LabelledEnum):
    MONTHS = "months"
    DAYS = "days"


class Rounding(LabelledEnum):
    CENTS = "cents"
    EURO_DOWN = "euro_down"
    EURO_NEAREST = "euro_nearest"


class InstalmentKind(LabelledEnum):
    SINGLE = "single"
    ADVANCE = "advance"
    INTERIM = "interim"
    BALANCE = "balance"


class TriggerKind(LabelledEnum):
    ON_SIGNATURE = "on_signature"
    ON_DOCUMENTS = "on_documents"
    ON_APPROVAL = "on_approval"
    ON_DATE = "on_date"


class DocumentKind(LabelledEnum):
    ACTIVITY_REPORT = "activity_report"
    MINUTES = "minutes"
    FINANCIAL_REPORT = "financial_report"
    ACCOUNTS = "accounts"
    BUDGET = "budget"
    INVOICES = "invoices"
    OTHER = "other"


class BodyKind(LabelledEnum):
    STEERING = "steering"
    POLITICAL = "political"
    TECHNICAL = "technical"
    SELECTION = "selection"


class Frequency(LabelledEnum):
    YEARLY = "yearly"
    HALF_YEARLY = "half-yearly"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    AS_NEEDED = "as_needed"


class CadenceBasis(LabelledEnum):
    CONVENTION_YEAR = "convention_year"
    CALENDAR_YEAR = "calendar_year"


class BudgetSide(LabelledEnum):
    EXPENSE = "expense"
    REVENUE = "revenue"


class AttendanceStatus(LabelledEnum):
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"


class VoteResult(LabelledEnum):
    UNANIMOUS = "unanimous"
    MAJORITY = "majority"
    REJECTED = "rejected"


_LABELS: dict[StrEnum, str] = {
    OrganisationKind.COMMUNE: "commune",
    OrganisationKind.DEPARTEMENT: "département",
    OrganisationKind.REGION: "région",
    OrganisationKind.EPCI: "EPCI",
    OrganisationKind.STATE: "État",
    OrganisationKind.ASSOCIATION: "association",
    OrganisationKind.CRESS: "chambre régionale de l'ESS",
    OrganisationKind.COOPERATIVE: "coopérative",
    OrganisationKind.MUTUAL: "mutuelle",
    OrganisationKind.FOUNDATION: "fondation",
    OrganisationKind.COMPANY: "entreprise",
    OrganisationKind.OTHER: "autre",
    PartyRole.PUBLIC_AUTHORITY: "collectivité publique",
    PartyRole.BENEFICIARY: "bénéficiaire",
    PartyRole.OTHER: "autre partie",
    MandateKind.DELIBERATION: "délibération",
    MandateKind.BOARD_DECISION: "décision du conseil d'administration",
    MandateKind.DELEGATION: "délégation",
    MandateKind.STATUTES: "statuts",
    Unit.YEAR: "an",
    Unit.MONTH: "mois",
    Unit.DAY: "jour",
    StartRule.ON_SIGNATURE: "à la signature",
    StartRule.FIXED_DATE: "à date fixe",
    StartRule.ON_NOTIFICATION: "à la notification",
    RenewalKind.TACIT: "reconduction tacite",
    RenewalKind.EXPRESS: "reconduction expresse",
    RenewalKind.NONE: "sans reconduction",
    NoticeForm.REGISTERED_LETTER: "lettre recommandée avec accusé de réception",
    NoticeForm.LETTER: "lettre simple",
    NoticeForm.ANY: "toute forme",
    GrantKind.OPERATING: "subvention de fonctionnement",
    GrantKind.PROJECT: "subvention de projet",
    GrantKind.INVESTMENT: "subvention d'investissement",
    ProrataBasis.MONTHS: "au mois",
    ProrataBasis.DAYS: "au jour",
    Rounding.CENTS: "au centime",
    Rounding.EURO_DOWN: "tronqué à l'euro",
    Rounding.EURO_NEAREST: "arrondi à l'euro le plus proche",
    InstalmentKind.SINGLE: "versement unique",
    InstalmentKind.ADVANCE: "acompte",
    InstalmentKind.INTERIM: "versement intermédiaire",
    InstalmentKind.BALANCE: "solde",
    TriggerKind.ON_SIGNATURE: "à la signature",
    TriggerKind.ON_DOCUMENTS: "sur pièces justificatives",
    TriggerKind.ON_APPROVAL: "après approbation d'une instance",
    TriggerKind.ON_DATE: "à date fixe",
    DocumentKind.ACTIVITY_REPORT: "bilan d'activité",
    DocumentKind.MINUTES: "procès-verbal",
    DocumentKind.FINANCIAL_REPORT: "compte rendu financier",
    DocumentKind.ACCOUNTS: "comptes annuels",
    DocumentKind.BUDGET: "budget prévisionnel",
    DocumentKind.INVOICES: "factures",
    DocumentKind.OTHER: "autre pièce",
    BodyKind.STEERING: "comité de pilotage",
    BodyKind.POLITICAL: "comité de pilotage politique",
    BodyKind.TECHNICAL: "comité technique",
    BodyKind.SELECTION: "comité de sélection",
    Frequency.YEARLY: "une fois par an",
    Frequency.HALF_YEARLY: "deux fois par an",
    Frequency.QUARTERLY: "une fois par trimestre",
    Frequency.MONTHLY: "une fois par mois",
    Frequency.AS_NEEDED: "tant que de besoin",
    CadenceBasis.CONVENTION_YEAR: "par année de convention",
    CadenceBasis.CALENDAR_YEAR: "par année civile",
    BudgetSide.EXPENSE: "dépense",
    BudgetSide.REVENUE: "recette",
    AttendanceStatus.PRESENT: "présent",
    AttendanceStatus.EXCUSED: "excusé",
    AttendanceStatus.ABSENT: "absent",
    VoteResult.UNANIMOUS: "à l'unanimité",
    VoteResult.MAJORITY: "à la majorité",
    VoteResult.REJECTED: "rejeté",
}
