"""The filters of the dashboard: a budget year, a dispositif d'aide (a policy), a partner
and an agent in charge (these two for agents, readers and administrators)."""

from __future__ import annotations

from django import forms

from pacte.web.forms.register import LISTED, Choices


class DashboardFilterForm(forms.Form):
    """``?annee=…&partenaire=…&agent=…&dispositif=…``: every field optional; the choices
    are those of the conventions the user sees (years with amounts, dispositifs named by
    their grants, partners party to them, agents in charge of them)."""

    annee = forms.TypedChoiceField(
        label="Année budgétaire", required=False, coerce=int, empty_value=None
    )
    partenaire = forms.TypedChoiceField(
        label="Partenaire", required=False, coerce=int, empty_value=None
    )
    agent = forms.TypedChoiceField(
        label="Agent en charge", required=False, coerce=int, empty_value=None
    )
    dispositif = forms.ChoiceField(label="Dispositif d'aide", required=False)

    def __init__(  # type: ignore[no-untyped-def]
        self,
        *args,
        years: list[int],
        partners: Choices | None,
        agents: list[tuple[int, str]] | None = None,
        schemes: list[str] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "toutes"), *((y, str(y)) for y in years)]
        if agents:
            self.fields["agent"].choices = [("", "tous"), *agents]
        else:  # nobody in charge yet, or a partner's view
            del self.fields["agent"]
        if schemes:
            self.fields["dispositif"].choices = [("", "tous"), *((x, x) for x in schemes)]
        else:  # no grant names its dispositif d'aide
            del self.fields["dispositif"]
        if partners is None:  # a partner sees its own grants only
            del self.fields["partenaire"]
            return
        self.fields["partenaire"].choices = [("", "tous"), *partners.items]
        if partners.cut:
            self.fields["partenaire"].help_text = (
                f"Plus de {LISTED} partenaires : filtrez le Registre sur l'un d'eux, puis "
                "suivez « Montants de ce partenaire au tableau de bord »."
            )
