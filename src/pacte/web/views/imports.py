"""Import: upload documents, review what was read beside the source text, correct, confirm.

Agents and administrators only (a partner or a reader gets 403). An agent sees the drafts
imported by the accounts of their own organisation; the administrator sees them all. Each
file goes through ``document_import``; confirming calls ``draft_confirm`` with the
corrected terms, rejecting ``draft_reject``: the services write the journal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pacte import tasks
from pacte.accounts.enums import Role
from pacte.accounts.selectors import (
    agents_in_charge_choices,
    convention_visible_to,
    is_admin,
    membership_of,
)
from pacte.accounts.services import AssignError, convention_assign
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft
from pacte.documents.selectors import (
    draft_among,
    draft_duplicates,
    draft_list,
    import_batch_progress,
)
from pacte.documents.services import (
    DraftError,
    DuplicateError,
    document_import,
    draft_confirm,
    draft_reject,
    import_batch_create,
)
from pacte.extraction.doctype import LABELS as DOC_TYPES
from pacte.extraction.readers import SUPPORTED, ReadError, read_document
from pacte.followup.services import history_takeover
from pacte.outputs.payments import events_from_terms
from pacte.rules.obligations import Takeover
from pacte.rules.obligations import history_takeover as history_takeover_of
from pacte.terms import TermsError, format_amount_fr
from pacte.terms.io import convention_from_data
from pacte.web.forms.agents import AgentInChargeForm
from pacte.web.forms.imports import DraftCorrectionForm
from pacte.web.import_review import build_review

logger = logging.getLogger(__name__)

MAX_FILES = 200
BACKGROUND_FROM = 11
"""From this many files at once, they are read in the background (``pacte.tasks``) and
the user follows a progress bar, or comes back later."""
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def may_import(user: Any) -> bool:
    if is_admin(user):
        return True
    membership = membership_of(user)
    return membership is not None and membership.role == Role.AGENT


def drafts_visible_to(user: Any) -> QuerySet[ImportDraft]:
    """The drafts this user may review; 403 for anyone who may not import."""
    if not may_import(user):
        raise PermissionDenied("Seuls les agents et les administrateurs importent des documents.")
    drafts = draft_list()
    if is_admin(user):
        return drafts
    membership = membership_of(user)
    assert membership is not None
    return draft_list(organisation_id=membership.organisation_id)


def _max_bytes() -> int:
    configured = getattr(settings, "PACTE_IMPORT_MAX_BYTES", None)
    return int(configured or getattr(settings, "PACTE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "") + " Mo"


def _refusal(upload: Any) -> str | None:
    """Why a file is refused before reading, in French, or None."""
    name = upload.name or "fichier sans nom"
    if PurePosixPath(name).suffix.lower() not in SUPPORTED:
        formats = ", ".join(s.lstrip(".").upper() for s in SUPPORTED)
        return f"{name} : ce type de fichier n'est pas lu. Formats acceptés : {formats}."
    if upload.size == 0:
        return f"{name} : le fichier est vide."
    if upload.size > _max_bytes():
        return (
            f"{name} : le fichier pèse {_megabytes(upload.size)}, "
            f"au-delà de la limite de {_megabytes(_max_bytes())}."
        )
    return None


@login_required
def import_list_view(request: HttpRequest) -> HttpResponse:
    drafts = drafts_visible_to(request.user)
    errors: list[str] = []
    if request.method == "POST":
        uploads = request.FILES.getlist("files")
        if not uploads:
            errors.append("Choisissez au moins un fichier à importer.")
        elif len(uploads) > MAX_FILES:
            errors.append(f"{MAX_FILES} fichiers au plus à la fois ({len(uploads)} choisis).")
        elif len(uploads) >= BACKGROUND_FROM:
            kept = []
            for upload in uploads:
                if refusal := _refusal(upload):
                    errors.append(refusal)
                else:
                    kept.append((upload.name, upload.read()))
            if kept:
                batch = import_batch_create(files=kept, by=request.user)
                tasks.import_batch.delay(batch)
                for error in errors:
                    messages.error(request, error)
                return redirect(reverse("import_batch", args=[batch]))
        else:
            for upload in uploads:
                refusal = _refusal(upload)
                if refusal:
                    errors.append(refusal)
                    continue
                try:
                    draft, created = document_import(
                        filename=upload.name, data=upload.read(), by=request.user
                    )
                except ReadError as error:
                    errors.append(str(error))
                    continue
                except Exception:  # an extractor bug: say so, keep the files already imported
                    logger.exception("Import de %s : erreur inattendue", upload.name)
                    errors.append(
                        f"{upload.name} : erreur inattendue pendant la lecture du document, "
                        "rien n'a été enregistré pour ce fichier ; signalez-le avec le fichier."
                    )
                    continue
                if created:
                    messages.success(
                        request, f"{upload.name} : lu, brouillon n° {draft.pk} à relire."
                    )
                else:
                    messages.info(
                        request,
                        f"{upload.name} : ce fichier a déjà été importé (brouillon n° {draft.pk}).",
                    )
            if not errors:
                return redirect(reverse("import_list"))
    return render(
        request,
        "web/imports/list.html",
        {
            "title": "Importer des documents",
            **_listed(list(drafts[:100])),
            "errors": errors,
            "accepted": ",".join(SUPPORTED),
            "formats": ", ".join(s.lstrip(".").upper() for s in SUPPORTED),
            "max_size": _megabytes(_max_bytes()),
            "max_files": MAX_FILES,
            "background_from": BACKGROUND_FROM,
        },
        status=400 if errors else 200,
    )


@dataclass(frozen=True)
class ListedDraft:
    draft: ImportDraft
    doc_type: str
    pending: bool
    to_check: int
    problems: int


def _listed(drafts: list[ImportDraft]) -> dict[str, Any]:
    """Each imported file with its state and what remains to check in it."""
    rows = []
    for draft in drafts:
        pending = draft.status == DraftStatus.PENDING
        to_check = 0
        if pending:
            form = DraftCorrectionForm(data_terms=draft.data, prefix="terms")
            to_check = build_review(form, draft.spans, {}).to_check
        rows.append(
            ListedDraft(
                draft=draft,
                doc_type=DOC_TYPES.get(draft.doc_type, "non reconnu"),
                pending=pending,
                to_check=to_check,
                problems=len(draft.problems) if pending else 0,
            )
        )
    return {
        "drafts": rows,
        "pending_count": sum(row.pending for row in rows),
        "to_check_total": sum(row.to_check for row in rows),
    }


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str | None


def _source_text(draft: ImportDraft) -> str | None:
    try:
        with draft.source.file.open("rb") as stored:
            data = stored.read()
        return read_document(data, draft.source.original_filename, max_bytes=len(data) + 1).text
    except (OSError, ReadError):
        return None


def highlight(text: str, spans: dict[str, dict[str, Any]]) -> tuple[list[Segment], dict[str, str]]:
    """The source cut into segments, each value's span in a mark; and the mark of each path.

    Spans overlap (an article holds a duration): the shortest are marked first, and a path
    whose span overlaps a mark already placed points to that mark.
    """
    spans = {
        p: s
        for p, s in spans.items()
        if not p.startswith("articles") and isinstance(s.get("start"), int) and s.get("end")
    }
    chosen: list[tuple[int, int, str]] = []
    for _path, span in sorted(spans.items(), key=lambda i: (i[1]["end"] - i[1]["start"], i[0])):
        start, end = max(0, span["start"]), min(len(text), span["end"])
        if start >= end:
            continue
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, f"span-{len(chosen) + 1}"))
    chosen.sort()
    anchors: dict[str, str] = {}
    for path, span in spans.items():
        for s, e, mark in chosen:
            if span["start"] < e and span["end"] > s:
                anchors[path] = mark
                break
    segments, at = [], 0
    for s, e, mark in chosen:
        if s > at:
            segments.append(Segment(text[at:s], None))
        segments.append(Segment(text[s:e], mark))
        at = e
    if at < len(text):
        segments.append(Segment(text[at:], None))
    return segments, anchors


def _draft(request: HttpRequest, pk: int) -> ImportDraft:
    draft = draft_among(drafts_visible_to(request.user), pk)
    if draft is None:
        raise Http404(f"Aucun brouillon n° {pk}.")
    return draft


def render_draft(
    request: HttpRequest,
    draft: ImportDraft,
    *,
    form: DraftCorrectionForm | None = None,
    agent_form: AgentInChargeForm | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    text = _source_text(draft)
    segments, anchors = highlight(text, draft.spans) if text is not None else ([], {})
    pending = draft.status == DraftStatus.PENDING
    if form is None and pending:
        form = DraftCorrectionForm(data_terms=draft.data, prefix="terms")
    review = build_review(form, draft.spans, anchors) if form is not None else None
    if agent_form is None and pending:
        agent_form = _agent_form(request)
    duplicates = draft_duplicates(draft=draft) if pending else []
    takeover = _takeover(draft) if pending else None
    return render(
        request,
        "web/imports/draft.html",
        {
            "title": f"Relecture de {draft.source.original_filename}",
            "draft": draft,
            "doc_type": DOC_TYPES.get(draft.doc_type, "non reconnu"),
            "segments": segments,
            "has_text": text is not None,
            "review": review,
            "form": form,
            "agent_form": agent_form,
            "pending": pending,
            "duplicates": duplicates,
            "takeover": takeover,
            "takeover_amount": format_amount_fr(takeover.amount) if takeover else "",
            "problems": problems if problems is not None else draft.problems,
        },
        status=status,
    )


def _agent_form(request: HttpRequest) -> AgentInChargeForm:
    """Who will be in charge of the convention: an agent of the importer's organisation
    (any agent for the administrator); the importer by default."""
    membership = membership_of(request.user)
    agents = agents_in_charge_choices(
        organisation_id=None
        if is_admin(request.user) or membership is None
        else membership.organisation_id
    )
    me = next((agent for agent in agents if agent.pk == request.user.pk), None)
    data = request.POST if request.method == "POST" else None
    return AgentInChargeForm(data, agents=agents, initial_agent=me, prefix="suivi")


def _takeover(draft: ImportDraft) -> Takeover | None:
    """What a reprise d'historique would settle, from the dates the document states."""
    try:
        terms = convention_from_data(draft.data, source=draft.source.original_filename)
    except TermsError:
        return None
    return history_takeover_of(terms, events_from_terms(terms), timezone.localdate())


@login_required
def import_batch_view(request: HttpRequest, batch: str) -> HttpResponse:
    """A background import: a progress bar, each file's state and what remains to check."""
    drafts_visible_to(request.user)  # 403 for whoever may not import
    progress = import_batch_progress(batch)
    if progress is None or (progress.by != request.user.pk and not is_admin(request.user)):
        raise Http404("Aucun import en cours à cette adresse.")
    listed = _listed([f.draft for f in progress.files if f.draft is not None])
    return render(
        request,
        "web/imports/batch.html",
        {
            "title": f"Import de {progress.total} fichiers",
            "progress": progress,
            "rows": {row.draft.pk: row for row in listed["drafts"]},
            "to_check_total": listed["to_check_total"],
        },
    )


@login_required
def import_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    return render_draft(request, _draft(request, pk))


@login_required
@require_POST
def import_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    if draft.status != DraftStatus.PENDING:
        messages.error(
            request, f"Le brouillon n° {draft.pk} est déjà {draft.get_status_display()}."
        )
        return redirect(reverse("import_draft", args=[draft.pk]))
    form = DraftCorrectionForm(request.POST, data_terms=draft.data, prefix="terms")
    agent_form = _agent_form(request)
    if not (form.is_valid() & agent_form.is_valid()):
        return render_draft(request, draft, form=form, agent_form=agent_form, status=400)
    choice = request.POST.get("duplicate_choice", "")
    merge = choice.removeprefix("merge:") if choice.startswith("merge:") else None
    keep_both = choice == "keep_both"
    if (merge or keep_both) and request.POST.get("duplicate_checked") != "1":
        problems = [
            "Cochez « J'ai comparé ce document avec la convention existante » "
            "pour fusionner ou garder les deux."
        ]
        return render_draft(
            request, draft, form=form, agent_form=agent_form, problems=problems, status=400
        )
    if merge and convention_visible_to(request.user, merge) is None:
        problems = [f"Aucune convention « {merge} » que vous puissiez mettre à jour."]
        return render_draft(
            request, draft, form=form, agent_form=agent_form, problems=problems, status=400
        )
    try:
        with transaction.atomic():
            convention = draft_confirm(
                draft=draft,
                by=request.user,
                data=form.corrected(),
                merge=merge,
                keep_both=keep_both,
                corrections=form.corrections(),
            )
            unassigned = None
            if (chosen := agent_form.chosen()) is not None:
                try:
                    convention_assign(convention=convention, agent=chosen, by=request.user)
                except AssignError as error:  # the convention is stored all the same
                    unassigned = str(error)
            takeover = None
            if request.POST.get("reprise") == "1" and not merge:
                takeover = history_takeover(
                    convention=convention, on=timezone.localdate(), by=request.user
                )
    except DuplicateError as error:
        return render_draft(
            request, draft, form=form, agent_form=agent_form, problems=[str(error)], status=400
        )
    except TermsError as error:
        problems = [problem.describe() for problem in error.problems]
        return render_draft(
            request, draft, form=form, agent_form=agent_form, problems=problems, status=400
        )
    except DraftError as error:
        messages.error(request, str(error))
        return redirect(reverse("import_draft", args=[draft.pk]))
    if merge:
        messages.success(
            request,
            f"Convention « {convention.title} » mise à jour avec ce document (fusion) ; "
            "son suivi est gardé.",
        )
    else:
        messages.success(request, f"Convention « {convention.title} » enregistrée au registre.")
    if unassigned:
        messages.warning(request, f"{unassigned} Choisissez-le depuis la page de la convention.")
    if takeover is not None and takeover.count:
        messages.info(
            request,
            f"Reprise d'historique : {takeover.count} obligation(s) passée(s) enregistrée(s) "
            "comme réalisée(s) ; seul ce qui est dû à partir d'aujourd'hui reste ouvert.",
        )
    if convention_visible_to(request.user, convention.reference) is not None:
        return redirect(reverse("convention", args=[convention.reference]))
    # an agent whose authority is not a party to it does not see it in the register
    return redirect(reverse("import_draft", args=[draft.pk]))


@login_required
@require_POST
def import_reject_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    try:
        draft_reject(draft=draft, by=request.user)
    except DraftError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Brouillon n° {draft.pk} rejeté.")
    return redirect(reverse("import_list"))
