"""factory-boy factories for the register: terms, stored conventions, follow-up, accounts.

``TermsFactory`` builds the pure terms (``pacte.terms.Convention``) from a sample, a
fresh copy each time under a reference of its own; every field can be overridden::

    TermsFactory()                                   # the Ville sample, as « copie-000 »
    TermsFactory(sample="departement", unsigned=True)
    TermsFactory(sample=dijon, keep_reference=True, signed_on=date(2009, 5, 15))

The Django factories write through the services, never through the ORM, so that what
the services keep up to date (stored calendar, figures, journal) is there as in use::

    convention = ConventionFactory(terms__unsigned=True)    # convention_store
    PaymentFactory(convention=convention, amount=Decimal("8750"), paid_on=date(2026, 3, 16))

Dates default to today (``timezone.localdate``, which the web and follow-up tests fix).
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import factory
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from pacte.accounts.enums import Role
from pacte.accounts.models import Membership
from pacte.accounts.services import membership_set
from pacte.conventions.models import Convention
from pacte.conventions.services import convention_store
from pacte.followup import services
from pacte.followup.models import (
    Amendment,
    DocumentReceived,
    Meeting,
    NoticeSent,
    Payment,
    Signature,
    Termination,
)
from pacte.organisations.enums import OrganisationKind
from pacte.organisations.models import Organisation
from pacte.samples import sample_paths
from pacte.terms import Convention as Terms
from pacte.terms import DocumentKind, load_convention_yaml

PASSWORD = "mot-de-passe-solide"
PDF = b"%PDF-1.7\n"


@functools.cache
def _loaded(path: Path) -> Terms:
    return load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)


def sample_path(name: str) -> Path:
    """The sample file whose name contains ``name`` (« ville », « departement », « agglo »)."""
    found = [path for path in sample_paths() if name in path.name]
    if len(found) != 1:
        known = ", ".join(path.name for path in sample_paths())
        raise ValueError(f"no single sample named like {name!r} (samples: {known})")
    return found[0]


def _start(sample: str | Path | Terms) -> Terms:
    """A fresh deep copy of the sample: changing it never changes another test's terms."""
    if isinstance(sample, Terms):
        return sample.model_copy(deep=True)
    path = sample if isinstance(sample, Path) else sample_path(sample)
    return _loaded(path).model_copy(deep=True)


def _today() -> date:
    # looked up at each call: the tests that fix today patch ``timezone.localdate``
    return timezone.localdate()


def _kept(field: str) -> factory.LazyAttribute:
    """The field as the sample states it."""
    return factory.LazyAttribute(lambda o: getattr(o.start, field))


class TermsFactory(factory.Factory):
    """The terms of a convention: a sample, a fresh copy under a reference of its own.

    ``sample`` is a word of a sample's file name (``pacte.samples``), a path to a YAML
    file, or terms already loaded (a fixture's); ``keep_reference`` keeps its reference
    (a new version of the same convention) instead of the sequence ``copie-000``,
    ``copie-001``… The terms are validated as they are built.
    """

    class Meta:
        model = Terms

    class Params:
        sample: str | Path | Terms = "ville"
        keep_reference = False
        start = factory.LazyAttribute(lambda o: _start(o.sample))
        # not signed yet: no date and no signature block
        unsigned = factory.Trait(signed_on=None, signatures=factory.LazyFunction(list))

    reference = factory.LazyAttributeSequence(
        lambda o, n: o.start.reference if o.keep_reference else f"copie-{n:03d}"
    )
    title = _kept("title")
    kind = _kept("kind")
    parties = _kept("parties")
    preamble_title = _kept("preamble_title")
    preamble = _kept("preamble")
    objectives = _kept("objectives")
    articles = _kept("articles")
    commitments = _kept("commitments")
    communication = _kept("communication")
    grants = _kept("grants")
    term = _kept("term")
    renewal = _kept("renewal")
    termination = _kept("termination")
    governing_bodies = _kept("governing_bodies")
    workstreams = _kept("workstreams")
    reporting_duties = _kept("reporting_duties")
    action_sheets = _kept("action_sheets")
    deliberation = _kept("deliberation")
    signed_at = _kept("signed_at")
    signed_on = _kept("signed_on")
    signatures = _kept("signatures")


class OrganisationFactory(DjangoModelFactory):
    """An organisation of the register, e.g. an authority without any convention."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association n° {n}")
    kind = OrganisationKind.ASSOCIATION


class ServiceFactory(DjangoModelFactory):
    """A row written by its service (``_service``), as the application writes it.

    Only ``create()`` makes sense: a row built without its service would lack what the
    service keeps with it (the journal, the stored calendar).
    """

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @staticmethod
    def _service(**kwargs: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def _build(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"{cls.__name__} writes through its service: use create(), not build()")

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        return cls._service(**kwargs)


class ConventionFactory(ServiceFactory):
    """A stored convention, through ``convention_store``: its calendar and figures follow.

    ``ConventionFactory(terms__sample="agglo")``, ``ConventionFactory(terms=terms)``.
    """

    class Meta:
        model = Convention

    terms = factory.SubFactory(TermsFactory)
    by = None

    @staticmethod
    def _service(**kwargs: Any) -> Convention:
        convention, _ = convention_store(**kwargs)
        return convention


class UserFactory(DjangoModelFactory):
    """An account with the tests' password; ``admin=True`` for the administrator."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    class Params:
        admin = factory.Trait(is_superuser=True, is_staff=True)

    username = factory.Sequence(lambda n: f"utilisateur-{n}")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(ServiceFactory):
    """A user's role for an organisation, through ``membership_set``."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.AGENT
    organisation = factory.SubFactory(OrganisationFactory)
    by = None

    _service = staticmethod(membership_set)


def _first_party(o: Any) -> str:
    key: str = o.convention.parties.order_by("position").values_list("key", flat=True)[0]
    return key


class SignatureFactory(ServiceFactory):
    """A party's signature recorded (by default the first party, today)."""

    class Meta:
        model = Signature

    convention = factory.SubFactory(ConventionFactory)
    party = factory.LazyAttribute(_first_party)
    signed_on = factory.LazyFunction(_today)
    by = None

    _service = staticmethod(services.signature_record)


class PaymentFactory(ServiceFactory):
    """A payment recorded under the convention's grant (the only one unless ``grant``)."""

    class Meta:
        model = Payment

    convention = factory.SubFactory(ConventionFactory)
    amount = Decimal("100")
    paid_on = factory.LazyFunction(_today)
    grant = None
    year = None
    reference = ""
    by = None
    override_reason = ""

    _service = staticmethod(services.payment_record)


class DocumentReceivedFactory(ServiceFactory):
    """A supporting document received (an activity report, today); ``with_file`` a PDF."""

    class Meta:
        model = DocumentReceived

    class Params:
        with_file = factory.Trait(
            file=factory.LazyFunction(lambda: SimpleUploadedFile("bilan.pdf", PDF))
        )

    convention = factory.SubFactory(ConventionFactory)
    kind = DocumentKind.ACTIVITY_REPORT
    received_on = factory.LazyFunction(_today)
    year = None
    file = None
    by = None

    _service = staticmethod(services.document_receive)


class MeetingFactory(ServiceFactory):
    """A meeting of the convention's first governing body; ``with_minutes`` a PDF."""

    class Meta:
        model = Meeting

    class Params:
        with_minutes = factory.Trait(
            minutes=factory.LazyFunction(lambda: SimpleUploadedFile("pv.pdf", PDF))
        )

    convention = factory.SubFactory(ConventionFactory)
    body = factory.LazyAttribute(
        lambda o: o.convention.governing_bodies.values_list("key", flat=True)[0]
    )
    held_on = factory.LazyFunction(_today)
    minutes_received_on = None
    minutes = None
    by = None

    _service = staticmethod(services.meeting_record)


class NoticeSentFactory(ServiceFactory):
    """A termination letter sent by a party (the first one), received when ``received_on``."""

    class Meta:
        model = NoticeSent

    convention = factory.SubFactory(ConventionFactory)
    party = factory.LazyAttribute(_first_party)
    sent_on = factory.LazyFunction(_today)
    received_on = None
    by = None

    _service = staticmethod(services.notice_record)


class TerminationFactory(ServiceFactory):
    """The early end of a convention, by common agreement, today."""

    class Meta:
        model = Termination

    convention = factory.SubFactory(ConventionFactory)
    terminated_on = factory.LazyFunction(_today)
    reason = "d'un commun accord"
    by = None

    _service = staticmethod(services.termination_record)


class AmendmentFactory(ServiceFactory):
    """A signed avenant: a grant's new ``amount`` or, by default, an end a year later."""

    class Meta:
        model = Amendment

    class Params:
        with_file = factory.Trait(
            file=factory.LazyFunction(lambda: SimpleUploadedFile("avenant.pdf", PDF))
        )

    convention = factory.SubFactory(ConventionFactory)
    signed_on = factory.LazyFunction(_today)
    summary = "Prolongation d'un an"
    grant = None
    year = None
    amount = None
    ends_on = factory.LazyAttribute(
        lambda o: None if o.amount is not None else o.signed_on + relativedelta(years=1)
    )
    file = None
    by = None

    _service = staticmethod(services.amendment_record)
