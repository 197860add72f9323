"""The two seed conventions, described in tests/fixtures/seeds, hold every fact of the documents.

These fixtures are the reference the extraction will be measured against, so each fact
is asserted one by one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from pacte.terms import (
    BodyKind,
    Convention,
    DocumentKind,
    Frequency,
    InstalmentKind,
    MandateKind,
    NoticeForm,
    PartyRole,
    RenewalKind,
    StartRule,
    TriggerKind,
    Unit,
    VoteResult,
    dump_convention_json,
    dump_convention_yaml,
    load_convention_json,
    load_convention_yaml,
)


def test_dijon_parties_and_mandates(dijon: Convention) -> None:
    ville, cress = dijon.parties
    assert ville.role is PartyRole.PUBLIC_AUTHORITY
    assert ville.name == "Ville de Dijon"
    assert ville.organisation.address.postcode == "21033"
    assert ville.organisation.address.cedex
    assert ville.capacity == "son Maire en exercice"
    assert ville.mandate.kind is MandateKind.DELIBERATION
    assert ville.mandate.body == "Conseil Municipal"
    assert ville.mandate.date == date(2009, 3, 30)
    assert cress.role is PartyRole.BENEFICIARY
    assert cress.designation == "CRESS"
    assert cress.representative.full_name == "Monsieur Jean-Louis Cabrespines"
    assert cress.representative.title == "Président"
    assert cress.organisation.address.postcode == "21000"
    assert cress.mandate is None


def test_dijon_articles_as_written(dijon: Convention) -> None:
    assert [a.number for a in dijon.articles] == ["I", "II", "III", "IV", "VI"]
    assert [a.ordinal for a in dijon.articles] == [1, 2, 3, 4, 6]
    titles = {a.number: a.title for a in dijon.articles}
    assert titles["I"] == "Objet de la convention"
    assert titles["IV"] == "Dispositions financières"
    assert titles["VI"] == "Durée de la convention"
    sections = [s.number for s in dijon.articles[1].sections]
    assert sections == ["II.1", "II.2", "II.2.1", "II.2.2", "II.3"]
    assert len(dijon.objectives) == 2


def test_dijon_commitments_reference_action_sheets(dijon: Convention) -> None:
    by_party = {key: [c for c in dijon.commitments if c.party == key] for key in ("ville", "cress")}
    assert len(by_party["ville"]) == 3
    assert len(by_party["cress"]) == 5
    referenced = {n for c in dijon.commitments for n in c.action_sheets}
    assert referenced == {1, 2, 3}
    duty = dijon.communication[0]
    assert duty.logos == ["ville", "cress"]
    assert duty.place.article == "II.3"


def test_dijon_money(dijon: Convention) -> None:
    (grant,) = dijon.grants
    assert [(y.year, y.amount) for y in grant.years] == [(2009, Decimal("4000.00"))]
    advance, balance = grant.instalments
    assert (advance.kind, advance.percent) == (InstalmentKind.ADVANCE, Decimal("70"))
    assert advance.trigger.kind is TriggerKind.ON_SIGNATURE
    assert (balance.kind, balance.percent) == (InstalmentKind.BALANCE, Decimal("30"))
    assert balance.trigger.kind is TriggerKind.ON_DOCUMENTS
    kinds = [d.kind for d in balance.trigger.documents]
    assert kinds == [DocumentKind.MINUTES]
    assert "approuvant le bilan d'activité" in balance.trigger.documents[0].label
    assert balance.trigger.documents[0].approved_by == "copil"
    assert grant.renewal_documents[0].kind is DocumentKind.MINUTES
    assert grant.place.article == "IV"


def test_dijon_term_renewal_notice(dijon: Convention) -> None:
    assert dijon.term.start_rule is StartRule.ON_SIGNATURE
    assert (dijon.term.duration.value, dijon.term.duration.unit) == (1, Unit.YEAR)
    assert dijon.term.end is None
    assert dijon.renewal.kind is RenewalKind.TACIT
    assert (dijon.termination.notice.value, dijon.termination.notice.unit) == (3, Unit.MONTH)
    assert dijon.termination.form is NoticeForm.REGISTERED_LETTER
    assert dijon.termination.by == ["ville", "cress"]
    assert dijon.signed_on is None
    assert dijon.signed_at == "Dijon"


def test_dijon_steering_committee(dijon: Convention) -> None:
    (copil,) = dijon.governing_bodies
    assert copil.kind is BodyKind.STEERING
    assert copil.cadence.frequency is Frequency.YEARLY
    assert [m.party for m in copil.members] == ["ville", "cress"]
    assert copil.place.article == "III"


def test_dijon_action_sheets_and_budgets(dijon: Convention) -> None:
    assert [s.number for s in dijon.action_sheets] == [1, 2, 3]
    first, second, third = dijon.action_sheets
    assert first.title == "Sensibilisation à l'économie sociale et solidaire"
    assert first.budget.lines == []
    assert first.budget.note == "Budget propre de la CRESS"
    assert first.period == "Tout au long de l'année"
    assert second.title == "Mois de l'économie sociale et solidaire"
    assert second.budget.total_expenses == second.budget.total_revenues == Decimal("3000")
    assert third.title == "Forum des initiatives locales"
    assert third.budget.total_expenses == third.budget.total_revenues == Decimal("1000")
    assert third.location.startswith("Cette manifestation aura lieu")
    assert all(s.commitments and s.expected_results and s.impacts for s in dijon.action_sheets)


def test_dijon_deliberation(dijon: Convention) -> None:
    act = dijon.deliberation
    session = act.session
    assert session.date == date(2009, 3, 30)
    assert session.president.last_name == "REBSAMEN"
    assert session.secretary.last_name == "BORDAT"
    assert len(session.present) == 51
    assert session.present_count == 53
    assert len(session.excused) == 2
    assert session.proxy_count == 2
    proxies = {e.person.last_name: e.proxy_to.last_name for e in session.excused}
    assert proxies == {"ALLAERT": "ROY", "VANDRIESSE": "DUGOURD"}
    assert session.absent == []
    assert act.rapporteur.last_name == "Metge"
    assert len(act.committees) == 2
    assert [d.number for d in act.decisions] == [1, 2, 3, 4]
    assert act.decisions[3].amount == Decimal("4000")
    assert act.vote.result is VoteResult.UNANIMOUS
    assert act.published_on == date(2009, 4, 9)
    assert act.transmitted_on == date(2009, 4, 7)


def test_dijon_signatures_name_the_chamber_differently(dijon: Convention) -> None:
    cress_signature = dijon.signatures[1]
    assert cress_signature.party == "cress"
    assert cress_signature.signatory.last_name == "Cabrespines"
    assert cress_signature.party_name != dijon.party("cress").name


def test_bas_rhin_parties_and_mandates(bas_rhin: Convention) -> None:
    departement, cres = bas_rhin.parties
    assert departement.role is PartyRole.PUBLIC_AUTHORITY
    assert departement.organisation.department == "67"
    assert departement.mandate.kind is MandateKind.DELIBERATION
    assert departement.mandate.date == date(2012, 10, 22)
    assert cres.role is PartyRole.BENEFICIARY
    assert cres.mandate.kind is MandateKind.BOARD_DECISION
    assert cres.mandate.date == date(2012, 9, 13)
    assert cres.name == "Chambre Régionale de l'Économie Sociale d'Alsace"
    assert bas_rhin.signatures[1].party_name == (
        "Chambre Régionale de l'Economie Sociale et Solidaire"
    )
    assert [a.number for a in bas_rhin.articles] == ["1", "2", "3", "4"]
    assert len(bas_rhin.objectives) == 3


def test_bas_rhin_money(bas_rhin: Convention) -> None:
    (grant,) = bas_rhin.grants
    assert grant.annual_amount == Decimal("10000")
    assert grant.prorata.basis.value == "months"
    assert grant.prorata.rounding is None  # not stated: the rules use cents and report
    first, *others = grant.years
    assert (first.year, first.amount, first.months) == (2012, Decimal("1666"), 2)
    assert [(y.year, y.amount) for y in others] == [(2013, None), (2014, None)]
    assert grant.instalments == []
    assert "convention financière" in grant.conditions_of_use


def test_bas_rhin_term_and_renewal(bas_rhin: Convention) -> None:
    assert bas_rhin.term.start_rule is StartRule.FIXED_DATE
    assert bas_rhin.term.start == date(2012, 11, 1)
    assert bas_rhin.term.end == date(2014, 12, 31)
    assert (bas_rhin.term.duration.value, bas_rhin.term.duration.unit) == (3, Unit.YEAR)
    assert bas_rhin.renewal.kind is RenewalKind.EXPRESS
    assert "nouveau projet" in bas_rhin.renewal.condition
    assert bas_rhin.termination is None


def test_bas_rhin_committees(bas_rhin: Convention) -> None:
    political, technical = bas_rhin.governing_bodies
    assert political.kind is BodyKind.POLITICAL
    assert political.cadence.frequency is Frequency.YEARLY
    assert len(political.members) == 4
    assert [m.party for m in political.members] == ["departement", "departement", "cress", "cress"]
    assert political.secretariat.startswith("Direction de l'Insertion et de l'Action Sociale")
    assert technical.kind is BodyKind.TECHNICAL
    assert technical.cadence.frequency is Frequency.AS_NEEDED
    assert len(technical.members) == 4


def test_bas_rhin_workstreams_and_milestones(bas_rhin: Convention) -> None:
    assert [w.key for w in bas_rhin.workstreams] == ["a", "b", "c", "d", "e"]
    ptce = bas_rhin.workstreams[1]
    assert [s.milestone.due for s in ptce.steps[:2]] == [date(2013, 12, 31)] * 2
    implementation = ptce.steps[2].milestone
    assert implementation.not_before == date(2014, 1, 1)
    assert implementation.depends_on == [2]
    assert implementation.condition
    incubator = bas_rhin.workstreams[2]
    assert incubator.steps[0].milestone.due == date(2013, 6, 30)
    assert incubator.steps[1].milestone.depends_on == [1]
    assert "validée" in incubator.steps[1].milestone.condition
    (duty,) = bas_rhin.reporting_duties
    assert duty.party == "cress"
    assert {"nombre d'acteur", "nombre de salarié", "domaines d'activités"} <= set(duty.indicators)


@pytest.mark.parametrize("name", ["dijon", "bas_rhin"])
def test_seed_round_trips_through_yaml_and_json(name: str, request: pytest.FixtureRequest) -> None:
    convention: Convention = request.getfixturevalue(name)
    assert load_convention_yaml(dump_convention_yaml(convention)) == convention
    assert load_convention_json(dump_convention_json(convention)) == convention


def _flat(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    text = re.sub(r"\^\{(.*?)\}", r"\1", text)  # 1^{er} in the seed text
    return re.sub(r"\s+", " ", text)


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("name", "source"),
    [("dijon", "000_79e629759667edb2.txt"), ("bas_rhin", "002_f17edaa4ee8fdfa6.txt")],
)
def test_fixture_quotes_are_in_the_seed_text(
    name: str, source: str, shared_seeds, request: pytest.FixtureRequest
) -> None:
    """Every quoted clause in a fixture is word for word in the original document."""
    convention: Convention = request.getfixturevalue(name)
    text = _flat((shared_seeds / source).read_text(encoding="utf-8"))
    data = convention.model_dump()
    quotes: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "quote" and value:
                    quotes.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    quotes += [a.title for a in convention.articles if a.title]
    quotes += [s.title for s in convention.action_sheets]
    assert len(quotes) >= 8
    missing = [q for q in quotes if _flat(q).lower() not in text.lower()]
    assert missing == []
