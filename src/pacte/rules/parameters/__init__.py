"""Dated legal values, one YAML file per parameter (OpenFisca-style).

A change in the law is a new dated value in the file, never an ``if year >= …`` in code.

>>> parameter("convention_threshold").at(date(2009, 5, 15)).value
Decimal('23000')
>>> parameter("open_data_delay").at(date(2010, 1, 1)) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

_FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class LegalReference:
    text: str
    url: str | None = None


@dataclass(frozen=True)
class DatedValue:
    since: date
    value: Decimal
    reference: LegalReference


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    values: tuple[DatedValue, ...]

    def at(self, on: date) -> DatedValue | None:
        """The value in force on a date, or ``None`` before the first one."""
        current = None
        for value in self.values:
            if value.since <= on:
                current = value
        return current


@cache
def parameter(name: str) -> Parameter:
    """Load ``parameters/<name>.yaml``; values are sorted by date."""
    data = yaml.safe_load((_FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))
    values = sorted(
        (
            DatedValue(
                since=item["since"],
                value=Decimal(str(item["value"])),
                reference=LegalReference(**item["reference"]),
            )
            for item in data["values"]
        ),
        key=lambda v: v.since,
    )
    return Parameter(name, data["description"], data["unit"], tuple(values))


def parameter_names() -> list[str]:
    return sorted(p.stem for p in _FOLDER.glob("*.yaml"))
