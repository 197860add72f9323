"""Council sessions: the list, per authority, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pacte.web.views.access import sessions_visible_to


@login_required
def sessions_view(request: HttpRequest) -> HttpResponse:
    rows = (
        sessions_visible_to(request.user)
        .select_related("authority")
        .annotate(acts=Count("deliberations"))
        .order_by("authority__name", "-date", "body", "pk")
    )
    return render(request, "web/sessions.html", {"title": "Séances du conseil", "rows": rows})
