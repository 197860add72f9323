"""The named rules of the checker and what every rule is given to work on.

A rule is one small function registered under a stable code with its severity; it
yields ``(message, location)`` pairs and the registry turns them into findings, so a
code always has the same severity.

>>> from pacte.rules.checks import RULES
>>> RULES["numbering.article_missing"].severity.label
'avertissement'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from pacte.rules.checks.findings import Finding, Location, Severity
from pacte.rules.money import YearAmount, year_amounts
from pacte.rules.term import add_length
from pacte.terms import Convention, Grant, StartRule

Hit = tuple[str, Location]
"""What a rule yields: the French message and where."""

RuleFunction = Callable[["Context"], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    """A named check: ``code`` is stable (tests, documentation and users rely on it)."""

    code: str
    severity: Severity
    summary: str
    """What the rule checks, in French, for the documentation and the help."""
    function: RuleFunction

    def run(self, context: Context) -> list[Finding]:
        return [
            Finding(code=self.code, severity=self.severity, message=message, location=location)
            for message, location in self.function(context)
        ]


RULES: dict[str, Rule] = {}
"""Every rule, by code, in the order the modules register them."""


def rule(code: str, severity: Severity, summary: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``code``; a code is registered once."""

    def register(function: RuleFunction) -> RuleFunction:
        known = RULES.get(code)
        # a module imported a second time (doctest collection) registers the same function
        if known is not None and known.function.__qualname__ != function.__qualname__:
            raise ValueError(f"règle {code} déclarée deux fois")
        RULES.setdefault(code, Rule(code, severity, summary, function))
        return function

    return register


def signature_date(terms: Convention) -> date | None:
    """When the convention was signed: ``signed_on``, else the last of the dated signatures.

    A convention is signed when every party has signed: if one signature is undated, the
    date is unknown.
    """
    if terms.signed_on is not None:
        return terms.signed_on
    dates = [s.date for s in terms.signatures]
    if dates and all(d is not None for d in dates):
        return max(d for d in dates if d is not None)
    return None


class Context:
    """The terms and what can be known from them without guessing.

    ``start`` and ``end`` are ``None`` when they cannot be computed (a convention that
    starts on signature and is not signed yet): rules that need them then say nothing.
    """

    def __init__(self, terms: Convention, on: date | None = None) -> None:
        self.terms = terms
        self.on = on
        self.signed_on = signature_date(terms)
        self.start = self._start()
        self.end = self._end()

    def _start(self) -> date | None:
        term = self.terms.term
        if term is None:
            return None
        if term.start_rule is StartRule.FIXED_DATE:
            return term.start
        if term.start_rule is StartRule.ON_SIGNATURE:
            return self.signed_on
        return term.start

    def _end(self) -> date | None:
        term = self.terms.term
        if term is None:
            return None
        if term.end is not None:
            return term.end
        if self.start is not None and term.duration is not None:
            return add_length(self.start, term.duration) - timedelta(days=1)
        return None

    def year_amounts(self, grant: Grant) -> list[YearAmount]:
        return year_amounts(grant, self.start, self.end)

    def legal_day(self) -> date | None:
        """The day legal parameters are read on: the signature, else the first financed year.

        Then the start of the convention, then the date the check is made ``on``.
        """
        if self.signed_on is not None:
            return self.signed_on
        years = [item.year for grant in self.terms.grants for item in grant.years]
        if years:
            return date(min(years), 1, 1)
        return self.start or self.on
