"""Renewal: tacit, express, none."""

from __future__ import annotations

from pacte.extraction import rx
from pacte.extraction.clauses.common import Located
from pacte.extraction.french import (
    parse_number,
)
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found

_TACIT = lazy(
    r"tacite(?:ment)? reconduction|reconduction tacite|reconduite?s? tacitement|renouvel\w* tacitement|par tacite|renouvellement tacite"
)
_NOT_TACIT = lazy(
    r"\bn(?:e\b|')[^.;,]{0,40}?\btacite|\b(?:aucune?|pas de|toute) (?:reconduction|renouvellement) tacite|sans (?:reconduction|renouvellement) tacite"
)
_EXPRESS = lazy(
    r"reconduction (?:est )?(?:soumise|subordonnee)|accord expres|reconduction expresse|renouvellement expres|ne (?:pourra|peut) etre (?:reconduite|renouvelee) que|"
    r"(?:renouvel|reconduit|reconduct)\w*[^.;]{0,60}?\b(?:par (?:voie d')?avenant|expres(?:se|sement)?\b|par (?:une )?decision expresse)|expressement (?:renouvel|reconduit)"
)
_NO_RENEWAL = lazy(
    r"non (?:renouvelable|reconductible)|n'est pas (?:renouvelable|reconductible)|ne (?:sera|pourra|peut) pas (?:etre )?(?:reconduite|renouvelee)|sans (?:reconduction|renouvellement)|"
    r"\baucune? (?:reconduction|renouvellement)\b(?! (?:tacite|expres|ne |sans|que|qu'))"
)


_NEITHER = lazy(
    r"\bni (?:de (?:maniere|facon) )?tacite(?:ment)?,? ni (?:de (?:maniere|facon) )?expres(?:se|sement)?\b|"
    r"\bni (?:de (?:maniere|facon) )?expres(?:se|sement)?,? ni (?:de (?:maniere|facon) )?tacite(?:ment)?\b"
)
"""« aucune reconduction, ni tacite ni expresse »: renewal excluded in both forms."""


def _renewal_kind(folded: str) -> str | None:
    if _NEITHER.search(folded) and rx.search(r"reconduct|reconduit|renouvel", folded):
        return "none"
    if _NOT_TACIT.search(folded):
        # « ne peut être reconduite tacitement », « aucune reconduction tacite »
        return "express" if _EXPRESS.search(folded) else "none"
    if _TACIT.search(folded):
        return "tacit"
    if _EXPRESS.search(folded):
        return "express"
    if _NO_RENEWAL.search(folded):
        return "none"
    return None


def _renewal(found: Found, located: list[Located]) -> None:
    """Tacit renewal stated anywhere wins; else an express renewal (« renouvelée par avenant
    exprès » after « aucune reconduction tacite »); else none."""
    kinds = [(kind, item) for item in located if (kind := _renewal_kind(item.sentence.folded))]
    if not kinds:
        return
    order = ("tacit", "express", "none")
    kind, item = min(kinds, key=lambda k: order.index(k[0]))
    folded = item.sentence.folded
    found.put("renewal.kind", kind, item.sentence.start, item.sentence.end)
    found.put("renewal.place", {"article": item.article, "quote": item.sentence.text})
    condition = rx.search(r"(?:soumise|subordonnee) a (?:l')?(.+?)\.?$", folded)
    if kind == "express" and condition:
        found.put(
            "renewal.condition",
            item.sentence.text[condition.start(1) : condition.end(1)].rstrip(" ."),
        )
    limit = rx.search(r"(\w+) fois|dans la limite de (\w+)", folded)
    if limit and kind == "tacit":
        count = parse_number(limit.group(1) or limit.group(2))
        if count:
            found.put("renewal.max_renewals", count)
