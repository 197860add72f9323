"""Reads for organisations and people."""

from django.db.models import Count, QuerySet

from pacte import terms
from pacte.organisations.models import Organisation, Person


def organisation_list() -> QuerySet[Organisation]:
    """Organisations by name, with the number of conventions each is party to."""
    return Organisation.objects.annotate(
        convention_count=Count("parties__convention", distinct=True)
    ).order_by("name")


def _opt(value: str) -> str | None:
    return value or None


def person_to_terms(row: Person | None) -> terms.Person | None:
    if row is None:
        return None
    return terms.Person(
        civility=_opt(row.civility),
        first_name=_opt(row.first_name),
        last_name=row.last_name,
        title=_opt(row.title),
    )


def organisation_to_terms(row: Organisation) -> terms.Organisation:
    address = None
    if row.address_lines is not None:
        address = terms.Address(
            lines=row.address_lines,
            postcode=_opt(row.postcode),
            city=_opt(row.city),
            cedex=row.cedex,
        )
    return terms.Organisation(
        name=row.name,
        short_name=_opt(row.short_name),
        kind=row.kind,
        legal_form=_opt(row.legal_form),
        siren=_opt(row.siren),
        siret=_opt(row.siret),
        rna=_opt(row.rna),
        address=address,
        department=_opt(row.department),
        description=_opt(row.description),
    )
