"""Readers: every format from a file built in the test, the page map, every refusal,
the normalisation, the two seeds, and a fuzz test (nothing but ReadError escapes)."""

from __future__ import annotations

import hashlib
import io
import pickle
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from pacte.extraction.readers import (
    IMAGES,
    MAX_BYTES_DEFAULT,
    SUPPORTED,
    Document,
    Page,
    ReadError,
    normalise,
    read_document,
)

# --- documents built for the tests ----------------------------------------------------


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one Helvetica (WinAnsi) text line per string, one page per list."""
    objects: list[bytes] = []
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    page_ids = [4 + 2 * index for index in range(len(pages))]
    kids = " ".join(f"{number} 0 R" for number in page_ids).encode()
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages))
    objects.append(font)
    for lines in pages:
        escaped = [
            line.encode("cp1252")
            .replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(")
            .replace(b")", b"\\)")
            for line in lines
        ]
        stream = b"BT /F1 12 Tf 72 760 Td 16 TL " + b"".join(b"(%s) Tj T* " % e for e in escaped)
        stream += b"ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects) + 2)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PDF_PAGES = [
    ["CONVENTION DE PARTENARIAT", "Article 1 : Objet de la convention", "Le déve-"],
    ["loppement de l'économie sociale.", "Article 2 : Durée"],
]


def encrypt(pdf: bytes, *, user_password: str, algorithm: str = "AES-256") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="proprietaire", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "EN-TÊTE À IGNORER"
    document.sections[0].footer.paragraphs[0].text = "PIED DE PAGE À IGNORER"
    document.add_heading("Convention de partenariat", level=1)
    document.add_paragraph("Article 1\u00a0: l’objet de la convention")
    document.add_paragraph("Première action", style="List Number")
    document.add_paragraph("Seconde action", style="List Number")
    document.add_paragraph("Une puce", style="List Bullet")
    document.add_paragraph("")  # empty paragraphs leave no blank run
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Budget prévisionnel"
    table.cell(0, 2).text = "Montant"
    for row, values in ((1, ("Charges", "sur\ndeux lignes", "4\u202f000 €")), (2, ("", "", ""))):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    document.add_paragraph("Fait à Dijon, le 30 mars 2009")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
  xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.3">
 <office:body>
  <office:text>
   <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
   <text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
     <text:p>TEXTE SUPPRIMÉ</text:p></text:deletion></text:changed-region></text:tracked-changes>
   <text:h text:outline-level="1">Article 4 : Durée de la convention</text:h>
   <text:p>La convention est conclue
     pour<text:s text:c="2"/>un<text:tab/>an<text:note><text:note-citation>1</text:note-citation>
     <text:note-body><text:p>NOTE</text:p></text:note-body></text:note>, <text:span>soit
     jusqu’au</text:span> 31<text:s/>décembre<text:line-break/>2014.</text:p>
   <text:list><text:list-item><text:p>- premier engagement</text:p></text:list-item>
     <text:list-item><text:p>- second engagement</text:p></text:list-item></text:list>
   <text:section text:name="S"><text:p>Dans une section</text:p></text:section>
   <table:table table:name="Budget">
    <table:table-column table:number-columns-repeated="3"/>
    <table:table-header-rows><table:table-row>
      <table:table-cell table:number-columns-spanned="2"><text:p>Budget</text:p></table:table-cell>
      <table:covered-table-cell/>
      <table:table-cell><text:p>Montant</text:p></table:table-cell>
    </table:table-row></table:table-header-rows>
    <table:table-row>
      <table:table-cell><text:p>Charges</text:p><text:p>de personnel</text:p></table:table-cell>
      <table:table-cell><text:p>2012</text:p></table:table-cell>
      <table:table-cell><text:p>10 000 €</text:p></table:table-cell>
    </table:table-row>
    <table:table-row table:number-rows-repeated="1000">
      <table:table-cell table:number-columns-repeated="1024"/>
    </table:table-row>
   </table:table>
   <text:p><draw:frame><draw:image/></draw:frame></text:p>
  </office:text>
 </office:body>
</office:document-content>
"""


def make_odt(content: str = ODT_CONTENT) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


# --- formats --------------------------------------------------------------------------


def test_txt_is_normalised_and_described() -> None:
    data = "\ufeffArticle 1er\u00a0: l’objet\r\nLe déve-\r\nloppement\r\n".encode()

    document = read_document(data, "convention.txt")

    assert document.text == "Article 1er : l'objet\nLe développement\n"
    assert document.pages == (Page(number=1, start=0, end=len(document.text)),)
    assert (document.format, document.filename, document.size) == (
        "txt",
        "convention.txt",
        len(data),
    )
    assert document.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Durée : 1 an".encode("cp1252"), "Durée : 1 an"),
        ("Durée : 1 an €".encode("cp1252"), "Durée : 1 an €"),
        ("Durée\r\n".encode("utf-16"), "Durée\n"),
        # cp1252 leaves 0x81 undefined: latin-1 is the last resort, the stray control is dropped
        (b"Dur\xe9e " * 30 + b"\x81", "Durée " * 29 + "Durée"),
    ],
)
def test_txt_encodings(data: bytes, expected: str) -> None:
    assert read_document(data, "a.txt").text == expected


def test_md_keeps_markup_for_later_stages() -> None:
    text = "**Article 1^{er}** : objet\n<ul><li>un</li></ul>\nA\tB\t\n"

    document = read_document(text.encode(), "Convention.MD")

    assert document.text == text
    assert document.format == "md"


def test_docx_paragraphs_lists_and_tables_in_order() -> None:
    document = read_document(make_docx(), "convention.docx")

    assert document.format == "docx"
    assert document.text == (
        "Convention de partenariat\n\n"
        "Article 1 : l'objet de la convention\n\n"
        "1. Première action\n\n"
        "2. Seconde action\n\n"
        "- Une puce\n\n"
        "Budget prévisionnel\t\tMontant\n"
        "Charges\tsur deux lignes\t4 000 €\n\n"
        "Fait à Dijon, le 30 mars 2009"
    )
    assert "IGNORER" not in document.text
    assert len(document.pages) == 1


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def with_parts(docx_bytes: bytes, **parts: str) -> bytes:
    """The same docx with some parts (``word/document.xml``…) replaced."""
    replaced = {f"word/{name}.xml": content.encode() for name, content in parts.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, replaced.get(name, source.read(name)))
    return out.getvalue()


def test_docx_running_text_follows_word_semantics() -> None:
    numbering = f"""<w:numbering {W_NS}>
      <w:abstractNum w:abstractNumId="7">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
          <w:lvlText w:val="Article %1 -"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
          <w:lvlText w:val="%1.%2."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
    </w:numbering>"""

    def numbered(level: int, text: str) -> str:
        return (
            f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>'
            f"</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )

    body = f"""<w:document {W_NS} {MC_NS}><w:body>
      {numbered(0, "Objet")}{numbered(1, "Contexte")}{numbered(1, "Actions")}{numbered(0, "Durée")}
      <w:p><w:r><w:t xml:space="preserve">Montant : </w:t></w:r>
        <w:ins w:id="1"><w:r><w:t>4 000 €</w:t></w:r></w:ins>
        <w:del w:id="2"><w:r><w:delText>3 000 €</w:delText></w:r></w:del>
        <w:r><w:tab/><w:t>versé</w:t><w:br/><w:t>en une fois</w:t></w:r></w:p>
      <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>
        <w:r><w:instrText> DATE </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>30/03/2009</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:fldSimple w:instr="PAGE"><w:r><w:t xml:space="preserve"> (page 1)</w:t></w:r></w:fldSimple></w:p>
      <w:sdt><w:sdtPr><w:alias w:val="Signataire"/></w:sdtPr><w:sdtContent>
        <w:p><w:r><w:t>Le Maire</w:t></w:r></w:p></w:sdtContent></w:sdt>
      <w:p><w:r><w:t>Avant</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">
        <w:drawing/></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>
        <w:t>ZONE DE TEXTE</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
        </mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> après</w:t><w:noBreakHyphen/>
        <w:t>midi</w:t></w:r></w:p>
      <w:sectPr/></w:body></w:document>"""

    document = read_document(with_parts(make_docx(), document=body, numbering=numbering), "w.docx")

    assert document.text == (
        "Article I - Objet\n\n"
        "I.1. Contexte\n\n"
        "I.2. Actions\n\n"
        "Article II - Durée\n\n"
        "Montant : 4 000 €\tversé\nen une fois\n\n"
        "30/03/2009 (page 1)\n\n"
        "Le Maire\n\n"
        "Avant après-midi"
    )


def test_odt_paragraphs_lists_sections_and_tables() -> None:
    document = read_document(make_odt(), "convention.odt")

    assert document.format == "odt"
    assert document.text == (
        "Article 4 : Durée de la convention\n\n"
        "La convention est conclue pour  un\tan, soit jusqu'au 31 décembre\n2014.\n\n"
        "- premier engagement\n\n"
        "- second engagement\n\n"
        "Dans une section\n\n"
        "Budget\t\tMontant\n"
        "Charges de personnel\t2012\t10 000 €"
    )


def test_pdf_pages_are_joined_by_form_feeds() -> None:
    document = read_document(make_pdf(PDF_PAGES), "convention.pdf")

    first, second = document.text.split("\f")
    assert document.format == "pdf"
    assert "Article 1 : Objet de la convention" in first
    assert first.rstrip().endswith("Le déve-")  # no hyphen join across a page break
    assert "Article 2 : Durée" in second
    assert document.pages == (
        Page(number=1, start=0, end=len(first)),
        Page(number=2, start=len(first) + 1, end=len(document.text)),
    )


def test_pdf_hyphenated_line_break_is_joined_within_a_page() -> None:
    document = read_document(make_pdf([["Le déve-", "loppement local"]]), "a.pdf")

    assert "Le développement local" in document.text


def test_pdf_encrypted_with_owner_password_only_is_read() -> None:
    data = encrypt(make_pdf(PDF_PAGES), user_password="")

    assert "Article 2 : Durée" in read_document(data, "protégé.pdf").text


# --- page map -------------------------------------------------------------------------


def test_page_of_maps_offsets_to_pages() -> None:
    document = read_document(make_pdf([["Un"], [], ["Trois"]]), "pages.pdf")
    first, second, third = document.pages

    assert second.start == second.end  # a page without text keeps its number
    assert document.page_of(0) == 1
    assert document.page_of(first.end) == 1  # the form feed ends page 1
    assert document.page_of(second.start) == 2
    assert document.page_of(third.start) == 3
    assert document.page_of(document.text.index("Trois")) == 3
    assert document.page_of(len(document.text)) == 3
    with pytest.raises(ValueError):
        document.page_of(len(document.text) + 1)
    with pytest.raises(ValueError):
        document.page_of(-1)


def test_form_feeds_in_a_text_file_make_pages() -> None:
    document = read_document(b"un\fdeux\n\ftrois", "export.txt")

    assert [document.text[page.start : page.end] for page in document.pages] == [
        "un",
        "deux\n",
        "trois",
    ]


def test_document_is_a_frozen_value() -> None:
    document = read_document(b"texte", "a.txt")

    assert isinstance(document, Document)
    with pytest.raises(AttributeError):
        document.text = "autre"  # type: ignore[misc]


# --- refusals -------------------------------------------------------------------------


def refusal(data: bytes, filename: str, **options: int) -> str:
    with pytest.raises(ReadError) as caught:
        read_document(data, filename, **options)
    return str(caught.value)


def test_refuses_an_empty_file() -> None:
    assert refusal(b"", "vide.pdf") == "vide.pdf : fichier vide"


def test_refuses_a_file_over_the_size_limit() -> None:
    data = b"x" * (MAX_BYTES_DEFAULT + 300 * 1024)

    assert (
        refusal(data, "gros.txt") == "gros.txt : fichier trop volumineux (50,3 Mo, maximum 50 Mo)"
    )
    assert refusal(b"x" * 2048, "petit.txt", max_bytes=1024) == (
        "petit.txt : fichier trop volumineux (2 ko, maximum 1 ko)"
    )


@pytest.mark.parametrize(
    ("filename", "shown"), [("budget.xls", ".xls"), ("README", "sans extension")]
)
def test_refuses_an_unsupported_format(filename: str, shown: str) -> None:
    assert refusal(b"data", filename) == (
        f"{filename} : format non pris en charge ({shown}) ; "
        "formats acceptés : .txt, .md, .docx, .odt, .pdf, .png, .jpg, .jpeg, .tif, .tiff"
    )
    assert [*SUPPORTED] == [".txt", ".md", ".docx", ".odt", ".pdf", *IMAGES]
    assert [*IMAGES] == [".png", ".jpg", ".jpeg", ".tif", ".tiff"]


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (b"not a zip at all", "a.docx", "document Word illisible ou endommagé"),
        (b"PK\x03\x04broken", "a.docx", "document Word illisible ou endommagé"),
        (b"not a zip at all", "a.odt", "document OpenDocument illisible ou endommagé"),
        (b"%PDF-1.4\ngarbage", "a.pdf", "fichier PDF illisible ou endommagé"),
        (b"plain text", "a.pdf", "fichier PDF illisible ou endommagé"),
    ],
)
def test_refuses_a_damaged_document(data: bytes, filename: str, problem: str) -> None:
    assert refusal(data, filename) == f"{filename} : {problem}"


def test_refuses_a_zip_that_is_not_a_word_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "bonjour")

    assert refusal(out.getvalue(), "a.docx") == "a.docx : document Word illisible ou endommagé"
    assert refusal(out.getvalue(), "a.odt").startswith("a.odt : document OpenDocument illisible")


@pytest.mark.parametrize(
    ("make", "filename", "said"),
    [
        (lambda: make_pdf(PDF_PAGES), "convention.docx", "c'est un PDF ; renommez-le en .pdf"),
        (lambda: make_pdf(PDF_PAGES), "convention.txt", "c'est un PDF ; renommez-le en .pdf"),
        (make_docx, "convention.pdf", "c'est un document Word (.docx) ; renommez-le en .docx"),
        (make_docx, "convention.odt", "c'est un document Word (.docx) ; renommez-le en .docx"),
        (
            make_odt,
            "convention.docx",
            "c'est un document OpenDocument texte (.odt) ; renommez-le en .odt",
        ),
        (
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "ancien.docx",
            "c'est un document Office 97-2003 (.doc ou .xls) ; enregistrez-le au format .docx, .odt ou .pdf",
        ),
    ],
)
def test_refuses_content_that_does_not_match_the_extension(
    make: Callable[[], bytes], filename: str, said: str
) -> None:
    extension = filename[filename.rindex(".") :]
    assert refusal(make(), filename) == (
        f"{filename} : le contenu ne correspond pas à l'extension {extension} : {said}"
    )


def test_refuses_binary_content_named_txt() -> None:
    assert "contenu binaire, pas du texte" in refusal(b"abc\x00def", "a.txt")
    assert "contenu binaire, pas du texte" in refusal(bytes(range(1, 32)) * 10, "a.md")


def test_refuses_a_pdf_without_text_layer_or_page_image() -> None:
    # a scanned PDF (page images) is read by OCR: see test_ocr.py
    assert refusal(make_pdf([[], []]), "vide.pdf") == (
        "vide.pdf : aucun texte : le PDF ne contient ni couche texte ni image de page à reconnaître"
    )


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_refuses_a_pdf_encrypted_with_a_user_password(algorithm: str) -> None:
    data = encrypt(make_pdf(PDF_PAGES), user_password="secret", algorithm=algorithm)

    assert refusal(data, "secret.pdf") == (
        "secret.pdf : PDF chiffré, impossible à lire sans mot de passe"
    )


def test_refuses_documents_without_text() -> None:
    assert refusal(b" \r\n\t\n", "blanc.txt") == "blanc.txt : aucun texte dans le document"
    empty = make_odt(
        ODT_CONTENT.replace("Article 4", "").split("<text:h")[0]
        + "</office:text></office:body></office:document-content>"
    )
    assert refusal(empty, "vide.odt") == "vide.odt : aucun texte dans le document"


def test_refuses_an_odt_with_a_dtd() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'

    assert (
        refusal(make_odt(bomb), "bombe.odt")
        == "bombe.odt : document OpenDocument illisible ou endommagé"
    )


def test_refuses_a_zip_bomb() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", ODT_CONTENT)
    data = bytearray(out.getvalue())
    # Declare 300 Mo for content.xml in the central directory, as a zip bomb would.
    entry = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 1)
    data[entry + 24 : entry + 28] = (300 * 1024 * 1024).to_bytes(4, "little")

    assert refusal(bytes(data), "bombe.odt") == (
        "bombe.odt : document OpenDocument illisible ou endommagé "
        "(contenu décompressé anormalement volumineux)"
    )


def test_read_error_is_a_value_error_that_survives_pickling() -> None:
    error = ReadError("a.pdf", "fichier vide")

    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.filename, copy.problem) == (
        "a.pdf : fichier vide",
        "a.pdf",
        "fichier vide",
    )


# --- normalisation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1\u00a0000\u00a0€", "1 000 €"),
        ("Article 1\u202f: objet", "Article 1 : objet"),
        ("Durée\u2009: 3 ans", "Durée : 3 ans"),
        ("e\u0301conomie", "économie"),  # NFC
        ("un\r\ndeux\rtrois", "un\ndeux\ntrois"),
        ("l’économie", "l'économie"),
        ("dé\u00advelop\u00adpement", "développement"),
        ("le déve-\nloppement", "le développement"),
        ("le déve-  \nloppement", "le développement"),
        ("Saint-\nÉtienne", "Saint-\nÉtienne"),  # uppercase after: a real compound
        ("c'est-à-\ndire", "c'est-à-\ndire"),
        ("vice-\nprésident", "vice-\nprésident"),
        ("celle-\nci", "celle-\nci"),
        ("2012-\n2014", "2012-\n2014"),
        ("ligne  \nsuivante \t\n", "ligne\nsuivante \t\n"),
        ("A\tB\t\n", "A\tB\t\n"),
        ("page 1\fpage 2", "page 1\fpage 2"),
        ("**gras** <ul><li>x</li></ul> 1^{er}", "**gras** <ul><li>x</li></ul> 1^{er}"),
        ("a\x00b\x1bc\u200bd", "abcd"),
        # capitals spaced out or cut by OCR: joined; a name is never glued to the next word
        ("P R É S E N T S : M. D U P O N T", "PRÉSENTS : M. DUPONT"),
        ("M E M B R E S A B S E N T S :", "MEMBRES ABSENTS :"),
        # the civility « M » without its dot before a spaced surname and its given name
        ("M J A R S A U D Paul ; M A I R E de Belval", "M JARSAUD Paul ; MAIRE de Belval"),
        (
            "CONVE NTION ; PRÉSE NTS ; CONSEIL COMM UNAUTAIRE",
            "CONVENTION ; PRÉSENTS ; CONSEIL COMMUNAUTAIRE",
        ),
        (
            "M. LE FUR ; Mme DA SILVA ; X X X X ; S T A L L A À Léa",
            "M. LE FUR ; Mme DA SILVA ; X X X X ; STALLA À Léa",
        ),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert normalise(expected) == expected


# --- seeds ----------------------------------------------------------------------------


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("000_79e629759667edb2.txt", "Article VI - Durée de la convention"),
        ("002_f17edaa4ee8fdfa6.txt", "Article 4 : Durée de la convention"),
    ],
)
def test_seeds_are_read(shared_seeds: Path, name: str, heading: str) -> None:
    data = (shared_seeds / name).read_bytes()

    document = read_document(data, name)

    assert heading in document.text
    assert document.text == data.decode()  # the seeds are already normal
    assert document.page_of(document.text.index(heading)) == 1


@pytest.mark.seeds
def test_reading_a_20_kb_text_takes_well_under_5_ms(shared_seeds: Path) -> None:
    data = (shared_seeds / "000_79e629759667edb2.txt").read_bytes()
    assert len(data) > 20_000

    timings = []
    for _ in range(20):
        start = time.perf_counter()
        read_document(data, "dijon.txt")
        timings.append(time.perf_counter() - start)

    assert min(timings) < 0.005


# --- fuzz -----------------------------------------------------------------------------

# Images are read by OCR (seconds a page): their fuzzing stops at the header checks here.
TEXT_FORMATS = tuple(extension for extension in SUPPORTED if extension not in IMAGES)
VALID = {
    ".txt": "Article 1\u00a0: l’objet\r\nLe déve-\r\nloppement\n".encode(),
    ".md": b"**Article 1** : objet\n",
    ".docx": make_docx(),
    ".odt": make_odt(),
    ".pdf": make_pdf(PDF_PAGES),
}


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    extension = draw(st.sampled_from(TEXT_FORMATS))
    source = draw(st.sampled_from(sorted(VALID)))
    data = bytearray(VALID[source])
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.booleans()):
        position = draw(st.integers(0, len(data)))
        data[position:position] = draw(st.binary(max_size=64))
    return bytes(data), f"fuzz{extension}"


@st.composite
def mutated_inside(draw: st.DrawFn) -> tuple[bytes, str]:
    """A docx or odt whose archive is sound but one member (XML mostly) is mutated."""
    extension = draw(st.sampled_from([".docx", ".odt"]))
    with zipfile.ZipFile(io.BytesIO(VALID[extension])) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = draw(st.sampled_from(sorted(members)))
    data = bytearray(members[name])
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        data[position : position + 1] = draw(
            st.sampled_from([b"<", b">", b"/", b"&", b"\xff", b"", b"w:"])
        )
    members[name] = bytes(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue(), f"fuzz{extension}"


def assert_reads_or_refuses(data: bytes, filename: str) -> None:
    try:
        document = read_document(data, filename, max_bytes=1_000_000)
    except ReadError as error:
        assert str(error).startswith(f"{filename} : ")
    else:
        assert document.pages[0].start == 0 and document.pages[-1].end == len(document.text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048), st.sampled_from(SUPPORTED))  # images too: refused unread
def test_random_bytes_only_raise_read_error(data: bytes, extension: str) -> None:
    assert_reads_or_refuses(data, f"fuzz{extension}")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents_only_raise_read_error(case: tuple[bytes, str]) -> None:
    assert_reads_or_refuses(*case)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_inside())
def test_documents_with_a_mutated_member_only_raise_read_error(case: tuple[bytes, str]) -> None:
    assert_reads_or_refuses(*case)


@pytest.mark.parametrize("extension", TEXT_FORMATS)
def test_valid_fuzz_sources_are_read(extension: str) -> None:
    assert read_document(VALID[extension], f"a{extension}").text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # an ASCII-art table: borders become blank lines, « label : value », continued cells
        (
            "+------+-----+\n| Présents | 17 |\n| Excusés | M. A, |\n|  | M. B |\n+------+-----+\nSuite",
            "Présents : 17\nExcusés : M. A,\nM. B\n\nSuite",
        ),
        ("Vote\n+---+---+\n| Pour : | 16 |\n+---+---+\n", "Vote\n\nPour : 16\n\n"),
        # a markdown table: cells tab-separated, as in a Word table; empty first cell kept
        (
            "A | B | C\n--- | --- | ---\n1 | 2 | 3\n  |  | 9\nFin",
            "A\tB\tC\n\n1\t2\t3\n\t\t9\nFin",
        ),
        ("| A | B | C |\n|---|:-:|---|\n| 1 |  | 3 |\n", "A\tB\tC\n\n1\t\t3\n"),
        # no border, no rule: pipes and dashes are text
        ("| Présents | 17 |\nx | y\n-----\n", "| Présents | 17 |\nx | y\n-----\n"),
        ("Budget 2025 - 2026 | total\n", "Budget 2025 - 2026 | total\n"),
    ],
)
def test_normalise_turns_table_art_into_text(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert normalise(expected) == expected
