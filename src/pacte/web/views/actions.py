"""Actions on a convention page: each form posts here, calls one follow-up service, redirects.

A refused record re-renders the convention page with the form and its French errors.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pacte.accounts.selectors import actions_allowed
from pacte.api.services import DuplicateSubmission, submission_claim
from pacte.followup.services import FollowupError
from pacte.web.followup_actions import BY_SLUG
from pacte.web.views.access import visible_convention
from pacte.web.views.convention import render_convention


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_view(request: HttpRequest, reference: str, slug: str) -> HttpResponse:
    action = BY_SLUG.get(slug)
    if action is None:
        raise Http404("Action inconnue.")
    convention = visible_convention(request, reference)
    if request.method != "POST":
        # an action's address opened directly (a bookmark, a reload): its form, on the page
        return redirect(
            reverse("convention", args=[convention.reference]) + f"#action-{action.key}"
        )
    if action.key not in actions_allowed(request.user):
        raise PermissionDenied("Votre rôle ne permet pas d'enregistrer cette action.")
    terms = convention.to_terms()
    form = action.form(request.POST, request.FILES, terms=terms, prefix=action.key)
    if form.is_valid() and action.key == "amendment" and "produire" in request.POST:
        return _amendment_draft(request, convention, form)
    if form.is_valid():
        token = form.cleaned_data.get("submission")
        try:
            with transaction.atomic():  # the token is consumed only if the record is stored
                if token:
                    endpoint = f"web:{convention.reference}:{action.slug}"
                    submission_claim(user=request.user, token=token, endpoint=endpoint)
                message = action.call(convention, form.cleaned_data, request.user)
        except DuplicateSubmission:
            messages.info(
                request,
                "Ce formulaire avait déjà été envoyé : il n'a été enregistré qu'une fois.",
            )
            return redirect(reverse("convention", args=[convention.reference]))
        except FollowupError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(request, message)
            return redirect(reverse("convention", args=[convention.reference]))
    return render_convention(request, convention, bound={action.key: form}, status=400)


def _amendment_draft(request: HttpRequest, convention, form) -> HttpResponse:
    """« Produire l'avenant (DOCX) »: the avenant from the form, nothing recorded."""
    from pacte.web.views.generated import amendment_document, loaded

    data = form.cleaned_data
    convention = loaded(convention)
    taken = [a.number for a in convention.amendment_records.all()]
    return amendment_document(
        request,
        convention,
        fmt="docx",
        number=data["number"] or max(taken, default=0) + 1,
        on=data["signed_on"],
        amount=data["amount"],
        year=data["year"],
        grant=data["grant"],
        ends_on=data["ends_on"],
    )
