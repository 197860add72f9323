from pacte.conventions.models.actions import ActionSheet, BudgetLine, SheetCommitment
from pacte.conventions.models.convention import (
    Article,
    ArticleSection,
    Commitment,
    CommunicationDuty,
    Convention,
    Party,
    Signature,
)
from pacte.conventions.models.finance import Grant, GrantYear, Instalment, SupportingDocument
from pacte.conventions.models.governance import (
    BodyMember,
    GoverningBody,
    ReportingDuty,
    Step,
    Workstream,
)

__all__ = [
    "ActionSheet",
    "Article",
    "ArticleSection",
    "BodyMember",
    "BudgetLine",
    "Commitment",
    "CommunicationDuty",
    "Convention",
    "GoverningBody",
    "Grant",
    "GrantYear",
    "Instalment",
    "Party",
    "ReportingDuty",
    "SheetCommitment",
    "Signature",
    "Step",
    "SupportingDocument",
    "Workstream",
]
