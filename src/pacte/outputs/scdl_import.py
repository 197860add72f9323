"""Load an authority's SCDL « Subventions » file into the register.

Two passes over the file, so memory stays flat: the first checks every row and reports
each problem with its line and column in French; the second stores, in one transaction,
either every row (none may be invalid) or, with ``skip_invalid``, the valid ones while
the rejected ones go to a file for correction.

Each row becomes a convention between the authority and the beneficiary (organisations
matched by SIRET, then RNA), with one grant; its reference is derived from the row's
own identifiers, so importing the same file twice changes nothing. What the register
has no column for, and the row as written, are kept in a ``ScdlRecord``.

Oddities the schema lets through are warnings, and the value is kept as written:

>>> [str(p) for p in check_row(2, dict(EXAMPLE, datesPeriodeVersement="2017-03-02/2017-30-05"))]
["ligne 2, colonne datesPeriodeVersement : avertissement : fin « 2017-30-05 » impossible (il n'y a pas de mois 30) ; gardée telle qu'écrite"]
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from pacte import terms as t
from pacte.outputs.scdl import COLUMNS, NATURES, OBJECT_MAX, ScdlRow, grant_rows
from pacte.terms.identifiers import siren_is_valid

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.db.models import QuerySet

    from pacte.conventions.models import Convention
    from pacte.organisations.services import OrganisationPool

REJECTED_COLUMN = "erreurs"
"""Extra last column of a rejected-rows file; ignored when that file is imported again."""

ID_COLUMN = "idAttribution"
"""An optional extra column: the authority's own identifier of the grant. Kept with the
row, it recognises the grant at the next import whatever else changed."""

EXAMPLE = {
    "nomAttribuant": "Ville",
    "idAttribuant": "21560947000012",
    "dateConvention": "2017-01-05",
    "referenceDecision": "",
    "nomBeneficiaire": "Association",
    "idBeneficiaire": "",
    "rnaBeneficiaire": "W563012345",
    "objet": "Fonctionnement",
    "montant": "1000",
    "nature": "aide en numéraire",
    "conditionsVersement": "unique",
    "datesPeriodeVersement": "2017-03-02",
    "idRAE": "",
    "notificationUE": "non",
    "pourcentageSubvention": "1",
    "dispositifAide": "",
}
"""A valid row, for examples and tests."""

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PERIOD = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_REQUIRED = (
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "nomBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "notificationUE",
    "pourcentageSubvention",
)
_MONTHS = t.base._FRENCH_MONTHS


@dataclass(frozen=True)
class Problem:
    """A problem of one cell (or of the header, line 1): an error, or a warning."""

    line: int
    column: str | None
    message: str
    severity: Literal["erreur", "avertissement"] = "erreur"

    def __str__(self) -> str:
        where = f"ligne {self.line}" + (f", colonne {self.column}" if self.column else "")
        kind = "avertissement : " if self.severity == "avertissement" else ""
        return f"{where} : {kind}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "erreur"


def _calendar_date(text: str) -> tuple[date | None, str | None]:
    """The date of an ``AAAA-MM-JJ`` text, or why it is not one (French)."""
    match = _ISO_DATE.match(text)
    if not match:
        return None, f"« {text} » n'est pas une date AAAA-MM-JJ"
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return None, f"« {text} » impossible (il n'y a pas de mois {month})"
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"« {text} » impossible (le {day} {_MONTHS[month - 1]} {year} n'existe pas)"


def _siret_problem(value: str) -> str | None:
    if not re.fullmatch(r"\d{14}", value):
        return f"SIRET « {value} » : 14 chiffres attendus"
    if not siren_is_valid(value):
        return f"SIRET « {value} » : clé de contrôle invalide"
    return None


def _number(value: str) -> Decimal | None:
    if not _NUMBER.match(value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern already refuses it
        return None


def check_header(header: list[str]) -> list[Problem]:
    """Problems of the header line: missing or unknown columns, wrong separator."""
    if len(header) == 1 and ";" in header[0]:
        return [
            Problem(
                1,
                None,
                "les colonnes sont séparées par des points-virgules ; le format SCDL impose la "
                "virgule (réenregistrer le fichier en « CSV séparateur virgule, UTF-8 »)",
            )
        ]
    names = [h.lstrip("\ufeff").strip() for h in header]
    if names and names[-1] == REJECTED_COLUMN:
        names = names[:-1]
    names = [name for name in names if name != ID_COLUMN]
    problems = [
        Problem(1, name, "colonne inconnue du schéma SCDL Subventions")
        for name in names
        if name not in COLUMNS
    ]
    problems += [
        Problem(1, name, "colonne obligatoire absente de l'en-tête")
        for name in COLUMNS
        if name not in names
    ]
    return problems


def check_row(line: int, row: dict[str, str]) -> list[Problem]:
    """Every problem of one row (a dict column → text), errors first then warnings."""
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def error(column: str, message: str) -> None:
        errors.append(Problem(line, column, message))

    for column in _REQUIRED:
        if not row.get(column, "").strip():
            error(column, "valeur obligatoire manquante")
    missing = {p.column for p in errors} if errors else set()

    def present(column: str) -> str | None:
        value = row.get(column, "")
        return value if value.strip() and column not in missing else None

    if (value := present("idAttribuant")) and (problem := _siret_problem(value)):
        error("idAttribuant", problem)
    if (value := present("dateConvention")) and (problem := _calendar_date(value)[1]):
        error("dateConvention", problem)
    if (value := present("idBeneficiaire")) and (problem := _siret_problem(value)):
        error("idBeneficiaire", problem)
    if (value := present("rnaBeneficiaire")) and not re.fullmatch(r"W\d{9}", value):
        error("rnaBeneficiaire", f"numéro RNA « {value} » : W suivi de 9 chiffres attendu")
    if not row.get("idBeneficiaire", "").strip() and not row.get("rnaBeneficiaire", "").strip():
        error(
            "idBeneficiaire",
            "le bénéficiaire n'a ni SIRET (idBeneficiaire) ni numéro RNA (rnaBeneficiaire)",
        )
    if (value := present("objet")) and len(value) > OBJECT_MAX:
        error("objet", f"{len(value)} caractères ; {OBJECT_MAX} au plus")
    if value := present("montant"):
        amount = _number(value)
        if amount is None:
            error(
                "montant",
                f"montant « {value} » illisible (chiffres et point décimal, ex. 47800.20)",
            )
        elif amount < 0:
            error("montant", f"montant « {value} » négatif")
    if (value := present("nature")) and value not in NATURES:
        error(
            "nature", f"« {value} » : valeurs possibles : " + ", ".join(f"« {n} »" for n in NATURES)
        )
    if (value := present("conditionsVersement")) and len(value) > OBJECT_MAX:
        error("conditionsVersement", f"{len(value)} caractères ; {OBJECT_MAX} au plus")
    if value := present("datesPeriodeVersement"):
        if not _PERIOD.match(value):
            error(
                "datesPeriodeVersement",
                f"« {value} » : une date AAAA-MM-JJ ou une période AAAA-MM-JJ/AAAA-MM-JJ attendue",
            )
        else:
            warnings += _period_warnings(line, value)
    if (value := row.get("idRAE", "")) and len(value) > 5:
        error("idRAE", f"« {value} » : 5 caractères au plus")
    if (value := present("notificationUE")) and value not in ("oui", "non"):
        error("notificationUE", f"« {value} » : « oui » ou « non » attendu")
    if value := present("pourcentageSubvention"):
        share = _number(value)
        if share is None or not Decimal("0.01") <= share <= 1:
            error(
                "pourcentageSubvention",
                f"« {value} » : nombre entre 0.01 et 1 attendu (1 pour un bénéficiaire unique)",
            )
    return errors + warnings


def _period_warnings(line: int, value: str) -> list[Problem]:
    parts = value.split("/")
    dates = []
    found = []
    for label, text in zip(("début", "fin") if len(parts) == 2 else ("date",), parts, strict=True):
        day, problem = _calendar_date(text)
        if problem:
            found.append(
                Problem(
                    line,
                    "datesPeriodeVersement",
                    f"{label} {problem} ; gardée telle qu'écrite",
                    "avertissement",
                )
            )
        dates.append(day)
    if len(dates) == 2 and dates[0] and dates[1] and dates[1] < dates[0]:
        found.append(
            Problem(
                line,
                "datesPeriodeVersement",
                f"la période finit ({parts[1]}) avant de commencer ({parts[0]}) ; gardée telle qu'écrite",
                "avertissement",
            )
        )
    return found


# -- reading ------------------------------------------------------------------------------


@dataclass
class Report:
    """What an import did or would do."""

    source: str
    rows: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    invalid_lines: set[int] = field(default_factory=set)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejected_path: Path | None = None

    @property
    def stored(self) -> int:
        return self.created + self.updated + self.unchanged


def _rows(stream: TextIO) -> Iterator[tuple[int, list[str]]]:
    """``(first line, cells)`` of each record; quoted cells may span lines."""
    reader = csv.reader(stream)
    last = 0
    for cells in reader:
        first, last = last + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        yield first, cells


def _open(path: Path) -> TextIO:
    return path.open(encoding="utf-8-sig", newline="")


def _as_dict(header: list[str], cells: list[str]) -> dict[str, str]:
    return {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)}


def _clean_header(header: list[str]) -> list[str]:
    return [h.lstrip("\ufeff").strip() for h in header]


def row_reference(row: dict[str, str]) -> str:
    """A register reference derived from the row's own identifiers (stable across imports).

    >>> row_reference(EXAMPLE)
    'scdl-21560947000012-6a73e17c17854ed3'
    """
    parts = [
        row.get(name, "").strip()
        for name in (
            "idAttribuant",
            "referenceDecision",
            "dateConvention",
            "objet",
            "idBeneficiaire",
            "rnaBeneficiaire",
            "nomBeneficiaire",
        )
    ]
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"scdl-{row.get('idAttribuant', '').strip()}-{digest}"


def check_file(path: Path, report: Report) -> None:
    """First pass: every problem of the file, in ``report``; nothing is stored."""
    seen: dict[str, int] = {}
    try:
        with _open(path) as stream:
            records = _rows(stream)
            first = next(records, None)
            if first is None:
                report.errors.append(Problem(1, None, "fichier vide : l'en-tête SCDL est attendu"))
                return
            header = _clean_header(first[1])
            problems = check_header(first[1])
            if problems:
                report.errors += problems
                return
            for line, cells in records:
                report.rows += 1
                found = []
                if len(cells) not in (len(header), len(header) - 1):
                    found.append(
                        Problem(line, None, f"{len(cells)} cellules au lieu de {len(header)}")
                    )
                else:
                    row = _as_dict(header, cells)
                    found = check_row(line, row)
                    if not any(p.is_error for p in found):
                        reference = row_reference(row)
                        if reference in seen:
                            found.append(
                                Problem(
                                    line,
                                    None,
                                    f"même subvention que la ligne {seen[reference]} "
                                    "(attribuant, décision, date, objet et bénéficiaire identiques)",
                                )
                            )
                        else:
                            seen[reference] = line
                for problem in found:
                    (report.errors if problem.is_error else report.warnings).append(problem)
                if any(p.is_error for p in found):
                    report.invalid_lines.add(line)
    except UnicodeDecodeError as error:
        report.errors.append(
            Problem(
                0,
                None,
                f"le fichier n'est pas en UTF-8 (octet {error.start}) : l'enregistrer en UTF-8",
            )
        )


# -- storing ------------------------------------------------------------------------------


def _authority_kind(siret: str) -> t.OrganisationKind:
    """The kind of a public body from its SIREN's legal category prefix (21 commune…)."""
    return {
        "21": t.OrganisationKind.COMMUNE,
        "22": t.OrganisationKind.DEPARTEMENT,
        "23": t.OrganisationKind.REGION,
        "24": t.OrganisationKind.EPCI,
        "25": t.OrganisationKind.EPCI,
    }.get(siret[:2], t.OrganisationKind.OTHER)


def _organisation(
    name: str,
    siret: str,
    rna: str,
    kind: t.OrganisationKind,
    organisations: OrganisationPool | None = None,
) -> t.Organisation:
    """The organisation a row names, as the register knows it when it does (its stored
    description is kept; only a missing identifier is added). ``organisations``: the
    import's pool, which also knows the organisations of the rows not written yet."""
    from pacte.conventions.rows_to_terms import organisation_to_terms
    from pacte.organisations.services import organisation_match

    described = t.Organisation(name=name.strip(), siret=siret or None, rna=rna or None, kind=kind)
    if organisations is not None:
        row = organisations.match(described)
    else:
        row = organisation_match(organisation=described)
    if row is None:
        return described
    known = organisation_to_terms(row)
    return known.model_copy(
        update={"siret": known.siret or described.siret, "rna": known.rna or described.rna}
    )


def _described(row: dict[str, str]) -> list[t.Organisation]:
    """The authority and the beneficiary as the row alone describes them."""
    siret = row["idAttribuant"].strip()
    rna = row.get("rnaBeneficiaire", "").strip()
    return [
        t.Organisation(
            name=row["nomAttribuant"].strip(), siret=siret or None, kind=_authority_kind(siret)
        ),
        t.Organisation(
            name=row["nomBeneficiaire"].strip(),
            siret=row.get("idBeneficiaire", "").strip() or None,
            rna=rna or None,
            kind=t.OrganisationKind.ASSOCIATION if rna else t.OrganisationKind.OTHER,
        ),
    ]


def row_terms(row: dict[str, str], organisations: OrganisationPool | None = None) -> t.Convention:
    """The convention a valid row describes: authority, beneficiary, one grant.

    ``organisations``: the import's pool (organisations matched in memory), else the
    register is asked directly."""
    siret = row["idAttribuant"].strip()
    authority = _organisation(
        row["nomAttribuant"], siret, "", _authority_kind(siret), organisations
    )
    rna = row.get("rnaBeneficiaire", "").strip()
    beneficiary = _organisation(
        row["nomBeneficiaire"],
        row.get("idBeneficiaire", "").strip(),
        rna,
        t.OrganisationKind.ASSOCIATION if rna else t.OrganisationKind.OTHER,
        organisations,
    )
    dated = date.fromisoformat(row["dateConvention"].strip())
    amount = Decimal(row["montant"].strip())
    share = Decimal(row["pourcentageSubvention"].strip())
    period = row["datesPeriodeVersement"].strip().split("/")
    first_payment = _calendar_date(period[0])[0]
    year = (first_payment or dated).year
    instalments = []
    if row["conditionsVersement"].strip() == "unique" and len(period) == 1 and first_payment:
        instalments.append(
            t.Instalment(
                kind=t.InstalmentKind.SINGLE,
                percent=Decimal(100),
                trigger=t.Trigger(kind=t.TriggerKind.ON_DATE, date=first_payment),
            )
        )
    objet = row["objet"].strip()
    reference = row.get("referenceDecision", "").strip()
    return t.Convention(
        reference=row_reference(row),
        title=f"Subvention « {objet} » à {beneficiary.name}"[:1000],
        kind="convention de subvention",
        parties=[
            t.Party(
                key="attribuant",
                role=t.PartyRole.PUBLIC_AUTHORITY,
                organisation=authority,
                mandate=t.Mandate(kind=t.MandateKind.DELIBERATION, reference=reference)
                if reference
                else None,
            ),
            t.Party(key="beneficiaire", role=t.PartyRole.BENEFICIARY, organisation=beneficiary),
        ],
        grants=[
            t.Grant(
                key="subvention",
                grantor="attribuant",
                beneficiary="beneficiaire",
                purpose=objet,
                total_amount=amount,
                years=[
                    t.GrantYear(
                        year=year,
                        amount=(amount * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                    )
                ],
                instalments=instalments,
            )
        ],
        signed_on=dated,
    )


def _same(written: str, published: str) -> bool:
    """Whether a cell of the file says what the register publishes (« 12500.00 » = « 12500 »)."""
    if written.strip() == published.strip():
        return True
    try:
        return Decimal(written) == Decimal(published)
    except ArithmeticError:
        return False


def _beneficiary_matches(row: dict[str, str], published: ScdlRow) -> bool:
    siret = row.get("idBeneficiaire", "").strip()
    rna = row.get("rnaBeneficiaire", "").strip()
    return bool(
        (siret and siret == published.id_beneficiaire)
        or (rna and rna == published.rna_beneficiaire)
    )


@dataclass(frozen=True)
class Registered:
    """A grant of the register that a row describes, and what the row says otherwise."""

    convention: Convention
    grant_key: str
    imported: bool
    """Whether the grant came from an SCDL file (the row then updates it)."""
    differences: tuple[str, ...] = ()
    """Columns where the row differs from what the register publishes for the grant."""


def _candidates(row: dict[str, str]) -> QuerySet[Convention]:
    """Conventions that may hold the row's grant, found by the database: the authority's
    SIRET, the beneficiary's SIRET or RNA, the decision date and the amount."""
    from django.db.models import Q

    from pacte.conventions.models import Convention

    dated = date.fromisoformat(row["dateConvention"].strip())
    amount = Decimal(row["montant"].strip())
    beneficiary = Q()
    if siret := row.get("idBeneficiaire", "").strip():
        beneficiary |= Q(parties__organisation__siret=siret)
    if rna := row.get("rnaBeneficiaire", "").strip():
        beneficiary |= Q(parties__organisation__rna=rna)
    return (
        Convention.objects.filter(
            parties__role=t.PartyRole.PUBLIC_AUTHORITY.value,
            parties__organisation__siret=row["idAttribuant"].strip(),
        )
        .filter(beneficiary)
        .filter(Q(signed_on=dated) | Q(signed_on__isnull=True, term_start=dated))
        .filter(
            Q(grants__total_amount=amount)
            | Q(grants__annual_amount=amount)
            | Q(grants__years__amount=amount)
        )
        .distinct()
        .order_by("pk")
    )


def _by_identifier(row: dict[str, str]) -> QuerySet[Convention]:
    from django.db.models import Q

    from pacte.conventions.models import Convention

    value = row.get(ID_COLUMN, "").strip()
    return Convention.objects.filter(
        Q(reference=value) | Q(grants__scdl_record__written__idAttribution=value)
    ).distinct()


def registered_grant(
    row: dict[str, str], *, claimed: set[tuple[int, str]] | None = None
) -> Registered | None:
    """The grant of the register that a valid row describes, if any.

    By the authority's identifier of the grant (``idAttribution``) when the file has
    one; else the grant published with the same authority SIRET, decision date,
    beneficiary (SIRET or RNA) and amount, and, for a grant that came from an SCDL
    file, the same object (an authority may grant the same sum the same day for two
    objects). ``claimed`` are grants (convention id, grant key) an earlier line of the
    same file already took: two lines of a file are never one grant.
    """
    from django.db.models import Prefetch

    from pacte.conventions.rows_to_terms import TERMS_PREFETCH, convention_to_terms
    from pacte.outputs.models import ScdlRecord

    by_identifier = bool(row.get(ID_COLUMN, "").strip())
    queryset = _by_identifier(row) if by_identifier else _candidates(row)
    queryset = queryset.prefetch_related(
        *TERMS_PREFETCH,
        Prefetch("grants__scdl_record", ScdlRecord.objects.only("grant_id", "written")),
    )
    amount = Decimal(row["montant"].strip())
    dated = row["dateConvention"].strip()
    best: Registered | None = None
    for convention in queryset[:20]:
        written = {
            grant.key: grant.scdl_record.written
            for grant in convention.grants.all()
            if hasattr(grant, "scdl_record")
        }
        published, _skipped = grant_rows(convention_to_terms(convention), written=written)
        for candidate in published:
            same_grant = by_identifier or (
                candidate.id_attribuant == row["idAttribuant"].strip()
                and candidate.date_convention.isoformat() == dated
                and candidate.montant == amount
                and _beneficiary_matches(row, candidate)
            )
            if not same_grant:
                continue
            key = _grant_key(convention, candidate, written)
            if key is None or (convention.pk, key) in (claimed or set()):
                continue
            if not by_identifier and key in written and not _same(row["objet"], candidate.objet):
                continue
            differences = tuple(
                name
                for name, cell in zip(COLUMNS, candidate.cells(), strict=True)
                if not _same(row.get(name, ""), cell)
            )
            found = Registered(convention, key, key in written, differences)
            if best is None or len(found.differences) < len(best.differences):
                best = found
    return best


def _grant_key(
    convention: Convention, published: ScdlRow, written: dict[str, dict[str, str]]
) -> str | None:
    """The key of the grant a published row comes from (one row per grant and year)."""
    from pacte.conventions.rows_to_terms import convention_to_terms

    terms = convention_to_terms(convention)
    for grant in terms.grants:
        rows, _skipped = grant_rows(
            terms.model_copy(update={"grants": [grant]}),
            written={k: v for k, v in written.items() if k == grant.key},
        )
        if any(r.cells() == published.cells() for r in rows):
            return grant.key
    return None


def _written(row: dict[str, str]) -> dict[str, str]:
    written = {name: row.get(name, "") for name in COLUMNS}
    if row.get(ID_COLUMN, "").strip():
        written[ID_COLUMN] = row[ID_COLUMN].strip()
    return written


def _find(
    row: dict[str, str],
    terms: t.Convention,
    *,
    line: int,
    report: Report,
    claimed: set[tuple[int, str]],
    known: set[str],
) -> tuple[bool, t.Convention, Convention | None]:
    """What the register already holds of a row: whether it is unchanged (nothing to
    write), the terms to store, and the convention they replace (None: a new one).

    ``known``: the references among the rows read ahead that the register holds."""
    from pacte.conventions.models import Convention
    from pacte.conventions.rows_to_terms import TERMS_PREFETCH, convention_to_terms
    from pacte.outputs.models import ScdlRecord

    existing = None
    if terms.reference in known:
        existing = (
            Convention.objects.filter(reference=terms.reference)
            .prefetch_related(*TERMS_PREFETCH)
            .first()
        )
    if existing is None and (registered := registered_grant(row, claimed=claimed)) is not None:
        claimed.add((registered.convention.pk, registered.grant_key))
        if not registered.imported:
            # a convention of the register: its terms make the row, the file changes nothing
            if registered.differences:
                report.warnings.append(
                    Problem(
                        line,
                        None,
                        f"subvention déjà au registre (convention « "
                        f"{registered.convention.reference} ») : le registre fait foi pour : "
                        + ", ".join(registered.differences)
                        + " ; valeurs du fichier non reprises",
                        "avertissement",
                    )
                )
            return True, terms, None
        existing = registered.convention
        terms = terms.model_copy(update={"reference": existing.reference})
    if existing is not None:
        grant = existing.grants.all()[0] if existing.grants.all() else None
        record = ScdlRecord.objects.filter(grant=grant).first() if grant else None
        if record and record.written == _written(row) and convention_to_terms(existing) == terms:
            claimed.add((existing.pk, "subvention"))
            return True, terms, None
    return False, terms, existing


STORE_CHUNK = 200
"""Rows read ahead by the import: their organisations and references are looked up in
one query each, and the new conventions among them are written together."""


class _Chunk:
    """Rows of the file stored together (``STORE_CHUNK`` at a time), in the file's order.

    Each row is looked up in the register (``_find``: its reference, else a grant
    published with the same authority, beneficiary, date and amount) unless nothing
    there can match it (no stored organisation has its SIRET or RNA). A new convention
    waits in ``pending``, and the pending ones are written by one ``conventions_store``;
    a row that replaces a stored convention is written after them, alone. Organisations
    are matched in one pool, which knows those of the pending rows: a row sees the
    register as if every row before it had been written.
    """

    def __init__(self, *, source: str, by: AbstractBaseUser | None, report: Report) -> None:
        self.source, self.by, self.report = source, by, report
        self.claimed: set[tuple[int, str]] = set()
        self.pending: list[tuple[int, dict[str, str], t.Convention]] = []

    def store(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        from pacte.conventions.models import Convention
        from pacte.organisations.services import OrganisationPool

        organisations = OrganisationPool()
        organisations.load(o for _, row in rows for o in _described(row))
        known = set(
            Convention.objects.filter(
                reference__in=sorted({row_reference(row) for _, row in rows})
            ).values_list("reference", flat=True)
        )
        for line, row in rows:
            terms = row_terms(row, organisations)
            if any(terms.reference == other.reference for *_, other in self.pending):
                self.flush(organisations)
                known.add(terms.reference)
            unchanged, existing = False, None
            if not self._only_new(row, terms.reference, known, organisations):
                organisations.save()  # the register as the rows before left it
                unchanged, terms, existing = _find(
                    row, terms, line=line, report=self.report, claimed=self.claimed, known=known
                )
            if unchanged:
                self.report.unchanged += 1
            elif existing is None:
                for party in terms.parties:  # the next rows see its organisations
                    organisations.resolve(party.organisation)
                self.pending.append((line, row, terms))
            else:
                self.flush(organisations)
                self.pending.append((line, row, terms))
                self.flush(organisations)
        self.flush(organisations)

    def _only_new(
        self, row: dict[str, str], reference: str, known: set[str], organisations: OrganisationPool
    ) -> bool:
        """Whether the register cannot hold this row's convention or grant: its
        reference is not there, and no stored organisation has the authority's SIRET, or
        none the beneficiary's SIRET or RNA (``_candidates`` would find nothing)."""
        if reference in known or row.get(ID_COLUMN, "").strip():
            return False
        authority = row["idAttribuant"].strip()
        beneficiary = [
            ("siret", row.get("idBeneficiaire", "").strip()),
            ("rna", row.get("rnaBeneficiaire", "").strip()),
        ]
        return not organisations.stored_with("siret", authority) or not any(
            organisations.stored_with(name, value) for name, value in beneficiary
        )

    def flush(self, organisations: OrganisationPool) -> None:
        """Write the pending rows: their conventions, then their ``ScdlRecord``."""
        from pacte.conventions.services import conventions_store
        from pacte.outputs.models import ScdlRecord

        if not self.pending:
            return
        pending, self.pending = self.pending, []
        stored = conventions_store(
            terms=[terms for *_, terms in pending], by=self.by, organisations=organisations
        )
        records = []
        for (line, row, _), item in zip(pending, stored, strict=True):
            grant = item.children.grants["subvention"]
            self.claimed.add((item.convention.pk, "subvention"))
            values = {"written": _written(row), "source": self.source, "line": line}
            if item.created:
                records.append(ScdlRecord(grant=grant, **values))
                self.report.created += 1
            else:
                ScdlRecord.objects.update_or_create(grant=grant, defaults=values)
                self.report.updated += 1
        ScdlRecord.objects.bulk_create(records)


def scdl_import(
    *,
    path: Path,
    skip_invalid: bool = False,
    rejected_path: Path | None = None,
    by: AbstractBaseUser | None = None,
) -> Report:
    """Check then store the SCDL file at ``path``; see the module docstring.

    With errors and without ``skip_invalid``, nothing is stored. With ``skip_invalid``,
    the valid rows are stored and the invalid ones written to ``rejected_path``
    (``<file>.rejets.csv`` by default), with their errors in a last column.
    """
    from django.db import transaction

    from pacte.conventions.services import BULK_LOAD, statistics_refresh

    report = Report(source=path.name)
    check_file(path, report)
    header_broken = any(p.line <= 1 for p in report.errors)
    if report.errors and (not skip_invalid or header_broken):
        return report
    rejected_stream = None
    if report.invalid_lines:
        report.rejected_path = rejected_path or path.with_name(f"{path.stem}.rejets.csv")
        rejected_stream = report.rejected_path.open("w", encoding="utf-8", newline="")
    errors_by_line: dict[int, list[str]] = {}
    for problem in report.errors:
        errors_by_line.setdefault(problem.line, []).append(
            f"{problem.column or 'ligne'} : {problem.message}"
        )
    try:
        rejected = csv.writer(rejected_stream, lineterminator="\n") if rejected_stream else None
        if rejected:
            rejected.writerow([*COLUMNS, REJECTED_COLUMN])
        chunk = _Chunk(source=path.name, by=by, report=report)
        with transaction.atomic(), _open(path) as stream:
            records = _rows(stream)
            header = _clean_header(next(records)[1])
            valid: list[tuple[int, dict[str, str]]] = []
            for line, cells in records:
                row = _as_dict(header, cells)
                if line in report.invalid_lines:
                    report.rejected += 1
                    if rejected:
                        rejected.writerow(
                            [*(row.get(c, "") for c in COLUMNS), " ; ".join(errors_by_line[line])]
                        )
                    continue
                valid.append((line, row))
                if len(valid) == STORE_CHUNK:
                    chunk.store(valid)
                    valid = []
            chunk.store(valid)
    finally:
        if rejected_stream:
            rejected_stream.close()
    if report.created + report.updated >= BULK_LOAD:
        statistics_refresh()  # the pages' queries planned on the new register
    return report
