"""Writes of the import pipeline: import a file as a draft, confirm it, reject it.

Example::

    draft, created = document_import(filename="convention.pdf", data=raw, by=user)
    convention = draft_confirm(draft=draft, by=user)   # TermsError (French) if incomplete
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.conventions.models import Convention
from pacte.conventions.services import convention_store
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft, SourceDocument, source_path
from pacte.documents.selectors import Duplicate, draft_duplicates
from pacte.extraction.pipeline import Extraction, extract
from pacte.extraction.readers import ReadError
from pacte.terms import TermsError
from pacte.terms.io import Problem, convention_from_data

logger = logging.getLogger(__name__)

# Documents that state a deliberation and no convention (the deliberation register is
# another piece of work): they are kept as drafts, never confirmed as conventions.
DELIBERATION_ONLY = ("deliberation", "minutes")
DELIBERATION_ONLY_MESSAGE = (
    "ce document est une délibération seule : rien à enregistrer comme convention"
)
NOTHING_FOUND_MESSAGE = (
    "aucun terme de convention n'a été trouvé dans ce document : "
    "le compléter à la relecture ou le rejeter"
)


class DraftError(ValueError):
    """A draft that cannot change state (already confirmed or rejected); French message."""


class DuplicateError(DraftError):
    """Confirming would store a probable duplicate: merge it, or keep both knowingly."""

    def __init__(self, filename: str, duplicates: list[Duplicate]) -> None:
        self.duplicates = duplicates
        found = " ; ".join(d.describe() for d in duplicates)
        super().__init__(
            f"{filename} : {found}. Rien n'a été enregistré : fusionner avec la convention "
            "existante, ou garder les deux en connaissance de cause"
        )


def _user(by: AbstractBaseUser | None) -> Any:
    return by if by is not None and by.is_authenticated else None


def _extension(filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


def _problems(extraction_data: dict[str, Any], doc_type: str, filename: str) -> list[str]:
    """What must be completed before the draft can be confirmed, in French."""
    if _is_deliberation_only(extraction_data, doc_type):
        return [DELIBERATION_ONLY_MESSAGE]
    if not extraction_data:
        return [NOTHING_FOUND_MESSAGE]
    try:
        convention_from_data(extraction_data, source=filename)
    except TermsError as error:
        return [problem.describe() for problem in error.problems]
    return []


def _is_deliberation_only(data: dict[str, Any], doc_type: str) -> bool:
    return doc_type in DELIBERATION_ONLY and not set(data) - {"deliberation"}


def is_deliberation_only(draft: ImportDraft) -> bool:
    """Whether the draft states a deliberation and nothing to store as a convention."""
    return _is_deliberation_only(draft.data, draft.doc_type)


def _spans(extraction: Extraction) -> dict[str, dict[str, Any]]:
    pages = extraction.pages or [None] * len(extraction.spans)
    return {
        path: {
            "start": span.start,
            "end": span.end,
            "confidence": span.confidence,
            "page": page,
            "text": span.quote(extraction.text)[:300],
        }
        for (path, span), page in zip(extraction.spans.items(), pages, strict=False)
    }


def _store_file(name: str, data: bytes) -> tuple[str, bool]:
    """Write the bytes under ``name``, and say whether they were written.

    A file already there has the same content (its name is the hash of its bytes): it
    was left by an import whose transaction rolled back, and is used as it is.
    """
    if default_storage.exists(name):
        return name, False
    return default_storage.save(name, ContentFile(data)), True


def _pending(draft: ImportDraft) -> ImportDraft:
    """The draft, locked for update; ``DraftError`` if it is no longer pending."""
    draft = ImportDraft.objects.select_for_update().select_related("source").get(pk=draft.pk)
    if draft.status != DraftStatus.PENDING:
        raise DraftError(
            f"{draft.source.original_filename} : le brouillon n° {draft.pk} est déjà "
            f"{draft.get_status_display()}, il ne peut plus changer"
        )
    return draft


def _discard(name: str, written: bool) -> None:
    if written:
        default_storage.delete(name)


def _latest_draft(source: SourceDocument) -> ImportDraft:
    return source.drafts.order_by("-created_at", "-pk").first()  # type: ignore[return-value]


@transaction.atomic
def document_import(
    *, filename: str, data: bytes, by: AbstractBaseUser | None = None
) -> tuple[ImportDraft, bool]:
    """Store a document and the draft read from it; returns the draft and whether it is new.

    The same bytes imported again (under any name) give back the latest draft of the
    first import and ``False``: nothing is read, stored or journaled twice. A file that
    cannot be read raises ``ReadError`` (French) before anything is written.
    """
    filename = PurePosixPath(filename.replace("\\", "/")).name or filename
    sha256 = hashlib.sha256(data).hexdigest()
    existing = SourceDocument.objects.filter(sha256=sha256).first()
    if existing is not None:
        return _latest_draft(existing), False

    max_bytes = getattr(settings, "PACTE_IMPORT_MAX_BYTES", None)
    extraction = extract(data, filename, max_bytes=max_bytes)

    extension = _extension(filename)
    name, written = _store_file(source_path(sha256, extension), data)
    try:
        try:
            with transaction.atomic():
                source = SourceDocument.objects.create(
                    original_filename=filename[:255],
                    file=name,
                    sha256=sha256,
                    size=len(data),
                    format=extension.lstrip("."),
                    uploaded_by=_user(by),
                )
        except IntegrityError:
            # The same bytes were imported at the same moment by someone else.
            existing = SourceDocument.objects.filter(sha256=sha256).first()
            if existing is None:
                raise
            if existing.file.name != name:
                _discard(name, written)
            return _latest_draft(existing), False
        draft = ImportDraft.objects.create(
            source=source,
            doc_type=extraction.doc_type,
            data=extraction.data,
            key_terms=extraction.key_terms,
            spans=_spans(extraction),
            notes=list(extraction.notes),
            missing=extraction.missing(),
            problems=_problems(extraction.data, extraction.doc_type, filename),
        )
        audit_record(
            action=AuditAction.CREATED,
            object_type="import_draft",
            object_ref=str(draft.pk),
            by=by,
            summary={
                "filename": filename,
                "sha256": sha256,
                "doc_type": draft.doc_type,
                "missing": draft.missing,
                "problems": len(draft.problems),
            },
        )
    except BaseException:
        _discard(name, written)
        raise
    return draft, True


def _free_reference(reference: str, draft: ImportDraft) -> str:
    """``reference``, or ``reference-2``, ``-3``… when another convention already has it.

    An import never replaces a convention it did not create: two files both named
    ``convention.pdf`` give two conventions.
    """
    taken = Convention.objects.exclude(import_drafts=draft)
    candidate, number = reference, 1
    while taken.filter(reference=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = reference[: 60 - len(suffix)] + suffix
    return candidate


@transaction.atomic
def draft_confirm(
    *,
    draft: ImportDraft,
    by: AbstractBaseUser | None = None,
    data: dict[str, Any] | None = None,
    merge: str | None = None,
    keep_both: bool = False,
    corrections: list[dict[str, str]] | None = None,
) -> Convention:
    """Store the draft's terms (or ``data``, the reviewed terms) as a convention.

    When the register already holds a probable duplicate of them (same parties, dates,
    amounts, title: ``pacte.rules.duplicates``), nothing is stored and ``DuplicateError``
    names it, unless ``merge`` gives the reference of the convention to update with
    these terms (its history and follow-up stay), or ``keep_both`` says a new convention
    is wanted anyway; the choice goes in the journal. ``corrections`` lists the values
    the reviewer changed (« champ », « lu », « corrigé »): the journal keeps them, the value
    as read beside the value stored.

    Raises ``TermsError`` whose problems say in French what to complete, where
    (« parties[0].role : champ obligatoire manquant »), and ``DraftError`` when the
    draft is no longer pending; nothing is written then.
    """
    draft = _pending(draft)
    filename = draft.source.original_filename
    terms_data = draft.data if data is None else data
    if _is_deliberation_only(terms_data, draft.doc_type):
        raise TermsError([Problem(path="", message=DELIBERATION_ONLY_MESSAGE)], filename)
    if not terms_data:
        raise TermsError([Problem(path="", message=NOTHING_FOUND_MESSAGE)], filename)
    terms = convention_from_data(terms_data, source=filename)
    duplicates = draft_duplicates(draft=draft, data=terms_data)
    if merge:
        if not Convention.objects.filter(reference=merge).exists():
            raise DraftError(f"{filename} : aucune convention « {merge} » au registre à fusionner")
        reference = merge
    else:
        if duplicates and not keep_both:
            raise DuplicateError(filename, duplicates)
        reference = _free_reference(terms.reference, draft)
    if reference != terms.reference:
        terms = terms.model_copy(update={"reference": reference})
        terms_data = {**terms_data, "reference": reference}

    convention, _created = convention_store(terms=terms, by=by)
    draft.data = terms_data
    draft.problems = []
    draft.status = DraftStatus.CONFIRMED
    draft.convention = convention
    draft.confirmed_by = _user(by)
    draft.confirmed_at = timezone.now()
    draft.save(
        update_fields=["data", "problems", "status", "convention", "confirmed_by", "confirmed_at"]
    )
    summary: dict[str, Any] = {
        "status": DraftStatus.CONFIRMED.value,
        "convention": convention.reference,
        "reviewed": data is not None,
    }
    if corrections:
        summary["corrections"] = corrections
    if duplicates or merge:
        summary["duplicates"] = [
            {"reference": d.reference, "score": d.likeness.score, "alike": d.likeness.describe()}
            for d in duplicates
        ]
        summary["choice"] = "merge" if merge else "keep_both"
        summary["choice_label"] = (
            f"fusionné avec {merge}" if merge else "gardé à côté du doublon probable"
        )
    audit_record(
        action=AuditAction.UPDATED,
        object_type="import_draft",
        object_ref=str(draft.pk),
        by=by,
        summary=summary,
    )
    return convention


@transaction.atomic
def draft_reject(*, draft: ImportDraft, by: AbstractBaseUser | None = None) -> ImportDraft:
    """Mark a pending draft rejected; the source file stays (a re-import finds this draft)."""
    draft = _pending(draft)
    draft.status = DraftStatus.REJECTED
    draft.save(update_fields=["status"])
    audit_record(
        action=AuditAction.UPDATED,
        object_type="import_draft",
        object_ref=str(draft.pk),
        by=by,
        summary={"status": DraftStatus.REJECTED.value},
    )
    return draft


# --- imports in the background: a batch of files read one after the other ---------------

BATCHES = "imports/lots"
"""Where a batch keeps its files until they are read, and what became of each, under
``MEDIA_ROOT``: ``imports/lots/ID/lot.json`` (who, when, the files), ``ID/N.fichier`` (the
bytes of file N, deleted once read), ``ID/N.json`` (its draft, or why it was refused)."""


def batch_path(batch: str, name: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{16}", batch):
        raise ValueError(f"lot d'import inconnu « {batch} »")
    return f"{BATCHES}/{batch}/{name}"


def import_batch_create(*, files: list[tuple[str, bytes]], by: AbstractBaseUser | None) -> str:
    """Keep ``files`` (name, bytes) to be read in the background; returns the batch's id.

    Nothing is read here: ``import_batch_run`` (the task ``pacte.import_batch``) reads
    them one after the other, and ``documents.selectors.import_batch_progress`` says
    how far it went.
    """
    batch = secrets.token_hex(8)
    names = []
    for index, (name, data) in enumerate(files):
        default_storage.save(batch_path(batch, f"{index}.fichier"), ContentFile(data))
        names.append(PurePosixPath(name.replace("\\", "/")).name or name)
    manifest = {
        "by": by.pk if by is not None and by.is_authenticated else None,
        "created": timezone.now().isoformat(),
        "files": names,
    }
    default_storage.save(
        batch_path(batch, "lot.json"), ContentFile(json.dumps(manifest, ensure_ascii=False))
    )
    return batch


def import_batch_run(*, batch: str) -> int:
    """Read every file of the batch not yet read (a run stopped midway is taken up again:
    a file read already has its result and is skipped); returns how many were read now."""
    from django.contrib.auth import get_user_model

    with default_storage.open(batch_path(batch, "lot.json"), "rb") as stored:
        manifest = json.loads(stored.read())
    by = get_user_model().objects.filter(pk=manifest["by"]).first() if manifest["by"] else None
    read = 0
    for index, filename in enumerate(manifest["files"]):
        result, pending = batch_path(batch, f"{index}.json"), batch_path(batch, f"{index}.fichier")
        if default_storage.exists(result) or not default_storage.exists(pending):
            continue
        with default_storage.open(pending, "rb") as stored:
            data = stored.read()
        try:
            draft, created = document_import(filename=filename, data=data, by=by)
            outcome: dict[str, Any] = {"draft": draft.pk, "created": created}
        except ReadError as error:
            outcome = {"error": str(error)}
        except Exception:  # an extractor bug on one file: say so, go on with the others
            logger.exception("Import de %s (lot %s) : erreur inattendue", filename, batch)
            outcome = {
                "error": f"{filename} : erreur inattendue pendant la lecture du document, "
                "rien n'a été enregistré pour ce fichier ; signalez-le avec le fichier."
            }
        default_storage.save(result, ContentFile(json.dumps(outcome, ensure_ascii=False)))
        default_storage.delete(pending)
        read += 1
    return read
