"""Bad input of the calls for projects: a French message naming the field, and nothing
half-saved (the state, the rows and the journal are as before)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from calls_world import AFTER, CLOSES, COMMITTEE, DURING, PARIS, World, application_data, apply

from factories import UserFactory
from pacte.audit.models import AuditEntry
from pacte.calls import selectors, services
from pacte.calls.checks import CallError, Line
from pacte.calls.enums import ApplicationState as S
from pacte.calls.models import Application, Assignment, BudgetLine, Decision, Review, Score


def _snapshot() -> tuple[int, ...]:
    return (
        Application.objects.count(),
        BudgetLine.objects.count(),
        Review.objects.count(),
        Score.objects.count(),
        Decision.objects.count(),
        AuditEntry.objects.count(),
    )


def _refused(field: str | None, words: str, service, *args, **kwargs) -> CallError:  # type: ignore[no-untyped-def]
    before = _snapshot()
    with pytest.raises(CallError) as caught:
        service(*args, **kwargs)
    assert caught.value.field == field, caught.value.errors
    assert words in caught.value.message
    assert _snapshot() == before
    return caught.value


@pytest.mark.django_db
def test_unbalanced_budget_is_refused_at_submission(world: World) -> None:
    lines = [
        Line("charge", "64", Decimal("30000"), "Salaires"),
        Line("product", "74", Decimal("20000"), "FD2I", funder="Département du Bas-Rhin"),
    ]
    application = apply(world, 1, Decimal("20000"), budget=lines)
    error = _refused(
        "budget",
        "n’est pas équilibré : charges 30 000,00 €, produits 20 000,00 € (écart 10 000,00 €)",
        services.application_submit,
        application=application,
        by=world.applicants[0],
        now=DURING,
    )
    assert "budget" in error.errors
    application.refresh_from_db()
    assert application.state == S.DRAFT and application.submitted_at is None


@pytest.mark.django_db
def test_a_co_funder_line_names_its_funder_and_accounts_are_standard(world: World) -> None:
    user = UserFactory()
    lines = [
        Line("charge", "69", Decimal("100"), "Compte inventé"),
        Line("product", "74", Decimal("100"), "Subvention"),
    ]
    error = _refused(
        "budget-1-account",
        "le compte « 69 » n’est pas un compte de charges",
        services.application_save,
        call=world.call,
        data=application_data(1, Decimal("100"), budget=lines),
        by=user,
        now=DURING,
    )
    assert "une ligne par financeur" in error.errors["budget-2-funder"]


@pytest.mark.django_db
def test_missing_siret_and_rna(world: World) -> None:
    application = apply(world, 1, Decimal("20000"), siret="", rna="")
    error = _refused(
        "siret",
        "Le SIRET de la structure est obligatoire.",
        services.application_submit,
        application=application,
        by=world.applicants[0],
        now=DURING,
    )
    assert error.errors["rna"] == "Le numéro RNA est obligatoire pour une association."


@pytest.mark.django_db
def test_wrong_siret_and_rna_formats(world: World) -> None:
    user = UserFactory()
    error = _refused(
        "siret",
        "clé de contrôle invalide",
        services.application_save,
        call=world.call,
        data=application_data(1, Decimal("100"), siret="12345678200011", rna="W12"),
        by=user,
        now=DURING,
    )
    assert "la lettre W suivie de 9 chiffres" in error.errors["rna"]


@pytest.mark.django_db
def test_submission_after_closing_is_refused(world: World) -> None:
    application = apply(world, 1, Decimal("20000"))
    _refused(
        "closes_at",
        "est clos depuis le 31 mars 2026 à 12 h 00",
        services.application_submit,
        application=application,
        by=world.applicants[0],
        now=CLOSES + timedelta(minutes=1),
    )
    # one minute earlier it goes through (Europe/Paris time)
    services.application_submit(
        application=application, by=world.applicants[0], now=CLOSES - timedelta(minutes=1)
    )
    application.refresh_from_db()
    assert application.state == S.SUBMITTED


@pytest.mark.django_db
def test_request_for_information_reopens_until_its_deadline(world: World) -> None:
    application = apply(world, 1, Decimal("20000"))
    applicant = world.applicants[0]
    services.application_submit(application=application, by=applicant, now=DURING)
    # submitted: the applicant can no longer change it
    _refused(
        "state",
        "il ne peut plus être modifié",
        services.application_save,
        call=world.call,
        application=application,
        data=application_data(1, Decimal("20000")),
        by=applicant,
        now=DURING,
    )
    deadline = datetime(2026, 4, 20, 18, 0, tzinfo=PARIS)
    services.application_request_information(
        application=application,
        message="Joindre le budget de la structure.",
        deadline=deadline,
        by=world.agents[0],
        now=AFTER,
    )
    application.refresh_from_db()
    assert application.state == S.DRAFT
    assert application.information_request == "Joindre le budget de la structure."
    # after the call's closing, before the deadline: changed and submitted again
    services.application_save(
        call=world.call,
        application=application,
        data=application_data(1, Decimal("20000"), documents=["statutes", "budget"]),
        by=applicant,
        now=AFTER,
    )
    services.application_submit(application=application, by=applicant, now=AFTER)
    application.refresh_from_db()
    assert application.state == S.SUBMITTED and application.information_deadline is None
    # a second request, answered too late
    services.application_request_information(
        application=application,
        message="Et le RIB.",
        deadline=deadline,
        by=world.agents[0],
        now=AFTER,
    )
    _refused(
        "information_deadline",
        "Le délai pour compléter le dossier a expiré le 20 avril 2026 à 18 h 00",
        services.application_submit,
        application=application,
        by=applicant,
        now=deadline + timedelta(seconds=1),
    )


@pytest.mark.django_db
def test_eligibility_is_confirmed_by_a_person_and_overriding_needs_a_reason(world: World) -> None:
    application = apply(world, 1, Decimal("30000"))  # over the 25 000 € maximum
    services.application_submit(application=application, by=world.applicants[0], now=DURING)
    _refused(
        "reason",
        "montant demandé supérieur au maximum de 25 000,00 €",
        services.application_eligibility_confirm,
        application=application,
        eligible=True,
        by=world.agents[0],
    )
    # a partner member cannot instruct
    _refused(
        None,
        "Seuls les agents de Département du Bas-Rhin instruisent",
        services.application_eligibility_confirm,
        application=application,
        eligible=False,
        by=world.partners[0],
    )
    services.application_eligibility_confirm(
        application=application,
        eligible=True,
        reason="Dérogation accordée par le comité de pilotage",
        by=world.agents[0],
    )
    application.refresh_from_db()
    assert application.state == S.ELIGIBLE


def _in_review(world: World) -> tuple[Application, Assignment, Assignment]:
    application = apply(world, 1, Decimal("20000"))
    services.application_submit(application=application, by=world.applicants[0], now=DURING)
    services.application_eligibility_confirm(
        application=application, eligible=True, by=world.agents[0]
    )
    agent = services.assignment_add(
        application=application, reviewer=world.agents[1], by=world.agents[0]
    )
    partner = services.assignment_add(
        application=application, reviewer=world.partners[0], by=world.agents[0]
    )
    return application, agent, partner


@pytest.mark.django_db
def test_a_recused_reviewer_cannot_score(world: World) -> None:
    _application, _agent, partner = _in_review(world)
    services.conflict_declare(
        assignment=partner, conflict=True, note="Trésorière de l'association", by=world.partners[0]
    )
    criteria = selectors.criteria_of(world.call)
    _refused(
        "conflict",
        "Vous vous êtes déporté de ce dossier (conflit d’intérêts déclaré)",
        services.review_save,
        assignment=partner,
        scores={c.pk: 3 for c in criteria},
        recommendation="yes",
        submit=True,
        by=world.partners[0],
    )


@pytest.mark.django_db
def test_reviewers_must_be_from_the_partners_and_declare_first(world: World) -> None:
    application, agent, _partner = _in_review(world)
    _refused(
        "reviewer",
        "n’est ni agent de Département du Bas-Rhin ni membre du partenaire",
        services.assignment_add,
        application=application,
        reviewer=world.outsider,
        by=world.agents[0],
    )
    criteria = selectors.criteria_of(world.call)
    _refused(
        "conflict",
        "Déclarez d’abord l’absence de conflit d’intérêts",
        services.review_save,
        assignment=agent,
        scores={c.pk: 3 for c in criteria},
        by=world.agents[1],
    )
    # someone else's assignment
    _refused(
        None,
        "Seul l’évaluateur désigné note ce dossier.",
        services.review_save,
        assignment=agent,
        scores={},
        by=world.agents[0],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("value", [6, -1, 2.5, "4"])
def test_a_score_out_of_range_is_refused(world: World, value: object) -> None:
    _application, agent, _partner = _in_review(world)
    services.conflict_declare(assignment=agent, conflict=False, by=world.agents[1])
    criteria = selectors.criteria_of(world.call)
    scores = {c.pk: 3 for c in criteria}
    scores[criteria[1].pk] = value  # type: ignore[assignment]
    _refused(
        f"score-{criteria[1].pk}",
        "Critère « Insertion des publics éloignés de l'emploi » : la note doit être un nombre "
        "entier de 0 à 5",
        services.review_save,
        assignment=agent,
        scores=scores,
        recommendation="yes",
        submit=True,
        by=world.agents[1],
    )


@pytest.mark.django_db
def test_a_submitted_review_is_complete_and_final(world: World) -> None:
    _application, agent, _partner = _in_review(world)
    services.conflict_declare(assignment=agent, conflict=False, by=world.agents[1])
    criteria = selectors.criteria_of(world.call)
    error = _refused(
        f"score-{criteria[2].pk}",
        "Critère « Viabilité économique » : note manquante",
        services.review_save,
        assignment=agent,
        scores={criteria[0].pk: 4, criteria[1].pk: None},
        submit=True,
        by=world.agents[1],
    )
    assert "Donnez votre avis" in error.errors["recommendation"]
    services.review_save(
        assignment=agent,
        scores={c.pk: 4 for c in criteria},
        recommendation="yes",
        submit=True,
        by=world.agents[1],
    )
    _refused(
        "submit",
        "déjà transmise",
        services.review_save,
        assignment=agent,
        scores={c.pk: 1 for c in criteria},
        recommendation="no",
        by=world.agents[1],
    )


def _ready(world: World, number: int, amount: str) -> Application:
    application = apply(world, number, Decimal(amount))
    applicant = world.applicants[-1]
    services.application_submit(application=application, by=applicant, now=DURING)
    services.application_eligibility_confirm(
        application=application, eligible=True, by=world.agents[0]
    )
    assignment = services.assignment_add(
        application=application, reviewer=world.agents[1], by=world.agents[0]
    )
    services.conflict_declare(assignment=assignment, conflict=False, by=world.agents[1])
    services.review_save(
        assignment=assignment,
        scores={c.pk: 4 for c in selectors.criteria_of(world.call)},
        recommendation="yes",
        submit=True,
        by=world.agents[1],
    )
    services.application_ready(application=application, by=world.agents[0])
    return application


@pytest.mark.django_db
def test_a_decision_over_the_envelope_needs_a_reason(world: World) -> None:
    first = _ready(world, 1, "25000")
    second = _ready(world, 2, "25000")
    third = _ready(world, 3, "20000")
    services.committee_record(
        call=world.call, held_on=COMMITTEE, members_present=["A", "B", "C"], by=world.agents[0]
    )
    services.decision_record(application=first, outcome="accepted", by=world.agents[0])
    services.decision_record(application=second, outcome="accepted", by=world.agents[0])
    _refused(
        "reason",
        "le total attribué (70 000,00 €) dépasse l’enveloppe de l’appel (60 000,00 €)",
        services.decision_record,
        application=third,
        outcome="accepted",
        by=world.agents[0],
    )
    third.refresh_from_db()
    assert third.state == S.READY_FOR_COMMITTEE
    # a lower amount needs a reason too; with it, the line moves
    _refused(
        "reason",
        "Le montant attribué (10 000,00 €) diffère du montant demandé (20 000,00 €)",
        services.decision_record,
        application=third,
        outcome="accepted",
        amount=Decimal("10000"),
        by=world.agents[0],
    )
    _refused(
        "reason",
        "Un refus est motivé",
        services.decision_record,
        application=third,
        outcome="rejected",
        by=world.agents[0],
    )
    services.decision_record(
        application=third,
        outcome="accepted",
        amount=Decimal("10000"),
        reason="Projet prioritaire ; montant réduit pour tenir l’enveloppe.",
        by=world.agents[0],
    )
    assert services.decided_total(world.call) == Decimal("60000")


@pytest.mark.django_db
def test_no_decision_without_quorum_nor_convention_without_confirmation(world: World) -> None:
    application = _ready(world, 1, "20000")
    services.committee_record(
        call=world.call, held_on=COMMITTEE, members_present=["A", "B"], by=world.agents[0]
    )
    _refused(
        "meeting",
        "Le quorum du comité (3 membres) n’est pas atteint",
        services.decision_record,
        application=application,
        outcome="accepted",
        by=world.agents[0],
    )
    services.committee_record(
        call=world.call, held_on=COMMITTEE, members_present=["A", "B", "C"], by=world.agents[0]
    )
    services.decision_record(application=application, outcome="accepted", by=world.agents[0])
    _refused(
        "confirm",
        "Confirmez la création de la convention",
        services.application_convention_create,
        application=application,
        confirm=False,
        by=world.agents[0],
    )


@pytest.mark.django_db
def test_a_transition_out_of_order_is_refused(world: World) -> None:
    application = apply(world, 1, Decimal("20000"))
    _refused(
        "state",
        "est brouillon : il ne peut passer à l’état « recevable »",
        services.application_eligibility_confirm,
        application=application,
        eligible=True,
        by=world.agents[0],
    )
