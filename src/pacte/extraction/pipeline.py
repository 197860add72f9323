"""Extraction from end to end: bytes → text → segments → terms with spans → key terms.

>>> result = extract_text("Séance du 12 janvier 2024\\nMembres présents : M. DURAND - Mme PETIT\\n"
...                       "Adopté à l'unanimité", filename="essai.txt")
>>> result.key_terms["session_date"], result.key_terms["members_present"]
('2024-01-12', 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pacte.extraction import rx
from pacte.extraction.clauses import extract_clauses
from pacte.extraction.deliberation import convention_stamps, extract_deliberation, extract_stamps
from pacte.extraction.deliberation.amounts import granted_before
from pacte.extraction.french import find_amounts
from pacte.extraction.key_terms import key_terms
from pacte.extraction.layout import file_name, restore
from pacte.extraction.parties import extract_parties, extract_signatures
from pacte.extraction.readers import Document, read_document
from pacte.extraction.result import Found, Span
from pacte.extraction.segments import segment
from pacte.extraction.sheets import extract_sheets
from pacte.extraction.text import clean, fold

if TYPE_CHECKING:  # the typed models are loaded when first asked for, not to extract
    from pacte.terms import Convention, Deliberation


@dataclass
class Extraction:
    """Everything read from one document."""

    filename: str
    text: str
    doc_type: str
    data: dict[str, Any]
    spans: dict[str, Span]
    key_terms: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    """Page of each span start, in the order of ``spans`` (empty for one-page texts)."""
    doc_type_reason: str = ""
    """Why the document was given its type: the cues found and their scores."""

    def terms(self) -> Convention:
        """The extracted convention, validated; ``TermsError`` lists what must be completed."""
        from pacte.terms.io import convention_from_data

        return convention_from_data(self.data, source=self.filename)

    def deliberation(self) -> Deliberation | None:
        from pacte.terms import Deliberation

        data = self.data.get("deliberation")
        return Deliberation.model_validate(data) if data else None

    def problems(self) -> list[str]:
        """What the extracted convention lacks or gets wrong against the rules of the terms
        (French, one line each); empty when it validates, and for a deliberation or minutes,
        which are not conventions (as ``missing``)."""
        from pacte.terms import TermsError

        if self.doc_type in ("deliberation", "minutes"):
            return []

        try:
            self.terms()
        except TermsError as error:
            return [problem.describe() for problem in error.problems]
        return []

    def missing(self) -> list[str]:
        """What a convention usually states and this document was not found to state."""
        wanted = {
            "parties": "les parties",
            "term": "la durée",
            "grants": "le financement",
            "renewal": "la reconduction",
            "termination": "les conditions de dénonciation",
            "governing_bodies": "le suivi (comité de pilotage)",
        }
        if self.doc_type in ("deliberation", "minutes"):
            return []
        return [label for key, label in wanted.items() if not self.data.get(key)]

    def as_json(self, *, validate: bool = False) -> dict[str, Any]:
        """Everything read; with ``validate``, also ``problems`` (see ``problems``), which
        loads the typed models: left out otherwise, an absent member meaning "not checked"."""
        out = {
            "key_terms": self.key_terms,
            "doc_type": self.doc_type,
            "doc_type_reason": self.doc_type_reason,
            "filename": self.filename,
            "terms": self.data,
            "spans": {
                path: {
                    "start": span.start,
                    "end": span.end,
                    "page": self.pages[index] if index < len(self.pages) else 1,
                    "confidence": span.confidence,
                    "text": span.quote(self.text)[:300],
                }
                for index, (path, span) in enumerate(self.spans.items())
            },
            "missing": self.missing(),
            "notes": self.notes,
        }
        if validate:
            out["problems"] = self.problems()
        return out


def _reference(found: Found, filename: str) -> str:
    stem = rx.sub(r"\.[a-z0-9]+$", "", fold(filename))
    slug = rx.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:50]
    return slug or "document"


def _decision_amounts(found: Found) -> None:
    for index, decision in enumerate(found.get("deliberation.decisions") or []):
        folded = fold(decision["text"])
        amounts = [
            amount
            for amount in find_amounts(decision["text"])
            if not granted_before(folded, max(0, amount.start - 300), amount.start)
        ]
        if amounts:
            found.put(f"deliberation.decisions[{index}].amount", f"{amounts[0].value:.2f}")


def extract_text(text: str, filename: str = "document.txt") -> Extraction:
    """Extract from text already normalised (see ``readers.normalise``); a text that lost
    its line breaks gets them back where cues open a line (``layout.restore``)."""
    name = file_name(text)
    text = restore(text)
    segments = segment(text, name)
    found = Found(text=text)
    if segments.deliberation:
        extract_deliberation(found, text, *segments.deliberation)
        _decision_amounts(found)
    if segments.convention:
        found.put("reference", _reference(found, filename))
        if segments.title:
            title = clean(text[segments.title[0] : segments.title[1]].replace("\n", " "))
            if title:
                found.put("title", title, *segments.title)
        count = extract_parties(found, segments)
        extract_signatures(found, segments, count)
        _preamble(found, text, segments.preamble)
        extract_clauses(found, segments)
        extract_sheets(found, segments)
    reason = segments.evidence.reason if segments.evidence else ""
    if segments.doc_type == "convention" and not segments.deliberation:
        # a convention published (« JORF n° … du … ») or certified sent to the préfecture
        convention_stamps(found, text)
    if segments.doc_type == "other":
        # an arrêté, an annex, a register: still dated by its publication and préfecture stamps
        extract_stamps(found, text)
        found.notes.append(f"Type de document non reconnu ({reason}) : rien n'est extrait.")
    return Extraction(
        filename=filename,
        text=text,
        doc_type=segments.doc_type,
        data=found.data,
        spans=found.spans,
        key_terms=key_terms(found, segments.doc_type),
        notes=found.notes,
        doc_type_reason=reason,
    )


def _preamble(found: Found, text: str, region: tuple[int, int] | None) -> None:
    if region is None:
        return
    paragraphs = [
        clean(p.replace("\n", " ")) for p in rx.split(r"\n\s*\n", text[region[0] : region[1]])
    ]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and rx.match(r"^(il est|il a ete)\b", fold(paragraphs[0])):
        paragraphs = paragraphs[1:]
    if paragraphs and len(paragraphs[0]) < 40 and not paragraphs[0].endswith("."):
        found.put("preamble_title", paragraphs[0])
        paragraphs = paragraphs[1:]
    tail = [p for p in paragraphs if fold(p) not in ("convention",)]
    if tail:
        found.put("preamble", "\n".join(tail), *region)


def extract_document(document: Document) -> Extraction:
    result = extract_text(document.text, filename=document.filename)
    result.pages = [document.page_of(span.start) for span in result.spans.values()]
    for party in result.key_terms.get("parties") or []:
        # the summary gives the parties' names as the document writes them (« d’Azur »)
        if "'" in party["name"]:
            party["name"] = _as_written(party["name"], document)
    return result


def _as_written(name: str, document: Document) -> str:
    """A name with the apostrophes the source gives it: where it writes both kinds, as
    found there (« Ville d’Arles » beside « Pays d'Arles »); else the source's own."""
    if document.mixed_source:
        pattern = "".join(
            r"[’']" if char == "'" else r"\s+" if char == " " else re.escape(char)
            for char in " ".join(name.split())
        )
        written = re.search(pattern, document.mixed_source)
        if written:
            return " ".join(written.group().split()) if " " in name else written.group()
    return name.replace("'", document.apostrophe)


def extract(data: bytes, filename: str, *, max_bytes: int | None = None) -> Extraction:
    """Read a file's bytes and extract; ``ReadError`` (French) when the file cannot be read."""
    document = (
        read_document(data, filename)
        if max_bytes is None
        else read_document(data, filename, max_bytes=max_bytes)
    )
    return extract_document(document)
