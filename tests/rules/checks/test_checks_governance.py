"""governance.*: committees that unlock payments have a cadence; milestones inside the term."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pacte.rules.checks import Finding, Severity

Codes = Callable[[dict[str, Any]], list[str]]
Found = Callable[[dict[str, Any], str], Finding]


def test_approving_committee_without_cadence(data: dict[str, Any], found: Found) -> None:
    data["governing_bodies"][0].pop("cadence")
    finding = found(data, "governance.approval_without_cadence")
    assert finding.severity is Severity.WARNING
    assert "attend l'approbation du comité de pilotage" in finding.message
    assert finding.location.path == "governing_bodies[0].cadence"


def test_approving_committee_meeting_as_needed(data: dict[str, Any], found: Found) -> None:
    data["governing_bodies"][0]["cadence"] = {"frequency": "as_needed"}
    assert "tant que de besoin" in found(data, "governance.approval_without_cadence").message


def test_approval_trigger_names_the_body(data: dict[str, Any], codes: Codes) -> None:
    data["governing_bodies"][0].pop("cadence")
    data["grants"][0]["instalments"][1]["trigger"] = {"kind": "on_approval", "body": "copil"}
    assert codes(data) == ["governance.approval_without_cadence"]


def test_committee_without_cadence_that_unlocks_nothing(data: dict[str, Any], codes: Codes) -> None:
    data["governing_bodies"].append({"key": "technique", "name": "comité technique"})
    assert codes(data) == []


def _step_due(data: dict[str, Any], due: str) -> None:
    data["workstreams"][0]["steps"][0]["milestone"] = {"due": due, "quote": "d'ici mi-2027"}


def test_milestone_after_the_end(data: dict[str, Any], found: Found) -> None:
    _step_due(data, "2027-06-30")
    finding = found(data, "governance.milestone_after_end")
    assert "échéance le 30 juin 2027, après la fin de la convention le 31 mars 2027" in (
        finding.message
    )
    assert finding.location.quote == "d'ici mi-2027"


def test_milestone_within_the_term(data: dict[str, Any], codes: Codes) -> None:
    _step_due(data, "2027-03-31")
    assert codes(data) == []


@pytest.mark.parametrize("kind", ["tacit"])
def test_milestone_after_the_first_period_of_a_tacit_renewal(
    data: dict[str, Any], codes: Codes, kind: str
) -> None:
    data["renewal"] = {"kind": kind}
    _step_due(data, "2027-06-30")
    assert codes(data) == []


def test_milestone_of_an_unsigned_convention_starting_on_signature(
    data: dict[str, Any], codes: Codes
) -> None:
    data["term"] = {"start_rule": "on_signature", "duration": {"value": 1, "unit": "year"}}
    data.pop("signed_on")
    data["signatures"] = []
    _step_due(data, "2030-06-30")
    assert codes(data) == []
