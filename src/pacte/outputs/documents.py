"""Documents generated from the register: the convention, a termination letter, an
amendment (avenant), a payment request — DOCX from templates users can edit, and PDF
through LibreOffice when it is installed.

Templates are docxtpl (Jinja in Word) files: ``pacte/outputs/templates/<name>.docx``,
overridden per authority by ``$PACTE_VAR_DIR/modeles/<siret>/<name>.docx``. The context
is plain text already formatted the French way (« 30 mars 2009 », « 4 000,00 € »):

>>> from pacte.terms import load_convention_yaml
>>> from pacte.samples import sample_paths
>>> path = [p for p in sample_paths() if "ville" in p.name][0]
>>> terms = load_convention_yaml(path.read_text(encoding="utf-8"))
>>> letter = termination_context(terms, on=date(2026, 9, 1))["letter"]
>>> letter["deadline"], letter["period_end"]
('1er décembre 2026', '1er mars 2027')
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pacte import office
from pacte.office import soffice
from pacte.outputs.errors import OutputError
from pacte.outputs.kinds import KINDS
from pacte.outputs.payments import GrantPayment, events_from_terms, grant_payments
from pacte.rules.events import Events
from pacte.rules.facts import grant_figures, grants_total, notice_outlook
from pacte.rules.money import year_amounts
from pacte.rules.term import ONE_DAY, Period, schedule, start_date
from pacte.rules.workdays import previous_working_day
from pacte.terms import (
    Convention,
    Grant,
    Organisation,
    OrganisationKind,
    Party,
    PartyRole,
    RenewalKind,
    format_amount_fr,
    format_date_fr,
    format_percent_fr,
)
from pacte.terms.formats import agree, civility_gender, name_gender, with_article

TEMPLATES = Path(__file__).parent / "templates"


def _date(value: date | None) -> str:
    return format_date_fr(value) if value else ""


def _amount(value: Decimal | None) -> str:
    return format_amount_fr(value) if value is not None else ""


def _paragraphs(text: str | None) -> list[str]:
    """Paragraphs of a text (blank lines separate them; line breaks inside are joined)."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").strip()
    separator = "\n\n" if "\n\n" in text else "\n"
    blocks = [" ".join(b.split()) for b in text.split(separator)]
    return [b for b in blocks if b]


def _address(organisation: Organisation) -> str:
    address = organisation.address
    if address is None:
        return ""
    city = " ".join(p for p in (address.postcode, address.city) if p)
    return ", ".join([*address.lines, city] if city else address.lines)


# the gender of a party whose name is a proper name (« Terres & Tables »), from its kind
_KIND_GENDERS = {
    OrganisationKind.COMMUNE: "f",
    OrganisationKind.DEPARTEMENT: "m",
    OrganisationKind.REGION: "f",
    OrganisationKind.EPCI: "m",
    OrganisationKind.STATE: "m",
    OrganisationKind.ASSOCIATION: "f",
    OrganisationKind.CRESS: "f",
    OrganisationKind.COOPERATIVE: "f",
    OrganisationKind.MUTUAL: "f",
    OrganisationKind.FOUNDATION: "f",
    OrganisationKind.COMPANY: "f",
}


def _party(party: Party) -> dict[str, Any]:
    organisation = party.organisation
    gender = name_gender(organisation.name) or _KIND_GENDERS.get(organisation.kind)
    mandate = ""
    if party.mandate is not None:
        # the representative is « habilité » or « habilitée »; without a civility, a
        # wording that needs no agreement
        person = civility_gender(party.representative.civility if party.representative else None)
        act = with_article(party.mandate.kind.label, "de")
        mandate = (
            f"{agree('habilité', person)} par {party.mandate.kind.label}"
            if person
            else f"en vertu {act}"
        )
        if party.mandate.date:
            mandate += f" du {format_date_fr(party.mandate.date)}"
        details = [
            party.mandate.body or "",
            f"n° {party.mandate.reference}" if party.mandate.reference else "",
        ]
        if any(details):
            mandate += f" ({', '.join(d for d in details if d)})"
    return {
        "key": party.key,
        "name": organisation.name,
        "short_name": organisation.short_name or organisation.name,
        # the name in a sentence: « La Ville de Lorval, représentée par… », « Pour la Ville »
        "article_name": with_article(organisation.name),
        "article_name_start": with_article(organisation.name, capital=True),
        "of_name": with_article(organisation.name, "de"),
        "for_name": with_article(organisation.name, "pour"),
        "represented": agree("représenté", gender),
        "designated": agree("désigné", gender),
        "role": party.role.label,
        "legal_form": organisation.legal_form or "",
        "siret": organisation.siret or "",
        "siren": organisation.siren or "",
        "rna": organisation.rna or "",
        "address": _address(organisation),
        "address_lines": list(organisation.address.lines) if organisation.address else [],
        "city_line": " ".join(
            p for p in (organisation.address.postcode, organisation.address.city) if p
        )
        if organisation.address
        else "",
        "designation": party.designation or "",
        "representative": party.representative.full_name if party.representative else "",
        "representative_title": party.representative.title or "" if party.representative else "",
        "capacity": party.capacity or "",
        "mandate": mandate,
    }


def _first(terms: Convention, role: PartyRole) -> Party | None:
    found = terms.parties_with_role(role)
    return found[0] if found else None


def authority_siret(terms: Convention) -> str | None:
    """SIRET of the convention's (first) public authority: it selects the templates."""
    party = _first(terms, PartyRole.PUBLIC_AUTHORITY)
    return party.organisation.siret if party else None


def _period_text(terms: Convention, first: Period | None) -> dict[str, str]:
    term = terms.term
    text = ""
    if term is not None:
        if term.duration and term.start_rule.value == "on_signature":
            text = f"La convention prend effet à la date de sa signature, pour une durée de {term.duration.label}."
        elif term.start and term.end:
            text = f"La convention s'applique du {format_date_fr(term.start)} au {format_date_fr(term.end)}."
        elif term.start and term.duration:
            text = f"La convention prend effet le {format_date_fr(term.start)}, pour une durée de {term.duration.label}."
    if first is not None:
        text += f" Sa première période court du {format_date_fr(first.start)} au {format_date_fr(first.end)}."
    renewal = ""
    if terms.renewal is not None:
        if terms.renewal.kind is RenewalKind.TACIT:
            period = terms.renewal.period.label if terms.renewal.period else "la même durée"
            limit = (
                f", dans la limite de {terms.renewal.max_renewals} reconduction{'s' if terms.renewal.max_renewals > 1 else ''}"
                if terms.renewal.max_renewals
                else ""
            )
            renewal = f"Elle est reconduite tacitement pour des périodes de {period}{limit}."
        elif terms.renewal.kind is RenewalKind.EXPRESS:
            condition = f" ({terms.renewal.condition})" if terms.renewal.condition else ""
            renewal = f"Elle ne peut être reconduite que de manière expresse{condition}."
        else:
            condition = f" ; {terms.renewal.condition}" if terms.renewal.condition else ""
            renewal = f"Elle n'est pas reconductible{condition}."
    notice = ""
    if terms.termination is not None and terms.termination.notice is not None:
        notice = (
            f"Elle peut être dénoncée avec un préavis de {terms.termination.notice.label} "
            f"avant l'échéance de la période en cours ({terms.termination.form.label})."
        )
    return {"text": text.strip(), "renewal": renewal, "notice": notice}


def convention_context(terms: Convention, events: Events | None = None) -> dict[str, Any]:
    """Everything the convention template shows, formatted (parties, articles, money…).

    ``events`` are what the follow-up recorded (signatures, payments, notices); by default
    the signature date the terms state.
    """
    events = events or events_from_terms(terms)
    start = start_date(terms, events)
    plan = schedule(terms, events, until=start) if start else None
    first = plan.periods[0] if plan and plan.periods else None
    names = {p.key: p.organisation.short_name or p.name for p in terms.parties}
    financing = []
    payments = []
    figures = grant_figures(terms, events)
    for grant, figure in zip(terms.grants, figures, strict=True):
        for amount in figure.years:
            financing.append(
                {
                    "grant": grant.purpose or grant.key,
                    "year": str(amount.year),
                    "amount": _amount(amount.amount),
                    "how": amount.how,
                    "grantor": names.get(grant.grantor or "", ""),
                    "beneficiary": names.get(grant.beneficiary or "", ""),
                }
            )
    for payment in grant_payments(terms, events):
        payments.append(_payment(payment))
    commitments: dict[str, list[str]] = {}
    for commitment in terms.commitments:
        commitments.setdefault(commitment.party, []).append(commitment.text)
    governance = []
    for body in terms.governing_bodies:
        governance.append(
            {
                "name": body.name,
                "composition": body.composition or "",
                "cadence": (body.cadence.text or body.cadence.frequency.label)
                if body.cadence
                else "",
                "secretariat": body.secretariat or "",
                "members": [
                    f"{m.role}" + (f" ({m.person.full_name})" if m.person else "")
                    for m in body.members
                ],
                "missions": list(body.missions),
            }
        )
    sheets = []
    for sheet in terms.action_sheets:
        budget = sheet.budget
        sheets.append(
            {
                "number": sheet.number,
                "title": sheet.title,
                "objectives": list(sheet.objectives),
                "description": _paragraphs(sheet.description),
                "target_public": sheet.target_public or "",
                "period": sheet.period
                or (
                    f"du {format_date_fr(sheet.starts_on)} au {format_date_fr(sheet.ends_on)}"
                    if sheet.starts_on and sheet.ends_on
                    else ""
                ),
                "location": sheet.location or "",
                "lead": names.get(sheet.lead or "", ""),
                "budget": [
                    {
                        "side": line.side.label,
                        "label": line.label,
                        "amount": _amount(line.amount),
                        "funder": line.funder or "",
                    }
                    for line in (budget.lines if budget else [])
                ],
                "budget_note": budget.note or "" if budget else "",
            }
        )
    return {
        "convention": {
            "reference": terms.reference,
            "title": terms.title,
            "kind": terms.kind,
            "preamble_title": terms.preamble_title or "Préambule",
            "preamble": _paragraphs(terms.preamble),
            "objectives": list(terms.objectives),
            "signed_at": terms.signed_at or "",
            "signed_on": _date(terms.signed_on),
        },
        "parties": [_party(p) for p in terms.parties],
        "articles": [
            {
                "number": a.number,
                "title": a.title or "",
                "paragraphs": _paragraphs(a.text),
                "sections": [
                    {"number": s.number, "title": s.title or "", "paragraphs": _paragraphs(s.text)}
                    for s in a.sections
                ],
            }
            for a in terms.articles
        ],
        "commitments": [
            {"party": names.get(key, key), "texts": texts} for key, texts in commitments.items()
        ],
        "financing": financing,
        "payments": payments,
        "total": _amount(grants_total(figures)),
        "duration": _period_text(terms, first),
        "governance": governance,
        "action_sheets": sheets,
        "signatures": [
            {
                "party": names.get(s.party, s.party),
                "for_party": with_article(names.get(s.party, s.party), "pour"),
                "capacity": s.capacity or "",
                "signatory": s.signatory.full_name if s.signatory else "",
            }
            for s in terms.signatures
        ]
        or [
            {
                "party": p.organisation.short_name or p.name,
                "for_party": with_article(p.organisation.short_name or p.name, "pour"),
                "capacity": p.capacity or "",
                "signatory": p.representative.full_name if p.representative else "",
            }
            for p in terms.parties
        ],
    }


def _payment(payment: GrantPayment) -> dict[str, str]:
    return {
        "title": payment.title,
        "kind": payment.kind.label,
        "year": str(payment.year),
        "due": payment.when,
        "amount": _amount(payment.amount),
        "reason": payment.reason,
    }


def _sender_and_recipients(terms: Convention, by: str | None) -> tuple[Party, list[Party]]:
    if by:
        try:
            sender = terms.party(by)
        except KeyError:
            known = ", ".join(p.key for p in terms.parties)
            raise OutputError(f"partie inconnue « {by} » (parties : {known})") from None
    else:
        sender = _first(terms, PartyRole.PUBLIC_AUTHORITY) or terms.parties[0]
    others = [p for p in terms.parties if p.key != sender.key]
    if not others:
        raise OutputError("la convention n'a pas d'autre partie à qui écrire")
    return sender, others


def termination_context(
    terms: Convention, *, on: date, by: str | None = None, events: Events | None = None
) -> dict[str, Any]:
    """The termination letter sent ``on`` a date: the period it ends and the deadline.

    The deadline is the notice deadline of the period in force (``pacte.rules.term``);
    once it has passed, the letter can only stop the next renewal.
    """
    notice = terms.termination.notice if terms.termination else None
    if notice is None:
        raise OutputError(
            "la convention ne fixe pas de préavis de dénonciation (clause termination.notice) : "
            "la lettre ne peut pas indiquer d'échéance"
        )
    events = events or events_from_terms(terms)
    if start_date(terms, events) is None:
        raise OutputError(
            "la convention n'est pas signée : ses périodes partent de la signature "
            "(enregistrer la date de signature)"
        )
    outlook = notice_outlook(terms, events, on)
    if outlook is None or outlook.current is None:
        raise OutputError(
            "la convention n'est pas en vigueur à cette date ou n'est pas reconductible "
            "tacitement : il n'y a pas de période à dénoncer"
        )
    if outlook.deadline is None or outlook.ends_period is None:
        last = outlook.ends_on
        raise OutputError(
            "aucune période à dénoncer : la convention prend fin"
            + (f" le {format_date_fr(last)}" if last else "")
            + " sans nouvelle reconduction"
        )
    period, ends, deadline = outlook.current, outlook.ends_period, outlook.deadline
    sender, recipients = _sender_and_recipients(terms, by)
    department = sender.organisation.department
    termination = terms.termination
    article = termination.place.article if termination and termination.place else ""
    context = convention_context(terms, events)
    context["letter"] = {
        "date": format_date_fr(on),
        "place": terms.signed_at
        or (
            sender.organisation.address.city
            if sender.organisation.address and sender.organisation.address.city
            else ""
        ),
        "sender": _party(sender),
        "recipients": [_party(p) for p in recipients],
        "recipient": _party(recipients[0]),
        "period_number": period.number,
        "period_start": format_date_fr(period.start),
        "period_end": format_date_fr(period.end),
        "late": outlook.deadline_passed,
        "current_deadline": _date(outlook.current_deadline),
        "ends_number": ends.number,
        "ends_start": format_date_fr(ends.start),
        "ends_end": format_date_fr(ends.end),
        "next_start": format_date_fr(ends.end + ONE_DAY),
        "deadline": format_date_fr(deadline),
        "send_by": format_date_fr(previous_working_day(deadline, department)),
        "notice": notice.label,
        "article": article or "",
        "form": termination.form.label if termination else "",
        "renewal": terms.renewal.kind.label if terms.renewal else "",
    }
    context["deadline_date"] = deadline
    context["ends_on"] = ends.end
    return context


def _grant(terms: Convention, key: str | None) -> Grant:
    if key:
        for grant in terms.grants:
            if grant.key == key:
                return grant
        known = ", ".join(g.key for g in terms.grants) or "aucune"
        raise OutputError(f"subvention inconnue « {key} » (subventions : {known})")
    if not terms.grants:
        raise OutputError("la convention ne prévoit pas de subvention")
    if len(terms.grants) > 1:
        known = ", ".join(g.key for g in terms.grants)
        raise OutputError(f"la convention a plusieurs subventions : préciser --grant ({known})")
    return terms.grants[0]


def amendment_context(
    terms: Convention,
    *,
    on: date,
    amount: Decimal | None = None,
    year: int | None = None,
    grant_key: str | None = None,
    end: date | None = None,
    number: int = 1,
    events: Events | None = None,
) -> dict[str, Any]:
    """An avenant changing a grant's amount (for a year) and/or the end date."""
    if amount is None and end is None:
        raise OutputError("un avenant change un montant (--amount) ou la date de fin (--end)")
    events = events or events_from_terms(terms)
    start = start_date(terms, events)
    plan = schedule(terms, events, until=start) if start else None
    first_end = (
        plan.periods[0].end if plan and plan.periods else (terms.term.end if terms.term else None)
    )
    changes = []
    modified_articles: list[str] = []
    if amount is not None:
        grant = _grant(terms, grant_key)
        amounts = year_amounts(grant, start, first_end)
        if year is None and len(amounts) > 1:
            years = ", ".join(str(a.year) for a in amounts)
            raise OutputError(f"la subvention couvre plusieurs années : préciser --year ({years})")
        chosen = next((a for a in amounts if year is None or a.year == year), None)
        old = chosen.amount if chosen else grant.annual_amount
        which = f"pour {chosen.year}" if chosen else "en année pleine"
        if chosen is None and year is not None:
            which = f"pour {year}"
        article = grant.place.article if grant.place and grant.place.article else ""
        if article:
            modified_articles.append(article)
        changes.append(
            {
                "kind": "amount",
                "text": (
                    f"Le montant de la subvention {which} ({grant.purpose or grant.key}) "
                    + (
                        f"est porté de {format_amount_fr(old)} à {format_amount_fr(amount)}."
                        if old is not None
                        else f"est fixé à {format_amount_fr(amount)}."
                    )
                ),
                "article": article,
                "old": _amount(old),
                "new": format_amount_fr(amount),
            }
        )
    if end is not None:
        if start and end < start:
            raise OutputError(
                f"la nouvelle date de fin ({format_date_fr(end)}) précède le début de la convention ({format_date_fr(start)})"
            )
        article = (
            terms.term.place.article
            if terms.term and terms.term.place and terms.term.place.article
            else ""
        )
        if article:
            modified_articles.append(article)
        changes.append(
            {
                "kind": "end",
                "text": (
                    f"La date de fin de la convention est portée du {format_date_fr(first_end)} au {format_date_fr(end)}."
                    if first_end
                    else f"La convention prend fin le {format_date_fr(end)}."
                ),
                "article": article,
                "old": _date(first_end),
                "new": format_date_fr(end),
            }
        )
    context = convention_context(terms, events)
    context["amendment"] = {
        "number": number,
        "date": format_date_fr(on),
        "changes": changes,
        "articles": ", ".join(dict.fromkeys(modified_articles)),
    }
    return context


def payment_request_context(
    terms: Convention,
    *,
    on: date,
    year: int | None = None,
    instalment: int | None = None,
    grant_key: str | None = None,
    events: Events | None = None,
) -> dict[str, Any]:
    """A payment request from the beneficiary for one instalment (year, rank from 1)."""
    grant = _grant(terms, grant_key)
    events = events or events_from_terms(terms)
    payments = grant_payments(terms, events, grant=grant)
    if not payments:
        raise OutputError("aucun versement prévu pour cette subvention (convention non signée ?)")
    years = sorted({p.year for p in payments})
    chosen_year = year if year is not None else years[0]
    of_year = [p for p in payments if p.year == chosen_year]
    if not of_year:
        raise OutputError(
            f"aucun versement en {chosen_year} (années : {', '.join(str(y) for y in years)})"
        )
    rank = instalment or 1
    if not 1 <= rank <= len(of_year):
        raise OutputError(
            f"versement n° {rank} inconnu : {len(of_year)} versement(s) en {chosen_year}"
        )
    payment = of_year[rank - 1]
    instalments = [i for i in grant.instalments if i.year in (None, chosen_year)]
    documents = []
    measure = ""
    if instalments:
        chosen = instalments[rank - 1]
        documents = [d.label or d.kind.label for d in chosen.trigger.documents]
        if chosen.percent is not None:
            measure = format_percent_fr(chosen.percent)
    beneficiary = (
        terms.party(grant.beneficiary)
        if grant.beneficiary
        else _first(terms, PartyRole.BENEFICIARY)
    )
    grantor = (
        terms.party(grant.grantor) if grant.grantor else _first(terms, PartyRole.PUBLIC_AUTHORITY)
    )
    if beneficiary is None or grantor is None:
        raise OutputError("la subvention n'a pas de financeur ou de bénéficiaire identifié")
    context = convention_context(terms, events)
    context["request"] = {
        "date": format_date_fr(on),
        "sender": _party(beneficiary),
        "recipient": _party(grantor),
        "payment": _payment(payment),
        "measure": measure,
        "year": str(chosen_year),
        "year_amount": _amount(payment.year_amount.amount),
        "amount": _amount(payment.amount),
        "documents": documents,
        "purpose": grant.purpose or "",
        "article": grant.place.article if grant.place and grant.place.article else "",
    }
    return context


# -- rendering -----------------------------------------------------------------------------


def _var_dir() -> Path:
    try:
        from django.conf import settings

        if settings.configured:
            return Path(settings.VAR_DIR)
    except ImportError:  # pragma: no cover - Django is a dependency
        pass
    from pacte.config.datadir import data_dir

    return data_dir()


def template_path(name: str, *, siret: str | None = None, var_dir: Path | None = None) -> Path:
    """The template to use: the authority's own (``modeles/<siret>/<name>.docx``) first."""
    if siret:
        own = (var_dir or _var_dir()) / "modeles" / siret / f"{name}.docx"
        if own.is_file():
            return own
    path = TEMPLATES / f"{name}.docx"
    if not path.is_file():
        raise OutputError(f"modèle « {name}.docx » introuvable dans {TEMPLATES}")
    return path


@dataclass(frozen=True)
class Rendered:
    path: Path
    template: Path


def render_docx(template: Path, context: dict[str, Any], target: Path) -> Path:
    """Fill ``template`` with ``context`` and save the DOCX at ``target``."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    document = DocxTemplate(str(template))
    try:
        document.render(context, autoescape=True)
    except TemplateError as error:
        raise OutputError(f"modèle {template.name} : erreur de modèle ({error})") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def docx_to_pdf(path: Path, outdir: Path | None = None, *, timeout: int = 180) -> Path:
    """Convert a DOCX (or ODT) to PDF with LibreOffice headless (``pacte.office``);
    raises ``OutputError`` (French) when LibreOffice is not installed or fails."""
    if soffice() is None:
        raise OutputError(office.UNAVAILABLE)
    try:
        return office.docx_to_pdf(path, outdir, timeout=timeout)
    except office.OfficeError as error:
        raise OutputError(str(error)) from None


def document_context(
    kind: str, terms: Convention, *, on: date, events: Events | None = None, **options: Any
) -> dict[str, Any]:
    """The context of a document kind (see ``KINDS``)."""
    if kind == "convention":
        return convention_context(terms, events)
    if kind == "denonciation":
        return termination_context(terms, on=on, by=options.get("by"), events=events)
    if kind == "avenant":
        return amendment_context(
            terms,
            on=on,
            amount=options.get("amount"),
            year=options.get("year"),
            grant_key=options.get("grant"),
            end=options.get("end"),
            number=options.get("number") or 1,
            events=events,
        )
    if kind == "versement":
        return payment_request_context(
            terms,
            on=on,
            year=options.get("year"),
            instalment=options.get("instalment"),
            grant_key=options.get("grant"),
            events=events,
        )
    raise OutputError(f"type de document inconnu « {kind} » (types : {', '.join(KINDS)})")


def generate(
    kind: str,
    terms: Convention,
    target: Path,
    *,
    on: date,
    pdf: bool = False,
    var_dir: Path | None = None,
    events: Events | None = None,
    **options: Any,
) -> Rendered:
    """Render the document ``kind`` of ``terms`` to ``target`` (DOCX, or PDF when ``pdf``).

    ``events``: what the follow-up recorded (default: the signature the terms state).
    """
    context = document_context(kind, terms, on=on, events=events, **options)
    template = template_path(KINDS[kind], siret=authority_siret(terms), var_dir=var_dir)
    if not pdf:
        return Rendered(render_docx(template, context, target), template)
    if soffice() is None:
        docx_to_pdf(target)  # raises the French message
    with tempfile.TemporaryDirectory(prefix="pacte-doc-") as work:
        docx = render_docx(template, context, Path(work) / f"{target.stem}.docx")
        produced = docx_to_pdf(docx, Path(work))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), target)
    return Rendered(target, template)
