"""Writes for sessions and deliberations.

A council session is stored whole with ``council_session_store`` (``pacte load`` of a
session file), which records the audit entry. A convention's own act is written as part
of the convention (see ``pacte.conventions.services``), which records its entry.

Example: ``session, created = council_session_store(terms=load_council_session_yaml(text))``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from pacte import terms as t
from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.deliberations.models import Attendance, Decision, Deliberation, Session, SessionMember
from pacte.deliberations.rows import (
    decisions_store,
    deliberation_fields,
    session_fields,
    session_fill,
)
from pacte.organisations.services import organisation_from_terms


def session_reference(session: Session) -> str:
    """How the journal and the command line name a session: ``seance:2009-03-30:SIRET``."""
    siret = session.authority.siret if session.authority else ""
    return f"seance:{session.date.isoformat()}" + (f":{siret}" if siret else "")


def _match(
    rows: list[Deliberation], item: t.DeliberationItem, taken: set[int]
) -> Deliberation | None:
    """The stored act ``item`` describes: same number, else (no number) same object."""
    for row in rows:
        if row.pk in taken:
            continue
        if item.number is not None and row.number == item.number:
            return row
        if item.number is None and not row.number and row.object == item.object:
            return row
    return None


@transaction.atomic
def council_session_store(
    *, terms: t.CouncilSession, by: AbstractBaseUser | None = None
) -> tuple[Session, bool]:
    """Create the session ``terms`` describes, or update the stored one; returns (row, created).

    A session is the same when its authority, date and body are: re-loading a file updates
    it and never duplicates it. Its acts are matched by number (by object when unnumbered)
    and updated in place, so a convention that refers to one keeps referring to it; an act
    no longer in the file is deleted unless a convention still refers to it.
    """
    authority, _ = organisation_from_terms(organisation=terms.authority)
    row = (
        Session.objects.select_for_update()
        .filter(authority=authority, date=terms.session.date, body=terms.session.body)
        .order_by("-registered", "pk")
        .first()
    )
    created = row is None
    fields = session_fields(terms.session)
    if row is None:
        row = Session.objects.create(authority=authority, registered=True, **fields)
    else:
        for name, value in fields.items():
            setattr(row, name, value)
        row.registered = True
        row.save()
        SessionMember.objects.filter(session=row).delete()
        Attendance.objects.filter(session=row).delete()
    session_fill(row, terms.session)

    stored = list(row.deliberations.order_by("pk"))
    taken: set[int] = set()
    for item in terms.deliberations:
        act = _match(stored, item, taken)
        if act is None:
            act = Deliberation.objects.create(session=row, **deliberation_fields(item))
        else:
            for name, value in deliberation_fields(item).items():
                setattr(act, name, value)
            act.save()
            Decision.objects.filter(deliberation=act).delete()
        taken.add(act.pk)
        decisions_store(act, item)
    Deliberation.objects.filter(session=row, conventions__isnull=True).exclude(
        pk__in=taken
    ).delete()

    audit_record(
        action=AuditAction.CREATED if created else AuditAction.UPDATED,
        object_type="session",
        object_ref=session_reference(row),
        by=by,
        summary={
            "body": row.body,
            "deliberations": [d.number or d.object[:80] for d in terms.deliberations],
        },
    )
    return row, created


def deliberation_delete_if_unused(*, deliberation_id: int) -> bool:
    """Delete a convention's act no convention refers to any more, and its session if left empty.

    An act of a session stored whole (``council_session_store``) stays. Returns whether
    the deliberation was deleted.
    """
    deliberation = (
        Deliberation.objects.filter(
            pk=deliberation_id, conventions__isnull=True, session__registered=False
        )
        .select_related("session")
        .first()
    )
    if deliberation is None:
        return False
    session_id = deliberation.session_id
    deliberation.delete()
    Session.objects.filter(pk=session_id, deliberations__isnull=True).delete()
    return True
