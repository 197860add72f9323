"""The forms that record what happened to a convention: one per follow-up service.

Choices (parties, grants, bodies) come from the convention's terms, by key.
"""

from __future__ import annotations

import re
import uuid

from django import forms
from django.utils.functional import lazy

from pacte import terms as t
from pacte.followup.uploads import max_upload_bytes
from pacte.web.forms.base import PacteForm, date_field, file_field

TOKEN = re.compile(r"[0-9a-f]{32}")
FILE_HELP = "PDF, DOCX, ODT, PNG ou JPEG ; {size} Mo au plus."
YEAR_WIDGET = forms.NumberInput(attrs={"inputmode": "numeric"})


def _file_help(suffix: str = "") -> str:
    return FILE_HELP.format(size=max_upload_bytes() // (1024 * 1024)) + suffix


# read when the form is shown, so a changed PACTE_UPLOAD_MAX_BYTES is taken into account
file_help = lazy(_file_help, str)


def _parties(terms: t.Convention) -> list[tuple[str, str]]:
    return [(p.key, p.name) for p in terms.parties]


class AmountField(forms.DecimalField):
    """An amount as people type it: « 8 750,00 », « 8750.5 », « 1 666,67 € »."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "")
            for space in (" ", "\u00a0", "\u202f"):
                value = value.replace(space, "")
            value = value.replace(",", ".")
        return super().to_python(value)


class FollowupForm(PacteForm):
    """A form bound to one convention's terms (for its choices).

    ``submission`` is a one-time token drawn when the form is shown: the record and the
    token are stored in one transaction, so the same form sent twice (a double click, a
    page sent again) records once (``api.services.submission_claim``).
    """

    submission = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        initial=lambda: uuid.uuid4().hex,
    )

    def clean_submission(self) -> str:
        value: str = self.cleaned_data.get("submission") or ""
        if value and not TOKEN.fullmatch(value):
            # a hidden field's error would not be seen: it is the form's
            self.add_error(None, "Formulaire invalide : rechargez la page puis recommencez.")
            return ""
        return value

    def __init__(self, *args, terms: t.Convention, **kwargs) -> None:
        self.terms = terms
        super().__init__(*args, **kwargs)


class SignatureForm(FollowupForm):
    party = forms.ChoiceField(label="Partie signataire")
    signed_on = date_field("Date de signature", today=True)

    def __init__(self, *args, terms: t.Convention, **kwargs) -> None:
        super().__init__(*args, terms=terms, **kwargs)
        self.fields["party"].choices = _parties(terms)


class PaymentForm(FollowupForm):
    grant = forms.ChoiceField(label="Subvention")
    amount = AmountField(
        label="Montant versé (€)",
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="Par exemple 2 800 ou 1 666,67.",
    )
    paid_on = date_field("Date du versement", today=True)
    year = forms.IntegerField(
        label="Année financée",
        required=False,
        min_value=1990,
        max_value=2200,
        widget=YEAR_WIDGET,
        help_text="L'année du budget subventionné, si le versement en concerne une.",
    )
    reference = forms.CharField(label="Référence du mandat", required=False, max_length=255)
    override_reason = forms.CharField(
        label="Raison, si la condition du versement n'est pas remplie",
        required=False,
        max_length=500,
        help_text=(
            "Un solde conditionné à des pièces non reçues, ou un versement avant la "
            "signature, n'est enregistré qu'avec une raison, gardée à l'historique."
        ),
    )

    def __init__(self, *args, terms: t.Convention, **kwargs) -> None:
        super().__init__(*args, terms=terms, **kwargs)
        self.fields["grant"].choices = [
            (g.key, g.purpose[:80] if g.purpose else f"Subvention « {g.key} »")
            for g in terms.grants
        ]


class DocumentForm(FollowupForm):
    kind = forms.ChoiceField(
        label="Nature du document",
        choices=[(k.value, k.label.capitalize()) for k in t.DocumentKind],
    )
    year = forms.IntegerField(
        label="Année concernée",
        required=False,
        min_value=1990,
        max_value=2200,
        widget=YEAR_WIDGET,
        help_text="Par exemple 2026 pour le bilan d'activité 2026.",
    )
    received_on = date_field("Date de réception", today=True)
    file = file_field(
        "Fichier", help_text=file_help(" Facultatif pour un document reçu sur papier.")
    )
    override_reason = forms.CharField(
        label="Raison, si le fichier n'est pas joint",
        required=False,
        max_length=500,
        help_text="Un partenaire qui déclare un document reçu joint son fichier, ou dit pourquoi.",
    )


class MeetingForm(FollowupForm):
    body = forms.ChoiceField(label="Instance")
    held_on = date_field("Date de la réunion")
    minutes_received_on = date_field(
        "Procès-verbal reçu le", required=False, help_text="À renseigner quand le PV est reçu."
    )
    minutes = file_field("Procès-verbal (fichier)", help_text=file_help())

    def __init__(self, *args, terms: t.Convention, **kwargs) -> None:
        super().__init__(*args, terms=terms, **kwargs)
        self.fields["body"].choices = [(b.key, b.name) for b in terms.governing_bodies]


class NoticeForm(FollowupForm):
    party = forms.ChoiceField(label="Partie qui dénonce la convention")
    sent_on = date_field("Lettre envoyée le")
    received_on = date_field(
        "Reçue le (avis de réception)",
        required=False,
        help_text="La dénonciation compte à partir de sa réception.",
    )

    def __init__(self, *args, terms: t.Convention, **kwargs) -> None:
        super().__init__(*args, terms=terms, **kwargs)
        self.fields["party"].choices = _parties(terms)


class RenewalForm(FollowupForm):
    decided_on = date_field("Reconduction décidée le")
    note = forms.CharField(
        label="Précisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Par exemple la délibération ou le courrier qui décide la reconduction.",
    )


class TerminationForm(FollowupForm):
    terminated_on = date_field("Résiliée à compter du")
    reason = forms.CharField(label="Motif", widget=forms.Textarea(attrs={"rows": 2}))


class AmendmentForm(FollowupForm):
    number = forms.IntegerField(
        label="Numéro de l'avenant",
        required=False,
        min_value=1,
        max_value=999,
        widget=YEAR_WIDGET,
        help_text="Laisser vide pour le numéro suivant.",
    )
    signed_on = date_field("Avenant signé le", today=True)
    summary = forms.CharField(
        label="Objet de l'avenant",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Par exemple « montant 2026 porté à 15 000 € ».",
    )
    grant = forms.ChoiceField(label="Subvention dont le montant change", required=False)
    year = forms.IntegerField(
        label="Année budgétaire",
        required=False,
        min_value=1990,
        max_value=2200,
        widget=YEAR_WIDGET,
    )
    amount = AmountField(
        label="Nouveau montant pour l'année (€)",
        required=False,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    ends_on = date_field("Nouvelle date de fin", required=False)
    file = file_field("Avenant signé (fichier)", help_text=file_help(" Facultatif."))

    def __init__(self, *args, terms: t.Convention, **kwargs) -> None:
        super().__init__(*args, terms=terms, **kwargs)
        self.fields["grant"].choices = [("", "—")] + [
            (g.key, g.purpose[:80] if g.purpose else f"Subvention « {g.key} »")
            for g in terms.grants
        ]
