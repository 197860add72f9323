"""The SIREN and SIRET of an authority named without them (pacte.observatory.authorities).

Expected values read from the territory reference (communes.csv, epci.csv) and from the
hand-written sample (sirene_samples.py): E10 is the head office of the Commune de
Strasbourg (SIREN 216704825, row 10 → NIC 00010), E36 that of the Département du
Bas-Rhin (100000027, NIC 00036), E37 that of the Région Grand Est (100000028, NIC 00037).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sirene_samples import write_samples

from pacte.observatory.authorities import authority_identity
from pacte.observatory.indicators import Store
from pacte.observatory.store import import_snapshot
from pacte.observatory.territories import TerritoryReference


@pytest.fixture(scope="module")
def heads(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("heads")
    sites, units = write_samples(folder / "in")
    import_snapshot(
        establishments=sites, legal_units=units, folder=folder / "s", snapshot="2026-01"
    )
    with Store(folder / "s") as store:
        return store.public_heads()


def test_the_snapshot_keeps_the_head_offices_of_public_units(heads: dict) -> None:  # type: ignore[type-arg]
    assert sorted((h.siren, h.siret, h.category, h.dep, h.reg) for h in heads.values()) == [
        ("100000027", "10000002700036", "7220", "67", "44"),
        ("100000028", "10000002800037", "7230", "67", "44"),
        ("216704825", "21670482500010", "7210", "67", "44"),
    ]


@pytest.mark.parametrize(
    ("kind", "name", "extra", "expected"),
    [
        # communes: the SIREN from the reference, the SIRET from the head office
        ("commune", "Ville de Strasbourg", {}, ("216704825", "21670482500010", "com:67482")),
        ("commune", "COMMUNE DE STRASBOURG", {}, ("216704825", "21670482500010", "com:67482")),
        ("commune", "Mairie de Lorient", {}, ("215601212", None, "com:56121")),
        # a name shared by several communes: the département, or the postcode, chooses
        ("commune", "Commune de Saint-Martin", {}, None),
        ("commune", "Ville de Strasbourg", {"department": "56"}, None),
        # EPCI: « Communauté d'agglomération » and « CA » are the same words
        (
            "epci",
            "Communauté d’agglomération du Bassin de Bourg-en-Bresse",
            {},
            ("200071751", None, "epci:200071751"),
        ),
        ("epci", "Eurométropole de Strasbourg", {}, ("246700488", None, "epci:246700488")),
        # départements and régions: the head office of category 7220 / 7230 placed there
        (
            "departement",
            "Conseil départemental du Bas-Rhin",
            {},
            ("100000027", "10000002700036", "dep:67"),
        ),
        ("departement", "Département du Bas-Rhin", {}, ("100000027", "10000002700036", "dep:67")),
        ("departement", "Département du Haut-Rhin", {}, None),  # no head office in the sample
        ("region", "Région Grand Est", {}, ("100000028", "10000002800037", "reg:44")),
        ("region", "Conseil régional de Bretagne", {}, None),
        ("association", "Ville de Strasbourg", {}, None),  # not an authority
    ],
)
def test_authority_identity(
    heads: dict,  # type: ignore[type-arg]
    kind: str,
    name: str,
    extra: dict[str, str],
    expected: tuple[str, str | None, str] | None,
) -> None:
    found = authority_identity(
        kind=kind, name=name, reference=TerritoryReference.load(), heads=heads, **extra
    )
    assert (found and (found.siren, found.siret, found.territory)) == expected


def test_a_postcode_chooses_between_homonyms() -> None:
    reference = TerritoryReference.load()
    homonyms = [row for row in reference.communes.values() if row[0] == "Saint-Martin"]
    assert len(homonyms) > 1
    departement = homonyms[0][1]
    found = authority_identity(
        kind="commune",
        name="Commune de Saint-Martin",
        reference=reference,
        postcode=f"{departement}000" if len(departement) == 2 else f"{departement}00",
    )
    candidates = [row for row in homonyms if row[1] == departement]
    assert (found is None) == (len(candidates) != 1)
    if found is not None:
        assert found.siren == candidates[0][5]


def test_without_a_snapshot_departements_and_regions_are_not_found() -> None:
    reference = TerritoryReference.load()
    assert authority_identity(kind="departement", name="Bas-Rhin", reference=reference) is None
    found = authority_identity(kind="commune", name="Strasbourg", reference=reference)
    assert found is not None and found.siret is None
    assert found.source == "référentiel des territoires"


def test_the_store_of_an_older_import_has_no_head_offices(tmp_path: Path) -> None:
    sites, units = write_samples(tmp_path / "in")
    import_snapshot(
        establishments=sites, legal_units=units, folder=tmp_path / "s", snapshot="2026-01"
    )
    import duckdb

    con = duckdb.connect(str(tmp_path / "s" / "sirene-2026-01.duckdb"))
    con.execute("DROP TABLE public_heads")
    con.close()
    with Store(tmp_path / "s") as store:
        assert store.public_heads() == {}
