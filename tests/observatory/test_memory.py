"""Memory stays under the configured limit: DuckDB spills to disk instead of failing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacte.observatory.errors import ObservatoryError
from pacte.observatory.generator import generate
from pacte.observatory.store import import_snapshot, store_path


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return generate(tmp_path_factory.mktemp("stock"), establishments=300_000, seed=11)


def test_an_import_larger_than_its_memory_limit_spills_to_disk(
    stock: tuple[Path, Path], tmp_path: Path
) -> None:
    # 300 000 rows need more than 128 MB in memory: without spilling (the hash tables built
    # on the establishments) this import stopped on the memory limit
    summary = import_snapshot(
        establishments=stock[0],
        legal_units=stock[1],
        folder=tmp_path,
        snapshot="2026-01",
        memory_limit="128MB",
    )
    assert summary.establishments > 100_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sirene-2026-01.duckdb"]  # workdir gone


def test_a_limit_too_small_is_explained_and_keeps_the_previous_snapshot(
    stock: tuple[Path, Path], tmp_path: Path
) -> None:
    import_snapshot(
        establishments=stock[0], legal_units=stock[1], folder=tmp_path, snapshot="2026-01"
    )
    before = store_path(tmp_path, "2026-01").read_bytes()
    with pytest.raises(
        ObservatoryError, match="mémoire insuffisante pour l'import : augmenter --memory-limit"
    ):
        import_snapshot(
            establishments=stock[0],
            legal_units=stock[1],
            folder=tmp_path,
            snapshot="2026-01",
            memory_limit="16MB",
        )
    assert store_path(tmp_path, "2026-01").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sirene-2026-01.duckdb"]
