"""Organisations (authorities and ESS organisations) and the people who act for them.

Both are shared by every convention of the register: the Ville signing ten conventions
is one ``Organisation`` row. Empty text means "not stated".
"""

from django.db import models

from pacte.organisations.enums import OrganisationKind


class Organisation(models.Model):
    """A public authority or an ESS organisation, e.g. « Ville de Lorient » (commune)."""

    name = models.CharField("nom", max_length=255)
    short_name = models.CharField("nom court", max_length=255, blank=True)
    kind = models.CharField(
        "nature", max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    legal_form = models.CharField("forme juridique", max_length=255, blank=True)
    siren = models.CharField("SIREN", max_length=9, blank=True, db_index=True)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    rna = models.CharField("numéro RNA", max_length=10, blank=True, db_index=True)
    # NULL when no address is stated at all; [] for an address without street lines
    address_lines = models.JSONField("lignes d'adresse", null=True, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=255, blank=True)
    cedex = models.BooleanField("CEDEX", default=False)
    department = models.CharField("département (code INSEE)", max_length=3, blank=True)
    description = models.TextField("description", blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=~models.Q(siret=""),
                name="organisation_siret_unique",
                violation_error_message="Une organisation porte déjà ce SIRET.",
            ),
        ]
        indexes = [
            models.Index(fields=["name", "kind"], name="organisation_name_kind"),
            # the unique constraint above is partial: SQLite cannot use it for ``siret = ?``
            # with a bound value (it cannot prove the value is not empty), hence a plain one
            models.Index(fields=["siret"], name="organisation_siret"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A person as documents name them: « M. Jean Dupont, Président ».

    People are deduplicated on the four fields together, so a row never changes
    meaning when another convention names the same person with another title.
    """

    civility = models.CharField("civilité", max_length=50, blank=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150)
    title = models.CharField("qualité", max_length=500, blank=True)

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="person_name")]

    def __str__(self) -> str:
        name = " ".join(p for p in (self.civility, self.first_name, self.last_name) if p)
        return f"{name}, {self.title}" if self.title else name
