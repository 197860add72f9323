"""The applications of a call and their scores as a spreadsheet (CSV or XLSX): one row
per application, with its weighted mean, its rank against the funding line, the mean
of each criterion, and the committee's decision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pacte.calls import selectors
from pacte.calls.models import Call
from pacte.outputs.spreadsheets import AMOUNT, INTEGER, Column


def export_columns(call: Call) -> list[Column]:
    return [
        Column("Dossier", width=18),
        Column("Structure", width=36),
        Column("SIRET", width=16),
        Column("RNA", width=12),
        Column("Projet", width=40),
        Column("Montant demandé", AMOUNT, 16),
        Column("État", width=20),
        Column("Rang", INTEGER, 6),
        Column("Note pondérée (sur 5)", width=12),
        Column("Évaluations", INTEGER, 10),
        Column("Cumul demandé", AMOUNT, 16),
        Column("Ligne de financement", width=18),
        *(Column(f"Moyenne : {c.label}", width=14) for c in selectors.criteria_of(call)),
        Column("Décision", width=20),
        Column("Montant attribué", AMOUNT, 16),
        Column("Motifs", width=40),
    ]


def export_rows(call: Call) -> Iterator[list[Any]]:
    ranked = {row.application.pk: row.ranked for row in selectors.ranking_of(call)}
    criteria = selectors.criteria_of(call)
    for application in selectors.applications_of_call(call):
        rank = ranked.get(application.pk)
        means = selectors.criterion_means(application)
        decision = selectors.decision_of(application)
        yield [
            application.reference,
            application.organisation_name,
            application.siret,
            application.rna,
            application.project_title,
            application.amount_requested,
            application.get_state_display(),
            rank.rank if rank else None,
            rank.score if rank else None,
            rank.reviews if rank else 0,
            rank.cumulative if rank else None,
            ("dans l’enveloppe" if rank.within else "sous la ligne") if rank else "",
            *(means[c.pk] for c in criteria),
            decision.get_outcome_display() if decision else "",
            decision.amount if decision else None,
            decision.reason if decision else "",
        ]
