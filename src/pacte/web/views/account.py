"""Mon compte: the user's role and their personal calendar address (regenerate, revoke)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pacte.accounts.selectors import calendar_feed_of, is_admin, membership_of
from pacte.accounts.services import calendar_feed_regenerate, calendar_feed_revoke
from pacte.web.views.api_tokens import api_tokens_context


@never_cache  # the page may show a secret being set up (second factor)
@login_required
def account_view(request: HttpRequest) -> HttpResponse:
    return account_page(request)


def account_page(request: HttpRequest, *, reminder_form=None, status: int = 200) -> HttpResponse:
    """« Mon compte », with a refused reminders form shown with its errors."""
    from pacte.web.views.reminders import reminders_context
    from pacte.web.views.two_factor import second_factor_context

    feed = calendar_feed_of(request.user)
    return render(
        request,
        "web/account.html",
        {
            "title": "Mon compte",
            "membership": membership_of(request.user),
            "admin": is_admin(request.user),
            "feed": feed,
            "feed_url": request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
            if feed
            else None,
            **api_tokens_context(request),
            **reminders_context(request, reminder_form),
            **second_factor_context(request),
        },
        status=status,
    )


@login_required
@require_POST
def calendar_regenerate_view(request: HttpRequest) -> HttpResponse:
    had = calendar_feed_of(request.user) is not None
    calendar_feed_regenerate(user=request.user)
    messages.success(
        request,
        "Nouvelle adresse de calendrier créée"
        + (" : l'ancienne ne fonctionne plus, mettez à jour votre abonnement." if had else "."),
    )
    return redirect("account")


@login_required
@require_POST
def calendar_revoke_view(request: HttpRequest) -> HttpResponse:
    if calendar_feed_revoke(user=request.user):
        messages.success(request, "Adresse de calendrier révoquée : elle ne fonctionne plus.")
    else:
        messages.info(request, "Vous n'aviez pas d'adresse de calendrier.")
    return redirect("account")
