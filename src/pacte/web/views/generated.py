"""Documents of a convention page: its source file, and the documents generated on demand.

Every view goes through ``visible_convention`` (404 for a convention the user may not
see). Who downloads what (``may_download``): agents, readers and the administrator
everything; a partner the convention, its avenants and the payment requests (the
letters it sends itself), not the termination letter (the authority's draft) nor the
source file of the import (an internal working copy).

Generated documents are DOCX; PDF through LibreOffice when it is installed, else the
page says so in French.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from pacte.accounts.selectors import is_partner
from pacte.conventions.models import Convention
from pacte.conventions.rows_to_terms import convention_to_terms
from pacte.documents.selectors import source_document_of
from pacte.followup.selectors import (
    apply_amendments,
    convention_with_followup,
    events_for,
    record_of,
    terms_with_amendments,
)
from pacte.outputs.documents import generate
from pacte.outputs.errors import OutputError
from pacte.terms import Convention as Terms
from pacte.web.views.access import found, visible_convention
from pacte.web.views.files import _send

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
PARTNER_KINDS = frozenset({"convention", "avenant", "versement"})
"""Generated documents a partner may download."""


def may_download(user: Any, kind: str) -> bool:
    """Whether this user may download a document kind (``source`` or a kind of ``KINDS``)."""
    if is_partner(user):
        return kind in PARTNER_KINDS
    return True


def _checked(request: HttpRequest, reference: str, kind: str, fmt: str | None) -> Convention:
    if fmt is not None and fmt not in FORMATS:
        raise Http404("Format inconnu (docx ou pdf).")
    convention = visible_convention(request, reference)
    if not may_download(request.user, kind):
        raise PermissionDenied("Votre rôle ne permet pas de télécharger ce document.")
    return convention


def render_document(
    request: HttpRequest,
    convention: Convention,
    kind: str,
    terms: Terms,
    *,
    fmt: str,
    name: str,
    on: date | None = None,
    **options: Any,
) -> HttpResponse:
    """Generate and send a document; on a refusal, back to the page with the French reason."""
    events = events_for(convention)
    with tempfile.TemporaryDirectory(prefix="pacte-web-") as work:
        target = Path(work) / f"{name}.{fmt}"
        try:
            generate(
                kind,
                terms,
                target,
                on=on or timezone.localdate(),
                pdf=fmt == "pdf",
                events=events,
                **options,
            )
        except OutputError as error:
            messages.error(request, f"Document non produit : {error}.")
            return redirect(reverse("convention", args=[convention.reference]) + "#documents")
        content = target.read_bytes()
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def loaded(convention: Convention) -> Convention:
    return convention_with_followup(convention.pk)


@login_required
def generated_document_view(
    request: HttpRequest, reference: str, kind: str, fmt: str
) -> HttpResponse:
    """The convention itself (as stored) or the termination letter (terms as amended)."""
    if kind not in ("convention", "denonciation"):
        raise Http404("Type de document inconnu.")
    convention = loaded(_checked(request, reference, kind, fmt))
    terms = (
        convention_to_terms(convention)
        if kind == "convention"
        else terms_with_amendments(convention)
    )
    return render_document(
        request, convention, kind, terms, fmt=fmt, name=f"{kind}-{convention.reference}"
    )


@login_required
def payment_request_view(
    request: HttpRequest, reference: str, grant: str, year: int, rank: int, fmt: str
) -> HttpResponse:
    """The beneficiary's request for one instalment (amounts as the avenants left them)."""
    convention = loaded(_checked(request, reference, "versement", fmt))
    return render_document(
        request,
        convention,
        "versement",
        terms_with_amendments(convention),
        fmt=fmt,
        name=f"demande-versement-{convention.reference}-{year}-{rank}",
        grant=grant,
        year=year,
        instalment=rank,
    )


def amendment_document(
    request: HttpRequest,
    convention: Convention,
    *,
    fmt: str,
    number: int,
    on: date,
    amount: Any = None,
    year: int | None = None,
    grant: str | None = None,
    ends_on: date | None = None,
) -> HttpResponse:
    """Avenant n° ``number``: its « before » is the terms as the earlier avenants left them."""
    earlier = [a for a in convention.amendment_records.all() if a.number < number]
    terms = apply_amendments(convention_to_terms(convention), earlier, events_for(convention))
    return render_document(
        request,
        convention,
        "avenant",
        terms,
        fmt=fmt,
        name=f"avenant-{number}-{convention.reference}",
        on=on,
        amount=amount,
        year=year,
        grant=grant or None,
        end=ends_on,
        number=number,
    )


@login_required
def amendment_document_view(
    request: HttpRequest, reference: str, pk: int, fmt: str
) -> HttpResponse:
    convention = loaded(_checked(request, reference, "avenant", fmt))
    amendment = found(record_of(convention, "amendment", pk))
    return amendment_document(
        request,
        convention,
        fmt=fmt,
        number=amendment.number,
        on=amendment.signed_on,
        amount=amendment.amount,
        year=amendment.year,
        grant=amendment.grant_key,
        ends_on=amendment.ends_on,
    )


@login_required
def amendment_file_view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """The signed avenant as uploaded."""
    convention = _checked(request, reference, "avenant", None)
    amendment = found(record_of(convention, "amendment", pk))
    return _send(amendment.file, amendment.file_name)


@login_required
def source_document_view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """The file the convention was imported from."""
    convention = _checked(request, reference, "source", None)
    source = found(source_document_of(convention, pk))
    return _send(source.file, source.original_filename)
