"""Done-when scenario of issue #16, on the Bas-Rhin seed's fund (FD2I): a call with
validated orientations, six applications (one ineligible, one with a declared conflict
of interest), reviews by two agents and two partner members, ranking within the
envelope, the committee's decisions, three grants in the register with their calendar
and SCDL rows.

The expected dates and amounts below are computed by hand from the clauses the
conventions state (advance of 70 % on signature, balance on the report, twelve months
from signature, earmarked grant), not from the code.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from calls_world import AFTER, CLOSES, COMMITTEE, DURING, FUND_NAME, PARIS, World, apply

from pacte.audit.models import AuditEntry
from pacte.calls import documents, selectors, services
from pacte.calls.enums import ApplicationState as S
from pacte.calls.enums import Conflict
from pacte.calls.models import Assignment
from pacte.conventions.models import Convention
from pacte.followup.selectors import obligations_for
from pacte.followup.services import signature_record
from pacte.outputs.scdl import conventions_dated, register_scdl_rows
from pacte.rules.obligations import ObligationKind, Status

# per application: the scores every reviewer gives on (innovation ×3, insertion ×2,
# viability ×1); None is « sans objet »
SCORES = {
    1: (5, 4, 4),  # (15 + 8 + 4) / 6 = 4.50
    2: (4, 4, 3),  # (12 + 8 + 3) / 6 = 3.83
    3: (3, 3, None),  # (9 + 6) / 5 = 3.00
    4: (3, 4, 3),  # (9 + 8 + 3) / 6 = 3.33
    6: (2, 2, 2),  # 2.00
}
REQUESTED = {1: "20000", 2: "15000", 3: "18000", 4: "12000", 5: "10000", 6: "10000"}


@pytest.mark.django_db
def test_from_the_call_to_three_grants(world: World) -> None:
    agent1, agent2 = world.agents
    cres1, _cres2 = world.partners
    call = world.call

    # orientations: drafted by the chamber, amended by an agent, validated by the authority
    first = services.orientation_draft(
        call=call, text="Soutenir l'innovation dans l'insertion.", by=cres1, now=DURING
    )
    second = services.orientation_draft(
        call=call,
        text="Soutenir l'innovation dans l'insertion, ouverte aux acteurs de l'ESS.",
        by=agent1,
        now=DURING,
    )
    assert selectors.current_orientation(call) is None
    validated_at = datetime(2026, 1, 20, 15, 0, tzinfo=PARIS)
    services.orientation_validate(orientation=second, by=agent2, now=validated_at)
    current = selectors.current_orientation(call)
    assert current is not None and current.version == 2
    assert current.validated_by == agent2 and current.validated_at == validated_at
    assert [o.version for o in selectors.orientations_of(call)] == [2, 1]
    assert first.validated_at is None

    # six applications, one from the Haut-Rhin (outside the call's territory)
    for number, amount in REQUESTED.items():
        department = "68" if number == 5 else "67"
        postcode = "68100" if number == 5 else "67000"
        apply(world, number, Decimal(amount), department=department, postcode=postcode)
    for application, applicant in zip(world.applications, world.applicants, strict=True):
        services.application_submit(application=application, by=applicant, now=DURING)
    apps = {number: world.applications[i] for i, number in enumerate(REQUESTED)}
    for application in apps.values():
        application.refresh_from_db()
        assert application.state == S.SUBMITTED
    assert apps[5].eligibility_problems == ["territoire non éligible (département 68)"]

    # eligibility: the rules' verdict, confirmed by a person
    for number, application in apps.items():
        services.application_eligibility_confirm(
            application=application, eligible=number != 5, by=agent1, now=AFTER
        )
        application.refresh_from_db()
    assert apps[5].state == S.INELIGIBLE
    assert all(apps[n].state == S.ELIGIBLE for n in (1, 2, 3, 4, 6))

    # reviewers from both partners, two per application, balanced
    created = services.assignments_balance(
        call=call, reviewers=world.reviewers, per_application=2, by=agent1, now=AFTER
    )
    assert len(created) == 10
    loads = [Assignment.objects.filter(reviewer=r).count() for r in world.reviewers]
    assert max(loads) - min(loads) <= 1
    assert not Assignment.objects.filter(application=apps[5]).exists()

    # a chamber member has a conflict on one application: recused, replaced by hand
    recused = Assignment.objects.filter(reviewer=cres1).order_by("application__number").first()
    assert recused is not None
    conflicted = recused.application
    services.conflict_declare(
        assignment=recused,
        conflict=True,
        note="Administratrice de la structure candidate",
        by=cres1,
        now=AFTER,
    )
    on_it = set(
        Assignment.objects.filter(application=conflicted).values_list("reviewer", flat=True)
    )
    substitute = next(r for r in world.reviewers if r.pk not in on_it)
    services.assignment_add(application=conflicted, reviewer=substitute, by=agent1, now=AFTER)

    # reviews: every reviewer not recused declares no conflict, then scores (a draft first)
    criteria = selectors.criteria_of(call)
    number_of = {a.pk: n for n, a in apps.items()}
    by_application: dict[int, list[Assignment]] = {}
    for assignment in Assignment.objects.exclude(conflict=Conflict.CONFLICT).order_by("pk"):
        number = number_of[assignment.application_id]
        by_application.setdefault(number, []).append(assignment)
        services.conflict_declare(assignment=assignment, conflict=False, by=assignment.reviewer)
        services.review_save(
            assignment=assignment,
            scores=dict(zip([c.pk for c in criteria], SCORES[number], strict=True)),
            recommendation="maybe",
            by=assignment.reviewer,
        )
    assert sorted(len(pair) for pair in by_application.values()) == [2, 2, 2, 2, 2]

    def submit(assignment: Assignment) -> None:
        number = number_of[assignment.application_id]
        services.review_save(
            assignment=assignment,
            scores=dict(zip([c.pk for c in criteria], SCORES[number], strict=True)),
            recommendation="yes" if number in (1, 2, 4) else "no",
            comment="Projet examiné.",
            submit=True,
            by=assignment.reviewer,
        )

    for first_one, second_one in by_application.values():
        submit(first_one)
        # the second reviewer has not submitted: the first one's review stays hidden
        assert selectors.reviews_visible(second_one) == []
        # and the first one sees no draft of the second
        assert selectors.reviews_visible(first_one) == []
        submit(second_one)
        assert [r.assignment for r in selectors.reviews_visible(second_one)] == [first_one]
        assert [r.assignment for r in selectors.reviews_visible(first_one)] == [second_one]
    # the recused reviewer sees nobody's review
    recused.refresh_from_db()
    assert selectors.reviews_visible(recused) == []

    reviewed_by = {
        a.reviewer.get_username()
        for a in Assignment.objects.filter(review__submitted_at__isnull=False)
    }
    assert reviewed_by == {"agent1", "agent2", "cres1", "cres2"}

    for number in (1, 2, 3, 4, 6):
        services.application_ready(application=apps[number], by=agent1)

    # ranking by weighted mean, cumulative amount against the 60 000 € envelope
    ranking = selectors.ranking_of(call)
    assert [(number_of[r.application.pk], r.ranked.score) for r in ranking] == [
        (1, Decimal("4.50")),
        (2, Decimal("3.83")),
        (4, Decimal("3.33")),
        (3, Decimal("3.00")),
        (6, Decimal("2.00")),
    ]
    assert [r.ranked.cumulative for r in ranking] == [
        Decimal("20000"),
        Decimal("35000"),
        Decimal("47000"),
        Decimal("65000"),
        Decimal("75000"),
    ]
    assert [r.ranked.within for r in ranking] == [True, True, True, False, False]

    # the committee: four members present, quorum of three
    meeting = services.committee_record(
        call=call,
        held_on=COMMITTEE,
        members_present=[
            "Vice-président du Conseil départemental",
            "Directrice de l'insertion",
            "Président de la CRES",
            "Chargé de mission de la CRES",
        ],
        by=agent1,
    )
    assert meeting.quorum_reached
    decided = datetime(2026, 5, 20, 17, 0, tzinfo=PARIS)
    services.decision_record(application=apps[1], outcome="accepted", by=agent1, now=decided)
    services.decision_record(
        application=apps[2],
        outcome="accepted_with_conditions",
        conditions="Associer un chantier d'insertion du territoire dès le démarrage.",
        by=agent1,
        now=decided,
    )
    services.decision_record(application=apps[4], outcome="accepted", by=agent1, now=decided)
    for number in (3, 6):
        services.decision_record(
            application=apps[number],
            outcome="rejected",
            reason="Classé sous la ligne de financement ; enveloppe épuisée.",
            by=agent1,
            now=decided,
        )
    assert services.decided_total(call) == Decimal("47000")

    # the accepted applications become conventions, in one confirmed step each
    conventions = {
        n: services.application_convention_create(
            application=apps[n], confirm=True, by=agent1, now=decided
        )
        for n in (1, 2, 4)
    }
    assert Convention.objects.count() == 3
    signed_on = date(2026, 6, 15)
    for convention in conventions.values():
        for party in ("financeur", "porteur"):
            signature_record(convention=convention, party=party, signed_on=signed_on, by=agent1)

    # calendars, by hand: 70 % on signature (15 June 2026), 30 % on the project's report,
    # twelve months from signature (last day 14 June 2027), earmarked grant of 2026 →
    # financial report within six months of the end of 2026 (30 June 2027)
    calendars = {
        c.convention.pk: c
        for c in obligations_for(
            Convention.objects.all(), on=date(2026, 6, 16), until=date(2028, 12, 31)
        )
    }
    expected_advance = {1: Decimal("14000.00"), 2: Decimal("10500.00"), 4: Decimal("8400.00")}
    expected_balance = {1: Decimal("6000.00"), 2: Decimal("4500.00"), 4: Decimal("3600.00")}
    for number, convention in conventions.items():
        items = calendars[convention.pk].obligations
        payments = [o for o in items if o.kind is ObligationKind.PAYMENT]
        assert [(p.due, p.amount) for p in payments if p.status is not Status.PENDING] == [
            (signed_on, expected_advance[number])
        ]
        balance = [p for p in payments if p.status is Status.PENDING]
        assert [p.amount for p in balance] == [expected_balance[number]]
        end = [o.due for o in items if o.kind is ObligationKind.END]
        assert end == [date(2027, 6, 14)]
        report = [o.due for o in items if o.kind is ObligationKind.FINANCIAL_REPORT]
        assert report == [date(2027, 6, 30)]

    # SCDL rows: one per grant, the fund's name as dispositifAide
    rows = list(register_scdl_rows(conventions_dated(year=2026)))
    assert sorted((r.nom_beneficiaire, r.montant) for r in rows) == [
        ("Association d'insertion n° 1", Decimal("20000.00")),
        ("Association d'insertion n° 2", Decimal("15000.00")),
        ("Association d'insertion n° 4", Decimal("12000.00")),
    ]
    for row in rows:
        assert row.nom_attribuant == "Département du Bas-Rhin"
        assert row.date_convention == signed_on
        assert row.dispositif_aide == FUND_NAME
        assert row.conditions_versement == "échelonné"
        assert row.cells()[-1] == FUND_NAME
        assert row.problems() == []

    # every state change is journalled with who, when and why
    transitions = AuditEntry.objects.filter(
        object_type="call_application", object_ref=apps[3].reference, summary__has_key="to"
    ).order_by("at", "pk")
    assert [e.summary["to"] for e in transitions] == [
        "submitted",
        "eligible",
        "in_review",
        "ready_for_committee",
        "rejected",
    ]
    assert transitions.last().actor == agent1
    assert "enveloppe épuisée" in transitions.last().summary["why"]
    assert CLOSES < AFTER

    # documents: the call to circulate, the minutes with the declarations, the letters
    call_text = _text(documents.call_docx(call))
    assert "Soutenir l'innovation dans l'insertion, ouverte aux acteurs de l'ESS." in call_text
    assert "Orientations validées le 20 janvier 2026 (version 2)." in call_text
    assert "Dépôt des dossiers du 2 février 2026 à 9 h 00 au 31 mars 2026 à 12 h 00" in call_text
    assert "Enveloppe de l’appel : 60 000,00 €." in call_text
    assert "Insertion des publics éloignés de l'emploi (pondération 2)" in call_text
    assert "Contrat d’engagement républicain souscrit" in call_text
    minutes = _text(documents.minutes_docx(call))
    assert "Réunion du 20 mai 2026." in minutes
    assert "Quorum : 3 membres ; atteint." in minutes
    assert (
        f"cres1 — {conflicted.reference} — {conflicted.project_title} : conflit d'intérêts : "
        "déport (Administratrice de la structure candidate)"
    ) in minutes
    assert "Total attribué : 47 000,00 € pour une enveloppe de 60 000,00 €." in minutes
    refusal = _text(documents.letter_docx(apps[3]))
    assert "motifs suivants : Classé sous la ligne de financement ; enveloppe épuisée." in refusal
    assert (
        "recours gracieux auprès de Département du Bas-Rhin, ou d’un recours contentieux devant "
        "le tribunal administratif dans un délai de deux mois"
    ) in refusal
    acceptance = _text(documents.letter_docx(apps[2]))
    assert "Une subvention de 15 000,00 € vous est attribuée." in acceptance
    assert "conditions suivantes : Associer un chantier d'insertion" in acceptance
    assert "recours" not in acceptance


def _text(content: bytes) -> str:
    import io

    from docx import Document

    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
