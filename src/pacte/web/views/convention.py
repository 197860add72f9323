"""Convention: what it says, and the obligations calendar with the reason of each date."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pacte.cli.summary import render_summary
from pacte.conventions.models import Convention
from pacte.conventions.selectors import convention_terms
from pacte.rules.events import Events
from pacte.rules.obligations import Status, obligations
from pacte.rules.term import state_on

HORIZON = timedelta(days=365)

STATUS_BADGES = {
    Status.OVERDUE: "error",
    Status.DUE: "warning",
    Status.UPCOMING: "info",
    Status.DONE: "success",
    Status.WAIVED: "",
    Status.VOID: "",
}


@login_required
def convention_view(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        terms = convention_terms(reference=reference)
    except Convention.DoesNotExist:
        raise Http404(f"Aucune convention de référence « {reference} ».") from None
    today = timezone.localdate()
    events = Events(signatures=(terms.signed_on,) if terms.signed_on else ())
    items = obligations(terms, events, on=today, until=today + HORIZON)
    state, period = state_on(terms, events, today)
    return render(
        request,
        "web/convention.html",
        {
            "title": terms.title,
            "terms": terms,
            "summary": render_summary(terms),
            "state": state,
            "period": period,
            "today": today,
            "horizon": today + HORIZON,
            "obligations": [(o, STATUS_BADGES[o.status]) for o in items],
        },
    )
