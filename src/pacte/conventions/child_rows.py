"""Rows under a convention that have rows of their own: governing bodies (members,
minutes), grants (years, instalments, supporting documents), workstreams (steps) and
action sheets (commitments, budget lines); and what ``terms_to_rows`` shares with them.

Written by ``store_children_many`` (``terms_to_rows``), one ``INSERT`` per kind of row:
the rows callers name by key (bodies, grants) as model objects (``rows_insert``), the
others from their values (``values_insert``), with the ids the ``INSERT`` gave back.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pacte import terms
from pacte.conventions.inserts import rows_insert, values_insert
from pacte.conventions.models import (
    ActionSheet,
    BodyMember,
    BudgetLine,
    Convention,
    GoverningBody,
    Grant,
    GrantYear,
    Instalment,
    Party,
    SheetCommitment,
    Step,
    Workstream,
)
from pacte.organisations.services import PersonPool

Parties = dict[str, Party]
Bodies = dict[str, GoverningBody]
Values = dict[str, Any]
"""A row by column (``attname``), as ``values_insert`` writes it."""


def _text(value: str | None) -> str:
    return value or ""


def _place(place: terms.Place | None, prefix: str = "place") -> dict[str, str]:
    return {
        f"{prefix}_article": _text(place.article) if place else "",
        f"{prefix}_quote": _text(place.quote) if place else "",
    }


@dataclass
class StoredChildren:
    """The rows written under one convention that callers name by key."""

    parties: Parties = field(default_factory=dict)
    bodies: Bodies = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)


def _id(row: Any) -> int | None:
    return row.pk if row is not None else None


def _party_of(parties: Parties, key: str | None) -> Party | None:
    return parties[key] if key is not None else None


def _documents(
    documents: list[terms.SupportingDocument], bodies: Bodies, **owner: int
) -> list[Values]:
    """The supporting documents' rows; ``owner``: the id of what they belong to, e.g.
    ``instalment_id=12``."""
    return [
        {
            "position": i,
            "kind": document.kind.value,
            "label": _text(document.label),
            "approved_by_id": bodies[document.approved_by].pk if document.approved_by else None,
            **owner,
        }
        for i, document in enumerate(documents)
    ]


def _store_governing_bodies(
    items: Sequence[tuple[Convention, terms.Convention]],
    stored: list[StoredChildren],
    people: PersonPool,
    documents: list[Values],
) -> None:
    bodies = []
    for index, (row, terms_) in enumerate(items):
        parties = stored[index].parties
        for i, body in enumerate(terms_.governing_bodies):
            cadence = body.cadence
            bodies.append(
                (
                    index,
                    body,
                    GoverningBody(
                        convention=row,
                        position=i,
                        key=body.key,
                        name=body.name,
                        kind=body.kind.value,
                        cadence_frequency=cadence.frequency.value if cadence else "",
                        cadence_basis=(
                            cadence.basis if cadence else terms.CadenceBasis.CONVENTION_YEAR
                        ).value,
                        cadence_text=_text(cadence.text) if cadence else "",
                        composition=_text(body.composition),
                        attendees=_text(body.attendees),
                        secretariat=_text(body.secretariat),
                        secretariat_party=_party_of(parties, body.secretariat_party),
                        missions=list(body.missions),
                        **_place(body.place),
                    ),
                )
            )
    rows_insert([body_row for _, _, body_row in bodies])
    for index, body, body_row in bodies:
        stored[index].bodies[body.key] = body_row
    # members and minutes come once every body exists: minutes may be approved by another body
    values_insert(
        BodyMember,
        (
            {
                "body_id": body_row.pk,
                "position": j,
                "role": member.role,
                "party_id": _id(_party_of(stored[index].parties, member.party)),
                "person_id": _id(people.get(member.person)),
            }
            for index, body, body_row in bodies
            for j, member in enumerate(body.members)
        ),
        leaf=True,
    )
    for index, body, body_row in bodies:
        documents += _documents(body.minutes, stored[index].bodies, minutes_of_id=body_row.pk)


def _store_grants(
    items: Sequence[tuple[Convention, terms.Convention]],
    stored: list[StoredChildren],
    documents: list[Values],
) -> None:
    grants = []
    for index, (row, terms_) in enumerate(items):
        parties = stored[index].parties
        for i, grant in enumerate(terms_.grants):
            prorata = grant.prorata
            grants.append(
                (
                    index,
                    grant,
                    Grant(
                        convention=row,
                        position=i,
                        key=grant.key,
                        kind=grant.kind.value,
                        grantor=_party_of(parties, grant.grantor),
                        beneficiary=_party_of(parties, grant.beneficiary),
                        purpose=_text(grant.purpose),
                        earmarked=grant.earmarked,
                        annual_amount=grant.annual_amount,
                        total_amount=grant.total_amount,
                        prorata_basis=prorata.basis.value if prorata else "",
                        prorata_rounding=prorata.rounding.value
                        if prorata and prorata.rounding
                        else "",
                        conditions_of_use=_text(grant.conditions_of_use),
                        renewal_condition=_text(grant.renewal_condition),
                        scheme=_text(grant.scheme),
                        **_place(grant.place),
                    ),
                )
            )
    rows_insert([grant_row for _, _, grant_row in grants])
    for index, grant, grant_row in grants:
        stored[index].grants[grant.key] = grant_row
    values_insert(
        GrantYear,
        (
            {
                "grant_id": grant_row.pk,
                "position": j,
                "year": year.year,
                "amount": year.amount,
                "months": year.months,
                "label": _text(year.label),
            }
            for _, grant, grant_row in grants
            for j, year in enumerate(grant.years)
        ),
        leaf=True,
    )
    instalments = [
        (index, instalment) for index, grant, _ in grants for instalment in grant.instalments
    ]
    ids = values_insert(
        Instalment,
        (
            _instalment(grant_row, j, instalment, stored[index].bodies)
            for index, grant, grant_row in grants
            for j, instalment in enumerate(grant.instalments)
        ),
    )
    for (index, instalment), instalment_id in zip(instalments, ids, strict=True):
        documents += _documents(
            instalment.trigger.documents, stored[index].bodies, instalment_id=instalment_id
        )
    for index, grant, grant_row in grants:
        documents += _documents(
            grant.renewal_documents, stored[index].bodies, renewed_grant_id=grant_row.pk
        )


def _instalment(
    grant: Grant, position: int, instalment: terms.Instalment, bodies: Bodies
) -> Values:
    trigger = instalment.trigger
    return {
        "grant_id": grant.pk,
        "position": position,
        "kind": instalment.kind.value,
        "percent": instalment.percent,
        "amount": instalment.amount,
        "year": instalment.year,
        "trigger_kind": trigger.kind.value,
        "trigger_body_id": bodies[trigger.body].pk if trigger.body else None,
        "trigger_date": trigger.date,
        "trigger_text": _text(trigger.text),
    }


def _store_workstreams(items: Sequence[tuple[Convention, terms.Convention]]) -> None:
    workstreams = [workstream for _, terms_ in items for workstream in terms_.workstreams]
    ids = values_insert(
        Workstream,
        (
            {
                "convention_id": row.pk,
                "position": i,
                "key": workstream.key,
                "title": workstream.title,
                "description": _text(workstream.description),
                "parties": list(workstream.parties),
                "partners": list(workstream.partners),
                **_place(workstream.place),
            }
            for row, terms_ in items
            for i, workstream in enumerate(terms_.workstreams)
        ),
    )
    values_insert(
        Step,
        (
            _step(workstream_id, j, step)
            for workstream, workstream_id in zip(workstreams, ids, strict=True)
            for j, step in enumerate(workstream.steps)
        ),
        leaf=True,
    )


def _step(workstream_id: int, position: int, step: terms.Step) -> Values:
    milestone = step.milestone
    return {
        "workstream_id": workstream_id,
        "position": position,
        "number": step.number,
        "title": step.title,
        "parties": list(step.parties),
        "milestone_depends_on": list(milestone.depends_on) if milestone else None,
        "milestone_due": milestone.due if milestone else None,
        "milestone_not_before": milestone.not_before if milestone else None,
        "milestone_condition": _text(milestone.condition) if milestone else "",
        "milestone_quote": _text(milestone.quote) if milestone else "",
    }


def _store_action_sheets(
    items: Sequence[tuple[Convention, terms.Convention]], stored: list[StoredChildren]
) -> None:
    sheets = [
        (index, sheet) for index, (_, terms_) in enumerate(items) for sheet in terms_.action_sheets
    ]
    ids = values_insert(
        ActionSheet,
        (
            _action_sheet(row, i, sheet, stored[index].parties)
            for index, (row, terms_) in enumerate(items)
            for i, sheet in enumerate(terms_.action_sheets)
        ),
    )
    values_insert(
        SheetCommitment,
        (
            {
                "sheet_id": sheet_id,
                "position": j,
                "party_id": _id(_party_of(stored[index].parties, commitment.party)),
                "text": commitment.text,
            }
            for (index, sheet), sheet_id in zip(sheets, ids, strict=True)
            for j, commitment in enumerate(sheet.commitments)
        ),
        leaf=True,
    )
    values_insert(
        BudgetLine,
        (
            {
                "sheet_id": sheet_id,
                "position": j,
                "side": line.side.value,
                "label": line.label,
                "amount": line.amount,
                "funder": _text(line.funder),
            }
            for (_, sheet), sheet_id in zip(sheets, ids, strict=True)
            for j, line in enumerate(sheet.budget.lines if sheet.budget else [])
        ),
        leaf=True,
    )


def _action_sheet(
    row: Convention, position: int, sheet: terms.ActionSheet, parties: Parties
) -> Values:
    budget = sheet.budget
    return {
        "convention_id": row.pk,
        "position": position,
        "number": sheet.number,
        "title": sheet.title,
        "objectives": list(sheet.objectives),
        "context": _text(sheet.context),
        "description": _text(sheet.description),
        "expected_results": list(sheet.expected_results),
        "impacts": list(sheet.impacts),
        "target_public": _text(sheet.target_public),
        "form": _text(sheet.form),
        "partners": list(sheet.partners),
        "period": _text(sheet.period),
        "starts_on": sheet.starts_on,
        "ends_on": sheet.ends_on,
        "location": _text(sheet.location),
        "lead_id": _id(_party_of(parties, sheet.lead)),
        "has_budget": budget is not None,
        "budget_note": _text(budget.note) if budget else "",
    }
