"""Demonstration accounts, one per role, on the sample conventions' organisations.

``pacte demo`` prints their logins; the passwords are public and for demonstration only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from pacte.accounts.enums import Role
from pacte.accounts.services import membership_set
from pacte.organisations.models import Organisation


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    first_name: str
    last_name: str
    role: Role
    siret: str
    """SIRET of the organisation in the sample conventions."""
    organisation: str

    @property
    def description(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.role.label} — {self.organisation}"


ADMIN_AUTHORITY_SIRET = "21560947000012"
"""The demo administrator is also an agent of the Ville de Saint-Gwenaël-sur-Blavet."""

DEMO_ROLE_ACCOUNTS = (
    DemoAccount(
        "partenaire",
        "partenaire-pacte",
        "Yannick",
        "Guillerm",
        Role.PARTNER,
        "84136275900018",
        "Maison des Initiatives Solidaires du Blavet",
    ),
    DemoAccount(
        "elu",
        "elu-pacte",
        "Hélène",
        "Kervella",
        Role.READER,
        "22819047600017",
        "Département de Vère",
    ),
)


def demo_role_accounts(*, admin: AbstractBaseUser) -> list[tuple[DemoAccount, Organisation]]:
    """Create or refresh the partner and reader accounts, and the administrator's role."""
    membership_set(
        user=admin,
        role=Role.AGENT,
        organisation=Organisation.objects.get(siret=ADMIN_AUTHORITY_SIRET),
    )
    result = []
    for account in DEMO_ROLE_ACCOUNTS:
        user, _ = get_user_model().objects.get_or_create(username=account.username)
        user.first_name, user.last_name = account.first_name, account.last_name
        user.email = user.email or f"{account.username}@pacte.invalid"
        user.is_staff = user.is_superuser = False
        user.set_password(account.password)
        user.save()
        organisation = Organisation.objects.get(siret=account.siret)
        membership_set(user=user, role=account.role, organisation=organisation)
        result.append((account, organisation))
    return result
