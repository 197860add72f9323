"""Writes for conventions: store (create or update from terms) and delete.

Example: ``convention, created = convention_store(terms=load_convention_yaml(text), by=user)``.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from pacte import terms as t
from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
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
from pacte.conventions.signals import convention_stored
from pacte.conventions.terms_to_rows import (
    convention_fields,
    deliberation_from_terms,
    store_children,
)
from pacte.deliberations.services import deliberation_delete_if_unused
from pacte.organisations.services import organisation_from_terms

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


def _delete_children(convention: Convention) -> None:
    SupportingDocument.objects.filter(
        Q(instalment__grant__convention=convention)
        | Q(renewed_grant__convention=convention)
        | Q(minutes_of__convention=convention)
    ).delete()
    for model in _CHILDREN:
        model.objects.filter(convention=convention).delete()


def _summary(terms: t.Convention) -> dict[str, Any]:
    return {
        "title": terms.title,
        "parties": [party.key for party in terms.parties],
        "grants": len(terms.grants),
        "action_sheets": len(terms.action_sheets),
        "deliberation": terms.deliberation.number if terms.deliberation else None,
    }


@transaction.atomic
def convention_store(
    *, terms: t.Convention, by: AbstractBaseUser | None = None
) -> tuple[Convention, bool]:
    """Create the convention ``terms`` describes, or replace the one with its reference.

    Organisations and people are shared with the rest of the register; the previous
    children (parties, articles, grants…) and any deliberation only this convention used
    are replaced. Returns the row and whether it was created.
    """
    convention = Convention.objects.select_for_update().filter(reference=terms.reference).first()
    created = convention is None
    previous_deliberation_id = None if convention is None else convention.deliberation_id

    deliberation = None
    if terms.deliberation is not None:
        authority = next(iter(terms.parties_with_role(t.PartyRole.PUBLIC_AUTHORITY)), None)
        deliberation = deliberation_from_terms(
            terms.deliberation,
            authority=organisation_from_terms(organisation=authority.organisation)[0]
            if authority
            else None,
        )

    fields = convention_fields(terms)
    if convention is None:
        try:
            with transaction.atomic():
                convention = Convention.objects.create(
                    reference=terms.reference, deliberation=deliberation, **fields
                )
        except IntegrityError:
            # stored at the same moment by someone else: this store replaces it
            convention = (
                Convention.objects.select_for_update().filter(reference=terms.reference).first()
            )
            if convention is None:
                raise
            created = False
            previous_deliberation_id = convention.deliberation_id
    if not created:
        _delete_children(convention)
        for name, value in fields.items():
            setattr(convention, name, value)
        convention.deliberation = deliberation
        convention.save()
    store_children(convention, terms)

    if previous_deliberation_id is not None:
        deliberation_delete_if_unused(deliberation_id=previous_deliberation_id)
    audit_record(
        action=AuditAction.CREATED if created else AuditAction.UPDATED,
        object_type="convention",
        object_ref=convention.reference,
        by=by,
        summary=_summary(terms),
    )
    # the layers above recompute what they derive from it (the follow-up's calendar)
    convention_stored.send(sender=Convention, convention=convention, on=timezone.localdate())
    return convention, created


@transaction.atomic
def convention_delete(*, convention: Convention, by: AbstractBaseUser | None = None) -> None:
    """Delete a convention, its children, and its deliberation if no other convention uses it.

    Organisations and people stay in the register.
    """
    convention_lock(convention)
    reference, deliberation_id = convention.reference, convention.deliberation_id
    summary = {"title": convention.title}
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
