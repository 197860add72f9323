"""``pacte schedule``: the obligations calendar of a file or a stored convention."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from pacte.rules.events import Events
from pacte.rules.ical import obligations_ical
from pacte.rules.obligations import Obligation, balances, obligations
from pacte.terms import Convention, format_amount_fr


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def render_table(items: list[Obligation]) -> str:
    if not items:
        return "Aucune obligation sur la période.\n"
    lines = [f"{'Échéance':<10}  {'Agir avant':<10}  {'État':<11}  {'Montant':>12}  Objet"]
    for item in items:
        amount = format_amount_fr(item.amount) if item.amount is not None else ""
        waiting = f" — en attente de : {item.waiting_for}" if item.waiting_for else ""
        if item.status_label != item.status.label:  # « passée : reconduction tacite acquise »
            waiting += f" — {item.status_label}"
        lines.append(
            f"{_fmt(item.due):<10}  {_fmt(item.act_by) if item.act_by != item.due else '':<10}  "
            f"{item.status.label:<11}  {amount:>12}  {item.title}{waiting}"
        )
        who = f"{item.party} — " if item.party else ""
        lines.append(f"{'':<50}{who}pourquoi : {item.reason}")
    return "\n".join(lines) + "\n"


def run_schedule(
    terms: Convention, args: argparse.Namespace, recorded: Events | None = None
) -> int:
    """The calendar of ``terms``; ``recorded`` are the events the register holds for a
    stored convention (signatures, payments, documents…), so that it reads as its page."""
    on: date = args.on or date.today()
    until: date = args.until or (on + timedelta(days=365))
    if until < on and args.until is not None and args.on is not None:
        print("Erreur : --until précède --on.", file=sys.stderr)
        return 1
    if recorded is not None:
        events = recorded
        if args.signed:
            events = replace(events, signatures=(args.signed,))
    else:
        signed = args.signed or terms.signed_on
        events = Events(signatures=(signed,) if signed else ())
    signed = events.signed_on
    items = obligations(terms, events, on=on, until=until)
    if args.json:
        print(json.dumps([o.as_json() for o in items], ensure_ascii=False, indent=2))
    elif args.ics:
        stamp = datetime.combine(on, datetime.min.time(), tzinfo=UTC)
        sys.stdout.write(
            obligations_ical(
                [(terms.reference, o) for o in items], name=f"Pacte — {terms.title}", stamp=stamp
            ).decode()
        )
    else:
        if not signed and terms.term and terms.term.start_rule.value == "on_signature":
            print(
                "Note : convention non signée ; les dates qui partent de la signature "
                "apparaîtront avec --signed AAAA-MM-JJ.\n"
            )
        print(render_table(items), end="")
        for balance in balances(terms, events, until=until):
            line = (
                f"\nSubvention « {balance.grant} » jusqu'au {until.strftime('%d/%m/%Y')} : "
                f"attendu {format_amount_fr(balance.expected)}, versé {format_amount_fr(balance.paid)}, "
                f"reste {format_amount_fr(balance.remaining)}"
            )
            if balance.overpaid:
                line += f" ; trop-perçu de {format_amount_fr(balance.overpaid)}"
            print(line)
    return 0
