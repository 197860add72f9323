"""The counts kept per organisation equal the counts of the stored rows, on any day.

After every write (store, store again with other parties, events, avenants, nightly
refresh, deletion) the kept buckets are those a recomputation from the stored rows gives,
and the figures read from them (sections, pending, stale calendars, states) are those
counted on the rows, for the register and for each authority, on days around every due
date, without any refresh in between.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from pacte.conventions.models import Convention, Party
from pacte.conventions.services import convention_delete, convention_store
from pacte.followup import calendars, services
from pacte.followup.models import (
    StoredAmount,
    StoredCount,
    StoredObligation,
    StoredState,
    StoredSum,
)
from pacte.followup.selectors import in_state
from pacte.followup.selectors.counts import (
    counted_organisation,
    kept_pending_counts,
    kept_section_counts,
    kept_stale_count,
    kept_state_count,
)
from pacte.followup.selectors.dashboard import (
    amount_years,
    amounts_per_partner,
    amounts_per_state,
    amounts_per_year,
    kept_amount_years,
    kept_amounts_per_partner,
    kept_amounts_per_state,
    kept_amounts_per_year,
)
from pacte.followup.selectors.register import register_organisations
from pacte.followup.selectors.todo import (
    AHEAD,
    active_rows,
    calendars_stale,
    pending_counts,
    pending_rows,
    section_counts,
)
from pacte.followup.sums import sum_contributions, sums_merge
from pacte.followup.tallies import REGISTER, StoredAuthority, contributions
from pacte.rules.term import State
from pacte.terms import PartyRole

TODAY = date(2026, 11, 22)  # as the fixture ``today`` of the conftest

pytestmark = pytest.mark.django_db


def _recomputed() -> Counter:
    """The buckets recomputed from every stored row, under the authorities party now."""
    total: Counter = Counter()
    for convention in Convention.objects.all():
        states = list(
            StoredState.objects.filter(convention=convention).values_list(
                "state", "start", "end", "computed_until"
            )
        )
        total.update(
            contributions(
                authorities=Party.objects.filter(
                    convention=convention, role=PartyRole.PUBLIC_AUTHORITY
                ).values_list("organisation_id", flat=True),
                obligations=StoredObligation.objects.filter(convention=convention).values_list(
                    "kind", "section", "due", "done_on", "terminal"
                ),
                states=[state[:3] for state in states],
                until=states[0][3] if states else None,
            )
        )
    return +total


def _kept() -> Counter:
    return Counter(
        {
            (row.organisation, row.fact, row.key, row.start, row.end): row.count
            for row in StoredCount.objects.all()
        }
    )


def _organisations() -> list[int]:
    authorities = Party.objects.filter(role=PartyRole.PUBLIC_AUTHORITY)
    return [REGISTER, *sorted(set(authorities.values_list("organisation_id", flat=True)))]


def _conventions_of(organisation: int):
    if organisation == REGISTER:
        return Convention.objects.all()
    parties = Party.objects.filter(organisation_id=organisation)
    return Convention.objects.filter(pk__in=parties.values("convention_id"))


def _authority_of(convention: Convention):  # type: ignore[no-untyped-def]
    """The public authority party to a sample convention, as terms."""
    return next(p for p in convention.to_terms().parties if p.role == PartyRole.PUBLIC_AUTHORITY)


def _authority_id(convention: Convention) -> int:
    return convention.parties.get(role=PartyRole.PUBLIC_AUTHORITY).organisation_id


def _store_moved(convention: Convention, to: Convention) -> None:
    """Store ``convention`` again with the authority of ``to`` instead of its own."""
    town = _authority_of(to)
    terms = convention.to_terms()
    parties = [
        p.model_copy(update={"organisation": town.organisation})
        if p.role == PartyRole.PUBLIC_AUTHORITY
        else p
        for p in terms.parties
    ]
    convention_store(terms=terms.model_copy(update={"parties": parties}))


def _store_cofunded(convention: Convention, cofunder: Convention) -> None:
    """Store ``convention`` again with the authority of ``cofunder`` as a second one."""
    terms = convention.to_terms()
    second = _authority_of(cofunder).model_copy(update={"key": "cofinanceur"})
    convention_store(terms=terms.model_copy(update={"parties": [*terms.parties, second]}))


def _record_a_year(gwenael: Convention, vere: Convention, agent, paid: Decimal) -> None:  # type: ignore[no-untyped-def]
    """A payment and an avenant on one convention, a termination on the other."""
    services.payment_record(convention=gwenael, amount=paid, paid_on=date(2026, 3, 16), by=agent)
    services.amendment_record(
        convention=gwenael,
        signed_on=date(2026, 6, 1),
        summary="Montant 2026 porté à 15 000 €",
        grant="subvention-2026",
        year=2026,
        amount=Decimal("15000"),
        by=agent,
    )
    services.termination_record(
        convention=vere, terminated_on=date(2026, 10, 1), reason="fin anticipée", by=agent
    )


def _days() -> list[date]:
    """Days before, on and after stored due dates, done dates, state changes and the
    reading horizon: 16 of those dates, evenly spread, and today."""
    anchors: set[date] = set()
    for due, done_on in StoredObligation.objects.values_list("due", "done_on"):
        anchors.update(day for day in (due, done_on, due and due - AHEAD) if day is not None)
    for start, end in StoredState.objects.values_list("start", "end"):
        anchors.update(day for day in (start, end) if day is not None)
    ordered = sorted(anchors)
    chosen = ordered[:: max(1, len(ordered) // 16)]
    one = timedelta(days=1)
    return sorted({TODAY, *(day + shift for day in chosen for shift in (-one, 0 * one, one))})


def _assert_counts_right() -> None:
    assert _kept() == _recomputed()
    days = _days()
    assert len(days) > 20
    for organisation in _organisations():
        conventions = _conventions_of(organisation)
        # the Registre's choice of authorities, from the counts and from the parties
        assert register_organisations(
            conventions, authority=True, counted=organisation
        ) == register_organisations(conventions, authority=True), organisation
        for on in days:
            rows = active_rows(conventions, on=on)
            assert kept_section_counts(organisation, on=on, ahead=AHEAD) == section_counts(
                rows, on=on
            ), (organisation, on)
            assert kept_pending_counts(organisation, on=on) == pending_counts(
                pending_rows(conventions, on=on)
            ), (organisation, on)
            assert (
                kept_stale_count(organisation, on=on, ahead=AHEAD)
                == calendars_stale(conventions, on=on, ahead=AHEAD).count()
            ), (organisation, on)
            for state in State:
                assert (
                    kept_state_count(organisation, state=state.value, on=on)
                    == in_state(conventions, state.value, on).count()
                ), (organisation, on, state)


def test_stored_conventions_are_counted(samples) -> None:
    assert StoredCount.objects.filter(organisation=REGISTER, fact="due").exists()
    assert len(_organisations()) > 2
    _assert_counts_right()


def test_the_counts_follow_events_and_avenants(samples, gwenael, vere, agent) -> None:
    _record_a_year(gwenael, vere, agent, Decimal("8750"))
    _assert_counts_right()


def test_a_day_later_the_nightly_refresh_keeps_them(samples) -> None:
    later = TODAY + timedelta(days=200)
    calendars.obligations_refresh_nightly(on=later, full=True)
    _assert_counts_right()


def test_stored_again_with_another_authority_they_move(samples, gwenael, vere) -> None:
    town_id = _authority_id(gwenael)
    kept = StoredCount.objects.filter(organisation=town_id, fact="calendar")
    assert sum(kept.values_list("count", flat=True)) == 1

    _store_moved(vere, gwenael)

    assert sum(kept.values_list("count", flat=True)) == 2
    assert set(
        StoredAuthority.objects.filter(convention=vere).values_list("organisation", flat=True)
    ) == set(
        Party.objects.filter(convention=vere, role=PartyRole.PUBLIC_AUTHORITY).values_list(
            "organisation_id", flat=True
        )
    )
    _assert_counts_right()


def test_a_second_authority_is_among_the_choices_of_the_first(samples, gwenael, vere) -> None:
    """A convention two authorities finance: each sees the other among the Registre's
    authorities (from the counts as from the parties), until it is deleted."""
    town_id, vere_id = _authority_id(gwenael), _authority_id(vere)
    _store_cofunded(vere, gwenael)

    choices = register_organisations(_conventions_of(town_id), authority=True, counted=town_id)
    assert {town_id, vere_id} <= {pk for pk, _ in choices}
    _assert_counts_right()

    convention_delete(convention=Convention.objects.get(pk=vere.pk))
    choices = register_organisations(_conventions_of(town_id), authority=True, counted=town_id)
    assert vere_id not in {pk for pk, _ in choices}
    _assert_counts_right()


def test_a_deleted_convention_leaves_the_counts(samples, gwenael) -> None:
    convention_delete(convention=gwenael)
    assert not StoredAuthority.objects.filter(convention_id=gwenael.pk).exists()
    _assert_counts_right()


def test_only_an_authority_that_is_never_a_partner_has_kept_counts(samples, gwenael) -> None:
    parties = {p.role: p.organisation_id for p in gwenael.parties.all()}
    town = parties[PartyRole.PUBLIC_AUTHORITY]
    partner = next(org for role, org in parties.items() if role != PartyRole.PUBLIC_AUTHORITY)
    assert counted_organisation(organisation_id=None, admin=True) == REGISTER
    assert counted_organisation(organisation_id=town, admin=False) == town
    assert counted_organisation(organisation_id=partner, admin=False) is None
    assert counted_organisation(organisation_id=None, admin=False) is None


def _page(groups) -> list[tuple]:
    return [
        (
            g.key,
            g.count,
            g.overdue,
            g.waiting,
            [(line.convention.pk, line.obligation) for line in g.lines],
        )
        for g in groups
    ]


def test_a_page_read_from_the_kept_counts_is_the_page_counted(samples, monkeypatch) -> None:
    """« À faire » of an authority and of the register, from the kept counts (the first
    lines read between the due dates they give), equals the page counted on the rows;
    two lines shown per section, so that the window stops before the section's end."""
    from pacte.web.views.todo import todo_groups

    monkeypatch.setattr("pacte.web.views.todo.SHOWN", 2)
    for organisation in _organisations():
        conventions = _conventions_of(organisation)
        for on in _days()[::3]:
            kept = todo_groups(conventions, on=on, counted=organisation)
            assert _page(kept) == _page(todo_groups(conventions, on=on)), (organisation, on)


# -- the dashboard's sums (``followup.sums``) ---------------------------------------------


def _sums_recomputed() -> dict:
    """The sums recomputed from every stored amount and state, under the authorities
    party now."""
    total: dict = {}
    for convention in Convention.objects.all():
        sums_merge(
            total,
            sum_contributions(
                authorities=Party.objects.filter(
                    convention=convention, role=PartyRole.PUBLIC_AUTHORITY
                ).values_list("organisation_id", flat=True),
                amounts=StoredAmount.objects.filter(convention=convention).values_list(
                    "year", "committed", "paid", "partner_id"
                ),
                states=StoredState.objects.filter(convention=convention).values_list(
                    "state", "start", "end"
                ),
            ),
        )
    return {key: value for key, value in total.items() if any(value)}


def _sums_kept() -> dict:
    return {
        (r.organisation, r.fact, r.key, r.partner, r.start, r.end): (r.rows, r.committed, r.paid)
        for r in StoredSum.objects.all()
    }


def _assert_sums_right() -> None:
    assert _sums_kept() == _sums_recomputed()
    days = _days()
    for organisation in _organisations():
        conventions = _conventions_of(organisation)
        assert kept_amount_years(organisation) == amount_years(conventions), organisation
        assert kept_amounts_per_year(organisation) == amounts_per_year(conventions)
        assert kept_amounts_per_partner(organisation, first=2) == amounts_per_partner(
            conventions, first=2
        ), organisation
        assert kept_amounts_per_partner(organisation) == amounts_per_partner(conventions)
        for on in days:
            assert sorted(kept_amounts_per_state(organisation, on=on)) == sorted(
                amounts_per_state(conventions, on=on)
            ), (organisation, on)


def test_stored_amounts_are_summed(samples) -> None:
    assert StoredSum.objects.filter(organisation=REGISTER, fact="state").exists()
    assert StoredSum.objects.exclude(organisation=REGISTER).filter(fact="partner").exists()
    _assert_sums_right()


def test_the_sums_follow_payments_avenants_and_terminations(samples, gwenael, vere, agent):
    before = kept_amounts_per_year(REGISTER)
    _record_a_year(gwenael, vere, agent, Decimal("8750.25"))
    assert kept_amounts_per_year(REGISTER) != before
    _assert_sums_right()
    calendars.obligations_refresh_nightly(on=TODAY + timedelta(days=200), full=True)
    _assert_sums_right()


def test_stored_again_with_other_parties_the_sums_move(samples, gwenael, vere) -> None:
    town_id = _authority_id(gwenael)
    before = kept_amounts_per_year(town_id)
    _store_moved(vere, gwenael)
    assert kept_amounts_per_year(town_id) != before
    _assert_sums_right()


def test_a_deleted_convention_leaves_the_sums(samples, gwenael) -> None:
    convention_delete(convention=gwenael)
    assert not StoredAmount.objects.filter(convention_id=gwenael.pk).exists()
    _assert_sums_right()


def test_the_dashboard_from_the_kept_sums_is_the_dashboard_summed(samples, gwenael) -> None:
    """The charts of the register and of each authority, from the kept sums, are those
    added up from the stored amounts, on several days; a filter falls back to them."""
    from pacte.web.views.dashboard import dashboard_data

    for organisation in _organisations():
        conventions = _conventions_of(organisation)
        for on in _days()[::4]:
            kept = dashboard_data(conventions, on=on, counted=organisation)
            assert kept == dashboard_data(conventions, on=on), (organisation, on)
            assert any(chart.bars for chart in kept)
        year = amount_years(conventions)[0]
        assert dashboard_data(
            conventions, on=TODAY, year=year, counted=organisation
        ) == dashboard_data(conventions, on=TODAY, year=year)


def test_the_filter_lists_probed_per_scheme_and_agent_are_those_listed(
    samples, gwenael, vere, agent
) -> None:
    """The schemes and the agents in charge of each authority's conventions (probed one by
    one) are those read from the grants and the conventions themselves."""
    from django.contrib.auth import get_user_model

    from pacte.conventions.models import Grant
    from pacte.followup.selectors.dashboard import agents_in_charge_of, schemes_of

    Grant.objects.filter(convention=gwenael).update(scheme="Fonds d'innovation")
    Grant.objects.filter(convention=vere).update(scheme="Appel à projets")
    Convention.objects.filter(pk=gwenael.pk).update(agent_in_charge=agent)
    lists = set()
    for organisation in _organisations():
        conventions = _conventions_of(organisation)
        grants = Grant.objects.filter(convention__in=conventions).exclude(scheme="")
        assert schemes_of(conventions) == sorted(set(grants.values_list("scheme", flat=True)))
        charged = conventions.exclude(agent_in_charge=None).values("agent_in_charge")
        users = get_user_model().objects.filter(pk__in=charged)
        assert {pk for pk, _ in agents_in_charge_of(conventions)} == {u.pk for u in users}
        lists.add((tuple(schemes_of(conventions)), len(agents_in_charge_of(conventions))))
    assert len(lists) > 1  # the authorities see different lists


def test_two_partners_of_the_same_name_are_two_bars(samples) -> None:
    """Two associations that bear the same name are two partners: the dashboard shows
    each with its town (its rank when the town is shared too), from the kept sums as from
    the stored amounts; a renamed partner is read under its new name at once."""
    from pacte.organisations.models import Organisation
    from pacte.web.views.dashboard import dashboard_data

    named = StoredAmount.objects.exclude(partner=None).values("partner_id")
    first, second = Organisation.objects.filter(pk__in=named).order_by("pk")[:2]
    Organisation.objects.filter(pk=first.pk).update(name="Les Jardins partagés", city="Vannes")
    Organisation.objects.filter(pk=second.pk).update(name="Les Jardins partagés", city="Lorient")
    top, (others, _, _) = kept_amounts_per_partner(REGISTER)
    names = [name for name, _, _ in top]
    assert {"Les Jardins partagés (Vannes)", "Les Jardins partagés (Lorient)"} <= set(names)
    assert "Les Jardins partagés" not in names
    assert len(names) == len(set(names)) and others == 0
    _assert_sums_right()
    chart = next(
        c
        for c in dashboard_data(Convention.objects.all(), on=TODAY, counted=REGISTER)
        if c.key == "partenaire"
    )
    assert len(chart.bars) == len(top)

    Organisation.objects.filter(pk=second.pk).update(city="Vannes")
    names = [name for name, _, _ in kept_amounts_per_partner(REGISTER)[0]]
    assert {"Les Jardins partagés (1)", "Les Jardins partagés (2)"} <= set(names)
    _assert_sums_right()


def test_the_register_read_on_the_parties_index_is_the_register(samples, gwenael, vere) -> None:
    """One organisation's conventions by reference, read on the parties' index, are those
    the Registre's filters give, in the same order, for every state and both orders; an
    organisation party twice to a convention lists it once."""
    from pacte.followup.selectors.register import (
        ORDERED_BY_REFERENCE,
        register_filtered,
        register_page,
        register_page_of,
    )

    _store_cofunded(vere, gwenael)
    assert all(p.reference == p.convention.reference for p in Party.objects.all())
    listed = 0
    for organisation in _organisations()[1:]:
        visible = _conventions_of(organisation)
        for on in _days()[::6]:
            for state in [None, *(s.value for s in State)]:
                data = {"etat": state} if state else {}
                for order in ORDERED_BY_REFERENCE:
                    read = list(register_page_of(organisation, order, state=state, on=on))
                    filtered = register_filtered(visible, data, on=on, counted=organisation)
                    assert read == list(register_page(filtered, (order, "reference"))), (
                        organisation,
                        on,
                        state,
                        order,
                    )
                    listed += len(read)
    assert listed > 0


@pytest.mark.parametrize("streamed", [1, 2, 2000])
def test_the_partners_offered_are_partners_of_the_conventions(samples, monkeypatch, streamed):
    """The partners a counted organisation's Registre offers, read without counting them
    all (``first``): as many as asked or all there are, each a partner of its conventions;
    with few rows read first, the full listing takes over."""
    from pacte.followup.selectors import register

    monkeypatch.setattr(register, "STREAMED", streamed)
    for organisation in _organisations()[1:]:
        visible = _conventions_of(organisation)
        every = register.register_organisations(visible, authority=False)
        assert every, organisation
        for first in (1, 2, 201):
            offered = register.register_organisations(
                visible, authority=False, first=first, counted=organisation
            )
            assert set(offered) <= set(every), organisation
            assert len(offered) == min(first, len(every)), (organisation, first)
            assert offered == sorted(offered, key=lambda choice: choice[1])
