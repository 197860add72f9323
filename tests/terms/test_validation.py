"""The terms refuse bad input with a French message that names the field and the line.

Each case starts from a small valid convention (``BASE``), breaks one thing, and checks
``TermsError.problems``: the path of the field, the line in the YAML, and French words
of the message. Pure tests: no database.
"""

from __future__ import annotations

from datetime import date

import pytest

from pacte.terms import (
    Problem,
    TermsError,
    load_convention_json,
    load_convention_yaml,
)

BASE = """\
reference: essai
title: Convention d'essai
parties:
  - key: ville
    role: public_authority
    organisation:
      name: Ville de Lorval
      kind: commune
      siren: "215609470"
      siret: "21560947000012"
      department: "56"
  - key: asso
    role: beneficiary
    organisation: {name: Les Jardins partagés, kind: association}
governing_bodies:
  - key: copil
    name: Comité de pilotage
commitments:
  - party: ville
    text: Associer l'association à ses projets.
grants:
  - key: subvention
    grantor: ville
    beneficiary: asso
    annual_amount: "4000"
    instalments:
      - kind: advance
        percent: 70
        trigger: {kind: on_signature}
      - kind: balance
        percent: 30
        trigger:
          kind: on_documents
          documents:
            - kind: minutes
              approved_by: copil
            - kind: activity_report
term:
  start_rule: on_signature
  start: "2013-01-01"
"""


def line_of(text: str, fragment: str) -> int:
    """1-based number of the first line of ``text`` containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} absent du texte")


def broken(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def problems_of(text: str, source: str = "essai.yaml") -> list[Problem]:
    with pytest.raises(TermsError) as caught:
        load_convention_yaml(text, source=source)
    assert caught.value.source == source
    assert caught.value.problems
    return caught.value.problems


def only_problem(text: str) -> Problem:
    (problem,) = problems_of(text)
    return problem


def test_base_is_valid() -> None:
    convention = load_convention_yaml(BASE, source="essai.yaml")
    assert convention.reference == "essai"
    assert convention.term.start == date(2013, 1, 1)


# --- values -------------------------------------------------------------------------------


def test_unknown_party_role() -> None:
    text = broken("role: beneficiary", "role: sponsor")
    problem = only_problem(text)
    assert problem.path == "parties[1].role"
    assert problem.line == line_of(text, "role: sponsor")
    assert "valeur « sponsor » inconnue" in problem.message
    assert "valeurs admises" in problem.message
    assert "public_authority" in problem.message and "beneficiary" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ('annual_amount: "4000"', 'annual_amount: "-4000"', "grants[0].annual_amount"),
        ('annual_amount: "4000"', "annual_amount: -4000", "grants[0].annual_amount"),
        ("percent: 30", "percent: -30", "grants[0].instalments[1].percent"),
    ],
    ids=["montant-texte", "montant-nombre", "pourcentage"],
)
def test_negative_amount(old: str, new: str, path: str) -> None:
    text = broken(old, new)
    problem = only_problem(text)
    assert problem.path == path
    assert problem.line == line_of(text, new)
    assert "négatif" in problem.message
    assert "positif ou nul" in problem.message


def test_unreadable_amount() -> None:
    text = broken('annual_amount: "4000"', "annual_amount: quatre mille")
    problem = only_problem(text)
    assert problem.path == "grants[0].annual_amount"
    assert problem.line == line_of(text, "quatre mille")
    assert "montant illisible « quatre mille »" in problem.message


def test_instalments_over_100_percent() -> None:
    text = broken("percent: 30", "percent: 40")
    problem = only_problem(text)
    assert problem.path == "grants[0]"
    assert problem.line == line_of(text, "- key: subvention")
    assert "les versements dépassent 100 % de la subvention" in problem.message
    assert "110" in problem.message


def test_instalments_over_100_percent_names_the_year() -> None:
    text = broken("percent: 70\n", "percent: 70\n        year: 2013\n").replace(
        "percent: 30\n", "percent: 40\n        year: 2013\n"
    )
    problem = only_problem(text)
    assert problem.path == "grants[0]"
    assert "pour 2013" in problem.message


def test_single_percent_over_100() -> None:
    text = broken("percent: 70", "percent: 170")
    problem = only_problem(text)
    assert problem.path == "grants[0].instalments[0].percent"
    assert problem.line == line_of(text, "percent: 170")
    assert "pourcentage supérieur à 100" in problem.message


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ['"31/02/2013"', "31/02/2013", '"2013-02-31"', "2013-02-31"],
    ids=["fr-guillemets", "fr", "iso-guillemets", "iso"],
)
def test_impossible_date(written: str) -> None:
    text = broken('start: "2013-01-01"', f"start: {written}")
    problem = only_problem(text)
    assert problem.path == "term.start"
    assert problem.line == line_of(text, f"start: {written}")
    assert "date impossible" in problem.message
    assert written.strip('"') in problem.message
    assert "le 31 février 2013 n'existe pas" in problem.message


def test_impossible_month() -> None:
    text = broken('start: "2013-01-01"', 'start: "2013-13-01"')
    problem = only_problem(text)
    assert problem.path == "term.start"
    assert "il n'y a pas de mois 13" in problem.message


def test_unreadable_date() -> None:
    text = broken('start: "2013-01-01"', "start: le premier mars")
    problem = only_problem(text)
    assert problem.path == "term.start"
    assert problem.line == line_of(text, "le premier mars")
    assert "date illisible « le premier mars »" in problem.message
    assert "AAAA-MM-JJ" in problem.message


def test_french_numeric_date_is_accepted() -> None:
    text = broken('start: "2013-01-01"', "start: 30/03/2009")
    assert load_convention_yaml(text).term.start == date(2009, 3, 30)


def test_date_on_a_fixed_date_instalment_is_required() -> None:
    text = broken("trigger: {kind: on_signature}", "trigger: {kind: on_date}")
    problem = only_problem(text)
    assert problem.path == "grants[0].instalments[0].trigger"
    assert problem.line == line_of(text, "trigger: {kind: on_date}")
    assert "doit indiquer sa date" in problem.message


# --- structure ----------------------------------------------------------------------------


def test_unknown_field() -> None:
    text = broken("    text: Associer", "    texte: Associer")
    problems = problems_of(text)
    by_path = {p.path: p for p in problems}
    unknown = by_path["commitments[0].texte"]
    assert unknown.line == line_of(text, "texte: Associer")
    assert "champ inconnu" in unknown.message
    missing = by_path["commitments[0].text"]
    assert "champ obligatoire manquant" in missing.message


def test_unknown_top_level_field() -> None:
    text = broken("title: Convention d'essai", "titre: Convention d'essai")
    problems = {p.path: p for p in problems_of(text)}
    assert problems["titre"].line == 2
    assert "champ inconnu" in problems["titre"].message
    assert problems["title"].message == "champ obligatoire manquant"


def test_unknown_party_key_in_a_commitment() -> None:
    text = broken("  - party: ville", "  - party: mairie")
    problem = only_problem(text)
    assert problem.path == "commitments[0].party"
    assert "partie inconnue « mairie »" in problem.message
    assert "parties déclarées : asso, ville" in problem.message
    assert problem.line is not None


def test_unknown_party_key_points_at_its_line() -> None:
    text = broken("  - party: ville", "  - party: mairie")
    problem = only_problem(text)
    assert problem.path == "commitments[0].party"
    assert problem.line == line_of(text, "party: mairie")


def test_unknown_body_key_in_a_trigger() -> None:
    text = broken("approved_by: copil", "approved_by: bureau")
    problem = only_problem(text)
    assert problem.path.startswith("grants[0].instalments[1].trigger.documents")
    assert "instance inconnue « bureau »" in problem.message
    assert "instances déclarées : copil" in problem.message
    assert problem.line is not None


def test_unknown_body_key_points_at_its_line() -> None:
    text = broken("approved_by: copil", "approved_by: bureau")
    problem = only_problem(text)
    assert problem.path.startswith("grants[0].instalments[1].trigger.documents")
    assert problem.line == line_of(text, "approved_by: bureau")


def test_unknown_body_key_without_any_body() -> None:
    text = broken("governing_bodies:\n  - key: copil\n    name: Comité de pilotage\n", "")
    problem = only_problem(text)
    assert "instance inconnue « copil »" in problem.message
    assert "instances déclarées : aucune" in problem.message


def test_malformed_yaml() -> None:
    text = broken("title: Convention d'essai", "title: Convention: d'essai")
    problem = only_problem(text)
    assert problem.path == ""
    assert problem.line == line_of(text, "title: Convention: d'essai")
    assert problem.message.startswith("YAML illisible")


def test_malformed_yaml_unclosed_bracket() -> None:
    text = broken("    role: public_authority", "    role: [public_authority")
    problem = only_problem(text)
    assert problem.message.startswith("YAML illisible")
    assert problem.line is not None
    assert line_of(text, "[public_authority") <= problem.line <= line_of(text, "[public") + 1


@pytest.mark.parametrize(
    "text",
    ["- une\n- liste\n", "simple texte\n", "", "42\n"],
    ids=["liste", "texte", "vide", "nombre"],
)
def test_document_that_is_not_a_mapping(text: str) -> None:
    problem = only_problem(text)
    assert problem.path == ""
    assert problem.message == "le fichier doit décrire une convention (clé: valeur)"


def test_malformed_json_says_the_line() -> None:
    with pytest.raises(TermsError) as caught:
        load_convention_json('{\n  "reference": "essai",\n  "title": \n}', source="essai.json")
    (problem,) = caught.value.problems
    assert problem.message.startswith("JSON illisible")
    assert problem.line == 4


# --- identifiers --------------------------------------------------------------------------


def test_siren_with_a_bad_checksum() -> None:
    text = broken('siren: "215609470"', 'siren: "215609471"')
    problem = only_problem(text)
    assert problem.path == "parties[0].organisation.siren"
    assert problem.line == line_of(text, "215609471")
    assert problem.message == "SIREN « 215609471 » : clé de contrôle invalide"


def test_siret_with_a_bad_checksum() -> None:
    text = broken('siret: "21560947000012"', 'siret: "21560947000013"')
    problem = only_problem(text)
    assert problem.path == "parties[0].organisation.siret"
    assert problem.line == line_of(text, "21560947000013")
    assert "clé de contrôle invalide" in problem.message


def test_siren_with_a_wrong_length() -> None:
    text = broken('siren: "215609470"', 'siren: "21560947"')
    problem = only_problem(text)
    assert problem.path == "parties[0].organisation.siren"
    assert "9 chiffres attendus" in problem.message


def test_siren_with_spaces_is_accepted() -> None:
    text = broken('siren: "215609470"', 'siren: "215 609 470"')
    assert load_convention_yaml(text).parties[0].organisation.siren == "215609470"


def test_real_rna_number_is_accepted() -> None:
    text = broken('department: "56"', 'department: "56"\n      rna: W561234567')
    assert load_convention_yaml(text).parties[0].organisation.rna == "W561234567"


def test_bad_department_code() -> None:
    text = broken('department: "56"', 'department: "Morbihan"')
    problem = only_problem(text)
    assert problem.path == "parties[0].organisation.department"
    assert "format invalide « Morbihan »" in problem.message


# --- the error as a whole -----------------------------------------------------------------


def test_every_problem_is_reported_at_once() -> None:
    text = broken("role: beneficiary", "role: sponsor").replace(
        'annual_amount: "4000"', 'annual_amount: "-4000"'
    )
    problems = problems_of(text)
    assert [p.path for p in problems] == ["parties[1].role", "grants[0].annual_amount"]


def test_error_text_names_source_line_and_field() -> None:
    text = broken("role: beneficiary", "role: sponsor")
    with pytest.raises(TermsError) as caught:
        load_convention_yaml(text, source="lorval.yaml")
    line = line_of(text, "role: sponsor")
    assert str(caught.value).startswith(f"lorval.yaml, ligne {line}, parties[1].role : valeur")


def test_blank_optional_text_is_not_stated() -> None:
    """An empty optional text reads as absent, so it round-trips through the register."""
    text = broken("title: Convention d'essai", "title: Convention d'essai\npreamble: '  '")
    assert load_convention_yaml(text).preamble is None
