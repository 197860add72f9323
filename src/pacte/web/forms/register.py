"""The filters of the register: every field optional, French labels, DSFR widgets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms

from pacte.conventions.enums import RenewalKind
from pacte.rules.term import State

SORTS = {
    "reference": ("reference", "référence (A → Z)"),
    "-reference": ("-reference", "référence (Z → A)"),
    "title": ("title", "intitulé (A → Z)"),
    "-title": ("-title", "intitulé (Z → A)"),
    "start": ("term_start", "début (plus ancien d'abord)"),
    "-start": ("-term_start", "début (plus récent d'abord)"),
    "amount": ("amount_total", "montant (croissant)"),
    "-amount": ("-amount_total", "montant (décroissant)"),
}


LISTED = 200
"""Beyond this many partners (or authorities), a filter lists only the one chosen: a
list of thousands would weigh megabytes; the search finds them by name."""


@dataclass
class Choices:
    """The organisations a filter offers (id, name); ``cut``: there were more than
    ``LISTED``, only the one chosen is offered."""

    items: list[tuple[int, str]] = field(default_factory=list)
    cut: bool = False


class RegisterFilterForm(forms.Form):
    """``?q=…&partenaire=…&collectivite=…&etat=…&annee=…&montant_min=…&montant_max=…``."""

    q = forms.CharField(label="Rechercher", required=False, max_length=200)
    partenaire = forms.TypedChoiceField(
        label="Partenaire", required=False, coerce=int, empty_value=None
    )
    collectivite = forms.TypedChoiceField(
        label="Collectivité", required=False, coerce=int, empty_value=None
    )
    etat = forms.ChoiceField(
        label="État aujourd'hui",
        required=False,
        choices=[("", "tous")] + [(s.value, s.label) for s in State],
    )
    annee = forms.IntegerField(
        label="Année",
        required=False,
        min_value=1900,
        max_value=2200,
        help_text="En vigueur cette année-là selon les dates indiquées.",
    )
    montant_min = forms.DecimalField(label="Montant minimum (€)", required=False, min_value=0)
    montant_max = forms.DecimalField(label="Montant maximum (€)", required=False, min_value=0)
    reconduction = forms.ChoiceField(
        label="Reconduction", required=False, choices=[("", "toutes"), *RenewalKind.choices]
    )
    tri = forms.ChoiceField(
        label="Trier par",
        required=False,
        choices=[(key, label) for key, (_, label) in SORTS.items()],
    )

    def __init__(
        self,
        *args,
        partners: Choices | None = None,
        authorities: Choices | None = None,
        mine_offered: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        if mine_offered:
            self.fields["miens"] = forms.BooleanField(
                label="Mes conventions seulement",
                required=False,
                help_text="Celles dont vous êtes l'agent en charge.",
            )
        for name, choices, every, many in (
            ("partenaire", partners or Choices(), "tous", "partenaires"),
            ("collectivite", authorities or Choices(), "toutes", "collectivités"),
        ):
            self.fields[name].choices = [("", every), *choices.items]
            if choices.cut:
                self.fields[
                    name
                ].help_text = f"Plus de {LISTED} {many} : cherchez par le nom dans « Rechercher »."

    def clean(self):
        data = super().clean()
        low, high = data.get("montant_min"), data.get("montant_max")
        if low is not None and high is not None and low > high:
            self.add_error("montant_max", "Le montant maximum est inférieur au montant minimum.")
        return data
