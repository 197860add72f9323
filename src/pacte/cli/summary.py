"""A readable French summary of a convention's terms, for ``pacte show``.

Pure: works on ``pacte.terms.Convention`` only, so it also serves files not yet stored.
"""

from __future__ import annotations

from pacte.terms import (
    Convention,
    Deliberation,
    Grant,
    Instalment,
    Party,
    StartRule,
    TriggerKind,
    Workstream,
    format_amount_fr,
    format_date_fr,
    format_percent_fr,
)


def _party_line(party: Party) -> str:
    line = f"{party.name} ({party.role.label})"
    who = party.representative.full_name if party.representative else None
    if who or party.capacity:
        line += " — représentant : " + ", ".join(p for p in (who, party.capacity) if p)
    if party.mandate:
        mandate = party.mandate
        line += f" — {mandate.kind.label}"
        if mandate.body:
            line += f" ({mandate.body})"
        if mandate.date:
            line += f" du {format_date_fr(mandate.date)}"
    return line


def _trigger_text(instalment: Instalment) -> str:
    trigger = instalment.trigger
    text = trigger.kind.label
    if trigger.kind is TriggerKind.ON_DATE and trigger.date:
        text = f"le {format_date_fr(trigger.date)}"
    if trigger.documents:
        names = [d.label or d.kind.label for d in trigger.documents]
        text += " (" + " ; ".join(names) + ")"
    return text


def _grant_lines(grant: Grant) -> list[str]:
    lines = [f"{grant.kind.label}" + (f" — {grant.purpose}" if grant.purpose else "")]
    if grant.annual_amount is not None:
        prorata = f", prorata {grant.prorata.basis.label}" if grant.prorata else ""
        lines.append(f"  {format_amount_fr(grant.annual_amount)} par année pleine{prorata}")
    for year in grant.years:
        amount = format_amount_fr(year.amount) if year.amount is not None else "montant non indiqué"
        months = f" ({year.months} mois)" if year.months else ""
        lines.append(f"  {year.year} : {amount}{months}")
    for instalment in grant.instalments:
        measure = (
            format_percent_fr(instalment.percent)
            if instalment.percent is not None
            else format_amount_fr(instalment.amount or 0)
        )
        lines.append(f"  {instalment.kind.label} de {measure} : {_trigger_text(instalment)}")
    return lines


def _term_line(convention: Convention) -> str | None:
    term = convention.term
    if term is None:
        return None
    if term.start_rule is StartRule.FIXED_DATE and term.start:
        text = f"du {format_date_fr(term.start)}"
    else:
        text = f"début {term.start_rule.label}"
    if term.end:
        text += f" au {format_date_fr(term.end)}"
    if term.duration:
        text += f" (durée indiquée : {term.duration.label})"
    return text


def _workstream_lines(workstream: Workstream) -> list[str]:
    lines = [f"{workstream.key}) {workstream.title}"]
    for step in workstream.steps:
        when = []
        if step.milestone and step.milestone.due:
            when.append(f"au plus tard le {format_date_fr(step.milestone.due)}")
        if step.milestone and step.milestone.not_before:
            when.append(f"à partir du {format_date_fr(step.milestone.not_before)}")
        if step.milestone and step.milestone.condition:
            when.append(f"sous condition : {step.milestone.condition}")
        suffix = f" — {', '.join(when)}" if when else ""
        lines.append(f"  étape {step.number} : {step.title}{suffix}")
    return lines


def _deliberation_lines(act: Deliberation) -> list[str]:
    session = act.session
    lines = [f"{session.body}, séance du {format_date_fr(session.date)}", f"  Objet : {act.object}"]
    if session.president:
        lines.append(f"  Président : {session.president.full_name}")
    lines.append(
        f"  {session.present_count} présents, {len(session.excused)} excusés "
        f"({session.proxy_count} pouvoirs), {len(session.absent)} absents"
    )
    if act.rapporteur:
        lines.append(f"  Rapporteur : {act.rapporteur.full_name}")
    for decision in act.decisions:
        lines.append(f"  {decision.number}. {decision.text}")
    if act.vote:
        lines.append(f"  Vote : {act.vote.result.label}")
    if act.published_on:
        lines.append(f"  Publiée le {format_date_fr(act.published_on)}")
    if act.transmitted_on:
        lines.append(f"  Transmise en préfecture le {format_date_fr(act.transmitted_on)}")
    return lines


def render_summary(convention: Convention) -> str:
    """The whole summary as French text, one section per part of the convention."""
    out = [convention.title, f"Référence : {convention.reference}", ""]

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.append(title)
            out.extend(f"  {line}" for line in lines)
            out.append("")

    section("Parties", [_party_line(p) for p in convention.parties])
    section(
        "Articles",
        [f"Article {a.number}" + (f" — {a.title}" if a.title else "") for a in convention.articles],
    )
    term = _term_line(convention)
    clauses = [term] if term else []
    if convention.renewal:
        renewal = convention.renewal.kind.label
        if convention.renewal.condition:
            renewal += f" ({convention.renewal.condition})"
        clauses.append(renewal)
    if convention.termination and convention.termination.notice:
        notice = convention.termination
        clauses.append(f"préavis de {notice.notice.label} ({notice.form.label})")
    section("Durée", clauses)
    section("Financement", [line for g in convention.grants for line in _grant_lines(g)])
    bodies = []
    for body in convention.governing_bodies:
        cadence = body.cadence.frequency.label if body.cadence else "fréquence non indiquée"
        bodies.append(f"{body.name} — {cadence}, {len(body.members)} membres")
    section("Instances", bodies)
    section("Dispositifs", [line for w in convention.workstreams for line in _workstream_lines(w)])
    sheets = []
    for sheet in convention.action_sheets:
        line = f"Fiche action {sheet.number} : {sheet.title}"
        if sheet.budget and sheet.budget.lines:
            line += (
                f" — dépenses {format_amount_fr(sheet.budget.total_expenses)}, "
                f"recettes {format_amount_fr(sheet.budget.total_revenues)}"
            )
        elif sheet.budget and sheet.budget.note:
            line += f" — {sheet.budget.note}"
        sheets.append(line)
    section("Fiches actions", sheets)
    if convention.deliberation:
        section("Délibération", _deliberation_lines(convention.deliberation))
    return "\n".join(out).rstrip() + "\n"
