"""``pacte load``, ``show``, ``list``, ``schedule`` and ``demo`` against the register."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from pacte.cli import main
from pacte.cli.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_prepare
from pacte.conventions.models import Convention, Party
from pacte.organisations.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def test_load_then_show_then_reload(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(SEEDS / "bas-rhin-2012.yaml")
    assert main(["load", path]) == 0
    assert "« bas-rhin-cres-2012 » créée" in capsys.readouterr().out
    counts = (Convention.objects.count(), Party.objects.count(), Organisation.objects.count())
    assert main(["load", path]) == 0
    assert "mise à jour" in capsys.readouterr().out
    assert (
        Convention.objects.count(),
        Party.objects.count(),
        Organisation.objects.count(),
    ) == counts
    assert main(["show", "bas-rhin-cres-2012"]) == 0
    out = capsys.readouterr().out
    assert "du 1er novembre 2012 au 31 décembre 2014 (durée indiquée : 3 ans)" in out
    assert "2012 : 1 666,00 € (2 mois)" in out
    assert main(["list"]) == 0
    assert "bas-rhin-cres-2012" in capsys.readouterr().out


def test_one_bad_file_stores_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (SEEDS / "dijon-2009.yaml")
        .read_text(encoding="utf-8")
        .replace("percent: '30.00'", "percent: '60.00'"),
        encoding="utf-8",
    )
    assert main(["load", str(SEEDS / "bas-rhin-2012.yaml"), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "dépassent 100 %" in err and "130 %" in err
    assert "bad.yaml, ligne" in err
    assert "Rien n'a été enregistré." in err
    assert Convention.objects.count() == 0


def test_show_unknown_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "inconnue"]) == 1
    assert "aucune convention de référence « inconnue »" in capsys.readouterr().err


def test_schedule_json_of_a_stored_convention(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", str(SEEDS / "dijon-2009.yaml")]) == 0
    capsys.readouterr()
    args = ["schedule", "dijon-cress-2009", "--signed", "2009-05-15", "--on", "2009-05-15"]
    assert main([*args, "--until", "2010-03-01", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {k: v for k, v in items[0].items() if k != "waiting_for"} == {
        "kind": "payment",
        "due": "2009-05-15",
        "act_by": "2009-05-15",
        "amount": "2800.00",
        "party": "Ville de Dijon",
        "status": "due",
        "reason": items[0]["reason"],
    }
    assert items[0]["reason"].startswith("article IV")
    notice = next(i for i in items if i["kind"] == "notice_deadline")
    assert (notice["due"], notice["act_by"]) == ("2010-02-14", "2010-02-12")


def test_schedule_ics(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "schedule",
                str(SEEDS / "dijon-2009.yaml"),
                "--signed",
                "2009-05-15",
                "--on",
                "2009-05-15",
                "--ics",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert text.startswith("BEGIN:VCALENDAR")
    assert "DTSTART;VALUE=DATE:20100214" in text
    assert "BEGIN:VALARM" in text


def test_demo_prepare_is_idempotent() -> None:
    assert demo_prepare() == 3
    assert demo_prepare() == 3
    assert Convention.objects.count() == 3
    user = get_user_model().objects.get(username=DEMO_USERNAME)
    assert user.check_password(DEMO_PASSWORD) and user.is_staff
