"""What happened to a convention: signatures, payments, documents, meetings, letters, decisions.

Records name the ``Convention`` row, which is stable, and the parts of it by their keys
(party ``ville``, grant ``subvention``, body ``copil``), never by the ids of its child
rows: storing a convention again replaces those rows, and the records must survive.
Every record keeps who entered it and when.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from pacte.conventions.enums import DocumentKind
from pacte.conventions.models import Convention
from pacte.rules.obligations import Obligation, ObligationKind, Reason, Status, obligation_status


def _recorded_by() -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        # a record outlives the account of whoever entered it
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


def _convention(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        Convention,
        verbose_name="convention",
        # a convention with a recorded history is not deleted by accident: remove its
        # records first (they are the proof of what was paid and received)
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def _only_record(related_name: str) -> models.OneToOneField:
    """The convention of a record it has at most one of (résiliation, reprise), protected
    like the others (see ``_convention``)."""
    return models.OneToOneField(
        Convention,
        verbose_name="convention",
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class Record(models.Model):
    # indexed: the nightly refresh looks for the records written since its last run
    recorded_at = models.DateTimeField("saisi le", auto_now_add=True, db_index=True)

    class Meta:
        abstract = True


class Signature(Record):
    """The date one party signed, e.g. the Ville on 3 March 2026."""

    convention = _convention("signature_records")
    party_key = models.CharField("partie (clé)", max_length=60)
    signed_on = models.DateField("signée le")
    recorded_by = _recorded_by()

    class Meta:
        verbose_name = "signature enregistrée"
        verbose_name_plural = "signatures enregistrées"
        ordering = ["signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "party_key"], name="followup_signature_party_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party_key} le {self.signed_on:%d/%m/%Y}"


class HistoryTakeover(Record):
    """Reprise d'historique: a running or finished convention taken over with its past.

    Every obligation due before ``until`` that leaves no money trace is deemed met, and
    the past payments were recorded as payments (``followup.services.history_takeover``).
    """

    convention = _only_record("history_takeover")
    until = models.DateField("réputé fait jusqu'au")
    recorded_by = _recorded_by()

    class Meta:
        verbose_name = "reprise d'historique"
        verbose_name_plural = "reprises d'historique"

    def __str__(self) -> str:
        return f"reprise d'historique jusqu'au {self.until:%d/%m/%Y}"


class Payment(Record):
    """Money paid under a grant, e.g. 2 800 € on 20 March 2026 for 2026 (mandat n° 1234).

    ``overpaid`` is what this payment brought beyond the amounts expected up to its
    year when it was recorded: allowed (a refund is then claimed), but shown.
    """

    convention = _convention("payment_records")
    grant_key = models.CharField("subvention (clé)", max_length=60, blank=True)
    year = models.PositiveSmallIntegerField("année financée", null=True, blank=True)
    amount = models.DecimalField("montant", max_digits=14, decimal_places=2)
    paid_on = models.DateField("versé le")
    reference = models.CharField("référence (mandat)", max_length=255, blank=True)
    overpaid = models.DecimalField("trop-perçu", max_digits=14, decimal_places=2, default=0)
    recorded_by = _recorded_by()

    class Meta:
        verbose_name = "versement effectué"
        verbose_name_plural = "versements effectués"
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="followup_payment_amount_positive",
                violation_error_message="Le montant d'un versement est positif.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} € le {self.paid_on:%d/%m/%Y}"


class DocumentReceived(Record):
    """A supporting document received (activity report, PV, accounts…), with its file."""

    convention = _convention("document_records")
    kind = models.CharField("nature", max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField("année concernée", null=True, blank=True)
    received_on = models.DateField("reçu le")
    file = models.FileField("fichier", upload_to="suivi/documents/%Y/", blank=True)
    file_name = models.CharField("nom du fichier déposé", max_length=255, blank=True)
    content_type = models.CharField("type du fichier", max_length=100, blank=True)
    size = models.PositiveBigIntegerField("taille (octets)", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposé par",
        # the document stays when the account that sent it is closed
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "document reçu"
        verbose_name_plural = "documents reçus"
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reçu le {self.received_on:%d/%m/%Y}"


class Meeting(Record):
    """A meeting of a governing body and, once received, its minutes (PV)."""

    convention = _convention("meeting_records")
    body_key = models.CharField("instance (clé)", max_length=60)
    held_on = models.DateField("réunie le")
    minutes_received_on = models.DateField("procès-verbal reçu le", null=True, blank=True)
    minutes_file = models.FileField("procès-verbal", upload_to="suivi/pv/%Y/", blank=True)
    minutes_file_name = models.CharField("nom du fichier du PV", max_length=255, blank=True)
    recorded_by = _recorded_by()

    class Meta:
        verbose_name = "réunion tenue"
        verbose_name_plural = "réunions tenues"
        ordering = ["held_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "body_key", "held_on"], name="followup_meeting_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body_key} le {self.held_on:%d/%m/%Y}"


class NoticeSent(Record):
    """A termination letter sent by a party; it counts from its receipt (date of the AR)."""

    convention = _convention("notice_records")
    party_key = models.CharField("partie qui dénonce (clé)", max_length=60)
    sent_on = models.DateField("envoyée le")
    received_on = models.DateField("reçue le (avis de réception)", null=True, blank=True)
    recorded_by = _recorded_by()

    class Meta:
        verbose_name = "lettre de dénonciation"
        verbose_name_plural = "lettres de dénonciation"
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"Dénonciation par {self.party_key} le {self.sent_on:%d/%m/%Y}"


class RenewalDecision(Record):
    """An express renewal decided (a new period follows the current one)."""

    convention = _convention("renewal_records")
    decided_on = models.DateField("décidée le")
    note = models.TextField("précisions", blank=True)
    recorded_by = _recorded_by()

    class Meta:
        verbose_name = "décision de reconduction"
        verbose_name_plural = "décisions de reconduction"
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"Reconduction décidée le {self.decided_on:%d/%m/%Y}"


class Termination(Record):
    """The early end of a convention (résiliation), on a date, with its reason."""

    convention = _only_record("termination_record")
    terminated_on = models.DateField("résiliée le")
    reason = models.TextField("motif")
    recorded_by = _recorded_by()

    class Meta:
        verbose_name = "résiliation"
        verbose_name_plural = "résiliations"

    def __str__(self) -> str:
        return f"Résiliation le {self.terminated_on:%d/%m/%Y}"


SECTIONS: dict[ObligationKind, str] = {
    ObligationKind.PAYMENT: "payments",
    ObligationKind.SUPPORTING_DOCUMENT: "documents",
    ObligationKind.FINANCIAL_REPORT: "documents",
    ObligationKind.MINUTES: "documents",
    ObligationKind.MEETING: "meetings",
    ObligationKind.NOTICE_DEADLINE: "notices",
    ObligationKind.RENEWAL: "renewals",
    ObligationKind.RENEWAL_DECISION: "renewals",
    ObligationKind.END: "ends",
    ObligationKind.MILESTONE: "milestones",
    ObligationKind.OPEN_DATA: "open_data",
}
"""The section of « À faire » each kind of obligation is listed in (stored on each row)."""


class StoredObligation(models.Model):
    """One obligation of a convention's calendar, computed ahead and kept for « À faire ».

    ``followup.calendars.obligations_refresh`` rewrites a convention's rows whenever its
    terms or its follow-up change, and the nightly ``pacte manage obligations_refresh``
    moves every horizon forward. Only what does not depend on the day of reading is
    stored: overdue, due and upcoming are derived from ``due`` when the rows are read;
    ``terminal`` holds done, waived, void or pending (else it is empty): the statuses
    the events settle, recomputed whenever an event is recorded. A pending row (its
    trigger has not happened: the signature, a document) has ``waiting_for``.
    """

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        # computed rows: they go with their convention
        on_delete=models.CASCADE,
        related_name="stored_obligations",
        db_index=False,  # led by the index (convention, due): one index less to write
    )
    reference = models.CharField("référence de la convention", max_length=100)
    """Copied from the convention, so that « À faire » sorts on an index."""
    position = models.PositiveIntegerField("rang dans le calendrier")
    kind = models.CharField("nature", max_length=40)
    section = models.CharField("rubrique d'« À faire »", max_length=20)
    title = models.TextField("objet")
    due = models.DateField("échéance", null=True, blank=True)
    act_by = models.DateField("agir avant le", null=True, blank=True)
    amount = models.DecimalField("montant", max_digits=16, decimal_places=2, null=True, blank=True)
    party = models.TextField("qui", blank=True)
    reason = models.TextField("raison")
    done_on = models.DateField("fait le", null=True, blank=True)
    terminal = models.CharField("état définitif", max_length=10, blank=True)
    waiting_for = models.CharField("en attente de", max_length=300, blank=True)
    computed_until = models.DateField("calculé jusqu'au")
    computed_at = models.DateTimeField("calculé le")

    class Meta:
        verbose_name = "obligation calculée"
        verbose_name_plural = "obligations calculées"
        indexes = [
            models.Index(fields=["due"], name="followup_obligation_due"),
            models.Index(fields=["convention", "due"], name="followup_obligation_conv_due"),
            # « À faire »: a section's lines read in the page's order, and the sections
            # counted from the index alone. ``terminal`` comes first rather than as a
            # partial index's condition: SQLite cannot match a bound parameter to one.
            models.Index(
                fields=["terminal", "section", "due", "reference", "position"],
                name="followup_obligation_section",
            ),
            models.Index(
                fields=["terminal", "section", "due", "kind", "done_on", "convention"],
                name="followup_obligation_count",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def status_on(self, on: date) -> Status:
        """The status on that day: the rules' ``obligation_status``, with the status the
        events settled (pending, waived, void) kept in ``terminal``."""
        return obligation_status(
            on,
            kind=ObligationKind(self.kind),
            due=self.due,
            done_on=self.done_on,
            settled=Status(self.terminal) if self.terminal else None,
        )

    def obligation(self, on: date) -> Obligation:
        """The row as the rules' ``Obligation``, with its status on that day."""
        return Obligation(
            kind=ObligationKind(self.kind),
            title=self.title,
            due=self.due,
            act_by=self.act_by,
            amount=self.amount,
            party=self.party or None,
            status=self.status_on(on),
            reason=Reason(self.reason),
            done_on=self.done_on,
            waiting_for=self.waiting_for or None,
        )


class StoredState(models.Model):
    """One state of a convention over a span of days (``rules.term.state_timeline``).

    Written with the stored obligations, for the Registre's filter by state: the state
    on a day is the row whose span holds it, read in the database. ``start`` ``None``:
    from the beginning; ``end`` ``None``: up to ``computed_until`` at least.
    """

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        # computed rows: they go with their convention
        on_delete=models.CASCADE,
        related_name="stored_states",
    )
    state = models.CharField("état", max_length=20)
    start = models.DateField("du", null=True, blank=True)
    end = models.DateField("au", null=True, blank=True)
    computed_until = models.DateField("calculé jusqu'au")

    class Meta:
        verbose_name = "état calculé"
        verbose_name_plural = "états calculés"
        indexes = [
            models.Index(fields=["state", "start"], name="followup_state_state_start"),
            # the nightly refresh looks for the states that begin between two runs
            models.Index(fields=["start"], name="followup_state_start"),
        ]

    def __str__(self) -> str:
        return self.state


class StoredFigures(models.Model):
    """A convention's figures, for the Registre, its filters and its exports.

    Written with the stored obligations and states (``obligations_refresh``), from the
    terms with their amendments applied and the events, by the rules' single functions
    (``rules.facts``): the grants' total (``grants_total``), and the start and end of
    the initial term (``term_dates``: from the signature when the term starts then).
    A copy of a pure result, never a second statement of the rule.
    """

    convention = models.OneToOneField(
        Convention,
        verbose_name="convention",
        # computed row: it goes with its convention
        on_delete=models.CASCADE,
        related_name="stored_figures",
    )
    amount = models.DecimalField(
        "montant des subventions, avenants compris",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    start = models.DateField("début", null=True, blank=True)
    end = models.DateField("fin, avenants compris", null=True, blank=True)
    amendments = models.PositiveIntegerField("avenants", default=0)

    class Meta:
        verbose_name = "chiffres calculés"
        verbose_name_plural = "chiffres calculés"

    def __str__(self) -> str:
        return str(self.convention_id)


class StoredAmount(models.Model):
    """One grant's money for one budget year, for the dashboard: committed (the grant's
    amount for that year, ``rules.facts.grant_figures``, avenants applied) and paid (the
    payments recorded for that year, by financed year, else by the year paid).

    Written with the stored obligations (``obligations_refresh``), so that the dashboard
    adds up rows instead of computing every convention. ``year`` None: a grant with no
    year and no payment, kept so that its partner and state still count it (for
    nothing). ``partner``: the organisation of the grant's beneficiary, else of the
    first party that is not a public authority; None when there is none.
    """

    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        # computed rows: they go with their convention
        on_delete=models.CASCADE,
        related_name="stored_amounts",
    )
    grant = models.CharField("subvention (clé)", max_length=60)
    position = models.PositiveIntegerField("rang de la subvention")
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)
    committed = models.DecimalField("engagé", max_digits=16, decimal_places=2, default=0)
    paid = models.DecimalField("versé", max_digits=16, decimal_places=2, default=0)
    partner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="partenaire",
        # a computed row: it loses its partner rather than blocking a deletion
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "montant calculé"
        verbose_name_plural = "montants calculés"
        indexes = [models.Index(fields=["year"], name="followup_amount_year")]

    def __str__(self) -> str:
        return f"{self.grant} {self.year}"


class Amendment(Record):
    """An avenant signed: what it changes (a grant's amount for a year, the end date).

    The change is applied to the terms the rules read (``terms_with_amendments``); the
    stored convention itself is not rewritten. ``file`` is the signed avenant, if sent.
    """

    convention = _convention("amendment_records")
    number = models.PositiveSmallIntegerField("numéro de l'avenant")
    signed_on = models.DateField("signé le")
    summary = models.TextField("objet")
    grant_key = models.CharField("subvention (clé)", max_length=60, blank=True)
    year = models.PositiveSmallIntegerField("année budgétaire", null=True, blank=True)
    amount = models.DecimalField(
        "nouveau montant", max_digits=14, decimal_places=2, null=True, blank=True
    )
    ends_on = models.DateField("nouvelle date de fin", null=True, blank=True)
    file = models.FileField("avenant signé", upload_to="suivi/avenants/%Y/", blank=True)
    file_name = models.CharField("nom du fichier déposé", max_length=255, blank=True)
    recorded_by = _recorded_by()

    class Meta:
        verbose_name = "avenant"
        verbose_name_plural = "avenants"
        ordering = ["number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "number"], name="followup_amendment_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Avenant n° {self.number} du {self.signed_on:%d/%m/%Y}"


class RefreshRun(models.Model):
    """One nightly refresh of the stored calendars (``calendars.obligations_refresh_nightly``).

    The next run recomputes only the conventions whose calendar may have changed since
    this one: a record written or the convention stored since ``started_at``, a due
    date, a change of state or the signature date between ``day`` and its own day, or
    a calendar computed less than ``OBLIGATIONS_HORIZON`` − ``REFRESH_MARGIN`` ahead.
    ``full``: every convention was recomputed.
    """

    started_at = models.DateTimeField("commencé le")
    finished_at = models.DateTimeField("terminé le")
    day = models.DateField("jour du calcul")
    full = models.BooleanField("recalcul complet", default=False)
    conventions = models.PositiveIntegerField("conventions recalculées", default=0)

    class Meta:
        verbose_name = "recalcul de nuit"
        verbose_name_plural = "recalculs de nuit"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        kind = "complet" if self.full else "incrémental"
        return f"recalcul {kind} du {self.day:%d/%m/%Y} ({self.conventions} conventions)"


# the counts kept per organisation live in their own module (this one is long enough)
from pacte.followup.sums import StoredSum  # noqa: E402
from pacte.followup.tallies import StoredAuthority, StoredCount  # noqa: E402

__all__ = [
    "SECTIONS",
    "Amendment",
    "DocumentReceived",
    "HistoryTakeover",
    "Meeting",
    "NoticeSent",
    "Payment",
    "Record",
    "RefreshRun",
    "RenewalDecision",
    "Signature",
    "StoredAmount",
    "StoredAuthority",
    "StoredCount",
    "StoredFigures",
    "StoredObligation",
    "StoredState",
    "StoredSum",
    "Termination",
]
