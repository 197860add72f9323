"""Mon compte › Jetons d'API: create one (shown once), revoke one of one's own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from pacte.api.selectors import api_token_of, api_tokens_of
from pacte.api.services import api_token_create, api_token_revoke

SESSION_KEY = "pacte_new_api_token"


def api_tokens_context(request: HttpRequest) -> dict[str, object]:
    """What the account page shows: the user's tokens, and a new one's clear value once."""
    return {
        "api_tokens": api_tokens_of(request.user.pk),
        "api_token_new": request.session.pop(SESSION_KEY, None),
    }


@login_required
@require_POST
def api_token_create_view(request: HttpRequest) -> HttpResponse:
    _, clear = api_token_create(user=request.user, name=request.POST.get("name", ""))
    request.session[SESSION_KEY] = clear
    messages.success(request, "Jeton d'API créé : copiez-le maintenant, il ne sera plus affiché.")
    return redirect("account")


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = api_token_of(request.user.pk, pk)
    if token is None:
        raise Http404("Aucun jeton de ce numéro parmi les vôtres.")
    if api_token_revoke(token=token, by=request.user):
        messages.success(request, f"Jeton {token.prefix}… révoqué : il ne fonctionne plus.")
    else:
        messages.info(request, "Ce jeton était déjà révoqué.")
    return redirect("account")
