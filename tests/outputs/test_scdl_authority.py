"""SCDL export: an authority named without its SIRET gets the one of its head office.

The convention names « Ville de Strasbourg » (a commune) with no SIREN or SIRET; the
territory reference gives Strasbourg's SIREN (216704825, communes.csv) and the SIRENE
snapshot the SIRET of its head office (row E10 of the hand-written sample, given a NIC
whose check digit is right).
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import override_settings

from factories import ConventionFactory
from pacte.cli import main
from pacte.observatory.store import import_snapshot
from pacte.terms import Convention, OrganisationKind
from pacte.terms.identifiers import siren_is_valid

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "observatory"))
from sirene_samples import (
    ESTABLISHMENT_HEADER,
    establishment_rows,
    write_csv,
    write_samples,
)

STRASBOURG_SIREN = "216704825"


def _valid_siret(siren: str) -> str:
    return next(
        siren + f"{nic:05d}" for nic in range(1, 100) if siren_is_valid(siren + f"{nic:05d}")
    )


def _snapshot(folder: Path) -> str:
    """A snapshot whose Strasbourg head office has a valid SIRET; that SIRET."""
    siret = _valid_siret(STRASBOURG_SIREN)
    rows = establishment_rows()
    siren_at = ESTABLISHMENT_HEADER.index("siren")
    for row in rows:
        if row[siren_at] == STRASBOURG_SIREN:
            row[ESTABLISHMENT_HEADER.index("nic")] = siret[9:]
            row[ESTABLISHMENT_HEADER.index("siret")] = siret
    _, units = write_samples(folder / "in")
    sites = write_csv(folder / "in" / "etab.csv", ESTABLISHMENT_HEADER, rows)
    import_snapshot(establishments=sites, legal_units=units, folder=folder, snapshot="2026-01")
    return siret


def _strasbourg(sample: Callable[[str], Convention]) -> Convention:
    terms = sample("ville")
    organisation = terms.parties[0].organisation
    organisation.name = "Ville de Strasbourg"
    organisation.short_name = None
    organisation.kind = OrganisationKind.COMMUNE
    organisation.siren = None
    organisation.siret = None
    organisation.department = "67"
    organisation.address = None
    return terms


@pytest.mark.django_db
def test_the_head_office_siret_fills_the_grantor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Callable[[str], Convention]
) -> None:
    siret = _snapshot(tmp_path / "observatoire")
    ConventionFactory(terms=_strasbourg(sample))
    with override_settings(PACTE_OBSERVATORY_DIR=tmp_path / "observatoire"):
        assert main(["export", "subventions", "--year", "2026"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {row["idAttribuant"] for row in rows} == {siret}
    assert {row["nomAttribuant"] for row in rows} == {"Ville de Strasbourg"}


@pytest.mark.django_db
def test_without_a_snapshot_the_message_gives_the_siren(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Callable[[str], Convention]
) -> None:
    ConventionFactory(terms=_strasbourg(sample))
    with override_settings(PACTE_OBSERVATORY_DIR=tmp_path / "vide"):
        assert main(["export", "subventions", "--year", "2026"]) == 1
    err = capsys.readouterr().err
    assert "l'attribuant n'a pas de SIRET" in err
    assert f"son SIREN {STRASBOURG_SIREN} est connu du référentiel des territoires" in err
