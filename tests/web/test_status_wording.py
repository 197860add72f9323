"""A passed notice deadline says what it means: the tacit renewal is acquired."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone
from web_roles import GWENAEL

pytestmark = pytest.mark.django_db

AFTER_DEADLINE = date(2026, 12, 5)
"""The sample convention's last day to give notice before its 1 March 2027 term is
1 December 2026 (three months before, as its article says)."""


def test_a_passed_notice_deadline_says_the_renewal_is_acquired(users, monkeypatch) -> None:
    original = timezone.localdate
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda value=None, timezone=None: (
            AFTER_DEADLINE if value is None and timezone is None else original(value, timezone)
        ),
    )
    client = Client()
    client.force_login(users["agent"])
    page = client.get(f"/conventions/{GWENAEL}/").content.decode()
    assert "passée : reconduction tacite acquise" in page
    assert "sans objet" not in page
