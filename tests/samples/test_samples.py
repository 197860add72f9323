"""The demo conventions of ``pacte.samples`` load, round-trip, and hold their facts.

Pure tests: no database. Each sample's main facts are asserted one by one, so a change
in a sample (or in the terms model) that alters a fact is caught here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pacte.samples import sample_paths
from pacte.terms import (
    BodyKind,
    BudgetSide,
    CadenceBasis,
    Convention,
    DocumentKind,
    Frequency,
    GrantKind,
    InstalmentKind,
    MandateKind,
    NoticeForm,
    OrganisationKind,
    PartyRole,
    ProrataBasis,
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
from pacte.terms.identifiers import siren_is_valid

# The day the samples are written for: they must show things due in the coming weeks.
DEMO_TODAY = date(2026, 11, 22)
COMING_WEEKS = timedelta(days=60)

SAMPLE_NAMES = [
    "agglo-marzelle-terres-tables-2026.yaml",
    "departement-vere-cress-2025-2027.yaml",
    "ville-saint-gwenael-2026.yaml",
]

# Names of the real seed documents that the fictional samples must never reuse.
SEED_NAMES = [
    "Dijon",
    "Bas-Rhin",
    "Bourgogne",
    "Alsace",
    "Rebsamen",
    "Cabrespines",
    "Kennel",
    "Deck",
    "Strasbourg",
]


def _load(path: Path) -> Convention:
    return load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)


def _sample(name: str) -> Convention:
    (path,) = [p for p in sample_paths() if p.name == name]
    return _load(path)


@pytest.fixture(params=sample_paths(), ids=lambda p: p.name)
def sample_path(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture
def sample(sample_path: Path) -> Convention:
    return _load(sample_path)


@pytest.fixture
def ville() -> Convention:
    return _sample("ville-saint-gwenael-2026.yaml")


@pytest.fixture
def departement() -> Convention:
    return _sample("departement-vere-cress-2025-2027.yaml")


@pytest.fixture
def agglo() -> Convention:
    return _sample("agglo-marzelle-terres-tables-2026.yaml")


def _months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to the day after ``end`` (1 March – 31 Dec → 10)."""
    after = end + timedelta(days=1)
    return (after.year - start.year) * 12 + after.month - start.month


def _minus_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 - months
    return value.replace(year=index // 12, month=index % 12 + 1)


def _is_coming(value: date | None) -> bool:
    return value is not None and DEMO_TODAY < value <= DEMO_TODAY + COMING_WEEKS


# --- every sample ----------------------------------------------------------------------------


def test_sample_paths_lists_the_yaml_files_sorted() -> None:
    paths = sample_paths()
    assert [p.name for p in paths] == SAMPLE_NAMES
    assert paths == sorted(paths)
    assert all(isinstance(p, Path) and p.is_file() and p.suffix == ".yaml" for p in paths)


def test_sample_loads(sample: Convention) -> None:
    assert sample.reference
    assert len(sample.parties) == 2


def test_yaml_round_trip_gives_an_equal_object(sample: Convention) -> None:
    text = dump_convention_yaml(sample)
    again = load_convention_yaml(text, source="aller-retour.yaml")
    assert again == sample
    assert dump_convention_yaml(again) == text


def test_json_round_trip_gives_an_equal_object(sample: Convention) -> None:
    text = dump_convention_json(sample)
    again = load_convention_json(text, source="aller-retour.json")
    assert again == sample
    assert dump_convention_json(again) == text


def test_references_are_unique() -> None:
    references = [_load(p).reference for p in sample_paths()]
    assert len(references) == len(set(references))


def test_samples_never_reuse_the_seed_names(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    for name in SEED_NAMES:
        assert not re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE), name


def test_one_authority_and_one_beneficiary(sample: Convention) -> None:
    assert len(sample.parties_with_role(PartyRole.PUBLIC_AUTHORITY)) == 1
    assert len(sample.parties_with_role(PartyRole.BENEFICIARY)) == 1


def test_identifiers_are_valid(sample: Convention) -> None:
    for party in sample.parties:
        organisation = party.organisation
        assert organisation.siren and siren_is_valid(organisation.siren)
        assert organisation.siret and siren_is_valid(organisation.siret)
        assert organisation.siret.startswith(organisation.siren)
        assert organisation.department
        assert organisation.address and organisation.address.postcode


def test_authority_sirens_look_public(sample: Convention) -> None:
    (authority,) = sample.parties_with_role(PartyRole.PUBLIC_AUTHORITY)
    assert authority.organisation.siren.startswith("2")


def test_signed_recently_by_both_parties(sample: Convention) -> None:
    assert sample.signed_on is not None
    assert date(2025, 1, 1) <= sample.signed_on < DEMO_TODAY
    assert {s.party for s in sample.signatures} == {p.key for p in sample.parties}
    for signature in sample.signatures:
        assert signature.date == sample.signed_on
        assert signature.party_name == sample.party(signature.party).name
        assert signature.signatory is not None


def test_mandates_precede_the_signature(sample: Convention) -> None:
    for party in sample.parties:
        assert party.representative is not None
        assert party.mandate is not None
        if party.mandate.date is not None:
            assert party.mandate.date <= sample.signed_on


def test_articles_are_numbered_in_sequence(sample: Convention) -> None:
    ordinals = [a.ordinal for a in sample.articles]
    assert ordinals == list(range(1, len(ordinals) + 1))


def test_every_party_commits(sample: Convention) -> None:
    assert {c.party for c in sample.commitments} == {p.key for p in sample.parties}


def test_communication_duty_with_logos(sample: Convention) -> None:
    assert sample.communication
    assert any(duty.logos for duty in sample.communication)


def test_instalments_make_each_year_whole(sample: Convention) -> None:
    for grant in sample.grants:
        totals: dict[int | None, Decimal] = {}
        for instalment in grant.instalments:
            totals[instalment.year] = totals.get(instalment.year, Decimal(0)) + instalment.percent
        assert totals and all(total == 100 for total in totals.values()), totals


def test_something_is_due_in_the_coming_weeks(sample: Convention) -> None:
    dates = [
        *(i.trigger.date for g in sample.grants for i in g.instalments),
        *(s.milestone.due for w in sample.workstreams for s in w.steps if s.milestone),
        *(sheet.starts_on for sheet in sample.action_sheets),
    ]
    if sample.term and sample.term.start_rule is StartRule.ON_SIGNATURE and sample.termination:
        first_end = sample.signed_on.replace(year=sample.signed_on.year + 1)
        dates.append(_minus_months(first_end, sample.termination.notice.value))
    assert any(_is_coming(d) for d in dates)


# --- (a) Ville de Saint-Gwenaël-sur-Blavet: annual convention with its deliberation ---------


def test_ville_parties(ville: Convention) -> None:
    commune, association = ville.parties
    assert commune.key == "ville"
    assert commune.role is PartyRole.PUBLIC_AUTHORITY
    assert commune.organisation.kind is OrganisationKind.COMMUNE
    assert commune.name == "Ville de Saint-Gwenaël-sur-Blavet"
    assert commune.organisation.siren == "215609470"
    assert commune.organisation.siret == "21560947000012"
    assert commune.organisation.department == "56"
    assert commune.organisation.address.cedex
    assert commune.capacity == "sa Maire en exercice"
    assert commune.representative.full_name == "Mme Soazig Le Goff"
    assert association.key == "misb"
    assert association.role is PartyRole.BENEFICIARY
    assert association.organisation.kind is OrganisationKind.ASSOCIATION
    assert association.organisation.short_name == "MISB"
    assert association.organisation.siren == "841362759"
    assert association.organisation.siret == "84136275900018"
    assert association.designation == "la MISB"


def test_ville_mandates(ville: Convention) -> None:
    commune, association = ville.parties
    assert commune.mandate.kind is MandateKind.DELIBERATION
    assert commune.mandate.body == "Conseil municipal"
    assert commune.mandate.date == date(2026, 2, 9)
    assert commune.mandate.reference == ville.deliberation.number == "DCM-2026-014"
    assert association.mandate.kind is MandateKind.BOARD_DECISION
    assert association.mandate.date == date(2026, 1, 27)


def test_ville_articles(ville: Convention) -> None:
    assert [a.number for a in ville.articles] == ["1", "2", "3", "4", "5", "6", "7"]
    titles = {a.number: a.title for a in ville.articles}
    assert titles["4"] == "Dispositions financières"
    assert titles["6"] == "Durée de la convention"
    assert [s.number for s in ville.articles[1].sections] == ["2.1", "2.2"]


def test_ville_commitments_per_party(ville: Convention) -> None:
    by_party = {key: [c for c in ville.commitments if c.party == key] for key in ("ville", "misb")}
    assert len(by_party["ville"]) == 3
    assert len(by_party["misb"]) == 4
    assert all(c.place.article == "2.1" for c in by_party["ville"])
    assert all(c.place.article == "2.2" for c in by_party["misb"])


def test_ville_communication(ville: Convention) -> None:
    (duty,) = ville.communication
    assert duty.parties == ["ville", "misb"]
    assert duty.logos == ["ville", "misb"]
    assert duty.place.article == "3"


def test_ville_single_grant_for_one_year(ville: Convention) -> None:
    (grant,) = ville.grants
    assert grant.kind is GrantKind.OPERATING
    assert grant.grantor == "ville"
    assert grant.beneficiary == "misb"
    assert not grant.earmarked
    assert [(y.year, y.amount) for y in grant.years] == [(2026, Decimal("12500.00"))]
    assert grant.annual_amount is None
    assert grant.prorata is None


def test_ville_instalments_70_at_signature_30_on_minutes(ville: Convention) -> None:
    advance, balance = ville.grants[0].instalments
    assert advance.kind is InstalmentKind.ADVANCE
    assert advance.percent == Decimal("70")
    assert advance.trigger.kind is TriggerKind.ON_SIGNATURE
    assert balance.kind is InstalmentKind.BALANCE
    assert balance.percent == Decimal("30")
    assert balance.trigger.kind is TriggerKind.ON_DOCUMENTS
    minutes, report = balance.trigger.documents
    assert minutes.kind is DocumentKind.MINUTES
    assert minutes.approved_by == "copil"
    assert report.kind is DocumentKind.ACTIVITY_REPORT
    amount = ville.grants[0].years[0].amount
    assert amount * advance.percent / 100 == Decimal("8750")
    assert amount * balance.percent / 100 == Decimal("3750")


def test_ville_grant_renewal_needs_the_minutes(ville: Convention) -> None:
    grant = ville.grants[0]
    assert "procès-verbal" in grant.renewal_condition
    assert [d.kind for d in grant.renewal_documents] == [
        DocumentKind.MINUTES,
        DocumentKind.ACTIVITY_REPORT,
    ]
    assert grant.renewal_documents[0].approved_by == "copil"


def test_ville_term_one_year_from_signature_tacit_renewal(ville: Convention) -> None:
    assert ville.term.start_rule is StartRule.ON_SIGNATURE
    assert ville.term.start is None
    assert ville.term.duration.value == 1
    assert ville.term.duration.unit is Unit.YEAR
    assert ville.renewal.kind is RenewalKind.TACIT
    assert ville.renewal.period.label == "1 an"
    assert ville.renewal.max_renewals == 2
    assert ville.signed_on == date(2026, 3, 2)
    assert ville.signed_at == "Saint-Gwenaël-sur-Blavet"


def test_ville_notice_three_months_by_registered_letter(ville: Convention) -> None:
    notice = ville.termination.notice
    assert (notice.value, notice.unit) == (3, Unit.MONTH)
    assert ville.termination.form is NoticeForm.REGISTERED_LETTER
    assert ville.termination.by == ["ville", "misb"]
    # first period 2 March 2026 – 1 March 2027: notice to send by 1 December 2026
    signed = ville.signed_on
    renewal_day = signed.replace(year=signed.year + ville.term.duration.value)
    assert renewal_day - timedelta(days=1) == date(2027, 3, 1)
    deadline = _minus_months(renewal_day, notice.value) - timedelta(days=1)
    assert deadline == date(2026, 12, 1)
    assert _is_coming(deadline)


def test_ville_yearly_steering_committee(ville: Convention) -> None:
    copil = ville.body("copil")
    assert copil.kind is BodyKind.STEERING
    assert copil.cadence.frequency is Frequency.YEARLY
    assert copil.cadence.basis is CadenceBasis.CONVENTION_YEAR
    assert copil.secretariat_party == "ville"
    assert [m.party for m in copil.members] == ["ville", "ville", "misb", "misb"]
    assert len(copil.missions) == 3


def test_ville_deliberation_session(ville: Convention) -> None:
    session = ville.deliberation.session
    assert session.date == date(2026, 2, 9)
    assert session.president.full_name == "Mme Soazig Le Goff"
    assert session.secretary.last_name == "Tanguy"
    assert len(session.present) == 15
    assert session.present_count == 17
    assert len(session.excused) == 3
    assert session.proxy_count == 2
    assert [e.proxy_to.last_name for e in session.excused if e.proxy_to] == ["Jégou", "Le Bihan"]
    assert len(session.absent) == 3


def test_ville_deliberation_figures_add_up(ville: Convention) -> None:
    session = ville.deliberation.session
    figures = session.figures
    assert (figures.in_office, figures.present, figures.voters) == (23, 17, 19)
    assert figures.present == session.present_count
    assert figures.voters == session.present_count + session.proxy_count
    assert figures.in_office == session.present_count + len(session.excused) + len(session.absent)


def test_ville_deliberation_decisions_and_vote(ville: Convention) -> None:
    deliberation = ville.deliberation
    assert deliberation.rapporteur.last_name == "Jégou"
    assert len(deliberation.committees) == 2
    assert [d.number for d in deliberation.decisions] == [1, 2, 3, 4]
    assert deliberation.decisions[3].amount == ville.grants[0].years[0].amount
    assert deliberation.vote.result is VoteResult.UNANIMOUS
    assert deliberation.vote.votes_for == deliberation.session.figures.voters
    assert deliberation.vote.votes_against == 0
    assert deliberation.acts_subject_code == "7.5"


def test_ville_deliberation_publicity(ville: Convention) -> None:
    deliberation = ville.deliberation
    assert deliberation.transmitted_on == date(2026, 2, 11)
    assert deliberation.published_on == date(2026, 2, 12)
    assert deliberation.prefecture == "Préfecture du Morbihan"
    assert deliberation.session.date < deliberation.transmitted_on < ville.signed_on


# --- (b) Département de la Vère and CRESS Garonne-Causses: multi-year, prorata -------------


def test_departement_parties_and_mandates(departement: Convention) -> None:
    dep, cress = departement.parties
    assert dep.organisation.kind is OrganisationKind.DEPARTEMENT
    assert dep.organisation.siren == "228190476"
    assert dep.organisation.department == "81"
    assert dep.mandate.kind is MandateKind.DELIBERATION
    assert dep.mandate.body == "Conseil départemental de la Vère"
    assert dep.mandate.date == date(2025, 2, 10)
    assert cress.organisation.kind is OrganisationKind.CRESS
    assert cress.organisation.short_name == "CRESS Garonne-Causses"
    assert cress.organisation.siren == "882753148"
    assert cress.mandate.kind is MandateKind.BOARD_DECISION
    assert cress.mandate.date == date(2025, 1, 23)


def test_departement_fixed_dates_and_stated_duration(departement: Convention) -> None:
    term = departement.term
    assert term.start_rule is StartRule.FIXED_DATE
    assert term.start == date(2025, 3, 1)
    assert term.end == date(2027, 12, 31)
    assert (term.duration.value, term.duration.unit) == (34, Unit.MONTH)
    assert _months_between(term.start, term.end) == term.duration.value
    assert departement.signed_on == date(2025, 2, 28)


def test_departement_express_renewal_on_a_new_project(departement: Convention) -> None:
    assert departement.renewal.kind is RenewalKind.EXPRESS
    assert "nouveau projet" in departement.renewal.condition
    assert departement.termination.notice.label == "2 mois"
    assert departement.termination.form is NoticeForm.REGISTERED_LETTER


def test_departement_amount_per_full_year_and_prorata(departement: Convention) -> None:
    (grant,) = departement.grants
    assert grant.kind is GrantKind.OPERATING
    assert grant.annual_amount == Decimal("24000.00")
    assert grant.prorata.basis is ProrataBasis.MONTHS
    years = {y.year: y for y in grant.years}
    assert sorted(years) == [2025, 2026, 2027]
    assert years[2025].months == 10
    assert years[2025].months == _months_between(departement.term.start, date(2025, 12, 31))
    assert years[2025].amount == Decimal("20000.00")
    assert years[2025].amount == grant.annual_amount * years[2025].months / 12
    assert years[2026].amount == years[2027].amount == grant.annual_amount
    assert grant.total_amount == sum(y.amount for y in grant.years) == Decimal("68000.00")


def test_departement_instalments_per_year(departement: Convention) -> None:
    instalments = departement.grants[0].instalments
    assert [(i.year, i.kind, i.percent) for i in instalments] == [
        (2025, InstalmentKind.SINGLE, Decimal("100")),
        (2026, InstalmentKind.ADVANCE, Decimal("60")),
        (2026, InstalmentKind.BALANCE, Decimal("40")),
        (2027, InstalmentKind.ADVANCE, Decimal("60")),
        (2027, InstalmentKind.BALANCE, Decimal("40")),
    ]
    assert instalments[0].trigger.kind is TriggerKind.ON_SIGNATURE
    assert instalments[1].trigger.kind is TriggerKind.ON_DATE
    assert instalments[1].trigger.date == date(2026, 3, 31)
    assert instalments[3].trigger.date == date(2027, 3, 31)
    for balance in (instalments[2], instalments[4]):
        assert balance.trigger.kind is TriggerKind.ON_DOCUMENTS
        kinds = {d.kind: d for d in balance.trigger.documents}
        assert set(kinds) == {DocumentKind.ACTIVITY_REPORT, DocumentKind.MINUTES}
        assert kinds[DocumentKind.MINUTES].approved_by == "copil-politique"


def test_departement_political_committee(departement: Convention) -> None:
    copil = departement.body("copil-politique")
    assert copil.kind is BodyKind.POLITICAL
    assert copil.cadence.frequency is Frequency.YEARLY
    assert copil.cadence.basis is CadenceBasis.CALENDAR_YEAR
    assert [m.party for m in copil.members] == ["departement", "departement", "cress", "cress"]
    assert copil.members[2].role == "Présidente de la CRESS Garonne-Causses"
    assert copil.members[2].person.last_name == "Sabatier"
    assert copil.secretariat == "Direction de l'insertion et de l'économie sociale du Département"
    assert copil.secretariat_party == "departement"
    assert copil.attendees


def test_departement_technical_committee_as_needed(departement: Convention) -> None:
    technical = departement.body("comite-technique")
    assert technical.kind is BodyKind.TECHNICAL
    assert technical.cadence.frequency is Frequency.AS_NEEDED
    assert len(technical.members) == 4
    assert technical.secretariat is None


def test_departement_workstreams(departement: Convention) -> None:
    assert [w.key for w in departement.workstreams] == [
        "a-fdis",
        "b-ptce",
        "c-incubateur",
        "d-competences",
        "e-observation",
    ]
    assert [s.number for s in departement.articles[0].sections] == ["a", "b", "c", "d", "e"]


def test_departement_ptce_end_of_year_and_from_next_year(departement: Convention) -> None:
    ptce = {w.key: w for w in departement.workstreams}["b-ptce"]
    territory, diagnosis, launch = ptce.steps
    assert territory.milestone.due == date(2025, 12, 31)
    assert diagnosis.milestone.due == date(2026, 12, 31)
    assert diagnosis.milestone.quote == "d'ici la fin de l'année 2026"
    assert diagnosis.milestone.depends_on == [1]
    assert launch.milestone.due is None
    assert launch.milestone.not_before == date(2027, 1, 1)
    assert launch.milestone.condition == "selon les conclusions du diagnostic"
    assert launch.milestone.depends_on == [2]
    assert len(ptce.partners) == 4


def test_departement_incubator_dated_then_conditional(departement: Convention) -> None:
    incubator = {w.key: w for w in departement.workstreams}["c-incubateur"]
    study, creation = incubator.steps
    assert study.milestone.due == date(2026, 6, 30)
    assert study.milestone.quote == "jusqu'au 30 juin 2026"
    assert creation.milestone.due is None
    assert creation.milestone.not_before is None
    assert "pertinence est validée" in creation.milestone.condition
    assert creation.milestone.depends_on == [1]


def test_departement_deadlines_in_the_coming_weeks(departement: Convention) -> None:
    due = sorted(
        s.milestone.due
        for w in departement.workstreams
        for s in w.steps
        if s.milestone and _is_coming(s.milestone.due)
    )
    assert due == [date(2026, 11, 30), date(2026, 12, 18), date(2026, 12, 31), date(2026, 12, 31)]


def test_departement_reporting_duty(departement: Convention) -> None:
    (duty,) = departement.reporting_duties
    assert duty.party == "cress"
    assert duty.frequency is Frequency.YEARLY
    assert len(duty.indicators) == 4
    assert any("salariés" in i for i in duty.indicators)
    assert duty.perimeters == [
        "région Garonne-Causses",
        "département de la Vère",
        "chacun des six territoires d'action sociale du Département",
    ]


# --- (c) Pays de Marzelle and SCIC Terres & Tables: action sheets and a project grant ------


def test_agglo_parties(agglo: Convention) -> None:
    epci, scic = agglo.parties
    assert epci.organisation.kind is OrganisationKind.EPCI
    assert epci.organisation.siren == "242907418"
    assert epci.mandate.kind is MandateKind.DELIBERATION
    assert epci.mandate.reference == "DC-2026-041"
    assert scic.organisation.kind is OrganisationKind.COOPERATIVE
    assert "SCIC" in scic.organisation.legal_form
    assert scic.organisation.rna is None
    assert scic.mandate.kind is MandateKind.STATUTES


def test_agglo_action_sheets(agglo: Convention) -> None:
    assert [s.number for s in agglo.action_sheets] == [1, 2, 3]
    for sheet in agglo.action_sheets:
        assert sheet.lead == "scic"
        assert sheet.objectives and sheet.context and sheet.description
        assert sheet.expected_results and sheet.impacts
        assert sheet.target_public and sheet.form and sheet.partners and sheet.period
        assert {c.party for c in sheet.commitments} == {"agglo", "scic"}
        assert sheet.budget is not None
    assert agglo.action_sheet(3).starts_on == date(2026, 12, 4)
    assert _is_coming(agglo.action_sheet(3).starts_on)


@pytest.mark.parametrize(
    ("number", "total", "expense_lines", "revenue_lines"),
    [(1, Decimal("108000"), 4, 4), (2, Decimal("45000"), 4, 3)],
)
def test_agglo_sheet_budget_balances(
    agglo: Convention, number: int, total: Decimal, expense_lines: int, revenue_lines: int
) -> None:
    budget = agglo.action_sheet(number).budget
    assert budget.total_expenses == total
    assert budget.total_revenues == total
    assert sum(1 for li in budget.lines if li.side is BudgetSide.EXPENSE) == expense_lines
    assert sum(1 for li in budget.lines if li.side is BudgetSide.REVENUE) == revenue_lines


def test_agglo_third_sheet_on_own_budget(agglo: Convention) -> None:
    budget = agglo.action_sheet(3).budget
    assert budget.lines == []
    assert "budget propre" in budget.note


def test_agglo_grant_matches_the_sheets(agglo: Convention) -> None:
    (grant,) = agglo.grants
    funder = agglo.party("agglo").name
    from_sheets = sum(
        line.amount
        for sheet in agglo.action_sheets
        if sheet.budget
        for line in sheet.budget.lines
        if line.side is BudgetSide.REVENUE and line.funder == funder
    )
    assert from_sheets == grant.total_amount == Decimal("55000.00")
    assert [(y.year, y.amount) for y in grant.years] == [(2026, Decimal("55000.00"))]


def test_agglo_earmarked_project_grant(agglo: Convention) -> None:
    (grant,) = agglo.grants
    assert grant.kind is GrantKind.PROJECT
    assert grant.earmarked
    assert "fiches actions 1 et 2" in grant.purpose
    assert "reversement" in grant.conditions_of_use
    assert "compte rendu financier dans les six mois" in grant.conditions_of_use
    article = {a.number: a for a in agglo.articles}["7"]
    assert article.title == "Compte rendu financier et contrôle"
    assert "six mois" in article.text


def test_agglo_instalments_advance_date_balance(agglo: Convention) -> None:
    advance, interim, balance = agglo.grants[0].instalments
    assert (advance.kind, advance.percent) == (InstalmentKind.ADVANCE, Decimal("50"))
    assert advance.trigger.kind is TriggerKind.ON_SIGNATURE
    assert (interim.kind, interim.percent) == (InstalmentKind.INTERIM, Decimal("30"))
    assert interim.trigger.kind is TriggerKind.ON_DATE
    assert interim.trigger.date == date(2026, 12, 15)
    assert _is_coming(interim.trigger.date)
    assert (balance.kind, balance.percent) == (InstalmentKind.BALANCE, Decimal("20"))
    assert balance.trigger.kind is TriggerKind.ON_DOCUMENTS
    assert [d.kind for d in balance.trigger.documents] == [
        DocumentKind.FINANCIAL_REPORT,
        DocumentKind.ACTIVITY_REPORT,
    ]


def test_agglo_commitments_reference_the_sheets(agglo: Convention) -> None:
    numbers = {s.number for s in agglo.action_sheets}
    referenced = {n for c in agglo.commitments for n in c.action_sheets}
    assert referenced == numbers
    assert {n for d in agglo.communication for n in d.action_sheets} == numbers
    assert agglo.communication[0].logos == ["agglo"]


def test_agglo_term_without_renewal(agglo: Convention) -> None:
    term = agglo.term
    assert term.start_rule is StartRule.FIXED_DATE
    assert (term.start, term.end) == (date(2026, 5, 1), date(2027, 4, 30))
    assert _months_between(term.start, term.end) == term.duration.value == 12
    assert agglo.renewal.kind is RenewalKind.NONE
    assert agglo.termination.notice.label == "2 mois"
    assert agglo.termination.form is NoticeForm.REGISTERED_LETTER
    assert agglo.signed_on == date(2026, 4, 20)


def test_agglo_follow_up_committee(agglo: Convention) -> None:
    committee = agglo.body("comite-suivi")
    assert committee.kind is BodyKind.STEERING
    assert committee.cadence.frequency is Frequency.HALF_YEARLY
    assert committee.secretariat_party == "agglo"
