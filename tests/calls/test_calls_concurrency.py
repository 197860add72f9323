"""Two decisions at the same instant cannot both take the envelope: the call's row is
locked by ``decision_record``, so the second one reads the first one's amount and is
refused without a reason. Real threads, each with its own database connection."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from calls_world import COMMITTEE, DURING, World, apply
from django.db import connection, connections

from pacte.calls import selectors, services
from pacte.calls.checks import CallError
from pacte.calls.models import Application, Decision

pytestmark = pytest.mark.django_db(transaction=True)


def _ready(world: World, number: int) -> Application:
    application = apply(world, number, Decimal("25000"))
    services.application_submit(application=application, by=world.applicants[-1], now=DURING)
    agent = world.agents[0]
    services.application_eligibility_confirm(application=application, eligible=True, by=agent)
    assignment = services.assignment_add(
        application=application, reviewer=world.agents[1], by=agent
    )
    services.conflict_declare(assignment=assignment, conflict=False, by=world.agents[1])
    services.review_save(
        assignment=assignment,
        scores={c.pk: 4 for c in selectors.criteria_of(world.call)},
        recommendation="yes",
        submit=True,
        by=world.agents[1],
    )
    services.application_ready(application=application, by=agent)
    return application


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite en mémoire des tests : un seul écrivain à la fois par construction",
)
def test_two_decisions_at_once_do_not_both_take_the_envelope(world: World) -> None:
    first, second, third = (_ready(world, n) for n in (1, 2, 3))
    agent = world.agents[0]
    services.committee_record(
        call=world.call, held_on=COMMITTEE, members_present=["A", "B", "C"], by=agent
    )
    services.decision_record(application=first, outcome="accepted", by=agent)  # 25 000 €
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(application: Application) -> None:
        try:
            barrier.wait()
            services.decision_record(application=application, outcome="accepted", by=agent)
            outcomes.append("accepted")
        except CallError as error:
            outcomes.append(error.field or "")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(a,)) for a in (second, third)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "reason"]
    assert services.decided_total(world.call) == Decimal("50000")
    assert Decision.objects.count() == 2
