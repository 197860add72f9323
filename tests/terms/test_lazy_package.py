"""``pacte.terms`` loads its typed models on first use; every public name still resolves."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import pacte.terms


@pytest.mark.parametrize("name", pacte.terms.__all__)
def test_every_public_name_resolves_to_its_home_module(name: str) -> None:
    value = getattr(pacte.terms, name)
    home = importlib.import_module(value.__module__)
    assert getattr(home, name) is value


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Nothing"):
        pacte.terms.Nothing  # noqa: B018


def test_enumerations_forms_and_checksums_come_without_pydantic() -> None:
    code = (
        "import sys\n"
        "from pacte.terms import PartyRole\n"
        "from pacte.terms.formats import format_amount_fr\n"
        "from pacte.terms.identifiers import siren_is_valid\n"
        "assert PartyRole('beneficiary').label and siren_is_valid('12345678200010')\n"
        "print(any(m.split('.')[0] == 'pydantic' for m in sys.modules))\n"
        "from pacte.terms import Convention\n"
        "print(any(m.split('.')[0] == 'pydantic' for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
