"""The sample conventions shipped with Pacte are clean for the checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacte.rules.checks import Severity, check
from pacte.samples import sample_paths
from pacte.terms import load_convention_yaml

DEFECTIVE: dict[str, str] = {}
"""Samples with a known defect (code of the finding); none since the conditions of use of the
département sample were written."""


def _samples() -> list[object]:
    return [
        pytest.param(
            path,
            marks=pytest.mark.xfail(strict=True, reason=f"défaut signalé : {DEFECTIVE[path.name]}"),
            id=path.stem,
        )
        if path.name in DEFECTIVE
        else pytest.param(path, id=path.stem)
        for path in sample_paths()
    ]


@pytest.mark.parametrize("path", _samples())
def test_sample_has_no_error(path: Path) -> None:
    findings = check(load_convention_yaml(path.read_text(encoding="utf-8")))
    assert [f.code for f in findings if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("path", [p for p in sample_paths() if p.name not in DEFECTIVE])
def test_clean_sample_has_no_finding_at_all(path: Path) -> None:
    findings = check(load_convention_yaml(path.read_text(encoding="utf-8")))
    assert [f.code for f in findings] == []


def test_the_defective_sample_has_only_the_reported_defect() -> None:
    for name, code in DEFECTIVE.items():
        path = next(p for p in sample_paths() if p.name == name)
        findings = check(load_convention_yaml(path.read_text(encoding="utf-8")))
        assert [f.code for f in findings] == [code]
