"""À faire: what is overdue or due within 90 days, across the conventions the user may see.

Grouped by what there is to do (payments, documents, committees, notice deadlines,
renewals, ends, milestones, open data), each line with its convention and its reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pacte.accounts.enums import Role
from pacte.accounts.selectors import conventions_visible_to, is_admin, membership_of
from pacte.conventions.models import Convention
from pacte.followup.models import StoredObligation
from pacte.followup.services import obligations_refresh_many
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
    """A group: its first ``SHOWN`` lines by date, and how many there are in all."""

    key: str
    title: str
    lines: list[Line] = field(default_factory=list)
    count: int = 0
    late: int = 0

    @property
    def overdue(self) -> int:
        return self.late

    @property
    def shown(self) -> list[Line]:
        return self.lines[:SHOWN]

    @property
    def hidden(self) -> int:
        return max(0, self.count - len(self.shown))


def active_rows(conventions: QuerySet[Convention], *, on: date) -> QuerySet[StoredObligation]:
    """Stored obligations overdue, due or upcoming ``on`` a day, dated up to ``on`` + 90 days.

    The statuses that depend on the day are tested here as the rules test them: done
    once ``done_on`` is reached, a notice deadline passed without a letter is waived.
    """
    return (
        StoredObligation.objects.filter(
            convention__in=conventions.values("pk"),
            due__isnull=False,
            due__lte=on + AHEAD,
            terminal="",
        )
        .exclude(done_on__lte=on)
        .exclude(kind=ObligationKind.NOTICE_DEADLINE, due__lt=on, done_on__isnull=True)
    )


def todo_groups(conventions, *, on: date, partner: bool = False) -> list[GroupView]:
    """The groups of obligations overdue or due up to ``on`` + 90 days, in date order.

    Reads the stored obligations (``StoredObligation``); a convention without rows, or
    whose rows stop before ``on`` + 90 days, is refreshed first. Overdue, due and
    upcoming are derived from the due dates here, never stored. Each group is counted
    in the database and only its first ``SHOWN`` lines are read.
    """
    conventions = conventions if isinstance(conventions, QuerySet) else _queryset(conventions)
    fresh = StoredObligation.objects.filter(
        convention=OuterRef("pk"), computed_until__gte=on + AHEAD
    )
    stale = conventions.exclude(Exists(fresh))
    if stale.exists():
        obligations_refresh_many(stale, on=on)
    rows = active_rows(conventions, on=on)
    counts = {
        kind: (count, late)
        for kind, count, late in rows.order_by()
        .values("kind")
        .annotate(count=Count("pk"), late=Count("pk", filter=Q(due__lt=on)))
        .values_list("kind", "count", "late")
    }
    groups = []
    for group in GROUPS:
        kinds = [kind.value for kind in group.kinds if kind.value in counts]
        if not kinds:
            continue
        view = GroupView(
            group.key,
            group.partner_title if partner else group.title,
            count=sum(counts[kind][0] for kind in kinds),
            late=sum(counts[kind][1] for kind in kinds),
        )
        first = (
            rows.filter(kind__in=kinds)
            .select_related("convention")
            .order_by("due", "convention__reference", "position")[:SHOWN]
        )
        for row in first:
            item = row.obligation(on)
            view.lines.append(Line(row.convention, item, STATUS_BADGES[item.status]))
        groups.append(view)
    return groups


def _queryset(conventions: Iterable[Convention]) -> QuerySet[Convention]:
    return Convention.objects.filter(pk__in=[c.pk for c in conventions])


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
            "total": sum(g.count for g in groups),
            "overdue": sum(g.overdue for g in groups),
            "has_role": membership is not None or is_admin(request.user),
            "is_admin": is_admin(request.user),
            "membership": membership,
        },
    )
