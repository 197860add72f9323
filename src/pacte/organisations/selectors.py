"""Reads for organisations and people."""

from django.db.models import Count, QuerySet

from pacte.organisations.models import Organisation


def organisation_list() -> QuerySet[Organisation]:
    """Organisations by name, with the number of conventions each is party to."""
    return Organisation.objects.annotate(
        convention_count=Count("parties__convention", distinct=True)
    ).order_by("name")
