"""Write direction: a ``pacte.terms.Convention`` becomes rows of the register.

``store_children_many`` creates every row under many ``Convention`` rows at once: one
``INSERT`` per kind of row (parties, articles, grants…), whatever the number of
conventions, parties or grants; organisations and people are matched in one query
each (``OrganisationPool``, ``PersonPool``). ``store_children`` does it for one
convention. Empty text stands for "not stated" (``None`` in the terms);
``rows_to_terms`` reads it back.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pacte import terms
from pacte.conventions.inserts import rows_insert, values_insert
from pacte.conventions.models import (
    ActionSheet,
    Article,
    ArticleSection,
    BodyMember,
    BudgetLine,
    Commitment,
    CommunicationDuty,
    Convention,
    GoverningBody,
    Grant,
    GrantYear,
    Instalment,
    Party,
    ReportingDuty,
    SheetCommitment,
    Signature,
    Step,
    SupportingDocument,
    Workstream,
)
from pacte.deliberations.rows import deliberation_from_terms
from pacte.organisations.models import Organisation
from pacte.organisations.services import OrganisationPool, PersonPool

__all__ = [
    "StoredChildren",
    "children_people",
    "convention_fields",
    "deliberation_from_terms",
    "parties_resolve",
    "store_children",
    "store_children_many",
]

Parties = dict[str, Party]
Values = dict[str, Any]
Bodies = dict[str, GoverningBody]


def _text(value: str | None) -> str:
    return value or ""


def _quantity(prefix: str, quantity: terms.Quantity | None) -> dict[str, Any]:
    return {
        f"{prefix}_value": quantity.value if quantity else None,
        f"{prefix}_unit": quantity.unit.value if quantity else "",
    }


def _place(place: terms.Place | None, prefix: str = "place") -> dict[str, str]:
    return {
        f"{prefix}_article": _text(place.article) if place else "",
        f"{prefix}_quote": _text(place.quote) if place else "",
    }


def convention_fields(convention: terms.Convention) -> dict[str, Any]:
    """The columns of the ``Convention`` row itself (term, renewal, termination flattened)."""
    term, renewal, termination = convention.term, convention.renewal, convention.termination
    return {
        "title": convention.title,
        "kind": convention.kind,
        "preamble_title": _text(convention.preamble_title),
        "preamble": _text(convention.preamble),
        "objectives": list(convention.objectives),
        "signed_at": _text(convention.signed_at),
        "signed_on": convention.signed_on,
        "term_start_rule": term.start_rule.value if term else "",
        "term_start": term.start if term else None,
        "term_end": term.end if term else None,
        **_quantity("term_duration", term.duration if term else None),
        **_place(term.place if term else None, "term_place"),
        "renewal_kind": renewal.kind.value if renewal else "",
        **_quantity("renewal_period", renewal.period if renewal else None),
        "renewal_max_renewals": renewal.max_renewals if renewal else None,
        "renewal_condition": _text(renewal.condition) if renewal else "",
        **_place(renewal.place if renewal else None, "renewal_place"),
        "termination_form": termination.form.value if termination else "",
        **_quantity("termination_notice", termination.notice if termination else None),
        "termination_by": list(termination.by) if termination else [],
        "termination_text": _text(termination.text) if termination else "",
        **_place(termination.place if termination else None, "termination_place"),
    }


@dataclass
class StoredChildren:
    """The rows written under one convention that callers name by key."""

    parties: Parties = field(default_factory=dict)
    bodies: Bodies = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)


def children_people(convention: terms.Convention) -> Iterator[terms.Person | None]:
    """Everyone the children name (representatives, members of bodies, signatories)."""
    for party in convention.parties:
        yield party.representative
    for body in convention.governing_bodies:
        for member in body.members:
            yield member.person
    for signature in convention.signatures:
        yield signature.signatory


def store_children(row: Convention, convention: terms.Convention) -> StoredChildren:
    """Create every row under ``row`` (which has no children yet) from ``convention``."""
    return store_children_many([(row, convention)])[0]


def parties_resolve(
    conventions: Sequence[terms.Convention], pool: OrganisationPool
) -> list[list[Organisation]]:
    """The organisation row of every party of these conventions, matched in one query,
    created or updated from the terms (the last description wins), and written."""
    pool.load(party.organisation for convention in conventions for party in convention.parties)
    resolved = [
        [pool.resolve(party.organisation) for party in convention.parties]
        for convention in conventions
    ]
    pool.save()
    return resolved


def store_children_many(
    items: Sequence[tuple[Convention, terms.Convention]],
    *,
    organisations: list[list[Organisation]] | None = None,
    people: PersonPool | None = None,
) -> list[StoredChildren]:
    """Create every row under each ``Convention`` row (which has no children yet) from
    its terms, in a fixed number of queries: one per kind of row, whatever the number of
    conventions, parties, articles or grants.

    ``organisations`` are the parties' organisations already resolved by the caller
    (``parties_resolve``), ``people`` the ``PersonPool`` of the batch, if it has them.
    The rows callers name by key (parties, bodies, grants) are model objects; the
    others are written from their values (``values_insert``), without building one.
    """
    resolved = organisations or parties_resolve([terms_ for _, terms_ in items], OrganisationPool())
    people = people or PersonPool()
    people.resolve(person for _, terms_ in items for person in children_people(terms_))
    stored = [StoredChildren() for _ in items]

    parties = [
        (index, _party(row, i, party, resolved[index][i], people))
        for index, (row, terms_) in enumerate(items)
        for i, party in enumerate(terms_.parties)
    ]
    rows_insert([party for _, party in parties])
    for index, party in parties:
        stored[index].parties[party.key] = party

    _store_articles(items)
    values_insert(
        Commitment,
        (
            _commitment(row, i, commitment, stored[index].parties)
            for index, (row, terms_) in enumerate(items)
            for i, commitment in enumerate(terms_.commitments)
        ),
    )
    values_insert(
        CommunicationDuty,
        (
            _communication(row, i, duty)
            for row, terms_ in items
            for i, duty in enumerate(terms_.communication)
        ),
    )
    documents: list[Values] = []
    _store_governing_bodies(items, stored, people, documents)
    _store_grants(items, stored, documents)
    values_insert(SupportingDocument, documents)
    _store_workstreams(items)
    values_insert(
        ReportingDuty,
        (
            _reporting_duty(row, i, duty, stored[index].parties)
            for index, (row, terms_) in enumerate(items)
            for i, duty in enumerate(terms_.reporting_duties)
        ),
    )
    _store_action_sheets(items, stored)
    values_insert(
        Signature,
        (
            _signature(row, i, signature, stored[index].parties, people)
            for index, (row, terms_) in enumerate(items)
            for i, signature in enumerate(terms_.signatures)
        ),
    )
    return stored


def _id(row: Any) -> int | None:
    return row.pk if row is not None else None


def _party(
    row: Convention, position: int, party: terms.Party, organisation: Any, people: PersonPool
) -> Party:
    mandate = party.mandate
    return Party(
        convention=row,
        position=position,
        key=party.key,
        role=party.role.value,
        organisation=organisation,
        designation=_text(party.designation),
        representative=people.get(party.representative),
        capacity=_text(party.capacity),
        mandate_kind=mandate.kind.value if mandate else "",
        mandate_body=_text(mandate.body) if mandate else "",
        mandate_date=mandate.date if mandate else None,
        mandate_reference=_text(mandate.reference) if mandate else "",
    )


def _store_articles(items: Sequence[tuple[Convention, terms.Convention]]) -> None:
    articles = [article for _, terms_ in items for article in terms_.articles]
    ids = values_insert(
        Article,
        (
            {
                "convention_id": row.pk,
                "position": i,
                "number": article.number,
                "title": _text(article.title),
                "text": _text(article.text),
            }
            for row, terms_ in items
            for i, article in enumerate(terms_.articles)
        ),
    )
    values_insert(
        ArticleSection,
        (
            {
                "article_id": article_id,
                "position": j,
                "number": section.number,
                "title": _text(section.title),
                "text": _text(section.text),
            }
            for article, article_id in zip(articles, ids, strict=True)
            for j, section in enumerate(article.sections)
        ),
    )


def _commitment(
    row: Convention, position: int, commitment: terms.Commitment, parties: Parties
) -> Values:
    return {
        "convention_id": row.pk,
        "position": position,
        "party_id": parties[commitment.party].pk,
        "text": commitment.text,
        "action_sheets": list(commitment.action_sheets),
        **_place(commitment.place),
    }


def _communication(row: Convention, position: int, duty: terms.CommunicationDuty) -> Values:
    return {
        "convention_id": row.pk,
        "position": position,
        "parties": list(duty.parties),
        "text": duty.text,
        "logos": list(duty.logos),
        "action_sheets": list(duty.action_sheets),
        **_place(duty.place),
    }


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


def _reporting_duty(
    row: Convention, position: int, duty: terms.ReportingDuty, parties: Parties
) -> Values:
    return {
        "convention_id": row.pk,
        "position": position,
        "party_id": parties[duty.party].pk,
        "subject": duty.subject,
        "indicators": list(duty.indicators),
        "perimeters": list(duty.perimeters),
        "frequency": duty.frequency.value if duty.frequency else "",
        **_place(duty.place),
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


def _signature(
    row: Convention,
    position: int,
    signature: terms.Signature,
    parties: Parties,
    people: PersonPool,
) -> Values:
    return {
        "convention_id": row.pk,
        "position": position,
        "party_id": parties[signature.party].pk,
        "capacity": _text(signature.capacity),
        "signatory_id": _id(people.get(signature.signatory)),
        "party_name": _text(signature.party_name),
        "date": signature.date,
    }
