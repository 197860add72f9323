"""``pacte check``: the findings of the consistency checker on a file or a stored convention."""

from __future__ import annotations

import argparse
import json

from pacte.rules.checks import Finding, Severity, check
from pacte.terms import Convention


def _count(findings: list[Finding], severity: Severity) -> str:
    number = sum(1 for f in findings if f.severity is severity)
    word = severity.label if number < 2 else f"{severity.label}s"
    return f"{number} {word}"


def render_findings(terms: Convention, findings: list[Finding]) -> str:
    """French text: a summary line, then the findings grouped under their severity."""
    lines = [f"Contrôle de « {terms.reference} » : {terms.title}"]
    if not findings:
        lines.append("Aucune incohérence relevée.")
        return "\n".join(lines) + "\n"
    lines.append(", ".join(_count(findings, s) for s in Severity) + ".")
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        lines += ["", severity.heading]
        for finding in group:
            lines.append(f"- {finding.location.label} : {finding.message} [{finding.code}]")
    return "\n".join(lines) + "\n"


def run_check(terms: Convention, args: argparse.Namespace) -> int:
    """Print the findings; the exit status is 1 when one of them is an error."""
    findings = check(terms)
    if args.json:
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        print(render_findings(terms, findings), end="")
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0
