"""Forms of the import screen: the files to read, and the corrections of a draft's main terms.

The correction form is built from the draft's data (one field per party, per grant year)
and writes its values back into a copy of that data, which ``draft_confirm`` then stores.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from django import forms

from pacte.web.forms.base import PacteForm, date_field

UNITS = [("", "—"), ("year", "an(s)"), ("month", "mois"), ("day", "jour(s)")]
RENEWALS = [
    ("", "non indiquée"),
    ("tacit", "tacite"),
    ("express", "expresse"),
    ("none", "aucune reconduction"),
]


def _get(data: dict[str, Any], *keys: Any) -> Any:
    value: Any = data
    for key in keys:
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            value = value[key]
        else:
            return None
    return value


class DraftCorrectionForm(PacteForm):
    """The main terms of a draft, as read, for the agent to correct before confirming."""

    def __init__(self, *args: Any, data_terms: dict[str, Any], **kwargs: Any) -> None:
        self.terms = data_terms
        super().__init__(*args, **kwargs)
        d = data_terms
        self.fields["reference"] = forms.SlugField(
            label="Référence",
            max_length=60,
            initial=d.get("reference"),
            help_text="Lettres minuscules, chiffres et tirets, par exemple ville-asso-2026.",
        )
        self.fields["title"] = forms.CharField(
            label="Intitulé", max_length=500, initial=d.get("title")
        )
        for i, party in enumerate(d.get("parties") or []):
            self.fields[f"party_{i}_name"] = forms.CharField(
                label=f"Partie {i + 1} : nom de l'organisation",
                max_length=255,
                initial=_get(party, "organisation", "name"),
            )
        self.fields["signed_on"] = date_field("Date de signature (« fait le »)", required=False)
        self.fields["signed_on"].initial = d.get("signed_on")
        self.fields["term_start"] = date_field("Début de la convention", required=False)
        self.fields["term_start"].initial = _get(d, "term", "start")
        self.fields["term_end"] = date_field("Fin de la convention", required=False)
        self.fields["term_end"].initial = _get(d, "term", "end")
        self.fields["duration_value"] = forms.IntegerField(
            label="Durée", required=False, min_value=1, initial=_get(d, "term", "duration", "value")
        )
        self.fields["duration_unit"] = forms.ChoiceField(
            label="Unité de la durée",
            required=False,
            choices=UNITS,
            initial=_get(d, "term", "duration", "unit"),
        )
        self.fields["renewal_kind"] = forms.ChoiceField(
            label="Reconduction",
            required=False,
            choices=RENEWALS,
            initial=_get(d, "renewal", "kind"),
        )
        self.fields["notice_value"] = forms.IntegerField(
            label="Préavis de dénonciation",
            required=False,
            min_value=1,
            initial=_get(d, "termination", "notice", "value"),
        )
        self.fields["notice_unit"] = forms.ChoiceField(
            label="Unité du préavis",
            required=False,
            choices=UNITS,
            initial=_get(d, "termination", "notice", "unit"),
        )
        for g, grant in enumerate(d.get("grants") or []):
            for y, year in enumerate(grant.get("years") or []):
                self.fields[f"grant_{g}_year_{y}"] = forms.DecimalField(
                    label=f"Subvention « {grant.get('key', g + 1)} » : montant {year.get('year')} (€)",
                    required=False,
                    min_value=Decimal("0.01"),
                    decimal_places=2,
                    max_digits=14,
                    initial=year.get("amount"),
                )

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
        return cleaned

    def corrected(self) -> dict[str, Any]:
        """A copy of the draft's data with the corrected values written in."""
        c = self.cleaned_data
        data = copy.deepcopy(self.terms)
        data["reference"] = c["reference"]
        data["title"] = c["title"]
        for i, party in enumerate(data.get("parties") or []):
            party.setdefault("organisation", {})["name"] = c[f"party_{i}_name"]
        _set_or_drop(data, "signed_on", c.get("signed_on"))
        term = dict(data.get("term") or {})
        _set_or_drop(term, "start", c.get("term_start"))
        _set_or_drop(term, "end", c.get("term_end"))
        if c.get("duration_value"):
            term["duration"] = {"value": c["duration_value"], "unit": c["duration_unit"]}
        else:
            term.pop("duration", None)
        if term.keys() - {"start_rule", "place"}:
            term.setdefault("start_rule", "fixed_date" if term.get("start") else "on_signature")
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
            for y, year in enumerate(grant.get("years") or []):
                amount = c.get(f"grant_{g}_year_{y}")
                _set_or_drop(year, "amount", f"{amount:.2f}" if amount is not None else None)
        return data


def _set_or_drop(mapping: dict[str, Any], key: str, value: Any) -> None:
    if value in (None, ""):
        mapping.pop(key, None)
    else:
        mapping[key] = value.isoformat() if hasattr(value, "isoformat") else value
