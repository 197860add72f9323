"""Fictional demo conventions shipped with Pacte, as YAML the terms loader accepts.

>>> [path.name for path in sample_paths()][:1]
['agglo-marzelle-terres-tables-2026.yaml']
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent


def sample_paths() -> list[Path]:
    """The sample convention files, sorted by name."""
    return sorted(_HERE.glob("*.yaml"))


def session_sample_paths() -> list[Path]:
    """The sample council sessions (``sessions/*.yaml``), sorted by name.

    >>> [path.name for path in session_sample_paths()]
    ['ville-saint-gwenael-conseil-2026-02-09.yaml']
    """
    return sorted((_HERE / "sessions").glob("*.yaml"))
