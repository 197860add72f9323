"""A store built once from the hand-computed sample (tests/observatory/sirene_samples.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sirene_samples import write_ess_list, write_samples

from pacte.observatory.indicators import Store
from pacte.observatory.store import import_snapshot
from pacte.observatory.territories import TerritoryReference


@pytest.fixture(scope="session")
def reference() -> TerritoryReference:
    return TerritoryReference.load()


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sirene")
    sites, units = write_samples(folder)
    store = folder / "observatoire"
    import_snapshot(
        establishments=sites,
        legal_units=units,
        folder=store,
        snapshot="2026-01",
        ess_list=write_ess_list(folder),
    )
    return store


@pytest.fixture
def store(sample_store: Path) -> Iterator[Store]:
    with Store(sample_store) as opened:
        yield opened
