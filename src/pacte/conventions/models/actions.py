"""Action sheets (fiches actions) annexed to a convention, with their commitments and budgets."""

from django.db import models

from pacte.conventions.enums import BudgetSide
from pacte.conventions.models.base import Ordered
from pacte.conventions.models.convention import Convention, Party
from pacte.terms import format_amount_fr


class ActionSheet(Ordered):
    """A fiche action: objectives, public, form, partners, dates, budget.

    ``has_budget`` distinguishes an empty budget from none at all.
    """

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="action_sheets",
    )
    number = models.PositiveIntegerField("numéro")
    title = models.CharField("intitulé", max_length=1000)
    objectives = models.JSONField("objectifs", default=list, blank=True)
    context = models.TextField("contexte", blank=True)
    description = models.TextField("description", blank=True)
    expected_results = models.JSONField("résultats attendus", default=list, blank=True)
    impacts = models.JSONField("impacts", default=list, blank=True)
    target_public = models.TextField("public visé", blank=True)
    form = models.TextField("forme de l'action", blank=True)
    partners = models.JSONField("partenaires", default=list, blank=True)
    period = models.CharField("période", max_length=500, blank=True)
    starts_on = models.DateField("début", null=True, blank=True)
    ends_on = models.DateField("fin", null=True, blank=True)
    location = models.CharField("lieu", max_length=500, blank=True)
    lead = models.ForeignKey(
        Party,
        verbose_name="partie pilote",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="led_action_sheets",
    )
    has_budget = models.BooleanField("budget prévisionnel", default=False)
    budget_note = models.TextField("note sur le budget", blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "fiche action"
        verbose_name_plural = "fiches actions"
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "number"], name="action_sheet_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Fiche {self.number} – {self.title[:80]}"


class SheetCommitment(Ordered):
    """What one party undertakes within an action sheet."""

    sheet = models.ForeignKey(
        ActionSheet,
        verbose_name="fiche action",
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    party = models.ForeignKey(
        Party,
        verbose_name="partie",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="sheet_commitments",
    )
    text = models.TextField("engagement")

    class Meta(Ordered.Meta):
        verbose_name = "engagement de fiche action"
        verbose_name_plural = "engagements de fiche action"

    def __str__(self) -> str:
        return self.text[:80]


class BudgetLine(Ordered):
    """One line of a provisional budget: an expense or a revenue, with its funder."""

    sheet = models.ForeignKey(
        ActionSheet,
        verbose_name="fiche action",
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    side = models.CharField("sens", max_length=10, choices=BudgetSide.choices)
    label = models.CharField("libellé", max_length=1000)
    amount = models.DecimalField("montant", max_digits=14, decimal_places=2)
    funder = models.CharField("financeur", max_length=500, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "ligne de budget"
        verbose_name_plural = "lignes de budget"

    def __str__(self) -> str:
        return f"{self.label} : {format_amount_fr(self.amount)}"
