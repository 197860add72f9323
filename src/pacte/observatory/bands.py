"""Headcount bands of SIRENE (``trancheEffectifsEtablissement``) as employee counts.

SIRENE gives a band, not a number: each band gives a low and a high bound and an
estimate (the middle of the band). The last band (10 000 employees or more) has no upper
bound in SIRENE: its high bound is a convention (twice the low bound), said in the docs.

>>> BANDS["12"].low, BANDS["12"].high, BANDS["12"].estimate
(20, 49, 34.5)
>>> band_for("") .code
'NN'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HeadcountBand:
    code: str
    label: str
    low: int
    high: int
    estimate: float


def _band(
    code: str, label: str, low: int, high: int, estimate: float | None = None
) -> HeadcountBand:
    return HeadcountBand(code, label, low, high, (low + high) / 2 if estimate is None else estimate)


BANDS: dict[str, HeadcountBand] = {
    band.code: band
    for band in (
        _band("NN", "unité non employeuse (pas de salarié au cours de l'année)", 0, 0),
        _band("00", "0 salarié au 31 décembre (mais des salariés au cours de l'année)", 0, 0),
        _band("01", "1 ou 2 salariés", 1, 2),
        _band("02", "3 à 5 salariés", 3, 5),
        _band("03", "6 à 9 salariés", 6, 9),
        _band("11", "10 à 19 salariés", 10, 19),
        _band("12", "20 à 49 salariés", 20, 49),
        _band("21", "50 à 99 salariés", 50, 99),
        _band("22", "100 à 199 salariés", 100, 199),
        _band("31", "200 à 249 salariés", 200, 249),
        _band("32", "250 à 499 salariés", 250, 499),
        _band("41", "500 à 999 salariés", 500, 999),
        _band("42", "1 000 à 1 999 salariés", 1000, 1999),
        _band("51", "2 000 à 4 999 salariés", 2000, 4999),
        _band("52", "5 000 à 9 999 salariés", 5000, 9999),
        # no upper bound in SIRENE: the high bound is a convention, the estimate the low one
        _band("53", "10 000 salariés et plus", 10000, 20000, 10000.0),
    )
}
"""The sixteen band codes of SIRENE, in order."""


def band_for(code: str | None) -> HeadcountBand:
    """The band of a code; an empty code is ``NN`` (SIRENE leaves it empty for units
    without employees). An unknown code raises ``KeyError``."""
    text = (code or "").strip().upper()
    return BANDS[text or "NN"]
