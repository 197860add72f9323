"""Every URL of the application, walked as every role: who may see and do what.

A partner never sees another organisation's convention (404, as for an unknown one); a
reader reads but records nothing (403); an anonymous visitor is sent to the login page.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from web_roles import GWENAEL, MARZELLE, VERE, VISIBLE

from factories import DocumentReceivedFactory, MeetingFactory
from pacte.accounts.services import calendar_feed_regenerate
from pacte.followup.models import Payment
from pacte.web.followup_actions import ACTIONS
from pacte.web.urls import urlpatterns
from pacte.web.views.todo import GROUPS

pytestmark = pytest.mark.django_db

CONVENTIONS = (GWENAEL, VERE, MARZELLE)
ACTS = {"agent": {a.key for a in ACTIONS}, "admin": {a.key for a in ACTIONS}}
ACTS |= {"partner_x": {"document"}, "partner_y": {"document"}, "reader": set()}
ACTS["anonymous"] = set()


@pytest.fixture
def files(stored, users) -> dict[str, dict[str, int]]:
    """A document and a meeting with minutes on every convention."""
    result = {}
    for reference, convention in stored.items():
        document = DocumentReceivedFactory(
            convention=convention,
            kind="activity_report",
            received_on=date(2026, 11, 2),
            with_file=True,
            by=users["admin"],
        )
        # the convention's first governing body
        meeting = MeetingFactory(
            convention=convention, held_on=date(2026, 10, 6), with_minutes=True, by=users["admin"]
        )
        result[reference] = {"document_file": document.pk, "meeting_minutes": meeting.pk}
    return result


def names() -> set[str]:
    return {p.name for p in urlpatterns if isinstance(p, URLPattern)}


def test_every_named_url_is_walked() -> None:
    walked = {
        "todo",
        "todo_section",
        "calendars_refresh",
        "register",
        "account",
        "calendar_regenerate",
        "calendar_revoke",
        "calendar_feed",
        "login",
        "logout",
        # walked in test_two_factor.py
        "login_code",
        "second_factor_begin",
        "second_factor_qr",
        "second_factor_confirm",
        "second_factor_disable",
        "convention",
        "convention_action",
        "document_file",
        "meeting_minutes",
        # walked as each role in test_convention_documents.py
        "generated_document",
        "payment_request_document",
        "amendment_document",
        "amendment_file",
        "source_document",
        # walked as each role in test_register.py (the API in tests/api)
        "register_export",
        "api_token_create",
        "api_token_revoke",
        # walked in test_public_service.py
        "accessibility",
        "legal_notice",
        "personal_data",
        "cookies",
        "sitemap",
        # walked in test_reminders.py
        "reminders_update",
        "reminders_unsubscribe",
        # walked as each role in test_sessions.py
        "sessions",
        "session",
        "session_attendance",
        "deliberation_extract",
        # walked as each role in test_imports.py and test_dashboard.py
        "import_list",
        "import_draft",
        "import_confirm",
        "import_reject",
        "dashboard",
        # walked as each role in test_observatory.py
        "observatory",
        "observatory_export",
        "observatory_attach",
        "ptce",
        "ptce_choose",
        "ptce_note",
        # walked in test_import_batch.py
        "import_batch",
        # walked as each role in test_agent_in_charge.py
        "convention_agent",
        # walked as each role in tests/calls/test_calls_web.py
        "calls",
        "call",
        "call_balance",
        "call_committee",
        "call_orientations",
        "call_application",
        "call_application_action",
        "review",
        "public_call",
        "call_apply",
        "my_application",
        "call_document",
        "call_minutes",
        "decision_letter",
        "fund_new",
        "call_new",
        "application_file",
    }
    assert names() == walked
    assert get_resolver().resolve("/conventions/x/").url_name == "convention"


def client_as(role: str, users) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


ROLES = ("anonymous", "agent", "partner_x", "partner_y", "reader", "admin")


@pytest.mark.parametrize("role", ROLES)
def test_pages_of_conventions(role: str, users, files) -> None:
    client = client_as(role, users)
    for reference in CONVENTIONS:
        urls = [reverse("convention", args=[reference])] + [
            reverse(name, args=[reference, pk]) for name, pk in files[reference].items()
        ]
        for url in urls:
            response = client.get(url)
            status = response.status_code
            if response.streaming:
                # reading to the end closes the file (the test client's wrapper)
                b"".join(response.streaming_content)
            if role == "anonymous":
                assert status == 302, url
            elif reference in VISIBLE[role]:
                assert status == 200, (role, url)
            else:
                assert status == 404, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_actions_of_conventions(role: str, users, stored) -> None:
    """An empty form is refused (400) where the role may act, so nothing is recorded here."""
    client = client_as(role, users)
    for reference in CONVENTIONS:
        for action in ACTIONS:
            url = reverse("convention_action", args=[reference, action.slug])
            status = client.post(url, {}).status_code
            if role == "anonymous":
                expected = 302
            elif reference not in VISIBLE[role]:
                expected = 404
            elif action.key in ACTS[role]:
                expected = 400
            else:
                expected = 403
            assert status == expected, (role, reference, action.key)
            opened = client.get(url)
            if role == "anonymous":
                assert opened.status_code == 302 and "/connexion/" in opened["Location"]
            elif reference not in VISIBLE[role]:
                assert opened.status_code == 404
            else:  # the address opened directly leads to the form on the convention's page
                assert opened["Location"] == f"/conventions/{reference}/#action-{action.key}"


@pytest.mark.parametrize("role", ROLES)
def test_lists_feed_and_account_show_only_what_the_role_may_see(role: str, users, stored) -> None:
    client = client_as(role, users)
    pages = {name: client.get(reverse(name)) for name in ("todo", "register", "account")}
    for group in GROUPS:
        pages[group.slug] = client.get(reverse("todo_section", args=[group.slug]))
    if role == "anonymous":
        assert all(r.status_code == 302 for r in pages.values())
        assert client.get(reverse("login")).status_code == 200
        assert client.post(reverse("calendar_regenerate")).status_code == 302
        assert client.post(reverse("logout")).status_code == 302
        return
    feed = calendar_feed_regenerate(user=users[role])
    pages["calendar_feed"] = Client().get(reverse("calendar_feed", args=[feed.token]))
    for name, response in pages.items():
        assert response.status_code == 200, name
        content = response.content.decode()
        for reference in CONVENTIONS:
            if reference not in VISIBLE[role]:
                assert reference not in content, (role, name, reference)
    for reference in VISIBLE[role]:
        assert reference in pages["register"].content.decode()
    assert client.post(reverse("calendar_revoke")).status_code == 302
    assert client.get(reverse("calendar_revoke")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_the_refresh_button_reaches_only_what_the_role_sees(role: str, users, stored) -> None:
    """Every calendar made stale; the button recomputes those of the conventions visible."""
    from pacte.followup.models import StoredState

    StoredState.objects.update(computed_until=date(2026, 1, 1))
    response = client_as(role, users).post(reverse("calendars_refresh"))
    assert response.status_code == 302
    fresh = set(
        StoredState.objects.filter(computed_until__gt=date(2026, 1, 1)).values_list(
            "convention__reference", flat=True
        )
    )
    assert fresh == (set() if role == "anonymous" else set(VISIBLE[role]))


def test_reader_records_nothing_even_with_a_valid_form(users, stored) -> None:
    client = client_as("reader", users)
    url = reverse("convention_action", args=[VERE, "versement"])
    response = client.post(
        url,
        {
            "payment-grant": "fonctionnement",
            "payment-amount": "10",
            "payment-paid_on": "2026-11-02",
        },
    )
    assert response.status_code == 403
    assert not Payment.objects.exists()


def test_partner_sees_no_action_form_but_the_document_one(users, stored) -> None:
    page = client_as("partner_x", users).get(reverse("convention", args=[GWENAEL])).content.decode()
    assert 'aria-controls="action-document"' in page
    assert 'aria-controls="action-payment"' not in page
    reader = client_as("reader", users).get(reverse("convention", args=[VERE])).content.decode()
    assert "Enregistrer un événement" not in reader
