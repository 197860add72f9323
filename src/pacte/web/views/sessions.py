"""Council sessions: the list, per authority, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pacte.accounts.selectors import sessions_visible_to
from pacte.deliberations.selectors import sessions_listed


@login_required
def sessions_view(request: HttpRequest) -> HttpResponse:
    rows = sessions_listed(sessions_visible_to(request.user))
    return render(request, "web/sessions.html", {"title": "Séances du conseil", "rows": rows})
