"""Reads of the dashboard: committed and paid amounts added up in the database.

The amounts are the ``StoredAmount`` rows written with each stored calendar (the rules'
``grant_figures`` with the avenants applied, and the payments recorded): the dashboard
adds them up per year, per partner and per state of the day, in three queries whatever
the size of the register. Nothing here writes.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum

from pacte.conventions.models import Convention, Grant
from pacte.followup.models import StoredAmount
from pacte.followup.sums import StoredSum, amount_of

ZERO = Decimal(0)


def _amounts(
    conventions: QuerySet[Convention],
    *,
    year: int | None = None,
    partner: int | None = None,
    agent: int | None = None,
    scheme: str | None = None,
) -> QuerySet[StoredAmount]:
    """The amounts of these conventions (of one budget ``year``, of the grants one
    ``partner`` receives, of the conventions one ``agent`` is in charge of, of the grants
    of one ``scheme`` (dispositif d'aide), when given);
    the administrator's queryset (every convention, no filter) needs no filter on the
    conventions."""
    rows = StoredAmount.objects.order_by()
    if conventions.query.has_filters() or conventions.query.is_sliced:
        rows = rows.filter(convention__in=conventions.values("pk"))
    if year is not None:
        rows = rows.filter(year=year)
    if partner is not None:
        rows = rows.filter(partner_id=partner)
    if agent is not None:
        rows = rows.filter(convention__agent_in_charge_id=agent)
    if scheme:
        of_scheme = Grant.objects.filter(
            convention_id=OuterRef("convention_id"), key=OuterRef("grant"), scheme=scheme
        )
        rows = rows.filter(Exists(of_scheme))
    return rows


def schemes_of(conventions: QuerySet[Convention]) -> list[str]:
    """The dispositifs d'aide named by the grants of these conventions (the policy filter).

    The schemes are few: each one of the whole register is probed for a grant of one of
    these conventions (the probe stops at the first), rather than listing the grants of
    every convention seen."""
    grants = Grant.objects.exclude(scheme="").order_by()
    every = list(grants.values_list("scheme", flat=True).distinct().order_by("scheme"))
    if not (conventions.query.has_filters() or conventions.query.is_sliced):
        return every
    seen = Exists(conventions.order_by().filter(pk=OuterRef("convention_id")))
    return [scheme for scheme in every if grants.filter(seen, scheme=scheme).exists()]


def agents_in_charge_of(conventions: QuerySet[Convention]) -> list[tuple[int, str]]:
    """The agents in charge of some of these conventions (the agent filter), by name.

    The agents are few: each one in charge of a convention is probed for one of these."""
    from django.contrib.auth import get_user_model

    charged = Convention.objects.filter(agent_in_charge__isnull=False)
    users = get_user_model().objects.filter(
        pk__in=charged.order_by().values("agent_in_charge_id").distinct()
    )
    if conventions.query.has_filters() or conventions.query.is_sliced:
        users = users.filter(
            Exists(conventions.order_by().filter(agent_in_charge_id=OuterRef("pk")))
        )
    return sorted(
        ((u.pk, u.get_full_name() or u.get_username()) for u in users), key=lambda c: c[1]
    )


def amount_years(conventions: QuerySet[Convention]) -> list[int]:
    """The budget years these conventions have amounts for, in order (the year filter)."""
    rows = _amounts(conventions).filter(year__isnull=False)
    return list(rows.values_list("year", flat=True).distinct().order_by("year"))


def _sums(rows: QuerySet[StoredAmount], key: str) -> list[tuple[object, Decimal, Decimal]]:
    return [
        (value, committed or ZERO, paid or ZERO)
        for value, committed, paid in rows.values(key)
        .annotate(committed=Sum("committed"), paid=Sum("paid"))
        .values_list(key, "committed", "paid")
    ]


def amounts_per_year(
    conventions: QuerySet[Convention],
    *,
    year: int | None = None,
    partner: int | None = None,
    agent: int | None = None,
    scheme: str | None = None,
) -> list[tuple[int, Decimal, Decimal]]:
    """(year, committed, paid) for each budget year, in order."""
    rows = _amounts(conventions, year=year, partner=partner, agent=agent, scheme=scheme)
    rows = rows.filter(year__isnull=False)
    return sorted(_sums(rows, "year"))  # type: ignore[arg-type]


def partner_labels(partners: list[tuple[str | None, str]]) -> list[str | None]:
    """The names shown for these partners ((name, city), in order): a name that two
    partners shown share gets the city after it, or its rank when that is shared too;
    ``None`` (no partner named) stays ``None``.

    >>> partner_labels([("Envol", "Vannes"), ("Envol", "Lorient"), ("Cap", ""), (None, "")])
    ['Envol (Vannes)', 'Envol (Lorient)', 'Cap', None]
    >>> partner_labels([("Envol", ""), ("Envol", "")])
    ['Envol (1)', 'Envol (2)']
    """
    names = Counter(name for name, _ in partners if name is not None)
    cities = Counter((name, city) for name, city in partners if city)
    labels: list[str | None] = []
    rank: Counter[str] = Counter()
    for name, city in partners:
        if name is None or names[name] == 1:
            labels.append(name)
        elif city and cities[(name, city)] == 1:
            labels.append(f"{name} ({city})")
        else:
            rank[name] += 1
            labels.append(f"{name} ({rank[name]})")
    return labels


def _partners_shown(
    found: list[tuple[Any, str | None, str | None, Decimal, Decimal]],
) -> list[tuple[str | None, Decimal, Decimal]]:
    labels = partner_labels([(name, city or "") for _, name, city, _, _ in found])
    return [(label, c, p) for label, (_, _, _, c, p) in zip(labels, found, strict=True)]


def amounts_per_partner(
    conventions: QuerySet[Convention],
    *,
    organisation_id: int | None = None,
    first: int = 30,
    year: int | None = None,
    agent: int | None = None,
    scheme: str | None = None,
) -> tuple[list[tuple[str | None, Decimal, Decimal]], tuple[int, Decimal, Decimal]]:
    """The ``first`` partners by amount committed (name, committed, paid; name None: no
    partner named), and the others together (how many, committed, paid). A partner is
    one organisation: two associations of the same name are two partners, told apart
    by ``partner_labels``. Ties go by name, then by the organisation's number.

    ``organisation_id``: only the grants this organisation receives (a partner's view).
    """
    rows = _amounts(conventions, year=year, partner=organisation_id, agent=agent, scheme=scheme)
    per_partner = (
        rows.values("partner")
        .annotate(committed=Sum("committed"), paid=Sum("paid"))
        .order_by(
            F("committed").desc(),
            F("partner__name").asc(nulls_first=True),
            F("partner").asc(nulls_first=True),
        )
    )
    top = _partners_shown(
        [
            (partner, name, city, committed or ZERO, paid or ZERO)
            for partner, name, city, committed, paid in per_partner[:first].values_list(
                "partner", "partner__name", "partner__city", "committed", "paid"
            )
        ]
    )
    total = rows.aggregate(
        committed=Sum("committed"),
        paid=Sum("paid"),
        partners=Count("partner", distinct=True),
        unnamed=Count("pk", filter=Q(partner__isnull=True)),
    )
    count = total["partners"] + (1 if total["unnamed"] else 0) - len(top)
    committed = (total["committed"] or ZERO) - sum((c for _, c, _ in top), ZERO)
    paid = (total["paid"] or ZERO) - sum((p for _, _, p in top), ZERO)
    return top, (count, committed, paid)


def amounts_per_state(
    conventions: QuerySet[Convention],
    *,
    on: date,
    year: int | None = None,
    partner: int | None = None,
    agent: int | None = None,
    scheme: str | None = None,
) -> list[tuple[str, Decimal, Decimal]]:
    """(state, committed, paid) for each stored state of the conventions on ``on``; a
    convention whose calendar is not stored yet is left out (the pages offer to
    recompute it)."""
    rows = _amounts(conventions, year=year, partner=partner, agent=agent, scheme=scheme).filter(
        Q(convention__stored_states__start__isnull=True)
        | Q(convention__stored_states__start__lte=on),
        Q(convention__stored_states__end__isnull=True) | Q(convention__stored_states__end__gte=on),
    )
    return [
        (state, committed, paid)  # type: ignore[misc]
        for state, committed, paid in _sums(rows, "convention__stored_states__state")
        if state is not None
    ]


# -- the same figures from the sums kept per organisation (``followup.sums``) --------------
# For the conventions an organisation is party to as an authority, or the whole register
# (``REGISTER``): the dashboard reads them only when ``counted_organisation`` says those
# are exactly the conventions the user sees and no filter is chosen.


def _kept(organisation: int, fact: str) -> QuerySet[StoredSum]:
    return StoredSum.objects.filter(organisation=organisation, fact=fact).order_by()


def _kept_sums(rows: QuerySet[StoredSum], key: str) -> list[tuple[Any, Decimal, Decimal]]:
    return [
        (value, amount_of(committed), amount_of(paid))
        for value, count, committed, paid in rows.values(key)
        .annotate(count=Sum("rows"), committed=Sum("committed"), paid=Sum("paid"))
        .values_list(key, "count", "committed", "paid")
        if count
    ]


def kept_amount_years(organisation: int) -> list[int]:
    """``amount_years`` of the organisation's conventions."""
    return sorted(int(year) for year, _, _ in _kept_sums(_kept(organisation, "year"), "key"))


def kept_amounts_per_year(organisation: int) -> list[tuple[int, Decimal, Decimal]]:
    """``amounts_per_year`` of the organisation's conventions."""
    return sorted((int(y), c, p) for y, c, p in _kept_sums(_kept(organisation, "year"), "key"))


def kept_amounts_per_partner(
    organisation: int, *, first: int = 30
) -> tuple[list[tuple[str | None, Decimal, Decimal]], tuple[int, Decimal, Decimal]]:
    """``amounts_per_partner`` of the organisation's conventions, from its kept sums
    (one row per partner): the amount committed by the ``first`` partner gives a floor,
    read on the index (``followup_sum_committed``), and only the rows above it are
    joined to the partners' names and ordered; the others' count and sums are read on
    the same index. Three short queries, whatever the number of partners."""
    from pacte.organisations.models import Organisation

    quote = connection.ops.quote_name
    sums, names = quote(StoredSum._meta.db_table), quote(Organisation._meta.db_table)
    where = f"s.{quote('organisation')} = %s AND s.{quote('fact')} = %s AND s.{quote('rows')} > 0"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.{quote('committed')} FROM {sums} s WHERE {where} "
            f"ORDER BY s.{quote('committed')} DESC LIMIT 1 OFFSET %s",
            [organisation, "partner", first - 1],
        )
        floor = cursor.fetchone()
        above = f" AND s.{quote('committed')} >= %s" if floor else ""
        cursor.execute(
            f"SELECT s.{quote('partner')}, o.{quote('name')}, o.{quote('city')}, "
            f"s.{quote('committed')}, s.{quote('paid')} "
            f"FROM {sums} s LEFT JOIN {names} o ON o.{quote('id')} = s.{quote('partner')} "
            f"WHERE {where}{above} ORDER BY s.{quote('committed')} DESC, "
            f"o.{quote('name')} ASC NULLS FIRST, s.{quote('partner')} ASC LIMIT %s",
            [organisation, "partner", *(floor or ()), first],
        )
        found = cursor.fetchall()
        cursor.execute(
            f"SELECT COUNT(*), SUM(s.{quote('committed')}), SUM(s.{quote('paid')}) "
            f"FROM {sums} s WHERE {where}",
            [organisation, "partner"],
        )
        groups, committed, paid = cursor.fetchone()
    top = _partners_shown(
        [(p or None, name, city, amount_of(c), amount_of(pd)) for p, name, city, c, pd in found]
    )
    return top, (
        groups - len(top),
        amount_of(committed or 0) - sum((c for _, c, _ in top), ZERO),
        amount_of(paid or 0) - sum((p for _, _, p in top), ZERO),
    )


def kept_amounts_per_state(organisation: int, *, on: date) -> list[tuple[str, Decimal, Decimal]]:
    """``amounts_per_state`` of the organisation's conventions on ``on``."""
    rows = _kept(organisation, "state").filter(start__lte=on, end__gte=on)
    return _kept_sums(rows, "key")
