"""parties.*: names compared on folded words, mandates cited and dated before signing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pacte.rules.checks import Finding, Severity
from pacte.rules.checks.parties import name_changes

Codes = Callable[[dict[str, Any]], list[str]]
Found = Callable[[dict[str, Any], str], Finding]


def test_signature_adding_a_word_to_the_name(data: dict[str, Any], found: Found) -> None:
    data["signatures"][1]["party_name"] = "Les Jardins solidaires de Lorval"
    finding = found(data, "parties.name_mismatch")
    assert finding.severity is Severity.WARNING
    assert "ajoute « solidaires » et omet « partagés »" in finding.message
    assert finding.location.path == "signatures[1].party_name"


@pytest.mark.parametrize(
    "written",
    [
        "LES JARDINS PARTAGES DE LORVAL",  # case and accents
        "Les Jardins partagés, de Lorval",  # punctuation
        "Les Jardins partagés",  # a short form leaves words out, adds none
        "Les Jardins",  # the short name
        "Les Jardins partagés à Lorval",  # a linking word only
    ],
)
def test_same_name_written_otherwise(data: dict[str, Any], codes: Codes, written: str) -> None:
    data["signatures"][1]["party_name"] = written
    assert codes(data) == []


def test_name_changes_reports_the_words_as_written() -> None:
    assert name_changes("Chambre de l'Économie du Nord", "Chambre de l'Economie et du Sud") == (
        ["et", "Sud"],
        ["Nord"],
    )


def test_partner_signing_without_a_mandate(data: dict[str, Any], found: Found) -> None:
    data["parties"][1].pop("mandate")
    finding = found(data, "parties.mandate_missing")
    assert finding.severity is Severity.INFO
    assert "représentée par Paul Le Gall, son Président" in finding.message


def test_partner_acting_under_its_statutes(data: dict[str, Any], codes: Codes) -> None:
    assert data["parties"][1]["mandate"] == {"kind": "statutes"}
    assert codes(data) == []


def test_authority_signing_without_a_deliberation(data: dict[str, Any], codes: Codes) -> None:
    data["parties"][0].pop("mandate")
    assert codes(data) == ["parties.authority_mandate_missing"]


def test_authority_whose_deliberation_is_in_the_terms(data: dict[str, Any], codes: Codes) -> None:
    data["parties"][0].pop("mandate")
    data["deliberation"] = {
        "session": {"body": "Conseil municipal", "date": "2026-03-02"},
        "object": "Jardins partagés",
    }
    assert codes(data) == []


def test_mandate_dated_after_the_signature(data: dict[str, Any], found: Found) -> None:
    data["parties"][0]["mandate"]["date"] = "2026-04-15"
    finding = found(data, "parties.mandate_after_signature")
    assert finding.severity is Severity.ERROR
    assert "a signé le 31 mars 2026" in finding.message
    assert "est du 15 avril 2026" in finding.message


def test_deliberation_voted_after_the_signature(data: dict[str, Any], found: Found) -> None:
    data["parties"][0].pop("mandate")
    data["deliberation"] = {
        "session": {"body": "Conseil municipal", "date": "2026-04-15"},
        "object": "Jardins partagés",
    }
    assert found(data, "parties.mandate_after_signature").location.path == (
        "deliberation.session.date"
    )


def test_mandate_dated_before_the_signature(data: dict[str, Any], codes: Codes) -> None:
    data["parties"][0]["mandate"]["date"] = "2026-03-31"
    assert codes(data) == []


def test_unsigned_convention_has_no_date_to_compare(data: dict[str, Any], codes: Codes) -> None:
    data["parties"][0]["mandate"]["date"] = "2026-04-15"
    data.pop("signed_on")
    for signature in data["signatures"]:
        signature.pop("date")
    assert codes(data) == []


@pytest.mark.parametrize(
    ("header", "written"),
    [
        ("Département du Nord", "Conseil départemental du Nord"),
        ("Département du Nord", "Conseil Général du Nord"),
        ("Région Bretagne", "Conseil régional de Bretagne"),
        ("Ville de Lorval", "Commune de Lorval"),
    ],
)
def test_an_authority_named_by_its_assembly(
    data: dict[str, Any], codes: Codes, header: str, written: str
) -> None:
    kind = {"Dé": "departement", "Ré": "region", "Vi": "commune"}[header[:2]]
    data["parties"][0]["organisation"].update(name=header, kind=kind)
    data["signatures"][0]["party_name"] = written
    assert codes(data) == []


def test_an_authority_named_with_another_territory(data: dict[str, Any], found: Found) -> None:
    data["parties"][0]["organisation"].update(name="Département du Nord", kind="departement")
    data["signatures"][0]["party_name"] = "Conseil départemental du Pas-de-Calais"
    assert "Pas-de-Calais" in found(data, "parties.name_mismatch").message


def test_institution_words_do_not_excuse_an_association(data: dict[str, Any], found: Found) -> None:
    data["signatures"][1]["party_name"] = "Conseil général des Jardins partagés de Lorval"
    found(data, "parties.name_mismatch")
