"""Writes for organisations and people.

These run inside a larger write (storing a convention), which records the audit entry.
"""

from collections.abc import Iterable
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
    identifiers contradict the terms (another SIRET…) is never taken. One query; to
    match many at once, use an ``OrganisationPool``.
    """
    pool = OrganisationPool()
    pool.load([organisation])
    return pool.match(organisation)


def organisation_from_terms(*, organisation: terms.Organisation) -> tuple[Organisation, bool]:
    """Match or create the row for ``organisation``; the terms' description wins.

    Returns the row and whether it was created.
    """
    pool = OrganisationPool()
    row = pool.resolve(organisation)
    created = row.pk is None
    pool.save()
    return row, created


def _organisation_keys(organisation: terms.Organisation) -> list[tuple[str, str]]:
    """What a match is tried on, in order: (field, value) pairs."""
    keys = [
        ("siret", organisation.siret or ""),
        ("siren", organisation.siren or ""),
        ("rna", organisation.rna or ""),
    ]
    return [(name, value) for name, value in keys if value] + [("name", organisation.name)]


class OrganisationPool:
    """Organisations of the register matched and changed in memory, for a batch of writes.

    ``load`` reads, in one query, every row that could match the organisations given
    (same SIRET, SIREN, RNA or name); ``match`` and ``resolve`` then work in memory with
    the same rules as ``organisation_match`` (SIRET, SIREN, RNA, then name and kind, the
    oldest row first, a contradicting identifier excluded), counting the rows resolved
    earlier in the batch, and ``save`` writes the new rows (one ``INSERT``) and the
    changed ones. An organisation not loaded beforehand is loaded when first matched.
    """

    def __init__(self) -> None:
        self._rows: dict[int, Organisation] = {}
        self._new: list[Organisation] = []
        self._changed: dict[int, set[str]] = {}
        self._loaded: set[tuple[str, str]] = set()

    def load(self, organisations: Iterable[terms.Organisation]) -> None:
        """Read every stored row that may match one of ``organisations`` (one query)."""
        wanted: dict[str, set[str]] = {}
        for organisation in organisations:
            for key in _organisation_keys(organisation):
                if key not in self._loaded:
                    self._loaded.add(key)
                    wanted.setdefault(key[0], set()).add(key[1])
        if not wanted:
            return
        lookup = Q()
        for name, values in wanted.items():
            lookup |= Q(**{f"{name}__in": sorted(values)})
        for row in Organisation.objects.filter(lookup):
            self._rows.setdefault(row.pk, row)

    def _candidates(self) -> list[Organisation]:
        return [*(self._rows[pk] for pk in sorted(self._rows)), *self._new]

    def match(self, organisation: terms.Organisation) -> Organisation | None:
        """The row ``organisation`` describes among the stored and new ones, if any."""
        self.load([organisation])
        candidates = self._candidates()
        for name, value in _organisation_keys(organisation):
            for row in candidates:
                if getattr(row, name) != value:
                    continue
                if name == "name" and row.kind != organisation.kind.value:
                    continue
                if not _conflicts(row, organisation):
                    return row
        return None

    def stored_with(self, name: str, value: str) -> bool:
        """Whether a row already written has this SIRET, SIREN or RNA (``name``)."""
        if not value:
            return False
        if (name, value) not in self._loaded:
            self._loaded.add((name, value))
            for row in Organisation.objects.filter(**{name: value}):
                self._rows.setdefault(row.pk, row)
        return any(getattr(row, name) == value for row in self._rows.values())

    def resolve(self, organisation: terms.Organisation) -> Organisation:
        """The row for ``organisation``, its fields set from the terms (new if none
        matches); written by ``save``."""
        fields = _organisation_fields(organisation)
        row = self.match(organisation)
        if row is None:
            row = Organisation(**fields)
            self._new.append(row)
            return row
        changed = [name for name, value in fields.items() if getattr(row, name) != value]
        for name in changed:
            setattr(row, name, fields[name])
        if changed and row.pk is not None:
            self._changed.setdefault(row.pk, set()).update(changed)
        return row

    def save(self) -> None:
        """Write the rows created and changed since the last ``save``."""
        if self._new:
            Organisation.objects.bulk_create(self._new)
            for row in self._new:
                self._rows[row.pk] = row
            self._new = []
        for pk, changed in self._changed.items():
            self._rows[pk].save(update_fields=[*sorted(changed), "updated_at"])
        self._changed = {}


def _person_key(person: terms.Person) -> tuple[str, str, str, str]:
    return (person.civility or "", person.first_name or "", person.last_name, person.title or "")


def person_from_terms(*, person: terms.Person) -> Person:
    """The row for exactly this person (civility, names and title), created if needed."""
    pool = PersonPool()
    pool.resolve([person])
    return pool.get(person)


class PersonPool:
    """People matched in a batch: ``resolve`` finds the rows for many people in one query
    and creates the missing ones in one ``INSERT``; ``get`` then answers without a query.

    A person is the row with the same civility, names and title (the oldest one).
    """

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str, str, str], Person] = {}

    def resolve(self, people: Iterable[terms.Person | None]) -> None:
        missing = {_person_key(p) for p in people if p is not None} - self._rows.keys()
        if not missing:
            return
        found = Person.objects.filter(last_name__in=sorted({key[2] for key in missing}))
        for row in found.order_by("pk"):
            key = (row.civility, row.first_name, row.last_name, row.title)
            if key in missing:
                self._rows.setdefault(key, row)
        new = [
            Person(civility=key[0], first_name=key[1], last_name=key[2], title=key[3])
            for key in sorted(missing - self._rows.keys())
        ]
        for row in Person.objects.bulk_create(new):
            self._rows[(row.civility, row.first_name, row.last_name, row.title)] = row

    def get(self, person: terms.Person | None) -> Person | None:
        """The row of a person given to ``resolve`` (None for None)."""
        if person is None:
            return None
        key = _person_key(person)
        if key not in self._rows:
            self.resolve([person])
        return self._rows[key]
