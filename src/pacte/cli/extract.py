"""``pacte extract FILE [--json]``: what a document says, where, and what is missing."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from pacte.extraction.pipeline import Extraction, extract_document
from pacte.extraction.readers import ReadError, read_document
from pacte.terms.enums import PartyRole
from pacte.terms.formats import format_date_fr

_DOC_TYPES = {
    "convention": "convention",
    "deliberation": "délibération",
    "deliberation+convention": "délibération suivie de la convention qu'elle approuve",
    "minutes": "procès-verbal de séance",
    "other": "document non reconnu (ni convention ni délibération)",
}
_LABELS = (
    ("parties", "Parties"),
    ("authorising_deliberation_dates", "Habilitations (dates)"),
    ("signature_date", "Signature"),
    ("start_date", "Début"),
    ("end_date", "Fin"),
    ("duration", "Durée"),
    ("renewal", "Reconduction"),
    ("termination_notice", "Préavis de dénonciation"),
    ("amounts", "Montants"),
    ("installments", "Versements"),
    ("steering_committee_frequency", "Comité de pilotage"),
    ("session_date", "Séance"),
    ("president", "Président de séance"),
    ("members_present", "Présents"),
    ("members_excused", "Excusés"),
    ("proxies", "Pouvoirs"),
    ("members_absent", "Absents"),
    ("vote", "Vote"),
    ("publication_date", "Publication"),
    ("prefecture_date", "Préfecture"),
)
_UNITS = {"year": ("an", "ans"), "month": ("mois", "mois"), "day": ("jour", "jours")}
_WORDS = {
    "tacit": "tacite",
    "express": "expresse",
    "none": "aucune",
    "yearly": "une fois par an",
    "half-yearly": "deux fois par an",
    "quarterly": "une fois par trimestre",
    "monthly": "une fois par mois",
    "as_needed": "tant que de besoin",
    "unanimous": "à l'unanimité",
    "majority": "à la majorité",
    "rejected": "rejeté",
}


def _show(value: Any) -> str:
    if isinstance(value, dict) and "unit" in value:
        single, plural = _UNITS[value["unit"]]
        return f"{value['value']} {single if value['value'] == 1 else plural}"
    if isinstance(value, dict) and "result" in value:
        counts = ", ".join(
            f"{k} {v}"
            for k, v in (
                ("pour", value["for"]),
                ("contre", value["against"]),
                ("abstentions", value["abstention"]),
            )
            if v is not None
        )
        return _WORDS.get(value["result"], value["result"]) + (f" ({counts})" if counts else "")
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "name" in item:
                who = (
                    f", représentée par {item['representative']}"
                    if item.get("representative")
                    else ""
                )
                parts.append(f"{item['name']} ({PartyRole(item['role']).label}){who}")
            elif isinstance(item, dict) and "amount" in item:
                year = f" pour {item['year']}" if item.get("year") else ""
                parts.append(f"{item['amount'].replace('.', ',')} €{year}")
            elif isinstance(item, dict) and "percent" in item:
                parts.append(f"{item['percent']} % {item['trigger']}".strip())
            else:
                parts.append(_show(item))
        return " ; ".join(parts)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return format_date_fr(date.fromisoformat(value))
    return _WORDS.get(str(value), str(value))


def _line(result: Extraction, path: str) -> str:
    span = result.spans.get(path)
    if span is None:
        return ""
    if "\f" in result.text:  # pages (a PDF, a scan): the page, and the line in it
        page_start = result.text.rfind("\f", 0, span.start) + 1
        page = result.text.count("\f", 0, span.start) + 1
        return f"  (page {page}, ligne {result.text.count(chr(10), page_start, span.start) + 1})"
    line = result.text.count("\n", 0, span.start) + 1
    return f"  (ligne {line})"


_WHERE = {
    "parties": "parties[0].organisation.name",
    "signature_date": "signed_on",
    "start_date": "term.start",
    "end_date": "term.end",
    "duration": "term.duration",
    "renewal": "renewal.kind",
    "termination_notice": "termination.notice",
    "amounts": "grants[0].place",
    "session_date": "deliberation.session.date",
    "president": "deliberation.session.president",
    "vote": "deliberation.vote.result",
    "publication_date": "deliberation.published_on",
    "prefecture_date": "deliberation.transmitted_on",
}


def render_report(result: Extraction, *, validate: bool = False) -> str:
    key = result.key_terms
    out = [f"{result.filename} : {_DOC_TYPES.get(result.doc_type, result.doc_type)}", ""]
    found = [
        (label, key[name], _WHERE.get(name))
        for name, label in _LABELS
        if key[name] not in (None, [])
    ]
    if found:
        out.append("Trouvé :")
        out += [
            f"  {label} : {_show(value)}{_line(result, where) if where else ''}"
            for label, value, where in found
        ]
    missing = result.missing()
    if missing:
        out += ["", "Non trouvé dans le document : " + ", ".join(missing) + "."]
    for note in result.notes:
        out += ["", f"Note : {note}"]
    if validate and result.doc_type not in ("deliberation", "minutes"):
        problems = result.problems()  # the same list as the JSON's « problems »
        if problems:
            out += ["", "À compléter avant l'enregistrement :"] + [f"  {p}" for p in problems]
        else:
            out += ["", "Contrôle : la convention lue est complète et cohérente."]
    return "\n".join(out) + "\n"


def ocr_progress(prefix: str = "", stream: TextIO | None = None) -> Callable[[int, int], None]:
    """A progress callback writing « OCR : page 3/20 » on stderr, after ``prefix`` (one line
    per page, or rewritten in place on a terminal)."""

    def show(page: int, pages: int) -> None:
        out = stream or sys.stderr
        if out.isatty():
            end = "\n" if page == pages else ""
            print(f"\r{prefix}OCR : page {page}/{pages}", end=end, file=out, flush=True)
        else:
            print(f"{prefix}OCR : page {page}/{pages}", file=out, flush=True)

    return show


def run_extract(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"Erreur : {args.file} : fichier introuvable", file=sys.stderr)
        return 1
    try:
        document = read_document(path.read_bytes(), path.name, progress=ocr_progress())
        result = extract_document(document)
    except ReadError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    except Exception as error:  # an extractor bug: a French line, not a traceback
        print(
            f"Erreur : {path.name} : erreur inattendue pendant l'extraction "
            f"({type(error).__name__}), à signaler avec le fichier",
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(
            json.dumps(
                result.as_json(validate=args.validate), ensure_ascii=False, indent=2, default=str
            )
        )
    else:
        print(render_report(result, validate=args.validate), end="")
    return 0
