"""A small clean convention to vary, rule by rule: it yields no finding as it is."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from pacte.rules.checks import Finding, check
from pacte.terms import Convention

CLEAN: dict[str, Any] = {
    "reference": "essai-2026",
    "title": "Convention de partenariat entre la Ville de Lorval et les Jardins partagés",
    "parties": [
        {
            "key": "ville",
            "role": "public_authority",
            "organisation": {"name": "Ville de Lorval", "kind": "commune", "department": "56"},
            "designation": "la Ville",
            "representative": {"first_name": "Anne", "last_name": "Martin", "title": "Maire"},
            "capacity": "sa Maire",
            "mandate": {"kind": "deliberation", "body": "Conseil municipal", "date": "2026-03-02"},
        },
        {
            "key": "asso",
            "role": "beneficiary",
            "organisation": {
                "name": "Les Jardins partagés de Lorval",
                "short_name": "Les Jardins",
                "kind": "association",
            },
            "representative": {"first_name": "Paul", "last_name": "Le Gall"},
            "capacity": "son Président",
            "mandate": {"kind": "statutes"},
        },
    ],
    "objectives": ["faire vivre des jardins partagés dans les quartiers"],
    "articles": [
        {"number": "1", "title": "Objet"},
        {"number": "2", "title": "Engagements"},
        {"number": "3", "title": "Dispositions financières"},
        {"number": "4", "title": "Durée"},
    ],
    "commitments": [
        {
            "party": "asso",
            "text": "animer le jardin",
            "place": {"article": "2"},
            "action_sheets": [1],
        }
    ],
    "grants": [
        {
            "key": "subvention",
            "grantor": "ville",
            "beneficiary": "asso",
            "purpose": "animation des jardins partagés",
            "conditions_of_use": "employée aux seules actions des fiches annexées",
            "years": [{"year": 2026, "amount": 4000}],
            "instalments": [
                {"kind": "advance", "percent": 70, "trigger": {"kind": "on_signature"}},
                {
                    "kind": "balance",
                    "percent": 30,
                    "trigger": {
                        "kind": "on_documents",
                        "documents": [{"kind": "minutes", "approved_by": "copil"}],
                    },
                },
            ],
            "place": {"article": "3"},
        }
    ],
    "term": {
        "start_rule": "fixed_date",
        "start": "2026-04-01",
        "end": "2027-03-31",
        "duration": {"value": 1, "unit": "year"},
        "place": {"article": "4"},
    },
    "renewal": {"kind": "express"},
    "termination": {"notice": {"value": 3, "unit": "month"}},
    "governing_bodies": [
        {"key": "copil", "name": "comité de pilotage", "cadence": {"frequency": "yearly"}}
    ],
    "workstreams": [
        {
            "key": "a",
            "title": "Jardins",
            "steps": [{"number": 1, "title": "diagnostic", "milestone": {"due": "2026-12-31"}}],
            "place": {"article": "2"},
        }
    ],
    "action_sheets": [
        {
            "number": 1,
            "title": "Jardin du quartier",
            "budget": {
                "lines": [
                    {"side": "expense", "label": "Total des dépenses", "amount": 1000},
                    {"side": "revenue", "label": "Total des recettes", "amount": 1000},
                ]
            },
        }
    ],
    "signed_on": "2026-03-31",
    "signatures": [
        {"party": "ville", "party_name": "Ville de Lorval", "date": "2026-03-31"},
        {"party": "asso", "party_name": "Les Jardins partagés de Lorval", "date": "2026-03-31"},
    ],
}


@pytest.fixture
def data() -> dict[str, Any]:
    """A fresh copy of the clean convention, to change before checking it."""
    return copy.deepcopy(CLEAN)


def findings_of(data: dict[str, Any]) -> list[Finding]:
    return check(Convention.model_validate(data))


@pytest.fixture
def codes() -> Callable[[dict[str, Any]], list[str]]:
    """The codes found on a convention given as data."""

    def run(data: dict[str, Any]) -> list[str]:
        return [f.code for f in findings_of(data)]

    return run


@pytest.fixture
def found() -> Callable[[dict[str, Any], str], Finding]:
    """The only finding of a code on a convention given as data."""

    def run(data: dict[str, Any], code: str) -> Finding:
        matching = [f for f in findings_of(data) if f.code == code]
        assert len(matching) == 1, [f.code for f in findings_of(data)]
        return matching[0]

    return run
