"""The pages every French public service links from its footer, readable without login:
accessibilité, mentions légales, données personnelles, gestion des cookies, plan du site.

What depends on who runs the instance (its name, address, host, contacts) comes from the
settings (``PACTE_OPERATOR``…); ``check --deploy`` warns when they are missing.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

PAGES = {
    "accessibility": ("web/legal/accessibilite.html", "Accessibilité : non conforme"),
    "legal_notice": ("web/legal/mentions_legales.html", "Mentions légales"),
    "personal_data": ("web/legal/donnees_personnelles.html", "Données personnelles"),
    "cookies": ("web/legal/cookies.html", "Gestion des cookies"),
    "sitemap": ("web/legal/plan_du_site.html", "Plan du site"),
}


def _page(request: HttpRequest, key: str) -> HttpResponse:
    template, title = PAGES[key]
    operator = {k: v.strip() for k, v in getattr(settings, "PACTE_OPERATOR", {}).items()}
    minutes = int(getattr(settings, "SESSION_COOKIE_AGE", 7200)) // 60
    return render(
        request, template, {"title": title, "operator": operator, "session_minutes": minutes}
    )


@require_GET
def accessibility_view(request: HttpRequest) -> HttpResponse:
    return _page(request, "accessibility")


@require_GET
def legal_notice_view(request: HttpRequest) -> HttpResponse:
    return _page(request, "legal_notice")


@require_GET
def personal_data_view(request: HttpRequest) -> HttpResponse:
    return _page(request, "personal_data")


@require_GET
def cookies_view(request: HttpRequest) -> HttpResponse:
    return _page(request, "cookies")


@require_GET
def sitemap_view(request: HttpRequest) -> HttpResponse:
    return _page(request, "sitemap")
