"""A read never writes, and the views never build a query.

Pages, exports, generated documents, the calendar feed and the API answer a GET by
reading what the services stored; a calendar stored too short is announced on the page
(``_stale.html``) and recomputed by the services (after every record, ``migrate``,
``pacte serve``, the nightly job, or the page's button), never by the read itself.
The only writes a read may make are a credential's last use (the calendar feed's and
an API token's, as a login's date) and the user's own session.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from web_roles import TODAY, VISIBLE

from pacte.accounts.services import calendar_feed_regenerate
from pacte.api.services import api_token_create
from pacte.followup.models import StoredObligation, StoredState
from pacte.web.views.todo import GROUPS

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
ALLOWED_TABLES = ("django_session", "accounts_calendarfeed", "api_apitoken")
VIEWS = Path(__file__).parents[2] / "src" / "pacte" / "web" / "views"
API = Path(__file__).parents[2] / "src" / "pacte" / "api" / "api.py"


def _writes(queries) -> list[str]:
    return [
        q["sql"][:120]
        for q in queries
        if WRITE.match(q["sql"]) and not any(table in q["sql"] for table in ALLOWED_TABLES)
    ]


def _reads(role: str, stored) -> list[str]:
    urls = [reverse("todo"), reverse("register"), reverse("dashboard"), reverse("account")]
    urls += [reverse("todo_section", args=[g.slug]) for g in GROUPS]
    urls += [reverse("todo_section", args=[GROUPS[0].slug]) + "?attente=1"]
    urls += [reverse("register") + "?etat=in_force&tri=-amount&annee=2026&montant_min=1"]
    urls += [reverse("register_export", args=[fmt]) for fmt in ("csv", "xlsx")]
    urls += [reverse("sessions"), "/api/v1/conventions/", "/api/v1/obligations/"]
    urls += [reverse("observatory"), reverse("ptce"), "/api/v1/observatory/snapshots"]
    for reference in VISIBLE[role]:
        urls += [
            reverse("convention", args=[reference]),
            reverse("generated_document", args=[reference, "convention", "docx"]),
            f"/api/v1/conventions/{reference}",
            f"/api/v1/conventions/{reference}/obligations",
            f"/api/v1/conventions/{reference}/payments",
            f"/api/v1/conventions/{reference}/documents",
            f"/api/v1/conventions/{reference}/events",
        ]
    return urls


@pytest.mark.parametrize("role", ["admin", "partner_x", "reader"])
def test_no_read_writes_even_with_stale_calendars(role: str, users, stored) -> None:
    StoredState.objects.update(computed_until=TODAY)  # every calendar short
    StoredObligation.objects.filter(convention__reference=sorted(stored)[0]).delete()
    StoredState.objects.filter(convention__reference=sorted(stored)[0]).delete()
    client = Client()
    client.force_login(users[role])
    feed = calendar_feed_regenerate(user=users[role])
    _, token = api_token_create(user=users[role], name="lecture")
    before = (StoredObligation.objects.count(), list(StoredState.objects.values_list()))
    for url in _reads(role, stored):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200, (url, response.status_code)
        assert _writes(queries) == [], url
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(reverse("calendar_feed", args=[feed.token])).status_code == 200
    assert _writes(queries) == []
    assert (StoredObligation.objects.count(), list(StoredState.objects.values_list())) == before


QUERY_METHODS = {
    "filter",
    "exclude",
    "annotate",
    "aggregate",
    "select_related",
    "prefetch_related",
    "values_list",
    "order_by",
    "distinct",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "get_object_or_404",
}


def _queries_built(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{path.name}:{node.lineno} .objects")
        elif isinstance(node, ast.Attribute) and node.attr in QUERY_METHODS:
            found.append(f"{path.name}:{node.lineno} .{node.attr}()")
        elif isinstance(node, ast.Name) and (
            node.id in QUERY_METHODS | {"Q", "F", "Count"} or node.id.endswith("_PREFETCH")
        ):
            found.append(f"{path.name}:{node.lineno} {node.id}")
    return found


def test_views_build_no_query_they_call_selectors() -> None:
    """Queries are built in the apps' ``selectors`` (reads) and ``services`` (writes)."""
    found = [hit for path in sorted(VIEWS.glob("*.py")) for hit in _queries_built(path)]
    assert found == [], found
    assert _queries_built(API) == []


def test_the_guard_sees_a_query(tmp_path: Path) -> None:
    sample = tmp_path / "view.py"
    sample.write_text(
        "def v(r):\n    return Convention.objects.filter(pk=1).order_by('x')\n", encoding="utf-8"
    )
    assert sorted(_queries_built(sample)) == [
        "view.py:2 .filter()",
        "view.py:2 .objects",
        "view.py:2 .order_by()",
    ]
