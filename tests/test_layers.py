"""Layers point down only: a lower app never imports a higher one, even in a function.

What must happen after a write in a lower layer (recomputing the follow-up's calendar
when a convention is stored) goes through a signal the higher layer connects to.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "pacte"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"terms", "rules", "extraction", "observatory", "office", "samples"}),
    frozenset({"audit", "organisations"}),
    frozenset({"deliberations"}),
    frozenset({"conventions"}),
    frozenset({"followup"}),
    frozenset({"documents", "outputs", "accounts", "tasks", "reminders", "observation", "calls"}),
    frozenset({"api"}),
    frozenset({"web", "cli", "config"}),
)
"""From the bottom up: an app imports its own layer and the layers below."""
RANK = {name: rank for rank, layer in enumerate(LAYERS) for name in layer}
BOTTOM_MODULES = {"pacte.config.datadir"}
"""Modules any layer may use: the data folder's location (no Django, no app)."""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("pacte.")}


def _package(module: str) -> str:
    return module.split(".")[1]


@pytest.mark.parametrize("app", sorted(RANK))
def test_no_import_of_a_higher_layer(app: str) -> None:
    base = SRC / app
    files = [base.with_suffix(".py")] if not base.is_dir() else list(base.rglob("*.py"))
    wrong = []
    for path in files:
        if not path.exists() or "migrations" in path.parts:
            continue
        for module in _imports(path):
            if module in BOTTOM_MODULES or module == "pacte":
                continue
            other = _package(module)
            if other == app or other not in RANK:
                continue
            if RANK[other] > RANK[app]:
                wrong.append(f"{path.relative_to(SRC)} importe {module}")
    assert not wrong, "\n".join(wrong)


def test_every_app_has_a_layer() -> None:
    apps = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    apps |= {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    assert apps <= set(RANK), f"sans couche : {sorted(apps - set(RANK))}"
