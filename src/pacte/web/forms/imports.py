"""The review form of an imported draft: every value read, in French, grouped as a convention
is read, editable in place.

The form is built from the draft's data (one field per party, per grant year, per
committee…) and writes its values back into a copy of that data, which ``draft_confirm``
then stores. Each field knows where it comes from (``slots``: its section, its terms path
for the source span and the calibrated score, the value as read in French words) so the
page can show the source one click away and flag only what needs a look. A value the
document does not state but the others give (a year's amount from the amount « en année
pleine » over the dates, the end from the start and the duration) is proposed with how it
was computed (``pacte.rules``), never left empty.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from dsfr.utils import dsfr_input_class_attr
from pydantic import ValidationError

from pacte.rules.money import year_amounts
from pacte.rules.term import ONE_DAY, add_length
from pacte.terms import (
    Frequency,
    Grant,
    PartyRole,
    Quantity,
    RenewalKind,
    format_amount_fr,
    format_date_fr,
)
from pacte.terms.formats import format_percent_fr
from pacte.web.forms.base import PacteForm

UNITS = [("", "—"), ("year", "an(s)"), ("month", "mois"), ("day", "jour(s)")]
RENEWALS = [
    ("", "non indiquée"),
    ("tacit", "tacite"),
    ("express", "expresse"),
    ("none", "aucune reconduction"),
]
ROLES = [(role.value, role.label) for role in PartyRole]
FREQUENCIES = [("", "non indiquée"), *((f.value, f.label) for f in Frequency)]

SECTIONS = (
    ("document", "Le document"),
    ("parties", "Parties et représentants"),
    ("dates", "Dates et durée"),
    ("money", "Montants et versements"),
    ("renewal", "Reconduction et préavis"),
    ("governance", "Gouvernance"),
    ("workstreams", "Axes de travail"),
    ("reporting", "Comptes rendus et bilans"),
)
"""The order in which a convention is read, and the title of each part of the form."""


def _get(data: Any, *keys: Any) -> Any:
    value: Any = data
    for key in keys:
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            value = value[key]
        else:
            return None
    return value


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _label(enum: Any, value: Any) -> str:
    """The French label of an enum value, or "" for an unknown one."""
    return next((member.label for member in enum if member.value == value), "")


def amount_fr_input(value: Decimal | None) -> str:
    """An amount as typed in a French form: « 10 000,00 » (no euro sign: the label has it)."""
    return format_amount_fr(value).removesuffix(" €") if value is not None else ""


def person_name(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    return " ".join(str(person[k]) for k in ("first_name", "last_name") if person.get(k))


def date_field(label: str, *, required: bool = False) -> forms.DateField:
    """A date typed the French way (« 01/11/2012 »), whatever the browser's language: the
    calendar widget of ``type=date`` shows the browser's own format."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"],
        widget=forms.DateInput(
            format="%d/%m/%Y",
            attrs={"placeholder": "jj/mm/aaaa", "inputmode": "numeric", "autocomplete": "off"},
        ),
        help_text="Au format jj/mm/aaaa.",
        error_messages={"invalid": "Date attendue au format jj/mm/aaaa, par exemple 01/11/2012."},
    )


def _quantity(value: Any) -> str:
    """« 3 ans », « 2 mois » for a stated length; "" when there is none or it is unreadable."""
    if not isinstance(value, dict) or not value.get("value"):
        return ""
    try:
        return Quantity.model_validate(value).label
    except ValidationError:
        return ""


class AmountField(forms.Field):
    """An amount in euros typed the French way: « 10 000 », « 1 666,67 », « 2500,00 € »."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "30"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return amount_fr_input(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value).strip() if value not in (None, "") else ""
        if not text:
            return None
        cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text)
        if re.fullmatch(r"\d+([.,]\d{1,2})?", cleaned) is None:
            raise forms.ValidationError(
                f"« {text} » n'est pas un montant : écrivez par exemple 10 000 ou 1 666,67."
            )
        amount = Decimal(cleaned.replace(",", "."))
        if amount <= 0:
            raise forms.ValidationError("Un montant est supérieur à zéro.")
        return amount.quantize(Decimal("0.01"))


class PercentField(AmountField):
    def to_python(self, value: Any) -> Decimal | None:
        text = value.strip().rstrip("%").strip() if isinstance(value, str) else value
        try:
            number = super().to_python(text)
        except forms.ValidationError:
            raise forms.ValidationError(
                f"« {value} » n'est pas un pourcentage : écrivez par exemple 30 ou 33,33."
            ) from None
        if number is not None and number > 100:
            raise forms.ValidationError("Un pourcentage ne dépasse pas 100.")
        return number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return format_percent_fr(value).removesuffix(" %")
        return value


@dataclass
class Slot:
    """Where a field of the form comes from, for the page to place and flag it."""

    section: str
    path: str
    """The terms path of the value (« term.start »): its span, its recogniser's score."""
    read: str
    """The value as read from the document, in French words; empty when not read."""
    group: str = ""
    """A sub-heading inside the section (« Partie 2 : Association… »)."""
    proposal: str = ""
    """How a value the document does not state was computed from the others."""
    expected: bool = False
    """Whether a convention usually states this value (flagged when it is missing)."""
    note: str = ""
    """What the empty value means, shown instead of « non lu »."""
    assumed: str = ""
    """Flag given when ``path`` has no span of its own: the value was assumed, not read."""
    quiet: bool = False
    """A companion field (the unit of a length): what was read is said by the field before."""


class DraftCorrectionForm(PacteForm):
    """Every value of a draft, as read, for the agent to correct before confirming."""

    def __init__(self, *args: Any, data_terms: dict[str, Any], **kwargs: Any) -> None:
        self.terms = data_terms
        self.slots: dict[str, Slot] = {}
        super().__init__(*args, **kwargs)
        d = data_terms
        self._document(d)
        self._parties(d)
        self._dates(d)
        self._money(d)
        self._renewal(d)
        self._governance(d)
        self._workstreams(d)
        self._reporting(d)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def _add(
        self,
        name: str,
        field: forms.Field,
        initial: Any,
        slot: Slot,
    ) -> None:
        field.initial = initial
        self.fields[name] = field
        self.slots[name] = slot

    # --- the sections, in reading order -------------------------------------------------

    def _document(self, d: dict[str, Any]) -> None:
        self._add(
            "title",
            forms.CharField(label="Intitulé", max_length=500),
            d.get("title"),
            Slot("document", "title", d.get("title") or "", expected=True),
        )
        self._add(
            "reference",
            forms.SlugField(
                label="Référence",
                max_length=60,
                help_text="Lettres minuscules, chiffres et tirets, par exemple ville-asso-2026.",
            ),
            d.get("reference"),
            Slot(
                "document",
                "reference",
                "",
                note="Tirée du nom du fichier : elle désigne la convention dans Pacte.",
            ),
        )

    def _parties(self, d: dict[str, Any]) -> None:
        for i, party in enumerate(d.get("parties") or []):
            name = _get(party, "organisation", "name") or ""
            group = f"Partie {i + 1}" + (f" : {name}" if name else "")
            p = f"parties[{i}]"
            self._add(
                f"party_{i}_name",
                forms.CharField(label="Nom de l'organisation", max_length=255),
                name,
                Slot("parties", f"{p}.organisation.name", name, group, expected=True),
            )
            role = party.get("role") or ""
            self._add(
                f"party_{i}_role",
                forms.ChoiceField(label="Rôle", choices=ROLES),
                role,
                Slot(
                    "parties",
                    f"{p}.role",
                    _label(PartyRole, role),
                    group,
                ),
            )
            person = party.get("representative") or {}
            self._add(
                f"party_{i}_rep_first",
                forms.CharField(label="Prénom du représentant", max_length=100, required=False),
                person.get("first_name"),
                Slot("parties", f"{p}.representative", person.get("first_name") or "", group),
            )
            self._add(
                f"party_{i}_rep_last",
                forms.CharField(label="Nom du représentant", max_length=100, required=False),
                person.get("last_name"),
                Slot(
                    "parties",
                    f"{p}.representative",
                    person.get("last_name") or "",
                    group,
                    expected=True,
                ),
            )
            self._add(
                f"party_{i}_capacity",
                forms.CharField(label="Qualité du représentant", max_length=255, required=False),
                party.get("capacity"),
                Slot("parties", f"{p}.capacity", party.get("capacity") or "", group),
            )
            if not party.get("mandate"):
                continue  # no habilitation stated: no date to give it
            mandate_date = _date(_get(party, "mandate", "date"))
            self._add(
                f"party_{i}_mandate_date",
                date_field("Date de l'habilitation (délibération, décision)", required=False),
                mandate_date,
                Slot(
                    "parties",
                    f"{p}.mandate.date",
                    format_date_fr(mandate_date) if mandate_date else "",
                    group,
                ),
            )

    def _dates(self, d: dict[str, Any]) -> None:
        signed_on = _date(d.get("signed_on"))
        self._add(
            "signed_on",
            date_field("Date de signature (« fait le »)", required=False),
            signed_on,
            Slot("dates", "signed_on", format_date_fr(signed_on) if signed_on else ""),
        )
        self._add(
            "signed_at",
            forms.CharField(label="Lieu de signature (« fait à »)", max_length=255, required=False),
            d.get("signed_at"),
            Slot("dates", "signed_at", d.get("signed_at") or ""),
        )
        start = _date(_get(d, "term", "start"))
        end = _date(_get(d, "term", "end"))
        duration = _get(d, "term", "duration") or {}
        start_rule = _get(d, "term", "start_rule")
        start_slot = Slot(
            "dates", "term.start", format_date_fr(start) if start else "", expected=True
        )
        if start is None and start_rule == "on_signature":
            start_slot = Slot(
                "dates",
                "term.start_rule",
                "",
                note="À compter de la signature : laisser vide, la date de signature enregistrée "
                "fixera le début.",
                assumed="supposé à la signature : le document ne dit pas quand elle commence",
            )
        self._add(
            "term_start", date_field("Début de la convention", required=False), start, start_slot
        )
        end_slot = Slot("dates", "term.end", format_date_fr(end) if end else "", expected=True)
        if end is None and start is None and duration.get("value"):
            # « pour un an à compter de sa signature »: the end follows from the signature
            end_slot.expected = False
            end_slot.note = "Suit de la date de signature et de la durée : laisser vide."
        proposed_end = end
        if end is None and start is not None and duration.get("value") and duration.get("unit"):
            try:
                length = Quantity.model_validate(duration)
            except ValidationError:
                length = None
            if length is not None:
                proposed_end = add_length(start, length) - ONE_DAY
                end_slot.proposal = f"calculée : début plus {length.label}"
        self._add(
            "term_end",
            date_field("Fin de la convention", required=False),
            proposed_end,
            end_slot,
        )
        read_duration = _quantity(duration)
        self._add(
            "duration_value",
            forms.IntegerField(label="Durée", required=False, min_value=1),
            duration.get("value"),
            Slot("dates", "term.duration", read_duration, expected=True),
        )
        self._add(
            "duration_unit",
            forms.ChoiceField(label="Unité de la durée", required=False, choices=UNITS),
            duration.get("unit"),
            Slot("dates", "term.duration", read_duration, quiet=True),
        )

    def _money(self, d: dict[str, Any]) -> None:
        start = _date(_get(d, "term", "start"))
        end = _date(_get(d, "term", "end"))
        for g, grant in enumerate(d.get("grants") or []):
            group = "Subvention" + (f" {g + 1}" if len(d.get("grants") or []) > 1 else "")
            if grant.get("purpose"):
                group += f" : {grant['purpose']}"
            p = f"grants[{g}]"
            for key, label in (
                ("annual_amount", "Montant en année pleine (€)"),
                ("total_amount", "Montant total (€)"),
            ):
                amount = _decimal(grant.get(key))
                self._add(
                    f"grant_{g}_{key.removesuffix('_amount')}",
                    AmountField(label=label, required=False),
                    amount,
                    Slot("money", f"{p}.{key}", format_amount_fr(amount) if amount else "", group),
                )
            computed = self._computed_years(grant, start, end)
            for y, year in enumerate(grant.get("years") or []):
                amount = _decimal(year.get("amount"))
                slot = Slot(
                    "money",
                    f"{p}.years[{y}].amount",
                    format_amount_fr(amount) if amount else "",
                    group,
                    expected=True,
                )
                initial = amount
                if amount is None and year.get("year") in computed:
                    initial, how = computed[year["year"]]
                    slot.proposal = f"calculé : {how}"
                self._add(
                    f"grant_{g}_year_{y}",
                    AmountField(label=f"Montant {year.get('year')} (€)", required=False),
                    initial,
                    slot,
                )
            for k, instalment in enumerate(grant.get("instalments") or []):
                percent = _decimal(instalment.get("percent"))
                trigger = _get(instalment, "trigger", "text") or ""
                self._add(
                    f"grant_{g}_instalment_{k}",
                    PercentField(
                        label=f"Versement {k + 1} : part du montant (%)",
                        required=False,
                        help_text=trigger[:200],
                    ),
                    percent,
                    Slot(
                        "money",
                        f"{p}.instalments[{k}].percent",
                        format_percent_fr(percent) if percent is not None else "",
                        group,
                    ),
                )

    @staticmethod
    def _computed_years(
        grant: dict[str, Any], start: date | None, end: date | None
    ) -> dict[int, tuple[Decimal, str]]:
        """Each year's amount computed from the others (``pacte.rules.money.year_amounts``)."""
        if grant.get("annual_amount") in (None, ""):
            return {}
        try:
            model = Grant.model_validate(
                {k: v for k, v in grant.items() if k not in ("place", "instalments")}
            )
        except ValidationError:
            return {}
        return {
            item.year: (item.computed, item.how)
            for item in year_amounts(model, start, end)
            if item.stated is None and item.computed is not None
        }

    def _renewal(self, d: dict[str, Any]) -> None:
        kind = _get(d, "renewal", "kind") or ""
        self._add(
            "renewal_kind",
            forms.ChoiceField(label="Reconduction", required=False, choices=RENEWALS),
            kind,
            Slot(
                "renewal",
                "renewal.kind",
                _label(RenewalKind, kind),
                expected=True,
            ),
        )
        notice = _get(d, "termination", "notice") or {}
        read_notice = _quantity(notice)
        self._add(
            "notice_value",
            forms.IntegerField(label="Préavis de dénonciation", required=False, min_value=1),
            notice.get("value"),
            Slot("renewal", "termination.notice", read_notice, expected=True),
        )
        self._add(
            "notice_unit",
            forms.ChoiceField(label="Unité du préavis", required=False, choices=UNITS),
            notice.get("unit"),
            Slot("renewal", "termination.notice", read_notice, quiet=True),
        )

    def _governance(self, d: dict[str, Any]) -> None:
        for b, body in enumerate(d.get("governing_bodies") or []):
            group = f"Instance {b + 1}"
            self._add(
                f"body_{b}_name",
                forms.CharField(label="Nom de l'instance", max_length=255),
                body.get("name"),
                Slot("governance", f"governing_bodies[{b}]", body.get("name") or "", group),
            )
            frequency = _get(body, "cadence", "frequency") or ""
            self._add(
                f"body_{b}_frequency",
                forms.ChoiceField(
                    label="Fréquence des réunions", required=False, choices=FREQUENCIES
                ),
                frequency,
                Slot(
                    "governance",
                    f"governing_bodies[{b}].cadence.frequency",
                    _label(Frequency, frequency),
                    group,
                ),
            )

    def _workstreams(self, d: dict[str, Any]) -> None:
        for w, workstream in enumerate(d.get("workstreams") or []):
            self._add(
                f"workstream_{w}_title",
                forms.CharField(label=f"Axe {w + 1}", max_length=500),
                workstream.get("title"),
                Slot("workstreams", f"workstreams[{w}]", workstream.get("title") or ""),
            )

    def _reporting(self, d: dict[str, Any]) -> None:
        for r, duty in enumerate(d.get("reporting_duties") or []):
            self._add(
                f"report_{r}_subject",
                forms.CharField(label=f"Document à fournir {r + 1}", max_length=500),
                duty.get("subject"),
                Slot("reporting", f"reporting_duties[{r}].subject", duty.get("subject") or ""),
            )

    # --- validation and writing back ------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for value, unit, what in (
            ("duration_value", "duration_unit", "de la durée"),
            ("notice_value", "notice_unit", "du préavis"),
        ):
            if cleaned.get(value) and not cleaned.get(unit):
                self.add_error(unit, f"Indiquez l'unité {what}.")
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", "La fin de la convention précède son début.")
        for i, _party in enumerate(self.terms.get("parties") or []):
            if cleaned.get(f"party_{i}_rep_first") and not cleaned.get(f"party_{i}_rep_last"):
                self.add_error(f"party_{i}_rep_last", "Indiquez le nom du représentant.")
        return cleaned

    def corrected(self) -> dict[str, Any]:
        """A copy of the draft's data with the reviewed values written in."""
        c = self.cleaned_data
        data = copy.deepcopy(self.terms)
        data["reference"] = c["reference"]
        data["title"] = c["title"]
        for i, party in enumerate(data.get("parties") or []):
            party.setdefault("organisation", {})["name"] = c[f"party_{i}_name"]
            party["role"] = c[f"party_{i}_role"]
            first, last = c.get(f"party_{i}_rep_first"), c.get(f"party_{i}_rep_last")
            if last:
                person = dict(party.get("representative") or {})
                person["last_name"] = last
                _set_or_drop(person, "first_name", first)
                party["representative"] = person
            else:
                party.pop("representative", None)
            _set_or_drop(party, "capacity", c.get(f"party_{i}_capacity"))
            if party.get("mandate"):
                _set_or_drop(party["mandate"], "date", c.get(f"party_{i}_mandate_date"))
        _set_or_drop(data, "signed_on", c.get("signed_on"))
        _set_or_drop(data, "signed_at", c.get("signed_at"))
        term = dict(data.get("term") or {})
        _set_or_drop(term, "start", c.get("term_start"))
        _set_or_drop(term, "end", c.get("term_end"))
        if c.get("duration_value"):
            term["duration"] = {"value": c["duration_value"], "unit": c["duration_unit"]}
        else:
            term.pop("duration", None)
        if term.keys() - {"start_rule", "place"}:
            if term.get("start"):
                term["start_rule"] = "fixed_date"
            term.setdefault("start_rule", "on_signature")
            data["term"] = term
        else:
            data.pop("term", None)
        if c.get("renewal_kind"):
            data["renewal"] = {**(data.get("renewal") or {}), "kind": c["renewal_kind"]}
        else:
            data.pop("renewal", None)
        if c.get("notice_value"):
            termination = dict(data.get("termination") or {})
            termination["notice"] = {"value": c["notice_value"], "unit": c["notice_unit"]}
            data["termination"] = termination
        elif data.get("termination"):
            data["termination"].pop("notice", None)
        for g, grant in enumerate(data.get("grants") or []):
            for key in ("annual", "total"):
                amount = c.get(f"grant_{g}_{key}")
                _set_or_drop(grant, f"{key}_amount", f"{amount:.2f}" if amount else None)
            for y, year in enumerate(grant.get("years") or []):
                amount = c.get(f"grant_{g}_year_{y}")
                _set_or_drop(year, "amount", f"{amount:.2f}" if amount is not None else None)
            for k, instalment in enumerate(grant.get("instalments") or []):
                percent = c.get(f"grant_{g}_instalment_{k}")
                _set_or_drop(instalment, "percent", f"{percent.normalize():f}" if percent else None)
        for b, body in enumerate(data.get("governing_bodies") or []):
            body["name"] = c[f"body_{b}_name"]
            frequency = c.get(f"body_{b}_frequency")
            if frequency:
                body["cadence"] = {**(body.get("cadence") or {}), "frequency": frequency}
            else:
                body.pop("cadence", None)
        for w, workstream in enumerate(data.get("workstreams") or []):
            workstream["title"] = c[f"workstream_{w}_title"]
        for r, duty in enumerate(data.get("reporting_duties") or []):
            duty["subject"] = c[f"report_{r}_subject"]
        return data

    def corrections(self) -> list[dict[str, str]]:
        """The values the reviewer changed: the field, the value as read, the value kept.

        Compared as a person reads them (« 10 000,00 » and « 10000 » are the same amount).
        """
        changes = []
        for name, field in self.fields.items():
            slot = self.slots[name]
            before = "" if slot.proposal else _shown(field, field.initial)
            after = _shown(field, self.cleaned_data.get(name))
            if before != after:
                label = f"{slot.group} : {field.label}" if slot.group else str(field.label)
                change = {"champ": label, "lu": before or "—", "corrigé": after or "—"}
                if slot.proposal:
                    change["proposé"] = slot.proposal
                changes.append(change)
        return changes


def _shown(field: forms.Field, value: Any) -> str:
    """A field's value as a person reads it, to compare before and after a review."""
    if value in (None, ""):
        return ""
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, date):
        return format_date_fr(value)
    if isinstance(field, PercentField):
        return format_percent_fr(Decimal(value))
    if isinstance(field, AmountField):
        return format_amount_fr(Decimal(value))
    return str(value)


def _set_or_drop(mapping: dict[str, Any], key: str, value: Any) -> None:
    if value in (None, ""):
        mapping.pop(key, None)
    else:
        mapping[key] = value.isoformat() if hasattr(value, "isoformat") else value
