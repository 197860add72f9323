"""PTCE ranking: weighted, rescaled indicators, each score with its components and sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sirene_samples import write_ess_list, write_samples

from pacte.cli import main
from pacte.observatory.errors import ObservatoryError
from pacte.observatory.ptce import (
    Value,
    parse_weights,
    rank,
    read_indicators,
    territory_key,
    unmatched,
)


def test_scores_are_weighted_rescaled_means_with_their_components() -> None:
    values = {
        "a": {"density": Value(10.0, "2026", "SIRENE"), "chomage": Value(9.0, "2025", "INSEE")},
        "b": {"density": Value(30.0, "2026", "SIRENE"), "chomage": Value(7.0, "2025", "INSEE")},
        "c": {"density": Value(20.0, "2026", "SIRENE")},
    }
    ranked = rank(["a", "b", "c"], values, {"density": 3.0, "chomage": -1.0})
    # b: density 1 × 3/4 + chômage (lowest wins) 1 × 1/4 = 100 ; c: 0.5 × 3/4 = 37.5, no chômage
    # a: density 0 + chômage 0 = 0
    assert [(r["territory"], r["score"], r["rank"]) for r in ranked] == [
        ("b", 100.0, 1),
        ("c", 37.5, 2),
        ("a", 0.0, 3),
    ]
    c = ranked[1]["components"]
    assert c[0] == {
        "indicator": "density",
        "label": "density",
        "value": 20.0,
        "year": "2026",
        "source": "SIRENE",
        "weight": 3.0,
        "scaled": 0.5,
        "contribution": 37.5,
    }
    assert c[1]["value"] is None and c[1]["note"] == "valeur manquante : compte pour 0"


def test_user_indicators_csv() -> None:
    text = "territoire;indicateur;valeur;annee;source\nepci:1;chomage;8,1;2025;INSEE\n"
    assert read_indicators(text, source="i.csv") == {
        "epci:1": {"chomage": Value(8.1, "2025", "INSEE")}
    }
    with pytest.raises(ObservatoryError, match=r"i\.csv, ligne 2, colonne « valeur » : « n/a »"):
        read_indicators(
            "territoire;indicateur;valeur;annee;source\nepci:1;chomage;n/a;2025;x\n", source="i.csv"
        )
    with pytest.raises(ObservatoryError, match="colonne « source » absente"):
        read_indicators(
            "territoire;indicateur;valeur;annee\nepci:1;chomage;1;2025\n", source="i.csv"
        )


def test_bare_codes_are_read_by_their_length() -> None:
    """A SIREN alone is an EPCI, five characters a commune, two or three a département."""
    text = (
        "territoire;indicateur;valeur;annee;source\n"
        "246700488;chomage;8,1;2025;INSEE\n"
        "67482;chomage;9;2025;INSEE\n"
        "2a;chomage;7;2025;INSEE\n"
        "EPCI:246700926;rsa;3;2024;CAF\n"
        "perimeter:Antenne-Nord;rsa;4;2024;CAF\n"
    )
    found = read_indicators(text, source="i.csv")
    assert sorted(found) == [
        "com:67482",
        "dep:2A",
        "epci:246700488",
        "epci:246700926",
        "perimeter:Antenne-Nord",
    ]
    value = found["epci:246700488"]["chomage"]
    assert (value.read_at, value.written) == ("i.csv, ligne 2", "246700488")
    assert territory_key("fr") == "fr:FR" and territory_key("12345678") == "12345678"


def test_a_territory_matching_no_candidate_is_named_with_its_lines() -> None:
    text = (
        "territoire;indicateur;valeur;annee;source\n"
        "epci:246700488;chomage;8,1;2025;INSEE\n"
        "24670048;chomage;6;2025;INSEE\n"
        "24670048;rsa;6;2025;CAF\n"
    )
    user = read_indicators(text, source="i.csv")
    assert unmatched(user, {"epci:246700488": "epci:246700488"}) == [
        "i.csv, lignes 3, 4 : territoire « 24670048 » absent des territoires candidats, "
        "valeur(s) non prises en compte (écrire epci:SIREN, com:CODE, dep:CODE ou "
        "perimeter:NOM d'un candidat)"
    ]


def test_weights() -> None:
    assert parse_weights(["ess_density=2", "chomage=-1,5"]) == {"ess_density": 2.0, "chomage": -1.5}
    with pytest.raises(ObservatoryError, match="poids « chomage » invalide"):
        parse_weights(["chomage"])


def test_ptce_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACTE_VAR_DIR", str(tmp_path / "var"))
    sites, units = write_samples(tmp_path)
    arguments = [
        "--establishments",
        str(sites),
        "--legal-units",
        str(units),
        "--snapshot",
        "2026-01",
    ]
    assert (
        main(["observatory", "import", *arguments, "--ess-list", str(write_ess_list(tmp_path))])
        == 0
    )
    indicators = tmp_path / "indicateurs.csv"
    indicators.write_text(
        "territoire;indicateur;valeur;annee;source\n"
        "epci:246700488;chomage;8,1;2025;INSEE, taux de chômage localisé\n"
        "epci:246700926;chomage;6,2;2025;INSEE, taux de chômage localisé\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    code = main(
        ["observatory", "ptce", "--candidates", "epci:246700488", "epci:246700926",
         "--weight", "ess_share_employees=1", "--weight", "chomage=1",
         "--indicators", str(indicators), "--json"]
    )  # fmt: skip
    assert code == 0
    ranking = json.loads(capsys.readouterr().out)["ranking"]
    # Strasbourg: share 132.5 / 139.5 of private employees (lowest), chômage highest;
    # Wissembourg: share 100 % (highest), chômage lowest: 50 points each, tie broken by code
    assert [(r["territory"], r["score"]) for r in ranking] == [
        ("epci:246700488", 50.0),
        ("epci:246700926", 50.0),
    ]
    share = ranking[0]["components"][0]
    assert share["value"] == round(132.5 / 139.5 * 100, 2)
    assert share["source"] == "SIRENE (INSEE), millésime 2026-01, calcul Pacte"
    assert ranking[0]["components"][1]["source"] == "INSEE, taux de chômage localisé"
    assert main(["observatory", "ptce", "--within", "dep:67"]) == 0
    out = capsys.readouterr().out
    assert "1. CC du Pays de Wissembourg (epci:246700926) : 100,0" in out
    # bare SIREN codes count; a code that matches no candidate is said with its line
    indicators.write_text(
        "territoire;indicateur;valeur;annee;source\n"
        "246700488;chomage;8,1;2025;INSEE\n"
        "246700926;chomage;6,2;2025;INSEE\n"
        "200067213;chomage;9,9;2025;INSEE\n",
        encoding="utf-8",
    )
    command = ["observatory", "ptce", "--candidates", "epci:246700488", "epci:246700926",
               "--weight", "chomage=1", "--indicators", str(indicators)]  # fmt: skip
    assert main(command) == 0
    out = capsys.readouterr().out
    assert "valeur manquante" not in out
    assert "1. Eurométropole de Strasbourg (epci:246700488) : 100,0" in out
    assert (
        f"Attention : {indicators}, ligne 4 : territoire « 200067213 » absent des territoires "
        "candidats" in out
    )
    assert main([*command, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["warnings"] == [
        f"{indicators}, ligne 4 : territoire « 200067213 » absent des territoires candidats, "
        "valeur(s) non prises en compte (écrire epci:SIREN, com:CODE, dep:CODE ou "
        "perimeter:NOM d'un candidat)"
    ]
    assert "ligne 4" in captured.err
    # an old commune code designates today's commune among the candidates
    indicators.write_text(
        "territoire;indicateur;valeur;annee;source\n67007;rsa;3;2024;CAF\n67482;rsa;5;2024;CAF\n",
        encoding="utf-8",
    )
    command = ["observatory", "ptce", "--candidates", "com:67544", "com:67482",
               "--weight", "rsa=1", "--indicators", str(indicators), "--json"]  # fmt: skip
    assert main(command) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["warnings"] == []
    values = {r["territory"]: r["components"][0]["value"] for r in found["ranking"]}
    assert values == {"com:67544": 3.0, "com:67482": 5.0}
    assert (
        main(
            [
                "observatory",
                "ptce",
                "--candidates",
                "epci:246700488",
                "epci:246700926",
                "--weight",
                "inconnu=1",
            ]
        )
        == 1
    )
    assert "indicateur « inconnu » inconnu" in capsys.readouterr().err


def test_a_quote_left_open_is_refused_whatever_the_csv_field_limit(monkeypatch) -> None:
    """Libraries raise ``csv.field_size_limit`` for the whole process (frictionless does
    on import): an unclosed quote must still be an error, not a field swallowing the file."""
    import csv
    import sys

    from pacte.observatory.errors import ObservatoryError
    from pacte.observatory.ptce import read_indicators

    previous = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        with pytest.raises(ObservatoryError, match="ligne CSV illisible"):
            read_indicators(
                'territoire,indicateur,valeur,annee,source\nepci:1,chomage,"7,5', source="f.csv"
            )
    finally:
        csv.field_size_limit(previous)
