"""Uploaded files (documents received, minutes), served only to whoever may see the convention.

They live under ``MEDIA_ROOT``, which no URL serves directly.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

from pacte.followup.selectors import record_of
from pacte.web.views.access import found, visible_convention


def _send(file: FieldFile, name: str, content_type: str = "") -> FileResponse:
    if not file:
        raise Http404("Aucun fichier.")
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404("Le fichier n'est plus disponible.") from None
    response = FileResponse(handle, as_attachment=True, filename=name or file.name)
    if content_type:
        response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def document_file_view(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    convention = visible_convention(request, reference)
    document = found(record_of(convention, "document", pk))
    return _send(document.file, document.file_name, document.content_type)


@login_required
def meeting_minutes_view(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    convention = visible_convention(request, reference)
    meeting = found(record_of(convention, "meeting", pk))
    return _send(meeting.minutes_file, meeting.minutes_file_name)
