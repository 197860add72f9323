"""Council session rules: scenarios as data (tests/rules/data/sessions.yaml) and the Dijon seed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from pacte.extraction.pipeline import extract_text
from pacte.rules.deliberations import (
    SESSION_RULES,
    executory_date,
    session_findings,
    session_summary,
)
from pacte.terms import Deliberation, Session

SCENARIOS = yaml.safe_load(
    (Path(__file__).parent / "data" / "sessions.yaml").read_text(encoding="utf-8")
)


def _case(scenario: dict[str, Any]) -> tuple[Session, Deliberation | None]:
    session = Session.model_validate(scenario["session"])
    act = scenario.get("deliberation")
    deliberation = Deliberation.model_validate({**act, "session": session}) if act else None
    return session, deliberation


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(scenario: dict[str, Any]) -> None:
    session, deliberation = _case(scenario)
    expected = scenario["expected"]

    summary = session_summary(session, deliberation)
    findings = session_findings(session, deliberation)

    assert sorted(f.code for f in findings) == sorted(expected["findings"])
    for name in ("present", "voters"):
        if name in expected:
            assert getattr(summary, name) == expected[name]
    for name, value in expected.get("quorum", {}).items():
        if name == "reference":
            assert summary.quorum.reference is not None
            assert summary.quorum.reference.text.startswith(value)
        else:
            assert getattr(summary.quorum, name) == value, name
    for name, value in expected.get("tally", {}).items():
        assert summary.tally is not None
        got = getattr(summary.tally, name)
        assert (got.value if hasattr(got, "value") else got) == value, name
    if "executory_on" in expected:
        assert summary.executory_on == expected["executory_on"]


def test_every_finding_code_has_a_scenario() -> None:
    covered = {code for s in SCENARIOS for code in s["expected"]["findings"]}
    assert set(SESSION_RULES) - covered == set()


def test_findings_are_french_and_located() -> None:
    session, _ = _case(next(s for s in SCENARIOS if s["name"] == "double pouvoir"))
    (double,) = [f for f in session_findings(session) if f.code == "session.proxy_double"]
    assert double.message.startswith("Abadie détient 2 pouvoirs")
    assert "L2121-20" in double.message
    assert double.location.label == "membre excusé 2"
    assert double.location.path == "session.excused[1].proxy_to"


def test_quorum_figure_summary_lines() -> None:
    session, deliberation = _case(SCENARIOS[1])
    lines = session_summary(session, deliberation).lines()
    assert lines[-3].startswith("Quorum : quorum non atteint : 3 présents pour 7 membres")
    assert lines[-1] == "Exécutoire : pas encore (publication et transmission requises)"


def test_executory_needs_both_dates() -> None:
    assert executory_date(None, date(2009, 4, 7)) is None
    assert executory_date(date(2009, 4, 9), date(2009, 4, 7)) == date(2009, 4, 9)
    assert executory_date(date(2009, 4, 1), date(2009, 4, 7)) == date(2009, 4, 7)


@pytest.mark.seeds
def test_dijon_session_from_the_seed(shared_seeds: Path) -> None:
    """The seed's session, through extraction: 53 present, 2 proxies, 55 votes, unanimous."""
    text = (shared_seeds / "000_79e629759667edb2.txt").read_text(encoding="utf-8")
    deliberation = extract_text(text).deliberation()
    assert deliberation is not None

    summary = session_summary(deliberation.session, deliberation)

    assert summary.date == date(2009, 3, 30)
    assert len(summary.present_names) == 51
    assert (summary.present, summary.excused, len(summary.proxies), summary.absent) == (53, 2, 2, 0)
    assert summary.voters == 55
    assert summary.quorum.reached is True
    assert (summary.quorum.in_office, summary.quorum.in_office_source) == (55, "membres listés")
    assert summary.quorum.required == 28
    assert summary.tally is not None
    assert summary.tally.result is not None and summary.tally.result.value == "unanimous"
    assert (summary.tally.votes_for, summary.tally.votes_against) == (55, 0)
    assert summary.executory_on == date(2009, 4, 9)
    findings = session_findings(deliberation.session, deliberation)
    assert [f.code for f in findings] == ["session.quorum_from_lists"]
