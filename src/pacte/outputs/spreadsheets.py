"""The register, the payment schedule and the obligations as spreadsheets (XLSX, ODS, CSV).

Headers are French; cells are typed: dates are dates, amounts numbers shown in euros.
The functions take rows (lists of Python values) and column descriptions, so the web
can offer the same files for download:

>>> import io
>>> out = io.StringIO()
>>> write_csv([["Ville", date(2026, 3, 2), Decimal("4000")]],
...           [Column("Nom"), Column("Signée le", DATE), Column("Montant", AMOUNT)], out)
1
>>> out.getvalue().splitlines()
['\\ufeffNom;Signée le;Montant', 'Ville;02/03/2026;4000,00']
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from pacte.outputs.payments import events_from_terms, grant_payments
from pacte.rules.events import Events
from pacte.rules.obligations import obligations
from pacte.terms import Convention, PartyRole, format_amount_fr

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from pacte.conventions.models import Convention as StoredConvention

TEXT = "text"
DATE = "date"
AMOUNT = "amount"
INTEGER = "integer"

EURO_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class Column:
    """A column: its French header, the kind of its cells and its width in characters."""

    header: str
    kind: str = TEXT
    width: int = 0


Row = Sequence[Any]


# -- the register --------------------------------------------------------------------------

REGISTER_COLUMNS = (
    Column("Référence", width=28),
    Column("Intitulé", width=60),
    Column("Collectivité", width=32),
    Column("SIRET de la collectivité", width=16),
    Column("Bénéficiaire", width=32),
    Column("SIRET du bénéficiaire", width=16),
    Column("RNA du bénéficiaire", width=12),
    Column("Signée le", DATE, 12),
    Column("Début", DATE, 12),
    Column("Fin", DATE, 12),
    Column("Reconduction", width=14),
    Column("Montant des subventions", AMOUNT, 16),
)


def register_rows(queryset: QuerySet[StoredConvention]) -> Iterator[list[Any]]:
    """One row per convention (``REGISTER_COLUMNS``), read 500 at a time.

    Expects the prefetches of ``convention_list()`` (parties with their organisations)
    and the conventions' stored figures (``followup.StoredFigures``, refreshed by
    ``calendars_ensure``): the start, the end and the grants' total are those the rules
    compute (``rules.facts``), avenants applied, as the Registre shows them.
    """
    from pacte.conventions.enums import RenewalKind

    labels = dict(RenewalKind.choices)
    for convention in queryset.select_related("stored_figures").iterator(chunk_size=500):
        parties = list(convention.parties.all())
        authority = next((p for p in parties if p.role == PartyRole.PUBLIC_AUTHORITY), None)
        beneficiary = next((p for p in parties if p.role == PartyRole.BENEFICIARY), None)
        figures = getattr(convention, "stored_figures", None)
        start = figures.start if figures else convention.term_start
        end = figures.end if figures else convention.term_end
        amount = figures.amount if figures else None
        yield [
            convention.reference,
            convention.title,
            authority.organisation.name if authority else "",
            authority.organisation.siret if authority else "",
            beneficiary.organisation.name if beneficiary else "",
            beneficiary.organisation.siret if beneficiary else "",
            beneficiary.organisation.rna if beneficiary else "",
            convention.signed_on,
            start,
            end,
            labels.get(convention.renewal_kind, ""),
            amount,
        ]


# -- payment schedule and obligations ------------------------------------------------------

SCHEDULE_COLUMNS = (
    Column("Référence", width=28),
    Column("Subvention", width=18),
    Column("Année", INTEGER, 8),
    Column("Versement", width=40),
    Column("Échéance", DATE, 12),
    Column("En attente de", width=40),
    Column("Montant", AMOUNT, 14),
    Column("Financeur", width=32),
    Column("Bénéficiaire", width=32),
    Column("Pourquoi", width=80),
)


def _name(terms: Convention, key: str | None, role: PartyRole) -> str:
    if key:
        try:
            return terms.party(key).name
        except KeyError:
            return key
    found = terms.parties_with_role(role)
    return found[0].name if found else ""


def _with_events(
    items: Iterable[Convention | tuple[Convention, Events]],
) -> Iterator[tuple[Convention, Events]]:
    for item in items:
        yield item if isinstance(item, tuple) else (item, events_from_terms(item))


def schedule_rows(
    conventions: Iterable[Convention | tuple[Convention, Events]], *, year: int | None = None
) -> Iterator[list[Any]]:
    """The payments of each convention's grants (``SCHEDULE_COLUMNS``), from the rules.

    Each item is the terms, or the terms with what the follow-up recorded (``Events``).
    """
    for terms, events in _with_events(conventions):
        grants = {g.key: g for g in terms.grants}
        for payment in grant_payments(terms, events):
            if year is not None and payment.year != year:
                continue
            grant = grants[payment.grant]
            yield [
                terms.reference,
                payment.grant,
                payment.year,
                payment.title,
                payment.due,
                payment.waiting_for or "",
                payment.amount,
                _name(terms, grant.grantor, PartyRole.PUBLIC_AUTHORITY),
                _name(terms, grant.beneficiary, PartyRole.BENEFICIARY),
                payment.reason,
            ]


OBLIGATION_COLUMNS = (
    Column("Référence", width=28),
    Column("Obligation", width=60),
    Column("Nature", width=24),
    Column("Échéance", DATE, 12),
    Column("Agir avant le", DATE, 12),
    Column("État", width=14),
    Column("En attente de", width=40),
    Column("Montant", AMOUNT, 14),
    Column("Partie", width=32),
    Column("Pourquoi", width=80),
)


def obligation_rows(
    conventions: Iterable[Convention | tuple[Convention, Events]],
    *,
    on: date,
    until: date,
    since: date | None = None,
) -> Iterator[list[Any]]:
    """The obligations calendar of each convention (``OBLIGATION_COLUMNS``) evaluated ``on``."""
    for terms, events in _with_events(conventions):
        for item in obligations(terms, events, on=on, until=until, since=since):
            yield [
                terms.reference,
                item.title,
                item.kind.label,
                item.due,
                item.act_by,
                item.status_label,
                item.waiting_for or "",
                item.amount,
                item.party or "",
                str(item.reason),
            ]


# -- writers -------------------------------------------------------------------------------


def _header(column: Column | str) -> Column:
    return column if isinstance(column, Column) else Column(column)


def write_xlsx(
    rows: Iterable[Row], headers: Sequence[Column | str], target: str | Path | IO[bytes]
) -> int:
    """Write an XLSX sheet (streamed: constant memory); returns the number of rows.

    Dates are date cells shown JJ/MM/AAAA, amounts numbers shown ``4 000,00 €``.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = [_header(h) for h in headers]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Pacte")
    for index, column in enumerate(columns, start=1):
        width = column.width or max(12, len(column.header) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            cell = WriteOnlyCell(sheet, value=value)
            if column.kind == DATE and value is not None:
                cell.number_format = DATE_FORMAT
            elif column.kind == AMOUNT and value is not None:
                cell.number_format = EURO_FORMAT
            cells.append(cell)
        sheet.append(cells)
        count += 1
    book.save(target)
    return count


_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'office:version="1.2"'
)
_ODS_STYLES = (
    '<office:automatic-styles><number:date-style style:name="N-date">'
    '<number:day number:style="long"/><number:text>/</number:text>'
    '<number:month number:style="long"/><number:text>/</number:text>'
    '<number:year number:style="long"/></number:date-style>'
    '<number:currency-style style:name="N-euro"><number:number number:decimal-places="2" '
    'number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>'
    '<number:text> </number:text><number:currency-symbol number:language="fr" '
    'number:country="FR">€</number:currency-symbol></number:currency-style>'
    '<style:style style:name="date" style:family="table-cell" style:data-style-name="N-date"/>'
    '<style:style style:name="euro" style:family="table-cell" style:data-style-name="N-euro"/>'
    '<style:style style:name="head" style:family="table-cell">'
    '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_XML_FORBIDDEN = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _ods_cell(value: Any, kind: str, style: str = "") -> str:
    from xml.sax.saxutils import escape, quoteattr

    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, date):
        return (
            f'<table:table-cell table:style-name="date" office:value-type="date" '
            f'office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y}</text:p>'
            "</table:table-cell>"
        )
    if kind == AMOUNT or isinstance(value, Decimal):
        number = f"{Decimal(value):.2f}"
        return (
            f'<table:table-cell table:style-name="euro" office:value-type="currency" '
            f'office:currency="EUR" office:value="{number}"><text:p>{format_amount_fr(Decimal(value))}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    text = escape(str(value).translate(_XML_FORBIDDEN))
    styled = f" table:style-name={quoteattr(style)}" if style else ""
    return (
        f'<table:table-cell{styled} office:value-type="string"><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def write_ods(
    rows: Iterable[Row], headers: Sequence[Column | str], target: str | Path | IO[bytes]
) -> int:
    """Write an OpenDocument sheet (LibreOffice's own format); returns the number of rows.

    Typed cells as in the XLSX: dates shown JJ/MM/AAAA, amounts in euros.
    """
    import tempfile
    import zipfile

    columns = [_header(h) for h in headers]
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as content:
        content.write(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODS_NAMESPACES}>'
            f'{_ODS_STYLES}<office:body><office:spreadsheet><table:table table:name="Pacte">'
        )
        content.write(
            "<table:table-row>"
            + "".join(_ods_cell(c.header, TEXT, "head") for c in columns)
            + "</table:table-row>"
        )
        for row in rows:
            content.write(
                "<table:table-row>"
                + "".join(_ods_cell(v, c.kind) for c, v in zip(columns, row, strict=True))
                + "</table:table-row>"
            )
            count += 1
        content.write("</table:table></office:spreadsheet></office:body></office:document-content>")
        content.seek(0)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            # the mimetype comes first, uncompressed: that is how the format is recognised
            archive.writestr(
                zipfile.ZipInfo("mimetype"),
                "application/vnd.oasis.opendocument.spreadsheet",
                compress_type=zipfile.ZIP_STORED,
            )
            archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
            with archive.open("content.xml", "w") as stream:
                while chunk := content.read(1 << 16):
                    stream.write(chunk.encode("utf-8"))
    return count


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal) or kind == AMOUNT:
        return f"{Decimal(value):.2f}".replace(".", ",")
    return str(value)


class _Line:
    """A file-like object whose ``write`` hands the line back (``csv.writer`` into a string)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Row], headers: Sequence[Column | str]) -> Iterator[str]:
    r"""The lines of the CSV ``write_csv`` writes, one at a time (a streamed download).

    >>> list(csv_lines([[date(2027, 3, 1), Decimal("1500")]], ["Le", Column("Montant", AMOUNT)]))
    ['\ufeffLe;Montant\n', '01/03/2027;1500,00\n']
    """
    columns = [_header(h) for h in headers]
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\n")
    yield "\ufeff" + writer.writerow([c.header for c in columns])
    for row in rows:
        yield writer.writerow([_csv_cell(v, c.kind) for c, v in zip(columns, row, strict=True)])


def write_csv(
    rows: Iterable[Row], headers: Sequence[Column | str], target: str | Path | TextIO
) -> int:
    """Write a CSV the way French spreadsheets read it; returns the number of rows.

    Semicolons, UTF-8 with a byte order mark, dates JJ/MM/AAAA, amounts with a decimal
    comma and no currency sign (so they stay numbers).
    """
    with ExitStack() as stack:
        stream: TextIO
        if isinstance(target, str | Path):
            stream = stack.enter_context(Path(target).open("w", encoding="utf-8", newline=""))
        else:
            stream = target
        count = -1
        for line in csv_lines(rows, headers):
            stream.write(line)
            count += 1
    return count
