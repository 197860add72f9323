"""Scenarios written as data: a convention, what happened, a day → the expected figures.

Each ``cases/*.yaml`` was written by someone who read the clause and not the code (see
``README.md``); the expectations come from the clause and French practice. This runner
only feeds them to the rules' single functions (``pacte.rules.facts``, ``obligations``)
and compares.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from pacte.rules import events as ev
from pacte.rules.facts import (
    amounts_by_year,
    current_period,
    grant_figures,
    grants_total,
    money_position,
    next_possible_end,
    notice_outlook,
)
from pacte.rules.obligations import Obligation, obligations
from pacte.rules.term import state_on
from pacte.terms import Convention, DocumentKind

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
HORIZON_DAYS = 3 * 366


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key ``on`` as a boolean
    if True in data:
        data["on"] = data.pop(True)
    for item in data.get("events", {}).get("payments", []) or []:
        if True in item:
            item["on"] = item.pop(True)
    for key in ("documents", "notices", "renewals", "meetings"):
        for item in data.get("events", {}).get(key, []) or []:
            if True in item:
                item["on"] = item.pop(True)
    return data


def _signers(terms: Convention) -> int:
    keys = {s.party for s in terms.signatures}
    return len(keys) or len(terms.parties)


def _events(terms: Convention, raw: dict[str, Any]) -> ev.Events:
    signatures = tuple(_day(d) for d in raw.get("signatures") or [])
    # signed once every party has signed
    signed = signatures if len(signatures) >= _signers(terms) else ()
    return ev.Events(
        signatures=tuple(d for d in signed if d),
        approved_on=_day(raw.get("approved_on")),
        payments=tuple(
            ev.Payment(
                on=_day(p["on"]),  # type: ignore[arg-type]
                amount=Decimal(str(p["amount"])),
                grant=p.get("grant"),
                year=p.get("year"),
            )
            for p in raw.get("payments") or []
        ),
        documents=tuple(
            ev.DocumentReceived(
                kind=DocumentKind(d["kind"]),
                on=_day(d["on"]),  # type: ignore[arg-type]
                year=d.get("year"),
            )
            for d in raw.get("documents") or []
        ),
        meetings=tuple(
            ev.Meeting(
                body=m["body"],
                on=_day(m["on"]),  # type: ignore[arg-type]
                minutes_on=_day(m.get("minutes_on")),
            )
            for m in raw.get("meetings") or []
        ),
        notices=tuple(
            ev.NoticeReceived(party=n.get("party"), on=_day(n["on"]))  # type: ignore[arg-type]
            for n in raw.get("notices") or []
        ),
        renewals=tuple(
            ev.RenewalDecision(on=_day(r["on"]))  # type: ignore[arg-type]
            for r in raw.get("renewals") or []
        ),
        terminated_on=_day(raw.get("terminated_on")),
    )


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _matches(item: Obligation, wanted: dict[str, Any]) -> bool:
    if item.kind.value != wanted["kind"]:
        return False
    if "amount" in wanted and (item.amount is None or item.amount != _money(wanted["amount"])):
        return False
    return "due" not in wanted or item.due == _day(wanted["due"])


def _describe(items: list[Obligation]) -> str:
    return "\n".join(
        f"  {o.kind.value} {o.due} {o.amount} {o.status.value} ({o.waiting_for}) {o.title}"
        for o in items
    )


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_scenario(path: Path) -> None:
    case = _load(path)
    terms = Convention.model_validate(case["convention"])
    events = _events(terms, case.get("events") or {})
    on = _day(case["on"])
    assert on is not None
    expect = case["expect"]
    failures: list[str] = []

    def check(what: str, got: Any, wanted: Any) -> None:
        if got != wanted:
            failures.append(f"{what} : attendu {wanted!r}, obtenu {got!r}")

    if "state" in expect:
        check("état", state_on(terms, events, on)[0].value, expect["state"])
    if "period" in expect:
        period = current_period(terms, events, on)
        got = (
            {"number": period.number, "start": period.start, "end": period.end} if period else None
        )
        wanted = expect["period"]
        if wanted is not None:
            wanted = {k: _day(v) if k != "number" else v for k, v in wanted.items()}
        check("période", got, wanted)
    figures = grant_figures(terms, events)
    if "grant" in expect:
        grant = expect["grant"] or {}
        if "years" in grant:
            check(
                "montants par année",
                amounts_by_year(figures),
                {int(y): _money(a) for y, a in (grant["years"] or {}).items()},
            )
        if "total" in grant:
            total = grants_total(figures)
            wanted_total = _money(grant["total"]) if grant["total"] is not None else None
            check("total", total, wanted_total)
    position = money_position(terms, events, on)
    for key in ("paid", "remaining", "overpaid"):
        if key in expect:
            check(key, getattr(position, key), _money(expect[key]))
    if "notice_deadline" in expect:
        outlook = notice_outlook(terms, events, on)
        check(
            "date limite de dénonciation",
            outlook.current_deadline if outlook else None,
            _day(expect["notice_deadline"]),
        )
    if "next_possible_end" in expect:
        check(
            "prochaine fin possible",
            next_possible_end(terms, events, on),
            _day(expect["next_possible_end"]),
        )
    items = obligations(terms, events, on=on, until=date.fromordinal(on.toordinal() + HORIZON_DAYS))
    for wanted in expect.get("obligations") or []:
        candidates = [o for o in items if _matches(o, wanted)]
        if not candidates:
            failures.append(f"obligation introuvable : {wanted}")
            continue
        ok = [o for o in candidates if o.status.value == wanted.get("status", o.status.value)]
        if "waiting_for" in wanted:
            ok = [
                o
                for o in ok
                if o.waiting_for and wanted["waiting_for"].lower() in o.waiting_for.lower()
            ]
        if not ok:
            failures.append(
                f"obligation {wanted} : trouvée avec un autre état\n{_describe(candidates)}"
            )
    for status in expect.get("never_status") or []:
        bad = [o for o in items if o.status.value == status]
        if bad:
            failures.append(f"aucune obligation ne devrait être « {status} » :\n{_describe(bad)}")
    assert not failures, f"{case['title']}\n" + "\n".join(failures)


def test_at_least_forty_scenarios() -> None:
    assert len(CASES) >= 40
