"""duration.*: stated length, end before start, notice against the period, renewal, no term."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pacte.rules.checks import Finding, Severity

Codes = Callable[[dict[str, Any]], list[str]]
Found = Callable[[dict[str, Any], str], Finding]


def test_stated_duration_disagreeing_with_the_dates(data: dict[str, Any], found: Found) -> None:
    data["term"]["duration"] = {"value": 2, "unit": "year"}
    finding = found(data, "duration.stated_mismatch")
    assert finding.severity is Severity.WARNING
    assert "la convention dure 12 mois" in finding.message
    assert "sur deux exercices budgétaires (2026 et 2027)" in finding.message
    assert "elle finirait le 31 mars 2028" in finding.message


def test_stated_duration_agreeing_with_the_dates(data: dict[str, Any], codes: Codes) -> None:
    data["term"]["duration"] = {"value": 12, "unit": "month"}
    assert codes(data) == []


def test_unsigned_convention_starting_on_signature_is_not_guessed(
    data: dict[str, Any], codes: Codes
) -> None:
    data["term"] = {"start_rule": "on_signature", "duration": {"value": 2, "unit": "year"}}
    data["term"]["end"] = "2027-03-31"
    data.pop("signed_on")
    data["signatures"] = []
    assert codes(data) == []


def test_signed_after_the_end(data: dict[str, Any], codes: Codes, found: Found) -> None:
    data["term"] = {"start_rule": "on_signature", "end": "2027-03-31"}
    data["signed_on"] = "2027-05-02"
    data["signatures"] = []
    assert codes(data) == ["duration.end_before_start"]
    finding = found(data, "duration.end_before_start")
    assert finding.severity is Severity.ERROR
    assert "prend effet à sa signature, le 2 mai 2027" in finding.message


def test_signed_before_the_end(data: dict[str, Any], codes: Codes) -> None:
    data["term"] = {"start_rule": "on_signature", "end": "2027-03-31"}
    assert codes(data) == []


def test_notice_as_long_as_the_period(data: dict[str, Any], found: Found) -> None:
    data["termination"]["notice"] = {"value": 12, "unit": "month"}
    finding = found(data, "duration.notice_exceeds_period")
    assert finding.severity is Severity.ERROR
    assert "(12 mois)" in finding.message


def test_notice_longer_than_a_tacit_renewal_period_without_dates(
    data: dict[str, Any], found: Found
) -> None:
    data["term"] = {"start_rule": "on_signature", "duration": {"value": 1, "unit": "year"}}
    data.pop("signed_on")
    data["signatures"] = []
    data["renewal"] = {"kind": "tacit", "period": {"value": 6, "unit": "month"}}
    data["termination"]["notice"] = {"value": 6, "unit": "month"}
    assert (
        "chaque période de reconduction (6 mois)"
        in found(data, "duration.notice_exceeds_period").message
    )


def test_notice_shorter_than_the_period(data: dict[str, Any], codes: Codes) -> None:
    data["termination"]["notice"] = {"value": 11, "unit": "month"}
    assert codes(data) == []


def test_tacit_renewal_without_notice(data: dict[str, Any], codes: Codes) -> None:
    data["renewal"] = {"kind": "tacit"}
    data.pop("termination")
    assert codes(data) == ["duration.tacit_without_notice"]


def test_tacit_renewal_with_notice(data: dict[str, Any], codes: Codes) -> None:
    data["renewal"] = {"kind": "tacit"}
    assert codes(data) == []


def test_no_term_at_all(data: dict[str, Any], found: Found) -> None:
    data.pop("term")
    assert found(data, "duration.missing").location.path == "term"


def test_a_start_without_duration_or_end(data: dict[str, Any], codes: Codes) -> None:
    data["term"] = {"start_rule": "on_signature"}
    assert codes(data) == ["duration.missing"]
