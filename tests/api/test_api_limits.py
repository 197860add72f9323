"""Bad input at the API: each a 4xx with a French message naming the field, never a 500;
and the ``Idempotency-Key`` header on writes."""

from __future__ import annotations

import json

import pytest
from web_roles import GWENAEL

from pacte.api.models import IdempotencyKey
from pacte.followup.models import Payment, RenewalDecision

pytestmark = pytest.mark.django_db

API = "/api/v1"
PAYMENTS = f"{API}/conventions/{GWENAEL}/payments"
GOOD = {"amount": "1500", "paid_on": "2026-11-02", "grant": "subvention-2026", "reference": "M-1"}


def _post(client, url: str, body: object, **headers: str):
    return client.post(url, body, content_type="application/json", headers=headers)


def _raw(client, url: str, data: bytes):
    return client.generic("POST", url, data, content_type="application/json")


def _refused(response, status: int, field: str | None) -> dict:
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert body["detail"], body
    if field is not None:
        assert body["field"] == field, body
        assert f"« {field} »" in body["detail"], body
    return body


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"amount": "1000000000000"}, "amount", "trop grande"),
        ({"amount": "100000000000"}, "amount", "trop grande"),
        ({"amount": "NaN"}, "amount", "nombre fini"),
        ({"amount": "Infinity"}, "amount", "nombre fini"),
        ({"amount": "12.345"}, "amount", "deux décimales"),
        ({"reference": "R" * 300}, "reference", "255 caractères au plus"),
        ({"reference": "mandat\x00 12"}, "reference", "Caractère de contrôle"),
        ({"grant": "g" * 61}, "grant", "60 caractères au plus"),
        ({"paid_on": "0001-01-01"}, "paid_on", "pas plausible"),
        ({"paid_on": "2201-01-01"}, "paid_on", "pas plausible"),
        ({"paid_on": "2026-02-30"}, "paid_on", "Date invalide"),
        ({"year": 1}, "year", "trop petite"),
        ({"year": 10**30}, "year", "trop grande"),
        ({"amount": True}, "amount", None),
    ],
)
def test_bad_payment_fields_are_refused_in_french(clients, change, field, words) -> None:
    body = _refused(_post(clients["agent"], PAYMENTS, {**GOOD, **change}), 422, field)
    if words:
        assert words in body["detail"], body
    assert not Payment.objects.exists()


def test_a_lone_surrogate_is_refused(clients) -> None:
    # JSON may escape a lone surrogate; it is not Unicode text and no column can hold it
    raw = json.dumps({**GOOD, "reference": "x"}).replace('"x"', '"\\ud800"').encode()
    body = _refused(_raw(clients["agent"], PAYMENTS, raw), 422, "reference")
    assert "Unicode valide" in body["detail"]
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [
        b'{"amount": "15\xff00", "paid_on": "2026-11-02"}',  # not UTF-8
        b'{"amount": ',  # cut
        b"\x00\x00\x00",
        b"[1, 2]",
        b'"texte"',
    ],
)
def test_unreadable_bodies_are_refused_in_french(clients, raw) -> None:
    response = _raw(clients["agent"], PAYMENTS, raw)
    assert response.status_code in (400, 422), response.content[:300]
    detail = response.json()["detail"]
    assert "illisible" in detail or "Objet JSON attendu" in detail or "invalides" in detail
    assert not Payment.objects.exists()


def test_a_body_over_the_limit_is_refused_with_413(clients, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, 2,5 Mo
    raw = json.dumps({**GOOD, "reference": "x" * 3_000_000}).encode()
    response = _raw(clients["agent"], PAYMENTS, raw)
    assert response.status_code == 413, response.content[:300]
    assert "trop volumineux" in response.json()["detail"]
    assert "2,5 Mo" in response.json()["detail"]
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        f"{API}/conventions/abc%00def",
        f"{API}/conventions/{'x' * 300}",
        f"{API}/conventions/%ED%A0%80",  # a surrogate encoded in UTF-8: not valid UTF-8
        f"{API}/conventions/{GWENAEL}/obligations?on=0001-01-01",
        f"{API}/obligations/?until=9999-12-31",
        f"{API}/conventions/?limit=0",
        f"{API}/conventions/?offset=-1",
    ],
)
def test_bad_paths_and_queries_are_4xx(clients, path) -> None:
    response = clients["agent"].get(path)
    assert 400 <= response.status_code < 500, (path, response.content[:300])
    assert response.json()["detail"]


def test_event_fields_are_bounded(clients) -> None:
    agent = clients["agent"]
    renewal = f"{API}/conventions/{GWENAEL}/events/renewal"
    _refused(_post(agent, renewal, {"decided_on": "2026-11-02", "note": "n" * 2001}), 422, "note")
    _refused(_post(agent, renewal, {"decided_on": "1899-12-31"}), 422, "decided_on")
    meeting = f"{API}/conventions/{GWENAEL}/events/meeting"
    _refused(_post(agent, meeting, {"body": "copil\x00", "held_on": "2026-11-02"}), 422, "body")
    assert not RenewalDecision.objects.exists()


def test_a_retry_with_the_same_key_writes_once(clients) -> None:
    agent = clients["agent"]
    first = _post(agent, PAYMENTS, GOOD, **{"Idempotency-Key": "paiement-42"})
    again = _post(agent, PAYMENTS, GOOD, **{"Idempotency-Key": "paiement-42"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Payment.objects.count() == 1
    other = _post(agent, PAYMENTS, GOOD, **{"Idempotency-Key": "paiement-43"})
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    without = [_post(agent, PAYMENTS, GOOD) for _ in range(2)]
    assert [r.status_code for r in without] == [201, 201]
    assert Payment.objects.count() == 4


def test_the_same_key_with_another_body_is_refused(clients) -> None:
    agent = clients["agent"]
    key = {"Idempotency-Key": "cle-1"}
    assert _post(agent, PAYMENTS, GOOD, **key).status_code == 201
    body = _refused(_post(agent, PAYMENTS, {**GOOD, "amount": "1600"}, **key), 422, None)
    assert "déjà servi" in body["detail"] and body["field"] == "Idempotency-Key"
    renewal = f"{API}/conventions/{GWENAEL}/events/renewal"
    elsewhere = _post(agent, renewal, {"decided_on": "2026-11-02"}, **key)
    assert elsewhere.status_code == 422
    assert Payment.objects.count() == 1 and not RenewalDecision.objects.exists()


def test_keys_are_per_user_and_a_refused_write_keeps_no_key(clients) -> None:
    key = {"Idempotency-Key": "partagee"}
    assert _post(clients["agent"], PAYMENTS, GOOD, **key).status_code == 201
    assert _post(clients["admin"], PAYMENTS, GOOD, **key).status_code == 201
    assert Payment.objects.count() == 2
    future = {**GOOD, "paid_on": "2030-01-01"}
    refused = _post(clients["agent"], PAYMENTS, future, **{"Idempotency-Key": "k-futur"})
    assert refused.status_code == 400
    assert not IdempotencyKey.objects.filter(key="k-futur").exists()
    fixed = _post(clients["agent"], PAYMENTS, GOOD, **{"Idempotency-Key": "k-futur"})
    assert fixed.status_code == 201


@pytest.mark.parametrize("key", ["", "é" * 3, "a" * 256, "a b"])
def test_malformed_keys_are_refused(clients, key) -> None:
    response = clients["agent"].post(
        PAYMENTS, GOOD, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    _refused(response, 400, None)
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Payment.objects.exists()


def test_the_list_reads_only_the_page_asked(clients) -> None:
    """A page of the convention list reads its rows with LIMIT/OFFSET, never the register."""
    from django.db import connection

    statements: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = clients["admin"].get(f"{API}/conventions/", {"limit": 1, "offset": 1})
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 1 and body["count"] >= 3
    everything = clients["admin"].get(f"{API}/conventions/").json()["items"]
    assert body["items"][0] == everything[1]
    reads = [
        sql
        for sql in statements
        if sql.startswith('SELECT "conventions_convention"."id"') and "COUNT(" not in sql
    ]
    assert len(reads) == 1 and "LIMIT 1 OFFSET 1" in reads[0], reads


@pytest.mark.parametrize("offset", [2**63, 10**30])
def test_an_offset_past_64_bit_integers_gives_an_empty_page(clients, offset) -> None:
    """Found by the schema fuzz: the database refused the OFFSET (HTTP 500)."""
    response = clients["agent"].get(f"{API}/conventions/", {"offset": offset})
    assert response.status_code == 200, response.content[:300]
    assert response.json()["items"] == []
    response = clients["agent"].get(f"{API}/conventions/", {"offset": 1, "limit": 10**30})
    assert response.status_code in (200, 422), response.content[:300]
