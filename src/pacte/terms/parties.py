"""Who is bound: organisations, people, parties with their representatives and mandates.

>>> Party(key="ville", role="public_authority",
...       organisation=Organisation(name="Ville de Lorient", kind="commune")).name
'Ville de Lorient'
"""

from __future__ import annotations

import re

from pydantic import Field, ValidationInfo, field_validator

from pacte.terms.base import Key, TermsDate, TermsModel
from pacte.terms.enums import MandateKind, OrganisationKind, PartyRole
from pacte.terms.identifiers import siren_is_valid


class Address(TermsModel):
    """A postal address as written: street lines, postcode and city (« 56000 VANNES CEDEX »)."""

    lines: list[str] = Field(default_factory=list)
    postcode: str | None = Field(default=None, pattern=r"^\d{5}$")
    city: str | None = None
    cedex: bool = False


class Organisation(TermsModel):
    """A public authority or an ESS organisation, with its identifiers.

    ``department`` is the INSEE code of the département the organisation sits in
    (``"67"``); the rules use it for local public holidays.
    """

    name: str = Field(min_length=1)
    short_name: str | None = None
    kind: OrganisationKind = OrganisationKind.OTHER
    legal_form: str | None = None
    siren: str | None = None
    siret: str | None = None
    rna: str | None = None
    address: Address | None = None
    department: str | None = Field(default=None, pattern=r"^(\d{2}|2A|2B|\d{3})$")
    description: str | None = None

    @field_validator("siren", "siret")
    @classmethod
    def _check_identifier(cls, value: str | None, info: ValidationInfo) -> str | None:
        """SIREN (9 digits) or SIRET (14 digits), spaces allowed, checksum verified."""
        if value is None:
            return None
        name, size = ("SIREN", 9) if info.field_name == "siren" else ("SIRET", 14)
        digits = re.sub(r"\s", "", value)
        if not re.fullmatch(rf"\d{{{size}}}", digits):
            raise ValueError(f"{name} « {value} » : {size} chiffres attendus")
        if not siren_is_valid(digits):
            raise ValueError(f"{name} « {value} » : clé de contrôle invalide")
        return digits

    @field_validator("rna")
    @classmethod
    def _check_rna(cls, value: str | None) -> str | None:
        if value is None:
            return None
        text = value.strip().upper()
        if not re.fullmatch(r"W[0-9A-Z]{3}\d{6}", text):
            raise ValueError(
                f"numéro RNA « {value} » : format W suivi de 9 caractères attendu (ex. W561234567)"
            )
        return text


class Person(TermsModel):
    """A person as the document names them; any part may be unknown but the last name.

    >>> Person(civility="M.", first_name="Jean", last_name="Dupont", title="Président").full_name
    'M. Jean Dupont'
    """

    civility: str | None = None
    first_name: str | None = None
    last_name: str = Field(min_length=1)
    title: str | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.civility, self.first_name, self.last_name) if p)


class Mandate(TermsModel):
    """The act that authorises a representative to sign: council deliberation or board decision."""

    kind: MandateKind
    body: str | None = None
    date: TermsDate | None = None
    reference: str | None = None


class Party(TermsModel):
    """An organisation bound by the convention, with its role and who acts for it.

    ``designation`` is the short name the text uses afterwards (« Ci-après désignée
    "CRESS" »); ``capacity`` is in what quality the representative acts (« son Maire en
    exercice »), so a representative known only by office still has a capacity.
    """

    key: Key
    role: PartyRole
    organisation: Organisation
    designation: str | None = None
    representative: Person | None = None
    capacity: str | None = None
    mandate: Mandate | None = None

    @property
    def name(self) -> str:
        return self.organisation.name


class Signature(TermsModel):
    """A signature block: who signs for which party, under which name and capacity.

    ``party_name`` is the party's name as the signature block writes it: the checker
    compares it with the header.
    """

    party: Key
    capacity: str | None = None
    signatory: Person | None = None
    party_name: str | None = None
    date: TermsDate | None = None
