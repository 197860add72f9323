"""Import: upload documents, review what was read beside the source text, correct, confirm.

Agents and administrators only (a partner or a reader gets 403). An agent sees the drafts
imported by the accounts of their own organisation; the administrator sees them all. Each
file goes through ``document_import``; confirming calls ``draft_confirm`` with the
corrected terms, rejecting ``draft_reject``: the services write the journal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
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

from pacte.accounts.enums import Role
from pacte.accounts.selectors import convention_visible_to, is_admin, membership_of
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft
from pacte.documents.selectors import draft_among, draft_duplicates, draft_list
from pacte.documents.services import (
    DraftError,
    DuplicateError,
    document_import,
    draft_confirm,
    draft_reject,
)
from pacte.extraction.readers import SUPPORTED, ReadError, read_document
from pacte.followup.services import history_takeover
from pacte.outputs.payments import events_from_terms
from pacte.rules.obligations import Takeover
from pacte.rules.obligations import history_takeover as history_takeover_of
from pacte.terms import TermsError, format_amount_fr
from pacte.terms.base import agree, name_gender
from pacte.terms.io import convention_from_data
from pacte.web.forms.imports import DraftCorrectionForm

logger = logging.getLogger(__name__)

MAX_FILES = 20
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

PARTS = {
    "organisation.name": "nom",
    "capacity": "qualité du représentant",
    "representative": "représentant",
    "mandate.kind": "habilitation",
    "mandate.date": "date de l'habilitation",
    "mandate.body": "instance qui habilite",
    "designation": "désignation",
    "place": "article",
    "start_rule": "point de départ",
    "duration": "durée",
    "start": "début",
    "end": "fin",
    "notice": "préavis",
    "text": "texte",
    "kind": "nature",
    "period": "période",
    "frequency": "fréquence",
    "name": "nom",
    "annual_amount": "montant annuel",
    "total_amount": "montant total",
}
TOP = {
    "title": "Intitulé",
    "reference": "Référence",
    "signed_on": "Date de signature",
    "signed_at": "Lieu de signature",
    "preamble": "Préambule",
}
GROUPS = {
    "parties": "Partie",
    "grants": "Subvention",
    "governing_bodies": "Instance",
    "term": "Durée",
    "termination": "Résiliation et dénonciation",
    "renewal": "Reconduction",
    "deliberation": "Délibération",
}
KEY_TERMS = {
    "doc_type": "Type de document",
    "parties": "Parties",
    "authorising_deliberation_dates": "Délibérations qui autorisent",
    "signature_date": "Date de signature",
    "start_date": "Début",
    "end_date": "Fin",
    "duration": "Durée",
    "renewal": "Reconduction",
    "termination_notice": "Préavis de dénonciation",
    "amounts": "Montants",
    "installments": "Versements échelonnés",
    "steering_committee_frequency": "Fréquence du comité de pilotage",
    "session_date": "Date de séance",
    "president": "Président de séance",
    "vote": "Vote",
    "publication_date": "Date de publication",
    "prefecture_date": "Transmission en préfecture",
}
UNITS = {"year": "an(s)", "month": "mois", "day": "jour(s)"}


def field_label(path: str) -> str:
    """A French name for a terms path: ``parties[1].representative`` → « Partie 2 : représentant »."""
    if path in TOP:
        return TOP[path]
    head, _, rest = path.partition(".")
    name, _, index = head.partition("[")
    group = GROUPS.get(name)
    if group is None:
        return path
    number = f" {int(index.rstrip(']')) + 1}" if index else ""
    return f"{group}{number} : {PARTS.get(rest, rest or 'ensemble')}" if rest else group + number


def _euros(amount: Any) -> str:
    """« 10 000,00 € » from the stored « 10000.00 »."""
    try:
        return format_amount_fr(Decimal(str(amount)))
    except InvalidOperation:
        return f"{amount} €"


def _text(value: Any) -> str:
    """A value of the key terms or the data, in words."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, dict):
        if set(value) == {"value", "unit"}:
            return f"{value['value']} {UNITS.get(value['unit'], value['unit'])}"
        if "name" in value and "role" in value:
            who = (
                f" ({agree('représenté', name_gender(str(value['name'])))} par {value['representative']})"
                if value.get("representative")
                else ""
            )
            return f"{value['name']}{who}"
        if "last_name" in value or "first_name" in value:
            name = " ".join(
                str(value[k]) for k in ("civility", "first_name", "last_name") if value.get(k)
            )
            return f"{name}, {value['title']}" if value.get("title") else name
        if set(value) <= {"article", "quote"}:
            return (
                f"article {value['article']}" if value.get("article") else _text(value.get("quote"))
            )
        if "amount" in value:
            return " ".join(str(v) for v in (value.get("label"), _euros(value["amount"])) if v)
        return ", ".join(f"{k} : {_text(v)}" for k, v in value.items() if _text(v))
    if isinstance(value, list):
        return " ; ".join(_text(v) for v in value if _text(v))
    return str(value)


def _value_at(data: Any, path: str) -> Any:
    value = data
    for part in path.replace("]", "").replace("[", ".").split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


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
            "drafts": list(drafts[:100]),
            "errors": errors,
            "accepted": ",".join(SUPPORTED),
            "formats": ", ".join(s.lstrip(".").upper() for s in SUPPORTED),
            "max_size": _megabytes(_max_bytes()),
            "max_files": MAX_FILES,
        },
        status=400 if errors else 200,
    )


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str | None


@dataclass(frozen=True)
class FieldRow:
    path: str
    label: str
    value: str
    quote: str
    page: int | None
    confidence: int | None
    anchor: str | None


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
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    text = _source_text(draft)
    segments, anchors = highlight(text, draft.spans) if text is not None else ([], {})
    fields = [
        FieldRow(
            path=path,
            label=field_label(path),
            value=_text(_value_at(draft.data, path)),
            quote=span.get("text", ""),
            page=span.get("page"),
            confidence=round(span["confidence"] * 100)
            if isinstance(span.get("confidence"), (int, float))
            else None,
            anchor=anchors.get(path),
        )
        for path, span in draft.spans.items()
        if not path.startswith("articles")
    ]
    key_terms = [
        (KEY_TERMS.get(key, key), _text(value))
        for key, value in draft.key_terms.items()
        if _text(value)
    ]
    pending = draft.status == DraftStatus.PENDING
    if form is None and pending:
        form = DraftCorrectionForm(data_terms=draft.data, prefix="terms")
    duplicates = draft_duplicates(draft=draft) if pending else []
    takeover = _takeover(draft) if pending else None
    return render(
        request,
        "web/imports/draft.html",
        {
            "title": f"Brouillon n° {draft.pk} — {draft.source.original_filename}",
            "draft": draft,
            "segments": segments,
            "has_text": text is not None,
            "fields": fields,
            "key_terms": key_terms,
            "form": form,
            "pending": pending,
            "duplicates": duplicates,
            "takeover": takeover,
            "takeover_amount": format_amount_fr(takeover.amount) if takeover else "",
            "problems": problems if problems is not None else draft.problems,
        },
        status=status,
    )


def _takeover(draft: ImportDraft) -> Takeover | None:
    """What a reprise d'historique would settle, from the dates the document states."""
    try:
        terms = convention_from_data(draft.data, source=draft.source.original_filename)
    except TermsError:
        return None
    return history_takeover_of(terms, events_from_terms(terms), timezone.localdate())


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
    if not form.is_valid():
        return render_draft(request, draft, form=form, status=400)
    choice = request.POST.get("duplicate_choice", "")
    merge = choice.removeprefix("merge:") if choice.startswith("merge:") else None
    keep_both = choice == "keep_both"
    if (merge or keep_both) and request.POST.get("duplicate_checked") != "1":
        problems = [
            "Cochez « J'ai comparé ce document avec la convention existante » "
            "pour fusionner ou garder les deux."
        ]
        return render_draft(request, draft, form=form, problems=problems, status=400)
    if merge and convention_visible_to(request.user, merge) is None:
        problems = [f"Aucune convention « {merge} » que vous puissiez mettre à jour."]
        return render_draft(request, draft, form=form, problems=problems, status=400)
    try:
        with transaction.atomic():
            convention = draft_confirm(
                draft=draft,
                by=request.user,
                data=form.corrected(),
                merge=merge,
                keep_both=keep_both,
            )
            takeover = None
            if request.POST.get("reprise") == "1" and not merge:
                takeover = history_takeover(
                    convention=convention, on=timezone.localdate(), by=request.user
                )
    except DuplicateError as error:
        return render_draft(request, draft, form=form, problems=[str(error)], status=400)
    except TermsError as error:
        problems = [problem.describe() for problem in error.problems]
        return render_draft(request, draft, form=form, problems=problems, status=400)
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
