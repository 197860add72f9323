"""Download of the « Extrait du registre des délibérations » of one act (DOCX, or PDF).

The PDF needs LibreOffice; without it the session page says so in French and the DOCX
stays available.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify

from pacte.accounts.selectors import is_partner, references_visible_to
from pacte.conventions.selectors import deliberation_conventions
from pacte.deliberations.extract_document import ExtractError, extract_docx, extract_pdf
from pacte.deliberations.rows import deliberation_to_terms
from pacte.deliberations.selectors import session_deliberation
from pacte.organisations.selectors import organisation_to_terms
from pacte.web.views.access import visible_session
from pacte.web.views.session import acts_concern

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def extract_name(number: str, on: str) -> str:
    """``extrait-dcm-2026-014.docx`` stem: the act's number, else the session date."""
    return "extrait-" + (slugify(number) or f"deliberation-{on}")


@login_required
def deliberation_extract_view(
    request: HttpRequest, pk: int, deliberation: int, format: str
) -> HttpResponse:
    session = visible_session(request, pk)
    if format not in CONTENT_TYPES:
        raise Http404("Format inconnu : DOCX ou PDF.")
    row = session_deliberation(session, deliberation)
    if row is not None and is_partner(request.user):
        named = set(deliberation_conventions(row))
        if not acts_concern(row, references_visible_to(request.user, named)):
            row = None  # an act about other organisations: as if it did not exist
    if row is None:
        raise Http404("Aucune délibération de ce numéro dans cette séance.")
    act = deliberation_to_terms(row)
    authority = organisation_to_terms(session.authority) if session.authority else None
    stem = extract_name(row.number, session.date.isoformat())
    with tempfile.TemporaryDirectory(prefix="pacte-extrait-") as folder:
        path = extract_docx(act, authority=authority, target=Path(folder) / f"{stem}.docx")
        if format == "pdf":
            try:
                path = extract_pdf(path)
            except ExtractError as error:
                messages.warning(request, str(error))
                return redirect("session", pk=session.pk)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{format}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
