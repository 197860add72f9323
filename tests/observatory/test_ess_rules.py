"""The ESS perimeter: dated category table, exclusions, unknown categories, sources."""

from __future__ import annotations

from datetime import date

import pytest

from pacte.observatory.errors import ObservatoryError
from pacte.observatory.perimeter import FAMILIES, ess_rules

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("category", "family"),
    [
        ("9220", "association"),
        ("9260", "association"),  # droit local d'Alsace-Moselle
        ("5458", "cooperative"),
        ("6317", "cooperative"),
        ("5194", "cooperative"),
        ("8210", "mutual"),
        ("6411", "mutual"),
        ("9300", "foundation"),
        ("5710", None),
        ("1000", None),
        ("7210", None),
    ],
)
def test_category_families(category: str, family: str | None) -> None:
    assert ess_rules(TODAY).family_of(category) == family


@pytest.mark.parametrize(
    ("category", "unknown"),
    [
        ("9299", True),  # association group, not in the table
        ("8888", True),  # no such level II group
        ("", True),
        ("92", True),
        ("9224", False),  # reviewed and left outside on purpose
        ("5710", False),
        ("1000", False),
    ],
)
def test_unknown_categories_are_told_apart(category: str, unknown: bool) -> None:
    assert ess_rules(TODAY).is_unknown(category) is unknown


@pytest.mark.parametrize(
    ("activity", "nomenclature", "excluded"),
    [
        ("84.11Z", "naf2008", True),
        ("84.30C", "naf2008", True),
        ("94.11Z", "naf2008", True),
        ("94.20Z", "naf2008", True),
        ("94.91Z", "naf2008", True),
        ("94.92Z", "naf2008", True),
        ("94.99Z", "naf2008", False),
        ("88.10A", "naf2008", False),
        ("94.20Y", "naf2025", True),
        ("84.11Y", "naf2025", True),
        ("94.99Y", "naf2025", False),
    ],
)
def test_excluded_activities(activity: str, nomenclature: str, excluded: bool) -> None:
    assert ess_rules(TODAY).is_excluded(activity, nomenclature) is excluded


def test_commercial_companies_join_the_ess_with_the_law_of_31_july_2014() -> None:
    assert ess_rules(date(2014, 7, 31)).ess_company is False
    assert ess_rules(date(2014, 8, 1)).ess_company is True
    assert "2014-856" in ess_rules(date(2014, 8, 1)).references[0].text


def test_every_rule_has_its_source_and_no_rule_before_2008() -> None:
    rules = ess_rules(TODAY)
    assert all(reference.text and reference.url for reference in rules.references)
    assert set(rules.families.values()) <= set(FAMILIES)
    with pytest.raises(ObservatoryError, match="millésime postérieur"):
        ess_rules(date(2007, 12, 1))
