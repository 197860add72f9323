"""The pure rules of a call for projects: identifiers, provisional budget, eligibility,
scores and ranking. Nothing here reads the database; the services call these and the
pages show what they return (one fact, one function).

>>> siret_problem("12345678200010") is None, rna_problem("W672001234") is None
(True, True)
>>> rna_problem("W12")
'numéro RNA « W12 » : la lettre W suivie de 9 chiffres est attendue (ex. W672001234)'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from pacte.terms.formats import format_amount_fr, format_percent_fr
from pacte.terms.identifiers import siren_is_valid

CHARGE_ACCOUNTS = ("60", "61", "62", "63", "64", "65", "66", "67", "68", "86")
"""Charges of the CERFA 12156 budget: accounts 60 … 68, and 86 (contributions in kind)."""
PRODUCT_ACCOUNTS = ("70", "71", "72", "73", "74", "75", "76", "77", "78", "87")
"""Products: accounts 70 … 78, and 87 (contributions in kind)."""
GRANTS_ACCOUNT = "74"
"""Operating grants: one line per co-funder."""
IN_KIND = {"charge": "86", "product": "87"}

ACCOUNT_LABELS = {
    "60": "60 – Achats",
    "61": "61 – Services extérieurs",
    "62": "62 – Autres services extérieurs",
    "63": "63 – Impôts et taxes",
    "64": "64 – Charges de personnel",
    "65": "65 – Autres charges de gestion courante",
    "66": "66 – Charges financières",
    "67": "67 – Charges exceptionnelles",
    "68": "68 – Dotations aux amortissements",
    "86": "86 – Emplois des contributions volontaires en nature",
    "70": "70 – Vente de produits finis, prestations de services",
    "71": "71 – Production stockée",
    "72": "72 – Production immobilisée",
    "73": "73 – Dotations et produits de tarification",
    "74": "74 – Subventions d'exploitation",
    "75": "75 – Autres produits de gestion courante",
    "76": "76 – Produits financiers",
    "77": "77 – Produits exceptionnels",
    "78": "78 – Reprises sur amortissements et provisions",
    "87": "87 – Contributions volontaires en nature",
}

SCORE_MIN, SCORE_MAX = 0, 5


class CallError(ValueError):
    """Input refused; ``errors`` maps each field at fault to its French message
    (``field`` is the first one, None when the whole request is at fault)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors: dict[str | None, str] = {field: message}

    @classmethod
    def many(cls, problems: Sequence[tuple[str | None, str]]) -> CallError:
        first_field = problems[0][0]
        error = cls(" ; ".join(message for _, message in problems), field=first_field)
        error.errors = {}
        for where, message in problems:
            error.errors.setdefault(where, message)
        return error


# -- identity --------------------------------------------------------------------------------


def siret_problem(value: str) -> str | None:
    """What is wrong with a SIRET (14 digits, Luhn key), or None.

    >>> siret_problem("1234")
    'SIRET « 1234 » : 14 chiffres attendus'
    >>> siret_problem("12345678200011")
    'SIRET « 12345678200011 » : clé de contrôle invalide'
    """
    digits = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{14}", digits):
        return f"SIRET « {value} » : 14 chiffres attendus"
    if not siren_is_valid(digits):
        return f"SIRET « {value} » : clé de contrôle invalide"
    return None


def rna_problem(value: str) -> str | None:
    """What is wrong with an RNA number (W and 9 digits), or None."""
    if not re.fullmatch(r"W\d{9}", value.strip().upper()):
        return (
            f"numéro RNA « {value} » : la lettre W suivie de 9 chiffres est attendue "
            "(ex. W672001234)"
        )
    return None


def identity_problems(
    *, kind: str, siret: str, rna: str, name: str
) -> list[tuple[str | None, str]]:
    """The identity of the applicant organisation: name, SIRET always, RNA for an
    association (registered associations have one; Alsace-Moselle ones too, W67/W68…)."""
    problems: list[tuple[str | None, str]] = []
    if not name.strip():
        problems.append(("organisation_name", "Le nom de la structure est obligatoire."))
    if not siret.strip():
        problems.append(("siret", "Le SIRET de la structure est obligatoire."))
    elif found := siret_problem(siret):
        problems.append(("siret", found[0].upper() + found[1:] + "."))
    if kind == "association":
        if not rna.strip():
            problems.append(("rna", "Le numéro RNA est obligatoire pour une association."))
        elif found := rna_problem(rna):
            problems.append(("rna", found[0].upper() + found[1:] + "."))
    elif rna.strip() and (found := rna_problem(rna)):
        problems.append(("rna", found[0].upper() + found[1:] + "."))
    return problems


# -- provisional budget ----------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of the provisional budget of the project."""

    side: str  # "charge" or "product"
    account: str
    amount: Decimal
    label: str = ""
    funder: str = ""


@dataclass(frozen=True)
class Totals:
    charges: Decimal
    products: Decimal
    grants: Decimal
    """Account 74: the subsidies asked of every co-funder, this one included."""

    @property
    def balanced(self) -> bool:
        return self.charges == self.products


def budget_totals(lines: Iterable[Line]) -> Totals:
    """Totals of a provisional budget.

    >>> t = budget_totals([Line("charge", "64", Decimal("900")), Line("charge", "86", Decimal("100")),
    ...     Line("product", "74", Decimal("600"), funder="Département"),
    ...     Line("product", "70", Decimal("300")), Line("product", "87", Decimal("100"))])
    >>> t.charges, t.products, t.grants, t.balanced
    (Decimal('1000'), Decimal('1000'), Decimal('600'), True)
    """
    items = list(lines)
    charges = sum((line.amount for line in items if line.side == "charge"), Decimal(0))
    products = sum((line.amount for line in items if line.side == "product"), Decimal(0))
    grants = sum(
        (line.amount for line in items if line.side == "product" and line.account == "74"),
        Decimal(0),
    )
    return Totals(charges=charges, products=products, grants=grants)


def budget_problems(lines: Sequence[Line], amount_requested: Decimal) -> list[tuple[str, str]]:
    """What is wrong with a provisional budget, each problem with its field.

    >>> budget_problems([Line("charge", "64", Decimal("900")),
    ...     Line("product", "74", Decimal("600"), funder="Département")], Decimal("600"))
    [('budget', 'Le budget prévisionnel n’est pas équilibré : charges 900,00 €, produits 600,00 € (écart 300,00 €).')]
    """
    problems: list[tuple[str, str]] = []
    for index, line in enumerate(lines, start=1):
        accounts = CHARGE_ACCOUNTS if line.side == "charge" else PRODUCT_ACCOUNTS
        what = "charges" if line.side == "charge" else "produits"
        if line.account not in accounts:
            problems.append(
                (
                    f"budget-{index}-account",
                    f"Ligne {index} du budget : le compte « {line.account} » n’est pas un "
                    f"compte de {what} ({', '.join(accounts)}).",
                )
            )
        if line.amount < 0:
            problems.append(
                (f"budget-{index}-amount", f"Ligne {index} du budget : montant négatif.")
            )
        if line.side == "product" and line.account == GRANTS_ACCOUNT and not line.funder.strip():
            problems.append(
                (
                    f"budget-{index}-funder",
                    f"Ligne {index} du budget : une subvention (compte 74) nomme son "
                    "financeur, une ligne par financeur.",
                )
            )
    totals = budget_totals(lines)
    if totals.charges == 0:
        problems.append(("budget", "Le budget prévisionnel ne compte aucune charge."))
    elif not totals.balanced:
        gap = abs(totals.charges - totals.products)
        problems.append(
            (
                "budget",
                "Le budget prévisionnel n’est pas équilibré : charges "
                f"{format_amount_fr(totals.charges)}, produits {format_amount_fr(totals.products)} "
                f"(écart {format_amount_fr(gap)}).",
            )
        )
    if amount_requested <= 0:
        problems.append(("amount_requested", "Le montant demandé doit être positif."))
    elif amount_requested > totals.grants:
        problems.append(
            (
                "amount_requested",
                f"Le montant demandé ({format_amount_fr(amount_requested)}) doit figurer parmi "
                f"les subventions du budget (compte 74 : {format_amount_fr(totals.grants)}).",
            )
        )
    return problems


# -- eligibility -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """A call's eligibility rules; an empty tuple or None means no rule of that kind."""

    kinds: tuple[str, ...] = ()
    kind_labels: Mapping[str, str] = field(default_factory=dict)
    departments: tuple[str, ...] = ()
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    max_rate: Decimal | None = None
    """Highest share of the project's charges the fund may pay, in percent."""
    documents: tuple[str, ...] = ()
    document_labels: Mapping[str, str] = field(default_factory=dict)


def eligibility_problems(
    rules: Eligibility,
    *,
    kind: str,
    department: str,
    amount_requested: Decimal,
    total_charges: Decimal,
    documents: Iterable[str],
    republican_contract: bool,
) -> list[str]:
    """Why an application does not meet the call's rules (empty: it does). A person
    confirms or overrides this before the application is declared eligible or not.

    >>> rules = Eligibility(kinds=("association",), departments=("67",), max_rate=Decimal(80))
    >>> eligibility_problems(rules, kind="company", department="68", amount_requested=Decimal(900),
    ...     total_charges=Decimal(1000), documents=(), republican_contract=True)
    ['nature de la structure non éligible (company)', 'territoire non éligible (département 68)', 'taux de financement 90 % supérieur au plafond de 80 %']
    """
    found = []
    if rules.kinds and kind not in rules.kinds:
        found.append(f"nature de la structure non éligible ({rules.kind_labels.get(kind, kind)})")
    if rules.departments and department not in rules.departments:
        found.append(f"territoire non éligible (département {department or 'non indiqué'})")
    if rules.min_amount is not None and amount_requested < rules.min_amount:
        found.append(
            f"montant demandé inférieur au minimum de {format_amount_fr(rules.min_amount)}"
        )
    if rules.max_amount is not None and amount_requested > rules.max_amount:
        found.append(
            f"montant demandé supérieur au maximum de {format_amount_fr(rules.max_amount)}"
        )
    if rules.max_rate is not None and total_charges > 0:
        rate = (amount_requested * 100 / total_charges).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        if rate > rules.max_rate:
            found.append(
                f"taux de financement {format_percent_fr(rate)} supérieur au plafond de "
                f"{format_percent_fr(rules.max_rate)}"
            )
    given = set(documents)
    missing = [code for code in rules.documents if code not in given]
    if missing:
        names = ", ".join(rules.document_labels.get(code, code) for code in missing)
        found.append(f"pièces manquantes : {names}")
    if not republican_contract:
        found.append("contrat d'engagement républicain non souscrit")
    return found


# -- scores and ranking ----------------------------------------------------------------------


def score_problem(value: int | None, criterion: str) -> str | None:
    """A score is a whole number from 0 to 5, or None for « sans objet »."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (SCORE_MIN <= value <= SCORE_MAX)
    ):
        return (
            f"Critère « {criterion} » : la note doit être un nombre entier de {SCORE_MIN} à "
            f"{SCORE_MAX} (ou « sans objet »), pas « {value} »."
        )
    return None


def weighted_mean(
    scores: Mapping[int, int | None], weights: Mapping[int, Decimal]
) -> Decimal | None:
    """The weighted mean of one review over the criteria it scored (« sans objet » left
    out, the other weights keeping their proportions); None when nothing was scored.

    >>> weighted_mean({1: 4, 2: 2, 3: None}, {1: Decimal(2), 2: Decimal(1), 3: Decimal(5)})
    Decimal('3.33')
    """
    total = Decimal(0)
    weight = Decimal(0)
    for criterion, score in scores.items():
        if score is None or criterion not in weights:
            continue
        total += weights[criterion] * score
        weight += weights[criterion]
    if weight == 0:
        return None
    return (total / weight).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def application_score(review_means: Iterable[Decimal | None]) -> Decimal | None:
    """The mean of the submitted reviews' weighted means (None: no review scored)."""
    values = [value for value in review_means if value is not None]
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Candidate:
    key: str
    score: Decimal | None
    amount: Decimal
    reviews: int


@dataclass(frozen=True)
class Ranked:
    rank: int
    key: str
    score: Decimal | None
    amount: Decimal
    cumulative: Decimal
    within: bool
    """True while the cumulative amount stays within the envelope (above the funding line)."""
    reviews: int


def ranking(candidates: Iterable[Candidate], envelope: Decimal) -> list[Ranked]:
    """Candidates by score (best first; unscored last; ties by key), the cumulative
    amount requested, and the funding line: the first that no longer fits the envelope
    and every one after it are below the line.

    >>> [(r.key, r.cumulative, r.within) for r in ranking([Candidate("a", Decimal(3), Decimal(50), 2),
    ...     Candidate("b", Decimal(4), Decimal(60), 2), Candidate("c", None, Decimal(10), 0)],
    ...     Decimal(100))]
    [('b', Decimal('60'), True), ('a', Decimal('110'), False), ('c', Decimal('120'), False)]
    """
    ordered = sorted(
        candidates,
        key=lambda c: (c.score is None, -(c.score or Decimal(0)), c.key),
    )
    result = []
    cumulative = Decimal(0)
    within = True
    for rank, candidate in enumerate(ordered, start=1):
        cumulative += candidate.amount
        within = within and candidate.score is not None and cumulative <= envelope
        result.append(
            Ranked(
                rank=rank,
                key=candidate.key,
                score=candidate.score,
                amount=candidate.amount,
                cumulative=cumulative,
                within=within,
                reviews=candidate.reviews,
            )
        )
    return result


def luhn_complete(head: str) -> str:
    """``head`` followed by the digit that makes its Luhn key valid (a SIRET from its
    first 13 digits).

    >>> luhn_complete("1234567820001"), siret_problem(luhn_complete("1234567820001")) is None
    ('12345678200010', True)
    """
    for last in "0123456789":
        if siren_is_valid(head + last):
            return head + last
    raise ValueError(head)
