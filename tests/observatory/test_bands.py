"""The sixteen headcount bands of SIRENE, each with its bounds and estimate by hand."""

from __future__ import annotations

import pytest

from pacte.observatory.bands import BANDS, band_for

EXPECTED = {
    "NN": (0, 0, 0.0),
    "00": (0, 0, 0.0),
    "01": (1, 2, 1.5),
    "02": (3, 5, 4.0),
    "03": (6, 9, 7.5),
    "11": (10, 19, 14.5),
    "12": (20, 49, 34.5),
    "21": (50, 99, 74.5),
    "22": (100, 199, 149.5),
    "31": (200, 249, 224.5),
    "32": (250, 499, 374.5),
    "41": (500, 999, 749.5),
    "42": (1000, 1999, 1499.5),
    "51": (2000, 4999, 3499.5),
    "52": (5000, 9999, 7499.5),
    "53": (10000, 20000, 10000.0),
}


def test_there_are_sixteen_bands_in_insee_order() -> None:
    assert list(BANDS) == list(EXPECTED)
    assert len(BANDS) == 16


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_band_gives_its_bounds_and_estimate(code: str) -> None:
    band = BANDS[code]
    assert (band.low, band.high, band.estimate) == EXPECTED[code]
    assert band.low <= band.estimate <= band.high
    assert band.label


def test_an_empty_band_is_a_unit_without_employees_and_an_unknown_one_is_refused() -> None:
    assert band_for("").code == "NN"
    assert band_for(" 12 ").code == "12"
    with pytest.raises(KeyError):
        band_for("99")
