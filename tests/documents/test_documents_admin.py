"""Admin pages of sources and drafts (read only), and the habits of the register models."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from pacte.documents.services import document_import

MODELS = list(apps.get_app_config("documents").get_models())


@pytest.mark.django_db
def test_admin_lists_and_shows_sources_and_drafts(
    admin_client, media: Path, convention_text: str
) -> None:
    draft, _ = document_import(filename="convention.txt", data=convention_text.encode())
    pages = [
        reverse("admin:documents_sourcedocument_changelist"),
        reverse("admin:documents_sourcedocument_change", args=[draft.source.pk]),
        reverse("admin:documents_importdraft_changelist") + "?status__exact=pending",
        reverse("admin:documents_importdraft_change", args=[draft.pk]),
    ]
    for page in pages:
        response = admin_client.get(page)
        assert response.status_code == 200, page
        assert "convention.txt" in response.content.decode()
    assert admin_client.get(reverse("admin:documents_importdraft_add")).status_code == 403


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_models_and_fields_have_french_names(model: type[models.Model]) -> None:
    assert {"verbose_name", "verbose_name_plural"} <= model._meta.original_attrs.keys()
    english = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and not field.auto_created
        and field.verbose_name == field.name.replace("_", " ")
        and field.name not in ("format", "convention")
    ]
    assert english == []
