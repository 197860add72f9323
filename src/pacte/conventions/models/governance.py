"""Governing bodies, workstreams with their steps and milestones, reporting duties."""

from django.db import models

from pacte.conventions.enums import BodyKind, CadenceBasis, Frequency
from pacte.conventions.models.base import Ordered, Placed
from pacte.conventions.models.convention import Convention, Party
from pacte.organisations.models import Person


class GoverningBody(Ordered, Placed):
    """A steering committee: composition, cadence, secretariat, missions, minutes.

    An empty ``cadence_frequency`` means the convention states no cadence.
    """

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="governing_bodies",
    )
    key = models.CharField("clé", max_length=60)
    name = models.CharField("nom", max_length=500)
    kind = models.CharField(
        "nature", max_length=20, choices=BodyKind.choices, default=BodyKind.STEERING
    )
    cadence_frequency = models.CharField(
        "fréquence des réunions", max_length=20, choices=Frequency.choices, blank=True
    )
    cadence_basis = models.CharField(
        "base de la fréquence",
        max_length=20,
        choices=CadenceBasis.choices,
        default=CadenceBasis.CONVENTION_YEAR,
    )
    cadence_text = models.TextField("fréquence (texte)", blank=True)
    composition = models.TextField("composition", blank=True)
    attendees = models.TextField("participants", blank=True)
    secretariat = models.TextField("secrétariat", blank=True)
    secretariat_party = models.ForeignKey(
        Party,
        verbose_name="partie assurant le secrétariat",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="secretariats",
    )
    missions = models.JSONField("missions", default=list, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "instance de gouvernance"
        verbose_name_plural = "instances de gouvernance"
        constraints = [
            models.UniqueConstraint(fields=["convention", "key"], name="body_key_unique")
        ]

    def __str__(self) -> str:
        return self.name


class BodyMember(Ordered):
    """A seat on a governing body, by role (« Président de la CRESS »)."""

    body = models.ForeignKey(
        GoverningBody, verbose_name="instance", on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField("rôle", max_length=500)
    party = models.ForeignKey(
        Party,
        verbose_name="partie",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="seats",
    )
    person = models.ForeignKey(
        Person,
        verbose_name="personne",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
    )

    class Meta(Ordered.Meta):
        verbose_name = "membre d'instance"
        verbose_name_plural = "membres d'instance"

    def __str__(self) -> str:
        return self.role


class Workstream(Ordered, Placed):
    """A line of work of the convention (« dispositif a) ») with its steps."""

    convention = models.ForeignKey(
        Convention, verbose_name="convention", on_delete=models.CASCADE, related_name="workstreams"
    )
    key = models.CharField("clé", max_length=60)
    title = models.CharField("intitulé", max_length=1000)
    description = models.TextField("description", blank=True)
    parties = models.JSONField("parties (clés)", default=list, blank=True)
    partners = models.JSONField("partenaires", default=list, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "dispositif"
        verbose_name_plural = "dispositifs"
        constraints = [
            models.UniqueConstraint(fields=["convention", "key"], name="workstream_key_unique")
        ]

    def __str__(self) -> str:
        return self.title[:80]


class Step(Ordered):
    """A numbered step of a workstream with its milestone.

    ``milestone_depends_on`` is NULL when no milestone is stated, a list of earlier
    step numbers otherwise (possibly empty).
    """

    workstream = models.ForeignKey(
        Workstream, verbose_name="dispositif", on_delete=models.CASCADE, related_name="steps"
    )
    number = models.PositiveIntegerField("numéro")
    title = models.TextField("intitulé")
    parties = models.JSONField("parties (clés)", default=list, blank=True)
    milestone_depends_on = models.JSONField("dépend des étapes (numéros)", null=True, blank=True)
    milestone_due = models.DateField("échéance", null=True, blank=True)
    milestone_not_before = models.DateField("pas avant le", null=True, blank=True)
    milestone_condition = models.TextField("condition", blank=True)
    milestone_quote = models.TextField("citation (échéance)", blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "étape"
        verbose_name_plural = "étapes"

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"


class ReportingDuty(Ordered, Placed):
    """Information a party must provide (indicators, perimeters, frequency)."""

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="reporting_duties",
    )
    party = models.ForeignKey(
        Party, verbose_name="partie", on_delete=models.RESTRICT, related_name="reporting_duties"
    )
    subject = models.TextField("objet")
    indicators = models.JSONField("indicateurs", default=list, blank=True)
    perimeters = models.JSONField("périmètres", default=list, blank=True)
    frequency = models.CharField("fréquence", max_length=20, choices=Frequency.choices, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "obligation d'information"
        verbose_name_plural = "obligations d'information"

    def __str__(self) -> str:
        return self.subject[:80]
