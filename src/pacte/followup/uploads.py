"""Checks on uploaded files: known type (by name and by content) and size.

Files go to ``MEDIA_ROOT`` (under the var directory, never under the static files) and
are only served by a view that checks who may read the convention.

>>> file_kind("rapport.PDF", b"%PDF-1.7 ...")
'pdf'
>>> file_kind("photo.png", b"%PDF-1.7")
Traceback (most recent call last):
...
pacte.followup.uploads.UploadError: Le fichier « photo.png » n'est pas une image PNG valide : son contenu ne correspond pas à son extension.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str


TYPES = {
    "pdf": FileType("document PDF", "application/pdf"),
    "docx": FileType(
        "document Word (DOCX)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": FileType("document OpenDocument (ODT)", "application/vnd.oasis.opendocument.text"),
    "png": FileType("image PNG", "image/png"),
    "jpg": FileType("image JPEG", "image/jpeg"),
    "jpeg": FileType("image JPEG", "image/jpeg"),
}
ACCEPTED = ".pdf,.docx,.odt,.png,.jpg,.jpeg"


class UploadError(ValueError):
    """A file refused, with a French message that says why and what to do."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "PACTE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "") + " Mo"


def _content_matches(extension: str, head: bytes, data: bytes | None) -> bool:
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if not head.startswith(b"PK\x03\x04") or data is None:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if extension == "docx":
                return "word/document.xml" in names
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
            return mimetype.strip() == TYPES["odt"].content_type.encode()
    except (zipfile.BadZipFile, KeyError):
        return False


def file_kind(name: str, data: bytes) -> str:
    """The extension of an accepted file whose content matches it; else ``UploadError``."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in TYPES:
        raise UploadError(
            f"Le fichier « {name} » n'est pas d'un type accepté : déposez un PDF, un "
            "document Word (DOCX) ou OpenDocument (ODT), ou une image PNG ou JPEG."
        )
    if not _content_matches(extension, data[:16], data):
        raise UploadError(
            f"Le fichier « {name} » n'est pas {_article(extension)}{TYPES[extension].label} "
            "valide : son contenu ne correspond pas à son extension."
        )
    return extension


def _article(extension: str) -> str:
    return "une " if extension in ("png", "jpg", "jpeg") else "un "


def check_upload(upload: UploadedFile) -> FileType:
    """Refuse a file too large or of the wrong type; returns its type when accepted."""
    name = upload.name or "sans nom"
    limit = max_upload_bytes()
    size = upload.size or 0
    if size > limit:
        raise UploadError(
            f"Le fichier « {name} » pèse {_megabytes(size)} : la taille maximale est de "
            f"{_megabytes(limit)}. Réduisez-le (par exemple en l'enregistrant en PDF "
            "compressé) ou scindez-le."
        )
    if size == 0:
        raise UploadError(f"Le fichier « {name} » est vide.")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return TYPES[file_kind(name, data)]
