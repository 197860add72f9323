"""Fixtures of the outputs tests: the sample conventions stored, the official SCDL files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factories import ConventionFactory, TermsFactory
from pacte.samples import sample_paths
from pacte.terms import Convention

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SCDL_FOLDER = SHARED / "schemas" / "scdl-subventions"


def load_sample(fragment: str) -> Convention:
    return TermsFactory(sample=fragment, keep_reference=True)


@pytest.fixture
def sample() -> Callable[[str], Convention]:
    """``sample("ville")``: the sample convention whose file name contains the word."""
    return load_sample


@pytest.fixture
def samples() -> list[Convention]:
    return [TermsFactory(sample=path, keep_reference=True) for path in sample_paths()]


@pytest.fixture
def stored_samples(db: None, samples: list[Convention]) -> list[Convention]:
    for terms in samples:
        ConventionFactory(terms=terms)
    return samples


@pytest.fixture
def scdl_folder() -> Path:
    """The official SCDL Subventions files; tests using them skip on a clone without ../shared."""
    if not (SCDL_FOLDER / "schema.json").is_file():
        pytest.skip("../shared/schemas/scdl-subventions absent (clone seul) : test ignoré")
    return SCDL_FOLDER
