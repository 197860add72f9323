"""Helpers of the register tests: the convention files the round trip runs on."""

from pathlib import Path

import pytest

from pacte.terms import Convention, load_convention_yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
FULL = DATA / "full.yaml"
SAMPLES = ROOT / "src" / "pacte" / "samples"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def load(path: Path) -> Convention:
    return load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)


@pytest.fixture
def full() -> Convention:
    """The fictional convention that sets every field of the terms."""
    return load(FULL)
