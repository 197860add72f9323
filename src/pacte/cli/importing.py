"""``pacte import`` and ``pacte drafts``: documents in, drafts out, conventions on request.

One line per file while the batch goes, then a summary::

    [1/3] convention-ville.pdf … brouillon n° 1 créé (délibération et convention, rien de manquant)
      convention « convention-ville » enregistrée
    [2/3] vide.pdf … refusé : aucun texte : le PDF ne contient ni couche texte ni image de page à reconnaître
    [3/3] convention-ville.pdf … déjà importé (brouillon n° 1)
    3 fichiers : 1 brouillon créé, 1 déjà importé, 1 refusé ; 1 convention enregistrée

Each file is imported in its own transaction: a file refused leaves nothing behind and
does not stop the others. Django must be set up before ``run_import`` is called.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pacte.extraction.readers import MAX_BYTES_DEFAULT, ReadError
from pacte.terms import TermsError

DOC_TYPES = {
    "convention": "convention",
    "deliberation": "délibération",
    "minutes": "procès-verbal",
    "deliberation+convention": "délibération et convention",
    "other": "document non reconnu",
}


def doc_type_label(doc_type: str) -> str:
    """French name of an extracted document type.

    >>> doc_type_label("deliberation+convention")
    'délibération et convention'
    """
    return DOC_TYPES.get(doc_type, doc_type or "type inconnu")


def _plural(count: int, singular: str, plural: str) -> str:
    """French agreement: 0 and 1 take the singular.

    >>> _plural(0, "brouillon créé", "brouillons créés"), _plural(2, "refusé", "refusés")
    ('0 brouillon créé', '2 refusés')
    """
    return f"{count} {singular if count < 2 else plural}"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " Mo"


@dataclass
class Tally:
    files: int = 0
    created: int = 0
    already: int = 0
    refused: int = 0
    stored: int = 0
    incomplete: int = 0
    deliberations: int = 0

    def summary(self, *, confirm: bool) -> str:
        line = (
            f"{_plural(self.files, 'fichier', 'fichiers')} : "
            f"{_plural(self.created, 'brouillon créé', 'brouillons créés')}, "
            f"{_plural(self.already, 'déjà importé', 'déjà importés')}, "
            f"{_plural(self.refused, 'refusé', 'refusés')}"
        )
        if confirm:
            line += (
                f" ; {_plural(self.stored, 'convention enregistrée', 'conventions enregistrées')}"
            )
            if self.incomplete:
                line += f", {_plural(self.incomplete, 'brouillon à compléter', 'brouillons à compléter')}"
            if self.deliberations:
                line += f", {_plural(self.deliberations, 'délibération seule', 'délibérations seules')} (non enregistrée{'s' if self.deliberations > 1 else ''})"
        return line


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; ``ReadError`` when it is missing, not a file, too large or unreadable.

    A file over the limit is refused from its size, before being loaded in memory.
    """
    name = path.name or str(path)
    if not path.exists():
        raise ReadError(name, "fichier introuvable")
    if not path.is_file():
        raise ReadError(name, "ce n'est pas un fichier")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(
                name,
                f"fichier trop volumineux ({_megabytes(size)}, maximum {_megabytes(max_bytes)})",
            )
        return path.read_bytes()
    except OSError as error:
        raise ReadError(name, f"fichier illisible ({error.strerror or error})") from error


def _draft_facts(draft: Any) -> str:
    if draft.missing:
        missing = f"{_plural(len(draft.missing), 'champ manquant', 'champs manquants')}"
    else:
        missing = "rien de manquant"
    return f"{doc_type_label(draft.doc_type)}, {missing}"


def _confirm(draft: Any, tally: Tally) -> list[str]:
    from pacte.documents.services import (
        DELIBERATION_ONLY_MESSAGE,
        DraftError,
        draft_confirm,
        is_deliberation_only,
    )

    if is_deliberation_only(draft):
        tally.deliberations += 1
        return [f"  non enregistré : {DELIBERATION_ONLY_MESSAGE}"]
    try:
        convention = draft_confirm(draft=draft)
    except TermsError as error:
        tally.incomplete += 1
        return [f"  à compléter : {problem.describe()}" for problem in error.problems]
    except DraftError as error:
        return [f"  {error}"]
    tally.stored += 1
    return [f"  convention « {convention.reference} » enregistrée"]


def run_import(args: argparse.Namespace) -> int:
    """Import every file given; exit status 1 when one of them was refused."""
    from django.conf import settings

    from pacte.cli.extract import ocr_progress
    from pacte.documents.enums import DraftStatus
    from pacte.documents.services import document_import
    from pacte.extraction.ocr import reporting

    max_bytes = getattr(settings, "PACTE_IMPORT_MAX_BYTES", None) or MAX_BYTES_DEFAULT
    confirm = bool(getattr(args, "confirm", False))
    tally = Tally(files=len(args.files))
    for index, name in enumerate(args.files, start=1):
        path = Path(name)
        head = f"[{index}/{tally.files}] {path.name or name} …"
        try:
            with reporting(ocr_progress(f"{head} ")):  # « OCR : page 3/20 » for a scan
                data = _read_bytes(path, max_bytes)
                draft, created = document_import(filename=path.name, data=data)
        except ReadError as error:
            tally.refused += 1
            print(f"{head} refusé : {error.problem}", file=sys.stderr, flush=True)
            continue
        except Exception as error:  # an extractor bug must not stop the batch
            tally.refused += 1
            print(
                f"{head} refusé : erreur inattendue pendant l'extraction "
                f"({type(error).__name__}), à signaler avec le fichier",
                file=sys.stderr,
                flush=True,
            )
            continue
        if created:
            tally.created += 1
            lines = [f"{head} brouillon n° {draft.pk} créé ({_draft_facts(draft)})"]
        else:
            tally.already += 1
            lines = [f"{head} déjà importé (brouillon n° {draft.pk})"]
        if confirm and draft.status == DraftStatus.PENDING:
            lines += _confirm(draft, tally)
        print("\n".join(lines), flush=True)
    print(tally.summary(confirm=confirm))
    return 1 if tally.refused else 0


def _key_facts(key_terms: dict[str, Any]) -> str:
    """The few facts that tell drafts apart: parties, date, amount.

    >>> _key_facts({"parties": [{"name": "Ville de Lorval"}], "signature_date": "2026-04-02",
    ...             "amounts": [{"amount": "4000.00"}]})
    'Ville de Lorval ; 2026-04-02 ; 4000.00 €'
    """
    facts = []
    parties = [party.get("name") for party in key_terms.get("parties") or [] if party.get("name")]
    if parties:
        facts.append(", ".join(parties))
    day = key_terms.get("signature_date") or key_terms.get("session_date")
    if day:
        facts.append(str(day))
    amounts = [item.get("amount") for item in key_terms.get("amounts") or [] if item.get("amount")]
    if amounts:
        facts.append(" + ".join(f"{amount} €" for amount in amounts))
    return " ; ".join(facts)


def run_drafts(args: argparse.Namespace) -> int:
    """List the import drafts, newest first."""
    from pacte.documents.selectors import draft_list

    drafts = list(draft_list(status=getattr(args, "status", None)))
    if not drafts:
        print("Aucun brouillon d'import : « pacte import FICHIER… » en crée.")
        return 0
    for draft in drafts:
        status = draft.get_status_display()
        if draft.convention is not None:
            status += f" → {draft.convention.reference}"
        facts = _key_facts(draft.key_terms)
        print(
            f"n° {draft.pk:<4} {status:<12} {draft.source.original_filename}  "
            f"[{doc_type_label(draft.doc_type)}]" + (f"  {facts}" if facts else "")
        )
    return 0
