"""The DSFR base form, with the project's choices: optional fields marked, dates as calendars."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from pacte.followup.uploads import ACCEPTED


class PacteForm(DsfrBaseForm):
    """Marks optional fields (as the DSFR now recommends) without django-dsfr's warnings."""

    def get_context(self) -> dict[str, Any]:
        context: dict[str, Any] = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def date_field(
    label: str, *, required: bool = True, today: bool = False, help_text: str = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        initial=timezone.localdate if today else None,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def file_field(label: str, *, help_text: str) -> forms.FileField:
    widget = forms.ClearableFileInput(attrs={"class": "fr-upload", "accept": ACCEPTED})
    widget.group_class = "fr-upload-group"  # type: ignore[attr-defined]
    return forms.FileField(label=label, required=False, help_text=help_text, widget=widget)
