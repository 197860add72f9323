"""A council session: attendance, stated figures, quorum, and each deliberation voted there.

Everything said of the session (quorum, proxies, votes, executory dates, findings) comes
from ``pacte.rules.deliberations``; this view only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pacte import terms as t
from pacte.accounts.selectors import is_partner, references_visible_to
from pacte.conventions.selectors import deliberation_conventions
from pacte.deliberations.models import Deliberation, Session
from pacte.deliberations.rows import deliberation_item_to_terms, session_to_terms
from pacte.deliberations.selectors import session_with_acts
from pacte.outputs.documents import soffice
from pacte.rules.checks.findings import Finding
from pacte.rules.deliberations import SessionSummary, session_findings, session_summary
from pacte.web.views.access import may_enter_attendance, visible_session

SEVERITY_BADGES = {"error": "error", "warning": "warning", "info": "info"}


@dataclass(frozen=True)
class ActView:
    row: Deliberation
    act: t.Deliberation
    summary: SessionSummary
    findings: list[tuple[Finding, str]]
    conventions: list[tuple[str, bool]]
    """(reference, whether the user may open it)."""


def authority_kind(session: Session) -> t.OrganisationKind | None:
    """The kind of the session's authority when stored (else the rules read the body's name)."""
    value = session.authority.kind if session.authority else ""
    return t.OrganisationKind(value) if value in t.OrganisationKind._value2member_map_ else None


def _badged(findings: list[Finding]) -> list[tuple[Finding, str]]:
    return [(f, SEVERITY_BADGES[f.severity.value]) for f in findings]


def session_context(request: HttpRequest, session: Session) -> dict[str, object]:
    """What the session page shows (also under the attendance form)."""
    session = session_with_acts(session.pk)
    terms = session_to_terms(session)
    kind = authority_kind(session)
    summary = session_summary(terms, kind=kind)
    session_level = session_findings(terms, kind=kind)
    codes = {(f.code, f.message) for f in session_level}
    rows = sorted(session.deliberations.all(), key=lambda row: (row.number, row.pk))
    named = {ref for row in rows for ref in deliberation_conventions(row)}
    visible = references_visible_to(request.user, named)
    if is_partner(request.user):
        # a partner reads the session through the acts about its own conventions only
        rows = [row for row in rows if acts_concern(row, visible)]
    acts = []
    for row in rows:
        act = deliberation_item_to_terms(row).in_session(terms)
        acts.append(
            ActView(
                row=row,
                act=act,
                summary=session_summary(terms, act, kind=kind),
                findings=_badged(
                    [
                        f
                        for f in session_findings(terms, act, kind=kind)
                        if (f.code, f.message) not in codes
                    ]
                ),
                conventions=[(ref, ref in visible) for ref in deliberation_conventions(row)],
            )
        )
    return {
        "title": str(session),
        "session": session,
        "terms": terms,
        "summary": summary,
        "findings": _badged(session_level),
        "acts": acts,
        # a PDF link only where the server can produce one (LibreOffice)
        "pdf_available": soffice() is not None,
        "may_enter": may_enter_attendance(request.user, session),
    }


def acts_concern(row: Deliberation, visible: set[str]) -> bool:
    """Whether an act is about one of the conventions this user may see."""
    return any(ref in visible for ref in deliberation_conventions(row))


@login_required
def session_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = visible_session(request, pk)
    return render(request, "web/session.html", session_context(request, session))
