"""``pacte calls export`` (CSV, XLSX) and the demonstration's calls for projects."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from calls_world import DURING, World, apply

from pacte.calls import services
from pacte.calls.enums import ApplicationState
from pacte.calls.models import Application, Call
from pacte.cli import main

pytestmark = pytest.mark.django_db(transaction=False)


def test_export_csv_and_xlsx(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = apply(world, 1, Decimal("12500.50"))
    services.application_submit(application=first, by=world.applicants[0], now=DURING)
    apply(world, 2, Decimal("3000"))
    assert main(["calls", "export", world.call.reference]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        .lstrip("\ufeff")
        .startswith("Dossier;Structure;SIRET;RNA;Projet;Montant demandé;État")
    )
    assert "Moyenne : Innovation sociale" in lines[0]
    assert lines[1].startswith(f"{first.reference};Association d'insertion n° 1;")
    assert ";12500,50;déposé;" in lines[1]
    target = tmp_path / "dossiers.xlsx"
    assert main(["calls", "export", world.call.reference, "-o", str(target)]) == 0
    assert "2 dossier(s)" in capsys.readouterr().out
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert sheet.cell(row=2, column=1).value == first.reference
    assert sheet.cell(row=2, column=6).value == 12500.5
    assert main(["calls", "export", "inconnu"]) == 1
    assert "aucun appel de référence « inconnu »" in capsys.readouterr().err
    assert main(["calls", "export", world.call.reference, "-o", str(tmp_path / "x.pdf")]) == 1
    assert "format « pdf » inconnu" in capsys.readouterr().err


def test_the_demo_has_a_call_with_applications_at_every_state() -> None:
    from pacte.cli.demo import demo_prepare

    demo_prepare()
    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(ApplicationState.values)
    assert Call.objects.count() == 2
    # the accepted applications wait for the agent's confirmation to become conventions
    assert not Application.objects.filter(convention__isnull=False).exists()
    count = Application.objects.count()
    demo_prepare()  # loaded once
    assert Application.objects.count() == count
