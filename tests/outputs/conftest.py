"""Fixtures of the outputs tests: the sample conventions stored, the official SCDL files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pacte.conventions.services import convention_store
from pacte.samples import sample_paths
from pacte.terms import Convention, load_convention_yaml

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SCDL_FOLDER = SHARED / "schemas" / "scdl-subventions"


def load_sample(fragment: str) -> Convention:
    path = next(p for p in sample_paths() if fragment in p.name)
    return load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)


@pytest.fixture
def sample() -> Callable[[str], Convention]:
    """``sample("ville")``: the sample convention whose file name contains the word."""
    return load_sample


@pytest.fixture
def samples() -> list[Convention]:
    return [load_convention_yaml(p.read_text(encoding="utf-8")) for p in sample_paths()]


@pytest.fixture
def stored_samples(db: None, samples: list[Convention]) -> list[Convention]:
    for terms in samples:
        convention_store(terms=terms)
    return samples


@pytest.fixture
def scdl_folder() -> Path:
    """The official SCDL Subventions files; tests using them skip on a clone without ../shared."""
    if not (SCDL_FOLDER / "schema.json").is_file():
        pytest.skip("../shared/schemas/scdl-subventions absent (clone seul) : test ignoré")
    return SCDL_FOLDER
