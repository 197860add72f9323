"""``pacte.extraction.rx``: ``re``'s functions for the expressions written in the code,
taken through ``lazy`` (their code and learnt starts kept from one process to the next).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pacte.extraction import rx
from pacte.extraction.lazy import LazyPattern, lazy

PACKAGE = Path(rx.__file__).parent
TEXT = "Présents : 15 ; votants : 17. Pour 12 voix, contre 3 ; 2 abstentions.\n" * 30

CALLS = [
    ("search", (r"(\d+) voix", TEXT), {}),
    ("match", (r"presents", TEXT.lower()), {}),
    ("match", (r"PRÉSENTS", TEXT), {"flags": re.IGNORECASE}),
    ("fullmatch", (r"[^\n]+\n", TEXT[:71]), {}),
    ("findall", (r"(\w+) : (\d+)", TEXT), {}),
    ("sub", (r"\d+", "N", TEXT), {"count": 3}),
    ("sub", (r"(\d+)", lambda m: str(int(m.group(1)) + 1), TEXT), {}),
    ("subn", (r"voix", "suffrages", TEXT), {}),
    ("split", (r"\s*;\s*", TEXT), {"maxsplit": 4}),
    ("split", (r"^p", TEXT), {"flags": re.MULTILINE | re.IGNORECASE}),
]


@pytest.mark.parametrize(("name", "args", "kwargs"), CALLS)
def test_the_same_results_as_re(name: str, args: tuple, kwargs: dict) -> None:  # type: ignore[type-arg]
    ours = getattr(rx, name)(*args, **kwargs)
    theirs = getattr(re, name)(*args, **kwargs)

    if isinstance(theirs, re.Match):
        assert (ours.span(), ours.groups()) == (theirs.span(), theirs.groups())
    else:
        assert ours == theirs


def test_finditer_gives_the_same_matches() -> None:
    assert [m.span() for m in rx.finditer(r"\d+", TEXT)] == [
        m.span() for m in re.finditer(r"\d+", TEXT)
    ]


def test_an_expression_is_made_once_and_kept() -> None:
    rx.search(r"\bvotants?\b", TEXT)

    made = lazy(r"\bvotants?\b")
    assert isinstance(made, LazyPattern) and made._compiled is not None
    assert lazy(r"\bvotants?\b") is made


def test_no_expression_written_in_the_package_bypasses_the_cache() -> None:
    """A literal expression given to ``re.search`` & co. is compiled again by every
    process: the package writes ``rx.search`` (or a ``lazy`` constant) instead."""
    functions = {"search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in functions
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)  # a bytes expression: re's own
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []
