"""The territory reference: arrondissements, old codes, Corsica, overseas, perimeters."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacte.observatory.errors import ObservatoryError
from pacte.observatory.territories import (
    TerritoryReference,
    TerritorySpec,
    parse_territory,
    perimeter_parse,
    perimeter_read,
    perimeter_write,
)

ARRONDISSEMENTS = (
    [(str(75100 + n), "75056") for n in range(1, 21)]
    + [(str(69380 + n), "69123") for n in range(1, 10)]
    + [(str(13200 + n), "13055") for n in range(1, 17)]
)


@pytest.mark.parametrize(("code", "commune"), ARRONDISSEMENTS)
def test_every_arrondissement_municipal_is_its_commune(
    reference: TerritoryReference, code: str, commune: str
) -> None:
    assert reference.current_commune(code) == commune


@pytest.mark.parametrize(
    ("code", "commune"),
    [
        ("20004", "2A004"),  # Ajaccio before the two Corsican départements (1976)
        ("67007", "67544"),  # Altenstadt, merged into Wissembourg
        ("2a004", "2A004"),
        ("1001", "01001"),  # a spreadsheet dropped the zero
        ("97411", "97411"),
        ("97608", "97608"),  # Mayotte
        ("99999", None),
        ("", None),
    ],
)
def test_codes_are_mapped_to_today_s_commune(
    reference: TerritoryReference, code: str, commune: str | None
) -> None:
    assert reference.current_commune(code) == commune


def test_levels_are_chained_from_commune_to_region(reference: TerritoryReference) -> None:
    name, departement, region, epci, population, siren = reference.communes["67482"]
    assert (name, departement, region, epci) == ("Strasbourg", "67", "44", "246700488")
    assert population > 250000 and siren == "216704825"
    assert reference.departements["2B"] == ("Haute-Corse", "94")
    assert reference.departements["974"][1] == "04"
    assert reference.epcis["246700488"][0] == "Eurométropole de Strasbourg"
    assert reference.vintage.startswith("@etalab/decoupage-administratif 6.0.0")


def test_populations_add_up_from_communes(reference: TerritoryReference) -> None:
    corse = reference.territory(TerritorySpec("reg", "94"))
    south = reference.territory(TerritorySpec("dep", "2A"))
    north = reference.territory(TerritorySpec("dep", "2B"))
    assert corse.population == south.population + north.population > 300000


def test_parents_are_the_departement_holding_most_inhabitants_then_region_and_france(
    reference: TerritoryReference,
) -> None:
    strasbourg = reference.territory(TerritorySpec("com", "67482"))
    assert reference.parents(strasbourg) == [
        TerritorySpec("dep", "67"),
        TerritorySpec("reg", "44"),
        TerritorySpec("fr", "FR"),
    ]
    region = reference.territory(TerritorySpec("reg", "94"))
    assert reference.parents(region) == [TerritorySpec("fr", "FR")]


@pytest.mark.parametrize(
    ("text", "level", "code"),
    [
        ("dep:67", "dep", "67"),
        ("dep:2a", "dep", "2A"),
        ("reg:44", "reg", "44"),
        ("epci:246700488", "epci", "246700488"),
        ("com:67482", "com", "67482"),
        ("perimeter:Nord-Alsace", "perimeter", "Nord-Alsace"),
        ("France", "fr", "FR"),
    ],
)
def test_territory_spec(text: str, level: str, code: str) -> None:
    assert parse_territory(text) == TerritorySpec(level, code)


@pytest.mark.parametrize("text", ["67", "canton:12", "dep:", "epci"])
def test_bad_territory_spec_is_explained(text: str) -> None:
    with pytest.raises(ObservatoryError, match="dep:67"):
        parse_territory(text)


def test_unknown_territories_are_named(reference: TerritoryReference) -> None:
    with pytest.raises(ObservatoryError, match="« 99 »"):
        reference.territory(TerritorySpec("dep", "99"))
    with pytest.raises(ObservatoryError, match="« 123 »"):
        reference.territory(TerritorySpec("epci", "123"))


def test_perimeter_from_a_csv_maps_codes_and_keeps_order(
    reference: TerritoryReference, tmp_path: Path
) -> None:
    text = "nom;code_insee\nStrasbourg;67482\nParis 8e;75108\nAltenstadt;67007\nStrasbourg;67482\n"
    communes, notices = perimeter_parse(text, reference, source="p.csv")
    assert communes == ["67482", "75056", "67544"]
    assert notices == [
        "ligne 3 : 75108 (arrondissement) compté dans la commune 75056",
        "ligne 4 : 67007 (ancien code) compté dans la commune 67544",
    ]
    perimeter_write(tmp_path, "Antenne_Nord", communes)
    assert perimeter_read(tmp_path, "Antenne_Nord") == communes
    territory = reference.territory(TerritorySpec("perimeter", "Antenne_Nord"), tmp_path)
    assert territory.communes == ("67482", "75056", "67544")
    assert territory.population == sum(reference.communes[c][4] for c in communes)


def test_perimeter_without_header_and_with_an_unknown_code(reference: TerritoryReference) -> None:
    communes, _ = perimeter_parse("67482\n1001\n", reference, source="p.csv")
    assert communes == ["67482", "01001"]
    with pytest.raises(ObservatoryError, match=r"p\.csv, ligne 3 : code de commune « 99999 »"):
        perimeter_parse("commune\n67482\n99999\n", reference, source="p.csv")


def test_perimeter_names_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ObservatoryError, match="refusé"):
        perimeter_write(tmp_path, "../etc", ["67482"])
    with pytest.raises(ObservatoryError, match="inconnu"):
        perimeter_read(tmp_path, "absent")
