"""Storing council sessions: round trip, re-loading, links with conventions, journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import TermsFactory
from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.conventions.selectors import convention_terms, deliberation_conventions
from pacte.conventions.services import convention_delete, convention_store
from pacte.deliberations.models import Attendance, Deliberation, Session, SessionMember
from pacte.deliberations.selectors import (
    deliberations_for_year,
    session_find,
    session_terms,
)
from pacte.deliberations.services import council_session_store, session_reference
from pacte.terms import CouncilSession

pytestmark = pytest.mark.django_db

FULL = Path(__file__).resolve().parents[1] / "register" / "data" / "full.yaml"


def test_stored_session_reads_back_equal(council: CouncilSession) -> None:
    row, created = council_session_store(terms=council)

    assert created
    assert row.registered
    (found,) = session_find(on=council.session.date, authority_siret=council.authority.siret)
    assert session_terms(found) == council


def test_every_new_field_round_trips(council: CouncilSession) -> None:
    changed = council.model_copy(deep=True)
    changed.session.members = [
        {
            "person": {"last_name": "Le Goff"},
            "seat": "maire",
            "group": "Ensemble",
            "since": "2020-05-25",
        }
    ]
    changed.session.second_convocation = True
    changed.deliberations[0].vote.secret = True
    changed.deliberations[0].vote.casting_vote = True
    changed = CouncilSession.model_validate(changed.model_dump())

    row, _ = council_session_store(terms=changed)

    assert session_terms(Session.objects.get(pk=row.pk)) == changed


def test_reloading_updates_and_never_duplicates(council: CouncilSession) -> None:
    first, _ = council_session_store(terms=council)
    ids = set(Deliberation.objects.values_list("pk", flat=True))
    council.deliberations[1].object = "Vie associative – Subventions aux clubs sportifs"
    del council.deliberations[0]

    again, created = council_session_store(terms=council)

    assert not created and again.pk == first.pk
    assert Session.objects.count() == 1
    assert set(Deliberation.objects.values_list("pk", flat=True)) < ids
    assert Deliberation.objects.count() == 2
    assert Attendance.objects.count() == 23 - 2  # president and secretary are held apart
    assert SessionMember.objects.count() == 0
    assert session_terms(Session.objects.get(pk=first.pk)) == council
    entries = AuditEntry.objects.order_by("pk")
    assert list(entries.values_list("object_type", "action", "object_ref")) == [
        ("session", "created", "seance:2026-02-09:21560947000012"),
        ("session", "updated", "seance:2026-02-09:21560947000012"),
    ]


def test_convention_loaded_first_is_linked_to_the_session(council: CouncilSession) -> None:
    terms = TermsFactory(sample="ville", keep_reference=True)
    convention, _ = convention_store(terms=terms)
    act_id = convention.deliberation_id

    _, created = council_session_store(terms=council)

    # the convention's own session is the same session: it is taken over, not duplicated
    assert not created
    assert Session.objects.count() == 1
    assert Convention.objects.get(pk=convention.pk).deliberation_id == act_id
    act = Deliberation.objects.get(pk=act_id)
    assert act.number == "DCM-2026-014" and act.acknowledgement_id.endswith("-DE")
    assert deliberation_conventions(act) == ["ville-saint-gwenael-misb-2026"]
    assert convention_terms(reference=terms.reference).deliberation.acknowledgement_id


def test_convention_loaded_after_reuses_the_sessions_act(council: CouncilSession) -> None:
    council_session_store(terms=council)
    terms = TermsFactory(sample="ville", keep_reference=True)

    convention, _ = convention_store(terms=terms)
    convention_store(terms=terms)

    assert Session.objects.count() == 1
    assert Deliberation.objects.count() == 3
    assert convention.deliberation.number == "DCM-2026-014"
    # deleting the convention leaves the session's act in place
    convention_delete(convention=Convention.objects.get(pk=convention.pk))
    assert Deliberation.objects.count() == 3


def test_sessions_act_named_by_a_convention_stays_when_dropped_from_the_file(
    council: CouncilSession,
) -> None:
    council_session_store(terms=council)
    convention_store(terms=TermsFactory(sample="ville", keep_reference=True))
    council.deliberations = council.deliberations[:2]

    council_session_store(terms=council)

    assert Deliberation.objects.filter(number="DCM-2026-014").exists()


def test_deliberations_for_year_streams_the_register(council: CouncilSession) -> None:
    council_session_store(terms=council)

    rows = list(deliberations_for_year(year=2026, authority_siret="21560947000012"))

    assert [act.number for _, act in rows] == ["DCM-2026-012", "DCM-2026-013", "DCM-2026-014"]
    assert {authority.siret for authority, _ in rows} == {"21560947000012"}
    assert list(deliberations_for_year(year=2025)) == []
    assert list(deliberations_for_year(year=2026, authority_siret="12345678200010")) == []


def test_session_reference_names_date_and_siret(council: CouncilSession) -> None:
    row, _ = council_session_store(terms=council)
    assert session_reference(row) == "seance:2026-02-09:21560947000012"
