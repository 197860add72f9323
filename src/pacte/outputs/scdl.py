"""SCDL « Subventions » v2.1.1 (décret 2017-779): the grants of a year as open data.

One row per beneficiary, grant and budget year, exactly the schema's columns in order;
UTF-8, comma, dot decimals, ISO dates, ``oui``/``non``. The file is written as it is
read: constant memory whatever the size of the register.

>>> import io
>>> row = ScdlRow(nom_attribuant="Ville de Lorient", id_attribuant="21560121800019",
...     date_convention=date(2026, 3, 2), reference_decision="DCM-2026-014",
...     nom_beneficiaire="Les Jardins", id_beneficiaire="", rna_beneficiaire="W561234567",
...     objet="Fonctionnement", montant=Decimal("12500.00"), nature=NATURE_CASH,
...     conditions_versement="échelonné", dates_periode_versement="2026-03-02/2027-03-01")
>>> out = io.StringIO(); write_scdl([row], out)
1
>>> out.getvalue().splitlines()[1]
'Ville de Lorient,21560121800019,2026-03-02,DCM-2026-014,Les Jardins,,W561234567,Fonctionnement,12500,aide en numéraire,échelonné,2026-03-02/2027-03-01,,non,1,'
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from pacte.observatory.authorities import Identify, known_siret, missing_siret_hint
from pacte.outputs.payments import GrantPayment, events_from_terms, grant_payments
from pacte.terms import Convention, Grant, Party, PartyRole

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from pacte.conventions.models import Convention as StoredConvention

COLUMNS = (
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
)
"""The columns of the schema, in its order (a test compares them with ``schema.json``)."""

NATURE_CASH = "aide en numéraire"
NATURES = (
    NATURE_CASH,
    "aide en nature",
    "aide en numéraire;aide en nature",
    "aide en nature;aide en numéraire",
)
OBJECT_MAX = 256


def format_number(value: Decimal) -> str:
    """A number with a dot and no useless zeros: the way SCDL files write amounts.

    >>> [format_number(Decimal(v)) for v in ("33000.00", "99786.57", "0.10", "1.00", "47800.20")]
    ['33000', '99786.57', '0.1', '1', '47800.2']
    """
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass(slots=True)
class ScdlRow:
    """One row of the file, typed (dates as dates, amounts as Decimals)."""

    nom_attribuant: str
    id_attribuant: str
    date_convention: date
    reference_decision: str
    nom_beneficiaire: str
    id_beneficiaire: str
    rna_beneficiaire: str
    objet: str
    montant: Decimal
    nature: str
    conditions_versement: str
    dates_periode_versement: str
    id_rae: str = ""
    notification_ue: bool = False
    pourcentage_subvention: Decimal = Decimal(1)
    dispositif_aide: str = ""
    written: dict[str, str] | None = field(default=None, repr=False)
    """The row as an authority published it, when imported: kept where the register agrees."""
    grantor_siren: str = field(default="", repr=False)
    """The grantor's SIREN found by ``identify`` when no SIRET is known (for the message)."""

    def cells(self) -> list[str]:
        """The 16 cells as text; an imported value is written back as it was written."""
        cells = [
            self.nom_attribuant,
            self.id_attribuant,
            self.date_convention.isoformat(),
            self.reference_decision,
            self.nom_beneficiaire,
            self.id_beneficiaire,
            self.rna_beneficiaire,
            self.objet,
            format_number(self.montant),
            self.nature,
            self.conditions_versement,
            self.dates_periode_versement,
            self.id_rae,
            "oui" if self.notification_ue else "non",
            format_number(self.pourcentage_subvention),
            self.dispositif_aide,
        ]
        if self.written:
            cells = [
                _as_written(self.written.get(name), cell)
                for name, cell in zip(COLUMNS, cells, strict=True)
            ]
        return cells

    def problems(self) -> list[str]:
        """What frictionless does not check: SIRET checksums, a beneficiary identifier."""
        from pacte.terms.identifiers import siren_is_valid

        found = []
        for label, value in (
            ("attribuant", self.id_attribuant),
            ("bénéficiaire", self.id_beneficiaire),
        ):
            if value and not (len(value) == 14 and value.isdigit() and siren_is_valid(value)):
                found.append(
                    f"SIRET du {label} « {value} » invalide (14 chiffres, clé de contrôle)"
                )
        if not self.id_attribuant:
            hint = f" ; {missing_siret_hint(self.grantor_siren)}" if self.grantor_siren else ""
            found.append(f"l'attribuant n'a pas de SIRET (idAttribuant obligatoire){hint}")
        if not (self.id_beneficiaire or self.rna_beneficiaire):
            found.append(
                "le bénéficiaire n'a ni SIRET ni numéro RNA (l'un des deux est obligatoire)"
            )
        return found


def _as_written(written: str | None, current: str) -> str:
    """The written text when it says the same as the register's value, else the register's."""
    if written is None:
        return current
    if written == current or written.strip() == current.strip():
        return written
    try:
        if Decimal(written) == Decimal(current):
            return written
    except ArithmeticError:
        pass
    return current


def write_scdl(rows: Iterable[ScdlRow], stream: TextIO) -> int:
    """Write the header and ``rows`` to ``stream``, one at a time; returns the row count."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(row.cells())
        count += 1
    return count


# -- from the register ---------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A grant left out of the file, and why (French)."""

    convention: str
    grant: str
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return f"convention « {self.convention} », subvention « {self.grant} » : " + " ; ".join(
            self.problems
        )


def convention_date(terms: Convention) -> date | None:
    """The date of the convention for the SCDL: its signature, else the start it states."""
    if terms.signed_on:
        return terms.signed_on
    return terms.term.start if terms.term else None


def _party(terms: Convention, key: str | None, role: PartyRole) -> Party | None:
    if key:
        try:
            return terms.party(key)
        except KeyError:
            return None
    found = terms.parties_with_role(role)
    return found[0] if found else None


def _decision_reference(terms: Convention, grantor: Party | None) -> str:
    if terms.deliberation is not None:
        return terms.deliberation.number
    if grantor and grantor.mandate and grantor.mandate.reference:
        return grantor.mandate.reference
    return ""


def payment_period(payments: list[GrantPayment], year: int, last_day: date | None) -> str:
    """``datesPeriodeVersement``: the single date, or the span of the payments.

    A payment whose date cannot be foreseen yet (documents not received) stretches the
    period to the end of the financed year (or of the convention, if sooner).

    >>> payment_period([], 2026, None)
    '2026-01-01/2026-12-31'
    """
    known = sorted(p.due for p in payments if p.due is not None)
    end_of_year = date(year, 12, 31)
    if last_day is not None and last_day.year == year:
        end_of_year = min(end_of_year, last_day)
    if len(payments) == 1 and known:
        return known[0].isoformat()
    if known and len(known) == len(payments):
        first, last = known[0], known[-1]
    else:
        first = known[0] if known else date(year, 1, 1)
        last = max(end_of_year, known[-1]) if known else end_of_year
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def grant_rows(
    terms: Convention,
    *,
    written: dict[str, dict[str, str]] | None = None,
    identify: Identify | None = None,
) -> tuple[list[ScdlRow], list[Skipped]]:
    """The SCDL rows of one convention: one per grant and budget year.

    ``written`` maps a grant key to the row imported for it, if any: such a grant gives
    exactly that row, the register's values replacing the written ones that changed.
    ``identify`` gives the SIREN and SIRET of a grantor whose SIRET the register lacks (a
    commune, an EPCI, a département or a région named without it).
    """
    dated = convention_date(terms)
    rows: list[ScdlRow] = []
    skipped: list[Skipped] = []
    if dated is None:
        for grant in terms.grants:
            skipped.append(Skipped(terms.reference, grant.key, ("convention ni signée ni datée",)))
        return rows, skipped
    events = events_from_terms(terms)
    for grant in terms.grants:
        grantor = _party(terms, grant.grantor, PartyRole.PUBLIC_AUTHORITY)
        beneficiary = _party(terms, grant.beneficiary, PartyRole.BENEFICIARY)
        if grantor is None or beneficiary is None:
            who = "financeur" if grantor is None else "bénéficiaire"
            skipped.append(Skipped(terms.reference, grant.key, (f"{who} inconnu",)))
            continue
        base = _base_row(terms, grant, grantor, beneficiary, dated, identify)
        imported = (written or {}).get(grant.key)
        new_rows = (
            [_imported_row(base, grant, imported)]
            if imported is not None
            else _computed_rows(base, terms, grant, events)
        )
        problems = new_rows[0].problems() if new_rows else ["aucun montant annuel"]
        if problems:
            skipped.append(Skipped(terms.reference, grant.key, tuple(problems)))
            continue
        rows.extend(new_rows)
    return rows, skipped


def _base_row(
    terms: Convention,
    grant: Grant,
    grantor: Party,
    beneficiary: Party,
    dated: date,
    identify: Identify | None = None,
) -> dict[str, Any]:
    siret, siren = known_siret(grantor.organisation, identify)
    return {
        "nom_attribuant": grantor.organisation.name,
        "id_attribuant": siret,
        "grantor_siren": siren,
        "date_convention": dated,
        "reference_decision": _decision_reference(terms, grantor),
        "nom_beneficiaire": beneficiary.organisation.name,
        "id_beneficiaire": beneficiary.organisation.siret or "",
        "rna_beneficiaire": beneficiary.organisation.rna or "",
    }


def _imported_row(base: dict[str, Any], grant: Grant, written: dict[str, str]) -> ScdlRow:
    amount = grant.total_amount
    if amount is None:
        amount = sum((y.amount for y in grant.years if y.amount is not None), Decimal(0))

    def decimal(name: str, default: Decimal) -> Decimal:
        try:
            return Decimal(written.get(name, ""))
        except ArithmeticError:
            return default

    return ScdlRow(
        **base,
        objet=grant.purpose or written.get("objet", ""),
        montant=amount,
        nature=written.get("nature") or NATURE_CASH,
        conditions_versement=written.get("conditionsVersement", ""),
        dates_periode_versement=written.get("datesPeriodeVersement", ""),
        id_rae=written.get("idRAE", ""),
        notification_ue=written.get("notificationUE") == "oui",
        pourcentage_subvention=decimal("pourcentageSubvention", Decimal(1)),
        dispositif_aide=written.get("dispositifAide", ""),
        written=written,
    )


def _computed_rows(
    base: dict[str, Any], terms: Convention, grant: Grant, events: Any
) -> list[ScdlRow]:
    payments = grant_payments(terms, events, grant=grant)
    years = sorted({p.year for p in payments})
    purpose = (grant.purpose or terms.title).strip()
    last_day = terms.term.end if terms.term else None
    rows = []
    for year in years:
        of_year = [p for p in payments if p.year == year]
        suffix = f" ({year})" if len(years) > 1 else ""
        objet = purpose[: OBJECT_MAX - len(suffix)].rstrip() + suffix
        rows.append(
            ScdlRow(
                **base,
                objet=objet,
                montant=of_year[0].year_amount.amount,
                nature=NATURE_CASH,
                conditions_versement="unique" if len(of_year) == 1 else "échelonné",
                dates_periode_versement=payment_period(of_year, year, last_day),
                dispositif_aide=grant.scheme or "",
            )
        )
    return rows


def conventions_dated(
    *, year: int | None, authority: str | None = None
) -> QuerySet[StoredConvention]:
    """Stored conventions dated in ``year`` (signed, else started), with a grant.

    ``authority`` keeps those where the organisation with this SIRET is a public
    authority party.
    """
    from django.db.models import Q

    from pacte.conventions.models import Convention as StoredConvention

    queryset = StoredConvention.objects.filter(grants__isnull=False)
    if year is not None:
        first, last = date(year, 1, 1), date(year, 12, 31)
        queryset = queryset.filter(
            Q(signed_on__range=(first, last))
            | Q(signed_on__isnull=True, term_start__range=(first, last))
            # signed after it was stored: the follow-up's signature records date it
            | Q(signed_on__isnull=True, signature_records__signed_on__range=(first, last))
        )
    if authority:
        queryset = queryset.filter(
            parties__role=PartyRole.PUBLIC_AUTHORITY.value,
            parties__organisation__siret=authority,
        )
    return queryset.distinct().order_by("signed_on", "term_start", "reference")


def signed_by_records(terms: Convention, records: Iterable[Any]) -> Convention:
    """The terms dated by the follow-up's signature records (``party_key``, ``signed_on``)
    once every party that signs has signed: the last signature dates the convention. A
    convention created unsigned (a call for projects' grant) is published so.

    >>> from types import SimpleNamespace as R
    >>> from pacte.terms import Organisation, Party
    >>> terms = Convention(reference="c", title="C", parties=[Party(key="a",
    ...     role="public_authority", organisation=Organisation(name="A"))])
    >>> signed_by_records(terms, [R(party_key="a", signed_on=date(2026, 6, 15))]).signed_on
    datetime.date(2026, 6, 15)
    """
    dates = {record.party_key: record.signed_on for record in records}
    signers = {block.party for block in terms.signatures} or {p.key for p in terms.parties}
    if not dates or not set(dates) >= signers:
        return terms
    return terms.model_copy(update={"signed_on": max(dates.values())})


def register_scdl_rows(
    queryset: QuerySet[StoredConvention],
    *,
    authority: str | None = None,
    skipped: list[Skipped] | None = None,
    chunk_size: int = 200,
) -> Iterator[ScdlRow]:
    """The SCDL rows of stored conventions, read ``chunk_size`` conventions at a time.

    Grants that cannot be published (no SIRET for the grantor, no identifier for the
    beneficiary…) are appended to ``skipped`` instead. A grantor without a SIRET that is
    a commune, an EPCI, a département or a région gets the one the territory reference
    and the latest SIRENE snapshot give (``organisation_identity``).
    """
    from django.db.models import Prefetch

    from pacte.conventions.rows_to_terms import TERMS_PREFETCH, convention_to_terms
    from pacte.observation.selectors import organisation_identity
    from pacte.outputs.models import ScdlRecord

    queryset = queryset.prefetch_related(
        *TERMS_PREFETCH,
        "signature_records",
        Prefetch("grants__scdl_record", ScdlRecord.objects.only("grant_id", "written")),
    )
    for convention in queryset.iterator(chunk_size=chunk_size):
        written = {
            grant.key: grant.scdl_record.written
            for grant in convention.grants.all()
            if hasattr(grant, "scdl_record")
        }
        terms = convention_to_terms(convention)
        if terms.signed_on is None:
            terms = signed_by_records(terms, convention.signature_records.all())
        rows, left_out = grant_rows(terms, written=written, identify=organisation_identity)
        if skipped is not None:
            skipped.extend(left_out)
        for row in rows:
            if authority is None or row.id_attribuant == authority:
                yield row
