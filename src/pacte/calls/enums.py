from django.db import models


class ApplicationState(models.TextChoices):
    """The life of an application; every change is one service call, journalled."""

    DRAFT = "draft", "brouillon"
    SUBMITTED = "submitted", "déposé"
    ELIGIBLE = "eligible", "recevable"
    INELIGIBLE = "ineligible", "irrecevable"
    IN_REVIEW = "in_review", "en cours d'évaluation"
    READY_FOR_COMMITTEE = "ready_for_committee", "prêt pour le comité"
    ACCEPTED = "accepted", "retenu"
    ACCEPTED_WITH_CONDITIONS = "accepted_with_conditions", "retenu sous conditions"
    REJECTED = "rejected", "non retenu"
    WITHDRAWN = "withdrawn", "retiré"


class BudgetSide(models.TextChoices):
    CHARGE = "charge", "charges"
    PRODUCT = "product", "produits"


class Conflict(models.TextChoices):
    """A reviewer's declaration for one application."""

    UNDECLARED = "undeclared", "non déclaré"
    NONE = "none", "aucun conflit d'intérêts"
    CONFLICT = "conflict", "conflit d'intérêts : déport"


class Recommendation(models.TextChoices):
    NO = "no", "défavorable"
    MAYBE = "maybe", "réservé"
    YES = "yes", "favorable"


class Outcome(models.TextChoices):
    """The committee's decision on one application."""

    ACCEPTED = "accepted", "retenu"
    ACCEPTED_WITH_CONDITIONS = "accepted_with_conditions", "retenu sous conditions"
    REJECTED = "rejected", "non retenu"


class RequiredDocument(models.TextChoices):
    """The documents of a subsidy request (CERFA 12156 and its annexes)."""

    STATUTES = "statutes", "statuts"
    ACCOUNTS = "accounts", "derniers comptes approuvés"
    RIB = "rib", "relevé d'identité bancaire"
    ACTIVITY_REPORT = "activity_report", "dernier rapport d'activité"
    REPUBLICAN_CONTRACT = "republican_contract", "contrat d'engagement républicain"
    OFFICERS = "officers", "liste des dirigeants"
    BUDGET = "budget", "budget prévisionnel de la structure"
