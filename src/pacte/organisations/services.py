"""Writes for organisations and people.

These run inside a larger write (storing a convention), which records the audit entry.
"""

from typing import Any

from django.db.models import Q

from pacte import terms
from pacte.organisations.models import Organisation, Person


def _organisation_fields(organisation: terms.Organisation) -> dict[str, Any]:
    address = organisation.address
    return {
        "name": organisation.name,
        "short_name": organisation.short_name or "",
        "kind": organisation.kind.value,
        "legal_form": organisation.legal_form or "",
        "siren": organisation.siren or "",
        "siret": organisation.siret or "",
        "rna": organisation.rna or "",
        "address_lines": list(address.lines) if address else None,
        "postcode": (address.postcode if address else None) or "",
        "city": (address.city if address else None) or "",
        "cedex": address.cedex if address else False,
        "department": organisation.department or "",
        "description": organisation.description or "",
    }


def _conflicts(row: Organisation, organisation: terms.Organisation) -> bool:
    """True when both state an identifier and they differ: another legal entity or establishment."""
    pairs = (
        (row.siret, organisation.siret),
        (row.siren, organisation.siren),
        (row.rna, organisation.rna),
    )
    return any(ours and theirs and ours != theirs for ours, theirs in pairs)


def organisation_match(*, organisation: terms.Organisation) -> Organisation | None:
    """The stored organisation that ``organisation`` describes, if any.

    Tried in order: SIRET, SIREN, RNA, then exact name and kind; a candidate whose
    identifiers contradict the terms (another SIRET…) is never taken.
    """
    lookups = [
        Q(siret=organisation.siret) if organisation.siret else None,
        Q(siren=organisation.siren) if organisation.siren else None,
        Q(rna=organisation.rna) if organisation.rna else None,
        Q(name=organisation.name, kind=organisation.kind.value),
    ]
    for lookup in lookups:
        if lookup is None:
            continue
        for row in Organisation.objects.filter(lookup).order_by("pk"):
            if not _conflicts(row, organisation):
                return row
    return None


def organisation_from_terms(*, organisation: terms.Organisation) -> tuple[Organisation, bool]:
    """Match or create the row for ``organisation``; the terms' description wins.

    Returns the row and whether it was created.
    """
    fields = _organisation_fields(organisation)
    row = organisation_match(organisation=organisation)
    if row is None:
        return Organisation.objects.create(**fields), True
    changed = [name for name, value in fields.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, fields[name])
        row.save(update_fields=[*changed, "updated_at"])
    return row, False


def person_from_terms(*, person: terms.Person) -> Person:
    """The row for exactly this person (civility, names and title), created if needed."""
    fields = {
        "civility": person.civility or "",
        "first_name": person.first_name or "",
        "last_name": person.last_name,
        "title": person.title or "",
    }
    row = Person.objects.filter(**fields).order_by("pk").first()
    return row or Person.objects.create(**fields)
