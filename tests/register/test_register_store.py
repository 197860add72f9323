"""Storing conventions: updates in place, shares organisations, all or nothing, journaled."""

import pytest
from django.apps import apps
from pytest_django import DjangoAssertNumQueries

from factories import ConventionFactory, TermsFactory, UserFactory
from pacte.audit.models import AuditEntry
from pacte.conventions import terms_to_rows
from pacte.conventions.models import Convention, Party
from pacte.conventions.selectors import convention_get, convention_list, convention_terms
from pacte.conventions.services import convention_delete, convention_store
from pacte.deliberations.models import Deliberation, Session
from pacte.organisations.models import Organisation, Person
from pacte.terms import Convention as Terms

pytestmark = pytest.mark.django_db

REGISTER_APPS = ("organisations", "conventions", "deliberations", "audit")


def _counts(*, with_audit: bool = False) -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in REGISTER_APPS
        if with_audit or app != "audit"
        for model in apps.get_app_config(app).get_models()
    }


def test_storing_again_updates_instead_of_duplicating(full: Terms) -> None:
    first, _ = convention_store(terms=full)
    counts = _counts()
    changed = TermsFactory(sample=full, keep_reference=True, title="Convention modifiée")

    again, created = convention_store(terms=changed)

    assert not created
    assert again.pk == first.pk
    assert _counts() == counts
    assert convention_get(reference=full.reference).title == "Convention modifiée"
    assert convention_terms(reference=full.reference) == changed


def test_storing_less_removes_what_is_gone(full: Terms) -> None:
    convention_store(terms=full)
    smaller = TermsFactory(
        sample=full, keep_reference=True, action_sheets=[], commitments=[], deliberation=None
    )

    stored, _ = convention_store(terms=smaller)

    assert stored.to_terms() == smaller
    assert not Deliberation.objects.exists()
    assert not Session.objects.exists()


def test_organisations_and_people_are_shared_between_conventions(full: Terms) -> None:
    first, _ = convention_store(terms=full)
    organisations, people = Organisation.objects.count(), Person.objects.count()

    # the same convention under another reference: same organisations and people
    second, _ = convention_store(terms=TermsFactory(sample=full))

    assert Convention.objects.count() == 2
    assert Organisation.objects.count() == organisations
    assert Person.objects.count() == people
    assert {p.organisation_id for p in first.parties.all()} == {
        p.organisation_id for p in second.parties.all()
    }
    # each convention keeps its own act, even when the texts are alike
    assert Deliberation.objects.count() == 2


def test_organisation_matched_by_siret_takes_the_latest_description(full: Terms) -> None:
    convention_store(terms=full)
    ateliers = full.party("ateliers").organisation
    renamed = TermsFactory(sample=full)
    renamed.party("ateliers").organisation.name = "Ateliers du Lien"

    convention_store(terms=renamed)

    row = Organisation.objects.get(siret=ateliers.siret)
    assert row.name == "Ateliers du Lien"
    assert Party.objects.filter(organisation=row).count() == 2


def test_organisation_with_another_siret_is_another_organisation(full: Terms) -> None:
    convention_store(terms=full)
    other = TermsFactory(sample=full)
    other.party("ateliers").organisation.siret = "12345678200028"

    convention_store(terms=other)

    assert Organisation.objects.filter(siren="", name="Les Ateliers du Lien").count() == 2


@pytest.mark.parametrize("existing", [False, True], ids=["creation", "update"])
def test_nothing_is_half_written_when_storing_fails(
    full: Terms, existing: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if existing:
        convention_store(terms=full)
    counts = _counts(with_audit=True)

    def broken(*args: object) -> None:
        raise RuntimeError("panne au milieu de l'enregistrement")

    monkeypatch.setattr(terms_to_rows, "_store_action_sheets", broken)
    changed = TermsFactory(sample=full, keep_reference=True, title="Ne doit pas rester")

    with pytest.raises(RuntimeError):
        convention_store(terms=changed)

    assert _counts(with_audit=True) == counts
    if existing:
        assert convention_terms(reference=full.reference) == full


def test_every_write_is_journaled(full: Terms) -> None:
    user = UserFactory(username="agent")

    convention, _ = convention_store(terms=full, by=user)
    convention_store(terms=full)
    convention_delete(convention=convention, by=user)

    entries = list(AuditEntry.objects.order_by("pk"))
    assert [e.action for e in entries] == ["created", "updated", "deleted"]
    assert {e.object_ref for e in entries} == {full.reference}
    assert {e.object_type for e in entries} == {"convention"}
    assert [e.actor for e in entries] == [user, None, user]
    assert entries[0].summary["parties"] == ["ville", "departement", "ateliers", "cress"]


def test_deleting_keeps_organisations_and_removes_the_unused_act(full: Terms) -> None:
    convention, _ = convention_store(terms=full)
    organisations = Organisation.objects.count()

    convention_delete(convention=convention)

    assert not Convention.objects.exists()
    assert not Party.objects.exists()
    assert not Deliberation.objects.exists()
    assert not Session.objects.exists()
    assert Organisation.objects.count() == organisations


def test_get_unknown_reference_raises(full: Terms) -> None:
    with pytest.raises(Convention.DoesNotExist):
        convention_get(reference="inconnue")
    with pytest.raises(Convention.DoesNotExist):
        convention_terms(reference="inconnue")


def test_convention_list_has_no_n_plus_one(
    full: Terms, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    ConventionFactory.create_batch(5, terms__sample=full)

    with django_assert_max_num_queries(4):
        rows = [
            (
                convention.reference,
                [(party.key, party.organisation.name) for party in convention.parties.all()],
                [[year.amount for year in grant.years.all()] for grant in convention.grants.all()],
            )
            for convention in convention_list()
        ]

    assert len(rows) == 5
    assert rows[0][1][0] == ("ville", "Ville de Montclair")


def test_reading_terms_takes_a_fixed_number_of_queries(
    full: Terms, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    convention_store(terms=full)

    # one query per kind of row (convention, parties, articles, sections…), whatever the size
    with django_assert_max_num_queries(25):
        convention_terms(reference=full.reference)
