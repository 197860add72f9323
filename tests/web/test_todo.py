"""À faire: overdue and coming obligations, grouped by what there is to do, without N+1."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from web_roles import GWENAEL, MARZELLE, TODAY, VERE

from factories import ConventionFactory, MembershipFactory, PaymentFactory
from pacte.accounts.enums import Role
from pacte.conventions.models import Convention
from pacte.web.views.todo import todo_groups

pytestmark = pytest.mark.django_db


def test_groups_in_order_with_their_lines(stored) -> None:
    groups = todo_groups(Convention.objects.all(), on=TODAY)
    assert [g.title for g in groups] == [
        "Versements à effectuer",
        "Documents à réclamer",
        "Instances à réunir",
        "Dates limites de dénonciation",
        "Étapes des dispositifs",
        "Publications en données ouvertes",
    ]
    payments = groups[0]
    assert [line.obligation.due for line in payments.lines] == sorted(
        line.obligation.due for line in payments.lines
    )
    assert all(line.obligation.due <= date(2027, 2, 20) for g in groups for line in g.lines)
    assert payments.overdue == 4


def test_a_partner_reads_what_it_has_to_provide(stored) -> None:
    titles = [g.title for g in todo_groups(Convention.objects.all(), on=TODAY, partner=True)]
    assert "Documents à fournir" in titles and "Versements attendus" in titles


def test_page_links_each_line_to_its_convention_with_its_reason(agent: Client) -> None:
    page = agent.get("/").content.decode()
    assert "<h1>À faire</h1>" in page
    assert f'href="/conventions/{GWENAEL}/#obligations"' in page
    assert "Versements à effectuer" in page and "Pourquoi : article 4" in page
    assert "Dernier jour pour dénoncer la convention avant le terme du 1er mars 2027" in page
    assert VERE not in page and MARZELLE not in page


def test_a_payment_recorded_leaves_a_faire(agent: Client, users, stored) -> None:
    assert "Acompte 2026 (70 %)" in agent.get("/").content.decode()
    PaymentFactory(
        convention=stored[GWENAEL],
        amount=Decimal("8750"),
        paid_on=date(2026, 3, 16),
        by=users["agent"],
    )
    assert "Acompte 2026 (70 %)" not in agent.get("/").content.decode()


def test_nothing_to_do_is_said(stored) -> None:
    membership = MembershipFactory(
        role=Role.AGENT, organisation__name="Ville sans convention", organisation__kind="commune"
    )
    client = Client()
    client.force_login(membership.user)
    assert "Rien à faire d'ici au" in client.get("/").content.decode()


@pytest.fixture
def thirty(stored, users) -> None:
    for convention in ConventionFactory.create_batch(30):  # the Ville sample, 30 times more
        PaymentFactory(
            convention=convention,
            amount=Decimal("100"),
            paid_on=date(2026, 3, 16),
            by=users["admin"],
        )


def test_a_faire_with_thirty_conventions_has_no_n_plus_one(
    admin: Client, thirty, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(45):
        page = admin.get("/").content.decode()
    assert page.count('href="/conventions/copie-') >= 30


def test_register_with_thirty_conventions_has_no_n_plus_one(
    admin: Client, thirty, django_assert_max_num_queries
) -> None:
    admin.get("/compte/")  # the first page after logging in renews the session
    # the stored calendars checked, and today's states of the page read: two more queries
    with django_assert_max_num_queries(14):
        page = admin.get("/registre/").content.decode()
    assert "33 conventions" in page


def test_every_kind_has_a_section_and_every_section_a_heading() -> None:
    from pacte.followup.models import SECTIONS
    from pacte.rules.obligations import ObligationKind
    from pacte.web.views.todo import GROUPS

    assert set(SECTIONS) == set(ObligationKind)
    assert set(SECTIONS.values()) == {group.key for group in GROUPS}
    assert len({group.slug for group in GROUPS}) == len(GROUPS)


def test_a_section_page_lists_every_line_page_by_page(
    admin: Client, thirty, monkeypatch, django_assert_max_num_queries
) -> None:
    monkeypatch.setattr("pacte.web.views.todo.PAGE_SIZE", 7)
    home = todo_groups(Convention.objects.all(), on=TODAY)
    payments = next(g for g in home if g.key == "payments")
    assert payments.count > 7
    seen = []
    pages = -(-payments.count // 7)
    admin.get("/compte/")  # the first page after logging in renews the session
    for number in range(1, pages + 1):
        # a fixed number whatever the page: the filter's organisations, and the parties
        # (with their organisations) of the page's conventions, read once each
        with django_assert_max_num_queries(14):
            page = admin.get("/a-faire/versements/", {"page": number}).content.decode()
        seen += re.findall(r'href="/conventions/([^/]+)/#obligations"', page)
        assert f"{number} / {pages}" in page
    assert len(seen) == payments.count
    assert f"<strong>{payments.count} obligations</strong>" in page
    assert "Versements à effectuer" in page


def test_the_home_page_links_a_cut_section_to_its_page(admin: Client, thirty, monkeypatch) -> None:
    monkeypatch.setattr("pacte.web.views.todo.SHOWN", 2)
    page = admin.get("/").content.decode()
    assert 'href="/a-faire/versements/"' in page
    assert "Les 2 premières par date sont affichées" in page


def test_an_unknown_section_is_a_french_404(admin: Client) -> None:
    response = admin.get("/a-faire/inconnue/")
    assert response.status_code == 404


def test_pages_link_to_each_other_and_keep_the_filters(admin: Client, thirty, monkeypatch) -> None:
    first = admin.get("/registre/", {"reconduction": "tacit"}).content.decode()
    assert "1 / 2" in first and 'href="?reconduction=tacit&amp;page=2"' in first
    second = admin.get("/registre/", {"reconduction": "tacit", "page": 2}).content.decode()
    assert "2 / 2" in second and 'href="?reconduction=tacit&amp;page=1"' in second
    monkeypatch.setattr("pacte.web.views.todo.PAGE_SIZE", 7)
    section = admin.get("/a-faire/versements/").content.decode()
    assert 'href="?page=2"' in section and "Page précédente" not in section
