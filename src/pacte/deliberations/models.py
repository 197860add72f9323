"""Council sessions, who attended them, the deliberations voted there and their decisions.

Empty text means "not stated"; a NULL count means the act does not state it.
"""

from django.db import models

from pacte.deliberations.enums import AttendanceStatus, VoteResult
from pacte.organisations.models import Organisation, Person


class Session(models.Model):
    """A council session, e.g. « Conseil municipal, séance du 30 mars 2009 »."""

    authority = models.ForeignKey(
        Organisation,
        verbose_name="collectivité",
        # an authority's history of sessions must not vanish with it
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    body = models.CharField("assemblée", max_length=255)
    date = models.DateField("date")
    place = models.CharField("lieu", max_length=255, blank=True)
    president = models.ForeignKey(
        Person,
        verbose_name="président de séance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    secretary = models.ForeignKey(
        Person,
        verbose_name="secrétaire de séance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    figures_stated = models.BooleanField("effectifs indiqués", default=False)
    stated_in_office = models.PositiveIntegerField("membres en exercice", null=True, blank=True)
    stated_present = models.PositiveIntegerField("membres présents", null=True, blank=True)
    stated_voters = models.PositiveIntegerField("votants", null=True, blank=True)
    kind = models.CharField("nature de la séance", max_length=100, blank=True)
    second_convocation = models.BooleanField("sur seconde convocation", default=False)
    # a session loaded whole (pacte load of a council session) stays when no convention
    # refers to its acts any more; one written for a convention's act goes with it
    registered = models.BooleanField("séance enregistrée en entier", default=False)
    attendance_version = models.PositiveIntegerField(
        "version de la feuille de présence",
        default=0,
        help_text="augmentée à chaque saisie des présences : un formulaire plus ancien "
        "est refusé avec les changements faits entre-temps",
    )

    class Meta:
        verbose_name = "séance"
        verbose_name_plural = "séances"
        ordering = ["-date", "body"]

    def __str__(self) -> str:
        return f"{self.body}, séance du {self.date:%d/%m/%Y}"


class SessionMember(models.Model):
    """An elected member of the council, with the seat held and the term of office."""

    session = models.ForeignKey(
        Session, verbose_name="séance", on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name="élu", on_delete=models.PROTECT, related_name="council_seats"
    )
    seat = models.CharField("fonction", max_length=255, blank=True)
    group = models.CharField("groupe", max_length=255, blank=True)
    since = models.DateField("en fonction depuis le", null=True, blank=True)
    until = models.DateField("en fonction jusqu'au", null=True, blank=True)
    position = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "membre en exercice"
        verbose_name_plural = "membres en exercice"
        ordering = ["session", "position"]

    def __str__(self) -> str:
        return f"{self.person} ({self.seat})" if self.seat else str(self.person)


class Attendance(models.Model):
    """One member's attendance: present, excused (maybe with a proxy) or absent."""

    session = models.ForeignKey(
        Session, verbose_name="séance", on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name="membre", on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField("présence", max_length=10, choices=AttendanceStatus.choices)
    proxy_to = models.ForeignKey(
        Person,
        verbose_name="pouvoir donné à",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proxies_held",
    )
    position = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "présence"
        verbose_name_plural = "présences"
        ordering = ["session", "position"]

    def __str__(self) -> str:
        return f"{self.person} : {self.get_status_display()}"


class Deliberation(models.Model):
    """The act voted in a session; executory once published and transmitted to the préfecture."""

    session = models.ForeignKey(
        Session,
        verbose_name="séance",
        # a voted act is not deleted by deleting its session: delete the act first
        on_delete=models.PROTECT,
        related_name="deliberations",
    )
    number = models.CharField("numéro", max_length=100, blank=True)
    object = models.TextField("objet")
    rapporteur = models.ForeignKey(
        Person,
        verbose_name="rapporteur",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    committees = models.JSONField("commissions", default=list, blank=True)
    report = models.TextField("rapport", blank=True)
    certified_by = models.CharField("certifié par", max_length=500, blank=True)
    published_on = models.DateField("publiée le", null=True, blank=True)
    transmitted_on = models.DateField("transmise en préfecture le", null=True, blank=True)
    prefecture = models.CharField("préfecture", max_length=255, blank=True)
    acts_subject_code = models.CharField("code matière (@ctes)", max_length=10, blank=True)
    acknowledgement_id = models.CharField(
        "identifiant de l'accusé de réception", max_length=100, blank=True
    )
    # plain text: the terms check the address (an URLField form warns under Django 5.2)
    url = models.CharField("adresse du document publié", max_length=500, blank=True)
    mandated = models.ForeignKey(
        Person,
        verbose_name="autorisé à signer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # references of the conventions the act approves, as the council session states them;
    # a convention stored with this act also points at it (Convention.deliberation)
    convention_references = models.JSONField("conventions approuvées", default=list, blank=True)
    # an empty result means the act states no vote
    vote_result = models.CharField(
        "résultat du vote", max_length=10, choices=VoteResult.choices, blank=True
    )
    votes_for = models.PositiveIntegerField("voix pour", null=True, blank=True)
    votes_against = models.PositiveIntegerField("voix contre", null=True, blank=True)
    abstentions = models.PositiveIntegerField("abstentions", null=True, blank=True)
    not_voting = models.PositiveIntegerField("ne prenant pas part au vote", null=True, blank=True)
    vote_text = models.TextField("texte du vote", blank=True)
    vote_secret = models.BooleanField("scrutin secret", default=False)
    casting_vote = models.BooleanField("voix prépondérante du président", default=False)

    class Meta:
        verbose_name = "délibération"
        verbose_name_plural = "délibérations"
        ordering = ["-session__date", "number"]

    def __str__(self) -> str:
        prefix = f"n° {self.number} – " if self.number else ""
        return f"{prefix}{self.object[:80]}"


class Decision(models.Model):
    """One numbered item of the dispositif (« 1 - décider la mise en œuvre… »)."""

    deliberation = models.ForeignKey(
        Deliberation,
        verbose_name="délibération",
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    number = models.PositiveIntegerField("numéro")
    text = models.TextField("texte")
    amount = models.DecimalField("montant", max_digits=14, decimal_places=2, null=True, blank=True)
    position = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "décision"
        verbose_name_plural = "décisions"
        ordering = ["deliberation", "position"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"
