"""Convention: what it says, what happened, what is due and why, and its history.

The page also carries the follow-up forms the user's role allows (see ``actions``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from pacte import terms as t
from pacte.accounts.selectors import actions_allowed
from pacte.conventions.models import Convention
from pacte.documents.selectors import source_documents
from pacte.followup.selectors import (
    convention_with_followup,
    events_for,
    history_for,
    terms_with_amendments,
)
from pacte.observation.selectors import ptce_choices_of
from pacte.outputs.documents import soffice
from pacte.outputs.payments import grant_payments
from pacte.rules.checks import check
from pacte.rules.checks.findings import grant_label
from pacte.rules.events import Events
from pacte.rules.facts import grant_figures
from pacte.rules.money import Balance, YearAmount
from pacte.rules.obligations import ObligationKind, Status, balances, obligations
from pacte.rules.term import start_date, state_on
from pacte.web.followup_actions import ACTIONS
from pacte.web.forms.followup import FollowupForm
from pacte.web.views.access import visible_convention
from pacte.web.views.agent_in_charge import agent_form_for
from pacte.web.views.generated import may_download

HORIZON = timedelta(days=365)
HISTORY_SIZE = 50

STATUS_BADGES = {
    Status.PENDING: "new",
    Status.OVERDUE: "error",
    Status.DUE: "warning",
    Status.UPCOMING: "info",
    Status.DONE: "success",
    Status.WAIVED: "",
    Status.VOID: "",
}
SEVERITY_BADGES = {"error": "error", "warning": "warning", "info": "info"}


@dataclass(frozen=True)
class GrantView:
    grant: t.Grant
    years: list[YearAmount]
    balance: Balance | None


@dataclass(frozen=True)
class FormView:
    key: str
    slug: str
    title: str
    form: FollowupForm
    open: bool


def _grants(terms: t.Convention, events: Events, today: date) -> list[GrantView]:
    by_key = {b.grant: b for b in balances(terms, events, until=today)}
    return [
        GrantView(grant, list(figures.years), by_key.get(grant.key))
        for grant, figures in zip(terms.grants, grant_figures(terms, events), strict=True)
    ]


def _offered(terms: t.Convention, key: str) -> bool:
    """Whether an action makes sense for this convention (no payment without a grant…)."""
    if key == "payment":
        return bool(terms.grants)
    if key == "meeting":
        return bool(terms.governing_bodies)
    if key == "renewal":
        return terms.renewal is not None and terms.renewal.kind is t.RenewalKind.EXPRESS
    return True


def _forms(
    request: HttpRequest, terms: t.Convention, bound: dict[str, FollowupForm]
) -> list[FormView]:
    allowed = actions_allowed(request.user)
    return [
        FormView(
            action.key,
            action.slug,
            action.title,
            bound.get(action.key) or action.form(terms=terms, prefix=action.key),
            action.key in bound,
        )
        for action in ACTIONS
        if action.key in allowed and _offered(terms, action.key)
    ]


@dataclass(frozen=True)
class GeneratedView:
    label: str
    url_name: str
    args: tuple

    def url(self, fmt: str) -> str:
        return reverse(self.url_name, args=[*self.args, fmt])

    @property
    def docx(self) -> str:
        return self.url("docx")

    @property
    def pdf(self) -> str:
        return self.url("pdf")


def _generated(request: HttpRequest, terms: t.Convention, events: Events) -> list[GeneratedView]:
    """The documents this user may generate from this convention (the avenants apart)."""
    reference = terms.reference
    result = []
    if may_download(request.user, "convention"):
        result.append(
            GeneratedView("La convention", "generated_document", (reference, "convention"))
        )
    notice = terms.termination.notice if terms.termination else None
    if notice is not None and may_download(request.user, "denonciation"):
        result.append(
            GeneratedView(
                "Lettre de dénonciation (à la date du jour)",
                "generated_document",
                (reference, "denonciation"),
            )
        )
    if may_download(request.user, "versement") and start_date(terms, events) is not None:
        for grant in terms.grants:
            for payment in grant_payments(terms, events, grant=grant):
                result.append(
                    GeneratedView(
                        f"Demande de versement : {payment.title} {payment.year} "
                        f"({t.format_amount_fr(payment.amount)})",
                        "payment_request_document",
                        (reference, grant.key, payment.year, payment.number),
                    )
                )
    return result


def render_convention(
    request: HttpRequest,
    convention: Convention,
    *,
    bound: dict[str, FollowupForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The convention page; ``bound`` holds a form refused, shown open with its errors."""
    convention = convention_with_followup(convention.pk)
    events = events_for(convention)
    terms = terms_with_amendments(convention, events)
    today = timezone.localdate()
    items = obligations(terms, events, on=today, until=today + HORIZON)
    state, period = state_on(terms, events, today)
    meetings = defaultdict(list)
    for meeting in convention.meeting_records.all():
        meetings[meeting.body_key].append(meeting)
    grant_names = {g.key: grant_label(g, terms.grants) for g in terms.grants}
    party_names = {p.key: p.name for p in terms.parties}
    return render(
        request,
        "web/convention.html",
        {
            "title": terms.title,
            "convention": convention,
            "terms": terms,
            "state": state,
            "period": period,
            "today": today,
            "horizon": today + HORIZON,
            "obligations": [(o, STATUS_BADGES[o.status]) for o in items],
            "payment_schedule": [
                (o, STATUS_BADGES[o.status]) for o in items if o.kind is ObligationKind.PAYMENT
            ],
            "milestones": [
                (o, STATUS_BADGES[o.status]) for o in items if o.kind is ObligationKind.MILESTONE
            ],
            "grants": _grants(terms, events, today),
            # each payment with the grant it counts for, named as a reader names it
            "payments": [
                (grant_names.get(p.grant_key, "subvention"), p)
                for p in convention.payment_records.all()
            ],
            "signatures": [
                (party_names.get(s.party_key, s.party_key), s)
                for s in convention.signature_records.all()
            ],
            "bodies": [(body, meetings.get(body.key, [])) for body in terms.governing_bodies],
            "notices": [
                (party_names.get(n.party_key, n.party_key), n)
                for n in convention.notice_records.all()
            ],
            "renewals": list(convention.renewal_records.all()),
            "termination": getattr(convention, "termination_record", None),
            "findings": [(f, SEVERITY_BADGES[f.severity.value]) for f in check(terms, on=today)],
            "documents": list(convention.document_records.all()),
            "party_names": party_names,
            "history": list(history_for(convention)[:HISTORY_SIZE]),
            "forms": _forms(request, terms, bound or {}),
            "amendments": list(convention.amendment_records.all()),
            "sources": list(source_documents(convention))
            if may_download(request.user, "source")
            else [],
            "generated": _generated(request, terms, events),
            "pdf_available": soffice() is not None,
            "ptce_choices": ptce_choices_of(convention),
            "agent_in_charge": convention.agent_in_charge,
            "agent_form": agent_form_for(request, convention),
        },
        status=status,
    )


@login_required
def convention_view(request: HttpRequest, reference: str) -> HttpResponse:
    return render_convention(request, visible_convention(request, reference))
