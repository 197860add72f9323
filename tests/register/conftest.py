"""Fixtures of the register tests."""

from pathlib import Path

import pytest

from pacte.terms import Convention, load_convention_yaml

FULL = Path(__file__).resolve().parent / "data" / "full.yaml"


@pytest.fixture
def full() -> Convention:
    """The fictional convention that sets every field of the terms."""
    return load_convention_yaml(FULL.read_text(encoding="utf-8"), source=FULL.name)
