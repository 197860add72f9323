"""The « Extrait du registre des délibérations » of one act, as DOCX (and PDF), from the data.

Usual layout: header (authority, title, body and session date), attendance with the
quorum, act number and object, rapporteur and committees, report, numbered decisions,
vote, « Pour extrait conforme » and the publication and préfecture mentions.

Example: ``extract_docx(act, authority=authority, target=Path("extrait.docx"))``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from pacte import office, terms
from pacte.rules.deliberations import session_summary
from pacte.terms import format_amount_fr, format_date_fr

PDF_UNAVAILABLE = "PDF indisponible : LibreOffice n'est pas installé ; le DOCX est disponible"


class ExtractError(Exception):
    """The extract cannot be produced in the format asked (French message)."""


def _names(people: list[terms.Person]) -> str:
    return " - ".join(p.full_name for p in people) or "néant"


def _excused(session: terms.Session) -> str:
    parts = [
        e.person.full_name + (f" (pouvoir à {e.proxy_to.full_name})" if e.proxy_to else "")
        for e in session.excused
    ]
    return " - ".join(parts) or "néant"


def extract_docx(
    act: terms.Deliberation,
    *,
    target: Path,
    authority: terms.Organisation | None = None,
) -> Path:
    """Write the extract of ``act`` at ``target`` (DOCX); returns ``target``."""
    session = act.session
    kind = authority.kind if authority else None
    summary = session_summary(session, act, kind=kind)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Marianne, Arial"
    style.font.size = Pt(10.5)

    def centred(text: str, *, bold: bool = False, size: float | None = None) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)

    def labelled(label: str, text: str) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label} : ").bold = True
        paragraph.add_run(text)

    if authority is not None:
        centred(authority.name.upper(), bold=True, size=12)
    centred("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", bold=True, size=14)
    centred(session.body, bold=True)
    when = f"Séance du {format_date_fr(session.date)}"
    if session.kind:
        when += f" ({session.kind})"
    centred(when + (f" — {session.place}" if session.place else ""))

    if session.president:
        labelled("Président de séance", session.president.full_name)
    if session.secretary:
        labelled("Secrétaire de séance", session.secretary.full_name)
    figures = [
        f"en exercice : {summary.quorum.in_office}" if summary.quorum.in_office else None,
        f"présents : {summary.present}",
        f"votants : {summary.voters}",
    ]
    labelled("Membres", ", ".join(f for f in figures if f))
    labelled("Membres présents", _names(session.present))
    labelled("Membres excusés", _excused(session))
    labelled("Membres absents", _names(session.absent))
    document.add_paragraph(summary.quorum.text[0].upper() + summary.quorum.text[1:] + ".")

    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(12)
    if act.number:
        heading.add_run(f"Délibération n° {act.number}\n").bold = True
    heading.add_run("OBJET : ").bold = True
    heading.add_run(" ".join(act.object.split())).bold = True
    if act.acts_subject_code:
        labelled("Matière (@ctes)", act.acts_subject_code)

    if act.rapporteur:
        committees = ", ".join(act.committees)
        on_behalf = f", au nom de : {committees}," if committees else ""
        document.add_paragraph(f"{act.rapporteur.full_name}{on_behalf} expose :")
    for block in (act.report or "").split("\n"):
        if block.strip():
            document.add_paragraph(block.strip())

    if act.decisions:
        decides = document.add_paragraph()
        decides.add_run("Le conseil, après en avoir délibéré, décide :").bold = True
        for decision in act.decisions:
            amount = f" ({format_amount_fr(decision.amount)})" if decision.amount else ""
            document.add_paragraph(f"{decision.number} - {decision.text}{amount}")

    if summary.tally is not None:
        labelled("Vote", summary.tally.text)
        if act.vote is not None and act.vote.text:
            centred(act.vote.text, bold=True)

    closing = document.add_paragraph()
    closing.paragraph_format.space_before = Pt(12)
    closing.add_run("Pour extrait conforme").bold = True
    if act.certified_by:
        closing.add_run(f"\n{act.certified_by}")

    mentions = []
    if act.published_on:
        mentions.append(f"Publié le {format_date_fr(act.published_on)}")
    if act.transmitted_on:
        where = f" ({act.prefecture})" if act.prefecture else ""
        mentions.append(f"Transmis en préfecture{where} le {format_date_fr(act.transmitted_on)}")
    if act.acknowledgement_id:
        mentions.append(f"Accusé de réception n° {act.acknowledgement_id}")
    if summary.executory_on:
        mentions.append(f"Acte exécutoire le {format_date_fr(summary.executory_on)}")
    else:
        mentions.append("Acte non encore exécutoire (publication et transmission requises)")
    for mention in mentions:
        paragraph = document.add_paragraph(mention)
        paragraph.runs[0].font.size = Pt(9)

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def extract_pdf(docx: Path, outdir: Path | None = None) -> Path:
    """Convert the DOCX extract to PDF; ``ExtractError`` says in French why it cannot."""
    if office.soffice() is None:
        raise ExtractError(PDF_UNAVAILABLE)
    try:
        return office.docx_to_pdf(Path(docx), outdir)
    except office.OfficeError as error:
        raise ExtractError(str(error)) from None
