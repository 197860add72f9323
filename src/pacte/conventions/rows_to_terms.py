"""Read direction: rows of the register become a ``pacte.terms.Convention`` again.

The exact inverse of ``terms_to_rows``: ``convention_to_terms(stored)`` equals the
terms that were stored. Empty text reads back as ``None``.
"""

from typing import Any

from django.db.models import Prefetch, prefetch_related_objects

from pacte import terms
from pacte.conventions.models import (
    ActionSheet,
    Article,
    BodyMember,
    Commitment,
    CommunicationDuty,
    Convention,
    GoverningBody,
    Grant,
    Instalment,
    Party,
    ReportingDuty,
    Signature,
    Step,
    SupportingDocument,
    Workstream,
)
from pacte.deliberations.rows import DELIBERATION_PREFETCH, deliberation_to_terms
from pacte.organisations.selectors import organisation_to_terms, person_to_terms

TERMS_PREFETCH = [
    Prefetch("parties", Party.objects.select_related("organisation", "representative")),
    "articles__sections",
    "commitments",
    "communication_duties",
    Prefetch(
        "governing_bodies",
        GoverningBody.objects.prefetch_related(
            Prefetch("members", BodyMember.objects.select_related("person")), "minutes"
        ),
    ),
    Prefetch(
        "grants",
        Grant.objects.prefetch_related(
            "years",
            "renewal_documents",
            Prefetch("instalments", Instalment.objects.prefetch_related("trigger_documents")),
        ),
    ),
    "workstreams__steps",
    "reporting_duties",
    Prefetch("action_sheets", ActionSheet.objects.prefetch_related("commitments", "budget_lines")),
    Prefetch("signatures", Signature.objects.select_related("signatory")),
    Prefetch("deliberation", DELIBERATION_PREFETCH),
]
"""Everything ``convention_to_terms`` reads, fetched in a fixed number of queries."""


def _opt(value: str) -> str | None:
    return value or None


def _quantity(value: int | None, unit: str) -> terms.Quantity | None:
    return terms.Quantity(value=value, unit=unit) if value is not None else None


def _place(row: Any, prefix: str = "place") -> terms.Place | None:
    article, quote = getattr(row, f"{prefix}_article"), getattr(row, f"{prefix}_quote")
    if not (article or quote):
        return None
    return terms.Place(article=_opt(article), quote=_opt(quote))


def convention_to_terms(row: Convention) -> terms.Convention:
    """The typed convention stored in ``row`` and its children."""
    prefetch_related_objects([row], *TERMS_PREFETCH)
    party_keys = {party.pk: party.key for party in row.parties.all()}
    body_keys = {body.pk: body.key for body in row.governing_bodies.all()}
    return terms.Convention(
        reference=row.reference,
        title=row.title,
        kind=row.kind,
        parties=[_party(party) for party in row.parties.all()],
        preamble_title=_opt(row.preamble_title),
        preamble=_opt(row.preamble),
        objectives=row.objectives,
        articles=[_article(article) for article in row.articles.all()],
        commitments=[_commitment(c, party_keys) for c in row.commitments.all()],
        communication=[_communication(duty) for duty in row.communication_duties.all()],
        grants=[_grant(grant, party_keys, body_keys) for grant in row.grants.all()],
        term=_term(row),
        renewal=_renewal(row),
        termination=_termination(row),
        governing_bodies=[
            _governing_body(body, party_keys, body_keys) for body in row.governing_bodies.all()
        ],
        workstreams=[_workstream(workstream) for workstream in row.workstreams.all()],
        reporting_duties=[_reporting_duty(d, party_keys) for d in row.reporting_duties.all()],
        action_sheets=[_action_sheet(sheet, party_keys) for sheet in row.action_sheets.all()],
        deliberation=deliberation_to_terms(row.deliberation) if row.deliberation else None,
        signed_at=_opt(row.signed_at),
        signed_on=row.signed_on,
        signatures=[_signature(s, party_keys) for s in row.signatures.all()],
    )


def _party(row: Party) -> terms.Party:
    mandate = None
    if row.mandate_kind:
        mandate = terms.Mandate(
            kind=row.mandate_kind,
            body=_opt(row.mandate_body),
            date=row.mandate_date,
            reference=_opt(row.mandate_reference),
        )
    return terms.Party(
        key=row.key,
        role=row.role,
        organisation=organisation_to_terms(row.organisation),
        designation=_opt(row.designation),
        representative=person_to_terms(row.representative),
        capacity=_opt(row.capacity),
        mandate=mandate,
    )


def _article(row: Article) -> terms.Article:
    return terms.Article(
        number=row.number,
        title=_opt(row.title),
        text=_opt(row.text),
        sections=[
            terms.ArticleSection(number=s.number, title=_opt(s.title), text=_opt(s.text))
            for s in row.sections.all()
        ],
    )


def _commitment(row: Commitment, party_keys: dict[int, str]) -> terms.Commitment:
    return terms.Commitment(
        party=party_keys[row.party_id],
        text=row.text,
        place=_place(row),
        action_sheets=row.action_sheets,
    )


def _communication(row: CommunicationDuty) -> terms.CommunicationDuty:
    return terms.CommunicationDuty(
        parties=row.parties,
        text=row.text,
        logos=row.logos,
        place=_place(row),
        action_sheets=row.action_sheets,
    )


def _term(row: Convention) -> terms.Term | None:
    if not row.term_start_rule:
        return None
    return terms.Term(
        start_rule=row.term_start_rule,
        start=row.term_start,
        duration=_quantity(row.term_duration_value, row.term_duration_unit),
        end=row.term_end,
        place=_place(row, "term_place"),
    )


def _renewal(row: Convention) -> terms.Renewal | None:
    if not row.renewal_kind:
        return None
    return terms.Renewal(
        kind=row.renewal_kind,
        period=_quantity(row.renewal_period_value, row.renewal_period_unit),
        max_renewals=row.renewal_max_renewals,
        condition=_opt(row.renewal_condition),
        place=_place(row, "renewal_place"),
    )


def _termination(row: Convention) -> terms.Termination | None:
    if not row.termination_form:
        return None
    return terms.Termination(
        notice=_quantity(row.termination_notice_value, row.termination_notice_unit),
        form=row.termination_form,
        by=row.termination_by,
        text=_opt(row.termination_text),
        place=_place(row, "termination_place"),
    )


def _documents(
    rows: list[SupportingDocument], body_keys: dict[int, str]
) -> list[terms.SupportingDocument]:
    return [
        terms.SupportingDocument(
            kind=doc.kind,
            label=_opt(doc.label),
            approved_by=body_keys[doc.approved_by_id] if doc.approved_by_id else None,
        )
        for doc in rows
    ]


def _grant(row: Grant, party_keys: dict[int, str], body_keys: dict[int, str]) -> terms.Grant:
    prorata = None
    if row.prorata_basis:
        prorata = terms.ProrataRule(basis=row.prorata_basis, rounding=row.prorata_rounding or None)
    return terms.Grant(
        key=row.key,
        kind=row.kind,
        grantor=party_keys[row.grantor_id] if row.grantor_id else None,
        beneficiary=party_keys[row.beneficiary_id] if row.beneficiary_id else None,
        purpose=_opt(row.purpose),
        earmarked=row.earmarked,
        annual_amount=row.annual_amount,
        total_amount=row.total_amount,
        prorata=prorata,
        years=[
            terms.GrantYear(year=y.year, amount=y.amount, months=y.months, label=_opt(y.label))
            for y in row.years.all()
        ],
        instalments=[_instalment(i, body_keys) for i in row.instalments.all()],
        conditions_of_use=_opt(row.conditions_of_use),
        renewal_condition=_opt(row.renewal_condition),
        renewal_documents=_documents(list(row.renewal_documents.all()), body_keys),
        scheme=_opt(row.scheme),
        place=_place(row),
    )


def _instalment(row: Instalment, body_keys: dict[int, str]) -> terms.Instalment:
    return terms.Instalment(
        kind=row.kind,
        percent=row.percent,
        amount=row.amount,
        year=row.year,
        trigger=terms.Trigger(
            kind=row.trigger_kind,
            documents=_documents(list(row.trigger_documents.all()), body_keys),
            body=body_keys[row.trigger_body_id] if row.trigger_body_id else None,
            date=row.trigger_date,
            text=_opt(row.trigger_text),
        ),
    )


def _governing_body(
    row: GoverningBody, party_keys: dict[int, str], body_keys: dict[int, str]
) -> terms.GoverningBody:
    cadence = None
    if row.cadence_frequency:
        cadence = terms.Cadence(
            frequency=row.cadence_frequency,
            basis=row.cadence_basis,
            text=_opt(row.cadence_text),
        )
    return terms.GoverningBody(
        key=row.key,
        name=row.name,
        kind=row.kind,
        cadence=cadence,
        composition=_opt(row.composition),
        members=[_body_member(member, party_keys) for member in row.members.all()],
        attendees=_opt(row.attendees),
        secretariat=_opt(row.secretariat),
        secretariat_party=party_keys[row.secretariat_party_id]
        if row.secretariat_party_id
        else None,
        missions=row.missions,
        minutes=_documents(list(row.minutes.all()), body_keys),
        place=_place(row),
    )


def _body_member(row: BodyMember, party_keys: dict[int, str]) -> terms.BodyMember:
    return terms.BodyMember(
        role=row.role,
        party=party_keys[row.party_id] if row.party_id else None,
        person=person_to_terms(row.person),
    )


def _workstream(row: Workstream) -> terms.Workstream:
    return terms.Workstream(
        key=row.key,
        title=row.title,
        description=_opt(row.description),
        parties=row.parties,
        steps=[_step(step) for step in row.steps.all()],
        partners=row.partners,
        place=_place(row),
    )


def _step(row: Step) -> terms.Step:
    milestone = None
    if row.milestone_depends_on is not None:
        milestone = terms.Milestone(
            due=row.milestone_due,
            not_before=row.milestone_not_before,
            condition=_opt(row.milestone_condition),
            depends_on=row.milestone_depends_on,
            quote=_opt(row.milestone_quote),
        )
    return terms.Step(number=row.number, title=row.title, parties=row.parties, milestone=milestone)


def _reporting_duty(row: ReportingDuty, party_keys: dict[int, str]) -> terms.ReportingDuty:
    return terms.ReportingDuty(
        party=party_keys[row.party_id],
        subject=row.subject,
        indicators=row.indicators,
        perimeters=row.perimeters,
        frequency=row.frequency or None,
        place=_place(row),
    )


def _action_sheet(row: ActionSheet, party_keys: dict[int, str]) -> terms.ActionSheet:
    budget = None
    if row.has_budget:
        budget = terms.Budget(
            lines=[
                terms.BudgetLine(
                    side=line.side, label=line.label, amount=line.amount, funder=_opt(line.funder)
                )
                for line in row.budget_lines.all()
            ],
            note=_opt(row.budget_note),
        )
    return terms.ActionSheet(
        number=row.number,
        title=row.title,
        objectives=row.objectives,
        context=_opt(row.context),
        description=_opt(row.description),
        expected_results=row.expected_results,
        impacts=row.impacts,
        target_public=_opt(row.target_public),
        form=_opt(row.form),
        partners=row.partners,
        period=_opt(row.period),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        location=_opt(row.location),
        commitments=[
            terms.SheetCommitment(party=party_keys[c.party_id] if c.party_id else None, text=c.text)
            for c in row.commitments.all()
        ],
        budget=budget,
        lead=party_keys[row.lead_id] if row.lead_id else None,
    )


def _signature(row: Signature, party_keys: dict[int, str]) -> terms.Signature:
    return terms.Signature(
        party=party_keys[row.party_id],
        capacity=_opt(row.capacity),
        signatory=person_to_terms(row.signatory),
        party_name=_opt(row.party_name),
        date=row.date,
    )
