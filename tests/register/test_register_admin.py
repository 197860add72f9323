"""Every admin page of the register opens, with a stored convention to show."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from factories import ConventionFactory
from pacte.terms import Convention as Terms

REGISTER_APPS = {"organisations", "conventions", "deliberations", "audit"}
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in REGISTER_APPS),
    key=lambda model: model._meta.label,
)


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_list_and_change_pages_open(admin_client: Client, full: Terms, model: type) -> None:
    ConventionFactory(terms=full)
    opts = model._meta

    listing = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    searched = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "Montclair"}
    )
    first = model.objects.first()
    change = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
    )

    assert listing.status_code == 200
    assert searched.status_code == 200
    assert change.status_code == 200
