"""Generated documents: DOCX parsed back (every party, amount and date), PDF when
LibreOffice is installed, templates overridable per authority."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from factories import SignatureFactory, TermsFactory
from pacte.cli import main
from pacte.outputs import documents
from pacte.outputs.documents import OutputError, docx_to_pdf, generate, termination_context
from pacte.outputs.kinds import KINDS
from pacte.outputs.make_templates import main as make_templates
from pacte.outputs.payments import events_from_terms, grant_payments
from pacte.rules.money import year_amounts
from pacte.terms import Convention, format_amount_fr, format_date_fr

ON = date(2026, 9, 1)


def docx_text(path: Path) -> str:
    """All the text of a DOCX: paragraphs and table cells."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("fragment", ["ville", "departement", "agglo"])
def test_convention_states_every_party_amount_and_date(
    fragment: str, sample: Callable[[str], Convention], tmp_path: Path
) -> None:
    terms = sample(fragment)
    path = generate("convention", terms, tmp_path / "c.docx", on=ON).path
    text = docx_text(path)
    assert "{{" not in text and "{%" not in text
    for party in terms.parties:
        assert party.organisation.name in text
        if party.organisation.siret:
            assert party.organisation.siret in text
        if party.representative:
            assert party.representative.full_name in text
    for article in terms.articles:
        assert f"Article {article.number}" in text
    for commitment in terms.commitments:
        assert " ".join(commitment.text.split()) in text
    for grant in terms.grants:
        for amount in year_amounts(
            grant, terms.term.start if terms.term else terms.signed_on, None
        ):
            assert format_amount_fr(amount.amount) in text
    for payment in grant_payments(terms, events_from_terms(terms)):
        assert format_amount_fr(payment.amount) in text
        if payment.due:
            assert format_date_fr(payment.due) in text
    assert terms.signed_on and format_date_fr(terms.signed_on) in text
    for body in terms.governing_bodies:
        assert body.name in text
    for sheet in terms.action_sheets:
        assert f"Fiche action n° {sheet.number} : {sheet.title}" in text
        for line in sheet.budget.lines if sheet.budget else []:
            assert format_amount_fr(line.amount) in text


def test_termination_letter_carries_the_notice_deadline(
    sample: Callable[[str], Convention], tmp_path: Path
) -> None:
    terms = sample("ville")  # signed 2 March 2026, one year, tacit, three months' notice
    text = docx_text(generate("denonciation", terms, tmp_path / "l.docx", on=ON).path)
    assert "Lettre recommandée avec demande d'avis de réception" in text
    assert "vous parvienne au plus tard le 1er décembre 2026" in text
    assert "le 1er mars 2027 au soir" in text
    assert "le 1er septembre 2026" in text
    assert "Maison des Initiatives Solidaires du Blavet" in text
    # once the deadline has passed, the letter names the real current period, says the
    # deadline for its end has passed and the renewal is acquired, and ends the next one
    late_path = generate("denonciation", terms, tmp_path / "late.docx", on=date(2026, 12, 2)).path
    late_text = docx_text(late_path)
    late = termination_context(terms, on=date(2026, 12, 2))["letter"]
    assert (late["period_number"], late["period_end"]) == (1, "1er mars 2027")
    assert late["late"] and late["current_deadline"] == "1er décembre 2026"
    assert (late["ends_number"], late["ends_end"]) == (2, "1er mars 2028")
    assert late["deadline"] == "1er décembre 2027"
    assert "période en cours (période n° 1, du 2 mars 2026 au 1er mars 2027)" in late_text
    assert "était le 1er décembre 2026 : elle est dépassée" in late_text
    assert "reconduction tacite de la convention pour la période n° 2" in late_text
    assert "soit le 1er mars 2028 au soir" in late_text
    assert "vous parvienne au plus tard le 1er décembre 2027" in late_text
    # a notice given by the association
    by = termination_context(terms, on=ON, by="misb")["letter"]
    assert by["sender"]["name"] == "Maison des Initiatives Solidaires du Blavet"


def test_termination_refusals(sample: Callable[[str], Convention]) -> None:
    terms = sample("ville")
    with pytest.raises(OutputError, match="n'est pas signée"):
        termination_context(TermsFactory(sample=terms, unsigned=True), on=ON)
    with pytest.raises(OutputError, match="ne fixe pas de préavis"):
        termination_context(TermsFactory(sample=terms, termination=None), on=ON)
    with pytest.raises(OutputError, match="aucune période à dénoncer"):
        termination_context(terms, on=date(2029, 1, 1))
    with pytest.raises(OutputError, match="partie inconnue « x »"):
        termination_context(terms, on=ON, by="x")


def test_amendment_changes_an_amount_and_a_date(
    sample: Callable[[str], Convention], tmp_path: Path
) -> None:
    terms = sample("departement")
    path = generate(
        "avenant",
        terms,
        tmp_path / "a.docx",
        on=ON,
        amount=Decimal("26000"),
        year=2026,
        end=date(2028, 6, 30),
        number=2,
    ).path
    text = docx_text(path)
    assert "Avenant n° 2" in text
    assert "est porté de 24 000,00 € à 26 000,00 €" in text
    assert "est portée du 31 décembre 2027 au 30 juin 2028" in text
    assert "Fait le 1er septembre 2026" in text
    for party in terms.parties:
        assert party.organisation.name in text
    with pytest.raises(OutputError, match="préciser --year"):
        generate("avenant", terms, tmp_path / "b.docx", on=ON, amount=Decimal(1))
    with pytest.raises(OutputError, match="change un montant"):
        generate("avenant", terms, tmp_path / "b.docx", on=ON)


def test_payment_request(sample: Callable[[str], Convention], tmp_path: Path) -> None:
    terms = sample("ville")
    text = docx_text(
        generate("versement", terms, tmp_path / "v.docx", on=ON, year=2026, instalment=2).path
    )
    assert "Montant demandé : 3 750,00 € (30 % de la subvention 2026 de 12 500,00 €)" in text
    assert "procès-verbal du comité de pilotage approuvant le bilan d'activité" in text
    # its date is not known yet: written as its trigger, never as another payment's wording
    assert "sur présentation de" in text
    assert "1er mars 2027" not in text
    assert text.index("Maison des Initiatives Solidaires du Blavet") < text.index(
        "Ville de Saint-Gwenaël-sur-Blavet"
    )
    with pytest.raises(OutputError, match="versement n° 3 inconnu"):
        generate("versement", terms, tmp_path / "w.docx", on=ON, instalment=3)


def test_authority_template_takes_precedence(
    sample: Callable[[str], Convention], tmp_path: Path
) -> None:
    terms = sample("ville")
    siret = terms.parties[0].organisation.siret
    own = tmp_path / "modeles" / str(siret)
    own.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("Modèle maison : {{ convention.title }} — {{ total }}")
    document.save(str(own / "convention.docx"))
    rendered = generate("convention", terms, tmp_path / "c.docx", on=ON, var_dir=tmp_path)
    assert rendered.template == own / "convention.docx"
    assert docx_text(rendered.path) == f"Modèle maison : {terms.title} — 12 500,00 €"
    other = generate("convention", sample("agglo"), tmp_path / "d.docx", on=ON, var_dir=tmp_path)
    assert other.template == documents.TEMPLATES / "convention.docx"


def test_committed_templates_are_those_the_script_builds(tmp_path: Path) -> None:
    for built in make_templates(tmp_path):
        committed = documents.TEMPLATES / built.name
        assert docx_text(built) == docx_text(committed), f"relancer make_templates : {built.name}"
    assert {f"{name}.docx" for name in KINDS.values()} == {p.name for p in tmp_path.iterdir()}


def test_pdf_refused_clearly_without_libreoffice(
    monkeypatch: pytest.MonkeyPatch, sample: Callable[[str], Convention], tmp_path: Path
) -> None:
    monkeypatch.setattr(documents.shutil, "which", lambda name: None)
    with pytest.raises(OutputError, match="LibreOffice n'est pas installé"):
        docx_to_pdf(tmp_path / "x.docx")
    with pytest.raises(OutputError, match="LibreOffice n'est pas installé"):
        generate("convention", sample("ville"), tmp_path / "c.pdf", on=ON, pdf=True)


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) absent : PDF non testé"
)
def test_pdf_through_libreoffice(sample: Callable[[str], Convention], tmp_path: Path) -> None:
    from pypdf import PdfReader

    terms = sample("ville")
    pdf = generate("denonciation", terms, tmp_path / "lettre.pdf", on=ON, pdf=True).path
    assert pdf.read_bytes().startswith(b"%PDF")
    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "1er décembre 2026" in " ".join(text.split())
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(tmp_path / "page"),
            ],
            check=True,
        )
        assert list(tmp_path.glob("page*.png"))


@pytest.mark.django_db
def test_document_command(
    stored_samples: list[Convention], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "avenant.docx"
    reference = stored_samples[2].reference
    assert (
        main(
            [
                "document",
                "avenant",
                reference,
                "--amount",
                "13 000,00",
                "--on",
                "2026-09-01",
                "-o",
                str(target),
            ]
        )
        == 0
    )
    assert f"Document écrit (avenant) : {target}" in capsys.readouterr().out
    assert "est porté de 12 500,00 € à 13 000,00 €" in docx_text(target)
    assert main(["document", "avenant", reference, "-o", str(target)]) == 1
    assert "un avenant change un montant" in capsys.readouterr().err
    assert main(["document", "convention", "inconnue"]) == 1
    assert "aucune convention de référence" in capsys.readouterr().err


@pytest.mark.django_db
def test_documents_and_schedule_use_the_recorded_events(
    stored_samples: list[Convention], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pacte.conventions.models import Convention as StoredConvention

    terms = stored_samples[2]
    stored = StoredConvention.objects.get(reference=terms.reference)
    # both parties actually signed a month later than the date the convention states
    for party in ("ville", "misb"):
        SignatureFactory(convention=stored, party=party, signed_on=date(2026, 4, 2))
    target = tmp_path / "lettre.docx"
    assert (
        main(["document", "denonciation", terms.reference, "--on", "2026-09-01", "-o", str(target)])
        == 0
    )
    # period from 2 April 2026 to 1 April 2027: notice received by 1 January 2027
    assert "vous parvienne au plus tard le 1er janvier 2027" in docx_text(target)
    capsys.readouterr()
    assert main(["export", "echeancier", "--year", "2026"]) == 0
    assert ";02/04/2026;;8750,00;" in capsys.readouterr().out


def test_party_names_take_their_article_and_agreement(
    bas_rhin: Convention, dijon: Convention, tmp_path: Path
) -> None:
    """« Le Département du Bas-Rhin, représenté par… », « Pour la Ville de Dijon », never
    « représenté(e) » nor a bare « Pour Ville de … »."""
    generate("convention", bas_rhin, tmp_path / "c.docx", on=ON)
    text = docx_text(tmp_path / "c.docx")
    assert "Le Département du Bas-Rhin, représenté par" in text
    assert "La Chambre Régionale de l'Économie Sociale d'Alsace, représentée par" in text
    assert "Pour le Département du Bas-Rhin" in text
    assert "Pour la Chambre Régionale" in text
    assert "(e)" not in text
    generate("convention", dijon, tmp_path / "d.docx", on=ON)
    text = docx_text(tmp_path / "d.docx")
    assert "La Ville de Dijon, dont le siège" in text and "Pour la Ville de Dijon" in text
    assert "ci-après désignée" in text and "(e)" not in text
    assert not re.search(r"Pour (Ville|Département|Chambre)", text)
    generate("versement", bas_rhin, tmp_path / "v.docx", on=date(2013, 1, 10))
    text = docx_text(tmp_path / "v.docx")
    assert "la Chambre Régionale de l'Économie Sociale d'Alsace sollicite" in text
    assert "Pour la Chambre Régionale de l'Économie Sociale d'Alsace," in text


def test_an_unsigned_convention_writes_each_payment_as_its_own_trigger(
    sample: Callable[[str], Convention], tmp_path: Path
) -> None:
    """70 % at signature and 30 % on documents: an unsigned convention says exactly that,
    never another payment's wording nor a date not known yet."""
    terms = TermsFactory(sample="ville", unsigned=True)
    path = generate("convention", terms, tmp_path / "u.docx", on=ON).path
    text = docx_text(path)
    rows = [
        " | ".join(cell.text for cell in row.cells)
        for table in docx.Document(str(path)).tables
        for row in table.rows
    ]
    advance = next(row for row in rows if "(70 %)" in row)
    balance = next(row for row in rows if "(30 %)" in row)
    assert "à la signature" in advance and "présentation" not in advance
    assert "sur présentation de" in balance and "signature" not in balance
    assert "31 décembre" not in balance and "à réception des pièces" not in text
