"""Build the compact territory reference shipped with Pacte from the data of the npm
package ``@etalab/decoupage-administratif`` (INSEE's Code officiel géographique, the
DGCL's EPCI composition and INSEE's legal populations; data under Licence Ouverte,
code MIT).

Run it on the ``data/`` folder of an unpacked package to refresh the reference::

    npm pack @etalab/decoupage-administratif && tar xzf etalab-decoupage-administratif-*.tgz
    python -m pacte.observatory.reference.build package/data src/pacte/observatory/reference

or write the files into ``<data folder>/observatoire/referentiel/``, which Pacte reads
before the shipped copy.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any


def _load(folder: Path, name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return data


def build(source: Path, target: Path, *, vintage: str = "") -> dict[str, int]:
    """Write communes.csv, codes.csv, departements.csv, regions.csv and epci.csv."""
    communes = _load(source, "communes")
    epcis = _load(source, "epci")
    epci_of = {m["code"]: e["code"] for e in epcis for m in e["membres"]}
    current = [c for c in communes if c["type"] == "commune-actuelle"]
    current_codes = {c["code"] for c in current}
    target.mkdir(parents=True, exist_ok=True)
    with (target / "communes.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "nom", "departement", "region", "epci", "population", "siren"])
        for c in sorted(current, key=lambda c: c["code"]):
            writer.writerow(
                [
                    c["code"],
                    c["nom"],
                    c["departement"],
                    c.get("region", ""),
                    epci_of.get(c["code"], ""),
                    c.get("population", ""),
                    c.get("siren", ""),
                ]
            )
    # other codes an establishment may carry: arrondissements municipaux, and codes of
    # merged communes (delegated, associated, or listed as former codes); a code that
    # points to two communes (a split) is left out: it cannot be placed
    targets: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for c in communes:
        if c["type"] == "arrondissement-municipal":
            targets[c["code"]].add((c["commune"], "arrondissement"))
        elif c["type"] in ("commune-deleguee", "commune-associee"):
            targets[c["code"]].add((c["chefLieu"], "ancien"))
        else:
            for old in c.get("anciensCodes", []):
                targets[old].add((c["code"], "ancien"))
    written = ambiguous = 0
    with (target / "codes.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "commune", "nature"])
        for code in sorted(targets):
            found = targets[code]
            if code in current_codes:
                continue
            if len({commune for commune, _ in found}) > 1:
                ambiguous += 1
                continue
            commune, nature = sorted(found)[0]
            writer.writerow([code, commune, nature])
            written += 1
    with (target / "departements.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "nom", "region"])
        for d in sorted(_load(source, "departements"), key=lambda d: d["code"]):
            writer.writerow([d["code"], d["nom"], d.get("region", "")])
    with (target / "regions.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "nom"])
        for r in sorted(_load(source, "regions"), key=lambda r: r["code"]):
            writer.writerow([r["code"], r["nom"]])
    with (target / "epci.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["siren", "nom", "nature"])
        for e in sorted(epcis, key=lambda e: e["code"]):
            writer.writerow([e["code"], e["nom"], e["type"]])
    if vintage:
        (target / "MILLESIME.txt").write_text(vintage + "\n", encoding="utf-8")
    return {"communes": len(current), "codes": written, "ambiguous": ambiguous, "epci": len(epcis)}


if __name__ == "__main__":  # pragma: no cover
    arguments = sys.argv[1:]
    if len(arguments) not in (2, 3):
        print("usage : python -m pacte.observatory.reference.build DONNÉES CIBLE [MILLÉSIME]")
        sys.exit(2)
    counts = build(Path(arguments[0]), Path(arguments[1]), vintage=(arguments[2:] or [""])[0])
    print(", ".join(f"{k} : {v}" for k, v in counts.items()))
