"""The typed description of a convention and of its authorising deliberation.

Plain Python (pydantic), no Django: it can be read, tested and reused alone.
"""

from pacte.terms.actions import ActionSheet, Budget, BudgetLine, SheetCommitment
from pacte.terms.base import Place, Quantity, format_amount_fr, format_date_fr, format_percent_fr
from pacte.terms.convention import (
    Article,
    ArticleSection,
    Commitment,
    CommunicationDuty,
    Convention,
    Renewal,
    Term,
    Termination,
    article_ordinal,
)
from pacte.terms.deliberation import (
    Decision,
    Deliberation,
    ExcusedMember,
    Session,
    StatedFigures,
    Vote,
)
from pacte.terms.enums import *  # noqa: F403
from pacte.terms.finance import (
    Grant,
    GrantYear,
    Instalment,
    ProrataRule,
    SupportingDocument,
    Trigger,
)
from pacte.terms.governance import (
    BodyMember,
    Cadence,
    GoverningBody,
    Milestone,
    ReportingDuty,
    Step,
    Workstream,
)
from pacte.terms.io import (
    Problem,
    TermsError,
    dump_convention_json,
    dump_convention_yaml,
    load_convention_json,
    load_convention_yaml,
)
from pacte.terms.parties import Address, Mandate, Organisation, Party, Person, Signature

__all__ = [
    "ActionSheet",
    "Address",
    "Article",
    "ArticleSection",
    "BodyMember",
    "Budget",
    "BudgetLine",
    "Cadence",
    "Commitment",
    "CommunicationDuty",
    "Convention",
    "Decision",
    "Deliberation",
    "ExcusedMember",
    "GoverningBody",
    "Grant",
    "GrantYear",
    "Instalment",
    "Mandate",
    "Milestone",
    "Organisation",
    "Party",
    "Person",
    "Place",
    "Problem",
    "ProrataRule",
    "Quantity",
    "Renewal",
    "ReportingDuty",
    "Session",
    "SheetCommitment",
    "Signature",
    "StatedFigures",
    "Step",
    "SupportingDocument",
    "Term",
    "Termination",
    "TermsError",
    "Trigger",
    "Vote",
    "Workstream",
    "article_ordinal",
    "dump_convention_json",
    "dump_convention_yaml",
    "format_amount_fr",
    "format_date_fr",
    "format_percent_fr",
    "load_convention_json",
    "load_convention_yaml",
]
