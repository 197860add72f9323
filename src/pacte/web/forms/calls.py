"""Forms of the calls for projects: the application (CERFA 12156 essentials), the
review, and the instructor's and committee's decisions. The services check; the forms
only read the fields and show the services' French messages where they belong."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from pacte.calls.checks import ACCOUNT_LABELS, CallError, Line
from pacte.calls.enums import Outcome, Recommendation, RequiredDocument
from pacte.calls.models import Application, Criterion
from pacte.calls.services import BENEFICIARY_KINDS, ApplicationData
from pacte.web.forms.base import PacteForm, date_field, file_field


class AmountField(forms.DecimalField):
    """An amount typed the French way: « 12 500,50 », « 12500.50 », « 12 500 € »."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("max_digits", 14)
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            for space in (" ", "\xa0", "\u202f", "€"):
                value = value.replace(space, "")
        return super().to_python(value)


BUDGET_ROWS = 12
SIDES = [("charge", "Charge"), ("product", "Produit")]
ACCOUNTS = [("", "—"), *sorted(ACCOUNT_LABELS.items())]


def show_error(form: forms.Form, error: CallError) -> None:
    """The service's messages, each under its field when the form has it."""
    for where, message in error.errors.items():
        name = where.replace("-", "_") if where else None
        form.add_error(name if name in form.fields else None, message)


class AccountForm(PacteForm):
    """The applicant's account, created with the first application."""

    email = forms.EmailField(label="Adresse électronique (identifiant)")
    name = forms.CharField(label="Prénom et nom", max_length=150, required=False)
    password = forms.CharField(
        label="Mot de passe",
        widget=forms.PasswordInput(render_value=False),
        help_text="Au moins 12 caractères.",
    )


class ApplicationForm(PacteForm):
    organisation_name = forms.CharField(label="Nom de la structure", max_length=255)
    organisation_kind = forms.ChoiceField(
        label="Nature de la structure", choices=[(k.value, k.label) for k in BENEFICIARY_KINDS]
    )
    siret = forms.CharField(label="SIRET", max_length=20, required=False, help_text="14 chiffres.")
    rna = forms.CharField(
        label="Numéro RNA",
        max_length=10,
        required=False,
        help_text="Pour une association : W suivi de 9 chiffres.",
    )
    address = forms.CharField(label="Adresse", max_length=255, required=False)
    postcode = forms.CharField(label="Code postal", max_length=5, required=False)
    city = forms.CharField(label="Commune", max_length=255, required=False)
    representative = forms.CharField(label="Représentant légal", max_length=255, required=False)
    contact_email = forms.EmailField(label="Courriel de contact", required=False)
    project_title = forms.CharField(label="Intitulé du projet", max_length=255)
    public_summary = forms.CharField(
        label="Résumé public du projet",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Seul ce résumé est montré à un évaluateur déporté.",
    )
    description = forms.CharField(
        label="Description du projet", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    starts_on = date_field("Date de début du projet", required=False)
    amount_requested = AmountField(
        label="Montant demandé (€)",
        min_value=Decimal(0),
        decimal_places=2,
        max_digits=14,
        localize=True,
    )
    documents = forms.MultipleChoiceField(
        label="Pièces jointes au dossier",
        choices=[
            c for c in RequiredDocument.choices if c[0] != RequiredDocument.REPUBLICAN_CONTRACT
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    republican_contract = forms.BooleanField(
        label="La structure souscrit le contrat d’engagement républicain (décret n° 2021-1947)",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(BUDGET_ROWS):
            self.fields[f"budget_{i}_side"] = forms.ChoiceField(
                label=f"Ligne {i + 1} : charge ou produit", choices=SIDES, required=False
            )
            self.fields[f"budget_{i}_account"] = forms.ChoiceField(
                label=f"Ligne {i + 1} : compte", choices=ACCOUNTS, required=False
            )
            self.fields[f"budget_{i}_label"] = forms.CharField(
                label=f"Ligne {i + 1} : libellé", max_length=255, required=False
            )
            self.fields[f"budget_{i}_funder"] = forms.CharField(
                label=f"Ligne {i + 1} : financeur (compte 74)", max_length=255, required=False
            )
            self.fields[f"budget_{i}_amount"] = AmountField(
                label=f"Ligne {i + 1} : montant (€)",
                min_value=Decimal(0),
                decimal_places=2,
                max_digits=14,
                localize=True,
                required=False,
            )

    def budget_rows(self) -> list[list[forms.BoundField]]:
        names = ("side", "account", "label", "funder", "amount")
        return [[self[f"budget_{i}_{n}"] for n in names] for i in range(BUDGET_ROWS)]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("budget_")]

    def data_for_service(self) -> ApplicationData:
        data = self.cleaned_data
        lines = []
        for i in range(BUDGET_ROWS):
            account = data.get(f"budget_{i}_account") or ""
            amount = data.get(f"budget_{i}_amount")
            if not account and amount is None:
                continue
            lines.append(
                Line(
                    side=data.get(f"budget_{i}_side") or "charge",
                    account=account,
                    amount=amount if amount is not None else Decimal(0),
                    label=data.get(f"budget_{i}_label") or "",
                    funder=data.get(f"budget_{i}_funder") or "",
                )
            )
        documents = list(data.get("documents") or [])
        if data.get("republican_contract"):
            documents.append(RequiredDocument.REPUBLICAN_CONTRACT)
        return ApplicationData(
            organisation_name=data["organisation_name"],
            organisation_kind=data["organisation_kind"],
            siret=data.get("siret") or "",
            rna=data.get("rna") or "",
            address=data.get("address") or "",
            postcode=data.get("postcode") or "",
            city=data.get("city") or "",
            representative=data.get("representative") or "",
            contact_email=data.get("contact_email") or "",
            project_title=data["project_title"],
            public_summary=data.get("public_summary") or "",
            description=data.get("description") or "",
            starts_on=data.get("starts_on"),
            amount_requested=data["amount_requested"],
            documents=documents,
            republican_contract=bool(data.get("republican_contract")),
            budget=lines,
        )

    @classmethod
    def initial_of(cls, application: Application, lines: list[Line]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(application, name)
            for name in (
                "organisation_name",
                "organisation_kind",
                "siret",
                "rna",
                "address",
                "postcode",
                "city",
                "representative",
                "contact_email",
                "project_title",
                "public_summary",
                "description",
                "starts_on",
                "amount_requested",
                "republican_contract",
            )
        }
        initial["documents"] = [
            d for d in application.documents if d != RequiredDocument.REPUBLICAN_CONTRACT
        ]
        for i, line in enumerate(lines[:BUDGET_ROWS]):
            initial |= {
                f"budget_{i}_side": line.side,
                f"budget_{i}_account": line.account,
                f"budget_{i}_label": line.label,
                f"budget_{i}_funder": line.funder,
                f"budget_{i}_amount": line.amount,
            }
        return initial


class ConflictForm(PacteForm):
    conflict = forms.TypedChoiceField(
        label="Déclaration d’intérêts pour ce dossier",
        choices=[
            ("0", "Je n’ai aucun conflit d’intérêts avec ce dossier"),
            ("1", "J’ai un conflit d’intérêts : je me déporte"),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Nature du conflit (si déport)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


NOT_APPLICABLE = "na"


class ReviewForm(PacteForm):
    recommendation = forms.ChoiceField(
        label="Avis",
        choices=[("", "— à donner —"), *Recommendation.choices],
        required=False,
    )
    comment = forms.CharField(
        label="Commentaire", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=f"{criterion.label} (pondération {criterion.weight.normalize()})",
                choices=[("", "— à noter —")]
                + [(str(n), str(n)) for n in range(6)]
                + [(NOT_APPLICABLE, "sans objet")],
                required=False,
            )

    def scores(self) -> dict[int, int | None]:
        found: dict[int, int | None] = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"score_{criterion.pk}")
            if value == NOT_APPLICABLE:
                found[criterion.pk] = None
            elif value:
                found[criterion.pk] = int(value)
        return found


class EligibilityForm(PacteForm):
    eligible = forms.TypedChoiceField(
        label="Recevabilité",
        choices=[("1", "Recevable"), ("0", "Irrecevable")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Motif",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Obligatoire pour s’écarter de l’avis des règles de l’appel.",
    )


class InformationForm(PacteForm):
    message = forms.CharField(
        label="Compléments demandés", widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateTimeField(
        label="À fournir avant le",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class AssignForm(PacteForm):
    reviewer = forms.TypedChoiceField(label="Évaluateur", coerce=int)

    def __init__(self, *args: Any, reviewers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = reviewers  # type: ignore[attr-defined]


class BalanceForm(PacteForm):
    per_application = forms.IntegerField(
        label="Évaluateurs par dossier", min_value=1, max_value=20, initial=2
    )


class CommitteeForm(PacteForm):
    held_on = date_field("Date de la réunion")
    members_present = forms.CharField(
        label="Membres présents",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Un membre par ligne (nom et qualité).",
    )

    def members(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["members_present"].splitlines()]


class DecisionForm(PacteForm):
    outcome = forms.ChoiceField(label="Décision", choices=Outcome.choices)
    amount = AmountField(
        label="Montant attribué (€)",
        min_value=Decimal(0),
        decimal_places=2,
        max_digits=14,
        localize=True,
        required=False,
        help_text="Vide : le montant demandé.",
    )
    conditions = forms.CharField(
        label="Conditions", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reason = forms.CharField(
        label="Motifs",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Obligatoires pour un refus, un montant modifié ou un dépassement de l’enveloppe.",
    )


class ConfirmForm(PacteForm):
    confirm = forms.BooleanField(
        label="Je confirme la création de la convention dans le registre", required=False
    )


class OrientationForm(PacteForm):
    text = forms.CharField(
        label="Nouvelle version des orientations", widget=forms.Textarea(attrs={"rows": 6})
    )


class WithdrawForm(PacteForm):
    reason = forms.CharField(label="Motif du retrait", required=False)


class FundForm(PacteForm):
    name = forms.CharField(label="Nom du dispositif", max_length=255)
    short_name = forms.CharField(label="Sigle", max_length=30, required=False)
    partner = forms.TypedChoiceField(
        label="Partenaire associé à la sélection", coerce=int, required=False, empty_value=None
    )
    description = forms.CharField(
        label="Description", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    advance_percent = AmountField(
        label="Avance versée à la signature (%)",
        initial=Decimal(100),
        min_value=Decimal(1),
        max_value=Decimal(100),
        decimal_places=2,
        max_digits=5,
        localize=True,
        help_text="Le solde est versé sur le compte rendu de réalisation du projet.",
    )
    duration_months = forms.IntegerField(
        label="Durée des conventions (mois)", initial=12, min_value=1, max_value=120
    )
    quorum = forms.IntegerField(
        label="Quorum du comité (membres présents)", min_value=1, required=False
    )

    def __init__(self, *args: Any, partners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "— aucun —"), *partners]  # type: ignore[attr-defined]


def _datetime_field(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="Heure de Paris.",
    )


class CallForm(PacteForm):
    fund = forms.TypedChoiceField(label="Dispositif", coerce=int)
    reference = forms.SlugField(
        label="Référence", max_length=60, help_text="Lettres, chiffres et tirets (ex. fd2i-2027)."
    )
    year = forms.IntegerField(label="Année", min_value=2000, max_value=2200)
    title = forms.CharField(label="Titre", max_length=255)
    summary = forms.CharField(
        label="Présentation", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    envelope = AmountField(
        label="Enveloppe (€)",
        min_value=Decimal("0.01"),
        decimal_places=2,
        max_digits=14,
        localize=True,
    )
    opens_at = _datetime_field("Ouverture des dépôts")
    closes_at = _datetime_field("Clôture des dépôts")
    committee_on = date_field("Date du comité", required=False)
    criteria = forms.CharField(
        label="Critères de sélection",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Un critère par ligne : « libellé ; pondération » (pondération 1 si absente).",
    )
    eligible_kinds = forms.MultipleChoiceField(
        label="Structures éligibles (aucune cochée : toutes)",
        choices=[(k.value, k.label) for k in BENEFICIARY_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    eligible_departments = forms.CharField(
        label="Départements éligibles",
        required=False,
        help_text="Codes séparés par des virgules (ex. 67, 68) ; vide : tous.",
    )
    min_amount = AmountField(label="Montant minimum (€)", required=False)
    max_amount = AmountField(label="Montant maximum (€)", required=False)
    max_rate = AmountField(
        label="Taux de financement maximum (% du coût du projet)",
        required=False,
        decimal_places=2,
        max_digits=5,
        localize=True,
    )
    required_documents = forms.MultipleChoiceField(
        label="Pièces demandées",
        choices=[
            c for c in RequiredDocument.choices if c[0] != RequiredDocument.REPUBLICAN_CONTRACT
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reporting = forms.CharField(label="Compte rendu demandé aux lauréats", required=False)

    def __init__(self, *args: Any, funds: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund"].choices = funds  # type: ignore[attr-defined]

    def clean_criteria(self) -> list[tuple[str, Decimal]]:
        found = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            label, _, weight = line.partition(";")
            text = weight.strip().replace(",", ".") or "1"
            try:
                value = Decimal(text)
            except ArithmeticError:
                raise forms.ValidationError(
                    f"Ligne {number} des critères : pondération « {weight.strip()} » invalide."
                ) from None
            found.append((label.strip(), value))
        return found

    def clean_eligible_departments(self) -> list[str]:
        codes = [c.strip().upper() for c in self.cleaned_data["eligible_departments"].split(",")]
        return [c for c in codes if c]


class AttachForm(PacteForm):
    kind = forms.ChoiceField(
        label="Pièce",
        choices=[
            c for c in RequiredDocument.choices if c[0] != RequiredDocument.REPUBLICAN_CONTRACT
        ],
    )
    file = file_field(
        "Fichier", help_text="PDF, Word (DOCX), OpenDocument (ODT), image PNG ou JPEG."
    )
