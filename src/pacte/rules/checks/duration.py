"""Duration: stated length against the dates, end before start, notice, renewal, no duration."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from dateutil.relativedelta import relativedelta

from pacte.rules.checks.findings import Location, Severity
from pacte.rules.checks.registry import Context, Hit, rule
from pacte.rules.checks.text import join_fr, number_fr, span_fr
from pacte.rules.term import ONE_DAY, add_length
from pacte.terms import Place, Quantity, RenewalKind, StartRule, format_date_fr


def _place(place: Place | None, path: str) -> Location:
    return Location(
        article=place.article if place else None,
        path=path,
        quote=place.quote if place else None,
    )


def length_fr(start: date, end: date) -> str:
    """How long ``start``–``end`` (both included) lasts, in months and days.

    >>> length_fr(date(2012, 11, 1), date(2014, 12, 31))
    '26 mois'
    >>> length_fr(date(2025, 1, 1), date(2025, 2, 10)), length_fr(date(2025, 1, 1), date(2025, 1, 1))
    ('1 mois et 10 jours', '1 jour')
    """
    span = relativedelta(end + ONE_DAY, start)
    months = span.years * 12 + span.months
    parts = []
    if months:
        parts.append(f"{months} mois")
    if span.days:
        parts.append(f"{span.days} jour{'s' if span.days > 1 else ''}")
    return " et ".join(parts)


def _budget_years_fr(start: date, end: date) -> str:
    years = [str(y) for y in range(start.year, end.year + 1)]
    if len(years) == 1:
        return f"sur un seul exercice budgétaire ({years[0]})"
    return f"sur {number_fr(len(years))} exercices budgétaires ({join_fr(years)})"


@rule(
    "duration.stated_mismatch",
    Severity.WARNING,
    "la durée écrite (« 3 ans ») ne correspond pas aux dates de début et de fin",
)
def stated_mismatch(context: Context) -> Iterator[Hit]:
    term = context.terms.term
    start = context.start
    if term is None or term.duration is None or term.end is None or start is None:
        return
    if term.end < start:  # duration.end_before_start says it
        return
    computed_end = add_length(start, term.duration) - ONE_DAY
    if computed_end == term.end:
        return
    actual = length_fr(start, term.end)
    yield (
        f"La durée indiquée ({term.duration.label}) ne correspond pas aux dates : "
        f"{span_fr(start, term.end)}, la convention dure {actual}, "
        f"{_budget_years_fr(start, term.end)}. Pour {term.duration.label}, elle finirait le "
        f"{format_date_fr(computed_end)}. Corriger la durée (« {actual} ») ou les dates ; si "
        "la durée compte les exercices financés, l'écrire ainsi.",
        _place(term.place, "term.duration"),
    )


@rule(
    "duration.end_before_start",
    Severity.ERROR,
    "la convention finirait avant d'avoir commencé (fin antérieure au début ou à la signature)",
)
def end_before_start(context: Context) -> Iterator[Hit]:
    term = context.terms.term
    start, end = context.start, context.end
    if term is None or start is None or end is None or end >= start:
        return
    begins = (
        f"prend effet à sa signature, le {format_date_fr(start)}"
        if term.start_rule is StartRule.ON_SIGNATURE
        else f"commence le {format_date_fr(start)}"
    )
    yield (
        f"La convention {begins}, mais son terme tombe le {format_date_fr(end)} : elle finirait "
        "avant d'avoir commencé. Corriger la date de fin ou la durée (ou la date de signature).",
        _place(term.place, "term.end" if term.end else "term.duration"),
    )


def _longer_or_equal(notice: Quantity, period: Quantity, start: date) -> bool:
    return add_length(start, notice) >= add_length(start, period)


@rule(
    "duration.notice_exceeds_period",
    Severity.ERROR,
    "le préavis de dénonciation est au moins aussi long que la période qu'il doit précéder",
)
def notice_exceeds_period(context: Context) -> Iterator[Hit]:
    terms = context.terms
    termination, term = terms.termination, terms.term
    if termination is None or termination.notice is None or term is None:
        return
    if context.start and context.end and context.end < context.start:
        return  # duration.end_before_start says it
    notice = termination.notice
    anchor = context.start or date(2001, 1, 1)  # lengths in years and months do not depend on it
    periods: list[tuple[str, Quantity | None, date | None]] = []
    if context.start is not None and term.end is not None:
        periods.append(("la période initiale", None, term.end))
    elif term.duration is not None:
        periods.append(("la période initiale", term.duration, None))
    renewal = terms.renewal
    if renewal and renewal.kind is RenewalKind.TACIT:
        length = renewal.period or (term.duration if term.end is None else None)
        if length is not None:
            periods.append(("chaque période de reconduction", length, None))
    for what, length, end in periods:
        if length is not None:
            too_long = _longer_or_equal(notice, length, anchor)
            described = length.label
        elif end is not None and context.start is not None:
            too_long = add_length(context.start, notice) > end
            described = length_fr(context.start, end)
        else:
            continue
        if too_long:
            yield (
                f"Le préavis de dénonciation ({notice.label}) est au moins aussi long que "
                f"{what} ({described}) : la lettre devrait partir avant même le début de la "
                "période, la dénonciation ne peut pas être faite à temps. Raccourcir le préavis "
                "ou allonger la période.",
                _place(termination.place, "termination.notice"),
            )
            return


@rule(
    "duration.tacit_without_notice",
    Severity.WARNING,
    "la convention se reconduit tacitement sans dire dans quel délai la dénoncer",
)
def tacit_without_notice(context: Context) -> Iterator[Hit]:
    terms = context.terms
    if terms.renewal is None or terms.renewal.kind is not RenewalKind.TACIT:
        return
    if terms.termination is not None and terms.termination.notice is not None:
        return
    yield (
        "La convention se reconduit tacitement, mais aucun délai de préavis n'est prévu pour "
        "la dénoncer : on ne peut pas savoir jusqu'à quelle date une partie peut empêcher la "
        "reconduction. Ajouter une clause de dénonciation (forme et délai, par exemple « par "
        "lettre recommandée avec accusé de réception, trois mois avant l'échéance »).",
        _place(terms.renewal.place, "termination"),
    )


@rule(
    "duration.missing",
    Severity.WARNING,
    "la convention n'indique ni durée ni date de fin",
)
def missing(context: Context) -> Iterator[Hit]:
    term = context.terms.term
    if term is None:
        yield (
            "La convention ne dit ni quand elle prend effet ni combien de temps elle dure : "
            "ses échéances (versements, préavis, fin) ne peuvent pas être calculées. Ajouter "
            "un article « Durée » (date de début ou signature, durée ou date de fin).",
            Location(path="term"),
        )
    elif term.duration is None and term.end is None:
        yield (
            "La convention dit quand elle prend effet mais pas combien de temps elle dure : "
            "ni durée ni date de fin. Préciser la durée (« pour une période d'un an ») ou la "
            "date de fin.",
            _place(term.place, "term"),
        )
