"""The ``pacte`` command: load, show, list, serve, demo, manage.

Every message is French; a bad file is reported with its name, line and field, and
nothing is stored when any file given is wrong.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pacte.cli import argparse_fr

if TYPE_CHECKING:  # the typed models are imported where used: « pacte --help » starts fast
    from pacte.terms import Convention, CouncilSession

DEFAULT_SETTINGS = "pacte.config.settings.local"
DEV_SETTINGS = "pacte.config.settings.dev"


class CliError(Exception):
    """A French message that stops the command (printed by ``main`` after « Erreur : »)."""


def _setup_django(*, dev: bool = False, check_database: bool = True) -> None:
    """Configure Django (``settings.local``, or ``settings.dev`` with ``dev``) and make sure
    the database has every table: a SQLite file of the data folder is created or updated
    with a one-line notice; another database not up to date is reported (``CliError``)."""
    if dev:
        os.environ["DJANGO_SETTINGS_MODULE"] = DEV_SETTINGS
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:  # production settings without their environment
        raise CliError(str(error)) from None
    except OSError as error:  # the data folder cannot be created or read
        raise CliError(
            f"le dossier de données « {error.filename} » est inaccessible "
            f"({os_reason(error)}) : choisir un autre dossier avec PACTE_VAR_DIR"
        ) from None
    if check_database:
        _ensure_database()


_OS_REASONS = {
    errno.ENOENT: "introuvable",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.EACCES: "droits insuffisants",
    errno.EPERM: "droits insuffisants",
    errno.EROFS: "disque en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.EISDIR: "c'est un dossier, pas un fichier",
}


def os_reason(error: OSError) -> str:
    """The French reason of a system error (the system's own text is in English).

    >>> os_reason(PermissionError(13, "Permission denied"))
    'droits insuffisants'
    """
    return _OS_REASONS.get(error.errno or 0, f"erreur système n° {error.errno}")


def _ensure_database(*, any_database: bool = False) -> None:
    """Apply the missing migrations of the data folder's SQLite file (of any database with
    ``any_database``, as ``pacte demo`` does); else say in French what to run."""
    from django.conf import settings

    if not getattr(settings, "PACTE_DATABASE_CHECK", True):
        return
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if not plan:
            return
        fresh = not executor.loader.applied_migrations
        if connection.vendor != "sqlite" and not any_database:
            raise CliError(
                "la base de données n'est pas à jour "
                f"({len(plan)} migration(s) à appliquer) : lancer « pacte manage migrate »"
            )
        where = connection.settings_dict["NAME"]
        if fresh:
            print(f"Base de données créée : {where}", file=sys.stderr)
        else:
            print(
                f"Base de données mise à jour ({len(plan)} migration(s)) : {where}", file=sys.stderr
            )
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as error:
        raise CliError(
            f"la base de données ne peut pas être ouverte ({_database_name()}) : "
            "vérifier PACTE_VAR_DIR ou DATABASE_URL"
        ) from error


def _database_name() -> str:
    from django.db import connection

    name = connection.settings_dict.get("NAME")
    host = connection.settings_dict.get("HOST")
    return f"{name} sur {host}" if host else str(name)


def read_terms_file(path: Path) -> Convention:
    """Read a convention from a YAML or JSON file; ``TermsError`` says what and where."""
    from pacte.terms import load_convention_json, load_convention_yaml

    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        return load_convention_json(text, source=str(path))
    return load_convention_yaml(text, source=str(path))


def _read_all(
    paths: Sequence[str], sessions: list[CouncilSession] | None = None
) -> tuple[list[Convention], list[str]]:
    """Conventions read from ``paths``, and the French errors; council session files go to
    ``sessions`` when it is given, else they are errors."""
    from pacte.cli.deliberations import read_terms_or_session, session_problem
    from pacte.terms import Convention, TermsError

    conventions: list[Convention] = []
    errors: list[str] = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            errors.append(f"{name} : fichier introuvable")
            continue
        if path.suffix.lower() not in (".yaml", ".yml", ".json"):
            errors.append(f"{name} : format non pris en charge (attendu : .yaml, .yml ou .json)")
            continue
        try:
            terms = read_terms_or_session(path)
            if isinstance(terms, Convention):
                conventions.append(terms)
            elif sessions is not None:
                sessions.append(terms)
            else:
                errors.append(session_problem(name).describe(name))
        except UnicodeDecodeError:
            errors.append(f"{name} : le fichier n'est pas en UTF-8")
        except TermsError as error:
            errors.append(str(error))
    return conventions, errors


def cmd_load(args: argparse.Namespace) -> int:
    sessions: list[CouncilSession] = []
    conventions, errors = _read_all(args.files, sessions)
    if errors:
        for error in errors:
            print(f"Erreur : {error}", file=sys.stderr)
        print("Rien n'a été enregistré.", file=sys.stderr)
        return 1
    _setup_django()
    from django.db import transaction

    from pacte.conventions.services import BULK_LOAD, conventions_store, statistics_refresh
    from pacte.deliberations.services import council_session_store, session_reference

    if not getattr(args, "keep_both", False) and _load_duplicates(conventions):
        return 1
    with transaction.atomic():
        # sessions first: a convention's act is then the one its session lists
        council = [council_session_store(terms=terms) for terms in sessions]
        results = conventions_store(terms=conventions)
    if len(results) >= BULK_LOAD:
        statistics_refresh()
    for row, created in council:
        verb = "créée" if created else "mise à jour"
        acts = row.deliberations.count()
        print(f"Séance « {session_reference(row)} » {verb} : {row}, {acts} délibération(s)")
    for stored in results:
        verb = "créée" if stored.created else "mise à jour"
        print(f"Convention « {stored.convention.reference} » {verb} : {stored.convention.title}")
    return 0


def _load_duplicates(conventions: list[Convention]) -> bool:
    """Say which conventions read duplicate one of the register; whether any does."""
    from pacte.cli.importing import load_duplicate_lines

    lines = load_duplicate_lines(conventions)
    for line in lines:
        print(f"Attention : {line}", file=sys.stderr)
    if lines:
        print("Rien n'a été enregistré (--keep-both pour enregistrer quand même).", file=sys.stderr)
    return bool(lines)


def cmd_show(args: argparse.Namespace) -> int:
    from pacte.cli.deliberations import is_session_target, run_show_session
    from pacte.cli.summary import render_summary

    if is_session_target(args.target):
        return run_show_session(args.target)
    terms = _terms_for(args.target)
    if terms is None:
        return 1
    print(render_summary(terms), end="")
    return 0


DOCUMENT_SUFFIXES = (
    ".txt",
    ".md",
    ".docx",
    ".odt",
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
)


def _terms_from_document(path: Path) -> Convention | None:
    """Extract a document's terms; say in French what could not be read or is missing."""
    from pacte.extraction.pipeline import extract
    from pacte.extraction.readers import ReadError
    from pacte.terms import TermsError

    if not path.is_file():
        print(f"Erreur : {path} : fichier introuvable", file=sys.stderr)
        return None
    try:
        result = extract(path.read_bytes(), path.name)
        if result.doc_type in ("deliberation", "minutes"):
            print(
                f"Erreur : {path.name} : ce document est une délibération, pas une convention "
                "(« pacte extract » montre ce qui a été lu).",
                file=sys.stderr,
            )
            return None
        return result.terms()
    except ReadError as error:
        print(f"Erreur : {error}", file=sys.stderr)
    except TermsError as error:
        print(
            f"Erreur : {path.name} : la convention extraite est incomplète "
            "(« pacte extract » montre ce qui a été lu) :",
            file=sys.stderr,
        )
        for problem in error.problems:
            print(f"  {problem.describe()}", file=sys.stderr)
    return None


def _terms_for(target: str) -> Convention | None:
    """Terms from a file, or from the register; prints the French error and returns None."""
    path = Path(target)
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        conventions, errors = _read_all([target])
        if errors:
            print(f"Erreur : {errors[0]}", file=sys.stderr)
            return None
        return conventions[0]
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return _terms_from_document(path)
    _setup_django()
    from pacte.conventions.models import Convention as StoredConvention
    from pacte.conventions.selectors import convention_terms

    try:
        return convention_terms(reference=target)
    except StoredConvention.DoesNotExist:
        print(
            f"Erreur : aucune convention de référence « {target} » dans le registre "
            "(voir « pacte list »).",
            file=sys.stderr,
        )
        return None


def cmd_schedule(args: argparse.Namespace) -> int:
    from pacte.cli.schedule import run_schedule

    recorded = _recorded_for(args.target)
    if recorded is not None:  # a stored convention: with what the follow-up recorded
        terms, events = recorded
        return run_schedule(terms, args, events)
    terms = _terms_for(args.target)
    return 1 if terms is None else run_schedule(terms, args)


def _recorded_for(target: str) -> tuple[Convention, Any] | None:
    """A stored convention's terms (avenants applied) and recorded events, if ``target``
    is a reference of the register rather than a file."""
    if Path(target).suffix.lower() in (".yaml", ".yml", ".json", *DOCUMENT_SUFFIXES):
        return None
    _setup_django()
    from pacte.conventions.models import Convention as StoredConvention
    from pacte.followup.selectors import events_for, terms_with_amendments, with_followup

    stored = with_followup(StoredConvention.objects.filter(reference=target)).first()
    if stored is None:
        return None
    events = events_for(stored)
    return terms_with_amendments(stored, events), events


def cmd_check(args: argparse.Namespace) -> int:
    from pacte.cli.check import run_check

    terms = _terms_for(args.target)
    return 1 if terms is None else run_check(terms, args)


def cmd_extract(args: argparse.Namespace) -> int:
    from pacte.cli.extract import run_extract

    return run_extract(args)


def cmd_import(args: argparse.Namespace) -> int:
    _setup_django()
    if args.files[0] == "subventions":  # pacte import subventions FICHIER.csv (SCDL)
        from pacte.cli.outputs import run_import_subventions

        if len(args.files) != 2:
            print(
                "Erreur : « pacte import subventions » prend un seul fichier CSV.", file=sys.stderr
            )
            return 1
        args.file = args.files[1]
        return run_import_subventions(args)
    from pacte.cli.importing import run_import

    return run_import(args)


def cmd_export(args: argparse.Namespace) -> int:
    _setup_django()
    from pacte.cli.outputs import run_export

    return run_export(args)


def cmd_document(args: argparse.Namespace) -> int:
    from pacte.cli.outputs import run_document

    terms = _terms_for(args.target)
    return 1 if terms is None else run_document(terms, args)


def cmd_extrait(args: argparse.Namespace) -> int:
    from pacte.cli.deliberations import run_extract

    return run_extract(args)


def cmd_calls(args: argparse.Namespace) -> int:
    _setup_django()
    from pacte.cli.calls import run_calls

    return run_calls(args)


def cmd_drafts(args: argparse.Namespace) -> int:
    _setup_django()
    from pacte.cli.importing import run_drafts

    return run_drafts(args)


def cmd_list(args: argparse.Namespace) -> int:
    _setup_django()
    from pacte.conventions.selectors import convention_list

    rows = list(convention_list())
    if not rows:
        print("Le registre est vide : « pacte load FICHIER.yaml » y ajoute une convention.")
        return 0
    for convention in rows:
        parties = ", ".join(p.organisation.name for p in convention.parties.all())
        print(f"{convention.reference:<32} {convention.title}  [{parties}]")
    return 0


def cmd_reminders(args: argparse.Namespace) -> int:
    """Send the reminders due today (or ``--on``): weekly digests and alerts."""
    _setup_django()
    from django.utils import timezone

    from pacte.calls.notifications import notifications_send
    from pacte.reminders.services import reminders_send
    from pacte.terms import format_date_fr

    on = args.on or timezone.localdate()
    report = reminders_send(on=on, dry_run=args.dry_run)
    # the calls for projects' e-mails (assignments, reviews due, closing, decisions)
    calls = notifications_send(on=on, dry_run=args.dry_run)
    report.sent, report.already = report.sent + calls.sent, report.already + calls.already
    report.failed += calls.failed
    report.planned += calls.planned
    if args.dry_run:
        for line in report.planned:
            print(line)
        print(f"{len(report.planned)} courriel(s) seraient envoyés le {format_date_fr(on)}.")
        return 0
    print(
        f"Rappels du {format_date_fr(on)} : {report.sent} envoyé(s), "
        f"{report.already} déjà envoyé(s) auparavant."
    )
    for problem in report.failed:
        print(f"Non envoyé : {problem}", file=sys.stderr)
    return 1 if report.failed else 0


def _port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port``, in French, or None."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except PermissionError:
            return f"le port {port} est réservé : choisir un port au-dessus de 1024 avec --port"
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"le port {port} est déjà utilisé : choisir un autre port avec --port"
            return f"impossible d'écouter sur {host}:{port} : adresse inconnue de cette machine"
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    dev = bool(getattr(args, "dev", False))
    if args.host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
        # the embedded server answers to the address it was given (and to any name when it
        # listens on every address)
        wildcard = args.host in ("0.0.0.0", "::", "[::]")
        extra = os.environ.get("PACTE_ALLOWED_HOSTS", "")
        os.environ["PACTE_ALLOWED_HOSTS"] = ",".join(
            filter(None, [extra, "*" if wildcard else args.host])
        )
    problem = _port_problem(args.host, args.port)
    if problem:
        raise CliError(problem)
    _setup_django(dev=dev)
    from django.conf import settings

    from pacte.followup.calendars import calendars_stale_refresh

    # the pages only read the stored calendars: those that stop too early are computed now
    if refreshed := calendars_stale_refresh():
        print(f"Calendriers des obligations recalculés : {refreshed} convention(s).")
    shown = "localhost" if args.host in ("127.0.0.1", "::1", "[::1]") else args.host
    if dev:
        return _serve_dev(args, shown)
    from django.core.wsgi import get_wsgi_application

    from pacte.cli.serving import gunicorn_options, run_gunicorn, static_ensure

    workers, threads = args.workers, args.threads
    if workers < 1 or threads < 1:
        raise CliError("--workers et --threads prennent un nombre entier d'au moins 1")
    static_ensure()
    application = get_wsgi_application()
    print(f"Pacte est servi sur http://{shown}:{args.port}/ (Ctrl+C pour arrêter).")
    print(
        f"Serveur de production : {workers} processus de {threads} fil(s) chacun. "
        f"Données : {settings.VAR_DIR}",
        flush=True,
    )
    options = gunicorn_options(host=args.host, port=args.port, workers=workers, threads=threads)
    code = run_gunicorn(application, options)
    if code:
        raise CliError(f"le serveur s'est arrêté sur une erreur (code {code})")
    print("Pacte est arrêté.")
    return 0


def _serve_dev(args: argparse.Namespace, shown: str) -> int:
    """Django's development server (DEBUG on, its own messages)."""
    from django.conf import settings
    from django.core.management import call_command

    print(
        f"Pacte est servi sur http://{shown}:{args.port}/ (mode développement : DEBUG activé) "
        "(Ctrl+C pour arrêter)."
    )
    print(f"Données : {settings.VAR_DIR}", flush=True)
    try:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    except KeyboardInterrupt:
        print("Pacte est arrêté.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _setup_django(dev=bool(getattr(args, "dev", False)), check_database=False)
    _ensure_database(any_database=True)
    from pacte.cli.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_prepare

    loaded = demo_prepare()
    print(f"Base de démonstration prête : {loaded} conventions d'exemple chargées.")
    from pacte.observation.demo import DEMO_DEPARTEMENT, demo_observatory

    imported = demo_observatory()
    if imported:
        print(
            f"Observatoire : millésimes de démonstration {', '.join(imported)} (fichiers SIRENE "
            f"générés, département {DEMO_DEPARTEMENT}) importés."
        )
    print(
        f"Connexion : identifiant « {DEMO_USERNAME} », mot de passe « {DEMO_PASSWORD} » "
        "(administrateur, agent de la Ville de Saint-Gwenaël-sur-Blavet)"
    )
    from pacte.accounts.demo import DEMO_ROLE_ACCOUNTS

    for account in DEMO_ROLE_ACCOUNTS:
        print(
            f"  ou « {account.username} », mot de passe « {account.password} » "
            f"({account.description})"
        )
    from pacte.calls.demo import APPLICANT_PASSWORD, APPLICANT_USERNAME

    print(
        f"  ou « {APPLICANT_USERNAME} », mot de passe « {APPLICANT_PASSWORD} » "
        "(porteur de projet, dossier en brouillon sur l'appel à projets ouvert)"
    )
    print(f"  À faire : http://{args.host}:{args.port}/")
    print(f"  Appels à projets : http://{args.host}:{args.port}/appels/")
    print(f"  Registre : http://{args.host}:{args.port}/registre/")
    print(f"  Observatoire : http://{args.host}:{args.port}/observatoire/")
    print(f"  Administration : http://{args.host}:{args.port}/admin/")
    if args.no_serve:
        return 0
    return cmd_serve(args)


def cmd_backup(args: argparse.Namespace) -> int:
    _setup_django()
    from pacte.cli.backup import run_backup

    return run_backup(args.folder)


def cmd_restore(args: argparse.Namespace) -> int:
    _setup_django(check_database=False)
    from pacte.cli.backup import run_restore

    return run_restore(args.archive, force=args.force)


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_django()
    from pacte.cli.workers import run_worker

    return run_worker(concurrency=args.concurrency)


def cmd_scheduler(args: argparse.Namespace) -> int:
    _setup_django()
    from pacte.cli.workers import run_scheduler

    return run_scheduler()


def cmd_observatory(args: argparse.Namespace) -> int:
    """No Django: the observatory reads its own store in the data folder."""
    from pacte.observatory.errors import ObservatoryError

    try:
        code: int = args.run(args)
    except ObservatoryError as error:
        raise CliError(str(error)) from None
    except OSError as error:  # the data folder or an output cannot be written
        raise CliError(f"{error.filename or 'observatoire'} : {os_reason(error)}") from None
    return code


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django(check_database=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pacte manage", *args.arguments])
    return 0


def build_parser() -> argparse.ArgumentParser:
    argparse_fr.install()
    parser = argparse.ArgumentParser(
        prog="pacte",
        description="Pacte : registre et suivi des conventions de partenariat.",
    )
    commands = parser.add_subparsers(title="commandes", dest="command", required=True)

    load = commands.add_parser(
        "load", help="enregistrer des conventions ou des séances décrites en YAML ou JSON"
    )
    load.add_argument("files", nargs="+", metavar="FICHIER", help="fichier .yaml, .yml ou .json")
    load.add_argument(
        "--keep-both", action="store_true", help="enregistrer malgré un doublon probable"
    )
    load.set_defaults(handler=cmd_load)

    show = commands.add_parser(
        "show", help="résumé d'une convention, ou d'une séance (seance:AAAA-MM-JJ[:SIRET])"
    )
    show.add_argument(
        "target",
        metavar="REF|FICHIER",
        help="référence dans le registre, seance:AAAA-MM-JJ[:SIRET], ou fichier",
    )
    show.set_defaults(handler=cmd_show)

    from pacte.cli.argparse_fr import parse_day

    plan = commands.add_parser("schedule", help="calendrier des obligations d'une convention")
    plan.add_argument(
        "target", metavar="REF|FICHIER", help="référence dans le registre, ou fichier"
    )
    plan.add_argument("--signed", type=parse_day, metavar="AAAA-MM-JJ", help="date de signature")
    plan.add_argument(
        "--on",
        type=parse_day,
        metavar="AAAA-MM-JJ",
        help="date d'évaluation (défaut : aujourd'hui)",
    )
    plan.add_argument(
        "--until", type=parse_day, metavar="AAAA-MM-JJ", help="horizon (défaut : un an après --on)"
    )
    output = plan.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="liste JSON")
    output.add_argument("--ics", action="store_true", help="calendrier iCalendar")
    plan.set_defaults(handler=cmd_schedule)

    checking = commands.add_parser("check", help="contrôle de cohérence d'une convention")
    checking.add_argument(
        "target", metavar="REF|FICHIER", help="référence dans le registre, ou fichier"
    )
    checking.add_argument("--json", action="store_true", help="liste JSON des constats")
    checking.set_defaults(handler=cmd_check)

    extraction = commands.add_parser(
        "extract",
        help="lire un document (txt, docx, odt, pdf, ou scan lu par OCR) et en extraire les termes",
    )
    extraction.add_argument("file", metavar="FICHIER", help="document à lire")
    extraction.add_argument(
        "--json",
        action="store_true",
        help="résultat complet en JSON (key_terms, termes, emplacements)",
    )
    extraction.add_argument(
        "--validate",
        action="store_true",
        help="contrôler aussi la convention lue selon les règles des termes "
        "(ce qui manque pour l'enregistrer ; membre « problems » du JSON)",
    )
    extraction.set_defaults(handler=cmd_extract)

    importing = commands.add_parser(
        "import",
        help="importer des documents (txt, docx, odt, pdf, scans) comme brouillons à relire",
    )
    importing.add_argument("files", nargs="+", metavar="FICHIER", help="document à importer")
    importing.add_argument(
        "--confirm",
        action="store_true",
        help="enregistrer comme convention chaque brouillon complet",
    )
    importing.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import subventions : enregistrer les lignes valides, rejeter les autres",
    )
    importing.add_argument(
        "--rejected",
        metavar="FICHIER",
        help="import subventions : fichier des lignes rejetées (défaut : FICHIER.rejets.csv)",
    )
    importing.add_argument(
        "--merge",
        metavar="RÉF",
        help="avec --confirm : doublon probable, mettre à jour la convention RÉF (suivi gardé)",
    )
    importing.add_argument(
        "--keep-both",
        action="store_true",
        help="avec --confirm (ou load) : enregistrer malgré un doublon probable",
    )
    importing.add_argument(
        "--reprise",
        action="store_true",
        help=(
            "avec --confirm : reprise d'historique d'une convention en cours ou terminée "
            "(ce qui était dû avant aujourd'hui est enregistré comme réalisé)"
        ),
    )
    importing.set_defaults(handler=cmd_import)

    from pacte.cli.outputs import EXPORT_KINDS, add_document_arguments

    export = commands.add_parser(
        "export",
        help="exporter : subventions (SCDL), deliberations, registre, echeancier, obligations",
    )
    export.add_argument("kind", choices=EXPORT_KINDS, metavar="TYPE", help=", ".join(EXPORT_KINDS))
    export.add_argument(
        "--year", type=int, metavar="AAAA", help="année (obligatoire pour subventions)"
    )
    export.add_argument("--authority", metavar="SIRET", help="seulement cette collectivité")
    export.add_argument(
        "-o", "--output", metavar="FICHIER", help="fichier (défaut : sortie standard)"
    )
    export.add_argument(
        "--format",
        choices=["csv", "xlsx", "ods"],
        help="registre, echeancier, obligations (défaut : selon l'extension de -o, sinon csv)",
    )
    export.add_argument(
        "--on", type=parse_day, metavar="AAAA-MM-JJ", help="obligations : date d'évaluation"
    )
    export.set_defaults(handler=cmd_export)

    document = commands.add_parser(
        "document", help="produire un document : convention, denonciation, avenant, versement"
    )
    add_document_arguments(document, parse_day)
    document.set_defaults(handler=cmd_document)

    extract_act = commands.add_parser(
        "extrait",
        help="extrait du registre d'une délibération (seance:AAAA-MM-JJ[:SIRET]), DOCX ou PDF",
    )
    extract_act.add_argument("target", metavar="SEANCE", help="seance:AAAA-MM-JJ[:SIRET]")
    extract_act.add_argument(
        "--deliberation", metavar="N", help="numéro de l'acte, ou son rang dans la séance (1, 2…)"
    )
    extract_act.add_argument(
        "--format", choices=["docx", "pdf"], help="docx (défaut) ou pdf (selon l'extension de -o)"
    )
    extract_act.add_argument("-o", "--output", metavar="FICHIER", help="fichier à écrire")
    extract_act.set_defaults(handler=cmd_extrait)

    drafts = commands.add_parser("drafts", help="lister les brouillons d'import")
    drafts.add_argument(
        "--status",
        choices=["pending", "confirmed", "rejected"],
        help="seulement les brouillons dans cet état",
    )
    drafts.set_defaults(handler=cmd_drafts)

    listing = commands.add_parser("list", help="lister les conventions du registre")
    listing.set_defaults(handler=cmd_list)

    for name, handler, text in (
        ("serve", cmd_serve, "servir l'application web"),
        ("demo", cmd_demo, "préparer la base de démonstration et servir l'application"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--port", type=int, default=8000, help="port (défaut : 8000)")
        sub.add_argument("--host", default="127.0.0.1", help="adresse (défaut : 127.0.0.1)")
        sub.add_argument(
            "--dev",
            action="store_true",
            help="mode développement : DEBUG activé, pages d'erreur détaillées (jamais en production)",
        )
        sub.add_argument(
            "--workers",
            type=int,
            default=2,
            metavar="N",
            help="nombre de processus du serveur (défaut : 2)",
        )
        sub.add_argument(
            "--threads",
            type=int,
            default=4,
            metavar="N",
            help="fils d'exécution par processus (défaut : 4)",
        )
        if name == "demo":
            sub.add_argument("--no-serve", action="store_true", help="préparer sans servir")
        sub.set_defaults(handler=handler)

    reminders = commands.add_parser(
        "reminders",
        help="envoyer les rappels par courriel dus aujourd'hui (récapitulatifs, alertes)",
    )
    reminders.add_argument(
        "--on", type=parse_day, metavar="AAAA-MM-JJ", help="jour de l'envoi (défaut : aujourd'hui)"
    )
    reminders.add_argument(
        "--dry-run", action="store_true", help="lister les courriels sans les envoyer"
    )
    reminders.set_defaults(handler=cmd_reminders)

    backup = commands.add_parser(
        "backup",
        help="sauvegarder la base, les fichiers déposés et les modèles dans une archive .tar.gz",
    )
    backup.add_argument(
        "folder",
        nargs="?",
        metavar="DOSSIER",
        help="dossier de l'archive (défaut : sauvegardes/ du dossier de données)",
    )
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore", help="restaurer une sauvegarde (pacte backup) et vérifier le registre"
    )
    restore.add_argument("archive", metavar="ARCHIVE", help="archive pacte-sauvegarde-….tar.gz")
    restore.add_argument(
        "--force", action="store_true", help="remplacer un registre qui n'est pas vide"
    )
    restore.set_defaults(handler=cmd_restore)

    worker = commands.add_parser(
        "worker", help="travailleur des tâches de fond (file PACTE_BROKER_URL)"
    )
    worker.add_argument(
        "--concurrency",
        type=int,
        default=2,
        metavar="N",
        help="nombre de processus du travailleur (défaut : 2)",
    )
    worker.set_defaults(handler=cmd_worker)

    scheduler = commands.add_parser(
        "scheduler", help="planificateur des tâches de fond (recalcul des obligations chaque nuit)"
    )
    scheduler.set_defaults(handler=cmd_scheduler)

    from pacte.cli.observatory import add_arguments as add_observatory

    add_observatory(commands, cmd_observatory)

    from pacte.cli.calls import add_arguments as add_calls

    add_calls(commands, cmd_calls)

    manage = commands.add_parser("manage", help="commande d'administration Django (migrate…)")
    manage.add_argument("arguments", nargs=argparse.REMAINDER, metavar="ARGUMENTS")
    manage.set_defaults(handler=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # output piped to a command that stopped reading (head)
        sys.stderr.close()
        return 0
    except CliError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
