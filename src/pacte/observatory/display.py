r"""The indicators of a territory laid out for people: French numbers, charts and tables.

The « Observatoire » screen and the « données de cadrage » document both show
``charts(result)``: the same lines, from the same result of ``report.indicators_for``.

>>> number_fr(12500), share_fr(0.1234), share_fr(None), decimal_fr(3.26), snapshot_fr("2026-01")
('12\u202f500', '12,3 %', '—', '3,3', 'janvier 2026')
>>> counted(1, "établissement", "établissements"), counted(0, "salarié", "salariés")
('1 établissement', '0 salarié')
>>> day_fr("2026-03-01T09:30:00+00:00")
'1er mars 2026'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pacte.observatory.naf import UNCLASSIFIED
from pacte.observatory.perimeter import FAMILIES, FAMILY_LABELS
from pacte.observatory.territories import LEVELS

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
DOMAINS_SHOWN = 10
DIVISIONS_SHOWN = 3


def number_fr(value: float | int | None) -> str:
    """« 12 500 » (narrow no-break space between thousands), « — » for nothing."""
    if value is None:
        return "—"
    return f"{round(value):,}".replace(",", "\u202f")


def decimal_fr(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    rounded = f"{value:,.{digits}f}"
    return rounded.replace(",", "\u202f").replace(".", ",")


def share_fr(share: float | None) -> str:
    """A share (0.1234) as a French percentage: « 12,3 % »."""
    return "—" if share is None else f"{decimal_fr(share * 100)} %"


def signed_fr(value: int | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + number_fr(value).replace("-", "−")


def day_fr(text: str) -> str:
    """The day of an ISO date or time (« 2026-12-07T10:00:00+00:00 ») the French way:
    « 7 décembre 2026 » (« 1er » for the first); the text itself when it is not a date."""
    try:
        day = datetime.fromisoformat(text).date()
    except ValueError:
        return text
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS[day.month - 1]} {day.year}"


def snapshot_fr(snapshot: str) -> str:
    """« 2026-01 » → « janvier 2026 »."""
    year, _, month = snapshot.partition("-")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return snapshot
    return f"{_MONTHS[int(month) - 1]} {year}"


def employees_fr(employees: dict[str, Any]) -> str:
    """« 1 234 (entre 900 et 1 600) »: the estimate, then the range of the bands."""
    return (
        f"{number_fr(employees['estimate'])} (entre {number_fr(employees['low'])} "
        f"et {number_fr(employees['high'])})"
    )


def territory_fr(territory: dict[str, Any]) -> str:
    """« Gironde (département, 33) »."""
    level = LEVELS.get(territory["level"], territory["level"])
    if territory["level"] == "fr":
        return "France"
    return f"{territory['name']} ({level}, {territory['code']})"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    """The value as a French reader reads it (« 12,3 % », « 1 204 »)."""
    pct: int
    """Width in the chart, in percent of the largest value."""


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    heading: str
    """The first column's heading in the table beside the chart."""
    unit: str
    bars: list[Bar]
    columns: list[str] = field(default_factory=list)
    """Headings of the table's other columns (the value first)."""
    rows: list[list[str]] = field(default_factory=list)
    """The table beside the chart: one line per bar, the label first."""

    @property
    def labelled_rows(self) -> list[list[tuple[str, str]]]:
        """The rows with each cell's column heading (shown before it on a phone)."""
        headings = [self.heading, *self.columns]
        return [list(zip(headings, row, strict=False)) for row in self.rows]


def counted(value: float | int, singular: str, plural: str) -> str:
    """« 1 établissement », « 0 salarié », « 12 établissements » (French: 0 and 1 singular)."""
    return f"{number_fr(value)} {singular if abs(value) < 2 else plural}"


def _bars(items: list[tuple[str, float, str]], unit: tuple[str, str] | None = None) -> list[Bar]:
    top = max((value for _, value, _ in items), default=0)
    return [
        Bar(
            label,
            value,
            counted(value, *unit) if unit else text,
            max(1, round(value * 100 / top)) if top > 0 and value > 0 else 0,
        )
        for label, value, text in items
    ]


def charts(result: dict[str, Any]) -> list[Chart]:
    """The charts of a result, each with the table that carries its figures."""
    found = []
    families = [f for f in FAMILIES if result[f]["establishments"]]
    found.append(
        Chart(
            "etablissements",
            "Établissements actifs de l'ESS par famille",
            "Famille",
            "établissements",
            _bars(
                [
                    (
                        FAMILY_LABELS[f],
                        result[f]["establishments"],
                        number_fr(result[f]["establishments"]),
                    )
                    for f in families
                ],
                ("établissement", "établissements"),
            ),
            ["Établissements", "dont employeurs"],
            [
                [
                    FAMILY_LABELS[f],
                    number_fr(result[f]["establishments"]),
                    number_fr(result[f]["employer_establishments"]),
                ]
                for f in families
            ]
            + [
                [
                    "Ensemble de l'ESS",
                    number_fr(result["total_ess"]["establishments"]),
                    number_fr(result["total_ess"]["employer_establishments"]),
                ]
            ],
        )
    )
    found.append(
        Chart(
            "salaries",
            "Salariés de l'ESS par famille (estimation)",
            "Famille",
            "salariés",
            _bars(
                [
                    (
                        FAMILY_LABELS[f],
                        result[f]["employees"]["estimate"],
                        number_fr(result[f]["employees"]["estimate"]),
                    )
                    for f in families
                ],
                ("salarié", "salariés"),
            ),
            ["Estimation", "Fourchette"],
            [
                [
                    FAMILY_LABELS[f],
                    number_fr(result[f]["employees"]["estimate"]),
                    f"{number_fr(result[f]['employees']['low'])} à "
                    f"{number_fr(result[f]['employees']['high'])}",
                ]
                for f in families
            ]
            + [
                [
                    "Ensemble de l'ESS",
                    number_fr(result["total_ess"]["employees"]["estimate"]),
                    f"{number_fr(result['total_ess']['employees']['low'])} à "
                    f"{number_fr(result['total_ess']['employees']['high'])}",
                ]
            ],
        )
    )
    domains = result["domains"][:DOMAINS_SHOWN]
    found.append(
        Chart(
            "domaines",
            "Principaux domaines d'activité de l'ESS (sections NAF)",
            "Domaine",
            "établissements",
            _bars(
                [
                    (d["label"], d["establishments"], number_fr(d["establishments"]))
                    for d in domains
                ],
                ("établissement", "établissements"),
            ),
            [
                "Établissements",
                "Salariés (estimation)",
                "Part de l'ESS dans le domaine",
                "Principales divisions (établissements)",
            ],
            [
                [
                    d["label"]
                    if d["section"] == UNCLASSIFIED
                    else f"{d['label']} ({d['section']})",
                    number_fr(d["establishments"]),
                    number_fr(d["employees"]["estimate"]),
                    share_fr(d["share"]["establishments"]),
                    " ; ".join(
                        f"{v['division']} {v['label']} ({number_fr(v['establishments'])})"
                        for v in d.get("divisions", [])[:DIVISIONS_SHOWN]
                    )
                    or "—",
                ]
                for d in domains
            ],
        )
    )
    places = [
        {
            "territory": result["territory"],
            "share": result["share"],
            "per_10000_inhabitants": result["per_10000_inhabitants"],
        },
        *result.get("compared_with", []),
        *result.get("comparison", []),
    ]
    found.append(
        Chart(
            "comparaison",
            "Part de l'ESS dans les salariés du privé, comparée",
            "Territoire",
            "%",
            _bars(
                [
                    (
                        p["territory"]["name"],
                        (p["share"]["employees"] or 0) * 100,
                        share_fr(p["share"]["employees"]),
                    )
                    for p in places
                ]
            ),
            [
                "Part des salariés du privé",
                "Part des établissements privés",
                "Établissements de l'ESS pour 10 000 habitants",
            ],
            [
                [
                    territory_fr(p["territory"]),
                    share_fr(p["share"]["employees"]),
                    share_fr(p["share"]["establishments"]),
                    decimal_fr(p["per_10000_inhabitants"]),
                ]
                for p in places
            ],
        )
    )
    return found


def change_rows(result: dict[str, Any]) -> list[list[str]]:
    """The change between two snapshots, per family and in total (when computed)."""
    delta = result.get("change")
    if not delta:
        return []
    lines = []
    for name in (*FAMILIES, "total_ess", "total_private"):
        item = delta[name]
        label = {
            "total_ess": "Ensemble de l'ESS",
            "total_private": "Ensemble du secteur privé",
        }.get(name) or FAMILY_LABELS[name]
        rate = item["establishments_rate"]
        lines.append(
            [
                label,
                signed_fr(item["establishments"]),
                "—" if rate is None else ("+" if rate > 0 else "") + share_fr(rate),
                signed_fr(item["employees_estimate"]),
            ]
        )
    return lines


def employer_rows(result: dict[str, Any]) -> list[list[str]]:
    return [
        [
            e["name"],
            e["siren"],
            FAMILY_LABELS.get(e["family"], e["family"] or ""),
            number_fr(e["establishments"]),
            employees_fr(e["employees"]),
        ]
        for e in result["largest_employers"]
    ]
