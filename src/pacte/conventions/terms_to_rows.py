"""Write direction: a ``pacte.terms.Convention`` becomes rows of the register.

One small function per part of the terms; ``store_children`` creates every row
under an existing ``Convention`` row. Empty text stands for "not stated" (``None``
in the terms); ``rows_to_terms`` reads it back.
"""

from typing import Any

from pacte import terms
from pacte.conventions.models import (
    ActionSheet,
    Article,
    ArticleSection,
    BodyMember,
    BudgetLine,
    Commitment,
    CommunicationDuty,
    Convention,
    GoverningBody,
    Grant,
    GrantYear,
    Instalment,
    Party,
    ReportingDuty,
    SheetCommitment,
    Signature,
    Step,
    SupportingDocument,
    Workstream,
)
from pacte.deliberations.rows import deliberation_from_terms
from pacte.organisations.models import Person
from pacte.organisations.services import organisation_from_terms, person_from_terms

__all__ = ["convention_fields", "deliberation_from_terms", "store_children"]

Parties = dict[str, Party]
Bodies = dict[str, GoverningBody]


def _text(value: str | None) -> str:
    return value or ""


def _person(person: terms.Person | None) -> Person | None:
    return person_from_terms(person=person) if person is not None else None


def _quantity(prefix: str, quantity: terms.Quantity | None) -> dict[str, Any]:
    return {
        f"{prefix}_value": quantity.value if quantity else None,
        f"{prefix}_unit": quantity.unit.value if quantity else "",
    }


def _place(place: terms.Place | None, prefix: str = "place") -> dict[str, str]:
    return {
        f"{prefix}_article": _text(place.article) if place else "",
        f"{prefix}_quote": _text(place.quote) if place else "",
    }


def convention_fields(convention: terms.Convention) -> dict[str, Any]:
    """The columns of the ``Convention`` row itself (term, renewal, termination flattened)."""
    term, renewal, termination = convention.term, convention.renewal, convention.termination
    return {
        "title": convention.title,
        "kind": convention.kind,
        "preamble_title": _text(convention.preamble_title),
        "preamble": _text(convention.preamble),
        "objectives": list(convention.objectives),
        "signed_at": _text(convention.signed_at),
        "signed_on": convention.signed_on,
        "term_start_rule": term.start_rule.value if term else "",
        "term_start": term.start if term else None,
        "term_end": term.end if term else None,
        **_quantity("term_duration", term.duration if term else None),
        **_place(term.place if term else None, "term_place"),
        "renewal_kind": renewal.kind.value if renewal else "",
        **_quantity("renewal_period", renewal.period if renewal else None),
        "renewal_max_renewals": renewal.max_renewals if renewal else None,
        "renewal_condition": _text(renewal.condition) if renewal else "",
        **_place(renewal.place if renewal else None, "renewal_place"),
        "termination_form": termination.form.value if termination else "",
        **_quantity("termination_notice", termination.notice if termination else None),
        "termination_by": list(termination.by) if termination else [],
        "termination_text": _text(termination.text) if termination else "",
        **_place(termination.place if termination else None, "termination_place"),
    }


def store_children(row: Convention, convention: terms.Convention) -> None:
    """Create every row under ``row`` (which has no children yet) from ``convention``."""
    parties = _store_parties(row, convention.parties)
    _store_articles(row, convention.articles)
    _store_commitments(row, convention.commitments, parties)
    _store_communication(row, convention.communication)
    bodies = _store_governing_bodies(row, convention.governing_bodies, parties)
    _store_grants(row, convention.grants, parties, bodies)
    _store_workstreams(row, convention.workstreams)
    _store_reporting_duties(row, convention.reporting_duties, parties)
    _store_action_sheets(row, convention.action_sheets, parties)
    _store_signatures(row, convention.signatures, parties)


def _store_parties(row: Convention, parties: list[terms.Party]) -> Parties:
    stored = {}
    for i, party in enumerate(parties):
        organisation, _ = organisation_from_terms(organisation=party.organisation)
        mandate = party.mandate
        stored[party.key] = Party.objects.create(
            convention=row,
            position=i,
            key=party.key,
            role=party.role.value,
            organisation=organisation,
            designation=_text(party.designation),
            representative=_person(party.representative),
            capacity=_text(party.capacity),
            mandate_kind=mandate.kind.value if mandate else "",
            mandate_body=_text(mandate.body) if mandate else "",
            mandate_date=mandate.date if mandate else None,
            mandate_reference=_text(mandate.reference) if mandate else "",
        )
    return stored


def _store_articles(row: Convention, articles: list[terms.Article]) -> None:
    for i, article in enumerate(articles):
        article_row = Article.objects.create(
            convention=row,
            position=i,
            number=article.number,
            title=_text(article.title),
            text=_text(article.text),
        )
        ArticleSection.objects.bulk_create(
            ArticleSection(
                article=article_row,
                position=j,
                number=section.number,
                title=_text(section.title),
                text=_text(section.text),
            )
            for j, section in enumerate(article.sections)
        )


def _store_commitments(
    row: Convention, commitments: list[terms.Commitment], parties: Parties
) -> None:
    Commitment.objects.bulk_create(
        Commitment(
            convention=row,
            position=i,
            party=parties[commitment.party],
            text=commitment.text,
            action_sheets=list(commitment.action_sheets),
            **_place(commitment.place),
        )
        for i, commitment in enumerate(commitments)
    )


def _store_communication(row: Convention, duties: list[terms.CommunicationDuty]) -> None:
    CommunicationDuty.objects.bulk_create(
        CommunicationDuty(
            convention=row,
            position=i,
            parties=list(duty.parties),
            text=duty.text,
            logos=list(duty.logos),
            action_sheets=list(duty.action_sheets),
            **_place(duty.place),
        )
        for i, duty in enumerate(duties)
    )


def _party(parties: Parties, key: str | None) -> Party | None:
    return parties[key] if key is not None else None


def _documents(
    documents: list[terms.SupportingDocument], bodies: Bodies, **owner: Any
) -> list[SupportingDocument]:
    return [
        SupportingDocument(
            position=i,
            kind=document.kind.value,
            label=_text(document.label),
            approved_by=bodies[document.approved_by] if document.approved_by else None,
            **owner,
        )
        for i, document in enumerate(documents)
    ]


def _store_governing_bodies(
    row: Convention, bodies: list[terms.GoverningBody], parties: Parties
) -> Bodies:
    stored: Bodies = {}
    for i, body in enumerate(bodies):
        cadence = body.cadence
        stored[body.key] = GoverningBody.objects.create(
            convention=row,
            position=i,
            key=body.key,
            name=body.name,
            kind=body.kind.value,
            cadence_frequency=cadence.frequency.value if cadence else "",
            cadence_basis=(cadence.basis if cadence else terms.CadenceBasis.CONVENTION_YEAR).value,
            cadence_text=_text(cadence.text) if cadence else "",
            composition=_text(body.composition),
            attendees=_text(body.attendees),
            secretariat=_text(body.secretariat),
            secretariat_party=_party(parties, body.secretariat_party),
            missions=list(body.missions),
            **_place(body.place),
        )
    # members and minutes come once every body exists: minutes may be approved by another body
    for body in bodies:
        body_row = stored[body.key]
        BodyMember.objects.bulk_create(
            BodyMember(
                body=body_row,
                position=j,
                role=member.role,
                party=_party(parties, member.party),
                person=_person(member.person),
            )
            for j, member in enumerate(body.members)
        )
        SupportingDocument.objects.bulk_create(
            _documents(body.minutes, stored, minutes_of=body_row)
        )
    return stored


def _store_grants(
    row: Convention, grants: list[terms.Grant], parties: Parties, bodies: Bodies
) -> None:
    for i, grant in enumerate(grants):
        prorata = grant.prorata
        grant_row = Grant.objects.create(
            convention=row,
            position=i,
            key=grant.key,
            kind=grant.kind.value,
            grantor=_party(parties, grant.grantor),
            beneficiary=_party(parties, grant.beneficiary),
            purpose=_text(grant.purpose),
            earmarked=grant.earmarked,
            annual_amount=grant.annual_amount,
            total_amount=grant.total_amount,
            prorata_basis=prorata.basis.value if prorata else "",
            prorata_rounding=prorata.rounding.value if prorata and prorata.rounding else "",
            conditions_of_use=_text(grant.conditions_of_use),
            renewal_condition=_text(grant.renewal_condition),
            **_place(grant.place),
        )
        GrantYear.objects.bulk_create(
            GrantYear(
                grant=grant_row,
                position=j,
                year=year.year,
                amount=year.amount,
                months=year.months,
                label=_text(year.label),
            )
            for j, year in enumerate(grant.years)
        )
        for j, instalment in enumerate(grant.instalments):
            _store_instalment(grant_row, j, instalment, bodies)
        SupportingDocument.objects.bulk_create(
            _documents(grant.renewal_documents, bodies, renewed_grant=grant_row)
        )


def _store_instalment(
    grant: Grant, position: int, instalment: terms.Instalment, bodies: Bodies
) -> None:
    trigger = instalment.trigger
    instalment_row = Instalment.objects.create(
        grant=grant,
        position=position,
        kind=instalment.kind.value,
        percent=instalment.percent,
        amount=instalment.amount,
        year=instalment.year,
        trigger_kind=trigger.kind.value,
        trigger_body=bodies[trigger.body] if trigger.body else None,
        trigger_date=trigger.date,
        trigger_text=_text(trigger.text),
    )
    SupportingDocument.objects.bulk_create(
        _documents(trigger.documents, bodies, instalment=instalment_row)
    )


def _store_workstreams(row: Convention, workstreams: list[terms.Workstream]) -> None:
    for i, workstream in enumerate(workstreams):
        workstream_row = Workstream.objects.create(
            convention=row,
            position=i,
            key=workstream.key,
            title=workstream.title,
            description=_text(workstream.description),
            parties=list(workstream.parties),
            partners=list(workstream.partners),
            **_place(workstream.place),
        )
        Step.objects.bulk_create(
            _step(workstream_row, j, step) for j, step in enumerate(workstream.steps)
        )


def _step(workstream: Workstream, position: int, step: terms.Step) -> Step:
    milestone = step.milestone
    return Step(
        workstream=workstream,
        position=position,
        number=step.number,
        title=step.title,
        parties=list(step.parties),
        milestone_depends_on=list(milestone.depends_on) if milestone else None,
        milestone_due=milestone.due if milestone else None,
        milestone_not_before=milestone.not_before if milestone else None,
        milestone_condition=_text(milestone.condition) if milestone else "",
        milestone_quote=_text(milestone.quote) if milestone else "",
    )


def _store_reporting_duties(
    row: Convention, duties: list[terms.ReportingDuty], parties: Parties
) -> None:
    ReportingDuty.objects.bulk_create(
        ReportingDuty(
            convention=row,
            position=i,
            party=parties[duty.party],
            subject=duty.subject,
            indicators=list(duty.indicators),
            perimeters=list(duty.perimeters),
            frequency=duty.frequency.value if duty.frequency else "",
            **_place(duty.place),
        )
        for i, duty in enumerate(duties)
    )


def _store_action_sheets(
    row: Convention, sheets: list[terms.ActionSheet], parties: Parties
) -> None:
    for i, sheet in enumerate(sheets):
        budget = sheet.budget
        sheet_row = ActionSheet.objects.create(
            convention=row,
            position=i,
            number=sheet.number,
            title=sheet.title,
            objectives=list(sheet.objectives),
            context=_text(sheet.context),
            description=_text(sheet.description),
            expected_results=list(sheet.expected_results),
            impacts=list(sheet.impacts),
            target_public=_text(sheet.target_public),
            form=_text(sheet.form),
            partners=list(sheet.partners),
            period=_text(sheet.period),
            starts_on=sheet.starts_on,
            ends_on=sheet.ends_on,
            location=_text(sheet.location),
            lead=_party(parties, sheet.lead),
            has_budget=budget is not None,
            budget_note=_text(budget.note) if budget else "",
        )
        SheetCommitment.objects.bulk_create(
            SheetCommitment(
                sheet=sheet_row,
                position=j,
                party=_party(parties, commitment.party),
                text=commitment.text,
            )
            for j, commitment in enumerate(sheet.commitments)
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(
                sheet=sheet_row,
                position=j,
                side=line.side.value,
                label=line.label,
                amount=line.amount,
                funder=_text(line.funder),
            )
            for j, line in enumerate(budget.lines if budget else [])
        )


def _store_signatures(row: Convention, signatures: list[terms.Signature], parties: Parties) -> None:
    Signature.objects.bulk_create(
        Signature(
            convention=row,
            position=i,
            party=parties[signature.party],
            capacity=_text(signature.capacity),
            signatory=_person(signature.signatory),
            party_name=_text(signature.party_name),
            date=signature.date,
        )
        for i, signature in enumerate(signatures)
    )
