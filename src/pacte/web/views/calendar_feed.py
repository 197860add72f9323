"""The personal iCalendar feed: the secret token in the address is the only credential.

Calendar clients (Outlook, Thunderbird) cannot log in, so the feed answers without a
session; an unknown or revoked token is a 404, like an unknown address.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from pacte.accounts.selectors import conventions_visible_to, user_for_calendar_token
from pacte.accounts.services import calendar_feed_used
from pacte.followup.selectors import obligations_for
from pacte.rules.ical import obligations_ical

PAST = timedelta(days=180)
AHEAD = timedelta(days=730)


@require_GET
def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    user = user_for_calendar_token(token)
    if user is None:
        raise Http404("Calendrier inconnu ou révoqué.")
    now = timezone.now()
    today = timezone.localdate()
    calendars = obligations_for(
        conventions_visible_to(user), on=today, since=today - PAST, until=today + AHEAD
    )
    data = obligations_ical(
        ((c.convention.reference, o) for c in calendars for o in c.obligations),
        name="Pacte — mes obligations",
        stamp=now,
    )
    calendar_feed_used(user=user, now=now)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pacte.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
