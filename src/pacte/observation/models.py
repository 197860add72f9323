"""The territory chosen for a PTCE, kept with the workstream step of the convention.

A convention may ask the partners to select a territory for a
*pôle territorial de coopération économique* « d'ici la fin de l'année »: the choice, its
justification and the ranking it was made on (weights, scores and their components, with
their sources) are stored here, named by the convention and the step's keys (the step
rows of a convention are replaced when it is stored again; the keys stay).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from pacte.conventions.models import Convention


class PtceChoice(models.Model):
    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        # a decision recorded on a convention is kept: remove it first
        on_delete=models.PROTECT,
        related_name="ptce_choices",
    )
    workstream_key = models.CharField("dispositif", max_length=60)
    step_number = models.PositiveSmallIntegerField("étape")
    territory = models.CharField("territoire (code)", max_length=80)
    territory_name = models.CharField("territoire", max_length=255)
    justification = models.TextField("justification")
    snapshot = models.CharField("millésime SIRENE", max_length=7)
    weights = models.JSONField("poids", default=dict)
    ranking = models.JSONField("classement", default=list)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        # the decision outlives the account of whoever entered it
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    chosen_at = models.DateTimeField("enregistré le", auto_now_add=True)

    class Meta:
        verbose_name = "choix du territoire d'un PTCE"
        verbose_name_plural = "choix du territoire d'un PTCE"
        ordering = ["-chosen_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.territory_name} ({self.convention.reference}, {self.workstream_key})"

    @property
    def chosen(self) -> dict | None:
        """The ranking line of the chosen territory."""
        return next((r for r in self.ranking if r.get("territory") == self.territory), None)
