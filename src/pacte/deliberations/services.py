"""Writes for sessions and deliberations.

A council session is stored whole with ``council_session_store`` (``pacte load`` of a
session file), which records the audit entry. A convention's own act is written as part
of the convention (see ``pacte.conventions.services``), which records its entry.

Example: ``session, created = council_session_store(terms=load_council_session_yaml(text))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from pacte import terms as t
from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.deliberations.enums import AttendanceStatus
from pacte.deliberations.models import Attendance, Decision, Deliberation, Session, SessionMember
from pacte.deliberations.rows import (
    decisions_store,
    deliberation_fields,
    session_fields,
    session_fill,
)
from pacte.organisations.services import PersonPool, organisation_from_terms


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
    people = PersonPool()
    fields = session_fields(terms.session, people=people)
    if row is None:
        row = Session.objects.create(authority=authority, registered=True, **fields)
    else:
        for name, value in fields.items():
            setattr(row, name, value)
        row.registered = True
        row.save()
        SessionMember.objects.filter(session=row).delete()
        Attendance.objects.filter(session=row).delete()
    session_fill(row, terms.session, people=people)

    stored = list(row.deliberations.order_by("pk"))
    taken: set[int] = set()
    for item in terms.deliberations:
        act = _match(stored, item, taken)
        if act is None:
            act = Deliberation.objects.create(
                session=row, **deliberation_fields(item, people=people)
            )
        else:
            for name, value in deliberation_fields(item, people=people).items():
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


# -- attendance entry -------------------------------------------------------------------

PROXY_RULES = ("session.proxy_double", "session.proxy_holder_not_present")
"""The rules an attendance entry must pass (a member holds at most one proxy, held by
a member present)."""


@dataclass(frozen=True)
class AttendanceEntry:
    """One member's attendance as entered: present, excused (maybe with a proxy) or absent."""

    person_id: int
    status: str
    proxy_to_id: int | None = None


class AttendanceError(ValueError):
    """The attendance entered breaks the rules; ``messages`` say why in French, naming members."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class AttendanceChange:
    """One member's line changed by someone else: status (and proxy) before and after,
    as read (``before``, ``after``) and as stored (``was``, ``now``: status, proxy id)."""

    person_id: int
    member: str
    before: str
    after: str
    was: tuple[str, int | None]
    now: tuple[str, int | None]


class AttendanceConflict(Exception):
    """The attendance was saved by someone else since the form was shown.

    ``version`` is the current one (a form sent again with it applies its choices),
    ``by`` and ``at`` who saved last and when, ``changes`` what they changed."""

    def __init__(
        self, *, version: int, by: str, at: datetime | None, changes: list[AttendanceChange]
    ) -> None:
        when = f" à {timezone.localtime(at):%H:%M}" if at else ""
        super().__init__(f"Présences modifiées entre-temps par {by}{when}.")
        self.version = version
        self.by = by
        self.at = at
        self.changes = changes


def _line_label(status: str, proxy: str | None) -> str:
    label = str(AttendanceStatus(status).label)
    return f"{label}, pouvoir à {proxy}" if proxy else label


def _conflict(session: Session, version: int) -> AttendanceConflict:
    """What was saved after ``version``, from the journal (oldest first, merged)."""
    from pacte.audit.models import AuditEntry

    entries = [
        entry
        for entry in AuditEntry.objects.filter(
            object_type="session", object_ref=session_reference(session)
        )
        .select_related("actor")
        .order_by("at", "pk")
        if int(entry.summary.get("version") or 0) > version
    ]
    merged: dict[int, AttendanceChange] = {}
    for entry in entries:
        for line in entry.summary.get("details", []):
            first = merged.get(line["person"])
            merged[line["person"]] = AttendanceChange(
                person_id=line["person"],
                member=line["member"],
                before=first.before if first else line["before"],
                after=line["after"],
                was=first.was if first else (line["was"][0], line["was"][1]),
                now=(line["now"][0], line["now"][1]),
            )
    last = entries[-1] if entries else None
    actor = last.actor if last else None
    by = (actor.get_full_name() or actor.get_username()) if actor else "un autre utilisateur"
    changes = [change for change in merged.values() if change.was != change.now]
    return AttendanceConflict(
        version=session.attendance_version, by=by, at=last.at if last else None, changes=changes
    )


def _attendance_errors(
    session: Session, rows: list[Attendance], entries: dict[int, AttendanceEntry]
) -> list[str]:
    from pacte.deliberations.rows import session_to_terms
    from pacte.organisations.selectors import person_to_terms
    from pacte.rules.deliberations import session_findings

    people = {row.person_id: row.person for row in rows}
    for chair in (session.president, session.secretary):
        if chair is not None:
            people.setdefault(chair.pk, chair)
    errors = []
    for row in rows:
        entry = entries[row.person_id]
        name = person_to_terms(row.person).full_name
        if entry.status not in AttendanceStatus.values:
            errors.append(f"{name} : présence inconnue « {entry.status} ».")
        elif entry.proxy_to_id is not None:
            if entry.status != AttendanceStatus.EXCUSED:
                errors.append(
                    f"{name} n'est pas excusé : seul un membre excusé donne pouvoir à un autre."
                )
            elif entry.proxy_to_id == row.person_id:
                errors.append(f"{name} ne peut pas se donner pouvoir à lui-même.")
            elif entry.proxy_to_id not in people:
                errors.append(f"{name} donne pouvoir à une personne qui n'est pas membre.")
    if errors:
        return errors

    def holder(entry: AttendanceEntry) -> t.Person | None:
        return person_to_terms(people[entry.proxy_to_id]) if entry.proxy_to_id else None

    def listed(status: str) -> list[Attendance]:
        return [row for row in rows if entries[row.person_id].status == status]

    stored = session_to_terms(session)
    entered = stored.model_copy(
        update={
            "present": [person_to_terms(r.person) for r in listed(AttendanceStatus.PRESENT)],
            "excused": [
                t.ExcusedMember(
                    person=person_to_terms(r.person), proxy_to=holder(entries[r.person_id])
                )
                for r in listed(AttendanceStatus.EXCUSED)
            ],
            "absent": [person_to_terms(r.person) for r in listed(AttendanceStatus.ABSENT)],
        }
    )
    # the proxy rules do not depend on the kind of authority
    return [f.message for f in session_findings(entered) if f.code in PROXY_RULES]


@transaction.atomic
def session_attendance_set(
    *,
    session: Session,
    attendance: list[AttendanceEntry],
    by: AbstractBaseUser | None = None,
    version: int | None = None,
) -> Session:
    """Set the attendance of the members listed in ``session``; nothing stored if it breaks a rule.

    ``attendance`` gives, for each member of the session's attendance list (the president
    and the secretary are present by office), the status and the proxy holder. The rules of
    ``pacte.rules.deliberations`` decide: a member holds at most one proxy, and the holder
    must be present; ``AttendanceError`` lists what is wrong, naming the members.

    ``version`` is the ``attendance_version`` the form was shown with: if someone saved
    since, nothing is stored and ``AttendanceConflict`` says who, when and what changed.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    if version is not None and version != session.attendance_version:
        raise _conflict(session, version)
    rows = list(session.attendances.select_related("person", "proxy_to").order_by("position"))
    entries = {entry.person_id: entry for entry in attendance}
    missing = [row for row in rows if row.person_id not in entries]
    unknown = set(entries) - {row.person_id for row in rows}
    if missing or unknown:
        raise AttendanceError(
            ["La saisie ne correspond pas à la liste des membres de la séance : rechargez la page."]
        )
    errors = _attendance_errors(session, rows, entries)
    if errors:
        raise AttendanceError(errors)
    from pacte.organisations.models import Person
    from pacte.organisations.selectors import person_to_terms

    def named(person_id: int | None) -> str | None:
        person = person_to_terms(Person.objects.filter(pk=person_id).first()) if person_id else None
        return person.full_name if person is not None else None

    changes = []
    details = []
    for row in rows:
        entry = entries[row.person_id]
        proxy_to_id = entry.proxy_to_id if entry.status == AttendanceStatus.EXCUSED else None
        if row.status == entry.status and row.proxy_to_id == proxy_to_id:
            continue
        # the same holder named with or without a title is no change for the journal
        if row.status != entry.status or named(row.proxy_to_id) != named(proxy_to_id):
            member = person_to_terms(row.person).full_name  # type: ignore[union-attr]
            changes.append(member)
            details.append(
                {
                    "person": row.person_id,
                    "member": member,
                    "before": _line_label(row.status, named(row.proxy_to_id)),
                    "after": _line_label(entry.status, named(proxy_to_id)),
                    "was": [row.status, row.proxy_to_id],
                    "now": [entry.status, proxy_to_id],
                }
            )
        row.status = entry.status
        row.proxy_to_id = proxy_to_id
        row.save(update_fields=["status", "proxy_to"])
    session.attendance_version += 1
    session.save(update_fields=["attendance_version"])
    audit_record(
        action=AuditAction.UPDATED,
        object_type="session",
        object_ref=session_reference(session),
        by=by,
        summary={"attendance": changes, "details": details, "version": session.attendance_version},
    )
    return session
