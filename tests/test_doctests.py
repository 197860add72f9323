"""The examples in docstrings run: every module of the packages below, one test each."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import pacte

PACKAGES = (
    "pacte.terms",
    "pacte.rules",
    "pacte.extraction",
    "pacte.cli",
    "pacte.samples",
    "pacte.observatory",
    "pacte.calls",
    "pacte.followup",
)


def _modules() -> list[str]:
    names = []
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        names.append(package_name)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            names.append(info.name)
    return sorted(set(names))


@pytest.mark.django_db
@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.django_db
def test_examples_are_found() -> None:
    """Guards against a discovery that would silently find no example at all."""
    attempted = sum(
        doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS).attempted
        for name in _modules()
    )
    assert pacte.__name__ == "pacte"
    assert attempted > 40
