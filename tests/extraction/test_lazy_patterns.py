"""The extraction's expressions are compiled on first use: each must still compile, and a
lazy expression must behave as the compiled one."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import pacte.extraction
from pacte.extraction.lazy import LazyPattern, lazy


def _lazy_patterns() -> list[tuple[str, LazyPattern]]:
    found: list[tuple[str, LazyPattern]] = []

    def collect(where: str, value: object) -> None:
        if isinstance(value, LazyPattern):
            found.append((where, value))
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                collect(f"{where}[{index}]", item)
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(f"{where}[{key!r}]", item)

    prefix = pacte.extraction.__name__ + "."
    for info in pkgutil.walk_packages(pacte.extraction.__path__, prefix):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            collect(f"{info.name}.{name}", value)
    return found


PATTERNS = _lazy_patterns()


def test_the_package_holds_its_expressions_lazily() -> None:
    assert len(PATTERNS) > 200


@pytest.mark.parametrize("where, pattern", PATTERNS, ids=[where for where, _ in PATTERNS])
def test_every_lazy_expression_compiles(where: str, pattern: LazyPattern) -> None:
    assert isinstance(pattern.compiled, re.Pattern)


def test_a_lazy_expression_compiles_once_and_behaves_as_the_compiled_one() -> None:
    source = r"(?P<n>\d+)\s*(?:voix\s+)?pour"
    wrapped, compiled = lazy(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert isinstance(wrapped, LazyPattern) and wrapped._compiled is None
    assert wrapped.pattern == source and wrapped._compiled is None  # known without compiling
    text = "par 14 voix POUR et 3 pour"
    assert [m.span() for m in wrapped.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert wrapped.sub("#", text) == compiled.sub("#", text)
    assert wrapped.flags == compiled.flags and wrapped.groupindex == compiled.groupindex
    assert wrapped.compiled is wrapped.compiled
    with pytest.raises(re.error):
        lazy("(unclosed").search("x")
