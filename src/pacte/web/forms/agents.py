"""The agent in charge of a convention: chosen among the agents who may be (on import, and
from the convention page)."""

from __future__ import annotations

from typing import Any

from django import forms
from dsfr.utils import dsfr_input_class_attr

from pacte.accounts.selectors import user_label
from pacte.web.forms.base import PacteForm


class AgentInChargeForm(PacteForm):
    """One list: nobody, or one of ``agents`` (users); ``chosen()`` gives the user or None."""

    def __init__(self, *args: Any, agents: list[Any], initial_agent: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.agents = {str(agent.pk): agent for agent in agents}
        self.fields["agent"] = forms.ChoiceField(
            label="Agent en charge",
            required=False,
            choices=[("", "Personne (les rappels vont à tous les agents)")]
            + [(pk, user_label(agent)) for pk, agent in self.agents.items()],
            initial=str(initial_agent.pk) if initial_agent is not None else "",
            help_text="Reçoit les rappels de cette convention et la retrouve sous « Mes conventions ».",
        )
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def chosen(self) -> Any:
        return self.agents.get(self.cleaned_data.get("agent") or "")
