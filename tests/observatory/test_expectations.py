"""Indicators of the hand-computed sample (sirene_samples.py), territory by territory.

Every figure below was computed by hand from the rows of the sample: (establishments,
employer establishments, employees low, high, estimate). A band's estimate is the middle
of the band; a total's estimate is rounded half up (34.5 → 35).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sirene_samples import write_samples

from pacte.observatory.indicators import Store
from pacte.observatory.perimeter import FAMILIES
from pacte.observatory.store import import_snapshot
from pacte.observatory.territories import TerritoryReference, TerritorySpec

ZERO = (0, 0, 0, 0, 0)
# territory → family or total → (establishments, employers, low, high, estimate)
EXPECTED: dict[str, dict[str, tuple[int, int, int, int, int]]] = {
    "dep:67": {
        "association": (4, 2, 26, 58, 42),  # E1 (12), E2 (03), E3 (NN), E28 (old NAF)
        "cooperative": (1, 1, 10, 19, 15),  # E4 (11)
        "mutual": (1, 1, 50, 99, 75),  # E5 (21), by category without the flag
        "foundation": (1, 1, 100, 199, 150),  # E6 (22), flag N but category 9300
        "ess_company": (2, 2, 251, 501, 376),  # E7 (SAS flag O, 01) + E11 (list, 32, old code)
        "other": (1, 0, 0, 0, 0),  # E18: SCI with the ESS flag
        "total_ess": (10, 7, 437, 876, 657),
        # + E8 (02), E9 (excluded 94.20Z, 00), E12, E13 (unknown 9299, 01), E14 (unknown
        # 8888, empty band), E17 (excluded 94.91Z, 01), E27 (band 99 counted 0)
        "total_private": (17, 12, 442, 885, 664),
        # + E10, the commune (31), E36 and E37 (the Département and the Région, no band)
        "total_territory": (20, 13, 642, 1134, 888),
    },
    "com:67482": {
        "association": (3, 1, 20, 49, 35),
        "cooperative": (1, 1, 10, 19, 15),
        "mutual": (1, 1, 50, 99, 75),
        "foundation": ZERO,
        "ess_company": (1, 1, 1, 2, 2),
        "other": (1, 0, 0, 0, 0),
        "total_ess": (7, 4, 81, 169, 125),
        "total_private": (14, 9, 86, 178, 132),
        "total_territory": (17, 10, 286, 427, 357),
    },
    "epci:246700488": {  # Strasbourg + Schiltigheim (E2)
        "association": (4, 2, 26, 58, 42),
        "total_ess": (8, 5, 87, 178, 133),
        "total_private": (15, 10, 92, 187, 140),
        "total_territory": (18, 11, 292, 436, 364),
    },
    "com:67544": {  # Wissembourg: E11 was filed under Altenstadt's old code 67007
        "ess_company": (1, 1, 250, 499, 375),
        "total_ess": (1, 1, 250, 499, 375),
        "total_territory": (1, 1, 250, 499, 375),
    },
    "dep:2A": {  # E19 (41) in Ajaccio, E20 (42) under Ajaccio's code before 1976, 20004
        "association": (2, 2, 1500, 2998, 2249),
        "total_ess": (2, 2, 1500, 2998, 2249),
    },
    "dep:2B": {"association": (1, 1, 2000, 4999, 3500), "total_ess": (1, 1, 2000, 4999, 3500)},
    "reg:94": {"association": (3, 3, 3500, 7997, 5749), "total_private": (3, 3, 3500, 7997, 5749)},
    "com:75056": {"cooperative": (1, 1, 5000, 9999, 7500)},  # E22 in the 8th arrondissement
    "com:69123": {"cooperative": (1, 1, 10000, 20000, 10000)},  # E23, band 53, Lyon 3e
    "com:13055": {"cooperative": (1, 1, 1, 2, 2)},  # E24, Marseille 1er
    "dep:974": {"mutual": (1, 1, 3, 5, 4), "total_ess": (1, 1, 3, 5, 4)},
    "reg:04": {"mutual": (1, 1, 3, 5, 4)},
    "dep:01": {"total_ess": ZERO, "total_private": (1, 0, 0, 0, 0)},  # E29, code "1001"
    # E30 (84.11Z, 01), E31 (94.11Z, 02), E32 (94.92Z, NN) and E34 (9420Z, 11): excluded,
    # private; E33 (8810A written without its dot, 03): an association
    "dep:68": {
        "association": (1, 1, 6, 9, 8),  # 7.5 rounded up
        "total_ess": (1, 1, 6, 9, 8),
        "total_private": (5, 4, 20, 35, 28),  # 1.5 + 4 + 0 + 7.5 + 14.5 = 27.5
        "total_territory": (5, 4, 20, 35, 28),
    },
    # E35: an association whose activity is a NAF 2025 code in the main column (01)
    "dep:74": {"association": (1, 1, 1, 2, 2), "total_ess": (1, 1, 1, 2, 2)},
    "fr": {  # E26 (abroad) is nowhere; closed E15 and E16 are not counted
        "association": (9, 7, 3533, 8066, 5800),  # 5 790.5 + 7.5 (E33) + 1.5 (E35)
        "cooperative": (4, 4, 15011, 30020, 17516),
        "mutual": (2, 2, 53, 104, 79),
        "foundation": (1, 1, 100, 199, 150),
        "ess_company": (2, 2, 251, 501, 376),
        "other": (1, 0, 0, 0, 0),
        "total_ess": (19, 16, 18948, 38890, 23919),  # 23 910 + 7.5 (E33) + 1.5 (E35)
        "total_private": (31, 24, 18967, 38925, 23946),  # 23 917 + 27.5 + 1.5
        "total_territory": (34, 25, 19167, 39174, 24171),  # 24 141.5 + 29
    },
}


def _figures(block: dict[str, Any]) -> tuple[int, int, int, int, int]:
    employees = block["employees"]
    return (
        block["establishments"],
        block["employer_establishments"],
        employees["low"],
        employees["high"],
        employees["estimate"],
    )


def _territory(reference: TerritoryReference, text: str) -> Any:
    level, _, code = text.partition(":")
    return reference.territory(TerritorySpec(level, code or "FR"))


@pytest.mark.parametrize("text", sorted(EXPECTED))
def test_hand_computed_figures(store: Store, reference: TerritoryReference, text: str) -> None:
    result = store.indicators(_territory(reference, text), reference=reference, compare=False)
    got = {name: _figures(result[name]) for name in EXPECTED[text]}
    assert got == EXPECTED[text]


def test_shares_and_density(store: Store, reference: TerritoryReference) -> None:
    result = store.indicators(_territory(reference, "dep:67"), reference=reference)
    assert result["share"] == {
        "establishments": round(10 / 17, 4),
        "employees": round(656.5 / 663.5, 4),
    }
    strasbourg = store.indicators(_territory(reference, "com:67482"), reference=reference)
    assert strasbourg["per_10000_inhabitants"] == round(7 * 10000 / 293771, 1)
    assert strasbourg["territory"]["population"] == 293771
    empty = store.indicators(_territory(reference, "dep:01"), reference=reference)
    assert empty["share"] == {"establishments": 0.0, "employees": None}


def test_band_year_is_the_year_of_most_bands(store: Store, reference: TerritoryReference) -> None:
    result = store.indicators(_territory(reference, "dep:67"), reference=reference)
    assert result["foundation"]["employees"]["band_year"] == "2022"
    assert result["total_ess"]["employees"]["band_year"] == "2023"
    assert result["other"]["employees"]["band_year"] is None


def test_domains_by_naf_section(store: Store, reference: TerritoryReference) -> None:
    result = store.indicators(_territory(reference, "dep:67"), reference=reference)
    assert [d["section"] for d in result["domains"]] == ["Q", "?", "F", "I", "J", "K", "L", "P"]
    health = result["domains"][0]
    assert health["label"] == "Santé humaine et action sociale"
    assert _figures(health) == (3, 3, 126, 257, 192)  # E1, E2, E6
    assert health["families"]["association"] == 2 and health["families"]["foundation"] == 1
    assert result["domains"][1]["label"].startswith("Activité non classée")  # E28, NAFRev1


def test_domains_have_their_naf_divisions(store: Store, reference: TerritoryReference) -> None:
    result = store.indicators(_territory(reference, "dep:67"), reference=reference)
    health = result["domains"][0]
    assert [(d["division"], d["label"]) for d in health["divisions"]] == [
        ("88", "Action sociale sans hébergement"),  # E1 (20 à 49), E2 (6 à 9)
        ("87", "Hébergement médico-social et social"),  # E6 (100 à 199)
    ]
    assert _figures(health["divisions"][0]) == (2, 2, 26, 58, 42)  # 34,5 + 7,5
    assert _figures(health["divisions"][1]) == (1, 1, 100, 199, 150)  # 149,5 half up
    assert result["domains"][1]["divisions"] == []  # an old nomenclature has no division


def test_largest_employers(store: Store, reference: TerritoryReference) -> None:
    result = store.indicators(_territory(reference, "dep:67"), reference=reference)
    employers = result["largest_employers"]
    assert [e["siren"] for e in employers] == [
        "100000009",
        "100000004",
        "100000003",
        "100000001",
        "100000002",
        "100000005",
    ]
    assert employers[3]["name"] == "Association Solidarité Strasbourg"
    assert (employers[3]["establishments"], employers[3]["employer_establishments"]) == (4, 2)
    assert employers[3]["employees"] == {"low": 26, "high": 58, "estimate": 42}


def test_comparison_with_departement_region_and_france(
    store: Store, reference: TerritoryReference
) -> None:
    result = store.indicators(_territory(reference, "com:67482"), reference=reference)
    compared = [(c["territory"]["level"], c["territory"]["code"]) for c in result["comparison"]]
    assert compared == [("dep", "67"), ("reg", "44"), ("fr", "FR")]
    assert _figures(result["comparison"][0]["total_ess"]) == EXPECTED["dep:67"]["total_ess"]
    assert _figures(result["comparison"][2]["total_ess"]) == EXPECTED["fr"]["total_ess"]


def test_unknown_categories_unplaced_and_bad_bands_are_reported(
    store: Store, reference: TerritoryReference
) -> None:
    warnings = store.indicators(_territory(reference, "dep:67"), reference=reference)["warnings"]
    assert any("« 8888 »" in w and "« 9299 »" in w for w in warnings)
    assert any("1 établissement(s) actif(s) sans commune" in w for w in warnings)
    assert any("« 99 » (1)" in w for w in warnings)


def test_every_departement_at_once_equals_one_by_one(
    store: Store, reference: TerritoryReference
) -> None:
    every = store.indicators_by_level("dep", reference=reference)
    assert sorted(every) == ["01", "13", "2A", "2B", "67", "68", "69", "74", "75", "974"]
    one = store.indicators(_territory(reference, "dep:67"), reference=reference, compare=False)
    for name in (*FAMILIES, "total_ess", "total_private", "total_territory", "share", "domains"):
        assert every["67"][name] == one[name]


def test_perimeter(store: Store, reference: TerritoryReference, tmp_path: Path) -> None:
    from pacte.observatory.territories import perimeter_write

    perimeter_write(tmp_path, "Antenne", ["67447", "67544", "2A004"])
    territory = reference.territory(TerritorySpec("perimeter", "Antenne"), tmp_path)
    result = store.indicators(territory, reference=reference, perimeters=tmp_path)
    # E2 (association, 03), E11 (ess_company, 32), E19 and E20 (associations, 41 and 42)
    assert _figures(result["total_ess"]) == (4, 4, 1756, 3506, 2631)
    assert result["comparison"][0]["territory"]["code"] == "2A"  # most inhabitants


def _import(folder: Path, snapshot: str, ess_list: Path | None = None) -> Path:
    sites, units = write_samples(folder)
    store = folder / "observatoire"
    import_snapshot(
        establishments=sites, legal_units=units, folder=store, snapshot=snapshot, ess_list=ess_list
    )
    return store


def test_without_the_list_and_before_2014_companies_are_not_ess_companies(
    tmp_path: Path, reference: TerritoryReference
) -> None:
    folder = _import(tmp_path, "2013-12")
    with Store(folder) as store:
        result = store.indicators(
            _territory(reference, "dep:67"), reference=reference, compare=False
        )
    assert _figures(result["ess_company"]) == ZERO
    # E7 (SAS with the flag) and E18 (SCI with the flag); E11 is not listed any more
    assert _figures(result["other"]) == (2, 1, 1, 2, 2)
    assert result["total_ess"]["establishments"] == 9
    assert "2014-856" not in result["sources"]["ess_rules"][0]
    assert result["sources"]["ess_rules_on"] == "2013-12-01"
