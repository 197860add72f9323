"""The in-process tests of this folder reuse the web fixtures (samples, users, today fixed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

WEB = Path(__file__).resolve().parent.parent / "web"
if str(WEB) not in sys.path:
    sys.path.insert(0, str(WEB))

_spec = importlib.util.spec_from_file_location("web_fixtures_concurrency", WEB / "conftest.py")
web_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(web_fixtures)

today = web_fixtures.today
media_root = web_fixtures.media_root
stored = web_fixtures.stored
users = web_fixtures.users
