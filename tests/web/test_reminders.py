"""E-mail reminders, received by a real SMTP server started here (aiosmtpd).

The expected contents come from the rules (``obligations_for``), not from the stored
rows the mails are built from: the digest must list exactly what the calendar says is
overdue or due within 30 days, for the conventions the user may see.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage as Message

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.test import Client
from web_roles import TODAY, VISIBLE

from pacte.accounts.selectors import conventions_visible_to
from pacte.cli import main
from pacte.followup.models import StoredObligation
from pacte.followup.selectors import obligations_for
from pacte.reminders.models import ReminderSent, ReminderSettings
from pacte.reminders.services import reminders_send
from pacte.rules.obligations import ObligationKind, Status

pytestmark = pytest.mark.django_db

RECIPIENTS = ("agent", "partner_x", "admin")


class Inbox:
    """What the SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.PACTE_BASE_URL = "https://pacte.exemple.fr"
    yield inbox
    controller.stop()


@pytest.fixture
def addressed(users) -> dict[str, object]:
    for name in RECIPIENTS:
        users[name].email = f"{name}@exemple.fr"
        users[name].save()
    return users


def _body(message: Message) -> str:
    return str(message.get_content())


def _expected_digest(user, on: date, *, documents_only: bool) -> list[tuple[str, str]]:
    """(reference, title) of what the rules say is overdue or due within 30 days."""
    wanted = []
    for calendar in obligations_for(conventions_visible_to(user), on=on, until=on + timedelta(30)):
        for item in calendar.obligations:
            if item.status not in (Status.OVERDUE, Status.DUE, Status.UPCOMING):
                continue
            documents = item.kind in (
                ObligationKind.SUPPORTING_DOCUMENT,
                ObligationKind.FINANCIAL_REPORT,
                ObligationKind.MINUTES,
            )
            if documents_only and not documents:
                continue
            wanted.append((calendar.convention.reference, item.title))
    return sorted(wanted)


def _listed(body: str, user) -> list[tuple[str, str]]:
    """(reference, title) of the digest's lines, read back from the mail's text."""
    lines = body.splitlines()
    found = []
    for number, line in enumerate(lines):
        if line.startswith("- ") and " : " in line:
            title = line.split(" : ", 1)[1]
            title = title.rsplit(" (", 1)[0] if title.endswith("€)") else title
            reference = lines[number + 1].rstrip("/").rsplit("/", 1)[1]
            found.append((reference, title))
    return sorted(found)


def test_the_digest_lists_what_the_rules_say_and_reaches_the_server(smtp, addressed) -> None:
    report = reminders_send(on=TODAY)
    assert report.failed == []
    agent = smtp.to("agent@exemple.fr")
    digests = [m for m in agent if "votre semaine" in m["Subject"]]
    assert len(digests) == 1
    body = _body(digests[0])
    assert _listed(body, addressed["agent"]) == _expected_digest(
        addressed["agent"], TODAY, documents_only=False
    )
    assert "Versements à effectuer" in body and "22 novembre 2026" in body
    assert "€) (" not in body  # an amount the title gives is not repeated
    assert "https://pacte.exemple.fr/conventions/" in body
    # the partner hears of the documents to provide, worded for them, nothing else
    partner = [m for m in smtp.to("partner_x@exemple.fr") if "votre semaine" in m["Subject"]]
    expected = _expected_digest(addressed["partner_x"], TODAY, documents_only=True)
    if expected:
        assert _listed(_body(partner[0]), addressed["partner_x"]) == expected
        assert "Documents à fournir" in _body(partner[0])
        assert "Versements" not in _body(partner[0])
    # every mail says how to stop, in its body and its headers
    token = ReminderSettings.objects.get(user=addressed["agent"]).unsubscribe_token
    for message in agent:
        assert f"/rappels/desabonnement/{token}/" in _body(message)
        assert message["List-Unsubscribe"].strip() == (
            f"<https://pacte.exemple.fr/rappels/desabonnement/{token}/>"
        )
    # the admin sees every convention, the reader is not written to
    assert smtp.to("admin@exemple.fr")
    assert report.sent == len(smtp.messages)


def test_a_second_run_sends_nothing_again(smtp, addressed) -> None:
    first = reminders_send(on=TODAY)
    count = len(smtp.messages)
    assert first.sent == count > 0
    again = reminders_send(on=TODAY)
    assert again.sent == 0 and again.already == count
    assert len(smtp.messages) == count
    # TODAY is a Sunday: the next day opens a new week, and a new digest
    assert TODAY.isoweekday() == 7
    reminders_send(on=TODAY + timedelta(days=1))
    new = [m["To"] for m in smtp.messages[count:] if "votre semaine" in m["Subject"]]
    assert sorted(new) == ["admin@exemple.fr", "agent@exemple.fr"]


def test_a_crash_mid_run_never_sends_a_reminder_twice(smtp, addressed, monkeypatch) -> None:
    from django.core.mail import EmailMessage

    original = EmailMessage.send
    calls = {"n": 0}

    def flaky(self, fail_silently=False):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the process stopped while sending the third
        return original(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    with pytest.raises(KeyboardInterrupt):
        reminders_send(on=TODAY)
    assert len(smtp.messages) == 2
    monkeypatch.setattr(EmailMessage, "send", original)
    reminders_send(on=TODAY)
    sent = [(m["To"], m["Subject"]) for m in smtp.messages]
    assert len(sent) == len(set(sent))
    assert len(sent) == ReminderSent.objects.count()


def test_a_refused_delivery_is_tried_again_next_run(settings, addressed) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 2
    report = reminders_send(on=TODAY)
    assert report.sent == 0 and report.failed
    assert "agent@exemple.fr : envoi refusé" in " ".join(report.failed)
    assert not ReminderSent.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders_send(on=TODAY).sent == len(mail.outbox) > 0


def _agent_payment_due_later(users) -> StoredObligation:
    rows = StoredObligation.objects.filter(
        convention__reference__in=VISIBLE["agent"],
        kind__in=[ObligationKind.PAYMENT, ObligationKind.NOTICE_DEADLINE, ObligationKind.MEETING],
        due__gt=TODAY + timedelta(days=40),
        terminal="",
    ).order_by("due")
    row = rows.first()
    assert row is not None
    return row


def test_alerts_thirty_then_seven_days_ahead_once_each(addressed) -> None:
    row = _agent_payment_due_later(addressed)
    due = row.act_by or row.due

    def alerts_on(day: date) -> list[str]:
        before = len(mail.outbox)
        reminders_send(on=day)
        return [
            m.subject
            for m in mail.outbox[before:]
            if m.to == ["agent@exemple.fr"] and "échéance" in m.subject
        ]

    assert not [s for s in alerts_on(due - timedelta(days=31)) if row.title in s]
    assert [s for s in alerts_on(due - timedelta(days=30)) if row.title in s]
    assert not [s for s in alerts_on(due - timedelta(days=29)) if row.title in s]
    seven = [s for s in alerts_on(due - timedelta(days=5)) if row.title in s]  # missed d-7
    assert len(seven) == 1
    assert not [s for s in alerts_on(due - timedelta(days=4)) if row.title in s]
    assert "Échéance dans 5 jours" in next(
        m.body for m in reversed(mail.outbox) if m.subject == seven[0]
    )


def test_preferences_on_my_account(addressed) -> None:
    client = Client()
    client.force_login(addressed["agent"])
    page = client.get("/compte/").content.decode()
    assert "Rappels par courriel" in page and "agent@exemple.fr" in page
    refused = client.post(
        "/compte/rappels/", {"weekly_digest": "on", "alerts": "on", "alert_days": "trente"}
    )
    assert refused.status_code == 400
    assert "« trente » n&#x27;est pas un nombre de jours entier." in refused.content.decode()
    assert not ReminderSettings.objects.filter(user=addressed["agent"]).exists()
    saved = client.post("/compte/rappels/", {"alerts": "on", "alert_days": "15; 60"})
    assert saved.status_code == 302
    prefs = ReminderSettings.objects.get(user=addressed["agent"])
    assert (prefs.weekly_digest, prefs.alerts, prefs.alert_days) == (False, True, "60, 15")
    reminders_send(on=TODAY)
    assert not [m for m in mail.outbox if m.to == ["agent@exemple.fr"] and "semaine" in m.subject]


def test_the_unsubscribe_link_works_without_logging_in_and_a_get_changes_nothing(
    addressed,
) -> None:
    reminders_send(on=TODAY)
    prefs = ReminderSettings.objects.get(user=addressed["agent"])
    url = f"/rappels/desabonnement/{prefs.unsubscribe_token}/"
    anonymous = Client()
    shown = anonymous.get(url)
    assert shown.status_code == 200 and "agent@exemple.fr" in shown.content.decode()
    prefs.refresh_from_db()
    assert prefs.weekly_digest and prefs.alerts
    assert anonymous.post(url).status_code == 200
    prefs.refresh_from_db()
    assert not prefs.weekly_digest and not prefs.alerts
    assert anonymous.get("/rappels/desabonnement/inconnu/").status_code == 404
    before = len(mail.outbox)
    reminders_send(on=TODAY + timedelta(days=7))
    assert not [m for m in mail.outbox[before:] if m.to == ["agent@exemple.fr"]]


def test_the_command_lists_without_sending(addressed, capsys) -> None:
    assert main(["reminders", "--on", TODAY.isoformat(), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "agent@exemple.fr : Pacte — votre semaine" in out
    assert "seraient envoyés le 22 novembre 2026" in out
    assert not ReminderSent.objects.exists() and not mail.outbox


def test_a_partner_hears_only_of_the_documents_to_provide(smtp, addressed) -> None:
    row = (
        StoredObligation.objects.filter(
            convention__reference__in=VISIBLE["partner_x"], section="documents", due__gt=TODAY
        )
        .order_by("due")
        .first()
    )
    assert row is not None and row.due is not None
    on = row.due - timedelta(days=10)
    reminders_send(on=on)
    digests = [m for m in smtp.to("partner_x@exemple.fr") if "votre semaine" in m["Subject"]]
    assert len(digests) == 1
    body = _body(digests[0])
    assert "Documents à fournir" in body and "Versements" not in body
    assert _listed(body, addressed["partner_x"]) == _expected_digest(
        addressed["partner_x"], on, documents_only=True
    )


def test_the_planning_examples_hold() -> None:
    import doctest

    from pacte.reminders import planning

    result = doctest.testmod(planning)
    assert result.attempted >= 5 and result.failed == 0


def test_the_background_task_sends_the_same_reminders(smtp, addressed) -> None:
    """``pacte.reminders_send``, the task the scheduler queues each morning (run in
    process here, as without a broker): the same mails as the service, counted."""
    from pacte.tasks import app, configure
    from pacte.tasks import reminders_send as task

    configure(app, "")
    sent = task.delay(on=TODAY.isoformat()).get()

    assert sent == len(smtp.messages) > 0
    assert any("votre semaine" in m["Subject"] for m in smtp.to("agent@exemple.fr"))
    assert reminders_send(on=TODAY).sent == 0  # recorded: nothing is sent twice
