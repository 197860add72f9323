"""Demonstration data of the observatory: two small generated snapshots of one département.

The files are written by ``pacte.observatory.generator`` (SIRENE layout, realistic shares,
invented names and numbers) in a temporary folder and imported as any stock file would be;
nothing is downloaded. A folder that already has a snapshot is left as it is.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pacte.observation.selectors import observatory_folder
from pacte.observatory.generator import generate
from pacte.observatory.store import import_snapshot, snapshots

DEMO_DEPARTEMENT = "81"
"""The département of the sample conventions' Département (its code in their terms)."""
DEMO_SNAPSHOTS = (("2025-01", 2, 3600), ("2026-01", 1, 4000))
"""Snapshot, generator seed, establishments."""


def demo_observatory(folder: Path | None = None) -> list[str]:
    """Import the demonstration snapshots unless the folder has one; returns those imported."""
    target = folder or observatory_folder()
    if snapshots(target):
        return []
    imported = []
    with tempfile.TemporaryDirectory(prefix="pacte-demo-sirene-") as work:
        for snapshot, seed, size in DEMO_SNAPSHOTS:
            sites, units = generate(
                Path(work) / snapshot,
                establishments=size,
                seed=seed,
                departements=[DEMO_DEPARTEMENT],
                memory_limit="512MB",
            )
            import_snapshot(
                establishments=sites,
                legal_units=units,
                folder=target,
                snapshot=snapshot,
                memory_limit="512MB",
                threads=1,
            )
            imported.append(snapshot)
    return imported
