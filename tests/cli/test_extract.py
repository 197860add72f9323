"""``pacte extract``: the French report, the JSON with key terms, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pacte.cli import main

DOCUMENTS = Path(__file__).resolve().parent.parent / "extraction" / "documents"
KEY_TERMS = {
    "doc_type",
    "parties",
    "authorising_deliberation_dates",
    "signature_date",
    "start_date",
    "end_date",
    "duration",
    "renewal",
    "termination_notice",
    "amounts",
    "installments",
    "steering_committee_frequency",
    "session_date",
    "president",
    "members_present",
    "members_excused",
    "proxies",
    "members_absent",
    "vote",
    "publication_date",
    "prefecture_date",
}


def test_json_has_exactly_the_key_terms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(DOCUMENTS / "convention-article-premier.txt"), "--json"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert set(output["key_terms"]) == KEY_TERMS
    assert output["key_terms"]["signature_date"] == "2024-04-02"
    assert (
        output["terms"]["parties"][0]["organisation"]["name"] == "Commune de Saint-Aubin-des-Landes"
    )
    span = output["spans"]["signed_on"]
    assert span["text"] == "2 avril 2024"
    assert output["problems"] == []


def test_report_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(DOCUMENTS / "deliberation-colonnes.txt")]) == 0
    out = capsys.readouterr().out
    assert "délibération" in out
    assert "Séance : 30 novembre 2023" in out
    assert "Vote : à la majorité (pour 13, contre 1, abstentions 1)" in out


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == 1
    assert "vide.txt : fichier vide" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "absent.pdf")]) == 1
    assert "fichier introuvable" in capsys.readouterr().err
