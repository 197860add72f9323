"""Documents of the observatory: the « données de cadrage » of a territory and the note to
the steering committee on the territory chosen for a PTCE (DOCX).

The cadrage shows the same charts' tables as the screen (``pacte.observatory.display``),
from the same result (``report.indicators_for``), with the sources and the method's limits.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docx import Document
from docx.shared import Pt

from pacte.observatory.display import (
    change_rows,
    charts,
    day_fr,
    decimal_fr,
    employees_fr,
    employer_rows,
    share_fr,
    snapshot_fr,
    territory_fr,
)
from pacte.observatory.ptce import OBSERVATORY_INDICATORS
from pacte.terms import format_date_fr

LIMITS = (
    "SIRENE ne donne qu'une tranche d'effectif salarié par établissement : les salariés "
    "sont une fourchette (somme des bornes des tranches) et une estimation (milieu des "
    "tranches), non un nombre d'emplois ni d'équivalents temps plein ; les tranches ont un "
    "an ou deux de retard sur le millésime.",
    "Un établissement est compté là où il est immatriculé, pas là où ses salariés travaillent.",
    "Le périmètre de l'ESS suit l'indicateur SIRENE, la liste chargée et la table des "
    "catégories juridiques en vigueur à la date du millésime (règles ci-dessus).",
)


def _table(document: Any, headings: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _new(title: str) -> Any:
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    document.add_heading(title, level=0)
    return document


def cadrage_docx(result: dict[str, Any], *, on: date, convention: str = "") -> bytes:
    """« Données de cadrage sur l'ESS » of the territory of ``result``."""
    territory = result["territory"]
    document = _new(f"Données de cadrage sur l'économie sociale et solidaire — {territory['name']}")
    total = result["total_ess"]
    intro = (
        f"{territory_fr(territory)}, {decimal_fr(territory['population'], 0)} habitants. "
        f"Répertoire SIRENE de l'INSEE, millésime {snapshot_fr(result['snapshot'])} "
        f"(année des tranches d'effectif : {total['employees'].get('band_year') or 'non indiquée'}). "
        f"Document établi le {format_date_fr(on)}"
        + (f" au titre de la convention {convention}." if convention else ".")
    )
    document.add_paragraph(intro)
    document.add_heading("L'essentiel", level=1)
    for text in (
        f"{decimal_fr(total['establishments'], 0)} établissements actifs de l'ESS, dont "
        f"{decimal_fr(total['employer_establishments'], 0)} employeurs.",
        f"Salariés de l'ESS : {employees_fr(total['employees'])}.",
        f"Part de l'ESS dans le secteur privé : {share_fr(result['share']['establishments'])} "
        f"des établissements, {share_fr(result['share']['employees'])} des salariés.",
        f"Établissements de l'ESS pour 10 000 habitants : "
        f"{decimal_fr(result['per_10000_inhabitants'])}.",
    ):
        document.add_paragraph(text, style="List Bullet")
    for chart in charts(result):
        document.add_heading(chart.title, level=1)
        if chart.rows:
            _table(document, [chart.heading, *chart.columns], chart.rows)
        else:
            document.add_paragraph("Aucun établissement de l'ESS.")
    changes = change_rows(result)
    if changes:
        delta = result["change"]
        document.add_heading(
            f"Évolution entre {snapshot_fr(delta['from'])} et {snapshot_fr(delta['to'])}", level=1
        )
        _table(
            document,
            ["Famille", "Établissements", "Taux", "Salariés (estimation)"],
            changes,
        )
    employers = employer_rows(result)
    document.add_heading("Principaux employeurs de l'ESS", level=1)
    if employers:
        _table(
            document,
            ["Unité légale", "SIREN", "Famille", "Établissements", "Salariés (estimation)"],
            employers,
        )
    else:
        document.add_paragraph("Aucun employeur de l'ESS dans le territoire.")
    document.add_heading("Sources et méthode", level=1)
    sources = result["sources"]
    document.add_paragraph(
        f"Fichiers SIRENE importés le {day_fr(sources['imported_at'])} ; référentiel des "
        f"territoires : {sources['territory_reference']}."
    )
    for text in sources["ess_rules"]:
        document.add_paragraph(text, style="List Bullet")
    for text in LIMITS:
        document.add_paragraph(text, style="List Bullet")
    for warning in result["warnings"]:
        document.add_paragraph(f"Attention : {warning}", style="List Bullet")
    return _save(document)


def ptce_note_docx(
    *,
    convention: str,
    convention_title: str,
    step: str,
    territory_name: str,
    territory: str,
    justification: str,
    snapshot: str,
    weights: dict[str, float],
    ranking: list[dict[str, Any]],
    chosen_on: date,
    chosen_by: str,
) -> bytes:
    """Note to the steering committee: the territory chosen for a PTCE and why."""
    document = _new("Note au comité de pilotage — choix du territoire d'un PTCE")
    document.add_paragraph(f"Convention {convention} : {convention_title}")
    document.add_paragraph(f"Étape : {step}")
    document.add_paragraph(
        f"Territoire retenu : {territory_name} ({territory}), le {format_date_fr(chosen_on)}"
        + (f" par {chosen_by}." if chosen_by else ".")
    )
    document.add_heading("Justification", level=1)
    for paragraph in [p.strip() for p in justification.split("\n") if p.strip()]:
        document.add_paragraph(paragraph)
    document.add_heading("Classement des territoires candidats", level=1)
    document.add_paragraph(
        "Chaque indicateur est ramené entre 0 (la valeur la plus basse des candidats) et 1 "
        "(la plus haute), l'inverse pour un poids négatif ; le score est la moyenne pondérée "
        f"sur 100. Observatoire : répertoire SIRENE, millésime {snapshot_fr(snapshot)}. "
        "Poids : "
        + " ; ".join(
            f"{OBSERVATORY_INDICATORS.get(name, name)} : {decimal_fr(weight, 1)}"
            for name, weight in weights.items()
        )
        + "."
    )
    _table(
        document,
        ["Rang", "Territoire", "Score sur 100"],
        [
            [
                str(entry["rank"]),
                f"{entry['name']} ({entry['territory']})",
                decimal_fr(entry["score"]),
            ]
            for entry in ranking
        ],
    )
    document.add_heading("Composantes des scores", level=1)
    rows = []
    for entry in ranking:
        for part in entry["components"]:
            rows.append(
                [
                    entry["name"],
                    part["label"],
                    part.get("note", "")
                    if part["value"] is None
                    else f"{decimal_fr(part['value'], 2)} ({part.get('year') or 'année non indiquée'})",
                    part.get("source") or "",
                    decimal_fr(part["contribution"], 1),
                ]
            )
    _table(document, ["Territoire", "Indicateur", "Valeur", "Source", "Points"], rows)
    return _save(document)
