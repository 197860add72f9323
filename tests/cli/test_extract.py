"""``pacte extract``: the French report, the JSON with key terms, refusals."""

from __future__ import annotations

import json
import subprocess
import sys
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
    assert "problems" not in output  # not checked unless asked: absent, not an empty list


def test_validate_lists_what_the_extracted_convention_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    complete = str(DOCUMENTS / "convention-article-premier.txt")
    assert main(["extract", complete, "--json", "--validate"]) == 0
    assert json.loads(capsys.readouterr().out)["problems"] == []
    assert main(["extract", complete, "--validate"]) == 0
    assert "Contrôle : la convention lue est complète et cohérente." in capsys.readouterr().out

    partial = tmp_path / "sans-parties.txt"
    partial.write_text(
        "CONVENTION DE PARTENARIAT\n\nArticle 1 – Durée\n\n"
        "La présente convention est conclue pour une durée de 3 ans.\n",
        encoding="utf-8",
    )
    assert main(["extract", str(partial), "--json", "--validate"]) == 0
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert problems and any("parties" in problem for problem in problems)
    assert main(["extract", str(partial), "--validate"]) == 0
    report = capsys.readouterr().out
    assert "À compléter avant l'enregistrement :" in report
    assert "parties" in report

    deliberation = str(DOCUMENTS / "deliberation-colonnes.txt")
    assert main(["extract", deliberation, "--json", "--validate"]) == 0
    assert json.loads(capsys.readouterr().out)["problems"] == []  # not a convention
    assert main(["extract", deliberation, "--validate"]) == 0
    assert "À compléter" not in capsys.readouterr().out


def test_extract_process_never_loads_the_typed_models(tmp_path: Path) -> None:
    """Start-up: a ``pacte extract`` process reads and prints without pydantic (the typed
    models cost more than the whole extraction); ``--validate`` is what loads them."""
    code = (
        "import json, sys\n"
        "from pacte.cli import main\n"
        "main(sys.argv[1:])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic')),"
        " file=sys.stderr)\n"
    )
    document = str(DOCUMENTS / "convention-article-premier.txt")
    for extra, loads in (([], False), (["--validate"], True)):
        result = subprocess.run(
            [sys.executable, "-c", code, "extract", document, "--json", *extra],
            capture_output=True,
            text=True,
            check=True,
        )
        loaded = json.loads(result.stderr.strip().splitlines()[-1])
        assert bool(loaded) is loads, (extra, loaded[:5])


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


def test_check_and_schedule_read_documents(capsys: pytest.CaptureFixture[str]) -> None:
    document = str(DOCUMENTS / "convention-article-premier.txt")
    assert main(["check", document, "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)
    assert (
        main(["schedule", document, "--on", "2024-04-02", "--until", "2024-06-30", "--json"]) == 0
    )
    items = json.loads(capsys.readouterr().out)
    advance = next(i for i in items if i["kind"] == "payment")
    assert (advance["due"], advance["amount"]) == ("2024-04-02", "7500.00")  # 50 % of 15 000 €
    deliberation = str(DOCUMENTS / "deliberation-colonnes.txt")
    assert main(["check", deliberation]) == 1
    assert "est une délibération, pas une convention" in capsys.readouterr().err
