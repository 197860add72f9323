"""A fund (dispositif), its yearly calls, the applications and their co-selection.

Written only by ``pacte.calls.services``; read by ``pacte.calls.selectors``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from pacte.calls.enums import (
    ApplicationState,
    BudgetSide,
    Conflict,
    Outcome,
    Recommendation,
)
from pacte.organisations.models import Organisation


def _money(label: str, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(label, max_digits=14, decimal_places=2, **kwargs)  # type: ignore[arg-type]


class Fund(models.Model):
    """A fund of an authority (« fonds départemental d'innovation pour l'insertion »),
    run with a partner that co-selects the applications; its model of grant."""

    name = models.CharField("nom du dispositif", max_length=255, unique=True)
    short_name = models.CharField("sigle", max_length=30, blank=True)
    authority = models.ForeignKey(
        Organisation,
        verbose_name="collectivité",
        on_delete=models.PROTECT,
        related_name="funds",
    )
    partner = models.ForeignKey(
        Organisation,
        verbose_name="partenaire associé à la sélection",
        on_delete=models.PROTECT,
        related_name="funds_coselected",
        null=True,
        blank=True,
    )
    description = models.TextField("description", blank=True)
    advance_percent = models.DecimalField(
        "avance à la signature (%)", max_digits=5, decimal_places=2, default=Decimal(100)
    )
    duration_months = models.PositiveSmallIntegerField("durée des conventions (mois)", default=12)
    quorum = models.PositiveSmallIntegerField(
        "quorum du comité (membres présents)", null=True, blank=True
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "dispositif"
        verbose_name_plural = "dispositifs"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Call(models.Model):
    """One yearly call for projects of a fund."""

    fund = models.ForeignKey(
        Fund, verbose_name="dispositif", on_delete=models.PROTECT, related_name="calls"
    )
    reference = models.SlugField("référence", max_length=60, unique=True)
    year = models.PositiveSmallIntegerField("année")
    title = models.CharField("titre", max_length=255)
    summary = models.TextField("présentation", blank=True)
    envelope = _money("enveloppe")
    opens_at = models.DateTimeField("ouverture des dépôts")
    closes_at = models.DateTimeField("clôture des dépôts")
    committee_on = models.DateField("date du comité", null=True, blank=True)
    eligible_kinds = models.JSONField("natures de structure éligibles", default=list, blank=True)
    eligible_departments = models.JSONField("départements éligibles", default=list, blank=True)
    min_amount = _money("montant minimum", null=True, blank=True)
    max_amount = _money("montant maximum", null=True, blank=True)
    max_rate = models.DecimalField(
        "taux de financement maximum (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    required_documents = models.JSONField("pièces demandées", default=list, blank=True)
    reporting = models.TextField("compte rendu demandé aux lauréats", blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "appel à projets"
        verbose_name_plural = "appels à projets"
        ordering = ["-year", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Orientation(models.Model):
    """One version of a call's orientations: drafted with the partner, validated by the
    authority. Versions are kept; the call's orientations are its last validated one."""

    call = models.ForeignKey(
        Call, verbose_name="appel", on_delete=models.CASCADE, related_name="orientations"
    )
    version = models.PositiveSmallIntegerField("version")
    text = models.TextField("orientations")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="rédigée par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    drafted_at = models.DateTimeField("rédigée le")
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="validée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_at = models.DateTimeField("validée le", null=True, blank=True)

    class Meta:
        verbose_name = "orientations"
        verbose_name_plural = "orientations"
        ordering = ["call", "version"]
        constraints = [
            models.UniqueConstraint(fields=["call", "version"], name="orientation_version_unique")
        ]

    def __str__(self) -> str:
        return f"version {self.version}"


class Criterion(models.Model):
    """A selection criterion with its weight."""

    call = models.ForeignKey(
        Call, verbose_name="appel", on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("critère", max_length=255)
    weight = models.DecimalField("pondération", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = "critère de sélection"
        verbose_name_plural = "critères de sélection"
        ordering = ["call", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="criterion_weight_positive"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Application(models.Model):
    """A subsidy request to a call: the essentials of the CERFA 12156."""

    call = models.ForeignKey(
        Call, verbose_name="appel", on_delete=models.PROTECT, related_name="applications"
    )
    number = models.PositiveIntegerField("numéro")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposant",
        on_delete=models.PROTECT,
        related_name="call_applications",
    )
    state = models.CharField(
        "état", max_length=30, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    # identity
    organisation_name = models.CharField("nom de la structure", max_length=255)
    organisation_kind = models.CharField("nature de la structure", max_length=20)
    siret = models.CharField("SIRET", max_length=14)
    rna = models.CharField("numéro RNA", max_length=10, blank=True)
    address = models.CharField("adresse", max_length=255, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=255, blank=True)
    department = models.CharField("département", max_length=3, blank=True)
    representative = models.CharField("représentant légal", max_length=255, blank=True)
    contact_email = models.EmailField("courriel de contact", blank=True)
    # the project
    project_title = models.CharField("intitulé du projet", max_length=255)
    public_summary = models.TextField("résumé public", blank=True)
    description = models.TextField("description du projet", blank=True)
    starts_on = models.DateField("début du projet", null=True, blank=True)
    amount_requested = _money("montant demandé")
    documents = models.JSONField("pièces fournies", default=list, blank=True)
    republican_contract = models.BooleanField(
        "contrat d'engagement républicain souscrit", default=False
    )
    # instruction
    submitted_at = models.DateTimeField("déposé le", null=True, blank=True)
    eligibility_problems = models.JSONField("contrôle de recevabilité", default=list, blank=True)
    information_request = models.TextField("demande de compléments", blank=True)
    information_deadline = models.DateTimeField("compléments attendus avant", null=True, blank=True)
    convention = models.OneToOneField(
        "conventions.Convention",
        verbose_name="convention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_application",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "dossier de candidature"
        verbose_name_plural = "dossiers de candidature"
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="application_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.project_title}"

    @property
    def reference(self) -> str:
        return f"{self.call.reference}-{self.number:03d}"


class BudgetLine(models.Model):
    """A line of the project's provisional budget, in the standard accounts."""

    application = models.ForeignKey(
        Application, verbose_name="dossier", on_delete=models.CASCADE, related_name="budget_lines"
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    side = models.CharField("côté", max_length=10, choices=BudgetSide.choices)
    account = models.CharField("compte", max_length=2)
    label = models.CharField("libellé", max_length=255, blank=True)
    funder = models.CharField("financeur", max_length=255, blank=True)
    amount = _money("montant")

    class Meta:
        verbose_name = "ligne du budget prévisionnel"
        verbose_name_plural = "lignes du budget prévisionnel"
        ordering = ["application", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.account} {self.label} {self.amount}"


class Assignment(models.Model):
    """A reviewer assigned to an application, with their conflict-of-interest declaration."""

    application = models.ForeignKey(
        Application, verbose_name="dossier", on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="évaluateur",
        on_delete=models.PROTECT,
        related_name="call_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="désigné par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField("désigné le")
    conflict = models.CharField(
        "déclaration d'intérêts",
        max_length=20,
        choices=Conflict.choices,
        default=Conflict.UNDECLARED,
    )
    conflict_note = models.TextField("précision sur le conflit", blank=True)
    declared_at = models.DateTimeField("déclaré le", null=True, blank=True)

    class Meta:
        verbose_name = "désignation d'un évaluateur"
        verbose_name_plural = "désignations des évaluateurs"
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="assignment_reviewer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application_id}"


class Review(models.Model):
    """A reviewer's evaluation: a draft until submitted."""

    assignment = models.OneToOneField(
        Assignment, verbose_name="désignation", on_delete=models.CASCADE, related_name="review"
    )
    recommendation = models.CharField(
        "avis", max_length=10, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField("commentaire", blank=True)
    submitted_at = models.DateTimeField("transmis le", null=True, blank=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "évaluation"
        verbose_name_plural = "évaluations"

    def __str__(self) -> str:
        return f"évaluation {self.assignment_id}"


class Score(models.Model):
    """A review's score on one criterion; no value means « sans objet »."""

    review = models.ForeignKey(
        Review, verbose_name="évaluation", on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name="critère", on_delete=models.CASCADE, related_name="scores"
    )
    value = models.PositiveSmallIntegerField("note", null=True, blank=True)

    class Meta:
        verbose_name = "note"
        verbose_name_plural = "notes"
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__lte=5),
                name="score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id} : {self.value}"


class CommitteeMeeting(models.Model):
    """The steering committee's meeting that decides on a call's applications."""

    call = models.OneToOneField(
        Call, verbose_name="appel", on_delete=models.CASCADE, related_name="committee"
    )
    held_on = models.DateField("date de la réunion")
    members_present = models.JSONField("membres présents", default=list)
    quorum_reached = models.BooleanField("quorum atteint", default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "comité de sélection"
        verbose_name_plural = "comités de sélection"

    def __str__(self) -> str:
        return f"comité du {self.held_on:%d/%m/%Y}"


class Decision(models.Model):
    """The committee's decision on one application, with its reasons."""

    application = models.OneToOneField(
        Application, verbose_name="dossier", on_delete=models.CASCADE, related_name="decision"
    )
    meeting = models.ForeignKey(
        CommitteeMeeting, verbose_name="comité", on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField("décision", max_length=30, choices=Outcome.choices)
    amount = _money("montant attribué", default=Decimal(0))
    conditions = models.TextField("conditions", blank=True)
    reason = models.TextField("motifs", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistrée par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("enregistrée le")

    class Meta:
        verbose_name = "décision du comité"
        verbose_name_plural = "décisions du comité"

    def __str__(self) -> str:
        return self.get_outcome_display()


class ApplicationFile(models.Model):
    """A document attached to an application (statuts, comptes, RIB…): one per kind, a
    new upload replacing the previous one."""

    application = models.ForeignKey(
        Application, verbose_name="dossier", on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField("pièce", max_length=30)
    file = models.FileField("fichier", upload_to="appels/pieces/%Y/")
    file_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField("type", max_length=120)
    uploaded_at = models.DateTimeField("déposé le")

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["application", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="application_file_kind")
        ]

    def __str__(self) -> str:
        return self.file_name
