"""The agent in charge of a convention, chosen from its page (agents and administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pacte.accounts.selectors import agents_in_charge_choices, may_assign, user_label
from pacte.accounts.services import AssignError, convention_assign
from pacte.conventions.services import ConventionGone
from pacte.web.forms.agents import AgentInChargeForm
from pacte.web.views.access import visible_convention


def agent_form_for(request: HttpRequest, convention, data=None) -> AgentInChargeForm | None:
    """The form choosing the agent in charge, for those who may choose; else None."""
    if not may_assign(request.user):
        return None
    return AgentInChargeForm(
        data,
        agents=agents_in_charge_choices(convention=convention),
        initial_agent=convention.agent_in_charge,
        prefix="suivi",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def convention_agent_view(request: HttpRequest, reference: str) -> HttpResponse:
    convention = visible_convention(request, reference)
    back = reverse("convention", args=[convention.reference])
    if request.method != "POST":
        return redirect(back + "#agent-en-charge")
    form = agent_form_for(request, convention, request.POST)
    if form is None:
        raise PermissionDenied(
            "Seuls les agents et les administrateurs choisissent l'agent en charge."
        )
    if not form.is_valid():
        messages.error(request, "Agent en charge : choisissez une personne de la liste.")
        return redirect(back + "#agent-en-charge")
    agent = form.chosen()
    try:
        convention_assign(convention=convention, agent=agent, by=request.user)
    except (AssignError, ConventionGone) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Agent en charge : {user_label(agent)}."
            if agent
            else "Plus personne n'est en charge de cette convention.",
        )
    return redirect(back + "#agent-en-charge")
