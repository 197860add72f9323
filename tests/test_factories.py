"""The factories build valid objects, through the services, under references of their own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from factories import (
    AmendmentFactory,
    ConventionFactory,
    DocumentReceivedFactory,
    MeetingFactory,
    MembershipFactory,
    NoticeSentFactory,
    OrganisationFactory,
    PaymentFactory,
    SignatureFactory,
    TerminationFactory,
    TermsFactory,
    UserFactory,
    sample_path,
)
from pacte.accounts.enums import Role
from pacte.audit.models import AuditEntry
from pacte.conventions.selectors import convention_terms
from pacte.followup.models import StoredFigures, StoredObligation
from pacte.followup.selectors import events_for
from pacte.samples import sample_paths
from pacte.terms import Convention as Terms
from pacte.terms import load_convention_yaml


def _loaded(name: str) -> Terms:
    path = sample_path(name)
    return load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)


def test_terms_are_the_sample_under_a_reference_of_their_own() -> None:
    first, second = TermsFactory.build_batch(2)
    assert first.reference != second.reference
    assert first.reference.startswith("copie-") and second.reference.startswith("copie-")
    sample = _loaded("ville")
    assert first.model_copy(update={"reference": sample.reference}) == sample
    assert Terms.model_validate(first.model_dump()) == first


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_sample_can_be_the_start(path) -> None:
    terms = TermsFactory(sample=path, keep_reference=True)
    assert terms == load_convention_yaml(path.read_text(encoding="utf-8"))
    assert TermsFactory(sample=path.stem.split("-")[0], keep_reference=True) == terms


def test_every_field_of_the_terms_is_declared() -> None:
    """A field added to the terms and forgotten here would silently take its default."""
    declared = set(TermsFactory._meta.declarations) - set(TermsFactory._meta.parameters)
    assert declared == set(Terms.model_fields)


def test_terms_are_fresh_copies(dijon: Terms) -> None:
    changed = TermsFactory(sample=dijon)
    changed.grants[0].years[0].amount = Decimal("1")
    changed.parties[0].organisation.name = "Autre"
    assert TermsFactory(sample=dijon).grants[0].years[0].amount != Decimal("1")
    assert dijon.parties[0].organisation.name != "Autre"
    assert TermsFactory().parties[0] == _loaded("ville").parties[0]


def test_overrides_and_traits_are_validated() -> None:
    unsigned = TermsFactory(unsigned=True)
    assert (unsigned.signed_on, unsigned.signatures) == (None, [])
    assert TermsFactory(signed_on="2026-04-01").signed_on == date(2026, 4, 1)
    with pytest.raises(ValueError, match="reference"):
        TermsFactory(reference="Pas une clé")
    with pytest.raises(ValueError, match="partie inconnue"):
        TermsFactory(parties=TermsFactory(sample="agglo").parties)


def test_an_unknown_sample_is_refused() -> None:
    with pytest.raises(ValueError, match="no single sample"):
        TermsFactory(sample="inconnu")


@pytest.mark.django_db
def test_stored_convention_goes_through_the_service() -> None:
    convention = ConventionFactory(terms__sample="departement")
    assert StoredFigures.objects.filter(convention=convention).exists()
    assert StoredObligation.objects.filter(convention=convention).exists()
    assert AuditEntry.objects.filter(object_ref=convention.reference, action="created").exists()
    terms = convention_terms(reference=convention.reference)
    assert terms == TermsFactory(sample="departement", reference=convention.reference)
    assert ConventionFactory().reference != ConventionFactory().reference
    with pytest.raises(TypeError, match="use create"):
        ConventionFactory.build()


@pytest.mark.django_db
def test_accounts() -> None:
    admin = UserFactory(admin=True)
    assert admin.is_superuser and admin.is_staff and admin.check_password("mot-de-passe-solide")
    membership = MembershipFactory(role=Role.PARTNER)
    assert membership.pk and membership.role == Role.PARTNER
    assert membership.user.membership == membership
    assert OrganisationFactory().name != OrganisationFactory().name
    assert AuditEntry.objects.filter(object_type="membership").count() == 1


@pytest.mark.django_db
def test_follow_up_records_go_through_their_services(settings, tmp_path, monkeypatch) -> None:
    settings.MEDIA_ROOT = tmp_path
    today = date(2026, 11, 22)
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return today if value is None and timezone is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    convention = ConventionFactory()
    signature = SignatureFactory(convention=convention)
    assert (signature.party_key, signature.signed_on) == ("ville", today)
    payment = PaymentFactory(convention=convention, amount=Decimal("8750"))
    assert (payment.grant_key, payment.amount) == (convention.grants.get().key, Decimal("8750"))
    document = DocumentReceivedFactory(convention=convention, with_file=True)
    assert document.file_name == "bilan.pdf" and document.file
    meeting = MeetingFactory(convention=convention, with_minutes=True)
    assert (meeting.body_key, meeting.minutes_received_on) == ("copil", today)
    notice = NoticeSentFactory(convention=convention, received_on=today)
    assert notice.party_key == "ville"
    amendment = AmendmentFactory(convention=convention)
    assert (amendment.number, amendment.amount) == (1, None) and amendment.ends_on > today
    raised = AmendmentFactory(convention=convention, amount=Decimal("13000"), with_file=True)
    assert (raised.number, raised.year, raised.ends_on) == (2, 2026, None)
    termination = TerminationFactory(convention=convention)
    events = events_for(convention)
    assert events.terminated_on == termination.terminated_on == today
    assert len(events.payments) == len(events.documents) == len(events.meetings) == 1
    journal = AuditEntry.objects.filter(object_ref=convention.reference)
    assert journal.exclude(object_type="convention").count() == 8
    with pytest.raises(TypeError, match="use create"):
        PaymentFactory.build(convention=convention)
