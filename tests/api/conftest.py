"""The API tests reuse the web fixtures (samples stored, one user per role, today fixed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from django.test import Client

WEB = Path(__file__).resolve().parent.parent / "web"
if str(WEB) not in sys.path:
    sys.path.insert(0, str(WEB))

_spec = importlib.util.spec_from_file_location("web_fixtures", WEB / "conftest.py")
web_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(web_fixtures)

today = web_fixtures.today
media_root = web_fixtures.media_root
stored = web_fixtures.stored
users = web_fixtures.users

ROLES = ("anonymous", "agent", "partner_x", "partner_y", "reader", "admin")


@pytest.fixture
def clients(users) -> dict[str, Client]:
    """One API client per role, authenticated by a fresh token (none for anonymous)."""
    from pacte.api.services import api_token_create

    result = {"anonymous": Client()}
    for name, user in users.items():
        _, clear = api_token_create(user=user, name="tests")
        result[name] = Client(HTTP_AUTHORIZATION=f"Bearer {clear}")
    return result
