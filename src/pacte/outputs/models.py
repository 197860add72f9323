"""What the register keeps of an imported SCDL « Subventions » row.

The register models the convention and its grant; the SCDL row also states things the
register has no column for (share of the grant, EU notification, RAE identifier…) and
values an authority published as written, oddities included (« 2017-03-02/2017-30-05 »).
The row is kept as written so that a re-export reproduces the publication.
"""

from django.db import models

from pacte.conventions.models import Grant


class ScdlRecord(models.Model):
    """An SCDL row already published by the authority, attached to the grant it describes.

    ``written`` maps each column of the schema to its text as written in the file, e.g.
    ``{"datesPeriodeVersement": "2017-03-02/2017-30-05", "pourcentageSubvention": "0.7", …}``.
    """

    grant = models.OneToOneField(
        Grant,
        verbose_name="subvention",
        # the row describes this grant only; it goes with it
        on_delete=models.CASCADE,
        related_name="scdl_record",
    )
    written = models.JSONField("ligne telle qu'écrite")
    source = models.CharField("fichier d'origine", max_length=500, blank=True)
    line = models.PositiveIntegerField("ligne d'origine", null=True, blank=True)
    created_at = models.DateTimeField("importée le", auto_now_add=True)

    class Meta:
        verbose_name = "ligne SCDL importée"
        verbose_name_plural = "lignes SCDL importées"

    def __str__(self) -> str:
        return f"{self.source}, ligne {self.line}" if self.source else f"ligne SCDL {self.pk}"
