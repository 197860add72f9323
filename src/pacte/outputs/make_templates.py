"""Build the default document templates (``templates/*.docx``) with python-docx.

Run it after changing a template's wording, and commit the .docx files it writes::

    .venv/bin/python -m pacte.outputs.make_templates

The templates are ordinary Word files with docxtpl tags (``{{ party.name }}``, a
paragraph ``{%p for … %}``, a table row ``{%tr for … %}``): an authority copies one to
``$PACTE_VAR_DIR/modeles/<siret>/<name>.docx`` and edits it in Word or LibreOffice.
The context each template receives is described in ``docs/sorties.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

OUT = Path(__file__).parent / "templates"

PARTY = (
    "{{ party.article_name_start }}{% if party.legal_form %}, {{ party.legal_form }}{% endif %}"
    "{% if party.siret %}, SIRET {{ party.siret }}{% endif %}"
    "{% if party.rna %}, RNA {{ party.rna }}{% endif %}"
    "{% if party.address %}, dont le siège est situé {{ party.address }}{% endif %}"
    "{% if party.representative %}, {{ party.represented }} par {{ party.representative }}"
    "{% if party.capacity %}, {{ party.capacity }}{% endif %}{% endif %}"
    "{% if party.mandate %}, {{ party.mandate }}{% endif %}"
    "{% if party.designation %}, ci-après {{ party.designated }} « {{ party.designation }} »{% endif %}"
)


def _new() -> DocumentObject:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(11)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2)
    return document


def _p(
    document: DocumentObject,
    text: str,
    style: str | None = None,
    *,
    bold: bool = False,
    align: str | None = None,
    tight: bool = False,
) -> None:
    paragraph = document.add_paragraph(style=style)
    if tight:  # address lines: no space between them
        paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "justify":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _tag(document: DocumentObject, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag (removed when rendered)."""
    document.add_paragraph(f"{{%p {tag} %}}")


def _table(document: DocumentObject, headers: list[str], loop: str, cells: list[str]) -> None:
    """A table with a header row and one row repeated by ``{%tr for … %}``."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for index, header in enumerate(headers):
        table.rows[0].cells[index].text = header
        for run in table.rows[0].cells[index].paragraphs[0].runs:
            run.bold = True
    table.rows[1].cells[0].text = f"{{%tr for {loop} %}}"
    for index, cell in enumerate(cells):
        table.rows[2].cells[index].text = cell
    table.rows[3].cells[0].text = "{%tr endfor %}"


def _parties(document: DocumentObject) -> None:
    _p(document, "Entre les soussignés :", bold=True)
    _tag(document, "for party in parties")
    _p(document, PARTY + "{% if loop.last %}.{% else %} ;{% endif %}", align="justify")
    _p(document, "{% if not loop.last %}et{% endif %}")
    _tag(document, "endfor")


def _signatures(document: DocumentObject, place_date: str) -> None:
    _p(document, place_date)
    _table(
        document,
        ["Partie", "Qualité", "Signataire"],
        "s in signatures",
        ["{{ s.for_party }}", "{{ s.capacity }}", "{{ s.signatory }}"],
    )


def convention() -> DocumentObject:
    document = _new()
    _p(document, "{{ convention.title }}", "Title")
    _p(
        document,
        "{{ convention.kind|capitalize }} — référence {{ convention.reference }}",
        align="center",
    )
    _parties(document)

    _tag(document, "if convention.preamble")
    document.add_heading("{{ convention.preamble_title }}", level=1)
    _tag(document, "for text in convention.preamble")
    _p(document, "{{ text }}", align="justify")
    _tag(document, "endfor")
    _tag(document, "endif")

    _tag(document, "if convention.objectives")
    document.add_heading("Objectifs", level=1)
    _tag(document, "for objective in convention.objectives")
    _p(document, "{{ objective }}", "List Bullet")
    _tag(document, "endfor")
    _tag(document, "endif")

    _p(document, "Il a été convenu ce qui suit :", bold=True)
    _tag(document, "for article in articles")
    document.add_heading(
        "Article {{ article.number }}{% if article.title %} – {{ article.title }}{% endif %}",
        level=1,
    )
    _tag(document, "for text in article.paragraphs")
    _p(document, "{{ text }}", align="justify")
    _tag(document, "endfor")
    _tag(document, "for section in article.sections")
    document.add_heading(
        "{{ section.number }}{% if section.title %} – {{ section.title }}{% endif %}", level=2
    )
    _tag(document, "for text in section.paragraphs")
    _p(document, "{{ text }}", align="justify")
    _tag(document, "endfor")
    _tag(document, "endfor")
    _tag(document, "endfor")

    _signatures(
        document,
        "Fait{% if convention.signed_at %} à {{ convention.signed_at }}{% endif %}"
        "{% if convention.signed_on %}, le {{ convention.signed_on }}{% endif %}, "
        "en autant d'exemplaires originaux que de parties.",
    )

    document.add_page_break()
    document.add_heading("Annexe – Engagements des parties", level=1)
    _tag(document, "for group in commitments")
    document.add_heading("{{ group.party }}", level=2)
    _tag(document, "for item in group.texts")
    _p(document, "{{ item }}", "List Bullet")
    _tag(document, "endfor")
    _tag(document, "endfor")

    _tag(document, "if financing")
    document.add_heading("Annexe – Financement", level=1)
    _table(
        document,
        ["Subvention", "Année", "Montant", "Calcul"],
        "line in financing",
        ["{{ line.grant }}", "{{ line.year }}", "{{ line.amount }}", "{{ line.how }}"],
    )
    _p(document, "Total : {{ total }}", bold=True)
    document.add_heading("Versements prévus", level=2)
    _table(
        document,
        ["Versement", "Échéance", "Montant"],
        "payment in payments",
        ["{{ payment.title }}", "{{ payment.due }}", "{{ payment.amount }}"],
    )
    _tag(document, "endif")

    document.add_heading("Annexe – Durée, reconduction et dénonciation", level=1)
    _p(document, "{{ duration.text }}", align="justify")
    _p(document, "{{ duration.renewal }}", align="justify")
    _p(document, "{{ duration.notice }}", align="justify")

    _tag(document, "if governance")
    document.add_heading("Annexe – Gouvernance", level=1)
    _tag(document, "for body in governance")
    document.add_heading("{{ body.name }}", level=2)
    _p(document, "{% if body.composition %}Composition : {{ body.composition }}{% endif %}")
    _p(document, "{% if body.cadence %}Réunion : {{ body.cadence }}{% endif %}")
    _p(document, "{% if body.secretariat %}Secrétariat : {{ body.secretariat }}{% endif %}")
    _tag(document, "for member in body.members")
    _p(document, "{{ member }}", "List Bullet")
    _tag(document, "endfor")
    _tag(document, "for mission in body.missions")
    _p(document, "Mission : {{ mission }}", "List Bullet")
    _tag(document, "endfor")
    _tag(document, "endfor")
    _tag(document, "endif")

    _tag(document, "for sheet in action_sheets")
    document.add_page_break()
    document.add_heading("Annexe – Fiche action n° {{ sheet.number }} : {{ sheet.title }}", level=1)
    _tag(document, "for objective in sheet.objectives")
    _p(document, "Objectif : {{ objective }}", "List Bullet")
    _tag(document, "endfor")
    _tag(document, "for text in sheet.description")
    _p(document, "{{ text }}", align="justify")
    _tag(document, "endfor")
    _p(document, "{% if sheet.target_public %}Public visé : {{ sheet.target_public }}{% endif %}")
    _p(document, "{% if sheet.period %}Période : {{ sheet.period }}{% endif %}")
    _p(document, "{% if sheet.location %}Lieu : {{ sheet.location }}{% endif %}")
    _p(document, "{% if sheet.lead %}Pilote : {{ sheet.lead }}{% endif %}")
    _tag(document, "if sheet.budget")
    _table(
        document,
        ["Sens", "Poste", "Montant", "Financeur"],
        "line in sheet.budget",
        ["{{ line.side }}", "{{ line.label }}", "{{ line.amount }}", "{{ line.funder }}"],
    )
    _tag(document, "endif")
    _p(document, "{{ sheet.budget_note }}")
    _tag(document, "endfor")
    return document


def _letter_head(document: DocumentObject, sender: str, recipient: str, place_date: str) -> None:
    _p(document, "{{ " + sender + ".name }}", bold=True, tight=True)
    _tag(document, f"for line in {sender}.address_lines")
    _p(document, "{{ line }}", tight=True)
    _tag(document, "endfor")
    _p(document, "{{ " + sender + ".city_line }}", tight=True)
    _p(document, "", tight=True)
    _p(document, "{{ " + recipient + ".name }}", bold=True, align="right", tight=True)
    _p(
        document,
        "{% if "
        + recipient
        + ".representative %}À l'attention de {{ "
        + recipient
        + ".representative }}{% if "
        + recipient
        + ".representative_title %}, {{ "
        + recipient
        + ".representative_title }}{% endif %}{% endif %}",
        align="right",
        tight=True,
    )
    _tag(document, f"for line in {recipient}.address_lines")
    _p(document, "{{ line }}", align="right", tight=True)
    _tag(document, "endfor")
    _p(document, "{{ " + recipient + ".city_line }}", align="right", tight=True)
    _p(document, "", tight=True)
    _p(document, place_date, align="right")


def termination_letter() -> DocumentObject:
    document = _new()
    _letter_head(
        document,
        "letter.sender",
        "letter.recipient",
        "{% if letter.place %}{{ letter.place }}, {% endif %}le {{ letter.date }}",
    )
    _p(document, "Lettre recommandée avec demande d'avis de réception", bold=True)
    _p(document, "Objet : dénonciation de la convention « {{ convention.title }} »", bold=True)
    _p(document, "Madame, Monsieur,")
    _p(
        document,
        "Par la présente, {{ letter.sender.article_name }} vous informe de sa décision de dénoncer la "
        "convention « {{ convention.title }} »{% if convention.signed_on %}, signée le "
        "{{ convention.signed_on }}{% endif %}, conformément à "
        "{% if letter.article %}son article {{ letter.article }}{% else %}ses stipulations{% endif %}.",
        align="justify",
    )
    _p(
        document,
        "{% if letter.late %}La date limite de réception d'une dénonciation pour le terme de la "
        "période en cours (période n° {{ letter.period_number }}, du {{ letter.period_start }} au "
        "{{ letter.period_end }}) était le {{ letter.current_deadline }} : elle est dépassée, et "
        "la reconduction tacite de la convention pour la période n° {{ letter.ends_number }}, du "
        "{{ letter.ends_start }} au {{ letter.ends_end }}, est acquise. La présente dénonciation "
        "prendra donc effet au terme de cette période, soit le {{ letter.ends_end }} au soir."
        "{% else %}La convention ne sera donc pas reconduite : elle prendra fin au terme de la "
        "période en cours (période n° {{ letter.period_number }}, du {{ letter.period_start }} au "
        "{{ letter.period_end }}), soit le {{ letter.period_end }} au soir.{% endif %}",
        align="justify",
    )
    _p(
        document,
        "Le préavis de {{ letter.notice }} prévu par la convention impose que la présente lettre "
        "vous parvienne au plus tard le {{ letter.deadline }}.",
        align="justify",
    )
    _p(
        document,
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        align="justify",
    )
    _p(document, "{{ letter.sender.for_name }},", align="right")
    _p(
        document,
        "{{ letter.sender.representative }}{% if letter.sender.representative_title %}, "
        "{{ letter.sender.representative_title }}{% endif %}",
        align="right",
    )
    return document


def amendment() -> DocumentObject:
    document = _new()
    _p(document, "Avenant n° {{ amendment.number }}", "Title")
    _p(document, "à la convention « {{ convention.title }} »", align="center")
    _p(
        document,
        "{% if convention.signed_on %}signée le {{ convention.signed_on }}{% endif %}",
        align="center",
    )
    _parties(document)
    _p(document, "Il a été convenu ce qui suit :", bold=True)
    document.add_heading("Article 1 – Objet de l'avenant", level=1)
    _p(
        document,
        "Le présent avenant modifie la convention « {{ convention.title }} »"
        "{% if amendment.articles %} en son article {{ amendment.articles }}{% endif %}.",
        align="justify",
    )
    document.add_heading("Article 2 – Modifications", level=1)
    _tag(document, "for change in amendment.changes")
    _p(document, "{{ change.text }}", align="justify")
    _tag(document, "endfor")
    document.add_heading("Article 3 – Autres stipulations", level=1)
    _p(
        document,
        "Les autres stipulations de la convention demeurent inchangées et continuent de "
        "produire leurs effets.",
        align="justify",
    )
    _signatures(
        document,
        "Fait le {{ amendment.date }}, en autant d'exemplaires originaux que de parties.",
    )
    return document


def payment_request() -> DocumentObject:
    document = _new()
    _letter_head(
        document,
        "request.sender",
        "request.recipient",
        "le {{ request.date }}",
    )
    _p(
        document,
        "Objet : demande de versement — {{ request.payment.kind }} de la subvention {{ request.year }}",
        bold=True,
    )
    _p(document, "Madame, Monsieur,")
    _p(
        document,
        "En application de la convention « {{ convention.title }} »"
        "{% if convention.signed_on %} signée le {{ convention.signed_on }}{% endif %}"
        "{% if request.article %} (article {{ request.article }}){% endif %}, "
        "{{ request.sender.article_name }} sollicite le versement suivant :",
        align="justify",
    )
    _table(
        document,
        ["Versement", "Échéance", "Montant"],
        "p in [request.payment]",
        ["{{ p.title }}", "{{ p.due }}", "{{ p.amount }}"],
    )
    _p(
        document,
        "Montant demandé : {{ request.amount }}{% if request.measure %} ({{ request.measure }} "
        "de la subvention {{ request.year }} de {{ request.year_amount }}){% endif %}.",
        bold=True,
    )
    _tag(document, "if request.documents")
    _p(document, "Pièces jointes :")
    _tag(document, "for label in request.documents")
    _p(document, "{{ label }}", "List Bullet")
    _tag(document, "endfor")
    _tag(document, "endif")
    _p(document, "Un relevé d'identité bancaire est joint à la présente demande.")
    _p(
        document,
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        align="justify",
    )
    _p(document, "{{ request.sender.for_name }},", align="right")
    _p(
        document,
        "{{ request.sender.representative }}{% if request.sender.representative_title %}, "
        "{{ request.sender.representative_title }}{% endif %}",
        align="right",
    )
    return document


BUILDERS = {
    "convention": convention,
    "lettre-denonciation": termination_letter,
    "avenant": amendment,
    "demande-versement": payment_request,
}


def main(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in BUILDERS.items():
        path = out / f"{name}.docx"
        document = build()
        document.core_properties.author = "Pacte"
        document.core_properties.title = name
        document.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for written_path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(written_path)
