"""Open data: the SCDL « Délibérations » CSV (schema v2.1.5) from the register.

Exactly the schema's columns in order, UTF-8, comma-separated, ISO dates, one act per
row, written as the register is read (streamed). An act the schema cannot describe
(authority without a SIRET, no ACTES subject code) is left out and reported.

Vote columns: ``VOTE_EFFECTIF`` is the members in office (as the quorum rule counts
them), ``VOTE_REEL`` those who took part (for + against + abstentions: the schema
checks that sum), the others as counted (every voter for a unanimous act without
counts). They are all filled or all empty, as the schema asks.

>>> SCDL_COLUMNS[:3]
('COLL_NOM', 'COLL_SIRET', 'DELIB_ID')
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from pacte import terms
from pacte.deliberations.actes import LEVEL_1, actes_subject
from pacte.observatory.authorities import Identify, known_siret, missing_siret_hint
from pacte.rules.deliberations import session_summary
from pacte.terms.identifiers import siren_is_valid

SCDL_COLUMNS = (
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
)
"""The columns of SCDL « Délibérations » v2.1.5, in the schema's order."""

Row = dict[str, str]


@dataclass
class ScdlReport:
    """What an export wrote and what it left out, with the reason, in French."""

    written: int = 0
    skipped: list[str] = field(default_factory=list)


def _prefecture_id(authority: terms.Organisation, act: terms.Deliberation) -> str:
    """``PREF056`` for an act sent to the préfecture of département 56 (not a sous-préfecture)."""
    department = authority.department
    named = (act.prefecture or "").strip().lower()
    if not department or act.transmitted_on is None or not named.startswith("préfecture"):
        return ""
    return f"PREF{department.zfill(3)}"


def _act_id(act: terms.Deliberation, rank: int) -> str:
    """The act's number, else its acknowledgement id, else ``AAAAMMJJ-rang`` in the session."""
    return act.number or act.acknowledgement_id or f"{act.session.date:%Y%m%d}-{rank}"


def _votes(act: terms.Deliberation, kind: terms.OrganisationKind) -> dict[str, str]:
    empty = dict.fromkeys(("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE"), "")
    empty["VOTE_ABSTENTION"] = ""
    summary = session_summary(act.session, act, kind=kind)
    tally, in_office = summary.tally, summary.quorum.in_office
    if tally is None or in_office is None:
        return empty
    if tally.votes_for is None or tally.votes_against is None:
        return empty
    taking_part = tally.votes_for + tally.votes_against + tally.abstentions
    return {
        "VOTE_EFFECTIF": str(in_office),
        "VOTE_REEL": str(taking_part),
        "VOTE_POUR": str(tally.votes_for),
        "VOTE_CONTRE": str(tally.votes_against),
        "VOTE_ABSTENTION": str(tally.abstentions),
    }


def scdl_row(
    authority: terms.Organisation,
    act: terms.Deliberation,
    rank: int = 1,
    identify: Identify | None = None,
) -> Row:
    """One CSV row; raises ``ValueError`` (French) when the act cannot be described.

    ``identify`` gives the SIRET of an authority the register knows without it (a commune,
    an EPCI, a département or a région: territory reference and SIRENE snapshot)."""
    siret, siren = known_siret(authority, identify)
    if not siret:
        hint = f" ; {missing_siret_hint(siren)}" if siren else ""
        raise ValueError(f"{authority.name} : SIRET de la collectivité non renseigné{hint}")
    subject = actes_subject(act.acts_subject_code)
    if subject is None:
        raise ValueError(
            f"délibération « {_act_id(act, rank)} » du {act.session.date:%d/%m/%Y} : "
            f"code matière ACTES absent ou inconnu ({act.acts_subject_code or 'non indiqué'})"
        )
    code, name = subject
    return {
        "COLL_NOM": authority.name,
        "COLL_SIRET": siret,
        "DELIB_ID": _act_id(act, rank),
        "DELIB_DATE": act.session.date.isoformat(),
        "DELIB_MATIERE_CODE": code,
        "DELIB_MATIERE_NOM": name,
        "DELIB_OBJET": " ".join(act.object.split()),
        "BUDGET_ANNEE": "",
        "BUDGET_NOM": "",
        "PREF_ID": _prefecture_id(authority, act),
        "PREF_DATE": act.transmitted_on.isoformat() if act.transmitted_on else "",
        **_votes(act, authority.kind),
        "DELIB_URL": act.url or "",
    }


def scdl_rows(
    acts: Iterable[tuple[terms.Organisation | None, terms.Deliberation]],
    report: ScdlReport | None = None,
    identify: Identify | None = None,
) -> Iterator[Row]:
    """Rows for ``(authority, act)`` pairs; what cannot be written goes to ``report.skipped``."""
    report = report if report is not None else ScdlReport()
    ranks: dict[tuple[str, str], int] = {}
    for authority, act in acts:
        key = (authority.siret or authority.name if authority else "", act.session.date.isoformat())
        ranks[key] = ranks.get(key, 0) + 1
        if authority is None:
            report.skipped.append(
                f"délibération « {act.number or act.object[:60]} » du "
                f"{act.session.date:%d/%m/%Y} : séance rattachée à aucune collectivité"
            )
            continue
        try:
            row = scdl_row(authority, act, ranks[key], identify)
        except ValueError as error:
            report.skipped.append(str(error))
            continue
        report.written += 1
        yield row


def write_scdl_csv(
    acts: Iterable[tuple[terms.Organisation | None, terms.Deliberation]],
    stream: TextIO,
    identify: Identify | None = None,
) -> ScdlReport:
    """Write the header and one row per act to ``stream`` (opened with ``newline=""``)."""
    report = ScdlReport()
    writer = csv.DictWriter(stream, fieldnames=SCDL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in scdl_rows(acts, report, identify):
        writer.writerow(row)
    return report


# -- the schema's custom checks, which frictionless does not run ---------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def scdl_row_problems(row: Row) -> list[str]:
    """What the schema's ``custom_checks`` would say of a row (French; empty when valid).

    >>> scdl_row_problems({"COLL_SIRET": "12345678200011", "DELIB_MATIERE_NOM": "x/y",
    ...                    "DELIB_DATE": "2026-01-05", "PREF_DATE": ""})[:1]
    ['COLL_SIRET 12345678200011 : clé de contrôle invalide']
    """
    problems = []
    siret = row.get("COLL_SIRET", "")
    if not (re.fullmatch(r"\d{14}", siret) and siren_is_valid(siret)):
        problems.append(f"COLL_SIRET {siret} : clé de contrôle invalide")
    name = row.get("DELIB_MATIERE_NOM", "")
    if "/" in name and _fold(name.split("/")[0]) not in {_fold(v) for v in LEVEL_1.values()}:
        problems.append(f"DELIB_MATIERE_NOM « {name} » : matière hors nomenclature ACTES")
    code = row.get("DELIB_MATIERE_CODE", "")
    if code and "/" in name and actes_subject(code) != (code, name):
        problems.append(f"DELIB_MATIERE_CODE {code} ne correspond pas à « {name} »")
    if bool(row.get("BUDGET_ANNEE")) != bool(row.get("BUDGET_NOM")):
        problems.append("BUDGET_ANNEE et BUDGET_NOM : renseignés ensemble ou pas du tout")
    votes = [row.get(c, "") for c in SCDL_COLUMNS[11:16]]
    if any(votes) and not all(votes):
        problems.append("colonnes VOTE_* : toutes renseignées ou aucune")
    if all(votes):
        effectif, reel, pour, contre, abstention = (_int(v) or 0 for v in votes)
        if effectif < reel:
            problems.append(f"VOTE_EFFECTIF {effectif} < VOTE_REEL {reel}")
        if max(pour, contre, abstention) > reel:
            problems.append(f"VOTE_REEL {reel} inférieur à l'un des décomptes")
        if pour + contre + abstention != reel:
            problems.append(f"VOTE_REEL {reel} ≠ pour + contre + abstentions")
    if row.get("PREF_DATE") and row["PREF_DATE"] < row.get("DELIB_DATE", ""):
        problems.append(f"PREF_DATE {row['PREF_DATE']} antérieure à DELIB_DATE")
    return problems
