"""Write direction: a ``pacte.terms.Convention`` becomes rows of the register.

``store_children_many`` creates every row under many ``Convention`` rows at once: one
``INSERT`` per kind of row (parties, articles, grants…), whatever the number of
conventions, parties or grants; organisations and people are matched in one query
each (``OrganisationPool``, ``PersonPool``). ``store_children`` does it for one
convention. Empty text stands for "not stated" (``None`` in the terms);
``rows_to_terms`` reads it back.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from pacte import terms
from pacte.conventions.child_rows import (
    Parties,
    StoredChildren,
    Values,
    _id,
    _place,
    _store_action_sheets,
    _store_governing_bodies,
    _store_grants,
    _store_workstreams,
    _text,
)
from pacte.conventions.inserts import rows_insert, values_insert
from pacte.conventions.models import (
    Article,
    ArticleSection,
    Commitment,
    CommunicationDuty,
    Convention,
    Party,
    ReportingDuty,
    Signature,
    SupportingDocument,
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


def _quantity(prefix: str, quantity: terms.Quantity | None) -> dict[str, Any]:
    return {
        f"{prefix}_value": quantity.value if quantity else None,
        f"{prefix}_unit": quantity.unit.value if quantity else "",
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
        leaf=True,
    )
    values_insert(
        CommunicationDuty,
        (
            _communication(row, i, duty)
            for row, terms_ in items
            for i, duty in enumerate(terms_.communication)
        ),
        leaf=True,
    )
    documents: list[Values] = []
    _store_governing_bodies(items, stored, people, documents)
    _store_grants(items, stored, documents)
    values_insert(SupportingDocument, documents, leaf=True)
    _store_workstreams(items)
    values_insert(
        ReportingDuty,
        (
            _reporting_duty(row, i, duty, stored[index].parties)
            for index, (row, terms_) in enumerate(items)
            for i, duty in enumerate(terms_.reporting_duties)
        ),
        leaf=True,
    )
    _store_action_sheets(items, stored)
    values_insert(
        Signature,
        (
            _signature(row, i, signature, stored[index].parties, people)
            for index, (row, terms_) in enumerate(items)
            for i, signature in enumerate(terms_.signatures)
        ),
        leaf=True,
    )
    return stored


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
        reference=row.reference,
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
        leaf=True,
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
