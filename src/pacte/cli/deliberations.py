"""Council sessions on the command line: read session files, show a session, export open data.

``pacte show seance:AAAA-MM-JJ[:SIRET]`` prints a stored session (the SIRET picks the
authority when several sat that day); ``pacte show FICHIER.yaml`` does the same for a
session file. ``pacte export deliberations --year AAAA [--authority SIRET] [-o FICHIER]``
writes the SCDL « Délibérations » CSV. ``pacte extrait seance:AAAA-MM-JJ[:SIRET]
[--deliberation N] [--format docx|pdf] [-o FICHIER]`` writes the « Extrait du registre
des délibérations » of one act.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from pacte.rules.checks.findings import Finding, Severity
from pacte.rules.deliberations import session_findings, session_summary
from pacte.terms import Convention, CouncilSession, TermsError, load_convention_json
from pacte.terms.io import (
    Problem,
    convention_from_data,
    council_session_from_data,
    is_council_session_data,
    read_yaml,
)

SESSION_TARGET = re.compile(r"^s[ée]ance:(\d{4}-\d{2}-\d{2})(?::(\d{14}))?$")


def read_terms_or_session(path: Path) -> Convention | CouncilSession:
    """A convention or a council session (``session:`` and ``deliberations:`` at the top)."""
    text = path.read_text(encoding="utf-8")
    source = str(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return load_convention_json(text, source=source)  # raises, with the line
        if is_council_session_data(data):
            return council_session_from_data(data, source)
        return convention_from_data(data, source)
    data, root = read_yaml(text, source)
    if is_council_session_data(data):
        return council_session_from_data(data, source, root)
    return convention_from_data(data, source, root)


def is_session_target(target: str) -> bool:
    """``seance:…``, or a YAML/JSON file that describes a council session."""
    if SESSION_TARGET.match(target):
        return True
    path = Path(target)
    if path.suffix.lower() not in (".yaml", ".yml", ".json") or not path.is_file():
        return False
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else read_yaml(text)[0]
    except (UnicodeDecodeError, json.JSONDecodeError, TermsError):
        return False
    return is_council_session_data(data)


# -- pacte show --------------------------------------------------------------------------


def _finding_line(finding: Finding) -> str:
    return f"  [{finding.severity.label}] {finding.message} ({finding.location.label})"


def render_session(council: CouncilSession, conventions: dict[str, list[str]] | None = None) -> str:
    """The session in French: attendance and quorum once, then each act with its vote."""
    session, kind = council.session, council.authority.kind
    summary = session_summary(session, kind=kind)
    common = session_findings(session, kind=kind)
    lines = [f"Collectivité : {council.authority.name}"]
    if council.authority.siret:
        lines[0] += f" (SIRET {council.authority.siret})"
    lines += [
        line for line in summary.lines() if not line.startswith(("Publication", "Exécutoire"))
    ]
    if common:
        lines.append("Constats sur la séance :")
        lines += [_finding_line(f) for f in common]
    for act in council.acts():
        act_summary = session_summary(session, act, kind=kind)
        lines.append("")
        number = f"n° {act.number} – " if act.number else ""
        lines.append(f"Délibération {number}{' '.join(act.object.split())}")
        if act_summary.tally is not None:
            lines.append(f"  Vote : {act_summary.tally.text}")
        else:
            lines.append("  Vote : non indiqué")
        amounts = [d.amount for d in act.decisions if d.amount is not None]
        if amounts:
            from pacte.terms import format_amount_fr

            lines.append(f"  Montants accordés : {', '.join(format_amount_fr(a) for a in amounts)}")
        if act.mandated:
            lines.append(f"  Autorise à signer : {act.mandated.full_name}")
        linked = (conventions or {}).get(act.number or act.object, act.conventions)
        if linked:
            lines.append(f"  Conventions approuvées : {', '.join(linked)}")
        lines += ["  " + line for line in act_summary.lines()[-2:]]
        own = [f for f in session_findings(session, act, kind=kind) if f not in common]
        lines += [_finding_line(f) for f in own]
    return "\n".join(lines) + "\n"


def _session_row(target: str):  # -> Session | None
    """The stored session ``seance:AAAA-MM-JJ[:SIRET]`` names; says in French why not."""
    from pacte.cli import _setup_django

    match = SESSION_TARGET.match(target)
    assert match is not None
    try:
        on = date.fromisoformat(match.group(1))
    except ValueError:
        print(f"Erreur : date impossible « {match.group(1)} » (AAAA-MM-JJ).", file=sys.stderr)
        return None
    _setup_django()
    from pacte.deliberations.selectors import session_find

    rows = [row for row in session_find(on=on, authority_siret=match.group(2)) if row.authority]
    if not rows:
        print(
            f"Erreur : aucune séance le {on:%d/%m/%Y} dans le registre"
            + (f" pour le SIRET {match.group(2)}" if match.group(2) else "")
            + " (« pacte load SEANCE.yaml » en ajoute une).",
            file=sys.stderr,
        )
        return None
    authorities = {row.authority_id for row in rows}
    if len(authorities) > 1:
        sirets = ", ".join(sorted({row.authority.siret or row.authority.name for row in rows}))
        print(
            f"Erreur : plusieurs collectivités ont siégé le {on:%d/%m/%Y} ({sirets}) : "
            f"préciser « seance:{on.isoformat()}:SIRET ».",
            file=sys.stderr,
        )
        return None
    return rows[0]


def _stored_session(target: str) -> tuple[CouncilSession, dict[str, list[str]]] | None:
    row = _session_row(target)
    if row is None:
        return None
    from pacte.conventions.selectors import deliberation_conventions
    from pacte.deliberations.selectors import session_terms

    links = {d.number or d.object: deliberation_conventions(d) for d in row.deliberations.all()}
    return session_terms(row), links


def run_show_session(target: str) -> int:
    """Print a session from the register (``seance:…``) or from a file; 1 on error."""
    if SESSION_TARGET.match(target):
        found = _stored_session(target)
        if found is None:
            return 1
        council, links = found
        print(render_session(council, links), end="")
        return 0
    try:
        council = read_terms_or_session(Path(target))
    except TermsError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    assert isinstance(council, CouncilSession)
    print(render_session(council), end="")
    return 1 if any(f.severity is Severity.ERROR for f in _all_findings(council)) else 0


def _all_findings(council: CouncilSession) -> list[Finding]:
    kind = council.authority.kind
    return [f for act in council.acts() for f in session_findings(act.session, act, kind=kind)]


# -- pacte export deliberations -----------------------------------------------------------


def run_export_deliberations(args: argparse.Namespace) -> int:
    """``pacte export deliberations --year Y [--authority SIRET] [-o FICHIER]``; 0 when written.

    ``args.output`` None or ``-`` writes to the standard output; what could not be
    written (no SIRET, no ACTES code) is listed on the error output.
    """
    from pacte.cli import _setup_django

    year = getattr(args, "year", None)
    if year is None:
        print("Erreur : préciser l'année : « --year AAAA ».", file=sys.stderr)
        return 1
    authority = getattr(args, "authority", None)
    if authority is not None and not re.fullmatch(r"\d{14}", authority):
        print(f"Erreur : SIRET « {authority} » : 14 chiffres attendus.", file=sys.stderr)
        return 1
    from pacte.cli.outputs import output_problem

    problem = output_problem(getattr(args, "output", None), (".csv",))
    if problem:
        print(f"Erreur : {problem}", file=sys.stderr)
        return 1
    _setup_django()
    from pacte.deliberations.scdl import write_scdl_csv
    from pacte.deliberations.selectors import deliberations_for_year
    from pacte.observation.selectors import organisation_identity

    acts = deliberations_for_year(year=year, authority_siret=authority)
    output = getattr(args, "output", None)
    if output in (None, "-"):
        report = write_scdl_csv(acts, sys.stdout, organisation_identity)
    else:
        path = Path(output)
        partial = path.with_name(path.name + ".partiel")
        with partial.open("w", encoding="utf-8", newline="") as stream:
            report = write_scdl_csv(acts, stream, organisation_identity)
        partial.replace(path)  # a failed export never leaves a half-written file
    for reason in report.skipped:
        print(f"Non exportée : {reason}", file=sys.stderr)
    where = "" if output in (None, "-") else f" dans {output}"
    print(
        f"{report.written} délibération(s) de {year} exportée(s){where} (SCDL Délibérations).",
        file=sys.stderr,
    )
    return 0


def session_problem(name: str) -> Problem:
    """The French problem when a session file is given where a convention is expected."""
    return Problem(
        path="",
        message=f"ce fichier décrit une séance du conseil, pas une convention (« pacte show {name} » la résume)",
    )


# -- pacte extrait ------------------------------------------------------------------------


def _chosen_act(row, wanted: str | None):  # -> Deliberation | None
    """The act ``--deliberation`` names (its number, or its rank in the session from 1)."""
    acts = list(row.deliberations.order_by("number", "pk"))
    numbers = ", ".join(a.number or f"{i}" for i, a in enumerate(acts, 1))
    if wanted is None:
        if len(acts) == 1:
            return acts[0]
        print(
            f"Erreur : la séance compte {len(acts)} délibérations ({numbers}) : "
            "préciser --deliberation NUMÉRO.",
            file=sys.stderr,
        )
        return None
    for act in acts:
        if act.number and act.number.casefold() == wanted.casefold():
            return act
    if wanted.isdigit() and 1 <= int(wanted) <= len(acts):
        return acts[int(wanted) - 1]
    print(
        f"Erreur : aucune délibération « {wanted} » dans cette séance ({numbers}).",
        file=sys.stderr,
    )
    return None


def run_extract(args: argparse.Namespace) -> int:
    """``pacte extrait seance:AAAA-MM-JJ[:SIRET] [--deliberation N] [--format docx|pdf] [-o F]``."""
    import shutil
    import tempfile

    if not SESSION_TARGET.match(args.target):
        print(
            f"Erreur : « {args.target} » n'est pas une séance du registre "
            "(seance:AAAA-MM-JJ[:SIRET]).",
            file=sys.stderr,
        )
        return 1
    from pacte.cli.outputs import output_problem

    fmt = args.format or ("pdf" if (args.output or "").lower().endswith(".pdf") else "docx")
    problem = output_problem(args.output, (".docx", ".pdf"))
    if not problem and args.output and Path(args.output).suffix.lower() != f".{fmt}":
        problem = f"« {args.output} » ne correspond pas au format demandé (--format {fmt})"
    if problem:
        print(f"Erreur : {problem}", file=sys.stderr)
        return 1
    row = _session_row(args.target)
    if row is None:
        return 1
    act = _chosen_act(row, args.deliberation)
    if act is None:
        return 1
    from django.utils.text import slugify

    from pacte.deliberations.extract_document import ExtractError, extract_docx, extract_pdf
    from pacte.deliberations.rows import DELIBERATION_PREFETCH, deliberation_to_terms
    from pacte.organisations.selectors import organisation_to_terms

    terms = deliberation_to_terms(DELIBERATION_PREFETCH.get(pk=act.pk))
    stem = "extrait-" + (slugify(act.number) or f"deliberation-{row.date.isoformat()}")
    target = Path(args.output or f"{stem}.{fmt}")
    with tempfile.TemporaryDirectory(prefix="pacte-extrait-") as folder:
        made = extract_docx(
            terms,
            authority=organisation_to_terms(row.authority),
            target=Path(folder) / f"{stem}.docx",
        )
        if fmt == "pdf":
            try:
                made = extract_pdf(made)
            except ExtractError as error:
                print(f"Erreur : {error}.", file=sys.stderr)
                return 1
        shutil.move(str(made), target)
    print(f"Extrait du registre écrit : {target}")
    return 0
