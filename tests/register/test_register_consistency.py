"""Project-wide habits of the register, checked once for every model."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from pacte.terms import enums as terms_enums

REGISTER_APPS = ("organisations", "conventions", "deliberations", "audit")
REGISTER_MODELS = [
    model for app in REGISTER_APPS for model in apps.get_app_config(app).get_models()
]


@pytest.mark.django_db
def test_no_missing_migration() -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda m: m._meta.label)
def test_models_and_fields_have_french_names(model: type[models.Model]) -> None:
    """A verbose name left to Django is the English attribute name, e.g. « signed on »."""
    assert {"verbose_name", "verbose_name_plural"} <= model._meta.original_attrs.keys()
    english = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and not field.auto_created
        and "_" in field.name
        and field.verbose_name == field.name.replace("_", " ")
    ]
    assert english == []


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda m: m._meta.label)
def test_choices_are_the_terms_vocabularies(model: type[models.Model]) -> None:
    """Stored values are terms values and labels their French labels: one source of truth."""
    terms_choices = {
        tuple((member.value, member.label) for member in enum)
        for enum in vars(terms_enums).values()
        if isinstance(enum, type)
        and issubclass(enum, terms_enums.LabelledEnum)
        and enum is not terms_enums.LabelledEnum
    }
    for field in model._meta.get_fields():
        choices = getattr(field, "choices", None)
        if choices and model._meta.app_label != "audit":
            assert tuple(choices) in terms_choices, field.name
