"""events_for: the records become the rules' events, and the obligations follow at once."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from factories import (
    ConventionFactory,
    DocumentReceivedFactory,
    MeetingFactory,
    NoticeSentFactory,
    PaymentFactory,
    SignatureFactory,
    TerminationFactory,
)
from pacte.conventions.models import Convention
from pacte.followup.selectors import events_for, obligations_for
from pacte.rules.events import Events
from pacte.rules.obligations import ObligationKind, Status, obligations
from pacte.terms import DocumentKind

pytestmark = pytest.mark.django_db


def calendar(convention: Convention, today: date):
    convention = Convention.objects.get(pk=convention.pk)
    return obligations(
        convention.to_terms(), events_for(convention), on=today, until=today + timedelta(days=365)
    )


def advance(items):
    return next(o for o in items if o.kind is ObligationKind.PAYMENT and "Acompte" in o.title)


def test_no_record_gives_the_stated_signature_only(gwenael) -> None:
    assert events_for(gwenael) == Events(signatures=(date(2026, 3, 2),))


def test_recording_a_payment_makes_the_payment_obligation_done(gwenael, agent, today) -> None:
    assert advance(calendar(gwenael, today)).status is Status.OVERDUE
    PaymentFactory(convention=gwenael, amount=Decimal("8750"), paid_on=date(2026, 3, 16), by=agent)
    item = advance(calendar(gwenael, today))
    assert (item.status, item.done_on) == (Status.DONE, date(2026, 3, 16))


def test_signatures_count_once_every_party_has_signed(gwenael, agent) -> None:
    SignatureFactory(convention=gwenael, party="ville", signed_on=date(2026, 3, 4), by=agent)
    # the MISB has not signed yet: the convention's own date still holds
    assert events_for(gwenael).signed_on == date(2026, 3, 2)
    SignatureFactory(convention=gwenael, party="misb", signed_on=date(2026, 3, 6), by=agent)
    assert events_for(gwenael).signatures == (date(2026, 3, 4), date(2026, 3, 6))


def test_every_kind_of_record_reaches_the_events(gwenael, agent) -> None:
    DocumentReceivedFactory(
        convention=gwenael,
        kind=DocumentKind.ACTIVITY_REPORT,
        year=2026,
        received_on=date(2026, 11, 2),
        by=agent,
    )
    MeetingFactory(
        convention=gwenael,
        body="copil",
        held_on=date(2026, 10, 6),
        minutes_received_on=date(2026, 10, 20),
        by=agent,
    )
    NoticeSentFactory(convention=gwenael, party="misb", sent_on=date(2026, 11, 3), by=agent)
    events = events_for(gwenael)
    assert [(d.kind, d.year) for d in events.documents] == [(DocumentKind.ACTIVITY_REPORT, 2026)]
    assert [(m.body, m.minutes_on) for m in events.meetings] == [("copil", date(2026, 10, 20))]
    # a letter counts from its receipt: without the AR date it is not an event yet
    assert events.notices == ()
    NoticeSentFactory(
        convention=gwenael,
        party="misb",
        sent_on=date(2026, 11, 3),
        received_on=date(2026, 11, 5),
        by=agent,
    )
    assert [(n.party, n.on) for n in events_for(gwenael).notices] == [("misb", date(2026, 11, 5))]
    TerminationFactory(
        convention=gwenael, terminated_on=date(2026, 11, 10), reason="d'un commun accord", by=agent
    )
    assert events_for(gwenael).terminated_on == date(2026, 11, 10)


def test_notice_received_waives_the_renewal(gwenael, agent, today) -> None:
    deadline = next(o for o in calendar(gwenael, today) if o.kind is ObligationKind.NOTICE_DEADLINE)
    assert deadline.status is Status.DUE
    NoticeSentFactory(
        convention=gwenael,
        party="misb",
        sent_on=date(2026, 11, 3),
        received_on=date(2026, 11, 5),
        by=agent,
    )
    items = calendar(gwenael, today)
    assert next(o for o in items if o.kind is ObligationKind.NOTICE_DEADLINE).status is Status.DONE
    end = next(o for o in items if o.kind is ObligationKind.END)
    assert end.due == date(2027, 3, 1)


def test_obligations_for_thirty_conventions_in_a_fixed_number_of_queries(
    gwenael, agent, today, django_assert_max_num_queries
) -> None:
    for stored in ConventionFactory.create_batch(30):  # the Ville sample, 30 times more
        PaymentFactory(
            convention=stored, amount=Decimal("100"), paid_on=date(2026, 3, 16), by=agent
        )
    with django_assert_max_num_queries(40):
        calendars = obligations_for(
            Convention.objects.all(), on=today, until=today + timedelta(days=90)
        )
    assert len(calendars) == 33
    assert all(c.obligations for c in calendars)
