"""Legal content: above the dated threshold a convention states the purpose, amount and
conditions of use of the subsidy; an earmarked subsidy calls for a financial report.

The threshold and the delay are dated parameters (``pacte.rules.parameters``), read on the
day of the signature, else on 1 January of the first financed year.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from pacte.rules.checks.findings import Location, Severity, grant_label
from pacte.rules.checks.registry import Context, Hit, rule
from pacte.rules.checks.text import euros, fold
from pacte.rules.parameters import DatedValue, parameter
from pacte.terms import DocumentKind, Grant


@dataclass(frozen=True)
class _Above:
    """The threshold in force and the yearly sum that passes it."""

    threshold: DatedValue
    amount: Decimal
    year: int | None

    @property
    def why(self) -> str:
        when = f" en {self.year}" if self.year else ""
        return (
            f"La subvention ({euros(self.amount)}{when}) dépasse {euros(self.threshold.value)} "
            f"par an ({self.threshold.reference.text})"
        )


def _above_threshold(context: Context) -> _Above | None:
    day = context.legal_day()
    threshold = parameter("convention_threshold").at(day) if day else None
    if threshold is None:
        return None
    per_year: dict[int | None, Decimal] = {}
    for grant in context.terms.grants:
        amounts = context.year_amounts(grant)
        for item in amounts:
            per_year[item.year] = per_year.get(item.year, Decimal(0)) + item.amount
        if not amounts and grant.annual_amount is not None:
            per_year[None] = per_year.get(None, Decimal(0)) + grant.annual_amount
    if not per_year and context.terms.deliberation is not None:
        # no amount in the convention: what the assembly voted tells whether one is required
        decisions = context.terms.deliberation.decisions
        voted = sum((d.amount for d in decisions if d.amount is not None), Decimal(0))
        per_year = {None: voted}
    if not per_year:
        return None
    year, most = max(per_year.items(), key=lambda pair: pair[1])
    return _Above(threshold, most, year) if most > threshold.value else None


def _grant_location(grant: Grant, index: int, field: str) -> Location:
    return Location(
        article=grant.place.article if grant.place else None, path=f"grants[{index}].{field}"
    )


def _grant_has_amount(grant: Grant) -> bool:
    return (
        grant.annual_amount is not None
        or grant.total_amount is not None
        or any(item.amount is not None for item in grant.years)
    )


def _states_purpose(context: Context) -> bool:
    """The convention states its object: objectives, or an article « Objet … »."""
    terms = context.terms
    return bool(terms.objectives) or any(
        article.title and "objet" in fold(article.title).split() for article in terms.articles
    )


@rule(
    "legal.purpose_missing",
    Severity.ERROR,
    "au-delà du seuil légal, la convention ne dit pas l'objet de la subvention",
)
def purpose_missing(context: Context) -> Iterator[Hit]:
    above = _above_threshold(context)
    if above is None or _states_purpose(context):
        return
    for index, grant in enumerate(context.terms.grants):
        if grant.purpose is None:
            yield (
                f"{above.why} : la convention doit en définir l'objet, et elle ne "
                f"le fait pas pour la {grant_label(grant, context.terms.grants)}. Ajouter ce que la subvention "
                "finance (activité, programme, action).",
                _grant_location(grant, index, "purpose"),
            )


@rule(
    "legal.amount_missing",
    Severity.ERROR,
    "au-delà du seuil légal (montant voté), la convention n'indique pas le montant de la subvention",
)
def amount_missing(context: Context) -> Iterator[Hit]:
    above = _above_threshold(context)
    if above is None:
        return
    grants = context.terms.grants
    if not grants:
        yield (
            f"{above.why} : la convention doit en indiquer le montant, mais elle "
            "ne décrit aucune subvention. Ajouter un article financier (montant, années, "
            "versements).",
            Location(path="grants"),
        )
    for index, grant in enumerate(grants):
        if not _grant_has_amount(grant):
            yield (
                f"{above.why} : la convention doit en indiquer le montant, et "
                f"elle ne le fait pas pour la {grant_label(grant, context.terms.grants)}. Écrire le montant "
                "(par an, ou pour chaque année).",
                _grant_location(grant, index, "years"),
            )


@rule(
    "legal.conditions_missing",
    Severity.ERROR,
    "au-delà du seuil légal, la convention ne dit pas les conditions d'utilisation de la subvention",
)
def conditions_missing(context: Context) -> Iterator[Hit]:
    above = _above_threshold(context)
    if above is None:
        return
    for index, grant in enumerate(context.terms.grants):
        if grant.conditions_of_use is None:
            yield (
                f"{above.why} : la convention doit en préciser les conditions "
                f"d'utilisation, et elle ne le fait pas pour la {grant_label(grant, context.terms.grants)}. "
                "Ajouter une clause : à quoi la subvention est employée, les justificatifs à "
                "fournir, le reversement des sommes non employées.",
                _grant_location(grant, index, "conditions_of_use"),
            )


def _mentions_financial_report(text: str | None) -> bool:
    return text is not None and "compte rendu financier" in fold(text).replace("-", " ")


def _has_financial_report_clause(context: Context, grant: Grant) -> bool:
    documents = [d for i in grant.instalments for d in i.trigger.documents]
    documents += grant.renewal_documents
    if any(d.kind is DocumentKind.FINANCIAL_REPORT for d in documents):
        return True
    texts = [grant.conditions_of_use, grant.renewal_condition]
    texts += [duty.subject for duty in context.terms.reporting_duties]
    texts += [c.text for c in context.terms.commitments]
    texts += [a.text for a in context.terms.articles]
    return any(_mentions_financial_report(t) for t in texts)


@rule(
    "legal.financial_report_missing",
    Severity.WARNING,
    "une subvention affectée sans clause de compte rendu financier",
)
def financial_report_missing(context: Context) -> Iterator[Hit]:
    day = context.legal_day()
    delay = parameter("financial_report_delay").at(day) if day else None
    if delay is None:
        return
    for index, grant in enumerate(context.terms.grants):
        if not grant.earmarked or _has_financial_report_clause(context, grant):
            continue
        yield (
            f"La {grant_label(grant, context.terms.grants)} est affectée : le bénéficiaire doit produire un "
            f"compte rendu financier dans les {delay.value} mois suivant la fin de l'exercice "
            f"financé ({delay.reference.text}). La convention ne le prévoit pas : ajouter la "
            "clause (contenu, délai, destinataire) pour que l'obligation soit connue et suivie.",
            _grant_location(grant, index, "earmarked"),
        )
