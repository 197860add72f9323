"""No English and no machine formats reach a user: amounts « 10 000,00 € », dates
« 02/04/2026 », French messages for bad files and outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factories import ConventionFactory
from pacte.cli import main
from pacte.cli.importing import _key_facts
from pacte.terms import Convention
from pacte.web.forms.imports import DraftCorrectionForm


def test_draft_facts_in_french() -> None:
    facts = _key_facts(
        {
            "parties": [{"name": "Ville de Lorval"}],
            "signature_date": "2026-04-02",
            "amounts": [{"amount": "10000.00"}, {"amount": "1666"}],
        }
    )
    assert facts == "Ville de Lorval ; 02/04/2026 ; 10 000,00 € + 1 666,00 €"


def test_import_review_amounts_dates_and_lengths_in_french() -> None:
    form = DraftCorrectionForm(
        data_terms={
            "reference": "x",
            "title": "Convention",
            "parties": [
                {"key": "vere", "role": "public_authority", "organisation": {"name": "Vère"}}
            ],
            "term": {
                "start_rule": "fixed_date",
                "start": "2026-04-02",
                "duration": {"value": 3, "unit": "year"},
            },
            "renewal": {"kind": "express"},
            "grants": [{"key": "subvention", "years": [{"year": 2026, "amount": "10000.00"}]}],
        },
        prefix="terms",
    )
    assert 'value="10 000,00"' in str(form["grant_0_year_0"])
    assert 'value="02/04/2026"' in str(form["term_start"])
    assert form.slots["grant_0_year_0"].read == "10 000,00 €"
    assert form.slots["term_start"].read == "2 avril 2026"
    assert form.slots["duration_value"].read == "3 ans"
    assert form.slots["party_0_role"].read == "collectivité publique"
    assert form.slots["renewal_kind"].read == "reconduction expresse"


ENGLISH = re.compile(
    r"Traceback|Error\b|No such|not allowed|expected|Expecting|found|could not|delimiter|"
    r"Extra data|Unterminated|Invalid|Permission denied|Not a directory|invalid"
)

BAD_FILES = {
    "deux-points.yaml": "reference: x\n  title: [\n",
    "guillemet.yaml": 'reference: "x\n',
    "tabulation.yaml": "reference: x\nparties:\n\t- a\n",
    "crochet.yaml": "reference: [x, y\n",
    "virgule.json": '{"reference": "x",}',
    "texte-en-trop.json": '{"reference": "x"} et la suite',
    "tronque.json": '{"reference": ',
    "vide.yaml": "",
    "liste.yaml": "- a\n- b\n",
    "latin1.yaml": "title: caf\xe9\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
@pytest.mark.parametrize("command", ["load", "check", "show", "schedule"])
def test_bad_files_are_explained_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    path = tmp_path / name
    text = BAD_FILES[name]
    path.write_bytes(text.encode("latin-1" if "latin1" in name else "utf-8"))
    assert main([command, str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Erreur : {path}")
    assert not ENGLISH.search(err), err


def test_parser_reasons_are_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("reference: x\n  title: [\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "ligne 2 : YAML illisible, colonne 8 : « : » inattendu" in capsys.readouterr().err
    path = tmp_path / "c.json"
    path.write_text('{"reference": "x",}', encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "JSON illisible, colonne 19 : nom de champ entre guillemets" in capsys.readouterr().err


@pytest.mark.django_db
def test_scdl_export_says_which_convention_it_leaves_out_and_why(
    dijon: Convention, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ConventionFactory(terms=dijon)  # not signed: no date for the SCDL file
    target = tmp_path / "s.csv"
    assert main(["export", "subventions", "--year", "2009", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "Attention : convention « dijon-cress-2009 » omise" in err
    assert "ni date de signature ni date de début" in err
    assert "1 convention(s) sans date omise(s)" in err
    assert main(["export", "subventions", "--year", "2011", "-o", str(target)]) == 0
    assert "omise" not in capsys.readouterr().err  # it finances 2009 only
