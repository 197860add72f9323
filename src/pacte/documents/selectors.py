"""Reads of the import pipeline: drafts, and the conventions a draft probably duplicates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from pacte import terms as t
from pacte.conventions.models import Convention, Grant, Party
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft, SourceDocument
from pacte.rules.duplicates import Likeness, fingerprint, fold, likeness, name_words

CANDIDATES_MAX = 50
"""Conventions scored at most for one set of terms (the closest by parties first)."""


def draft_list(
    status: DraftStatus | str | None = None, *, organisation_id: int | None = None
) -> QuerySet[ImportDraft]:
    """Drafts, newest first, with their source document and convention (one query);
    with ``organisation_id``, only those uploaded by a member of that organisation."""
    drafts = ImportDraft.objects.select_related("source", "convention")
    if organisation_id is not None:
        drafts = drafts.filter(source__uploaded_by__membership__organisation_id=organisation_id)
    return drafts if status is None else drafts.filter(status=status)


def draft_among(drafts: QuerySet[ImportDraft], pk: int) -> ImportDraft | None:
    """The draft of this number among these, or None."""
    return drafts.filter(pk=pk).first()


def draft_get(*, pk: int) -> ImportDraft:
    """The draft with this number; raises ``ImportDraft.DoesNotExist``."""
    return ImportDraft.objects.select_related("source", "convention").get(pk=pk)


@dataclass(frozen=True)
class Duplicate:
    """A stored convention that the terms probably describe again."""

    reference: str
    title: str
    likeness: Likeness

    def describe(self) -> str:
        """« Doublon probable de REF : mêmes parties, mêmes dates, même montant »."""
        return f"Doublon probable de {self.reference} : {self.likeness.describe()}"


def _name_lookup(name: str) -> Q | None:
    """The organisations whose name holds the most telling word of ``name``."""
    telling = name_words(name)
    words = [w for w in re.findall(r"\w+", name.lower()) if fold(w) in telling and len(w) >= 4]
    if not words:
        return None
    return Q(organisation__name__icontains=max(words, key=len))


def _candidate_ids(terms: t.Convention) -> list[int]:
    """Conventions sharing a party (identifier or name) or an amount with ``terms``: the
    database narrows the register before anything is scored."""
    parties = Q(pk__in=[])
    for party in terms.parties:
        organisation = party.organisation
        for field in ("siret", "siren", "rna"):
            if value := getattr(organisation, field):
                parties |= Q(**{f"organisation__{field}": value})
        parties |= Q(organisation__name__iexact=organisation.name)
        if lookup := _name_lookup(organisation.name):
            parties |= lookup
    counted: dict[int, int] = {}
    for convention_id in Party.objects.filter(parties).values_list("convention_id", flat=True):
        counted[convention_id] = counted.get(convention_id, 0) + 1
    amounts = {
        value
        for grant in terms.grants
        for value in (
            grant.total_amount,
            grant.annual_amount,
            *(year.amount for year in grant.years),
        )
        if value is not None
    }
    if amounts:
        by_amount = Grant.objects.filter(
            Q(total_amount__in=amounts)
            | Q(annual_amount__in=amounts)
            | Q(years__amount__in=amounts)
        ).values_list("convention_id", flat=True)
        for convention_id in by_amount.distinct():
            counted[convention_id] = counted.get(convention_id, 0) + 1
    ranked = sorted(counted, key=lambda pk: (-counted[pk], -pk))
    return ranked[:CANDIDATES_MAX]


def probable_duplicates(*, terms: t.Convention, exclude: tuple[str, ...] = ()) -> list[Duplicate]:
    """Stored conventions that ``terms`` probably describe again, likeliest first.

    ``exclude`` are references not to report (the convention the terms update, the one
    a draft already became).
    """
    from pacte.conventions.rows_to_terms import TERMS_PREFETCH, convention_to_terms

    ids = _candidate_ids(terms)
    if not ids:
        return []
    ours = fingerprint(terms)
    found = []
    rows = (
        Convention.objects.filter(pk__in=ids)
        .exclude(reference__in=(terms.reference, *exclude))
        .prefetch_related(*TERMS_PREFETCH)
    )
    for row in rows:
        alike = likeness(fingerprint(convention_to_terms(row)), ours)
        if alike.probable:
            found.append(Duplicate(row.reference, row.title, alike))
    return sorted(found, key=lambda d: (-d.likeness.score, d.reference))


def _draft_terms(draft: ImportDraft, data: dict[str, Any] | None = None) -> t.Convention | None:
    from pacte.terms.io import convention_from_data

    data = draft.data if data is None else data
    if not data or not data.get("parties"):
        return None
    try:
        return convention_from_data(data, source=draft.source.original_filename)
    except t.TermsError:
        return None


def draft_duplicates(*, draft: ImportDraft, data: dict[str, Any] | None = None) -> list[Duplicate]:
    """The stored conventions a draft (or its reviewed ``data``) probably duplicates.

    A draft whose terms cannot be read yet (something to complete) has none to show.
    """
    terms = _draft_terms(draft, data)
    if terms is None:
        return []
    own = (draft.convention.reference,) if draft.convention_id else ()
    # the draft's reference names no convention yet: another one that has it is compared
    terms = terms.model_copy(update={"reference": f"brouillon-{draft.pk}"})
    return probable_duplicates(terms=terms, exclude=own)


def source_documents(convention: Convention) -> QuerySet[SourceDocument]:
    """The files a convention was imported from (usually one)."""
    return SourceDocument.objects.filter(drafts__convention=convention).distinct()


def source_document_of(convention: Convention, pk: int) -> SourceDocument | None:
    """One file this convention was imported from, by its number, or None."""
    return source_documents(convention).filter(pk=pk).first()


@dataclass(frozen=True)
class BatchFile:
    name: str
    draft: ImportDraft | None
    error: str
    done: bool


@dataclass(frozen=True)
class BatchProgress:
    """How far a background import went: each file, read or waiting."""

    batch: str
    by: int | None
    files: list[BatchFile]

    @property
    def total(self) -> int:
        return len(self.files)

    @property
    def done(self) -> int:
        return sum(f.done for f in self.files)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def finished(self) -> bool:
        return self.done == self.total

    @property
    def errors(self) -> int:
        return sum(bool(f.error) for f in self.files)


def import_batch_progress(batch: str) -> BatchProgress | None:
    """The progress of a background import, or None for an unknown batch."""
    import json

    from django.core.files.storage import default_storage

    from pacte.documents.services import batch_path

    try:
        manifest_path = batch_path(batch, "lot.json")
    except ValueError:
        return None
    if not default_storage.exists(manifest_path):
        return None
    with default_storage.open(manifest_path, "rb") as stored:
        manifest = json.loads(stored.read())
    outcomes: dict[int, dict[str, Any]] = {}
    for index in range(len(manifest["files"])):
        result = batch_path(batch, f"{index}.json")
        if default_storage.exists(result):
            with default_storage.open(result, "rb") as stored:
                outcomes[index] = json.loads(stored.read())
    drafts = {
        draft.pk: draft
        for draft in ImportDraft.objects.select_related("source", "convention").filter(
            pk__in=[o["draft"] for o in outcomes.values() if "draft" in o]
        )
    }
    files = [
        BatchFile(
            name=name,
            draft=drafts.get(outcomes.get(index, {}).get("draft", 0)),
            error=outcomes.get(index, {}).get("error", ""),
            done=index in outcomes,
        )
        for index, name in enumerate(manifest["files"])
    ]
    return BatchProgress(batch=batch, by=manifest["by"], files=files)
