"""``pacte calls export APPEL``: the applications of a call and their scores (CSV, XLSX)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(commands: argparse._SubParsersAction, handler: object) -> None:  # type: ignore[type-arg]
    calls = commands.add_parser("calls", help="appels à projets : export des dossiers et des notes")
    actions = calls.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="exporter les dossiers d'un appel et leurs notes (CSV ou XLSX)"
    )
    export.add_argument("reference", metavar="APPEL", help="référence de l'appel (ex. fd2i-2026)")
    export.add_argument(
        "-o", "--output", metavar="FICHIER", help="fichier (défaut : sortie standard, en CSV)"
    )
    export.add_argument(
        "--format", choices=["csv", "xlsx"], help="csv ou xlsx (défaut : selon l'extension de -o)"
    )
    export.set_defaults(handler=handler)


def run_calls(args: argparse.Namespace) -> int:
    from pacte.calls.exports import export_columns, export_rows
    from pacte.calls.selectors import call_by_reference
    from pacte.outputs.spreadsheets import write_csv, write_xlsx

    call = call_by_reference(args.reference)
    if call is None:
        print(f"Erreur : aucun appel de référence « {args.reference} ».", file=sys.stderr)
        return 1
    fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() if args.output else "csv")
    if fmt not in ("csv", "xlsx"):
        print(f"Erreur : format « {fmt} » inconnu (csv ou xlsx).", file=sys.stderr)
        return 1
    if fmt == "xlsx" and not args.output:
        print("Erreur : le format xlsx s'écrit dans un fichier (-o FICHIER.xlsx).", file=sys.stderr)
        return 1
    columns, rows = export_columns(call), export_rows(call)
    if fmt == "xlsx":
        count = write_xlsx(rows, columns, args.output)
    elif args.output:
        count = write_csv(rows, columns, args.output)
    else:
        count = write_csv(rows, columns, sys.stdout)
    if args.output:
        print(f"{count} dossier(s) de l'appel « {call.title} » écrit(s) dans {args.output}.")
    return 0
