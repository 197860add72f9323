"""The two seed conventions yield exactly the findings a careful reader makes, no others."""

from __future__ import annotations

from pacte.rules.checks import Finding, Severity, check
from pacte.terms import Convention


def _by_code(findings: list[Finding]) -> dict[str, Finding]:
    return {f.code: f for f in findings}


def test_dijon_exact_findings(dijon: Convention) -> None:
    findings = check(dijon)
    assert [(f.code, f.severity) for f in findings] == [
        ("numbering.article_missing", Severity.WARNING),
        ("parties.mandate_missing", Severity.INFO),
    ]


def test_dijon_article_v_is_missing_between_iv_and_vi(dijon: Convention) -> None:
    finding = _by_code(check(dijon))["numbering.article_missing"]
    assert finding.location.label == "article VI"
    assert finding.location.path == "articles[4]"
    assert "de l'article IV à l'article VI" in finding.message
    assert "il n'y a pas d'article V." in finding.message


def test_dijon_chamber_signing_without_cited_mandate_is_only_an_info(dijon: Convention) -> None:
    finding = _by_code(check(dijon))["parties.mandate_missing"]
    assert finding.severity is Severity.INFO
    assert finding.location.path == "parties[1].mandate"
    assert "statuts" in finding.message


def test_dijon_shortened_chamber_name_at_signature_is_not_a_mismatch(dijon: Convention) -> None:
    # the signature leaves the region out of the name but adds nothing: a short form
    assert "parties.name_mismatch" not in _by_code(check(dijon))


def test_bas_rhin_exact_findings(bas_rhin: Convention) -> None:
    findings = check(bas_rhin)
    assert [(f.code, f.severity) for f in findings] == [
        ("duration.stated_mismatch", Severity.WARNING),
        ("parties.name_mismatch", Severity.WARNING),
        ("money.prorata_rounded", Severity.INFO),
    ]


def test_bas_rhin_duration_says_months_and_budget_years(bas_rhin: Convention) -> None:
    finding = _by_code(check(bas_rhin))["duration.stated_mismatch"]
    assert finding.location.label == "article 4"
    assert "3 ans" in finding.message
    assert "du 1er novembre 2012 au 31 décembre 2014" in finding.message
    assert "26 mois" in finding.message
    assert "trois exercices budgétaires (2012, 2013 et 2014)" in finding.message


def test_bas_rhin_2012_amount_is_the_prorata_truncated(bas_rhin: Convention) -> None:
    finding = _by_code(check(bas_rhin))["money.prorata_rounded"]
    assert finding.location.path == "grants[0].years[0]"
    assert finding.location.article == "3"
    assert "1 666 €" in finding.message
    assert "1 666,67 €" in finding.message
    assert "tronqué à l'euro" in finding.message


def test_bas_rhin_chamber_name_differs_by_words_not_by_accents(bas_rhin: Convention) -> None:
    finding = _by_code(check(bas_rhin))["parties.name_mismatch"]
    assert finding.location.path == "signatures[1].party_name"
    assert "ajoute « et Solidaire »" in finding.message
    assert "omet « d'Alsace »" in finding.message
    assert "Économie" not in finding.message.split("ajoute")[1]  # the accent is no difference


def test_findings_are_sorted_by_severity_then_place(bas_rhin: Convention) -> None:
    findings = check(bas_rhin)
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks)
