"""Grants: amounts per year, prorata, instalments with their triggers, supporting documents."""

from django.db import models
from django.db.models import Q

from pacte.conventions.enums import (
    DocumentKind,
    GrantKind,
    InstalmentKind,
    ProrataBasis,
    Rounding,
    TriggerKind,
)
from pacte.conventions.models.base import Ordered, Placed
from pacte.conventions.models.convention import Convention, Party


def _amount(verbose_name: str) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, null=True, blank=True)


class Grant(Ordered, Placed):
    """A subsidy granted by one party to another under the convention.

    An empty ``prorata_basis`` means the convention states no prorata rule.
    """

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="grants",
        db_index=False,  # led by the unique (convention, key): one index less to write
    )
    key = models.CharField("clé", max_length=60, default="subvention")
    kind = models.CharField(
        "nature", max_length=20, choices=GrantKind.choices, default=GrantKind.OPERATING
    )
    grantor = models.ForeignKey(
        Party,
        verbose_name="financeur",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="grants_given",
    )
    beneficiary = models.ForeignKey(
        Party,
        verbose_name="bénéficiaire",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="grants_received",
    )
    purpose = models.TextField("objet", blank=True)
    earmarked = models.BooleanField("subvention affectée", default=False)
    annual_amount = _amount("montant en année pleine")
    total_amount = _amount("montant total")
    prorata_basis = models.CharField(
        "prorata", max_length=10, choices=ProrataBasis.choices, blank=True
    )
    prorata_rounding = models.CharField(
        "arrondi du prorata", max_length=20, choices=Rounding.choices, blank=True
    )
    conditions_of_use = models.TextField("conditions d'utilisation", blank=True)
    renewal_condition = models.TextField("condition de reconduction", blank=True)
    scheme = models.CharField("dispositif d'aide", max_length=255, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "subvention"
        verbose_name_plural = "subventions"
        constraints = [
            models.UniqueConstraint(fields=["convention", "key"], name="grant_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_kind_display()})"


class GrantYear(Ordered):
    """The sum granted for one budget year; no amount when only implied."""

    grant = models.ForeignKey(
        Grant,
        verbose_name="subvention",
        on_delete=models.CASCADE,
        related_name="years",
        db_index=False,  # led by the unique (grant, year): one index less to write
    )
    year = models.PositiveSmallIntegerField("année")
    amount = _amount("montant")
    months = models.PositiveSmallIntegerField("mois financés", null=True, blank=True)
    label = models.CharField("libellé", max_length=500, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "année de subvention"
        verbose_name_plural = "années de subvention"
        constraints = [models.UniqueConstraint(fields=["grant", "year"], name="grant_year_unique")]

    def __str__(self) -> str:
        return str(self.year)


class Instalment(Ordered):
    """One payment of a grant (percentage or amount) and what makes it payable."""

    grant = models.ForeignKey(
        Grant, verbose_name="subvention", on_delete=models.CASCADE, related_name="instalments"
    )
    kind = models.CharField(
        "nature", max_length=10, choices=InstalmentKind.choices, default=InstalmentKind.SINGLE
    )
    percent = models.DecimalField(
        "pourcentage", max_digits=5, decimal_places=2, null=True, blank=True
    )
    amount = _amount("montant")
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)
    trigger_kind = models.CharField("déclencheur", max_length=20, choices=TriggerKind.choices)
    trigger_body = models.ForeignKey(
        "conventions.GoverningBody",
        verbose_name="instance approbatrice",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="approved_instalments",
    )
    trigger_date = models.DateField("date du versement", null=True, blank=True)
    trigger_text = models.TextField("texte du déclencheur", blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "versement"
        verbose_name_plural = "versements"

    def __str__(self) -> str:
        return self.get_kind_display()


class SupportingDocument(Ordered):
    """A document a party must provide: for an instalment, a grant renewal, or as minutes.

    Exactly one of ``instalment``, ``renewed_grant`` and ``minutes_of`` is set.
    """

    instalment = models.ForeignKey(
        Instalment,
        verbose_name="versement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="trigger_documents",
    )
    renewed_grant = models.ForeignKey(
        Grant,
        verbose_name="subvention reconduite",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="renewal_documents",
    )
    minutes_of = models.ForeignKey(
        "conventions.GoverningBody",
        verbose_name="procès-verbal de l'instance",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="minutes",
    )
    kind = models.CharField("nature", max_length=20, choices=DocumentKind.choices)
    label = models.CharField("libellé", max_length=1000, blank=True)
    approved_by = models.ForeignKey(
        "conventions.GoverningBody",
        verbose_name="approuvé par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="approved_documents",
    )

    class Meta(Ordered.Meta):
        verbose_name = "pièce justificative"
        verbose_name_plural = "pièces justificatives"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(instalment__isnull=False, renewed_grant=None, minutes_of=None)
                    | Q(instalment=None, renewed_grant__isnull=False, minutes_of=None)
                    | Q(instalment=None, renewed_grant=None, minutes_of__isnull=False)
                ),
                name="supporting_document_one_owner",
                violation_error_message=(
                    "Une pièce se rattache à un seul élément : un versement, une "
                    "reconduction de subvention ou les procès-verbaux d'une instance."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()
