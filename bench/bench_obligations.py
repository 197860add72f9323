"""Benchmark: obligations of N generated conventions over five years, on one core.

Run by hand (``make bench`` or ``.venv/bin/python bench/bench_obligations.py [N]``);
figures go to docs/benchmarks.md. Never part of the test suite.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from pacte.rules.events import Events
from pacte.rules.obligations import obligations
from pacte.terms import Convention

DEPARTMENTS = ["21", "35", "67", "57", "75", "13", "974"]


def generate(count: int, seed: int = 2026) -> list[tuple[Convention, Events]]:
    """Conventions of three shapes: annual tacit 70/30, multi-year express, fixed yearly."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        signed = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 5 * 365))
        shape = index % 3
        parties = [
            {
                "key": "coll",
                "role": "public_authority",
                "organisation": {
                    "name": f"Collectivité {index}",
                    "department": rng.choice(DEPARTMENTS),
                },
            },
            {
                "key": "asso",
                "role": "beneficiary",
                "organisation": {"name": f"Association {index}"},
            },
        ]
        data: dict[str, object] = {
            "reference": f"bench-{index}",
            "title": f"Convention {index}",
            "parties": parties,
        }
        if shape == 0:
            data |= {
                "term": {"start_rule": "on_signature", "duration": {"value": 1, "unit": "year"}},
                "renewal": {"kind": "tacit"},
                "termination": {
                    "notice": {"value": 3, "unit": "month"},
                    "form": "registered_letter",
                },
                "governing_bodies": [
                    {
                        "key": "copil",
                        "name": "comité de pilotage",
                        "cadence": {"frequency": "yearly"},
                    }
                ],
                "grants": [
                    {
                        "years": [{"year": signed.year, "amount": rng.randrange(1000, 40000)}],
                        "instalments": [
                            {"kind": "advance", "percent": 70, "trigger": {"kind": "on_signature"}},
                            {
                                "kind": "balance",
                                "percent": 30,
                                "trigger": {
                                    "kind": "on_documents",
                                    "documents": [{"kind": "minutes", "approved_by": "copil"}],
                                },
                            },
                        ],
                    }
                ],
            }
        elif shape == 1:
            start = date(signed.year, signed.month, 1)
            data |= {
                "term": {
                    "start_rule": "fixed_date",
                    "start": start.isoformat(),
                    "end": date(start.year + 2, 12, 31).isoformat(),
                },
                "renewal": {"kind": "express"},
                "governing_bodies": [
                    {
                        "key": "politique",
                        "name": "comité politique",
                        "cadence": {"frequency": "yearly", "basis": "calendar_year"},
                    },
                    {
                        "key": "technique",
                        "name": "comité technique",
                        "cadence": {"frequency": "quarterly"},
                    },
                ],
                "grants": [
                    {
                        "annual_amount": rng.randrange(5000, 60000),
                        "prorata": {"basis": "months"},
                        "earmarked": True,
                    }
                ],
                "workstreams": [
                    {
                        "key": "a",
                        "title": "Diagnostic",
                        "steps": [
                            {
                                "number": 1,
                                "title": "Diagnostic",
                                "milestone": {"due": date(start.year + 1, 6, 30).isoformat()},
                            }
                        ],
                    }
                ],
            }
        else:
            data |= {
                "term": {"start_rule": "on_signature", "duration": {"value": 3, "unit": "year"}},
                "renewal": {"kind": "none"},
                "grants": [
                    {
                        "years": [
                            {"year": signed.year + k, "amount": rng.randrange(1000, 20000)}
                            for k in range(3)
                        ],
                        "instalments": [
                            {"kind": "single", "percent": 100, "trigger": {"kind": "on_signature"}}
                        ],
                    }
                ],
            }
        made.append((Convention.model_validate(data), Events(signatures=(signed,))))
    return made


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    started = time.perf_counter()
    conventions = generate(count)
    generated = time.perf_counter() - started
    on, until = date(2025, 1, 1), date(2029, 12, 31)
    started = time.perf_counter()
    total = sum(
        len(obligations(terms, events, on=on, until=until, since=on))
        for terms, events in conventions
    )
    elapsed = time.perf_counter() - started
    print(f"conventions : {count}")
    print(f"génération des termes : {generated:.1f} s (hors mesure)")
    print(f"obligations calculées (5 ans, 2025-2029) : {total}")
    print(f"durée du calcul : {elapsed:.1f} s, soit {elapsed / count * 1e6:.0f} µs par convention")


if __name__ == "__main__":
    main()
