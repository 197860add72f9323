"""Writes of the observatory: the « données de cadrage » attached to a convention as a
document received, and the territory chosen for a PTCE stored with its step.

Both run inside a transaction that first locks the convention's row (as every follow-up
record does, ``docs/concurrence.md``); a refusal is an ``ObservationError`` in French that
names the field, and leaves everything unchanged.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from pacte.audit.enums import AuditAction
from pacte.audit.services import audit_record
from pacte.conventions.enums import DocumentKind
from pacte.conventions.models import Convention, Step
from pacte.conventions.services import ConventionGone, convention_lock
from pacte.followup.models import DocumentReceived
from pacte.followup.services import FollowupError, document_receive
from pacte.observation.documents import cadrage_docx
from pacte.observation.models import PtceChoice

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JUSTIFICATION_MAX = 5000


class ObservationError(ValueError):
    """A refused write, in French; ``field`` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def cadrage_file_name(result: dict[str, Any]) -> str:
    territory = result["territory"]
    code = str(territory["code"]).lower()
    return f"donnees-de-cadrage-{territory['level']}-{code}-{result['snapshot']}.docx"


@transaction.atomic
def cadrage_attach(
    *,
    convention: Convention,
    result: dict[str, Any],
    year: int,
    kind: DocumentKind = DocumentKind.ACTIVITY_REPORT,
    by: AbstractBaseUser | None,
) -> DocumentReceived:
    """Generate the « données de cadrage » of ``result`` and record it as a document
    received on ``convention`` for ``year`` (it then meets the yearly obligation of that
    kind, as a document deposited by hand would)."""
    today = timezone.localdate()
    if not 2000 <= year <= today.year + 1:
        raise ObservationError(
            f"Année concernée « {year} » invalide : entre 2000 et {today.year + 1}.", field="year"
        )
    content = cadrage_docx(result, on=today, convention=convention.reference)
    upload = SimpleUploadedFile(cadrage_file_name(result), content, content_type=DOCX)
    try:
        return document_receive(
            convention=convention,
            kind=DocumentKind(kind),
            received_on=today,
            year=year,
            file=upload,
            by=by,
        )
    except FollowupError as error:
        raise ObservationError(str(error), field=getattr(error, "field", None)) from None


@transaction.atomic
def ptce_choice_store(
    *,
    step: Step,
    territory: str,
    territory_name: str,
    justification: str,
    ranked: dict[str, Any],
    by: AbstractBaseUser | None,
) -> PtceChoice:
    """Store the territory chosen for a PTCE with the step of its convention's workstream,
    and the ranking it was chosen on (``report.ptce_for``: snapshot, weights, scores)."""
    convention = step.workstream.convention
    try:
        convention_lock(convention)
    except ConventionGone as gone:
        raise ObservationError(str(gone)) from None
    justification = justification.strip()
    if not justification:
        raise ObservationError(
            "Justification : dire pourquoi ce territoire est retenu (elle figure dans la note "
            "au comité de pilotage).",
            field="justification",
        )
    if len(justification) > JUSTIFICATION_MAX:
        raise ObservationError(
            f"Justification : {JUSTIFICATION_MAX} caractères au plus ({len(justification)} reçus).",
            field="justification",
        )
    candidates = {entry["territory"] for entry in ranked["ranking"]}
    if territory not in candidates:
        raise ObservationError(
            f"Territoire « {territory} » : choisir l'un des territoires classés.",
            field="territory",
        )
    choice = PtceChoice.objects.create(
        convention=convention,
        workstream_key=step.workstream.key,
        step_number=step.number,
        territory=territory,
        territory_name=territory_name,
        justification=justification,
        snapshot=ranked["snapshot"],
        weights=ranked["weights"],
        ranking=ranked["ranking"],
        chosen_by=by if by is not None and by.is_authenticated else None,
    )
    audit_record(
        action=AuditAction.CREATED,
        object_type="ptce_choice",
        object_ref=convention.reference,
        by=by if by is not None and by.is_authenticated else None,
        summary={
            "description": f"Territoire retenu pour un PTCE : {territory_name} ({territory}), "
            f"dispositif {step.workstream.key}, étape {step.number}",
            "territory": territory,
            "snapshot": ranked["snapshot"],
            "weights": ranked["weights"],
        },
    )
    return choice
