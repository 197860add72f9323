"""The consistency checker: what a careful reader of a convention would point out.

Pure (no Django, no clock). Each rule is a small function registered under a stable code
(``numbering.article_missing``…) with its severity; ``check`` runs them all.

>>> from pacte.terms import Convention
>>> terms = Convention.model_validate({
...     "reference": "essai", "title": "Convention d'essai",
...     "parties": [{"key": "ville", "role": "public_authority",
...                  "organisation": {"name": "Ville de Lorval", "kind": "commune"}}],
...     "articles": [{"number": "1"}, {"number": "3"}],
...     "term": {"start_rule": "on_signature", "duration": {"value": 1, "unit": "year"}}})
>>> [(f.code, f.severity.label, f.location.label) for f in check(terms)]
[('numbering.article_missing', 'avertissement', 'article 3')]
>>> check(terms)[0].message.split(" : ")[1][:26]
"il n'y a pas d'article 2. "
"""

from __future__ import annotations

from datetime import date

from pacte.rules.checks import duration, governance, legal, money, numbering, parties
from pacte.rules.checks.findings import Finding, Location, Severity
from pacte.rules.checks.registry import RULES, Context, Rule, rule
from pacte.terms import Convention

MODULES = (numbering, duration, money, parties, legal, governance)
"""The rule modules, imported for the rules they register."""


def check(terms: Convention, *, on: date | None = None) -> list[Finding]:
    """Every finding on a convention, errors first, then by place in the document.

    ``on`` is only used to read dated legal values when the convention gives no date
    of its own (no signature, no financed year, no start); nothing reads a clock.
    """
    context = Context(terms, on)
    findings = [finding for item in RULES.values() for finding in item.run(context)]
    return sorted(findings, key=lambda f: (f.severity.rank, f.location.sort_key, f.code, f.message))


__all__ = ["MODULES", "RULES", "Finding", "Location", "Rule", "Severity", "check", "rule"]
