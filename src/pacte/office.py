"""LibreOffice, headless: DOCX (or ODT) to PDF. No Django; used by every layer that
makes a PDF (generated documents, deliberation extracts)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

UNAVAILABLE = (
    "LibreOffice n'est pas installé : le PDF ne peut pas être produit "
    "(installer libreoffice-writer, ou demander le format docx)"
)


class OfficeError(Exception):
    """The conversion cannot be made (French message)."""


def soffice() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(path: Path, outdir: Path | None = None, *, timeout: int = 180) -> Path:
    """Convert a DOCX (or ODT) to PDF with LibreOffice headless; returns the PDF's path.

    Raises ``OfficeError`` (French) when LibreOffice is not installed or fails.
    """
    command = soffice()
    if command is None:
        raise OfficeError(UNAVAILABLE)
    path = Path(path)
    outdir = Path(outdir or path.parent)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pacte-soffice-") as profile:
        try:
            done = subprocess.run(
                [
                    command,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(outdir),
                    str(path),
                ],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice n'a pas converti {path.name} en {timeout} s") from None
    pdf = outdir / f"{path.stem}.pdf"
    if done.returncode != 0 or not pdf.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise OfficeError(
            f"LibreOffice n'a pas converti {path.name} en PDF"
            + (f" : {detail[-1]}" if detail else "")
        )
    return pdf
