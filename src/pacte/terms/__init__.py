"""The typed description of a convention and of its authorising deliberation.

Plain Python (pydantic), no Django: it can be read, tested and reused alone.

The models are loaded on first use (``from pacte.terms import Convention`` loads them then):
a command that only needs the enumerations, the French forms (``pacte.terms.formats``) or
the SIRENE checksums (``pacte.terms.identifiers``) does not pay for building them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pacte.terms.enums import *  # noqa: F403

if TYPE_CHECKING:
    from pacte.terms.actions import ActionSheet, Budget, BudgetLine, SheetCommitment
    from pacte.terms.base import Place, Quantity
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
        CouncilSession,
        Decision,
        Deliberation,
        DeliberationItem,
        ExcusedMember,
        Member,
        Session,
        StatedFigures,
        Vote,
    )
    from pacte.terms.finance import (
        Grant,
        GrantYear,
        Instalment,
        ProrataRule,
        SupportingDocument,
        Trigger,
    )
    from pacte.terms.formats import format_amount_fr, format_date_fr, format_percent_fr
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
        dump_council_session_yaml,
        load_convention_json,
        load_convention_yaml,
        load_council_session_yaml,
    )
    from pacte.terms.parties import Address, Mandate, Organisation, Party, Person, Signature

_HOMES = {
    "ActionSheet": "actions",
    "Address": "parties",
    "Article": "convention",
    "ArticleSection": "convention",
    "BodyMember": "governance",
    "Budget": "actions",
    "BudgetLine": "actions",
    "Cadence": "governance",
    "Commitment": "convention",
    "CommunicationDuty": "convention",
    "Convention": "convention",
    "CouncilSession": "deliberation",
    "Decision": "deliberation",
    "Deliberation": "deliberation",
    "DeliberationItem": "deliberation",
    "ExcusedMember": "deliberation",
    "GoverningBody": "governance",
    "Grant": "finance",
    "GrantYear": "finance",
    "Instalment": "finance",
    "Mandate": "parties",
    "Member": "deliberation",
    "Milestone": "governance",
    "Organisation": "parties",
    "Party": "parties",
    "Person": "parties",
    "Place": "base",
    "Problem": "io",
    "ProrataRule": "finance",
    "Quantity": "base",
    "Renewal": "convention",
    "ReportingDuty": "governance",
    "Session": "deliberation",
    "SheetCommitment": "actions",
    "Signature": "parties",
    "StatedFigures": "deliberation",
    "Step": "governance",
    "SupportingDocument": "finance",
    "Term": "convention",
    "Termination": "convention",
    "TermsError": "io",
    "Trigger": "finance",
    "Vote": "deliberation",
    "Workstream": "governance",
    "article_ordinal": "convention",
    "dump_convention_json": "io",
    "dump_convention_yaml": "io",
    "dump_council_session_yaml": "io",
    "format_amount_fr": "formats",
    "format_date_fr": "formats",
    "format_percent_fr": "formats",
    "load_convention_json": "io",
    "load_convention_yaml": "io",
    "load_council_session_yaml": "io",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'pacte.terms' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pacte.terms.{home}"), name)
    globals()[name] = value
    return value


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
    "CouncilSession",
    "Decision",
    "Deliberation",
    "DeliberationItem",
    "ExcusedMember",
    "GoverningBody",
    "Grant",
    "GrantYear",
    "Instalment",
    "Mandate",
    "Member",
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
    "dump_council_session_yaml",
    "format_amount_fr",
    "format_date_fr",
    "format_percent_fr",
    "load_convention_json",
    "load_convention_yaml",
    "load_council_session_yaml",
]
