"""Attendance entry of a council session (agents of its authority, and the administrator).

Each member listed for the session is present, excused (with the member holding their
proxy, if any) or absent; the president and the secretary are present by office. The
rules decide (``session_attendance_set``): a member holds at most one proxy, and the
holder must be present. A refused entry is shown again with the French errors, nothing
stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from pacte.deliberations.enums import AttendanceStatus
from pacte.deliberations.models import Attendance, Session
from pacte.deliberations.selectors import session_for_attendance
from pacte.deliberations.services import (
    AttendanceConflict,
    AttendanceEntry,
    AttendanceError,
    session_attendance_set,
)
from pacte.organisations.models import Person
from pacte.organisations.selectors import person_to_terms
from pacte.rules.deliberations import _key, _same
from pacte.web.views.access import may_enter_attendance, visible_session


def _name(person: Person) -> str:
    return person_to_terms(person).full_name  # type: ignore[union-attr]


@dataclass(frozen=True)
class Line:
    name: str
    status: forms.BoundField
    proxy: forms.BoundField


class AttendanceForm(forms.Form):
    """One status and one proxy holder per member listed; fields named by the person's id."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    """The ``attendance_version`` the form was shown with (a later save is a conflict)."""

    def __init__(self, *args: object, session: Session, rows: list[Attendance], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.rows = rows
        self.fields["version"].initial = session.attendance_version
        chairs = [p for p in (session.president, session.secretary) if p is not None]
        holders = [(p.pk, _name(p)) for p in chairs] + [
            (r.person_id, _name(r.person)) for r in rows
        ]
        keys = [(pk, _key(person_to_terms(p))) for pk, p in self._people(chairs, rows)]
        for row in rows:
            name = _name(row.person)
            self.fields[f"statut_{row.person_id}"] = forms.ChoiceField(
                label=f"Présence de {name}",
                choices=AttendanceStatus.choices,
                initial=row.status,
            )
            initial = ""
            if row.proxy_to is not None:
                # the act may name the holder without the title given in the list
                wanted = _key(person_to_terms(row.proxy_to))
                initial = next((pk for pk, key in keys if _same(key, wanted)), row.proxy_to_id)
            self.fields[f"pouvoir_{row.person_id}"] = forms.TypedChoiceField(
                label=f"Pouvoir de {name} donné à",
                choices=[("", "— aucun —")]
                + [(pk, holder) for pk, holder in holders if pk != row.person_id],
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial,
            )

    @staticmethod
    def _people(chairs: list[Person], rows: list[Attendance]) -> list[tuple[int, Person]]:
        return [(p.pk, p) for p in chairs] + [(r.person_id, r.person) for r in rows]

    def lines(self) -> list[Line]:
        return [
            Line(
                _name(row.person),
                self[f"statut_{row.person_id}"],
                self[f"pouvoir_{row.person_id}"],
            )
            for row in self.rows
        ]

    def entries(self) -> list[AttendanceEntry]:
        return [
            AttendanceEntry(
                person_id=row.person_id,
                status=self.cleaned_data[f"statut_{row.person_id}"],
                proxy_to_id=self.cleaned_data[f"pouvoir_{row.person_id}"],
            )
            for row in self.rows
        ]


def _merged(
    sent: QueryDict, form: AttendanceForm, conflict: AttendanceConflict, clashes: set[int]
) -> QueryDict:
    """The form to show again after a conflict: where the user left a line as it was, the
    other user's change is taken; where both changed it, the user's choice is kept (and
    the person's id added to ``clashes``). Sent again, it applies over the newer version."""
    data = sent.copy()
    data["version"] = str(conflict.version)
    for change in conflict.changes:
        status = form.cleaned_data.get(f"statut_{change.person_id}")
        proxy = form.cleaned_data.get(f"pouvoir_{change.person_id}")
        mine = (status, proxy if status == AttendanceStatus.EXCUSED else None)
        if mine == change.was:
            data[f"statut_{change.person_id}"] = change.now[0]
            data[f"pouvoir_{change.person_id}"] = str(change.now[1] or "")
        elif mine != change.now:
            clashes.add(change.person_id)
    return data


@login_required
def session_attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = visible_session(request, pk)
    if not may_enter_attendance(request.user, session):
        raise PermissionDenied("Seuls les agents de la collectivité saisissent les présences.")
    session, rows = session_for_attendance(session.pk)
    data = request.POST if request.method == "POST" else None
    form = AttendanceForm(data, session=session, rows=rows)
    status = 200
    conflict = None
    clashes: set[int] = set()
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                session_attendance_set(
                    session=session,
                    attendance=form.entries(),
                    by=request.user,
                    version=form.cleaned_data.get("version"),
                )
            except AttendanceError as error:
                for message in error.messages:
                    form.add_error(None, message)
            except AttendanceConflict as error:
                conflict, status = error, 409
                session, rows = session_for_attendance(session.pk)
                form = AttendanceForm(
                    _merged(request.POST, form, error, clashes), session=session, rows=rows
                )
                form.is_valid()
            else:
                messages.success(request, "Présences enregistrées.")
                return redirect("session", pk=session.pk)
    return render(
        request,
        "web/session_attendance.html",
        {
            "title": f"Présences — {session}",
            "session": session,
            "form": form,
            "lines": form.lines(),
            "conflict": conflict,
            "clashes": clashes,
            "chairs": [
                (label, _name(p))
                for label, p in (
                    ("président de séance", session.president),
                    ("secrétaire de séance", session.secretary),
                )
                if p is not None
            ],
        },
        status=status,
    )
