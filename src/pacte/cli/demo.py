"""The demonstration database: sample conventions, their follow-up, and one account per role."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from pacte.accounts.demo import demo_role_accounts
from pacte.calls.demo import PARTNER_SIRET, demo_calls
from pacte.conventions.services import convention_store
from pacte.deliberations.services import council_session_store
from pacte.followup.demo import demo_followup
from pacte.samples import sample_paths, session_sample_paths
from pacte.terms import load_convention_yaml, load_council_session_yaml

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-pacte"


@transaction.atomic
def demo_prepare() -> int:
    """Load (or refresh) the sample conventions and council sessions and ensure the demo
    account; returns the number of conventions."""
    paths = sample_paths()
    for path in paths:
        convention_store(
            terms=load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)
        )
    for path in session_sample_paths():
        council_session_store(
            terms=load_council_session_yaml(path.read_text(encoding="utf-8"), source=path.name)
        )
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.is_staff = True
    user.is_superuser = True
    user.first_name = "Agent"
    user.last_name = "de démonstration"
    # a reserved domain: without an SMTP server the reminders are files under mails/
    user.email = user.email or f"{DEMO_USERNAME}@pacte.invalid"
    user.set_password(DEMO_PASSWORD)
    user.save()
    accounts = demo_role_accounts(admin=user)
    demo_followup(by=user)
    # calls for projects: a fund of the Ville co-selected with its partner association
    partner = next(
        (
            get_user_model().objects.get(username=account.username)
            for account, _organisation in accounts
            if account.siret == PARTNER_SIRET
        ),
        None,
    )
    demo_calls(by=user, partner_user=partner)
    return len(paths)
