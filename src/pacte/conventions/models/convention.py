"""The convention, its parties, articles, commitments, communication duties and signatures."""

from django.conf import settings
from django.db import models

from pacte import terms
from pacte.conventions.enums import (
    MandateKind,
    NoticeForm,
    PartyRole,
    RenewalKind,
    StartRule,
    Unit,
)
from pacte.conventions.models.base import Ordered, Placed
from pacte.deliberations.models import Deliberation
from pacte.organisations.models import Organisation, Person


class Convention(models.Model):
    """A partnership convention as stated; re-storing the same ``reference`` updates it.

    Term, renewal and termination are flattened here; an empty ``term_start_rule``,
    ``renewal_kind`` or ``termination_form`` means the convention says nothing about it.
    """

    reference = models.CharField("référence", max_length=60, unique=True)
    title = models.CharField("intitulé", max_length=1000)
    kind = models.CharField("nature", max_length=255, default="convention de partenariat")
    preamble_title = models.CharField("titre du préambule", max_length=500, blank=True)
    preamble = models.TextField("préambule", blank=True)
    objectives = models.JSONField("objectifs", default=list, blank=True)
    signed_at = models.CharField("fait à", max_length=255, blank=True)
    # indexed: the nightly refresh recomputes the conventions signed since its last run
    signed_on = models.DateField("fait le", null=True, blank=True, db_index=True)
    deliberation = models.ForeignKey(
        Deliberation,
        verbose_name="délibération d'approbation",
        # PROTECT: the act authorising a convention is its legal basis; it cannot be
        # deleted while the convention is in the register (storing or deleting the
        # convention removes an act no other convention uses).
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conventions",
    )

    term_start_rule = models.CharField(
        "début", max_length=20, choices=StartRule.choices, blank=True
    )
    term_start = models.DateField("date de début", null=True, blank=True)
    term_end = models.DateField("date de fin", null=True, blank=True)
    term_duration_value = models.PositiveIntegerField("durée", null=True, blank=True)
    term_duration_unit = models.CharField(
        "unité de durée", max_length=10, choices=Unit.choices, blank=True
    )
    term_place_article = models.CharField("article (durée)", max_length=100, blank=True)
    term_place_quote = models.TextField("citation (durée)", blank=True)

    renewal_kind = models.CharField(
        "reconduction", max_length=10, choices=RenewalKind.choices, blank=True
    )
    renewal_period_value = models.PositiveIntegerField(
        "période de reconduction", null=True, blank=True
    )
    renewal_period_unit = models.CharField(
        "unité de la période de reconduction", max_length=10, choices=Unit.choices, blank=True
    )
    renewal_max_renewals = models.PositiveIntegerField(
        "nombre maximal de reconductions", null=True, blank=True
    )
    renewal_condition = models.TextField("condition de reconduction", blank=True)
    renewal_place_article = models.CharField("article (reconduction)", max_length=100, blank=True)
    renewal_place_quote = models.TextField("citation (reconduction)", blank=True)

    termination_form = models.CharField(
        "forme de la dénonciation", max_length=20, choices=NoticeForm.choices, blank=True
    )
    termination_notice_value = models.PositiveIntegerField("préavis", null=True, blank=True)
    termination_notice_unit = models.CharField(
        "unité du préavis", max_length=10, choices=Unit.choices, blank=True
    )
    termination_by = models.JSONField("dénonçable par (parties)", default=list, blank=True)
    termination_text = models.TextField("clause de dénonciation", blank=True)
    termination_place_article = models.CharField(
        "article (dénonciation)", max_length=100, blank=True
    )
    termination_place_quote = models.TextField("citation (dénonciation)", blank=True)

    agent_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="agent en charge",
        # the convention stays when the account is removed; nobody is in charge then
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conventions_in_charge",
    )

    created_at = models.DateTimeField("créée le", auto_now_add=True)
    # indexed: the nightly refresh recomputes the conventions stored since its last run
    updated_at = models.DateTimeField("modifiée le", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "convention"
        verbose_name_plural = "conventions"
        ordering = ["-signed_on", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title[:80]}"

    def to_terms(self) -> terms.Convention:
        """The typed description of this convention, rebuilt from the rows."""
        from pacte.conventions.rows_to_terms import convention_to_terms

        return convention_to_terms(self)


class Party(Ordered):
    """An organisation bound by a convention, with its role and who acts for it."""

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="parties",
        db_index=False,  # led by the unique (convention, key): one index less to write
    )
    key = models.CharField("clé", max_length=60)
    role = models.CharField("rôle", max_length=20, choices=PartyRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        # an organisation bound by a convention stays in the register
        on_delete=models.PROTECT,
        related_name="parties",
        db_index=False,  # led by the indexes (organisation, …) below
    )
    designation = models.CharField("désignation", max_length=255, blank=True)
    representative = models.ForeignKey(
        Person,
        verbose_name="représentant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="represented_parties",
    )
    capacity = models.TextField("qualité du représentant", blank=True)
    # an empty kind means no mandate is stated
    mandate_kind = models.CharField(
        "habilitation", max_length=20, choices=MandateKind.choices, blank=True
    )
    mandate_body = models.CharField("instance habilitante", max_length=255, blank=True)
    mandate_date = models.DateField("date de l'habilitation", null=True, blank=True)
    mandate_reference = models.CharField("référence de l'habilitation", max_length=255, blank=True)
    # the convention's reference, copied when the parties are written: one organisation's
    # conventions in the Registre's order, read on an index (``party_organisation_order``)
    reference = models.CharField(
        "référence de la convention", max_length=60, blank=True, editable=False
    )

    class Meta(Ordered.Meta):
        verbose_name = "partie"
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(fields=["convention", "key"], name="party_key_unique")
        ]
        indexes = [
            # whether an organisation is party to a convention, probed row by row by
            # « À faire » and the Registre (and its conventions counted on the index alone)
            models.Index(
                fields=["organisation", "convention"], name="party_organisation_convention"
            ),
            # an organisation's conventions by reference: the Registre's first page read on
            # the index, where ordering the conventions by reference and probing each for a
            # party may walk most of the register first
            models.Index(fields=["organisation", "reference"], name="party_organisation_order"),
            # whether an organisation is ever party other than as an authority (whose
            # counts a user reads): one probe of the index per role
            models.Index(fields=["organisation", "role"], name="party_organisation_role"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_role_display()})"


class Article(Ordered):
    """A numbered clause, its number exactly as written (« IV », « 1er »)."""

    convention = models.ForeignKey(
        Convention, verbose_name="convention", on_delete=models.CASCADE, related_name="articles"
    )
    number = models.CharField("numéro", max_length=50)
    title = models.CharField("titre", max_length=1000, blank=True)
    text = models.TextField("texte", blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "article"
        verbose_name_plural = "articles"

    def __str__(self) -> str:
        return f"Article {self.number}"


class ArticleSection(Ordered):
    """A numbered subdivision of an article (« II.2.1 »)."""

    article = models.ForeignKey(
        Article, verbose_name="article", on_delete=models.CASCADE, related_name="sections"
    )
    number = models.CharField("numéro", max_length=50)
    title = models.CharField("titre", max_length=1000, blank=True)
    text = models.TextField("texte", blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "section d'article"
        verbose_name_plural = "sections d'article"

    def __str__(self) -> str:
        return self.number


# Rows below name a party of the same convention. RESTRICT: a party cannot be removed
# while something names it, except when the whole convention is deleted.


class Commitment(Ordered, Placed):
    """What one party promises, and which action sheets (by number) it refers to."""

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    party = models.ForeignKey(
        Party, verbose_name="partie", on_delete=models.RESTRICT, related_name="commitments"
    )
    text = models.TextField("engagement")
    action_sheets = models.JSONField("fiches actions (numéros)", default=list, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "engagement"
        verbose_name_plural = "engagements"

    def __str__(self) -> str:
        return self.text[:80]


class CommunicationDuty(Ordered, Placed):
    """A publicity duty: which parties mention whom, which logos are shown (party keys)."""

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="communication_duties",
    )
    parties = models.JSONField("parties tenues (clés)", default=list, blank=True)
    text = models.TextField("obligation")
    logos = models.JSONField("logos (clés des parties)", default=list, blank=True)
    action_sheets = models.JSONField("fiches actions (numéros)", default=list, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "obligation de communication"
        verbose_name_plural = "obligations de communication"

    def __str__(self) -> str:
        return self.text[:80]


class Signature(Ordered):
    """A signature block: who signs for which party, as the block writes it."""

    convention = models.ForeignKey(
        Convention, verbose_name="convention", on_delete=models.CASCADE, related_name="signatures"
    )
    party = models.ForeignKey(
        Party, verbose_name="partie", on_delete=models.RESTRICT, related_name="signatures"
    )
    capacity = models.TextField("qualité", blank=True)
    signatory = models.ForeignKey(
        Person,
        verbose_name="signataire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
    )
    party_name = models.CharField("nom de la partie (bloc)", max_length=500, blank=True)
    date = models.DateField("date", null=True, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "signature"
        verbose_name_plural = "signatures"

    def __str__(self) -> str:
        return f"Signature de {self.party.key}"
