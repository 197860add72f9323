"""``pacte observatory``: import a SIRENE snapshot, read the ESS indicators of a territory,
save a custom perimeter. No Django: the store lives in ``observatoire/`` of the data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pacte.config.datadir import data_dir

MEMORY_ENV = "PACTE_OBSERVATORY_MEMORY_LIMIT"


def observatory_folder() -> Path:
    return data_dir() / "observatoire"


def memory_limit(args: argparse.Namespace) -> str:
    from pacte.observatory.store import DEFAULT_MEMORY_LIMIT

    return str(args.memory_limit or os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY_LIMIT)


def _decimal(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


def _number(value: int | float) -> str:
    return f"{value:,}".replace(",", "\u202f")


def run_import(args: argparse.Namespace) -> int:
    from pacte.observatory.store import import_snapshot

    establishments = Path(args.establishments)
    snapshot = args.snapshot
    if snapshot is None:
        if not establishments.is_file():
            from pacte.observatory.errors import ObservatoryError

            raise ObservatoryError(f"{establishments} : fichier introuvable")
        modified = datetime.fromtimestamp(establishments.stat().st_mtime, UTC)
        snapshot = f"{modified:%Y-%m}"
        print(f"Millésime non précisé : {snapshot} (mois du fichier ; --snapshot AAAA-MM sinon).")
    folder = observatory_folder()
    limit = memory_limit(args)
    print(f"Import du millésime {snapshot} dans {folder} (mémoire limitée à {limit}).", flush=True)
    summary = import_snapshot(
        establishments=establishments,
        legal_units=Path(args.legal_units),
        folder=folder,
        snapshot=snapshot,
        ess_list=Path(args.ess_list) if args.ess_list else None,
        memory_limit=limit,
        progress=lambda message: print(message, flush=True),
    )
    print(
        f"Millésime {summary.snapshot} enregistré : {_number(summary.establishments)} établissements "
        f"actifs, dont {_number(summary.ess_establishments)} de l'ESS, en "
        f"{_decimal(summary.seconds)} s."
    )
    print(f"Fichier : {summary.path}")
    if summary.mapped_codes:
        parts = []
        if summary.mapped_codes.get("arrondissement"):
            parts.append(
                f"{_number(summary.mapped_codes['arrondissement'])} par arrondissement municipal"
            )
        if summary.mapped_codes.get("ancien"):
            parts.append(f"{_number(summary.mapped_codes['ancien'])} par ancien code de commune")
        print("Établissements rattachés à leur commune d'aujourd'hui : " + ", ".join(parts) + ".")
    if summary.without_legal_unit:
        print(
            f"Attention : {_number(summary.without_legal_unit)} établissement(s) dont l'unité "
            "légale manque au fichier des unités légales (comptés hors ESS)."
        )
    if summary.unknown_categories:
        print(
            f"Attention : {len(summary.unknown_categories)} catégorie(s) juridique(s) inconnue(s) "
            "des règles (comptées hors ESS, sauf indicateur SIRENE ou liste) :"
        )
        for category, units, sites in summary.unknown_categories[:20]:
            print(
                f"  « {category or 'vide'} » : {_number(units)} unité(s), {_number(sites)} établissement(s)"
            )
    if summary.unplaced_communes:
        total = sum(n for _, n in summary.unplaced_communes)
        shown = ", ".join(f"« {c or 'vide'} » ({n})" for c, n in summary.unplaced_communes[:10])
        print(
            f"Attention : {_number(total)} établissement(s) sans commune reconnue (étranger, code "
            f"absent ou inconnu du référentiel), comptés nulle part : {shown}"
        )
    if summary.unknown_bands:
        shown = ", ".join(f"« {b} » ({n})" for b, n in summary.unknown_bands)
        print(f"Attention : tranche d'effectif inconnue, comptée 0 salarié : {shown}")
    return 0


def run_indicators(args: argparse.Namespace) -> int:
    from pacte.observatory.report import indicators_for

    problem = _output_problem(args)
    if problem:
        from pacte.observatory.errors import ObservatoryError

        raise ObservatoryError(problem)
    result = indicators_for(
        observatory_folder(),
        args.territory,
        snapshot=args.snapshot,
        compare_to=args.compare_to,
        nomenclature=args.nomenclature,
        memory_limit=memory_limit(args),
        compare_with=args.compare or [],
    )
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.csv:
        _write_csv(Path(args.csv), result)
        print(f"Indicateurs écrits dans {args.csv}")
    elif args.xlsx:
        _write_xlsx(Path(args.xlsx), result)
        print(f"Indicateurs écrits dans {args.xlsx}")
    else:
        print(text_report(result))
    return 0


def _output_problem(args: argparse.Namespace) -> str | None:
    from pacte.cli.outputs import output_problem

    if args.csv:
        return output_problem(args.csv, (".csv",))
    if args.xlsx:
        return output_problem(args.xlsx, (".xlsx",))
    return None


def _replace(path: Path, write: Any) -> None:
    """Write ``path`` through a temporary neighbour renamed at the end."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _write_csv(path: Path, result: dict[str, Any]) -> None:
    from pacte.observatory.report import csv_bytes

    _replace(path, lambda target: target.write_bytes(csv_bytes(result)))


def _write_xlsx(path: Path, result: dict[str, Any]) -> None:
    from pacte.observatory.report import xlsx_bytes

    _replace(path, lambda target: target.write_bytes(xlsx_bytes(result)))


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def text_report(result: dict[str, Any]) -> str:
    """The indicators as a French text table."""
    from pacte.observatory.perimeter import FAMILIES, FAMILY_LABELS

    territory = result["territory"]
    lines = [
        f"{territory['name']} ({territory['code']}, {territory['level']}) — millésime SIRENE "
        f"{result['snapshot']} — {_number(territory['population'])} habitants",
        "",
        f"{'':<44} {'établ.':>8} {'employeurs':>10} {'salariés (fourchette)':>24} {'estim.':>8}",
    ]

    def line(label: str, block: dict[str, Any]) -> str:
        employees = block["employees"]
        span = f"{_number(employees['low'])} – {_number(employees['high'])}"
        return (
            f"{label:<44} {_number(block['establishments']):>8} "
            f"{_number(block['employer_establishments']):>10} {span:>24} "
            f"{_number(employees['estimate']):>8}"
        )

    for family in FAMILIES:
        lines.append(line(FAMILY_LABELS[family][:44], result[family]))
    lines.append(line("Ensemble de l'ESS", result["total_ess"]))
    lines.append(line("Ensemble du secteur privé", result["total_private"]))
    lines.append(line("Ensemble des établissements actifs", result["total_territory"]))
    year = result["total_ess"]["employees"]["band_year"]
    lines += [
        "",
        f"Part de l'ESS dans le privé : {_percent(result['share']['establishments'])} des "
        f"établissements, {_percent(result['share']['employees'])} des salariés (estimation"
        + (f", tranches {year})" if year else ")"),
        f"Établissements de l'ESS pour 10 000 habitants : {_decimal(result['per_10000_inhabitants'])}",
    ]
    if result["domains"]:
        lines += ["", "Domaines d'activité de l'ESS (sections NAF) :"]
        for domain in result["domains"][:10]:
            lines.append(
                f"  {domain['section']} {domain['label'][:60]:<60} {_number(domain['establishments']):>7} "
                f"établ., {_number(domain['employees']['estimate']):>7} salariés"
            )
    if result["largest_employers"]:
        lines += ["", "Principaux employeurs de l'ESS :"]
        for employer in result["largest_employers"]:
            employees = employer["employees"]
            lines.append(
                f"  {employer['name'][:50]:<50} {employer['siren']}  {_number(employees['low'])} – "
                f"{_number(employees['high'])} salariés"
            )
    compared = [*result.get("compared_with", []), *result.get("comparison", [])]
    if compared:
        lines += ["", "Comparaison :"]
        for other in compared:
            lines.append(
                f"  {other['territory']['name']:<30} part de l'ESS {_percent(other['share']['establishments'])} "
                f"des établissements, {_percent(other['share']['employees'])} des salariés ; "
                f"{_decimal(other['per_10000_inhabitants'])} pour 10 000 habitants"
            )
    if result.get("change"):
        delta = result["change"]
        lines += [
            "",
            f"Évolution depuis {delta['from']} : {delta['total_ess']['establishments']:+d} "
            f"établissements de l'ESS, {delta['total_ess']['employees_estimate']:+d} salariés (estimation)",
        ]
    for warning in result["warnings"]:
        lines.append(f"Attention : {warning}")
    return "\n".join(lines)


def run_perimeter(args: argparse.Namespace) -> int:
    from pacte.observatory.errors import ObservatoryError
    from pacte.observatory.territories import (
        TerritoryReference,
        perimeter_parse,
        perimeter_path,
        perimeter_write,
    )

    folder = observatory_folder()
    target = folder / "perimetres"
    perimeter_path(target, args.name)
    source = Path(args.communes)
    if not source.is_file():
        raise ObservatoryError(f"{source} : fichier introuvable")
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ObservatoryError(f"{source} : le fichier n'est pas en UTF-8") from None
    reference = TerritoryReference.load(folder / "referentiel")
    communes, notices = perimeter_parse(text, reference, source=str(source))
    path = perimeter_write(target, args.name, communes)
    for notice in notices:
        print(notice)
    print(f"Périmètre « {args.name} » enregistré : {len(communes)} commune(s) ({path}).")
    print(f"Indicateurs : pacte observatory indicators --territory perimeter:{args.name}")
    return 0


def run_ptce(args: argparse.Namespace) -> int:
    """Rank candidate territories for a PTCE on weighted indicators."""
    from pacte.observatory.errors import ObservatoryError
    from pacte.observatory.ptce import parse_weights, read_indicators
    from pacte.observatory.report import ptce_for

    user = None
    if args.indicators:
        path = Path(args.indicators)
        if not path.is_file():
            raise ObservatoryError(f"{path} : fichier introuvable")
        user = read_indicators(path.read_text(encoding="utf-8-sig"), source=str(path))
    found = ptce_for(
        observatory_folder(),
        candidates=args.candidates,
        within=args.within,
        weights=parse_weights(args.weight) if args.weight else None,
        user_indicators=user,
        snapshot=args.snapshot,
        memory_limit=memory_limit(args),
    )
    weights, ranked, warnings = found["weights"], found["ranking"], found["warnings"]
    if args.json:
        json.dump(
            {"weights": weights, "ranking": ranked, "warnings": warnings},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        for warning in warnings:
            print(f"Attention : {warning}", file=sys.stderr)
        return 0
    print("Classement des territoires candidats pour un PTCE (score sur 100) :")
    print("Poids : " + ", ".join(f"{name} {weight:+g}" for name, weight in weights.items()))
    for entry in ranked:
        print(
            f"{entry['rank']:>3}. {entry['name']} ({entry['territory']}) : {_decimal(entry['score'])}"
        )
        for part in entry["components"]:
            if part["value"] is None:
                print(f"       {part['label']} : {part['note']}")
                continue
            print(
                f"       {part['label']} : {_decimal(part['value'], 2)} ({part['year']}, "
                f"{part['source']}) → {_decimal(part['contribution'])} point(s)"
            )
    for warning in warnings:
        print(f"Attention : {warning}")
    return 0


def run_snapshots(args: argparse.Namespace) -> int:
    from pacte.observatory.store import snapshots

    folder = observatory_folder()
    found = snapshots(folder)
    if not found:
        print(f"Aucun millésime importé dans {folder}.")
        return 0
    for snapshot in found:
        print(snapshot)
    return 0


def add_arguments(commands: Any, handler: Any) -> None:
    """The ``observatory`` command and its subcommands."""
    observatory = commands.add_parser(
        "observatory",
        help="observatoire de l'ESS : import SIRENE, indicateurs par territoire, périmètres",
    )
    sub = observatory.add_subparsers(title="sous-commandes", dest="action", required=True)

    importing = sub.add_parser(
        "import", help="importer un millésime des fichiers stock SIRENE (CSV, zip ou Parquet)"
    )
    importing.add_argument(
        "--establishments",
        required=True,
        metavar="FICHIER",
        help="StockEtablissement (csv, zip, parquet)",
    )
    importing.add_argument(
        "--legal-units",
        required=True,
        metavar="FICHIER",
        help="StockUniteLegale (csv, zip, parquet)",
    )
    importing.add_argument(
        "--snapshot",
        metavar="AAAA-MM",
        help="millésime (défaut : mois du fichier des établissements)",
    )
    importing.add_argument(
        "--ess-list", metavar="FICHIER", help="liste de SIREN de l'ESS (CSV, colonne siren)"
    )
    importing.add_argument(
        "--memory-limit",
        metavar="TAILLE",
        help=f"mémoire maximale de DuckDB (défaut : {MEMORY_ENV} ou 2GB)",
    )
    importing.set_defaults(handler=handler, run=run_import)

    indicators = sub.add_parser("indicators", help="indicateurs de l'ESS d'un territoire")
    indicators.add_argument(
        "--territory",
        required=True,
        metavar="TERRITOIRE",
        help="dep:67, reg:44, epci:SIREN, com:67482, perimeter:NOM ou fr",
    )
    indicators.add_argument("--snapshot", metavar="AAAA-MM", help="millésime (défaut : le dernier)")
    indicators.add_argument(
        "--compare-to", metavar="AAAA-MM", help="évolution depuis (ou jusqu'à) ce millésime"
    )
    indicators.add_argument(
        "--compare",
        action="append",
        metavar="TERRITOIRE",
        help="comparer aussi avec ce territoire (epci:SIREN, dep:67, perimeter:NOM… ; "
        "à répéter, 6 au plus)",
    )
    indicators.add_argument(
        "--nomenclature",
        choices=["naf2008", "naf2025"],
        default="naf2008",
        help="domaines d'activité en NAF 2008 (défaut) ou NAF 2025",
    )
    indicators.add_argument("--memory-limit", metavar="TAILLE", help="mémoire maximale de DuckDB")
    output = indicators.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="résultat JSON complet")
    output.add_argument("--csv", metavar="FICHIER", help="tableau CSV (séparateur ;)")
    output.add_argument("--xlsx", metavar="FICHIER", help="classeur XLSX")
    indicators.set_defaults(handler=handler, run=run_indicators)

    perimeter = sub.add_parser(
        "perimeter", help="enregistrer un périmètre (liste de communes) sous un nom"
    )
    perimeter.add_argument(
        "name", metavar="NOM", help="nom du périmètre (lettres, chiffres, - et _)"
    )
    perimeter.add_argument(
        "--communes", required=True, metavar="FICHIER", help="CSV des codes INSEE des communes"
    )
    perimeter.set_defaults(handler=handler, run=run_perimeter)

    ptce = sub.add_parser(
        "ptce", help="classer des territoires candidats pour un PTCE sur des indicateurs pondérés"
    )
    ptce.add_argument(
        "--candidates", nargs="+", metavar="TERRITOIRE", help="epci:SIREN, perimeter:NOM, com:…"
    )
    ptce.add_argument("--within", metavar="dep:NN", help="tous les EPCI d'un département")
    ptce.add_argument(
        "--weight",
        action="append",
        metavar="NOM=POIDS",
        help="poids d'un indicateur (négatif : les valeurs basses l'emportent) ; défaut : "
        "ess_density=1 et ess_share_employees=1",
    )
    ptce.add_argument(
        "--indicators",
        metavar="FICHIER",
        help="CSV d'indicateurs (territoire, indicateur, valeur, annee, source)",
    )
    ptce.add_argument("--snapshot", metavar="AAAA-MM", help="millésime (défaut : le dernier)")
    ptce.add_argument("--memory-limit", metavar="TAILLE", help="mémoire maximale de DuckDB")
    ptce.add_argument("--json", action="store_true", help="classement JSON avec les composantes")
    ptce.set_defaults(handler=handler, run=run_ptce)

    listing = sub.add_parser("snapshots", help="lister les millésimes importés")
    listing.set_defaults(handler=handler, run=run_snapshots)
