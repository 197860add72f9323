"""Numbering: articles missing or repeated, action sheets referenced but absent or never referenced."""

from __future__ import annotations

from collections.abc import Iterator

from pacte.rules.checks.findings import Location, Severity
from pacte.rules.checks.registry import Context, Hit, rule
from pacte.rules.checks.text import join_fr, roman
from pacte.terms import Article


def _written_like(number: int, model: Article) -> str:
    """``number`` written the way the articles are numbered (roman or arabic)."""
    text = model.number.strip()
    if text.isalpha() and text.upper() == text and model.ordinal is not None:
        return roman(number)
    return str(number)


@rule(
    "numbering.article_missing",
    Severity.WARNING,
    "un numéro d'article manque dans la suite des articles (l'article IV est suivi de l'article VI)",
)
def article_missing(context: Context) -> Iterator[Hit]:
    expected = 1
    previous: Article | None = None
    for index, article in enumerate(context.terms.articles):
        ordinal = article.ordinal
        if ordinal is None or ordinal < expected:  # unnumbered, or repeated (another rule)
            continue
        if ordinal > expected:
            missing = [_written_like(n, previous or article) for n in range(expected, ordinal)]
            jump = (
                f"passe de l'article {previous.number} à l'article {article.number}"
                if previous
                else f"commence à l'article {article.number}"
            )
            what = (
                f"il n'y a pas d'article {missing[0]}"
                if len(missing) == 1
                else f"il manque les articles {join_fr(missing)}"
            )
            yield (
                f"La numérotation des articles {jump} : {what}. Rétablir l'article manquant "
                "ou renuméroter les articles suivants, puis vérifier les renvois d'un article "
                "à l'autre.",
                Location(article=article.number, path=f"articles[{index}]"),
            )
        expected = ordinal + 1
        previous = article


@rule(
    "numbering.article_repeated",
    Severity.WARNING,
    "deux articles portent le même numéro",
)
def article_repeated(context: Context) -> Iterator[Hit]:
    seen: dict[int, str] = {}
    for index, article in enumerate(context.terms.articles):
        ordinal = article.ordinal
        if ordinal is None:
            continue
        if ordinal in seen:
            first = seen[ordinal]
            written = f" (le premier est écrit « {first} »)" if first != article.number else ""
            yield (
                f"Deux articles portent le numéro {article.number}{written} : un renvoi à cet "
                "article serait ambigu. Renuméroter les articles.",
                Location(article=article.number, path=f"articles[{index}]"),
            )
        else:
            seen[ordinal] = article.number


def _references(context: Context) -> Iterator[tuple[int, Location]]:
    """Every reference to an action sheet (« Cf. fiche action 2 »), with where it is made."""
    for index, commitment in enumerate(context.terms.commitments):
        article = commitment.place.article if commitment.place else None
        for number in commitment.action_sheets:
            yield (
                number,
                Location(
                    article=article, action_sheet=number, path=f"commitments[{index}].action_sheets"
                ),
            )
    for index, duty in enumerate(context.terms.communication):
        article = duty.place.article if duty.place else None
        for number in duty.action_sheets:
            yield (
                number,
                Location(
                    article=article,
                    action_sheet=number,
                    path=f"communication[{index}].action_sheets",
                ),
            )


@rule(
    "numbering.action_sheet_missing",
    Severity.WARNING,
    "une fiche action est citée (« Cf. fiche action 4 ») mais n'est pas annexée",
)
def action_sheet_missing(context: Context) -> Iterator[Hit]:
    present = {sheet.number for sheet in context.terms.action_sheets}
    reported: set[int] = set()
    for number, location in _references(context):
        if number in present or number in reported:
            continue
        reported.add(number)
        numbers = [str(n) for n in sorted(present)]
        annexed = (
            f"les fiches annexées sont les fiches {join_fr(numbers)}"
            if len(numbers) > 1
            else f"seule la fiche {numbers[0]} est annexée"
            if numbers
            else "aucune fiche action n'est annexée"
        )
        yield (
            f"La convention renvoie à la fiche action {number}, qui n'est pas annexée "
            f"({annexed}). Annexer la fiche ou corriger le renvoi.",
            location,
        )


@rule(
    "numbering.action_sheet_unreferenced",
    Severity.INFO,
    "une fiche action est annexée mais aucun article ni engagement n'y renvoie",
)
def action_sheet_unreferenced(context: Context) -> Iterator[Hit]:
    referenced = {number for number, _ in _references(context)}
    for index, sheet in enumerate(context.terms.action_sheets):
        if sheet.number not in referenced:
            yield (
                f"La fiche action {sheet.number} (« {sheet.title} ») est annexée mais aucun "
                "engagement de la convention n'y renvoie. Citer la fiche dans l'article qui "
                "prévoit l'action, ou la retirer des annexes.",
                Location(action_sheet=sheet.number, path=f"action_sheets[{index}]"),
            )
