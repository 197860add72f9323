"""The registry: stable codes, severities, sorting, documentation, no literal threshold."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from pacte.rules.checks import RULES, Finding, Location, Severity

ROOT = Path(__file__).resolve().parents[3]
CHECKS = ROOT / "src" / "pacte" / "rules" / "checks"
DOC = (ROOT / "docs" / "controles.md").read_text(encoding="utf-8")

REQUIRED = {
    "numbering.article_missing",
    "numbering.article_repeated",
    "numbering.action_sheet_missing",
    "numbering.action_sheet_unreferenced",
    "duration.stated_mismatch",
    "duration.end_before_start",
    "duration.notice_exceeds_period",
    "duration.tacit_without_notice",
    "duration.missing",
    "money.instalments_total",
    "money.prorata_rounded",
    "money.deliberation_amount",
    "money.budget_unbalanced",
    "money.grant_total_mismatch",
    "parties.name_mismatch",
    "parties.mandate_missing",
    "parties.mandate_after_signature",
    "legal.purpose_missing",
    "legal.amount_missing",
    "legal.conditions_missing",
    "legal.financial_report_missing",
    "governance.approval_without_cadence",
    "governance.milestone_after_end",
}


def test_every_rule_of_the_issue_exists() -> None:
    assert set(RULES) >= REQUIRED


@pytest.mark.parametrize("code", sorted(RULES))
def test_code_names_its_module(code: str) -> None:
    module, name = code.split(".")
    assert re.fullmatch(r"[a-z_]+", name)
    assert RULES[code].function.__module__.endswith(f".{module}")


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented_with_its_severity(code: str) -> None:
    line = next((li for li in DOC.splitlines() if f"`{code}`" in li), None)
    assert line is not None, f"{code} absent de docs/controles.md"
    assert RULES[code].severity.label in line


def test_severity_labels_are_french() -> None:
    assert [s.label for s in Severity] == ["erreur", "avertissement", "information"]
    assert [s.heading for s in Severity] == ["Erreurs", "Avertissements", "Informations"]


def test_finding_is_frozen_and_serialises_its_short_location() -> None:
    finding = Finding("money.prorata_rounded", Severity.INFO, "…", Location(path="grants[0]"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.code = "autre"  # type: ignore[misc]
    assert finding.as_json() == {
        "code": "money.prorata_rounded",
        "severity": "info",
        "message": "…",
        "location": "subvention 1",
        "path": "grants[0]",
    }


def test_locations_sort_articles_by_number_then_sheets_then_paths() -> None:
    places = [
        Location(path="signatures[0]"),
        Location(action_sheet=2),
        Location(article="X"),
        Location(article="II.1"),
        Location(article="9"),
    ]
    ordered = sorted(places, key=lambda p: p.sort_key)
    assert [p.label for p in ordered] == [
        "article II.1",
        "article 9",
        "article X",
        "fiche action 2",
        "signature 1",
    ]


def test_legal_values_are_parameters_not_literals() -> None:
    for path in CHECKS.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"23[\s_ ]?000", text), path.name
