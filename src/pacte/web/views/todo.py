"""À faire: what is overdue or due within 90 days, across the conventions the user may see.

Grouped by what there is to do (payments, documents, committees, notice deadlines,
renewals, ends, milestones, open data), each line with its convention and its reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from pacte.accounts.selectors import (
    conventions_visible_to,
    is_admin,
    is_partner,
    may_assign,
    membership_of,
)
from pacte.conventions.models import Convention
from pacte.conventions.selectors import conventions_in_charge_of
from pacte.followup.calendars import calendars_ensure
from pacte.followup.models import StoredObligation
from pacte.followup.sections import GROUPS
from pacte.followup.selectors.counts import (
    counted_organisation,
    kept_pending_counts,
    kept_section_counts,
    kept_section_windows,
    kept_stale_count,
    organisation_rows,
)
from pacte.followup.selectors.register import conventions_with
from pacte.followup.selectors.todo import (
    AHEAD,
    active_rows,
    calendars_stale,
    conventions_of,
    pending_counts,
    pending_rows,
    section_counts,
    section_overdue,
    section_rows,
)
from pacte.rules.obligations import Obligation, Status
from pacte.terms import PartyRole
from pacte.web.views.choices import organisation_choices
from pacte.web.views.convention import STATUS_BADGES
from pacte.web.views.paging import CountedPaginator

SHOWN = 20
"""Lines shown per section on the home page, the oldest first; the section's own page
lists them all (``PAGE_SIZE`` per page)."""
PAGE_SIZE = 50
ACTIVE = {Status.OVERDUE, Status.DUE, Status.UPCOMING}


GROUP_BY_SLUG = {group.slug: group for group in GROUPS}


@dataclass(frozen=True)
class Line:
    convention: Convention
    obligation: Obligation
    badge: str
    counterpart: str = ""
    """Who the convention is with, as the reader tells lines apart: the partners for an
    authority's agent, the authorities for a partner."""


@dataclass
class GroupView:
    """A section: its first lines by date, and how many there are in all."""

    key: str
    slug: str
    title: str
    lines: list[Line] = field(default_factory=list)
    count: int = 0
    overdue: int = 0
    waiting: int = 0
    """Obligations of the section waiting for their trigger (no date yet, never late)."""

    @property
    def shown(self) -> list[Line]:
        return self.lines[:SHOWN]

    @property
    def hidden(self) -> int:
        return max(0, self.count - len(self.shown))


def counterpart(convention: Convention, *, partner: bool) -> str:
    """The other side of a convention, by short name: its partners (its authorities for a
    partner's user), « Ville de Saint-Gwenaël » rather than the convention's long title."""
    parties = list(convention.parties.all())
    wanted = [p for p in parties if (p.role == PartyRole.PUBLIC_AUTHORITY) is partner] or parties
    return ", ".join(p.organisation.short_name or p.organisation.name for p in wanted)


def lines_of(rows: Iterable[StoredObligation], on: date, *, partner: bool = False) -> list[Line]:
    """The page's lines for stored rows read with their convention and its parties."""
    lines = []
    for row in rows:
        item = row.obligation(on)
        who = counterpart(row.convention, partner=partner)
        lines.append(Line(row.convention, item, STATUS_BADGES[item.status], who))
    return lines


def todo_groups(
    conventions, *, on: date, partner: bool = False, counted: int | None = None
) -> list[GroupView]:
    """The sections of obligations overdue or due up to ``on`` + 90 days, in date order.

    Reads the stored obligations (``StoredObligation``) and writes nothing: a calendar
    that stops too early is only counted (``stale_count``). Overdue, due and upcoming
    are derived from the due dates here, never stored. Each section is counted in the
    database and only its first ``SHOWN`` lines are read. ``counted``: the organisation
    whose conventions these are exactly (``counted_organisation``): the counts are then
    the ones kept for it, not counted again.
    """
    conventions = conventions if isinstance(conventions, QuerySet) else conventions_of(conventions)
    windows: dict[str, tuple[date, date]] = {}
    if counted is None:
        rows = active_rows(conventions, on=on)
        counts = section_counts(rows, on=on)
        waiting = pending_counts(pending_rows(conventions, on=on))
    else:
        rows = organisation_rows(counted, on=on)
        counts = kept_section_counts(counted, on=on, ahead=AHEAD)
        waiting = kept_pending_counts(counted, on=on)
        windows = kept_section_windows(counted, on=on, ahead=AHEAD, first=SHOWN)
    groups = []
    for group in GROUPS:
        if group.key not in counts and group.key not in waiting:
            continue
        count, late = counts.get(group.key, (0, 0))
        view = GroupView(
            group.key,
            group.slug,
            group.heading(partner=partner),
            count=count,
            overdue=late,
            waiting=waiting.get(group.key, 0),
        )
        if count:
            shown = section_rows(rows, group.key, between=windows.get(group.key))
            view.lines = lines_of(shown[:SHOWN], on, partner=partner)
        groups.append(view)
    return groups


def stale_count(
    conventions: QuerySet[Convention],
    *,
    on: date,
    counted: int | None = None,
    visible: int | None = None,
) -> int:
    """How many of these conventions have a stored calendar stopping before ``on`` + 90 days
    (the page then says so and offers to recompute them); ``counted`` as ``todo_groups``,
    ``visible``: how many conventions it has, when the page knows it already."""
    if counted is not None:
        return kept_stale_count(counted, on=on, ahead=AHEAD, visible=visible)
    return calendars_stale(conventions, on=on, ahead=AHEAD).count()


def counted_for(request: HttpRequest) -> int | None:
    """The organisation whose kept counts are those of the conventions this user sees
    (``counted_organisation``), or None when they are counted as they are read."""
    if is_admin(request.user):
        return counted_organisation(organisation_id=None, admin=True)
    membership = membership_of(request.user)
    return counted_organisation(
        organisation_id=membership.organisation_id if membership else None, admin=False
    )


@dataclass(frozen=True)
class Filter:
    """« À faire » for one organisation on the other side: a partner (an authority for a
    partner's user), chosen among those of the conventions the user sees."""

    label: str
    choices: list[tuple[int, str]]
    chosen: int | None
    mine: bool = False
    """« Mes conventions seulement »: those the user is the agent in charge of."""
    can_mine: bool = False
    cut: bool = False
    """More organisations than a list can offer: only the one chosen is (from the Registre)."""

    @property
    def listed(self) -> bool:
        """Whether the page offers the choice at all (one organisation needs none)."""
        return self.cut or len(self.choices) > 1

    @property
    def params(self) -> str:
        return "&".join(
            part
            for part in (
                f"partenaire={self.chosen}" if self.chosen else "",
                "miens=1" if self.mine else "",
            )
            if part
        )

    @property
    def query(self) -> str:
        return f"?{self.params}" if self.params else ""

    @property
    def active(self) -> bool:
        return bool(self.chosen or self.mine)

    @property
    def chosen_name(self) -> str:
        return next((name for pk, name in self.choices if pk == self.chosen), "")


def _filtered(
    request: HttpRequest, *, partner: bool
) -> tuple[QuerySet[Convention], Filter, int | None]:
    """The conventions the page shows, its filter, and the organisation whose kept
    counts are the page's (None when filtered, ``counted_for``)."""
    visible = conventions_visible_to(request.user)
    counted = counted_for(request)
    # capped like the Registre's: a register of thousands of partners is not a list
    offered = organisation_choices(
        request, visible, "partenaire", authority=partner, counted=counted
    )
    choices = offered.items
    raw = request.GET.get("partenaire", "")
    chosen = int(raw) if raw.isdigit() and int(raw) in {pk for pk, _ in choices} else None
    label = "Collectivité" if partner else "Partenaire"
    conventions = conventions_with(visible, chosen) if chosen else visible
    can_mine = may_assign(request.user)
    mine = can_mine and request.GET.get("miens") == "1"
    if mine:
        conventions = conventions_in_charge_of(conventions, request.user.pk)
    shown = Filter(label, choices, chosen, mine, can_mine, offered.cut)
    return conventions, shown, None if shown.active else counted


@login_required
def todo_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    membership = membership_of(request.user)
    if membership is None and not is_admin(request.user):
        # an applicant to a call for projects has no role in the register: their page
        # is their applications
        from pacte.calls.selectors import is_applicant

        if is_applicant(request.user):
            return redirect("calls")
    partner = is_partner(request.user)
    conventions, chosen, counted = _filtered(request, partner=partner)
    groups = todo_groups(conventions, on=today, partner=partner, counted=counted)
    return render(
        request,
        "web/todo.html",
        {
            "title": "À faire",
            "shown": SHOWN,
            "today": today,
            "until": today + AHEAD,
            "groups": groups,
            "total": sum(g.count for g in groups),
            "overdue": sum(g.overdue for g in groups),
            "has_role": membership is not None or is_admin(request.user),
            "is_admin": is_admin(request.user),
            "membership": membership,
            "stale": stale_count(conventions, on=today, counted=counted),
            "filter": chosen,
        },
    )


@login_required
def todo_section_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Every line of one section of « À faire », ``PAGE_SIZE`` per page, in date order."""
    group = GROUP_BY_SLUG.get(slug)
    if group is None:
        raise Http404(f"Rubrique « {slug} » inconnue dans « À faire ».")
    today = timezone.localdate()
    partner = is_partner(request.user)
    conventions, chosen, counted = _filtered(request, partner=partner)
    waiting = request.GET.get("attente") == "1"
    known: int | None = None
    if counted is None:
        rows = active_rows(conventions, on=today)
        listed = pending_rows(conventions, on=today) if waiting else rows
        late = 0 if waiting else section_overdue(rows, group.key, on=today)
    else:
        rows = organisation_rows(counted, on=today)
        listed = organisation_rows(counted, on=today, pending=True) if waiting else rows
        if waiting:
            known, late = kept_pending_counts(counted, on=today).get(group.key, 0), 0
        else:
            known, late = kept_section_counts(counted, on=today, ahead=AHEAD).get(group.key, (0, 0))
    paginator = CountedPaginator(section_rows(listed, group.key), PAGE_SIZE, known=known)
    page = paginator.get_page(request.GET.get("page"))
    title = group.heading(partner=partner)
    if waiting:
        title = f"{title} — en attente de leur déclencheur"
    if chosen.chosen:
        title = f"{title} — {chosen.chosen_name}"
    if chosen.mine:
        title = f"{title} — mes conventions"
    return render(
        request,
        "web/todo_section.html",
        {
            "title": f"{title} — À faire",
            "heading": title,
            "today": today,
            "until": today + AHEAD,
            "page": page,
            "lines": lines_of(page.object_list, today, partner=partner),
            "late": late,
            "waiting": waiting,
            "stale": stale_count(conventions, on=today, counted=counted),
            "filter": chosen,
            "params": "&".join(
                part
                for part in (
                    "attente=1" if waiting else "",
                    chosen.params,
                )
                if part
            ),
        },
    )


@login_required
@require_POST
def calendars_refresh_view(request: HttpRequest) -> HttpResponse:
    """Recompute the stale calendars of the conventions this user sees, then go back."""
    today = timezone.localdate()
    count = calendars_ensure(conventions_visible_to(request.user), on=today, ahead=AHEAD)
    if count:
        messages.success(request, f"Calendrier recalculé pour {count} convention(s).")
    else:
        messages.info(request, "Les calendriers étaient déjà à jour.")
    target = request.POST.get("suivant", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("todo")
    return redirect(target)
