"""The API under generated input: never an HTTP 500.

Two fuzzers: schemathesis, which reads ``/api/v1/openapi.json`` and calls every
operation (all paths, all methods) through the WSGI application; and a fuzz of our own
on the write endpoints of a real convention, with hypothesis: sizes, bounds, control
characters, lone surrogates, numbers of every shape, in every field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from web_roles import GWENAEL

from pacte.config.wsgi import application

schemathesis = pytest.importorskip("schemathesis")

pytestmark = pytest.mark.django_db

API = "/api/v1"
with override_settings(ALLOWED_HOSTS=["localhost"]):  # schemathesis' WSGI host
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", application)
FUZZ = settings(
    max_examples=20,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)


@pytest.fixture
def token(users, settings) -> Iterator[str]:
    """An administrator's token; the test's connection kept open across the WSGI calls
    (as Django's test client does: its transaction is the test's)."""
    from pacte.api.services import api_token_create

    settings.ALLOWED_HOSTS = ["*"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield api_token_create(user=users["admin"], name="fuzz")[1]
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@FUZZ
def test_schemathesis_finds_no_server_error(case, token) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text[:500])


TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cs", "Co"]), max_size=5),
    st.just("x" * 300),
    st.just("\x00"),
)
NUMBER = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["NaN", "-Infinity", "1e400", "12.345", "1" * 200, "0", "-5", "99999999999"]),
)
DATE = st.one_of(
    st.dates().map(str),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "2026-11-02", "", "demain"]),
)
VALUE = st.one_of(TEXT, NUMBER, DATE, st.none(), st.booleans(), st.lists(st.integers(), max_size=3))
WRITES = {
    "payments": ("amount", "paid_on", "grant", "year", "reference"),
    "events/signature": ("party", "signed_on"),
    "events/meeting": ("body", "held_on", "minutes_received_on"),
    "events/notice": ("party", "sent_on", "received_on"),
    "events/renewal": ("decided_on", "note"),
}


@pytest.mark.parametrize("endpoint", sorted(WRITES))
def test_our_fuzz_finds_no_server_error(endpoint, clients) -> None:
    agent = clients["agent"]
    url = f"{API}/conventions/{GWENAEL}/{endpoint}"
    fields = WRITES[endpoint]

    @FUZZ
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(fields, VALUE)))
    def post(body: dict) -> None:
        raw = json.dumps(body, ensure_ascii=True).encode()
        response = agent.generic("POST", url, raw, content_type="application/json")
        assert response.status_code < 500, (body, response.content[:300])
        assert response.status_code in (201, 400, 422), (body, response.content[:300])
        assert response.json()["detail"] if response.status_code != 201 else True

    post()
