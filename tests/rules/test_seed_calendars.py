"""The calendars of both seed conventions, date by date and euro by euro."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from factories import TermsFactory
from pacte.rules.events import DocumentReceived, Events, Meeting, NoticeReceived, Payment
from pacte.rules.obligations import Obligation, ObligationKind, Status, obligations
from pacte.terms import Convention, DocumentKind

SIGNED = date(2009, 5, 15)


def _of(items: list[Obligation], kind: ObligationKind) -> list[Obligation]:
    return [o for o in items if o.kind is kind]


def _dijon(dijon: Convention, on: date = SIGNED, **events: object) -> list[Obligation]:
    return obligations(
        dijon,
        Events(signatures=(SIGNED,), **events),
        on=on,
        until=date(2011, 6, 1),  # type: ignore[arg-type]
    )


def test_dijon_payments(dijon: Convention) -> None:
    advance, balance = _of(_dijon(dijon), ObligationKind.PAYMENT)
    assert (advance.due, advance.amount, advance.status) == (SIGNED, Decimal("2800.00"), Status.DUE)
    assert advance.reason.article == "IV"
    assert "70 %" in str(advance.reason)
    assert advance.party == "Ville de Dijon"
    assert balance.amount == Decimal("1200.00")
    # the balance waits for the committee's PV: no date, never late, named by its trigger
    assert (balance.due, balance.status) == (None, Status.PENDING)
    assert balance.waiting_for is not None and "procès-verbal" in balance.waiting_for
    assert "sur présentation de" in str(balance.reason)
    assert "en attente de" in balance.when


def test_dijon_committee_and_documents(dijon: Convention) -> None:
    items = _dijon(dijon)
    meetings = _of(items, ObligationKind.MEETING)
    assert [m.due for m in meetings] == [date(2010, 5, 14), date(2011, 5, 14)]
    assert meetings[0].reason.article == "III"
    documents = _of(items, ObligationKind.SUPPORTING_DOCUMENT)
    kinds = {d.title.split(" (")[0] for d in documents if d.due == date(2010, 5, 14)}
    assert any("procès-verbal du comité de pilotage" in k for k in kinds)
    renewal_dependency = [
        d for d in documents if "conditionne la subvention de la période 2" in d.title
    ]
    assert renewal_dependency and renewal_dependency[0].party.startswith("Chambre Régionale")


def test_dijon_notice_and_renewal(dijon: Convention) -> None:
    items = _dijon(dijon)
    first, second = _of(items, ObligationKind.NOTICE_DEADLINE)
    assert first.due == date(2010, 2, 14)  # a Sunday
    assert first.act_by == date(2010, 2, 12)  # the Friday before
    assert first.reason.article == "VI"
    assert "lettre recommandée" in str(first.reason)
    assert second.due == date(2011, 2, 14)  # follows the renewed period, not the first
    renewals = _of(items, ObligationKind.RENEWAL)
    assert renewals[0].due == date(2010, 5, 15)


def test_dijon_events_close_obligations(dijon: Convention) -> None:
    items = _dijon(
        dijon,
        on=date(2010, 6, 30),
        payments=(
            Payment(on=SIGNED, amount=Decimal("2800")),
            Payment(on=date(2010, 6, 2), amount=Decimal("1200")),
        ),
        meetings=(Meeting(body="copil", on=date(2010, 4, 20), minutes_on=date(2010, 5, 20)),),
        documents=(
            DocumentReceived(kind=DocumentKind.ACTIVITY_REPORT, on=date(2010, 4, 10), year=2009),
        ),
    )
    advance, balance = _of(items, ObligationKind.PAYMENT)
    assert (advance.status, balance.status) == (Status.DONE, Status.DONE)
    assert balance.due == date(2010, 5, 20)  # payable once the PV and the report are in
    meeting = _of(items, ObligationKind.MEETING)[0]
    assert (meeting.status, meeting.done_on) == (Status.DONE, date(2010, 4, 20))
    assert _of(items, ObligationKind.MINUTES)[0].status is Status.DONE
    assert _of(items, ObligationKind.NOTICE_DEADLINE)[0].status is Status.WAIVED


def test_dijon_partial_payment_stays_open(dijon: Convention) -> None:
    items = _dijon(
        dijon, on=date(2010, 6, 30), payments=(Payment(on=SIGNED, amount=Decimal("3000")),)
    )
    advance, balance = _of(items, ObligationKind.PAYMENT)
    assert advance.status is Status.DONE
    # the PV has not come: the balance waits for it, it is not late
    assert balance.status is Status.PENDING
    with_minutes = _dijon(
        dijon,
        on=date(2010, 6, 30),
        payments=(Payment(on=SIGNED, amount=Decimal("3000")),),
        meetings=(Meeting(body="copil", on=date(2010, 4, 20), minutes_on=date(2010, 5, 20)),),
    )
    _, balance = _of(with_minutes, ObligationKind.PAYMENT)
    # once the PV is in, the balance is payable from its receipt, and now late
    assert (balance.due, balance.status) == (date(2010, 5, 20), Status.OVERDUE)


def test_unsigned_convention_has_nothing_late(dijon: Convention) -> None:
    """Before the signature every obligation waits for it: none is late, whatever the day."""
    items = obligations(dijon, Events(), on=date(2012, 1, 1), until=date(2013, 1, 1))
    payments = _of(items, ObligationKind.PAYMENT)
    assert payments and all(p.status is Status.PENDING for p in payments)
    assert all(p.due is None for p in payments)
    assert all(p.waiting_for and p.waiting_for.startswith("la signature") for p in payments)
    assert not [o for o in items if o.status is Status.OVERDUE]


def test_dijon_notice_in_time_ends_at_period_end(dijon: Convention) -> None:
    items = _dijon(
        dijon, on=date(2010, 3, 1), notices=(NoticeReceived(party="cress", on=date(2010, 2, 10)),)
    )
    (end,) = _of(items, ObligationKind.END)
    assert end.due == date(2010, 5, 14)
    assert "(dénonciation)" in end.title  # a notice, not a résiliation
    assert _of(items, ObligationKind.RENEWAL) == []
    assert all(
        m.status is Status.VOID for m in _of(items, ObligationKind.MEETING) if m.due > end.due
    )


def test_dijon_late_notice_ends_after_the_next_period(dijon: Convention) -> None:
    late = NoticeReceived(party="cress", on=date(2010, 2, 20))
    items = _dijon(dijon, on=date(2010, 3, 1), notices=(late,))
    (end,) = _of(items, ObligationKind.END)
    assert end.due == date(2011, 5, 14)


def test_dijon_unsigned_has_no_dates_from_signature(dijon: Convention) -> None:
    items = obligations(dijon, Events(), on=date(2009, 4, 1), until=date(2010, 12, 31))
    (advance,) = [o for o in items if o.kind is ObligationKind.PAYMENT and "Acompte" in o.title]
    assert advance.due is None
    assert _of(items, ObligationKind.NOTICE_DEADLINE) == []


def test_bas_rhin_calendar(bas_rhin: Convention) -> None:
    items = obligations(bas_rhin, Events(), on=date(2012, 11, 1), until=date(2015, 12, 31))
    payments = _of(items, ObligationKind.PAYMENT)
    assert [(p.due, p.amount) for p in payments] == [
        (date(2012, 11, 1), Decimal("1666.00")),
        (date(2013, 1, 1), Decimal("10000.00")),
        (date(2014, 1, 1), Decimal("10000.00")),
    ]
    assert "prorata exact : 1 666,67 €" in str(payments[0].reason)
    assert "tronqué à l’euro" in str(payments[0].reason)
    # 1 November is All Saints' Day: act the day before
    assert payments[0].act_by == date(2012, 10, 31)
    milestones = {(m.due, m.title.split(" « ")[0]) for m in _of(items, ObligationKind.MILESTONE)}
    assert (date(2013, 6, 30), "Dispositif c)") in milestones
    assert (date(2013, 12, 31), "Dispositif b)") in milestones
    assert (date(2014, 1, 1), "Dispositif b)") in milestones
    titles = [m.title for m in _of(items, ObligationKind.MILESTONE)]
    assert all("« " in title and ", étape " in title for title in titles)
    (decision,) = _of(items, ObligationKind.RENEWAL_DECISION)
    assert decision.due == date(2014, 12, 31)
    assert "nouveau projet" in str(decision.reason)
    (end,) = _of(items, ObligationKind.END)
    assert end.due == date(2014, 12, 31)
    meetings = _of(items, ObligationKind.MEETING)
    assert [m.due for m in meetings] == [date(2013, 10, 31), date(2014, 12, 31)]
    assert all("politique" in m.title for m in meetings)  # the technical one meets as needed
    assert _of(items, ObligationKind.NOTICE_DEADLINE) == []
    assert _of(items, ObligationKind.OPEN_DATA) == []  # under the 23 000 € threshold
    assert _of(items, ObligationKind.FINANCIAL_REPORT) == []  # not earmarked


def test_bas_rhin_alsace_moselle_holidays(bas_rhin: Convention) -> None:
    """26 December 2014 is a holiday in Bas-Rhin only: a deadline then moves a day earlier."""
    shifted = TermsFactory(sample=bas_rhin)
    shifted.term.end = date(2014, 12, 26)
    (end,) = _of(
        obligations(shifted, Events(), on=date(2014, 1, 1), until=date(2015, 1, 31)),
        ObligationKind.END,
    )
    assert end.act_by == date(2014, 12, 24)
    shifted.parties[0].organisation.department = "21"
    (end,) = _of(
        obligations(shifted, Events(), on=date(2014, 1, 1), until=date(2015, 1, 31)),
        ObligationKind.END,
    )
    assert end.act_by == date(2014, 12, 26)


def test_json_shape(dijon: Convention) -> None:
    advance = _dijon(dijon)[0].as_json()
    assert set(advance) == {
        "kind",
        "due",
        "act_by",
        "amount",
        "party",
        "status",
        "waiting_for",
        "reason",
    }
    assert advance["amount"] == "2800.00"
    assert advance["due"] == "2009-05-15"


def test_fixed_start_unsigned_waits_for_the_signature(bas_rhin: Convention) -> None:
    """A convention with a fixed start that nobody signed: its dates are planned, not late."""
    items = obligations(bas_rhin, Events(), on=date(2013, 6, 1), until=date(2015, 1, 1))
    assert not [o for o in items if o.status is Status.OVERDUE]
    payments = _of(items, ObligationKind.PAYMENT)
    assert payments and all(p.status is Status.PENDING for p in payments)
    assert all("en attente de la signature" in p.when for p in payments)


def test_a_grant_is_not_late_on_its_signing_day(bas_rhin: Convention) -> None:
    """Term from 1 November 2012, signed on 20 December: the 2012 grant is due that day."""
    signed = date(2012, 12, 20)
    items = obligations(bas_rhin, Events(signatures=(signed,)), on=signed, until=date(2015, 1, 1))
    first = _of(items, ObligationKind.PAYMENT)[0]
    assert first.amount == Decimal("1666.00")
    assert (first.due, first.status) == (signed, Status.DUE)


def test_history_takeover_of_a_finished_convention(bas_rhin: Convention) -> None:
    """A 2012–2014 convention imported in 2026: its past is settled, nothing stays late."""
    from dataclasses import replace as _replace

    from pacte.rules.obligations import history_takeover

    signed = Events(signatures=(date(2012, 10, 15),))
    on = date(2026, 12, 6)
    before = obligations(bas_rhin, signed, on=on, until=on)
    assert [o for o in before if o.status is Status.OVERDUE]
    takeover = history_takeover(bas_rhin, signed, on)
    # the three yearly grants (1 666 + 10 000 + 10 000) are the payments to record
    assert takeover.amount == Decimal("21666.00")
    paid = tuple(Payment(on=p.due or on, amount=p.amount or Decimal(0)) for p in takeover.payments)
    after = obligations(
        bas_rhin,
        _replace(signed, payments=paid, settled_until=on - timedelta(days=1)),
        on=on,
        until=on,
    )
    assert not [o for o in after if o.status is Status.OVERDUE]
    assert takeover.deemed


def test_a_balance_paid_before_its_documents_is_an_unmet_condition(dijon: Convention) -> None:
    from pacte.rules.obligations import unmet_conditions

    events = Events(signatures=(SIGNED,), payments=(Payment(on=SIGNED, amount=Decimal("2800")),))
    balance = Payment(on=date(2009, 9, 1), amount=Decimal("1200"))
    (unmet,) = unmet_conditions(dijon, events, balance)
    assert unmet.amount == Decimal("1200.00")
    assert unmet.waiting_for and "procès-verbal" in unmet.waiting_for
    # once the PV is in, the same payment meets its condition
    with_pv = Events(
        signatures=(SIGNED,),
        payments=events.payments,
        meetings=(Meeting(body="copil", on=date(2009, 6, 20), minutes_on=date(2009, 7, 1)),),
    )
    assert unmet_conditions(dijon, with_pv, balance) == []
    # the advance of an unsigned convention waits for the signature
    (advance,) = unmet_conditions(dijon, Events(), Payment(on=SIGNED, amount=Decimal("2800")))
    assert advance.waiting_for and advance.waiting_for.startswith("la signature")
