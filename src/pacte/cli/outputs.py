"""``pacte export``, ``pacte import subventions`` and ``pacte document``.

Django must be set up before these functions are called. A file given with ``-o`` is
written to a temporary neighbour first and renamed at the end, so an interrupted
export never leaves half a file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, TextIO

from pacte.outputs.errors import OutputError

EXPORT_KINDS = ("subventions", "deliberations", "registre", "echeancier", "obligations")


def _error(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return 1


def output_problem(output: str | None, suffixes: tuple[str, ...]) -> str | None:
    """Why ``-o output`` cannot be written, in French, or None: its folder must exist (it is
    never created: a typo would scatter files), its extension be one of ``suffixes``.

    >>> output_problem("x.ods", (".csv", ".xlsx"))
    '« x.ods » : format .ods non pris en charge ici (possibles : .csv, .xlsx)'
    >>> output_problem("x.csv", (".csv",)) is None, output_problem(None, (".csv",)) is None
    (True, True)
    """
    if output in (None, "-"):
        return None
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        possible = ", ".join(suffixes)
        if not suffix:
            return f"« {output} » : préciser l'extension du fichier ({possible})"
        return f"« {output} » : format {suffix} non pris en charge ici (possibles : {possible})"
    folder = path.parent
    if not folder.is_dir():
        return (
            f"« {output} » : le dossier « {folder} » n'existe pas "
            "(le créer d'abord, ou choisir un autre dossier)"
        )
    if path.is_dir():
        return f"« {output} » est un dossier : donner un nom de fichier"
    if not os.access(folder, os.W_OK):
        return f"« {output} » : pas le droit d'écrire dans le dossier « {folder} »"
    return None


@contextmanager
def _atomic_file(path: Path, mode: str) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``, renamed onto it only on success."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if "b" in mode:
            with os.fdopen(handle, mode) as stream:
                yield stream
        else:
            with os.fdopen(handle, mode, encoding="utf-8", newline="") as stream:
                yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def _text_output(output: str | None) -> Iterator[TextIO]:
    if output in (None, "-"):
        yield sys.stdout
        return
    with _atomic_file(Path(output), "w") as stream:
        yield stream  # type: ignore[misc]


def run_export(args: argparse.Namespace) -> int:
    """``pacte export KIND``: dispatch on the kind."""
    if args.kind == "deliberations":
        try:
            from pacte.cli.deliberations import run_export_deliberations
        except ImportError:
            return _error(
                "l'export des délibérations (SCDL Délibérations) n'est pas encore disponible"
            )
        result: int = run_export_deliberations(args)
        return result
    if args.kind == "subventions":
        return _export_subventions(args)
    return _export_sheet(args)


def _export_subventions(args: argparse.Namespace) -> int:
    from pacte.outputs.scdl import Skipped, conventions_dated, register_scdl_rows, write_scdl

    if args.year is None:
        return _error("--year AAAA est obligatoire pour « pacte export subventions »")
    if getattr(args, "format", None) not in (None, "csv"):
        return _error(f"le format SCDL est un CSV : --format {args.format} n'est pas possible ici")
    problem = output_problem(args.output, (".csv",))
    if problem:
        return _error(problem)
    skipped: list[Skipped] = []
    rows = register_scdl_rows(
        conventions_dated(year=args.year, authority=args.authority),
        authority=args.authority,
        skipped=skipped,
    )
    with _text_output(args.output) as stream:
        count = write_scdl(rows, stream)
    for item in skipped:
        print(f"Attention : {item} ; subvention omise du fichier.", file=sys.stderr)
    undated = _undated_conventions(year=args.year, authority=args.authority)
    for reference in undated:
        print(
            f"Attention : convention « {reference} » omise : elle finance {args.year} mais n'a "
            "ni date de signature ni date de début enregistrée (la date de la convention est "
            "obligatoire en SCDL) ; enregistrer sa signature.",
            file=sys.stderr,
        )
    where = f" dans {args.output}" if args.output not in (None, "-") else ""
    print(
        f"SCDL Subventions {args.year} : {count} ligne{'s' if count > 1 else ''} écrite{'s' if count > 1 else ''}{where}"
        + (f", {len(skipped)} subvention(s) omise(s)" if skipped else "")
        + (f", {len(undated)} convention(s) sans date omise(s)" if undated else "")
        + ".",
        file=sys.stderr,
    )
    return 1 if skipped else 0


def _undated_conventions(*, year: int, authority: str | None) -> list[str]:
    """References of the conventions with a grant for ``year`` that the SCDL export leaves
    out because they have neither a signature date nor a start date."""
    from pacte.conventions.models import Convention
    from pacte.terms import PartyRole

    queryset = Convention.objects.filter(
        grants__years__year=year, signed_on__isnull=True, term_start__isnull=True
    )
    if authority:
        queryset = queryset.filter(
            parties__role=PartyRole.PUBLIC_AUTHORITY.value,
            parties__organisation__siret=authority,
        )
    return list(queryset.distinct().order_by("reference").values_list("reference", flat=True))


def _stored_terms(queryset: Any) -> Iterator[Any]:
    """``(terms, events)`` of stored conventions, events from the follow-up records."""
    from pacte.conventions.rows_to_terms import convention_to_terms
    from pacte.followup.selectors import events_for, with_followup

    for convention in with_followup(queryset).iterator(chunk_size=200):
        yield convention_to_terms(convention), events_for(convention)


def _recorded_events(reference: str) -> Any:
    """What the follow-up recorded for a stored convention, or ``None`` (a file)."""
    from pacte.conventions.models import Convention
    from pacte.followup.selectors import events_for, with_followup

    stored = with_followup(Convention.objects.filter(reference=reference)).first()
    return events_for(stored) if stored is not None else None


def _export_sheet(args: argparse.Namespace) -> int:
    from pacte.conventions.models import Convention
    from pacte.conventions.selectors import convention_list
    from pacte.outputs import spreadsheets as sheets

    to_file = args.output not in (None, "-")
    fmt = args.format or (Path(args.output).suffix.lower().lstrip(".") if to_file else "csv")
    if fmt in ("xlsx", "ods") and not to_file:
        return _error(
            f"un classeur {fmt.upper()} s'écrit dans un fichier : ajouter -o FICHIER.{fmt}"
        )
    problem = output_problem(args.output, (".csv", ".xlsx", ".ods"))
    if problem:
        return _error(problem)
    if to_file and Path(args.output).suffix.lower() != f".{fmt}":
        return _error(f"« {args.output} » ne correspond pas au format demandé (--format {fmt})")
    conventions = Convention.objects.order_by("reference")
    if args.authority:
        conventions = conventions.filter(
            parties__role="public_authority", parties__organisation__siret=args.authority
        ).distinct()
    rows: Iterator[list[Any]]
    if args.kind == "registre":
        from pacte.followup.calendars import calendars_ensure

        # the figures are those the rules computed and stored: brought up to date first
        calendars_ensure(conventions, on=date.today(), ahead=timedelta(0))
        queryset = convention_list().filter(pk__in=conventions.values("pk")).order_by("reference")
        rows, columns = sheets.register_rows(queryset), sheets.REGISTER_COLUMNS
    elif args.kind == "echeancier":
        rows = sheets.schedule_rows(_stored_terms(conventions), year=args.year)
        columns = sheets.SCHEDULE_COLUMNS
    else:
        on = args.on or date.today()
        since = date(args.year, 1, 1) if args.year else None
        until = date(args.year, 12, 31) if args.year else on + timedelta(days=365)
        rows = sheets.obligation_rows(_stored_terms(conventions), on=on, until=until, since=since)
        columns = sheets.OBLIGATION_COLUMNS
    if fmt in ("xlsx", "ods"):
        write = sheets.write_xlsx if fmt == "xlsx" else sheets.write_ods
        with _atomic_file(Path(args.output), "wb") as stream:
            count = write(rows, columns, stream)
    else:
        with _text_output(args.output) as stream:
            count = sheets.write_csv(rows, columns, stream)
    where = f" dans {args.output}" if args.output not in (None, "-") else ""
    print(f"{args.kind} : {count} ligne(s) écrite(s){where}.", file=sys.stderr)
    return 0


def run_import_subventions(args: argparse.Namespace) -> int:
    """``pacte import subventions FICHIER.csv [--skip-invalid] [--rejected FICHIER]``."""
    from pacte.outputs.scdl_import import scdl_import

    path = Path(args.file)
    if not path.is_file():
        return _error(f"{path} : fichier introuvable")
    rejected = getattr(args, "rejected", None)
    report = scdl_import(
        path=path,
        skip_invalid=bool(getattr(args, "skip_invalid", False)),
        rejected_path=Path(rejected) if rejected else None,
    )
    for problem in report.warnings:
        print(f"{path.name}, {problem}", file=sys.stderr)
    for problem in report.errors:
        print(f"Erreur : {path.name}, {problem}", file=sys.stderr)
    if report.errors and not report.stored and not report.rejected:
        lines = len(report.invalid_lines)
        hint = (
            " (corriger les lignes signalées, ou --skip-invalid pour enregistrer les lignes valides)"
            if lines
            else ""
        )
        print(f"Rien n'a été enregistré{hint}.", file=sys.stderr)
        return 1
    print(
        f"{path.name} : {report.rows} ligne(s) lue(s) ; {report.created} subvention(s) créée(s), "
        f"{report.updated} mise(s) à jour, {report.unchanged} inchangée(s)"
        + (f", {report.rejected} rejetée(s)" if report.rejected else "")
        + (f" ; {len(report.warnings)} avertissement(s)" if report.warnings else "")
        + "."
    )
    if report.rejected_path:
        print(f"Lignes rejetées (avec leurs erreurs) : {report.rejected_path}")
    return 1 if report.rejected else 0


def _parse_amount(text: str) -> Decimal:
    from pydantic import TypeAdapter, ValidationError

    from pacte.terms.base import Amount

    try:
        value: Decimal = TypeAdapter(Amount).validate_python(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(
            error.errors()[0]["msg"].removeprefix("Value error, ")
        ) from None
    return value


def add_document_arguments(
    parser: argparse.ArgumentParser, parse_day: Callable[[str], date]
) -> None:
    """The options of ``pacte document`` (kept here, next to their use)."""
    from pacte.outputs.kinds import KINDS

    parser.add_argument(
        "kind", choices=list(KINDS), metavar="TYPE", help="type : " + ", ".join(KINDS)
    )
    parser.add_argument(
        "target", metavar="REF|FICHIER", help="référence dans le registre, ou fichier"
    )
    parser.add_argument(
        "--format", choices=["docx", "pdf"], default=None, help="docx (défaut) ou pdf"
    )
    parser.add_argument(
        "-o", "--output", metavar="FICHIER", help="fichier produit (défaut : TYPE-REF.docx)"
    )
    parser.add_argument(
        "--on", type=parse_day, metavar="AAAA-MM-JJ", help="date du document (défaut : aujourd'hui)"
    )
    parser.add_argument(
        "--amount", type=_parse_amount, metavar="MONTANT", help="avenant : nouveau montant"
    )
    parser.add_argument(
        "--end", type=parse_day, metavar="AAAA-MM-JJ", help="avenant : nouvelle date de fin"
    )
    parser.add_argument(
        "--date", dest="end", type=parse_day, metavar="AAAA-MM-JJ", help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--year", type=int, metavar="AAAA", help="avenant, versement : année budgétaire"
    )
    parser.add_argument(
        "--grant", metavar="CLÉ", help="avenant, versement : subvention (si plusieurs)"
    )
    parser.add_argument(
        "--instalment", type=int, metavar="N", help="versement : rang dans l'année (défaut : 1)"
    )
    parser.add_argument("--number", type=int, metavar="N", help="avenant : numéro (défaut : 1)")
    parser.add_argument(
        "--by", metavar="CLÉ", help="dénonciation : partie qui écrit (défaut : la collectivité)"
    )


def run_document(terms: Any, args: argparse.Namespace) -> int:
    """``pacte document TYPE REF``: write the DOCX (or PDF) and say where."""
    from pacte.outputs.documents import generate
    from pacte.outputs.kinds import KIND_LABELS

    fmt = args.format or ("pdf" if args.output and args.output.lower().endswith(".pdf") else "docx")
    problem = output_problem(args.output, (".docx", ".pdf"))
    if problem:
        return _error(problem)
    if args.output and Path(args.output).suffix.lower() != f".{fmt}":
        return _error(f"« {args.output} » ne correspond pas au format demandé (--format {fmt})")
    target = Path(args.output or f"{args.kind}-{terms.reference}.{fmt}")
    on = args.on or date.today()
    events = None
    if Path(args.target).suffix == "":  # a reference of the register
        events = _recorded_events(terms.reference)
    try:
        rendered = generate(
            args.kind,
            terms,
            target,
            on=on,
            pdf=fmt == "pdf",
            amount=args.amount,
            end=args.end,
            year=args.year,
            grant=args.grant,
            instalment=args.instalment,
            number=args.number,
            by=args.by,
            events=events,
        )
    except OutputError as error:
        return _error(str(error))
    own = " (modèle de la collectivité)" if "modeles" in rendered.template.parts else ""
    print(f"Document écrit ({KIND_LABELS[args.kind]}) : {rendered.path}{own}")
    return 0
