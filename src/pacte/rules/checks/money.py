"""Money: instalments that add up, prorata and its rounding, deliberation against convention,
action-sheet budgets in balance, grant total against its years."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from pacte.rules.checks.findings import Location, Severity, grant_label
from pacte.rules.checks.registry import Context, Hit, rule
from pacte.rules.checks.text import euros, join_fr
from pacte.rules.money import YearAmount, round_amount
from pacte.terms import Grant, Instalment, Rounding, format_percent_fr

HUNDRED = Decimal(100)


def _grant_location(grant: Grant, path: str) -> Location:
    return Location(
        article=grant.place.article if grant.place else None,
        path=path,
        quote=grant.place.quote if grant.place else None,
    )


def _grant_name(context: Context, grant: Grant) -> str:
    return grant_label(grant, context.terms.grants)


def _total_for_year(instalments: list[Instalment], amount: Decimal | None) -> Decimal | None:
    """What the instalments pay for a year of ``amount``; ``None`` when it cannot be known."""
    total = Decimal(0)
    for instalment in instalments:
        if instalment.percent is not None:
            if amount is None:
                return None
            total += amount * instalment.percent / HUNDRED
        elif instalment.amount is not None:
            total += instalment.amount
    return total


@rule(
    "money.instalments_total",
    Severity.ERROR,
    "les versements d'une année ne font pas 100 % de la subvention (ou pas son montant)",
)
def instalments_total(context: Context) -> Iterator[Hit]:
    for index, grant in enumerate(context.terms.grants):
        if not grant.instalments:
            continue
        amounts = {a.year: a.amount for a in context.year_amounts(grant)}
        every_year = [i for i in grant.instalments if i.year is None]
        years: set[int | None] = {i.year for i in grant.instalments if i.year is not None}
        if every_year:
            years |= set(amounts) or {None}
        for year in sorted(years, key=lambda y: y or 0):
            applicable = every_year + [
                i for i in grant.instalments if i.year is not None and i.year == year
            ]
            when = f" pour {year}" if year else ""
            where = _grant_location(grant, f"grants[{index}].instalments")
            if all(i.percent is not None for i in applicable):
                percent = sum((i.percent or Decimal(0) for i in applicable), Decimal(0))
                if percent != HUNDRED:
                    gap = format_percent_fr(abs(HUNDRED - percent))
                    yield (
                        f"La {_grant_name(context, grant)} est versée{when} en {len(applicable)} fois pour "
                        f"un total de {format_percent_fr(percent)} : "
                        + (f"il manque {gap}" if percent < HUNDRED else f"{gap} de trop")
                        + ". Corriger les versements (le solde en général) pour qu'ils fassent "
                        "100 %.",
                        where,
                    )
                continue
            expected = amounts.get(year) if year is not None else None
            paid = _total_for_year(applicable, expected)
            if expected is None or paid is None or paid == expected:
                continue
            gap = "il manque" if paid < expected else "soit en trop"
            yield (
                f"Les versements de la {_grant_name(context, grant)}{when} totalisent "
                f"{euros(paid)} pour une subvention de {euros(expected)} : {gap} "
                f"{euros(abs(expected - paid))}. Corriger les montants des versements.",
                where,
            )


def _partial_year_known(context: Context, grant: Grant, year: YearAmount) -> bool:
    """Whether the share of the year financed is known (stated months, or known dates)."""
    stated = next((item for item in grant.years if item.year == year.year), None)
    if stated is not None and stated.months is not None:
        return True
    start, end = context.start, context.end
    if start is None or end is None:
        return False
    if grant.prorata is None:  # no rule to share a year: compare whole years only
        return start <= date(year.year, 1, 1) and end >= date(year.year, 12, 31)
    return True


def _differing_years(context: Context) -> Iterator[tuple[int, Grant, int, YearAmount]]:
    """Stated yearly amounts that are not the exact share of the full-year amount."""
    for index, grant in enumerate(context.terms.grants):
        if grant.annual_amount is None:
            continue
        positions = {item.year: i for i, item in enumerate(grant.years)}
        for amount in context.year_amounts(grant):
            if amount.differs and _partial_year_known(context, grant, amount):
                yield index, grant, positions.get(amount.year, 0), amount


def _share_fr(grant: Grant, amount: YearAmount) -> str:
    annual = euros(grant.annual_amount or Decimal(0))
    if amount.exact == grant.annual_amount:
        return f"montant en année pleine ({annual})"
    return f"{amount.how} ({annual})"


def _seen_rounding(amount: YearAmount) -> Rounding | None:
    if amount.exact is None:
        return None
    for policy in (Rounding.EURO_DOWN, Rounding.EURO_NEAREST):
        if round_amount(amount.exact, policy) == amount.stated:
            return policy
    return None


@rule(
    "money.prorata_rounded",
    Severity.INFO,
    "le montant d'une année incomplète est le prorata arrondi à l'euro sans que la convention fixe la règle d'arrondi",
)
def prorata_rounded(context: Context) -> Iterator[Hit]:
    for index, grant, position, amount in _differing_years(context):
        stated_policy = grant.prorata.rounding if grant.prorata else None
        seen = _seen_rounding(amount)
        if stated_policy is not None or seen is None or amount.exact == grant.annual_amount:
            continue
        assert amount.stated is not None and amount.exact is not None
        yield (
            f"{_grant_name(context, grant).capitalize()}, {amount.year} : le montant indiqué ({euros(amount.stated)}) "
            f"est le {_share_fr(grant, amount)}, {seen.label} ; le prorata exact est de "
            f"{euros(amount.exact)}. La convention ne dit pas comment arrondir : préciser la "
            f"règle (« {seen.label} ») ou écrire le montant exact.",
            _grant_location(grant, f"grants[{index}].years[{position}]"),
        )


@rule(
    "money.prorata_mismatch",
    Severity.WARNING,
    "le montant d'une année n'est ni le montant en année pleine ni son prorata (même arrondi)",
)
def prorata_mismatch(context: Context) -> Iterator[Hit]:
    for index, grant, position, amount in _differing_years(context):
        stated_policy = grant.prorata.rounding if grant.prorata else None
        assert amount.stated is not None and amount.exact is not None
        if stated_policy is not None:
            if amount.computed == amount.stated:
                continue
            expected = (
                f"{euros(amount.computed or amount.exact)} avec la règle d'arrondi de la "
                f"convention ({stated_policy.label})"
            )
        elif _seen_rounding(amount) is None or amount.exact == grant.annual_amount:
            expected = euros(amount.exact)
        else:
            continue  # a plain rounding: money.prorata_rounded
        yield (
            f"{_grant_name(context, grant).capitalize()}, {amount.year} : le montant indiqué ({euros(amount.stated)}) "
            f"ne correspond pas au {_share_fr(grant, amount)}, qui donne {expected} (écart de "
            f"{euros(abs(amount.stated - amount.exact))}). Corriger le montant, ou le nombre de "
            "mois financés.",
            _grant_location(grant, f"grants[{index}].years[{position}]"),
        )


def _convention_amounts(context: Context) -> dict[str, Decimal]:
    """What a deliberation may have voted, described in French: the first year's amount,
    the total, or the full-year amount (summed over the grants). Empty when a grant states
    no amount at all (``legal.amount_missing`` may say so)."""
    grants = context.terms.grants
    if not grants:
        return {}
    first = total = annual = Decimal(0)
    first_years = []
    for grant in grants:
        amounts = context.year_amounts(grant)
        if not amounts and grant.total_amount is None and grant.annual_amount is None:
            return {}
        if amounts:
            first += amounts[0].amount
            first_years.append(amounts[0].year)
        total += grant.total_amount or sum((a.amount for a in amounts), Decimal(0))
        annual += grant.annual_amount or (amounts[0].amount if amounts else Decimal(0))
    described = {f"{euros(first)} pour {min(first_years)}": first} if first_years else {}
    described[f"{euros(total)} au total"] = total
    described[f"{euros(annual)} par an"] = annual
    return described


@rule(
    "money.deliberation_amount",
    Severity.ERROR,
    "le montant voté par la délibération n'est pas celui de la convention",
)
def deliberation_amount(context: Context) -> Iterator[Hit]:
    deliberation = context.terms.deliberation
    if deliberation is None:
        return
    decisions = [(i, d) for i, d in enumerate(deliberation.decisions) if d.amount is not None]
    amounts = _convention_amounts(context)
    if not decisions or not amounts:
        return
    voted = sum((d.amount or Decimal(0) for _, d in decisions), Decimal(0))
    if voted in amounts.values():
        return
    index, decision = decisions[0]
    numbers = join_fr([str(d.number) for _, d in decisions])
    grant = context.terms.grants[0]
    said = next(iter(amounts))
    yield (
        f"La délibération attribue {euros(voted)} (décision {numbers}) mais la convention "
        f"prévoit {said} : la subvention versée doit être celle que l'assemblée a votée. "
        "Corriger la convention, ou faire voter une délibération au bon montant.",
        Location(
            article=grant.place.article if grant.place else None,
            path=f"deliberation.decisions[{index}].amount",
            quote=decision.text,
        ),
    )


@rule(
    "money.budget_unbalanced",
    Severity.WARNING,
    "le budget prévisionnel d'une fiche action n'est pas équilibré (dépenses ≠ recettes)",
)
def budget_unbalanced(context: Context) -> Iterator[Hit]:
    for index, sheet in enumerate(context.terms.action_sheets):
        budget = sheet.budget
        if budget is None or not budget.lines:
            continue
        expenses, revenues = budget.total_expenses, budget.total_revenues
        if expenses == revenues:
            continue
        yield (
            f"Le budget prévisionnel de la fiche action {sheet.number} n'est pas équilibré : "
            f"{euros(expenses)} de dépenses pour {euros(revenues)} de recettes (écart de "
            f"{euros(abs(expenses - revenues))}). Un budget prévisionnel se présente en "
            "équilibre : compléter les recettes (autres financeurs, fonds propres) ou ajuster "
            "les dépenses.",
            Location(action_sheet=sheet.number, path=f"action_sheets[{index}].budget"),
        )


@rule(
    "money.grant_total_mismatch",
    Severity.ERROR,
    "le montant total d'une subvention n'est pas la somme de ses montants annuels",
)
def grant_total_mismatch(context: Context) -> Iterator[Hit]:
    for index, grant in enumerate(context.terms.grants):
        if grant.total_amount is None:
            continue
        amounts = context.year_amounts(grant)
        if not amounts or (grant.years and len(amounts) != len(grant.years)):
            continue
        added = sum((a.amount for a in amounts), Decimal(0))
        if added == grant.total_amount:
            continue
        detail = join_fr([f"{euros(a.amount)} en {a.year}" for a in amounts])
        yield (
            f"La {_grant_name(context, grant)} est de {euros(grant.total_amount)} au total, mais ses "
            f"montants annuels ({detail}) font {euros(added)}. Corriger le total ou les "
            "montants annuels.",
            _grant_location(grant, f"grants[{index}].total_amount"),
        )
