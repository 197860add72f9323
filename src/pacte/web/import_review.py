"""The review of an imported draft: the form's fields placed in their sections, each with
its source span and, only when it needs a look, why it is « à vérifier ».

A value is flagged when:

- its recogniser scores under ``calibration.THRESHOLD`` on the annotated documents
  (``pacte.extraction.calibration``), or its span was marked less sure than
  ``SPAN_THRESHOLD`` by the extraction (a value deduced rather than read);
- the document gives conflicting values for it: an end that is not the start plus the
  duration, a year's amount that is not the prorata of the amount « en année pleine »,
  a representative who is not the person who signs, instalments that do not make 100 %;
- a convention usually states it and the document was not found to (the end date, the
  notice…), or it was computed from the others (proposed, to confirm).

Example::

    review = build_review(form, draft.spans, anchors)
    review.sections[0].title, review.to_check  # « Le document », 3
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.forms import BoundField
from pydantic import ValidationError

from pacte.extraction import calibration
from pacte.rules.money import year_amounts
from pacte.rules.term import ONE_DAY, add_length
from pacte.terms import Grant, Quantity, format_date_fr
from pacte.terms.formats import format_percent_fr
from pacte.web.forms.imports import SECTIONS, DraftCorrectionForm, Slot, person_name


@dataclass
class ReviewRow:
    """One field of the review: the input, where it was read, and what to check."""

    field: BoundField
    slot: Slot
    anchor: str | None
    quote: str
    page: int | None
    flags: list[str] = field(default_factory=list)

    @property
    def to_check(self) -> bool:
        return bool(self.flags)


@dataclass
class ReviewGroup:
    title: str
    rows: list[ReviewRow]


@dataclass
class ReviewSection:
    key: str
    title: str
    groups: list[ReviewGroup]

    @property
    def to_check(self) -> int:
        return sum(row.to_check for group in self.groups for row in group.rows)


@dataclass
class Review:
    sections: list[ReviewSection]

    @property
    def rows(self) -> list[ReviewRow]:
        return [row for s in self.sections for g in s.groups for row in g.rows]

    @property
    def to_check(self) -> int:
        return sum(row.to_check for row in self.rows)


_STEP = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


def _parents(path: str) -> list[str]:
    """``grants[0].years[1].amount`` → itself, ``grants[0].years[1]``, …, ``grants``."""
    found = [path]
    while (match := _STEP.search(path)) is not None and match.start() > 0:
        path = path[: match.start()]
        found.append(path)
    return found


def span_of(path: str, spans: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """The span a value was read from: its own, else its nearest enclosing one (a year's
    amount is read in its grant's article).

    >>> spans = {"grants[0].place": {"start": 1}, "parties[0].organisation.name": {"start": 2}}
    >>> span_of("grants[0].years[1].amount", spans)[0], span_of("parties[0].role", spans)[0]
    ('grants[0].place', 'parties[0].organisation.name')
    """
    for candidate in _parents(path):
        if candidate in spans:
            return candidate, spans[candidate]
        if f"{candidate}.place" in spans:
            return f"{candidate}.place", spans[f"{candidate}.place"]
        if "[" in candidate and candidate.endswith("]"):
            for other, span in spans.items():
                if other.startswith(candidate + "."):
                    return other, span
    return None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def conflicts(terms: dict[str, Any]) -> dict[str, list[str]]:
    """Values the document gives in two ways that disagree, by form field name."""
    found: dict[str, list[str]] = {}
    term = terms.get("term") or {}
    start, end = _date(term.get("start")), _date(term.get("end"))
    duration = term.get("duration")
    if start and end and duration:
        try:
            length = Quantity.model_validate(duration)
        except ValidationError:
            length = None
        if length is not None:
            expected = add_length(start, length) - ONE_DAY
            if expected != end:
                message = (
                    f"le document donne une fin au {format_date_fr(end)}, mais début plus "
                    f"{length.label} mène au {format_date_fr(expected)}"
                )
                found.setdefault("term_end", []).append(message)
                found.setdefault("duration_value", []).append(message)
    for i, party in enumerate(terms.get("parties") or []):
        represented = person_name(party.get("representative"))
        for signature in terms.get("signatures") or []:
            signatory = person_name(signature.get("signatory"))
            if (
                signature.get("party") == party.get("key")
                and represented
                and signatory
                and signatory.casefold() != represented.casefold()
            ):
                found.setdefault(f"party_{i}_rep_last", []).append(
                    f"représentant « {represented} » en tête, mais « {signatory} » signe"
                )
    for g, grant in enumerate(terms.get("grants") or []):
        percents = [i.get("percent") for i in grant.get("instalments") or []]
        if percents and all(p not in (None, "") for p in percents):
            total = sum((Decimal(str(p)) for p in percents), Decimal(0))
            if total != 100:
                for k in range(len(percents)):
                    found.setdefault(f"grant_{g}_instalment_{k}", []).append(
                        f"les versements font {format_percent_fr(total)}, pas 100 %"
                    )
        if grant.get("annual_amount") in (None, ""):
            continue
        try:
            model = Grant.model_validate(
                {k: v for k, v in grant.items() if k not in ("place", "instalments")}
            )
        except ValidationError:
            continue
        by_year = {item.year: item for item in year_amounts(model, start, end)}
        for y, year in enumerate(grant.get("years") or []):
            item = by_year.get(year.get("year"))
            if item is not None and item.difference:
                found.setdefault(f"grant_{g}_year_{y}", []).append(item.difference)
    return found


def _flags(
    name: str, slot: Slot, form: DraftCorrectionForm, span: dict[str, Any] | None
) -> list[str]:
    flags = []
    initial = form.fields[name].initial
    empty = initial in (None, "")
    if slot.proposal:
        flags.append(f"proposé, pas lu : {slot.proposal}")
    elif empty and slot.expected:
        flags.append("non trouvé dans le document, d'habitude indiqué")
    if slot.assumed and (span is None or span.get("path") != slot.path):
        flags.append(slot.assumed)
    if not empty and not slot.proposal:
        measured = calibration.score(slot.path)
        if measured is not None and measured < calibration.THRESHOLD:
            flags.append(
                f"lecture peu sûre pour ce genre de valeur (justesse mesurée {measured:.0%})".replace(
                    "%", " %"
                )
            )
        confidence = (span or {}).get("confidence")
        if (
            span is not None
            and span.get("path") == slot.path
            and isinstance(confidence, (int, float))
            and confidence < calibration.SPAN_THRESHOLD
        ):
            flags.append("déduit du texte plutôt que lu tel quel")
    return flags


def build_review(
    form: DraftCorrectionForm,
    spans: dict[str, dict[str, Any]],
    anchors: dict[str, str],
) -> Review:
    """The form's fields in reading order, with their spans and what to check."""
    clashes = conflicts(form.terms)
    by_section: dict[str, dict[str, list[ReviewRow]]] = {key: {} for key, _ in SECTIONS}
    for name, slot in form.slots.items():
        found = span_of(slot.path, spans)
        span_path, span = found if found else (None, None)
        span_info = {**span, "path": span_path} if span else None
        flags = _flags(name, slot, form, span_info) + clashes.get(name, [])
        bound = form[name]
        described = ([] if slot.quiet and not flags else [f"{bound.auto_id}-lu"]) + (
            [f"{bound.auto_id}-erreur"] if bound.errors else []
        )
        if described:
            form.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
        row = ReviewRow(
            field=bound,
            slot=slot,
            anchor=anchors.get(span_path) if span_path else None,
            quote=str((span or {}).get("text", "")),
            page=(span or {}).get("page"),
            flags=flags,
        )
        by_section[slot.section].setdefault(slot.group, []).append(row)
    sections = [
        ReviewSection(
            key,
            title,
            [ReviewGroup(group, rows) for group, rows in by_section[key].items()],
        )
        for key, title in SECTIONS
        if by_section[key]
    ]
    return Review(sections)
