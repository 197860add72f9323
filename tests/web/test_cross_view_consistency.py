"""One fact, one function: every view shows the same grant, dates and state.

For every sample and both seed conventions, the grant per year and in total, the start,
the end, the state and the next obligations are read back from ``pacte schedule
--json``, ``pacte export registre``, ``GET /api/v1/conventions/{ref}``, the convention
page, the dashboard, the SCDL export and the generated DOCX, and compared with the
rules' single functions (``pacte.rules.facts``).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from django.test import Client
from web_roles import TODAY

from factories import ConventionFactory, PaymentFactory
from pacte.api.services import api_token_create
from pacte.cli import main
from pacte.conventions.models import Convention
from pacte.followup.selectors import events_for, terms_with_amendments, with_followup
from pacte.outputs.documents import generate
from pacte.outputs.scdl import conventions_dated, register_scdl_rows
from pacte.rules.facts import amounts_by_year, grant_figures, grants_total, term_dates
from pacte.rules.obligations import obligations
from pacte.rules.term import state_on
from pacte.terms import Convention as Terms
from pacte.terms import format_amount_fr, format_date_fr
from pacte.web.views.dashboard import dashboard_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(stored, users, dijon: Terms, bas_rhin: Terms) -> list[Convention]:
    """The samples, and both seeds signed (the 2012 one with a fixed start)."""
    ConventionFactory(
        terms__sample=dijon, terms__keep_reference=True, terms__signed_on=date(2009, 5, 15)
    )
    ConventionFactory(
        terms__sample=bas_rhin, terms__keep_reference=True, terms__signed_on=date(2012, 10, 15)
    )
    return list(with_followup(Convention.objects.order_by("reference")))


def _facts(convention: Convention) -> dict:
    events = events_for(convention)
    terms = terms_with_amendments(convention, events)
    figures = grant_figures(terms, events)
    dates = term_dates(terms, events)
    return {
        "terms": terms,
        "events": events,
        "years": amounts_by_year(figures),
        "total": grants_total(figures),
        "start": dates.start,
        "end": dates.end,
        "state": state_on(terms, events, TODAY)[0],
    }


def _day(text: str) -> date | None:
    if not text:
        return None
    day, month, year = text.split("/")
    return date(int(year), int(month), int(day))


def test_every_view_agrees(everything, users, capsys, tmp_path: Path) -> None:
    facts = {c.reference: _facts(c) for c in everything}
    assert len(facts) == 5

    # the register export (CSV)
    assert main(["export", "registre"]) == 0
    rows = list(
        csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")), delimiter=";")
    )
    by_ref = {row["Référence"]: row for row in rows}
    for reference, fact in facts.items():
        row = by_ref[reference]
        assert (_day(row["Début"]), _day(row["Fin"])) == (fact["start"], fact["end"]), reference
        assert Decimal(row["Montant des subventions"].replace(",", ".")) == fact["total"]

    # the API
    _, token = api_token_create(user=users["admin"], name="cohérence")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    listed = {c["reference"]: c for c in api.get("/api/v1/conventions/?limit=100").json()["items"]}
    for reference, fact in facts.items():
        detail = api.get(f"/api/v1/conventions/{reference}").json()
        for answer in (detail, listed[reference]):
            assert Decimal(str(answer["amount"])) == fact["total"], reference
            assert answer["start"] == (fact["start"].isoformat() if fact["start"] else None)
            assert answer["end"] == (fact["end"].isoformat() if fact["end"] else None)
        assert detail["state"] == fact["state"].value
        years: dict[int, Decimal] = defaultdict(Decimal)
        for grant in detail["grants"]:
            for year in grant["years"]:
                years[year["year"]] += Decimal(str(year["amount"]))
        assert dict(years) == fact["years"], reference
        # the next obligations: the API and the rules' calendar, item by item
        until = date(TODAY.year + 1, TODAY.month, 1)
        answered = api.get(
            f"/api/v1/conventions/{reference}/obligations",
            {"on": TODAY.isoformat(), "until": until.isoformat()},
        ).json()
        computed = obligations(fact["terms"], fact["events"], on=TODAY, until=until)
        assert [(o["kind"], o["due"], o["status"]) for o in answered] == [
            (o.kind.value, o.due.isoformat() if o.due else None, o.status.value) for o in computed
        ], reference

    # the convention page
    web = Client()
    web.force_login(users["admin"])
    for reference, fact in facts.items():
        page = web.get(f"/conventions/{reference}/").content.decode()
        for amount in fact["years"].values():
            assert format_amount_fr(amount).replace(" ", "&nbsp;") in page or (
                format_amount_fr(amount) in page
            ), reference
        assert fact["state"].label in page

    # the register page: each convention's total and dates
    register = web.get("/registre/").content.decode()
    for reference, fact in facts.items():
        assert fact["total"] is not None
        assert format_amount_fr(fact["total"]) in register, reference
        if fact["start"] and fact["end"]:
            assert (
                f"du {format_date_fr(fact['start'])} au {format_date_fr(fact['end'])}" in register
            )

    # the dashboard: committed per year, all conventions together
    charts = {chart.key: chart for chart in dashboard_data(Convention.objects.all(), on=TODAY)}
    expected_years: dict[str, Decimal] = defaultdict(Decimal)
    for fact in facts.values():
        for year, amount in fact["years"].items():
            expected_years[str(year)] += amount
    committed = {bar.label: bar.committed for bar in next(iter(charts.values())).bars}
    assert {k: v for k, v in committed.items() if v} == dict(expected_years)

    # the SCDL export: one row per grant and year, the same amounts (a convention whose
    # parties lack the identifiers SCDL requires is skipped, with the reason)
    compared = 0
    for convention in everything:
        reference = convention.reference
        queryset = conventions_dated(year=None).filter(pk=convention.pk)
        skipped: list = []
        amounts = sorted(row.montant for row in register_scdl_rows(queryset, skipped=skipped))
        if skipped:
            assert skipped[0].problems and not amounts
            continue
        compared += 1
        expected = sorted(
            y.amount
            for g in grant_figures(facts[reference]["terms"], facts[reference]["events"])
            for y in g.years
        )
        assert amounts == expected, reference
    assert compared >= 3

    # the generated convention (DOCX parsed back)
    for reference, fact in facts.items():
        target = tmp_path / f"{reference}.docx"
        generate("convention", fact["terms"], target, on=TODAY, events=fact["events"])
        text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        text += "\n".join(
            cell.text
            for table in docx.Document(str(target)).tables
            for row in table.rows
            for cell in row.cells
        )
        for amount in fact["years"].values():
            assert format_amount_fr(amount) in text, reference
        assert fact["total"] is not None and format_amount_fr(fact["total"]) in text

    # the schedule (pacte schedule --json) reads the recorded events, as the API does
    recorded = "ville-saint-gwenael-misb-2026"
    PaymentFactory(
        convention=Convention.objects.get(reference=recorded),
        amount=Decimal("8750"),
        paid_on=date(2026, 3, 16),
        by=users["admin"],
    )
    assert main(["schedule", recorded, "--json", "--on", TODAY.isoformat()]) == 0
    scheduled = [(o["kind"], o["due"], o["status"]) for o in json.loads(capsys.readouterr().out)]
    answered = api.get(
        f"/api/v1/conventions/{recorded}/obligations",
        {"on": TODAY.isoformat(), "until": date(TODAY.year + 1, TODAY.month, TODAY.day)},
    ).json()
    assert scheduled == [(o["kind"], o["due"], o["status"]) for o in answered]
    assert ("payment", "2026-03-02", "done") in scheduled

    # the schedule (pacte schedule --json): the payments add up to each year's amount
    for reference, fact in facts.items():
        assert main(["schedule", reference, "--json", "--until", "2040-12-31"]) == 0
        items = json.loads(capsys.readouterr().out)
        paid_by_year: dict[int, Decimal] = defaultdict(Decimal)
        for item in items:
            if item["kind"] == "payment" and item["amount"]:
                year = int(item["reason"].split(" pour ")[1][:4])
                paid_by_year[year] += Decimal(item["amount"])
        assert dict(paid_by_year) == fact["years"], reference
