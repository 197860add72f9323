"""Habits of the follow-up and accounts apps: French names, deliberate deletions, migrations."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

MODELS = [
    model for app in ("followup", "accounts") for model in apps.get_app_config(app).get_models()
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_models_and_fields_have_french_names(model: type[models.Model]) -> None:
    assert {"verbose_name", "verbose_name_plural"} <= model._meta.original_attrs.keys()
    english = [
        field.name
        for field in model._meta.concrete_fields
        if not field.auto_created
        and "_" in field.name
        and field.verbose_name == field.name.replace("_", " ")
    ]
    assert english == []


COMPUTED = {
    "followup.StoredObligation",
    "followup.StoredState",
    "followup.StoredFigures",
    "followup.StoredAmount",
    "followup.StoredAuthority",
}
RECORDS = [model for model in MODELS if model._meta.label not in COMPUTED]
"""Stored obligations, states, figures and amounts are computed from the records: they go
with it."""


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m._meta.label)
def test_no_record_is_deleted_with_its_convention(model: type[models.Model]) -> None:
    """Records are the proof of what was paid and received: a convention with records stays."""
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model._meta.label == "conventions.Convention":
            assert field.remote_field.on_delete is models.PROTECT, field.name
