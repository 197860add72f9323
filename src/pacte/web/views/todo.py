"""À faire: what is overdue or due within 90 days, across the conventions the user may see.

Grouped by what there is to do (payments, documents, committees, notice deadlines,
renewals, ends, milestones, open data), each line with its convention and its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pacte.accounts.enums import Role
from pacte.accounts.selectors import conventions_visible_to, is_admin, membership_of
from pacte.conventions.models import Convention
from pacte.followup.selectors import obligations_for
from pacte.rules.obligations import Obligation, ObligationKind, Status
from pacte.web.views.convention import STATUS_BADGES

AHEAD = timedelta(days=90)
SHOWN = 100
"""Lines shown per group: the oldest first; past that, the page only counts them."""
ACTIVE = {Status.OVERDUE, Status.DUE, Status.UPCOMING}


@dataclass(frozen=True)
class Group:
    """One kind of thing to do; the partner's wording differs where they are the ones waiting."""

    key: str
    title: str
    partner_title: str
    kinds: frozenset[ObligationKind]


GROUPS = (
    Group(
        "payments",
        "Versements à effectuer",
        "Versements attendus",
        frozenset({ObligationKind.PAYMENT}),
    ),
    Group(
        "documents",
        "Documents à réclamer",
        "Documents à fournir",
        frozenset(
            {
                ObligationKind.SUPPORTING_DOCUMENT,
                ObligationKind.FINANCIAL_REPORT,
                ObligationKind.MINUTES,
            }
        ),
    ),
    Group(
        "meetings", "Instances à réunir", "Instances à réunir", frozenset({ObligationKind.MEETING})
    ),
    Group(
        "notices",
        "Dates limites de dénonciation",
        "Dates limites de dénonciation",
        frozenset({ObligationKind.NOTICE_DEADLINE}),
    ),
    Group(
        "renewals",
        "Reconductions",
        "Reconductions",
        frozenset({ObligationKind.RENEWAL, ObligationKind.RENEWAL_DECISION}),
    ),
    Group("ends", "Fins de convention", "Fins de convention", frozenset({ObligationKind.END})),
    Group(
        "milestones",
        "Étapes des dispositifs",
        "Étapes des dispositifs",
        frozenset({ObligationKind.MILESTONE}),
    ),
    Group(
        "open_data",
        "Publications en données ouvertes",
        "Publications en données ouvertes",
        frozenset({ObligationKind.OPEN_DATA}),
    ),
)


@dataclass(frozen=True)
class Line:
    convention: Convention
    obligation: Obligation
    badge: str


@dataclass
class GroupView:
    key: str
    title: str
    lines: list[Line] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for line in self.lines if line.obligation.status is Status.OVERDUE)

    @property
    def shown(self) -> list[Line]:
        return self.lines[:SHOWN]

    @property
    def hidden(self) -> int:
        return max(0, len(self.lines) - SHOWN)


def todo_groups(conventions, *, on: date, partner: bool = False) -> list[GroupView]:
    """The groups of obligations overdue or due up to ``on`` + 90 days, in date order."""
    groups = [GroupView(g.key, g.partner_title if partner else g.title) for g in GROUPS]
    by_kind = {kind: view for g, view in zip(GROUPS, groups, strict=True) for kind in g.kinds}
    for calendar in obligations_for(conventions, on=on, until=on + AHEAD):
        for item in calendar.obligations:
            if item.status in ACTIVE and item.due is not None:
                by_kind[item.kind].lines.append(
                    Line(calendar.convention, item, STATUS_BADGES[item.status])
                )
    for group in groups:
        group.lines.sort(key=lambda line: (line.obligation.due, line.convention.reference))
    return [group for group in groups if group.lines]


@login_required
def todo_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    membership = membership_of(request.user)
    partner = membership is not None and membership.role == Role.PARTNER
    conventions = conventions_visible_to(request.user)
    groups = todo_groups(conventions, on=today, partner=partner)
    return render(
        request,
        "web/todo.html",
        {
            "title": "À faire",
            "today": today,
            "until": today + AHEAD,
            "groups": groups,
            "total": sum(len(g.lines) for g in groups),
            "overdue": sum(g.overdue for g in groups),
            "has_role": membership is not None or is_admin(request.user),
            "is_admin": is_admin(request.user),
            "membership": membership,
        },
    )
