"""Writes for conventions: store (create or update from terms) and delete.

Example: ``convention, created = convention_store(terms=load_convention_yaml(text), by=user)``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from pacte import terms as t
from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record, audit_record_many
from pacte.conventions.inserts import rows_insert, writes_gathered
from pacte.conventions.models import (
    ActionSheet,
    Article,
    Commitment,
    CommunicationDuty,
    Convention,
    GoverningBody,
    Grant,
    Party,
    ReportingDuty,
    Signature,
    SupportingDocument,
    Workstream,
)
from pacte.conventions.signals import convention_deleting, convention_stored
from pacte.conventions.terms_to_rows import (
    StoredChildren,
    children_people,
    convention_fields,
    deliberation_from_terms,
    parties_resolve,
    store_children_many,
)
from pacte.deliberations.services import deliberation_delete_if_unused
from pacte.organisations.services import OrganisationPool, PersonPool

# Children of a convention, in an order where nothing deleted is still named by a row
# left (parties are named by commitments, grants… through RESTRICT foreign keys).
_CHILDREN = (
    Grant,
    Commitment,
    CommunicationDuty,
    Workstream,
    ReportingDuty,
    ActionSheet,
    Signature,
    GoverningBody,
    Article,
    Party,
)


ANALYZED_TABLES = (
    "organisations_organisation",
    "organisations_person",
    "conventions_convention",
    "conventions_party",
    "conventions_grant",
    "conventions_grantyear",
    "conventions_instalment",
    "followup_storedobligation",
    "followup_storedstate",
    "followup_storedfigures",
    "followup_storedamount",
    "followup_storedcount",
    "followup_storedsum",
    "followup_storedauthority",
    "audit_auditentry",
)
"""The tables a bulk load fills, whose statistics ``statistics_refresh`` recomputes."""


BULK_LOAD = 100
"""Conventions stored at once from which a load recomputes the statistics."""


def statistics_refresh(*, using: str = "default") -> None:
    """Recompute the database's statistics on the register's tables (``ANALYZE``, and
    ``VACUUM`` when called outside a transaction).

    Run after a bulk load (an SCDL import, ``pacte load`` or ``pacte import`` of many
    files, ``pacte restore``): PostgreSQL otherwise plans the pages' queries with the
    statistics of a nearly empty register until its autovacuum comes by, and may read a
    whole table instead of an index (« À faire » took seconds instead of a fraction of
    one). Call it once the load is committed; ``BULK_LOAD`` says from how many
    conventions.

    Nothing on SQLite: its planner, without statistics, reads « À faire » on the index
    made for it (a section in the order of the page, stopped at its first rows); with
    them (``sqlite_stat1``) it prefers the index led by the convention and sorts, and an
    agent's « À faire » at 10 000 conventions went from 152 to 277 ms
    (``bench/bench_scale.py``, docs/benchmarks.md).
    """
    connection = transaction.get_connection(using)
    if connection.vendor == "sqlite":
        return
    # outside a transaction, ``VACUUM`` too: it marks the pages written as visible to
    # all, so that the pages' counts read the indexes alone (index-only scans) instead
    # of every row behind them until the autovacuum passes
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in ANALYZED_TABLES:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")


class ConventionGone(LookupError):
    """The convention was deleted by someone else while a record was being written."""


def convention_lock(convention: Convention) -> None:
    """Lock ``convention``'s row until the current transaction ends (``SELECT … FOR UPDATE``).

    Every write that changes a convention or what hangs from it (its follow-up records,
    its stored obligations and figures) calls this first, inside its transaction, so that
    two agents recording on the same convention at once are served one after the other:
    the second one reads what the first wrote (numbers, amounts already paid). SQLite has
    no row lock; there, every transaction takes the database's write lock at its start
    (``transaction_mode`` ``IMMEDIATE`` in the settings), which serialises writers too.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("convention_lock must be called inside transaction.atomic()")
    found = list(Convention.objects.select_for_update().filter(pk=convention.pk).values("pk"))
    if not found:
        raise ConventionGone(
            f"La convention {convention.reference} a été supprimée entre-temps : rien n'a été "
            "enregistré."
        )


def conventions_lock(ids: list[int]) -> list[int]:
    """Lock many conventions' rows, always in the order of their ids (no deadlock between
    two writers that lock overlapping sets); returns the ids still present."""
    return list(
        Convention.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _delete_children(ids: list[int]) -> None:
    """Delete the children of these conventions (their follow-up records stay)."""
    if not ids:
        return
    SupportingDocument.objects.filter(
        Q(instalment__grant__convention__in=ids)
        | Q(renewed_grant__convention__in=ids)
        | Q(minutes_of__convention__in=ids)
    ).delete()
    for model in _CHILDREN:
        model.objects.filter(convention__in=ids).delete()


def _summary(terms: t.Convention) -> dict[str, Any]:
    return {
        "title": terms.title,
        "parties": [party.key for party in terms.parties],
        "grants": len(terms.grants),
        "action_sheets": len(terms.action_sheets),
        "deliberation": terms.deliberation.number if terms.deliberation else None,
    }


@dataclass(frozen=True)
class StoredConvention:
    """One convention written by ``conventions_store``: its row, the terms it was
    written from, whether it was created, and the child rows named by key."""

    convention: Convention
    terms: t.Convention
    created: bool
    children: StoredChildren


def convention_store(
    *, terms: t.Convention, by: AbstractBaseUser | None = None
) -> tuple[Convention, bool]:
    """Create the convention ``terms`` describes, or replace the one with its reference.

    Organisations and people are shared with the rest of the register; the previous
    children (parties, articles, grants…) and any deliberation only this convention used
    are replaced. Returns the row and whether it was created. A fixed number of queries,
    whatever the number of parties, articles or grants (``conventions_store``).
    """
    stored = conventions_store(terms=[terms], by=by)[0]
    return stored.convention, stored.created


@transaction.atomic
def conventions_store(
    *,
    terms: Sequence[t.Convention],
    by: AbstractBaseUser | None = None,
    organisations: OrganisationPool | None = None,
) -> list[StoredConvention]:
    """Store many conventions as ``convention_store`` stores one, in order, in a fixed
    number of queries per batch: the rows of each kind (organisations, conventions,
    parties, grants, journal entries, stored calendars…) are written by one ``INSERT``.

    A reference given twice is stored twice, the second replacing the first, as two
    calls would. ``organisations``: the caller's pool, when it matched organisations
    already (an import). Returns one ``StoredConvention`` per terms, in their order.
    """
    organisations = organisations or OrganisationPool()
    result: list[StoredConvention] = []
    batch: list[t.Convention] = []
    seen: set[str] = set()
    for item in terms:
        if item.reference in seen:
            result += _store_batch(batch, by, organisations)
            batch, seen = [], set()
        batch.append(item)
        seen.add(item.reference)
    if batch:
        result += _store_batch(batch, by, organisations)
    return result


def _locked_by_reference(references: list[str]) -> dict[str, Convention]:
    return {
        row.reference: row
        for row in Convention.objects.select_for_update()
        .filter(reference__in=references)
        .order_by("pk")
    }


def _insert(rows: list[Convention]) -> bool:
    """Insert new convention rows; False when another writer stored one of their
    references meanwhile (PostgreSQL: the rows are then stored one by one)."""
    if transaction.get_connection().vendor == "sqlite":
        # every write transaction holds SQLite's write lock from its start (BEGIN
        # IMMEDIATE): nobody can have stored these references since they were looked up
        rows_insert(rows)
        return True
    try:
        with transaction.atomic():
            rows_insert(rows)
    except IntegrityError:
        return False
    return True


def _store_batch(
    batch: list[t.Convention], by: AbstractBaseUser | None, organisations: OrganisationPool
) -> list[StoredConvention]:
    existing = _locked_by_reference([item.reference for item in batch])
    people = PersonPool()
    resolved = parties_resolve(batch, organisations)
    people.resolve(person for item in batch for person in children_people(item))

    deliberations = []
    for item, parties in zip(batch, resolved, strict=True):
        deliberation = None
        if item.deliberation is not None:
            authority = next(
                (
                    organisation
                    for party, organisation in zip(item.parties, parties, strict=True)
                    if party.role == t.PartyRole.PUBLIC_AUTHORITY
                ),
                None,
            )
            deliberation = deliberation_from_terms(
                item.deliberation, authority=authority, people=people
            )
        deliberations.append(deliberation)

    rows: list[Convention] = []
    created: list[bool] = []
    previous_deliberations: list[int] = []
    for item, deliberation in zip(batch, deliberations, strict=True):
        row = existing.get(item.reference)
        created.append(row is None)
        if row is None:
            row = Convention(reference=item.reference, **convention_fields(item))
        elif row.deliberation_id is not None:
            previous_deliberations.append(row.deliberation_id)
        row.deliberation = deliberation
        rows.append(row)
    new = [row for row, is_new in zip(rows, created, strict=True) if is_new]
    if new and not _insert(new):
        for index, row in enumerate(rows):
            if created[index]:
                rows[index], created[index] = _insert_or_lock(row, previous_deliberations)
    replaced = {row.pk for row, is_new in zip(rows, created, strict=True) if not is_new}
    _delete_children(sorted(replaced))
    for row, item in zip(rows, batch, strict=True):
        if row.pk in replaced:
            for name, value in convention_fields(item).items():
                setattr(row, name, value)
            row.save()
    # the rows nobody points to (grant years, signatures, sections…) are written
    # together at the end of the block: one round trip on PostgreSQL
    with writes_gathered():
        children = store_children_many(
            list(zip(rows, batch, strict=True)), organisations=resolved, people=people
        )

        for deliberation_id in previous_deliberations:
            deliberation_delete_if_unused(deliberation_id=deliberation_id)
        audit_record_many(
            [
                {
                    "action": AuditAction.CREATED if is_new else AuditAction.UPDATED,
                    "object_type": "convention",
                    "object_ref": row.reference,
                    "summary": _summary(item),
                }
                for row, item, is_new in zip(rows, batch, created, strict=True)
            ],
            by=by,
        )
    stored = [
        StoredConvention(convention=row, terms=item, created=is_new, children=rows_of)
        for row, item, is_new, rows_of in zip(rows, batch, created, children, strict=True)
    ]
    # the layers above recompute what they derive from it (the follow-up's calendar),
    # every row of the convention written
    convention_stored.send(sender=Convention, stored=stored, on=timezone.localdate())
    return stored


def _insert_or_lock(row: Convention, previous_deliberations: list[int]) -> tuple[Convention, bool]:
    """One new row inserted, or, stored at the same moment by someone else, that row
    locked and replaced (``created`` False)."""
    try:
        with transaction.atomic():
            row.save(force_insert=True)
        return row, True
    except IntegrityError:
        other = Convention.objects.select_for_update().filter(reference=row.reference).first()
        if other is None:
            raise
        if other.deliberation_id is not None:
            previous_deliberations.append(other.deliberation_id)
        other.deliberation = row.deliberation
        return other, False


@transaction.atomic
def convention_delete(*, convention: Convention, by: AbstractBaseUser | None = None) -> None:
    """Delete a convention, its children, and its deliberation if no other convention uses it.

    Organisations and people stay in the register.
    """
    convention_lock(convention)
    reference, deliberation_id = convention.reference, convention.deliberation_id
    summary = {"title": convention.title}
    convention_deleting.send(sender=Convention, ids=[convention.pk])
    convention.delete()
    if deliberation_id is not None:
        deliberation_delete_if_unused(deliberation_id=deliberation_id)
    audit_record(
        action=AuditAction.DELETED,
        object_type="convention",
        object_ref=reference,
        by=by,
        summary=summary,
    )
