"""Documents of a call for projects, in Word (DOCX): the call to circulate, the
committee's minutes (with the conflict-of-interest declarations), and the letters that
notify a decision (acceptance, with its conditions; refusal, with its reasons and the
means of appeal).

Each document is a plain context first (texts already in French: « 20 mai 2026 »,
« 12 500,00 € »), then written with python-docx; tests read both.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.shared import Pt

from pacte.calls import selectors
from pacte.calls.enums import Outcome, RequiredDocument
from pacte.calls.models import Application, Call
from pacte.organisations.enums import OrganisationKind
from pacte.terms.formats import format_amount_fr, format_date_fr

APPEAL = (
    "Cette décision peut faire l’objet d’un recours gracieux auprès de {authority}, ou "
    "d’un recours contentieux devant le tribunal administratif dans un délai de deux mois "
    "à compter de sa notification."
)
"""The means of appeal a refusal mentions (« voies et délais de recours »)."""


def _local(moment: Any) -> str:
    from django.utils import timezone

    local = timezone.localtime(moment)
    return f"{format_date_fr(local.date())} à {local.hour} h {local.minute:02d}"


def call_context(call: Call) -> dict[str, Any]:
    """What the call states, for the document its partner circulates."""
    fund = call.fund
    orientation = selectors.current_orientation(call)
    kinds = dict(OrganisationKind.choices)
    documents = dict(RequiredDocument.choices)
    rules = []
    if call.eligible_kinds:
        rules.append(
            "Structures éligibles : "
            + ", ".join(kinds.get(k, k) for k in call.eligible_kinds)
            + "."
        )
    if call.eligible_departments:
        rules.append("Territoire : département(s) " + ", ".join(call.eligible_departments) + ".")
    if call.min_amount is not None:
        rules.append(f"Montant minimum demandé : {format_amount_fr(call.min_amount)}.")
    if call.max_amount is not None:
        rules.append(f"Montant maximum demandé : {format_amount_fr(call.max_amount)}.")
    if call.max_rate is not None:
        rate = f"{call.max_rate.normalize():f}".replace(".", ",")
        rules.append(f"La subvention ne dépasse pas {rate} % du coût du projet.")
    return {
        "title": call.title,
        "fund": fund.name,
        "authority": fund.authority.name,
        "partner": fund.partner.name if fund.partner else "",
        "summary": call.summary,
        "orientation": orientation.text if orientation else "",
        "orientation_note": (
            f"Orientations validées le {format_date_fr(orientation.validated_at.date())} "
            f"(version {orientation.version})."
            if orientation and orientation.validated_at
            else "Orientations non encore validées."
        ),
        "envelope": format_amount_fr(call.envelope),
        "opens": _local(call.opens_at),
        "closes": _local(call.closes_at),
        "committee": format_date_fr(call.committee_on) if call.committee_on else "",
        "rules": rules,
        "criteria": [
            f"{c.label} (pondération {c.weight.normalize():f})".replace(".", ",")
            for c in selectors.criteria_of(call)
        ],
        "documents": [documents.get(code, code) for code in call.required_documents]
        + ["contrat d’engagement républicain souscrit"],
    }


def minutes_context(call: Call) -> dict[str, Any]:
    """The committee's minutes: members present, quorum, declarations, ranking, decisions."""
    meeting = selectors.committee_of(call)
    quorum = call.fund.quorum
    declarations = [
        {
            "application": f"{a.application.reference} — {a.application.project_title}",
            "reviewer": a.reviewer.get_full_name() or a.reviewer.get_username(),
            "declaration": a.get_conflict_display(),
            "note": a.conflict_note,
        }
        for a in selectors.conflicts_of(call)
    ]
    ranking = [
        {
            "rank": str(row.ranked.rank),
            "application": f"{row.application.reference} — {row.application.project_title}",
            "score": f"{row.ranked.score:.2f}".replace(".", ",")
            if row.ranked.score is not None
            else "non noté",
            "amount": format_amount_fr(row.ranked.amount),
            "cumulative": format_amount_fr(row.ranked.cumulative),
            "line": "dans l’enveloppe" if row.ranked.within else "sous la ligne",
        }
        for row in selectors.ranking_of(call)
    ]
    decisions = [
        {
            "application": f"{d.application.reference} — {d.application.project_title} "
            f"({d.application.organisation_name})",
            "outcome": d.get_outcome_display(),
            "amount": format_amount_fr(d.amount) if d.amount else "",
            "conditions": d.conditions,
            "reason": d.reason,
        }
        for d in selectors.decisions_of(call)
    ]
    from pacte.calls.services import decided_total

    return {
        "title": f"Procès-verbal du comité de sélection — {call.title}",
        "fund": call.fund.name,
        "held_on": format_date_fr(meeting.held_on) if meeting else "",
        "members": list(meeting.members_present) if meeting else [],
        "quorum": (
            f"Quorum : {quorum} membres ; {'atteint' if meeting and meeting.quorum_reached else 'non atteint'}."
            if quorum
            else "Le dispositif ne fixe pas de quorum."
        ),
        "declarations": declarations,
        "ranking": ranking,
        "decisions": decisions,
        "total": format_amount_fr(decided_total(call)),
        "envelope": format_amount_fr(call.envelope),
    }


def letter_context(application: Application) -> dict[str, Any]:
    """The letter notifying the committee's decision to the applicant."""
    decision = selectors.decision_of(application)
    if decision is None:
        raise LookupError("Aucune décision pour ce dossier.")
    call = application.call
    authority = call.fund.authority.name
    accepted = decision.outcome != Outcome.REJECTED
    meeting_day = format_date_fr(decision.meeting.held_on)
    if accepted:
        body = [
            f"Le comité de sélection du dispositif « {call.fund.name} », réuni le {meeting_day}, "
            f"a retenu votre projet « {application.project_title} » au titre de l’appel à "
            f"projets « {call.title} ».",
            f"Une subvention de {format_amount_fr(decision.amount)} vous est attribuée"
            + (
                f" (montant demandé : {format_amount_fr(application.amount_requested)})."
                if decision.amount != application.amount_requested
                else "."
            ),
        ]
        if decision.conditions:
            body.append(
                f"Cette attribution est soumise aux conditions suivantes : {decision.conditions}"
            )
        body.append(
            "Une convention précisant le montant, les modalités de versement et les comptes "
            "rendus attendus vous sera adressée pour signature."
        )
        appeal = ""
    else:
        body = [
            f"Le comité de sélection du dispositif « {call.fund.name} », réuni le {meeting_day}, "
            f"a examiné votre projet « {application.project_title} » présenté au titre de "
            f"l’appel à projets « {call.title} ».",
            "Nous avons le regret de vous informer qu’il n’a pas été retenu, pour les motifs "
            f"suivants : {decision.reason}",
        ]
        appeal = APPEAL.format(authority=authority)
    return {
        "sender": authority,
        "recipient": application.organisation_name,
        "representative": application.representative,
        "address": " ".join(
            p for p in (application.address, application.postcode, application.city) if p
        ),
        "date": format_date_fr(decision.decided_at.date()),
        "subject": (f"Objet : appel à projets « {call.title} » — dossier {application.reference}"),
        "kind": "acceptation" if accepted else "refus",
        "body": body,
        "appeal": appeal,
    }


def _docx(build: Any) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(11)
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _list(document: Any, items: list[str]) -> None:
    for item in items:
        document.add_paragraph(item, style="List Bullet")


def call_docx(call: Call) -> bytes:
    context = call_context(call)

    def build(document: Any) -> None:
        document.add_heading(context["title"], level=0)
        lead = f"Dispositif « {context['fund']} » de {context['authority']}"
        if context["partner"]:
            lead += f", en partenariat avec {context['partner']}"
        document.add_paragraph(lead + ".")
        if context["summary"]:
            document.add_paragraph(context["summary"])
        document.add_heading("Orientations", level=1)
        if context["orientation"]:
            document.add_paragraph(context["orientation"])
        document.add_paragraph(context["orientation_note"])
        document.add_heading("Calendrier et enveloppe", level=1)
        _list(
            document,
            [
                f"Dépôt des dossiers du {context['opens']} au {context['closes']} (heure de Paris).",
                *(
                    [f"Comité de sélection : {context['committee']}."]
                    if context["committee"]
                    else []
                ),
                f"Enveloppe de l’appel : {context['envelope']}.",
            ],
        )
        if context["rules"]:
            document.add_heading("Conditions d’éligibilité", level=1)
            _list(document, context["rules"])
        document.add_heading("Critères de sélection", level=1)
        _list(document, context["criteria"])
        document.add_heading("Pièces à fournir", level=1)
        _list(document, [d[0].upper() + d[1:] for d in context["documents"]])

    return _docx(build)


def minutes_docx(call: Call) -> bytes:
    context = minutes_context(call)

    def build(document: Any) -> None:
        document.add_heading(context["title"], level=0)
        document.add_paragraph(
            f"Réunion du {context['held_on']}."
            if context["held_on"]
            else "Réunion non enregistrée."
        )
        document.add_heading("Membres présents", level=1)
        _list(document, context["members"] or ["aucun membre enregistré"])
        document.add_paragraph(context["quorum"])
        document.add_heading("Déclarations d’intérêts", level=1)
        if context["declarations"]:
            for item in context["declarations"]:
                text = f"{item['reviewer']} — {item['application']} : {item['declaration']}"
                document.add_paragraph(
                    text + (f" ({item['note']})" if item["note"] else "."), style="List Bullet"
                )
        else:
            document.add_paragraph("Aucune déclaration.")
        document.add_heading("Classement", level=1)
        table = document.add_table(rows=1, cols=6)
        for cell, header in zip(
            table.rows[0].cells,
            ("Rang", "Dossier", "Note", "Montant demandé", "Cumul", "Ligne de financement"),
            strict=True,
        ):
            cell.text = header
        for row in context["ranking"]:
            cells = table.add_row().cells
            for cell, key in zip(
                cells, ("rank", "application", "score", "amount", "cumulative", "line"), strict=True
            ):
                cell.text = row[key]
        document.add_heading("Décisions", level=1)
        for item in context["decisions"]:
            text = f"{item['application']} : {item['outcome']}"
            if item["amount"]:
                text += f", {item['amount']}"
            if item["conditions"]:
                text += f" ; conditions : {item['conditions']}"
            if item["reason"]:
                text += f" ; motifs : {item['reason']}"
            document.add_paragraph(text, style="List Bullet")
        document.add_paragraph(
            f"Total attribué : {context['total']} pour une enveloppe de {context['envelope']}."
        )

    return _docx(build)


def letter_docx(application: Application) -> bytes:
    context = letter_context(application)

    def build(document: Any) -> None:
        document.add_paragraph(context["sender"])
        for line in (context["recipient"], context["representative"], context["address"]):
            if line:
                document.add_paragraph(line)
        document.add_paragraph(f"Le {context['date']}")
        document.add_paragraph(context["subject"]).runs[0].bold = True
        document.add_paragraph("Madame, Monsieur,")
        for paragraph in context["body"]:
            document.add_paragraph(paragraph)
        if context["appeal"]:
            document.add_paragraph(context["appeal"])
        document.add_paragraph(
            "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées."
        )
        document.add_paragraph(context["sender"])

    return _docx(build)
