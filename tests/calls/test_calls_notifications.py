"""The e-mails of the calls for projects: sent once each, on the day they are due."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from calls_world import COMMITTEE, DURING, World, apply
from django.core import mail

from pacte.calls import selectors, services
from pacte.calls.notifications import notifications_send
from pacte.cli import main

pytestmark = pytest.mark.django_db


def _emails(world: World) -> None:
    for user in [*world.agents, *world.partners, *world.applicants]:
        user.email = f"{user.username.split('@')[0]}@exemple.invalid"
        user.save()


def test_assignment_review_due_and_decision_mails_once(world: World) -> None:
    first = apply(world, 1, Decimal("10000"))
    second = apply(world, 2, Decimal("8000"))
    _emails(world)
    agent, reviewer = world.agents[0], world.partners[0]
    for application, applicant in ((first, world.applicants[0]), (second, world.applicants[1])):
        services.application_submit(application=application, by=applicant, now=DURING)
        services.application_eligibility_confirm(application=application, eligible=True, by=agent)
        services.assignment_add(application=application, reviewer=reviewer, by=agent)
    # two assignments: two mails to the reviewer, the day they are made
    report = notifications_send(on=date(2026, 4, 10))
    assert report.sent == 2 and report.failed == []
    assert sorted(m.subject for m in mail.outbox) == [
        f"Pacte — dossier à évaluer : {first.reference} (Appel à projets FD2I 2026)",
        f"Pacte — dossier à évaluer : {second.reference} (Appel à projets FD2I 2026)",
    ]
    assert mail.outbox[0].to == ["cres1@exemple.invalid"]
    assert "/evaluations/" in mail.outbox[0].body
    # again the same day: nothing new
    assert notifications_send(on=date(2026, 4, 10)).sent == 0
    # seven days before the committee (20 May 2026): the reviews still due
    mail.outbox.clear()
    assert notifications_send(on=COMMITTEE - timedelta(days=8)).sent == 0
    assert notifications_send(on=COMMITTEE - timedelta(days=7)).sent == 2
    assert mail.outbox[0].subject.startswith("Pacte — évaluation attendue avant le 20 mai 2026")
    assert "(dans 7 jours)" in mail.outbox[0].body
    # a decision: the applicant is told, once
    assignment = selectors.assignments_of(first).get()
    services.conflict_declare(assignment=assignment, conflict=False, by=reviewer)
    services.review_save(
        assignment=assignment,
        scores={c.pk: 4 for c in selectors.criteria_of(world.call)},
        recommendation="yes",
        submit=True,
        by=reviewer,
    )
    services.application_ready(application=first, by=agent)
    services.committee_record(
        call=world.call, held_on=COMMITTEE, members_present=["A", "B", "C"], by=agent
    )
    services.decision_record(application=first, outcome="accepted", by=agent)
    mail.outbox.clear()
    report = notifications_send(on=COMMITTEE)
    assert [m.subject for m in mail.outbox] == [
        f"Pacte — décision sur votre dossier {first.reference}"
    ]
    assert "retenu, pour 10 000,00 €" in mail.outbox[0].body
    assert mail.outbox[0].to == ["porteur1@exemple.invalid"]


def test_draft_holders_are_reminded_three_days_before_closing(world: World, settings) -> None:
    from django.utils import timezone

    world.call.opens_at = timezone.now() - timedelta(days=10)
    world.call.closes_at = timezone.now() + timedelta(days=2)
    world.call.save()
    apply(world, 1, Decimal("10000"), now=timezone.now())
    _emails(world)
    today = timezone.localdate()
    assert main(["reminders", "--dry-run", "--on", today.isoformat()]) == 0
    assert mail.outbox == []
    report = notifications_send(on=today)
    assert report.sent == 1
    assert mail.outbox[0].subject.startswith(
        "Pacte — l’appel « Appel à projets FD2I 2026 » clôt le "
    )
    assert "encore en brouillon" in mail.outbox[0].body
    assert notifications_send(on=today).sent == 0
