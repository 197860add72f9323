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
from pacte.terms import TermsError, format_amount_fr

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
    duplicates: int = 0

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
            if self.duplicates:
                line += f", {_plural(self.duplicates, 'doublon probable', 'doublons probables')} (non enregistré{'s' if self.duplicates > 1 else ''})"
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


def takeover_lines(convention: Any, *, apply: bool) -> list[str]:
    """A convention taken over with obligations already past: what the reprise
    d'historique settles (``--reprise``), or what stays late without it."""
    from django.utils import timezone

    from pacte.followup.services import history_takeover, history_takeover_preview

    today = timezone.localdate()
    preview = history_takeover_preview(convention=convention, on=today)
    if not preview.count:
        return []
    money = (
        f", dont {_plural(len(preview.payments), 'versement passé', 'versements passés')} "
        f"pour {format_amount_fr(preview.amount)}"
        if preview.payments
        else ""
    )
    if not apply:
        return [
            f"  {_plural(preview.count, 'obligation échue', 'obligations échues')} avant "
            f"aujourd'hui{money} : « --reprise » les enregistre comme réalisées (reprise "
            "d'historique), sinon elles restent en retard"
        ]
    history_takeover(convention=convention, on=today, by=None)
    return [
        f"  reprise d'historique : {_plural(preview.count, 'obligation passée réputée faite', 'obligations passées réputées faites')}{money} ; seul ce qui est dû à partir d'aujourd'hui reste ouvert"
    ]


def _confirm(
    draft: Any, tally: Tally, *, merge: str | None, keep_both: bool, reprise: bool = False
) -> list[str]:
    from pacte.documents.services import (
        DELIBERATION_ONLY_MESSAGE,
        DraftError,
        DuplicateError,
        draft_confirm,
        is_deliberation_only,
    )

    if is_deliberation_only(draft):
        tally.deliberations += 1
        return [f"  non enregistré : {DELIBERATION_ONLY_MESSAGE}"]
    try:
        convention = draft_confirm(draft=draft, merge=merge, keep_both=keep_both)
    except TermsError as error:
        tally.incomplete += 1
        return [f"  à compléter : {problem.describe()}" for problem in error.problems]
    except DuplicateError as error:
        tally.duplicates += 1
        first = error.duplicates[0].reference
        return [
            f"  non enregistré : doublon probable ; « --merge {first} » met à jour {first} "
            "avec ce document (son suivi est gardé), « --keep-both » garde les deux"
        ]
    except DraftError as error:
        return [f"  {error}"]
    tally.stored += 1
    if merge:
        return [f"  convention « {convention.reference} » mise à jour (fusion)"]
    return [
        f"  convention « {convention.reference} » enregistrée",
        *takeover_lines(convention, apply=reprise),
    ]


def duplicate_lines(draft: Any) -> list[str]:
    """« Doublon probable de REF : mêmes parties, mêmes dates, même montant », per
    convention of the register that a pending draft probably describes again."""
    from pacte.documents.enums import DraftStatus
    from pacte.documents.selectors import draft_duplicates

    if draft.status != DraftStatus.PENDING:
        return []
    return [
        f"  {found.describe()} (ressemblance {found.likeness.score} sur 100)"
        for found in draft_duplicates(draft=draft)
    ]


def _duplicate_options(args: argparse.Namespace) -> tuple[str | None, bool, str | None]:
    """``--merge REF`` and ``--keep-both``, or why they cannot be used (French)."""
    merge = getattr(args, "merge", None)
    keep_both = bool(getattr(args, "keep_both", False))
    if merge and keep_both:
        return merge, keep_both, "--merge et --keep-both s'excluent : choisir l'un des deux"
    if (merge or keep_both) and not getattr(args, "confirm", False):
        return merge, keep_both, "--merge et --keep-both s'emploient avec --confirm"
    if merge and len(args.files) != 1:
        return merge, keep_both, "--merge s'emploie avec un seul fichier"
    return merge, keep_both, None


def load_duplicate_lines(conventions: list[Any]) -> list[str]:
    """For ``pacte load``: the conventions read that probably duplicate one of the
    register under another reference (the same reference is an update, not a duplicate)."""
    from pacte.documents.selectors import probable_duplicates

    lines = []
    for terms in conventions:
        for found in probable_duplicates(terms=terms):
            lines.append(
                f"« {terms.reference} » : {found.describe()} "
                f"(ressemblance {found.likeness.score} sur 100)"
            )
    return lines


def run_import(args: argparse.Namespace) -> int:
    """Import every file given; exit status 1 when one of them was refused."""
    from django.conf import settings

    from pacte.cli.extract import ocr_progress
    from pacte.conventions.services import BULK_LOAD, statistics_refresh
    from pacte.documents.enums import DraftStatus
    from pacte.documents.services import document_import
    from pacte.extraction.ocr import reporting

    max_bytes = getattr(settings, "PACTE_IMPORT_MAX_BYTES", None) or MAX_BYTES_DEFAULT
    confirm = bool(getattr(args, "confirm", False))
    merge, keep_both, refusal = _duplicate_options(args)
    if refusal:
        print(f"Erreur : {refusal}.", file=sys.stderr)
        return 1
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
        lines += duplicate_lines(draft)
        if confirm and draft.status == DraftStatus.PENDING:
            lines += _confirm(
                draft,
                tally,
                merge=merge,
                keep_both=keep_both,
                reprise=bool(getattr(args, "reprise", False)),
            )
        print("\n".join(lines), flush=True)
    if tally.stored >= BULK_LOAD:
        statistics_refresh()  # the pages' queries planned on the new register
    print(tally.summary(confirm=confirm))
    return 1 if tally.refused else 0


def _key_facts(key_terms: dict[str, Any]) -> str:
    """The few facts that tell drafts apart: parties, date, amount.

    >>> _key_facts({"parties": [{"name": "Ville de Lorval"}], "signature_date": "2026-04-02",
    ...             "amounts": [{"amount": "10000.00"}]})
    'Ville de Lorval ; 02/04/2026 ; 10 000,00 €'
    """
    from datetime import date
    from decimal import Decimal, InvalidOperation

    from pacte.terms import format_amount_fr

    def day_fr(value: Any) -> str:
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)

    def amount_fr(value: Any) -> str:
        try:
            return format_amount_fr(Decimal(str(value)))
        except InvalidOperation:
            return f"{value} €"

    facts = []
    parties = [party.get("name") for party in key_terms.get("parties") or [] if party.get("name")]
    if parties:
        facts.append(", ".join(parties))
    day = key_terms.get("signature_date") or key_terms.get("session_date")
    if day:
        facts.append(day_fr(day))
    amounts = [item.get("amount") for item in key_terms.get("amounts") or [] if item.get("amount")]
    if amounts:
        facts.append(" + ".join(amount_fr(amount) for amount in amounts))
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
